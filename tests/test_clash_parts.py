"""The parts of clashes() alone, on the real review: each names the clash a reader would see, and only that."""
from __future__ import annotations

import pytest

from qa.check import analyse, knowledge
from qa.check.rules.clashes import (
    _Aligned, _both_against_only, _claim_negations, _comparison_flip, _count_word_clashes, _cue_flip, _cue_flips,
    _flips, _mispaired_identifiers, _negation_flip, _only_clash, _other_identifiers, _other_people,
    _sentence_negations, clashes,
)


@pytest.fixture(scope="module")
def kb(engine):
    return knowledge(engine)


@pytest.fixture(scope="module")
def pair(engine, kb):
    """(claim, sentence, alignment) for a claim and the review sentence holding `fragment`."""
    def make(claim_text: str, fragment: str):
        claim = analyse(kb, engine.read(claim_text, "claim"))
        matching = [s for s in kb.sentences if fragment in s.text]
        assert len(matching) == 1, f"{fragment!r} should pick one sentence, picks {len(matching)}"
        sent = matching[0]
        return claim, sent, _Aligned.of(claim, sent)
    return make


FGF5 = "FGF5 secreted by tumor-associated fibroblasts binds"
FGF5_SENTENCE = "secreted FGF5 (fibroblast growth factor 5)"
ZW25 = "ZW25, binds simultaneously to two HER2 epitopes"
MUC4 = "inhibit the expression of MUC4"
CYCLIN = "which cannot be suppressed by trastuzumab"
RARELY = "ERBB2 mutations rarely co-exist"
DB03 = "DESTINY-Breast03"
ONLY_MEMBRANE = "trastuzumab only targets membrane HER2"


# identifiers
def test_another_identifier_of_the_same_shape(pair):
    claim, sent, _ = pair(f"{FGF5} FGFR1.", FGF5_SENTENCE)
    assert _other_identifiers(claim, sent) == ["the review says FGFR2, not FGFR1 (§3.3)"]


@pytest.mark.parametrize("named", ["FGFR2", "FGFR1 and FGFR2"])
def test_the_same_identifier_is_no_clash(pair, named):
    claim, sent, _ = pair(f"{FGF5} {named}.", FGF5_SENTENCE)
    assert _other_identifiers(claim, sent) == []


def test_an_identifier_paired_with_the_other_agent(kb, pair):
    claim, sent, _ = pair("Pertuzumab binds ECD4 of HER2.", ZW25)
    assert _mispaired_identifiers(kb, claim, sent) == ["the review pairs pertuzumab with ECD2, not ECD4 (§4.3)"]


def test_an_identifier_paired_with_its_own_agent(kb, pair):
    claim, sent, _ = pair("Pertuzumab binds ECD2 of HER2.", ZW25)
    assert _mispaired_identifiers(kb, claim, sent) == []


# alignment
def test_aligned_maps_claim_anchors_into_the_sentence(pair):
    claim, sent, al = pair("TNFα blockers decrease MUC4 expression.", MUC4)
    assert {sent.words[j].text for j in al.anchors_at} >= {"MUC4", "expression"}
    assert all(al.lo <= j <= al.hi for j in al.anchors_at)


# direction, frequency, quality cues
def test_a_reversed_direction(kb, pair):
    claim, sent, al = pair("TNFα blockers increase MUC4 expression.", MUC4)
    i = next(i for i, w in enumerate(claim.words) if w.text == "increase")
    assert _cue_flip(kb, claim, sent, al, i) == 'the review says "inhibit the expression of MUC4", not "increase"'


def test_the_same_direction_is_no_flip(kb, pair):
    claim, sent, al = pair("TNFα blockers decrease MUC4 expression.", MUC4)
    assert _cue_flips(kb, claim, sent, al) == []


def test_a_reversed_frequency(kb, pair):
    claim, sent, al = pair("ERBB2 mutations frequently co-exist with ERBB2 amplification.", RARELY)
    assert _cue_flips(kb, claim, sent, al) == ['the review says "rarely co-exist", not "frequently"']


def test_a_lowered_entity_the_review_speaks_of_itself(kb, pair):
    claim, sent, al = pair("Low miR-567 expression reverses trastuzumab resistance.",
                           "miR-567 could reverse trastuzumab resistance")
    assert 'the review speaks of miR-567 itself, not of "Low miR-567"' in _cue_flips(kb, claim, sent, al)


# negation
def test_the_review_negates_what_the_claim_affirms(kb, pair):
    claim, sent, al = pair("Nuclear HER2-driven cyclin D1 expression can be blocked by trastuzumab.", CYCLIN)
    assert _claim_negations(claim, al) == []
    assert len(_sentence_negations(kb, claim, sent, al)) == 1
    assert _negation_flip(kb, claim, sent, al) == 'the review says "cannot be suppressed by trastuzumab"'


def test_the_claim_negates_what_the_review_affirms(kb, pair):
    claim, sent, al = pair("ERBB2 mutations do not rarely co-exist with ERBB2 amplification.", RARELY)
    assert _negation_flip(kb, claim, sent, al) == 'the review states it without "not"'


def test_a_negative_prefix_in_the_claim(kb, pair):
    claim, sent, al = pair("Epertinib was unapproved by the FDA.", "has recently been approved by the FDA")
    assert [claim.words[i].text for i in _claim_negations(claim, al)] == ["unapproved"]
    assert _negation_flip(kb, claim, sent, al) == 'the review says "recently been approved by the", not "unapproved"'


def test_both_negated_is_no_flip(kb, pair):
    claim, sent, al = pair("Cyclin D1 expression driven by nuclear HER2 cannot be suppressed by trastuzumab.", CYCLIN)
    assert _negation_flip(kb, claim, sent, al) is None


def test_a_negative_prefix_in_the_review(kb, pair):
    claim, sent, al = pair("The review concludes that trastuzumab can now be replaced by newer TKIs, ADCs and "
                           "bispecific antibodies.", "irreplaceable")
    assert _negation_flip(kb, claim, sent, al) == 'the review says "irreplaceable in the treatment of HER2-positive ' \
                                                  'breast"'


# comparison
def test_a_comparison_made_the_other_way_round(kb, pair):
    claim, sent, _ = pair(f"In {DB03}, trastuzumab emtansine was associated with a lower risk of disease progression "
                          "or death than trastuzumab deruxtecan.", "In the DESTINY-Breast03 trial")
    assert _comparison_flip(kb, claim, sent) == \
        "the review compares against trastuzumab emtansine, not trastuzumab deruxtecan"


def test_a_comparison_made_the_same_way(kb, pair):
    claim, sent, _ = pair(f"In {DB03}, trastuzumab deruxtecan was associated with a lower risk of disease progression "
                          "or death than trastuzumab emtansine.", "In the DESTINY-Breast03 trial")
    assert _comparison_flip(kb, claim, sent) is None


# flips together: two cancel out
def test_two_flips_cancel_out(kb, pair):
    claim, sent, al = pair("ERBB2 mutations do not frequently co-exist with ERBB2 amplification.", RARELY)
    assert _flips(kb, claim, sent, al) == ['the review says "rarely co-exist", not "frequently"',
                                           'the review states it without "not"']
    assert clashes(kb, claim, sent) == []


def test_one_flip_is_a_clash(kb, pair):
    claim, sent, _ = pair("ERBB2 mutations frequently co-exist with ERBB2 amplification.", RARELY)
    assert clashes(kb, claim, sent) == ['the review says "rarely co-exist", not "frequently" (§2.1)']


# people, counts, "only", "both"
def test_other_people_named(kb, engine):
    claim = analyse(kb, engine.read("The article was edited by Chunyan Peng.", "claim"))
    sent = next(s for s in kb.sentences if s.text.startswith("Gary M. Tse"))
    reason = _other_people(kb, claim, sent)
    assert reason is not None and reason.startswith("the review names Gary M. Tse here") and \
        reason.endswith("not Chunyan Peng")


def test_the_same_people_named(kb, engine):
    claim = analyse(kb, engine.read("The article was edited by Gary M. Tse.", "claim"))
    sent = next(s for s in kb.sentences if s.text.startswith("Gary M. Tse"))
    assert _other_people(kb, claim, sent) is None


@pytest.mark.parametrize("count,reason", [
    ("three HER2 epitopes", ['the review says "two HER2 epitopes" (§4.3), not "three"']),
    ("a single HER2 epitope", ['the review says "two HER2 epitopes" (§4.3), not "single"']),
    ("two HER2 epitopes", []),
])
def test_a_count_in_words(pair, count, reason):
    claim, sent, al = pair(f"ZW25 binds {count}.", ZW25)
    assert _count_word_clashes(claim, sent, al) == reason


def test_a_claim_going_beyond_only(pair):
    claim, sent, al = pair("Herceptin targets both nuclear and membrane HER2.", ONLY_MEMBRANE)
    assert _only_clash(claim, sent, al) == 'the review says "only targets membrane HER2" (§2.1)'


def test_a_claim_within_only(pair):
    claim, sent, al = pair("Herceptin targets membrane HER2.", ONLY_MEMBRANE)
    assert _only_clash(claim, sent, al) is None


def test_both_against_only(pair):
    claim, sent, al = pair("Trastuzumab binds both HER2 and HER3.", ONLY_MEMBRANE)
    assert _only_clash(claim, sent, al) is None
    assert _both_against_only(claim, sent, al) == 'the review says "trastuzumab only targets membrane HER2" (§2.1)'


def test_no_both_no_clash(pair):
    claim, sent, al = pair("Trastuzumab binds HER2 and HER3.", ONLY_MEMBRANE)
    assert _both_against_only(claim, sent, al) is None


def test_only_once_for_only(kb, pair):
    claim, sent, _ = pair("Herceptin targets both nuclear and membrane HER2.", ONLY_MEMBRANE)
    assert clashes(kb, claim, sent) == ['the review says "only targets membrane HER2" (§2.1)']


# ---- figures against the curated facts: the parts of numbers_from_facts() ----

from qa.check.rules.numbers import (  # noqa: E402
    _Candidate, _Clash, _Matches, _Support, _arm, _backed_by_fact_sentences, _clash_result, _comparator_result,
    _contradiction, _eligible_facts, _fact_in_scope, _fact_measures_claim, _match_figures, _outranked_support,
    _stated_absence, _supported_result, numbers_from_facts, typed_quantities,
)
from qa.quantities import quantities  # noqa: E402


@pytest.fixture(scope="module")
def figures(engine, kb):
    """(claim, its typed figures, the facts eligible for them) for a claim text."""
    def make(text: str):
        claim = analyse(kb, engine.read(text, "claim"))
        typed = typed_quantities(claim)
        return claim, typed, _eligible_facts(kb, claim, typed)
    return make


def fact(kb, fact_id):
    return kb.fact_by_id[fact_id]


EPERTINIB_ORR = "Epertinib showed an objective response rate of 45%."
T_DXD_PFS = "Trastuzumab deruxtecan had a median PFS of 9.4 months in the DESTINY-Breast01 trial."
MARGETUXIMAB_SWAPPED = "Median overall survival was 19.8 months with margetuximab versus 21.6 months with trastuzumab."


@pytest.mark.parametrize("claim_text,fact_id,in_scope", [
    (EPERTINIB_ORR, "outcome.epertinib.orr", True),
    (EPERTINIB_ORR, "outcome.syd985.orr", False),                       # another drug
    (T_DXD_PFS, "outcome.t_dxd.destiny_breast01.pfs", True),
    (T_DXD_PFS, "outcome.t_dxd.destiny_breast03", False),               # another trial of the same drug
    ("The DESTINY-Breast01 trial enrolled 184 patients.", "outcome.t_dxd.destiny_breast01.pfs", True),  # trial named
    (EPERTINIB_ORR, "statistic.her2_positive_share", False),           # epertinib not named
    ("p95HER2-TCB has already completed phase III clinical trials.", "statistic.p95_her2_share", False),  # p95-HER2,
    # named inside the drug's name, is another specific entity than the drug the claim is about
])
def test_fact_in_scope(kb, figures, claim_text, fact_id, in_scope):
    claim, _, _ = figures(claim_text)
    assert _fact_in_scope(kb, claim, fact(kb, fact_id)) is in_scope


@pytest.mark.parametrize("claim_text,fact_id,measures", [
    (EPERTINIB_ORR, "outcome.epertinib.orr", True),
    ("Epertinib produced a median progression-free survival of 9.4 months.", "outcome.epertinib.orr", False),
    ("SYD985 showed a median progression-free survival of 9.4 months.", "outcome.syd985.pfs", True),
    ("Margetuximab was tested in a phase III trial.", "outcome.margetuximab.pfs", True),        # gives a phase
    ("Margetuximab was tested in a phase III trial.", "outcome.syd985.orr", False),             # gives none
])
def test_fact_measures_claim(kb, figures, claim_text, fact_id, measures):
    claim, typed, _ = figures(claim_text)
    assert _fact_measures_claim(kb, claim, fact(kb, fact_id), typed, 1.0) is measures


def test_a_fact_beside_the_claims_topic_does_not_measure_it(kb, figures):
    claim, typed, _ = figures("About 70% of HER2-positive breast cancer patients develop resistance.")
    assert not claim.metrics
    f = fact(kb, "statistic.trastuzumab_resistance_within_one_year")
    assert _fact_measures_claim(kb, claim, f, typed, 0.9) and not _fact_measures_claim(kb, claim, f, typed, 0.0)


def test_eligible_facts_best_topic_first(figures):
    _, _, eligible = figures(EPERTINIB_ORR)
    assert [c.fact.id for c in eligible] == ["outcome.epertinib.orr"]
    _, _, eligible = figures("SYD985 produced a 27% ORR in HER2-low metastatic breast cancer.")
    assert eligible[0].fact.id == "outcome.syd985.her2_low_orr"
    assert [c.topic for c in eligible] == sorted((c.topic for c in eligible), reverse=True)


def test_arm_of_each_figure(kb, figures):
    claim, typed, _ = figures(MARGETUXIMAB_SWAPPED)
    f = fact(kb, "outcome.margetuximab.os")
    assert [(q.low, _arm(kb, claim, q, f)) for q in typed] == [(19.8, "agent"), (21.6, "comparator")]


def test_a_name_the_comparator_shares_counts_for_the_comparator(kb, figures, monkeypatch):
    claim, typed, _ = figures(MARGETUXIMAB_SWAPPED)
    f = fact(kb, "outcome.margetuximab.os")
    monkeypatch.setitem(kb.registry.fact_groups, f.id, [*kb.registry.fact_groups[f.id], "herceptin"])
    assert [_arm(kb, claim, q, f) for q in typed] == ["agent", "comparator"]


def test_no_arm_without_a_comparator(kb, figures):
    claim, typed, _ = figures(EPERTINIB_ORR)
    assert _arm(kb, claim, typed[0], fact(kb, "outcome.epertinib.orr")) is None


def test_match_figures_sorts_support_clash_and_other_arm(kb, figures):
    claim, typed, eligible = figures(EPERTINIB_ORR)
    m = _match_figures(kb, claim, typed, eligible)
    assert m.supported == {} and [c.fq.q.low for c in m.clashes[0]] == [19.0]
    claim, typed, eligible = figures("Median overall survival was 21.6 months with margetuximab versus 19.8 months "
                                     "with trastuzumab.")
    m = _match_figures(kb, claim, typed, eligible)
    assert {qi: s.fq.q.low for qi, s in m.supported.items()} == {0: 21.6, 1: 19.8} and m.swapped == {}
    claim, typed, eligible = figures(MARGETUXIMAB_SWAPPED)
    m = _match_figures(kb, claim, typed, eligible)
    assert m.supported == {} and {qi: fq.q.low for qi, fq in m.swapped.items()} == {0: 19.8, 1: 21.6}


def test_a_figure_of_another_measure_gives_way_to_the_claims_measure(kb, figures):
    claim, typed, eligible = figures("In DESTINY-Breast01, T-DXd gave a median PFS of 14.8 months and an objective "
                                     "response rate of 60.9%.")
    m = _match_figures(kb, claim, typed, eligible)
    assert m.supported[0].fact.id == "outcome.t_dxd.destiny_breast01.duration_of_response"   # 14.8 is the DoR
    assert _outranked_support(m, eligible) == [0]
    r = numbers_from_facts(kb, claim, typed)
    assert (r.verdict, r.reason) == ("contradicted",
                                     "the review reports a median PFS of 16.4 months for T-DXd (§4.2), not 14.8 months")


def test_a_facts_second_figure_only_supports(kb, figures):
    claim, typed, eligible = figures("Diarrhea occurred in 20% of patients treated with poziotinib.")
    m = _match_figures(kb, claim, typed, eligible)
    held = [(c.fq.fact.id, c.fq.q.low) for c in m.clashes[0] if c.fq.fact.id == "outcome.poziotinib.ae.diarrhea"]
    assert held == [("outcome.poziotinib.ae.diarrhea", 96.23)]          # not its grade 3 share, 14.15%
    claim, typed, eligible = figures("Grade 3 diarrhea occurred in 14.15% of patients treated with poziotinib.")
    m = _match_figures(kb, claim, typed, eligible)
    assert m.supported[0].fq.role == "second"


def test_support_from_a_less_relevant_fact_is_outranked(kb):
    weak, strong = fact(kb, "outcome.syd985.orr"), fact(kb, "outcome.syd985.her2_low_orr")
    fq_weak, fq_strong = kb.fact_quantities[weak.id][0], kb.fact_quantities[strong.id][0]
    m = _Matches(supported={0: _Support(fq_weak, weak)}, clashes={0: [_Clash(0.9, fq_strong)]})
    assert _outranked_support(m, [_Candidate(0.9, strong), _Candidate(0.5, weak)]) == [0]
    assert _outranked_support(m, [_Candidate(0.9, strong), _Candidate(0.85, weak)]) == []   # within 0.1


def test_a_second_figure_backed_by_the_supporting_facts_sentence(kb, figures):
    claim, typed, eligible = figures("SYD985: ORR 27% in HER2-low metastatic breast cancer (HR-positive N = 32, "
                                     "triple-negative N = 17)")
    m = _match_figures(kb, claim, typed, eligible)
    assert 0 in m.supported and _backed_by_fact_sentences(kb, typed, m) == [1, 2]
    assert _backed_by_fact_sentences(kb, typed, _Matches()) == []


def test_clash_result_says_the_reviews_figure(kb, figures):
    claim, typed, eligible = figures(EPERTINIB_ORR)
    m = _match_figures(kb, claim, typed, eligible)
    r = _clash_result(kb, claim, typed[0], m.clashes[0], swapped=False)
    assert (r.verdict, r.reason) == ("contradicted", "the review reports an ORR of 19.0% for Epertinib (§4.1), not 45%")
    assert [f.id for f in r.facts] == ["outcome.epertinib.orr"] and "19.0%" in r.sentences[0].text


def test_clash_result_takes_the_fact_most_on_topic(kb, figures):
    claim, typed, eligible = figures("Patients with brain metastases had a median PFS of 12 months in "
                                     "DESTINY-Breast01.")
    clashes = _match_figures(kb, claim, typed, eligible).clashes[0]
    assert len({c.fq.fact.id for c in clashes}) == 2
    assert "18.1 months" in _clash_result(kb, claim, typed[0], clashes, swapped=False).reason
    assert "18.1 months" in _clash_result(kb, claim, typed[0], clashes[::-1], swapped=False).reason


def test_clash_result_on_a_tie_takes_the_earlier_fact(kb, figures):
    claim, typed, _ = figures("SYD985 showed an ORR of 45%.")
    early, late = fact(kb, "outcome.syd985.orr"), fact(kb, "outcome.syd985.her2_low_orr")
    tied = [_Clash(0.5, kb.fact_quantities[late.id][0]), _Clash(0.5, kb.fact_quantities[early.id][0])]
    assert "ORR of 33%" in _clash_result(kb, claim, typed[0], tied, swapped=False).reason


def test_contradiction_skips_a_supported_figure(kb, figures):
    claim, typed, eligible = figures("SYD985 showed an ORR of 33% and a median PFS of 12 months.")
    m = _match_figures(kb, claim, typed, eligible)
    assert 0 in m.supported and 0 in m.clashes          # 33% is also not the HER2-low cohort's 27%
    assert _contradiction(kb, claim, typed, m).reason == \
        "the review reports a median PFS of 9.4 months for SYD985 (§4.2), not 12 months"


def test_contradiction_names_the_comparator_arm(kb, figures):
    claim, typed, eligible = figures(MARGETUXIMAB_SWAPPED)
    r = _contradiction(kb, claim, typed, _match_figures(kb, claim, typed, eligible))
    assert r.reason == ("the review reports a median OS of 21.6 months for margetuximab (§4.3), not 19.8 months; "
                        "19.8 months is the figure of the comparator arm")


def test_no_contradiction_when_every_figure_is_supported(kb, figures):
    claim, typed, eligible = figures("SYD985 showed a median progression-free survival of 9.4 months.")
    assert _contradiction(kb, claim, typed, _match_figures(kb, claim, typed, eligible)) is None


def test_comparator_result(kb):
    f = fact(kb, "outcome.margetuximab.pfs")
    fq = next(fq for fq in kb.fact_quantities[f.id] if fq.role == "comparator")
    r = _comparator_result(kb, quantities("4.4 months")[0], fq)
    assert r.verdict == "contradicted" and r.reason.startswith(
        "the review gives 4.4 months for the comparator arm, not for margetuximab (Margetuximab phase III")


def test_supported_result_says_each_facts_figure(kb, figures):
    claim, typed, eligible = figures("Median overall survival was 21.6 months with margetuximab versus 19.8 months "
                                     "with trastuzumab.")
    r = _supported_result(kb, claim, _match_figures(kb, claim, typed, eligible))
    assert (r.verdict, r.reason) == ("supported", "the review reports a median OS of 21.6 months for margetuximab; "
                                     "a median OS of 19.8 months with trastuzumab plus chemotherapy (§4.3)")
    assert [f.id for f in r.facts] == ["outcome.margetuximab.os"]


def test_a_measure_the_review_says_is_not_there(kb, figures):
    claim, typed, eligible = figures("Trastuzumab deruxtecan reached a median overall survival of 16.4 months in "
                                     "DESTINY-Breast01.")
    r = _stated_absence(kb, claim, typed, eligible)
    assert r.verdict == "contradicted" and r.reason.startswith(
        'the review says for trastuzumab deruxtecan: "no median OS was available" (§4.2); the 16.4 months it reports '
        'is for trastuzumab deruxtecan (T-DXd) in DESTINY-Breast01 (§4.2: "There was a median PFS of 16.4 months')


@pytest.mark.parametrize("claim_text", [
    EPERTINIB_ORR,
    "Trastuzumab deruxtecan had a median PFS of 45% in DESTINY-Breast01.",   # the PFS fact has a value (and "no")
])
def test_no_absence_for_a_measure_with_a_value(kb, figures, claim_text):
    claim, typed, eligible = figures(claim_text)
    assert eligible and _stated_absence(kb, claim, typed, eligible) is None


@pytest.mark.parametrize("claim_text,verdict", [
    (EPERTINIB_ORR, "contradicted"),
    ("SYD985 showed a median progression-free survival of 9.4 months.", "supported"),
    ("Tucatinib showed an objective response rate of 45%.", None),          # no fact of it
    ("SYD985 showed a median PFS of 9.4 months, a 3-fold gain.", None),    # partly supported: left to the sentences
    ("Trastuzumab deruxtecan had a median PFS of 45% in DESTINY-Breast01.", "not_found"),   # nothing comparable
])
def test_numbers_from_facts_end_to_end(kb, figures, claim_text, verdict):
    claim, typed, _ = figures(claim_text)
    r = numbers_from_facts(kb, claim, typed)
    assert (r and r.verdict) == verdict
