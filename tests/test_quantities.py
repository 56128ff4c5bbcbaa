"""The parts of quantities() alone: each reads the figure a user would read from a phrase, or leaves it alone."""
from __future__ import annotations

import pytest

from qa.quantities import (
    _Source, _dates, _digit_figures, _figure_at, _part_of_name, _phases, _qualifier, _qualifier_before, _ratios,
    _set_aside_citations, _spelled_durations, _spelled_with_unit, _unit_after, _unit_before, _value_and_range,
    agree, quantities,
)


def at(text: str, number: str) -> tuple[_Source, int, int]:
    """The source of `text` and the span of the (first) printed `number` in it."""
    src = _Source.of(text)
    s = text.index(number)
    return src, s, s + len(number)


def figure(text: str, number: str):
    src, s, e = at(text, number)
    return _figure_at(src, s, e)


# ranges and units after the number
@pytest.mark.parametrize("text,number,low,high,unit", [
    ("15% to 20%", "15", 15, 20, "%"),
    ("15-20 percent", "15", 15, 20, "%"),
    ("between 2 and 5 months", "2", 2, 5, "months"),
    ("ratio of 20 to 10", "20", 10, 20, ""),         # printed high to low: swapped
    ("184 patients", "184", 184, 184, "count"),
    ("12 breast cancer cell lines", "12", 12, 12, "count"),
])
def test_value_and_range_reads_the_range_and_its_unit(text, number, low, high, unit):
    src, s, e = at(text, number)
    fig = _value_and_range(src.low, s, e)
    assert (fig.low, fig.high, fig.unit) == (low, high, unit)


def test_an_and_range_needs_between():
    src, s, e = at("2 and 5 months", "2")
    fig = _value_and_range(src.low, s, e)
    assert (fig.low, fig.high, fig.unit) == (2, 2, "")


def test_value_and_range_ends_after_the_second_unit():
    fig = _value_and_range(_Source.of("15% to 20% of all").low, 0, 2)
    assert fig.end == len("15% to 20%")


def test_decimals_are_those_of_the_finer_end():
    assert _value_and_range("16 to 16.4 months", 0, 2).decimals == 1


def test_unit_after_keeps_a_known_unit():
    assert _unit_after("20% of", 2, "") == ("%", 3)
    assert _unit_after(" months", 0, "%") == ("%", 0)       # "15% to 20 months" stays a percentage range end
    assert _unit_after(" months", 0, "") == ("months", 7)


def test_a_noun_of_things_counted_makes_a_count():
    counts = [(q.low, q.unit) for q in quantities("The trial enrolled 184 patients.")]
    assert counts == [(184, "count")]


def test_thousands_separator_reads_one_count():
    assert [(q.low, q.unit) for q in quantities("The trial enrolled 12,400 patients.")] == [(12400, "count")]
    assert [(q.low, q.high) for q in quantities("between 1,200 and 1,500 patients")] == [(1200, 1500)]
    assert [(q.low, q.unit) for q in quantities("In 2018, 50 patients")] == [(2018, "year"), (50, "count")]


@pytest.mark.parametrize("text,value,qual", [
    ("roughly a quarter of patients", 25.0, "about"),
    ("two-thirds of patients", 66.7, "about"),
    ("about a third", 33.3, "about"),
    ("more than half of patients", 50.0, "gt"),
    ("the majority of tumours", 50.0, "gt"),
    ("a minority of cases", 50.0, "lt"),
])
def test_fractions_are_shares(text, value, qual):
    assert [(q.low, q.unit, q.qual) for q in quantities(text)] == [(value, "%", qual)]


@pytest.mark.parametrize("text", ["a third party", "its half-life", "third-line therapy", "half the dose was"])
def test_fraction_words_that_are_no_share(text):
    assert [q for q in quantities(text) if q.unit == "%"] == []


def test_spelled_duration_keeps_its_qualifier_and_hazard_ratio_has_a_unit():
    assert [(q.low, q.qual) for q in quantities("responses lasting over six months")] == [(6.0, "gt")]
    assert [(q.low, q.unit) for q in quantities("HR 0.55")] == [(0.55, "hr")]


# labels before the number
@pytest.mark.parametrize("text,number,unit,label", [
    ("p = 0.002", "0.002", "p", "p = 0.002"),
    ("n = 184", "184", "count", "n = 184"),
    ("skipping of exon 16", "16", "exon", "exon 16"),
    ("grade 3 neutropenia", "3", "grade", "grade 3"),
])
def test_unit_before_takes_the_label(text, number, unit, label):
    src, s, e = at(text, number)
    got, start = _unit_before(src.before(s), s)
    assert got == unit and text[start:e] == label


def test_no_label_no_unit():
    src, s, _ = at("an ORR of 19", "19")
    assert _unit_before(src.before(s), s) == ("", s)


# qualifiers
@pytest.mark.parametrize("before,qual", [
    ("about ", "about"), ("approximately ", "about"), ("nearly ", "about"), ("~", "about"),
    ("less than ", "lt"), ("up to ", "lt"), ("more than ", "gt"), ("at least ", "gt"), ("in ", None),
])
def test_qualifier_before(before, qual):
    assert _qualifier_before(before) == qual


@pytest.mark.parametrize("before,after,unit,qual", [
    ("p < ", "", "p", "lt"),
    ("p ≤ ", "", "p", "lt"),
    ("p > ", "", "p", "gt"),
    ("p = ", "", "p", None),
    ("about p = ", "", "p", None),          # a p-value's qualifier is its operator only
    ("", " or more", "%", "gt"),
    ("about ", " or less", "%", "lt"),       # the words after the figure win
])
def test_qualifier(before, after, unit, qual):
    assert _qualifier(before, after, unit) == qual


@pytest.mark.parametrize("text,number,expected", [
    ("About 70% of patients", "70", (70, 70, "%", "about", False)),
    ("less than 5% of cases", "5", (5, 5, "%", "lt", False)),
    ("significant (p < 0.05)", "0.05", (0.05, 0.05, "p", "lt", False)),
    ("HR 3.59, 95% CI 2.94 to 4.40", "2.94", (2.94, 4.40, "", None, True)),
    ("a 16.4-month median PFS", "16.4", (16.4, 16.4, "months", None, False)),
    ("for 2 years", "2", (24, 24, "months", None, False)),
    ("published in 2019", "2019", (2019, 2019, "year", None, False)),
    ("at 10 mg/kg", "10", (10, 10, "mg/kg", None, False)),
])
def test_figure_at_reads_the_whole_quantity(text, number, expected):
    q = figure(text, number)
    assert (round(q.low, 9), round(q.high, 9), q.unit, q.qual, q.ci) == expected


def test_figure_at_quotes_the_figure_with_its_label():
    assert figure("significant (p < 0.05)", "0.05").text == "p < 0.05"
    assert figure("account 15% to 20% of all", "15").text == "15% to 20%"


# names, CI levels and citations are no figures
@pytest.mark.parametrize("text,number,is_name", [
    ("HER2-positive", "2", True),
    ("T-DM1 therapy", "1", True),
    ("miR-155 levels", "155", True),
    ("3D culture", "3", True),
    ("a 16.4-month PFS", "16.4", False),
    ("a 3-fold rise", "3", False),
    ("in 45% of", "45", False),
])
def test_part_of_name(text, number, is_name):
    src, s, e = at(text, number)
    assert _part_of_name(src.low, s, e) is is_name


def test_digit_figures_skip_names_and_the_ci_level():
    figures = _digit_figures(_Source.of("HER2 HR 3.59 (95% CI 2.94 to 4.40)"))
    assert [(q.low, q.high, q.ci) for q in figures] == [(3.59, 3.59, False), (2.94, 4.40, True)]


def test_digit_figures_read_only_free_text():
    src = _Source.of("12 September 2022 and 19%")
    src.take((0, 17))
    assert [q.text for q in _digit_figures(src)] == ["19%"]


def test_citations_are_set_aside_but_a_percentage_in_brackets_is_kept():
    src = _Source.of("resistance (3) in (12, 14-16) of them (20%), or (25)%")
    _set_aside_citations(src)
    assert [q.low for q in _digit_figures(src)] == [20, 25]


# figures in words and patterns
def test_dates():
    got = [(q.text, q.date) for q in _dates(_Source.of("Received 12 September 2022; online September 30, 2022; "
                                                       "printed October 2022"))]
    assert got == [("12 September 2022", (2022, 9, 12)), ("September 30, 2022", (2022, 9, 30)),
                   ("October 2022", (2022, 10, None))]


def test_lowercase_may_is_the_verb():
    assert _dates(_Source.of("this may 2020 cohort")) == []
    assert [q.date for q in _dates(_Source.of("in May 2020"))] == [(2020, 5, None)]


def test_a_date_is_not_read_twice():
    src = _Source.of("12 September 2022")
    assert len(_dates(src)) == 1 and not src.free(0, 2)


@pytest.mark.parametrize("text,low,high", [("a phase II trial", 2, 2), ("the phase Ib study", 1.5, 1.5),
                                           ("phase I/II", 1, 2), ("phase 3", 3, 3), ("preclinical models", 0, 0)])
def test_phases(text, low, high):
    assert [(q.low, q.high, q.unit) for q in _phases(_Source.of(text))] == [(low, high, "phase")]


@pytest.mark.parametrize("text,months", [("within one year", 12), ("within a year", 12), ("for six weeks", 6 * 12 / 52),
                                         ("two days", 2 * 12 / 365.25)])
def test_spelled_durations_in_months(text, months):
    assert [(q.unit, round(q.low, 6)) for q in _spelled_durations(_Source.of(text))] == [("months", round(months, 6))]


def test_a_year_earlier_is_no_figure():
    assert _spelled_durations(_Source.of("a year earlier")) == []


@pytest.mark.parametrize("text,value,qual", [("one in five patients", 20, "about"), ("3 out of 10", 30, "about"),
                                             ("fewer than one in ten", 10, "lt"), ("two in every three", 66.7, "about")])
def test_ratios_are_percentages(text, value, qual):
    assert [(q.low, q.unit, q.qual) for q in _ratios(_Source.of(text))] == [(value, "%", qual)]


def test_a_ratio_needs_a_part_smaller_than_the_whole():
    assert _ratios(_Source.of("five in one")) == []


def test_spelled_percents():
    assert [(q.low, q.unit, q.qual) for q in _spelled_with_unit(_Source.of("roughly thirty percent"))] == \
        [(30, "%", "about")]


# the whole reading
def test_quantities_in_text_order():
    got = [(q.low, q.unit) for q in quantities("In 2019, an ORR of 45% within one year in a phase II trial "
                                                "of 184 patients.")]
    assert got == [(2019, "year"), (45, "%"), (12, "months"), (2, "phase"), (184, "count")]


def test_quantities_of_a_review_sentence(source_text):
    sentence = next(line for line in source_text.split(". ") if "account 15% to 20%" in line)
    assert [(q.low, q.high, q.unit) for q in quantities(sentence)] == [(15, 20, "%")]


@pytest.mark.parametrize("text,value,unit", [
    ("an eGFR below 60 mL/min", 60.0, "ml/min"),
    ("below forty-five mL/min", 45.0, "ml/min"),
    ("4.3 cases per 100,000 patient-years", 4.3, "rate"),
    ("a fasting glucose of 7.0 mmol/L", 7.0, "mmol/l"),
    ("thirty mg daily", 30.0, "mg"),
])
def test_clinical_units_and_spelled_numbers(text, value, unit):
    assert [(q.low, q.unit) for q in quantities(text)] == [(value, unit)]


def test_two_bounds_the_same_way_are_thresholds():
    below45, below60 = quantities("below 45 mL/min")[0], quantities("below 60 mL/min")[0]
    assert agree(below45, below60) is False and agree(below45, quantities("under 45 mL/min")[0]) is True


def test_a_whole_number_and_a_half():
    from qa.quantities import quantities
    got = [(q.low, q.unit, q.qual) for q in quantities("about 9 and a half months, two and a half years")]
    assert got == [(9.5, "months", "about"), (30.0, "months", None)]


def test_a_rate_with_what_its_cases_are_of():
    from qa.quantities import quantities
    got = [(q.low, q.unit) for q in quantities("4.3 cases of lactic acidosis per 100,000 patient-years")]
    assert got == [(4.3, "rate")]


@pytest.mark.parametrize("text,units", [
    ("a median PFS of 5.7 months versus 4.4", ["months", "months"]),
    ("4.3 cases per 100,000 with metformin and 5.4 without it", ["rate", "rate"]),
    ("an ORR of 19% and 2 cohorts", ["%", ""]),          # a count of something else keeps no unit
])
def test_a_bare_second_figure_shares_the_unit_of_the_first(text, units):
    from qa.quantities import quantities
    assert [q.unit for q in quantities(text)] == units


def test_teens_are_number_words_too():
    from qa.quantities import quantities
    assert [(q.low, q.unit) for q in quantities("nineteen percent, thirteen per cent, fifteen months")] == \
        [(19.0, "%"), (13.0, "%"), (15.0, "months")]


def test_a_first_figure_shares_the_unit_said_after_the_second():
    from qa.quantities import quantities
    assert [(q.low, q.unit) for q in quantities("an IHC score of 0 or 1+")] == [(0.0, "score"), (1.0, "score")]
    assert [(q.low, q.unit) for q in quantities("2 or 3 months")] == [(2.0, "months"), (3.0, "months")]


@pytest.mark.parametrize("text,expected", [
    ("roughly a quarter to a third of all breast cancers", (25.0, 33.3)),
    ("Fifteen to twenty per cent of breast cancers", (15.0, 20.0)),
])
def test_ranges_said_in_words(text, expected):
    from qa.quantities import quantities
    (q,) = quantities(text)
    assert (q.low, q.high, q.unit) == (*expected, "%")
