"""FactQuantity: the figures of a curated fact (value, comparator, second value, CI, p, phase) as quantities."""
from __future__ import annotations

from dataclasses import dataclass

from ..models import Fact
from ..quantities import Quantity, quantities


@dataclass
class FactQuantity:
    """One figure of a curated fact and whose it is: the agent's, the comparator's or a second value."""
    q: Quantity
    role: str          # "agent", "comparator", "second"
    fact: Fact


def fact_quantities(fact: Fact) -> list[FactQuantity]:
    """Every figure of the fact, found in its evidence text where possible (so it shows as the review prints it)."""
    found = quantities(fact.evidence)
    out: list[FactQuantity] = []

    def locate(value, high=None, ci=False) -> Quantity | None:
        for q in found:
            if q.unit == "date" and value in (q.date[2], q.date[0]):
                return q
            same_high = high is None or abs(q.high - float(high)) < 1e-9
            if q.unit != "date" and abs(q.low - float(value)) < 1e-9 and same_high and q.ci == ci:
                return q
        for q in found:
            if q.unit != "date" and abs(q.low - float(value)) < 1e-9:
                return q
        return None

    unit_map = {"%": "%", "months": "months", "patients": "count", "samples": "count"}
    value, high = fact.get("value"), fact.get("value_high")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        q = locate(value, high)
        if q is None:
            unit = unit_map.get(str(fact.get("unit") or ""), "")
            q = Quantity(float(value), float(high if high is not None else value), unit,
                         text=f"{value:g}{'%' if unit == '%' else (' ' + unit if unit else '')}")
        elif high is None and q.is_range and q.unit != "date":
            q = Quantity(q.low, q.low, q.unit, q.qual, q.ci, f"{q.low:g}", q.start, q.end, q.date, q.decimals)
        qual = fact.get("qualifier")
        if qual in ("about", "less than", "more than") and q.qual is None:
            q = Quantity(q.low, q.high, q.unit, {"about": "about", "less than": "lt", "more than": "gt"}[qual],
                         q.ci, q.text, q.start, q.end, q.date, q.decimals)
        out.append(FactQuantity(q, "agent", fact))
    cv = fact.get("comparator_value")
    if isinstance(cv, (int, float)) and not isinstance(cv, bool):
        q = locate(cv) or Quantity(float(cv), float(cv), out[0].q.unit if out else "", text=f"{cv:g}")
        out.append(FactQuantity(q, "comparator", fact))
    sv = fact.get("second_value")
    if isinstance(sv, (int, float)) and not isinstance(sv, bool):
        q = locate(sv) or Quantity(float(sv), float(sv), out[0].q.unit if out else "", text=f"{sv:g}")
        out.append(FactQuantity(q, "second", fact))
    lo, hi = fact.get("ci_low"), fact.get("ci_high")
    if isinstance(lo, (int, float)) and not isinstance(lo, bool):
        q = next((x for x in found if x.ci and abs(x.low - lo) < 1e-9), None)
        if q is None:
            q = Quantity(float(lo), float(hi if isinstance(hi, (int, float)) else lo), out[0].q.unit if out else "",
                         ci=True, text=f"{lo:g} to {hi:g}" if hi is not None else f"{lo:g}")
        out.append(FactQuantity(q, "agent", fact))
    pv = fact.get("p_value")
    if isinstance(pv, (int, float)) and not isinstance(pv, bool):
        q = next((x for x in found if x.unit == "p"), None) or \
            Quantity(float(pv), float(pv), "p", text=f"p = {pv:g}")
        out.append(FactQuantity(q, "agent", fact))
    for text in (fact.get("trial"), fact.get("stage") if fact.kind == "agent" else None):
        if isinstance(text, str):
            for q in quantities(text):
                if q.unit == "phase":
                    out.append(FactQuantity(q, "agent", fact))
    return out
