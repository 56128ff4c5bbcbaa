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
