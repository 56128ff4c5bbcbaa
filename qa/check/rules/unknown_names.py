"""unknown_terms: the names and identifiers of a claim that the review never mentions (from its Reading)."""
from __future__ import annotations

from ...reading import UnknownName
from ..claim import Claim


def unknown_terms(claim: Claim) -> tuple[list[UnknownName], list[UnknownName]]:
    """(specific names the review's text never uses, identifiers it never uses): the reading's one rule; a name
    found only in the reference list counts as not mentioned."""
    unknown = claim.reading.unknown if claim.reading else ()
    return [u for u in unknown if not u.identifier], [u for u in unknown if u.identifier]
