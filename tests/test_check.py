"""Claim fact-checking on the real review: each kind of claim, the reason a user reads, the CLI, dev-set accuracy."""
from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest

from conftest import DATA, run_qa

from qa.engine import MAX_QUESTION_CHARS, QueryError
from qa.evaluate import evaluate_claims, load_gold
from qa.output import verdict_json

VERDICTS = {"supported", "contradicted", "not_found"}


def check(engine, claim):
    verdict = engine.check(claim)
    assert verdict.verdict in VERDICTS
    return verdict


def assert_verdict(engine, claim, expected, *in_reason):
    verdict = check(engine, claim)
    assert verdict.verdict == expected, f"{claim!r}: {verdict.verdict} ({verdict.reason})"
    for text in in_reason:
        assert text in verdict.reason, f"{claim!r}: {text!r} not in reason {verdict.reason!r}"
    if expected != "not_found":
        assert verdict.evidence, "a supported or contradicted verdict shows the sentence it rests on"
    return verdict


# -- numbers: percentages, months, p-values, counts, CIs, ranges, qualifiers, dates --------------------------------

@pytest.mark.parametrize("claim, expected, shown", [
    ("Epertinib showed an objective response rate of 45%.", "contradicted", ["19.0%", "45%", "§4.1"]),
    ("SYD985 had a 33% objective response rate.", "supported", ["33%"]),
    ("About 70% of HER2-positive breast cancer patients develop resistance to trastuzumab within one year "
     "of starting treatment.", "supported", ["About 70%"]),
    ("HER2-positive tumors make up 15-20 percent of all breast cancers.", "supported", ["15% to 20%"]),
    ("HER2-positive tumors make up 15–20% of all breast cancers.", "supported", ["15% to 20%"]),
    ("HER2-positive tumors account for 30% to 40% of all breast cancers.", "contradicted",
     ["15% to 20%", "30% to 40%"]),
    ("Trastuzumab deruxtecan had a median PFS of 9.4 months in the DESTINY-Breast01 trial.", "contradicted",
     ["16.4 months", "9.4 months"]),
    ("Median overall survival was 19.8 months with margetuximab versus 21.6 months with trastuzumab.",
     "contradicted", ["21.6 months"]),
    ("High stromal α-SMA expression was associated with short disease-free survival (p = 0.002).", "supported",
     ["0.002"]),
    ("ERBB2 mutations occur in less than 5% of breast cancer patients.", "supported", ["less than 5%"]),
    ("ERBB2 mutations occur in more than 20% of breast cancer patients.", "contradicted", ["less than 5%"]),
    ("76.1% of patients treated with T-DXd responded.", "supported", ["76.1%"]),
    ("SYD985 safety data came from 120 patients.", "contradicted", ["50 patients"]),
    ("The article was received on 12 September 2022.", "contradicted", ["29 July 2022"]),
    ("Poziotinib was evaluated in a phase III study.", "contradicted", ["phase II"]),
])
def test_numbers(engine, claim, expected, shown):
    assert_verdict(engine, claim, expected, *shown)


def test_a_number_for_the_wrong_metric_or_arm_is_named(engine):
    v = assert_verdict(engine, "Trastuzumab deruxtecan reached a median overall survival of 16.4 months in "
                               "DESTINY-Breast01.", "contradicted", "no median OS was available")
    assert "16.4 months" in v.reason
    assert_verdict(engine, "The median PFS with trastuzumab plus chemotherapy was 4.4 months in the margetuximab "
                           "trial.", "supported", "4.4 months")


# -- entities and aliases: a number is only ever compared with the same entity's number -----------------------------

@pytest.mark.parametrize("claim, expected, shown", [
    ("Poziotinib is an oral drug that irreversibly inhibits pan-HER kinases.", "supported", ["Pozotinib"]),
    ("DS-8201a produced a median PFS of 16.4 months in DESTINY-Breast01.", "supported", ["16.4 months"]),
    ("Trastuzumab duocarmazine had an objective response rate of 33%.", "supported", ["33%"]),
    ("Trastuzumab deruxtecan had a 33% objective response rate.", "contradicted", ["60.9%"]),
    ("DS-8201a is another name for trastuzumab emtansine.", "contradicted", ["trastuzumab deruxtecan"]),
    ("S-222611 is the development code of poziotinib.", "contradicted", ["epertinib"]),
    # the review never prints "Kadcyla": qa's glossary knows the brand name, but the review does not say it
    ("Kadcyla is trastuzumab emtansine.", "not_found", ["never uses the name Kadcyla"]),
    ("T-DM1 is also known as trastuzumab emtansine.", "supported", []),
])
def test_entities_and_aliases(engine, claim, expected, shown):
    assert_verdict(engine, claim, expected, *shown)


@pytest.mark.parametrize("claim, figure, owner", [
    ("Poziotinib achieved an objective response rate of 27% in its phase II study.", "27%", "SYD985"),
    ("Epertinib produced a median progression-free survival of 9.4 months.", "9.4 months", "SYD985"),
    ("SYD985 achieved a median overall survival of 14.8 months.", "14.8 months", "DESTINY-Breast01"),
    ("Alpelisib plus trastuzumab achieved a 33% objective response rate.", "33%", "SYD985"),
])
def test_another_drugs_number_is_not_found_and_says_whose_it_is(engine, claim, figure, owner):
    assert_verdict(engine, claim, "not_found", figure, owner)


# -- Table 1 polarity ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("claim, expected, shown", [
    ("ARID1A is positively correlated with trastuzumab resistance.", "contradicted", ["negative"]),
    ("ARID1A is negatively correlated with trastuzumab resistance.", "supported", ["negative"]),
    ("EPHA5 is associated with secondary resistance to trastuzumab.", "contradicted", ["primary"]),
    ("CDK12 is associated with both primary and secondary trastuzumab resistance.", "supported",
     ["primary and secondary"]),
    ("YAP1 predicts secondary (acquired) resistance to trastuzumab.", "supported", ["secondary"]),
    ("PKCα shows a negative correlation with trastuzumab resistance.", "supported", ["negative"]),
    ("STAT3 is associated with both primary and secondary trastuzumab resistance.", "contradicted", ["primary"]),
])
def test_table_1_polarity(engine, claim, expected, shown):
    v = assert_verdict(engine, claim, expected, "Table 1", *shown)
    assert any(e.section == "table-1" for e in v.evidence)


# -- statements the review negates ----------------------------------------------------------------------------------

@pytest.mark.parametrize("claim, expected, shown", [
    ("ERBB2 mutations frequently co-exist with ERBB2 amplification.", "contradicted", ["rarely"]),
    ("ERBB2 mutations rarely co-exist with ERBB2 amplification.", "supported", ["rarely"]),
    ("Nuclear HER2-driven cyclin D1 expression can be blocked by trastuzumab.", "contradicted", ["cannot"]),
    ("Cyclin D1 expression driven by nuclear HER2 cannot be suppressed by trastuzumab.", "supported", ["cannot"]),
    ("TNFα blockers increase MUC4 expression.", "contradicted", ["inhibit"]),
    ("Low miR-567 expression reverses trastuzumab resistance.", "contradicted", ["miR-567"]),
    ("Downregulation of miR-567 induces resistance to trastuzumab.", "supported", []),
    ("The authors declare a potential conflict of interest arising from commercial relationships.",
     "contradicted", ["absence"]),
    ("The review concludes that trastuzumab can now be replaced by newer TKIs, ADCs and bispecific antibodies.",
     "contradicted", ["irreplaceable"]),
    ("Herceptin targets both nuclear and membrane HER2.", "contradicted", ["only"]),
    ("Rash was the most common treatment-related adverse event with poziotinib.", "contradicted", ["diarrhea"]),
    ("In DESTINY-Breast03, trastuzumab emtansine was associated with a lower risk of disease progression or "
     "death than trastuzumab deruxtecan.", "contradicted", ["compares against"]),
])
def test_negation_and_antonyms(engine, claim, expected, shown):
    assert_verdict(engine, claim, expected, *shown)


@pytest.mark.parametrize("claim, shown", [
    ("FGF5 secreted by tumor-associated fibroblasts binds FGFR1.", "FGFR2"),
    ("The 17q23 amplicon promotes trastuzumab resistance through upregulation of miR-155.", "miR-21"),
    ("Margetuximab is an IgG4 monoclonal antibody.", "IgG1"),
    ("CDK12 is located on chromosome 17q23.", "chr17q12"),
])
def test_another_identifier_of_the_same_kind_contradicts(engine, claim, shown):
    assert_verdict(engine, claim, "contradicted", shown)


# -- things the review never mentions ---------------------------------------------------------------------------------

@pytest.mark.parametrize("claim, shown", [
    ("Tucatinib doubled survival in patients with brain metastases.", "Tucatinib"),
    ("Neratinib is effective against breast tumors that carry both ERBB2 amplification and ERBB2 mutation.",
     "Neratinib"),   # named only in a reference title
    ("In the KATHERINE trial, T-DM1 reduced the risk of invasive recurrence compared with trastuzumab.", "KATHERINE"),
    ("Interstitial lung disease occurred in 13.6% of patients treated with T-DXd.", "13.6%"),
    ("Subcutaneous trastuzumab is as effective as intravenous trastuzumab.", "Subcutaneous"),
    ("BRCA1 mutations drive trastuzumab resistance in HER2-positive breast cancer.", "BRCA1"),
])
def test_absent_claims_are_not_found_never_contradicted(engine, claim, shown):
    assert_verdict(engine, claim, "not_found", shown)


# -- the article's own front matter ----------------------------------------------------------------------------------

def test_front_matter(engine):
    assert_verdict(engine, "The article was edited by Gary M. Tse.", "supported", "Gary M. Tse")
    assert_verdict(engine, "The article was edited by Chunyan Peng.", "contradicted", "Gary M. Tse")
    assert_verdict(engine, "Xiao-feng Lu is a corresponding author of the review.", "supported", "Xiao-feng Lu")
    assert_verdict(engine, "The article was accepted on 12 September 2022.", "supported", "12 September 2022")


# -- the verdict record ------------------------------------------------------------------------------------------------

def test_verdict_record_follows_the_contract(engine):
    record = verdict_json(engine.check("SYD985 had a 33% objective response rate."))
    assert record["schema"] == 1 and record["verdict"] == "supported"
    assert {"claim", "verdict", "reason", "evidence", "facts", "meta"} <= set(record)
    assert record["evidence"][0]["section"] == "4.2" and record["evidence"][0]["passage"].startswith("4.2/")
    assert "33%" in record["evidence"][0]["text"]
    assert any(f["id"] == "outcome.syd985.orr" for f in record["facts"])


def test_same_claim_same_verdict(engine):
    claims = ["Epertinib showed an objective response rate of 45%.", "Low miR-567 expression reverses trastuzumab "
              "resistance.", "Tucatinib doubled survival in patients with brain metastases."]
    first = [verdict_json(engine.check(c)) for c in claims]
    second = [verdict_json(engine.check(c)) for c in claims]
    for a, b in zip(first, second):
        a["meta"].pop("elapsed_ms"), b["meta"].pop("elapsed_ms")
        assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


# -- any text at all -----------------------------------------------------------------------------------------------

GARBAGE = ["🧬💊🔬", "the of and to", "asdkjh qwe zzzzz", "12345", "%%% --- ///", "(" * 500, "not not never no",
           "a" * MAX_QUESTION_CHARS, "🧬" * (MAX_QUESTION_CHARS // 2), "SYD985 " * 500, "15-20% " * 500,
           "\u202eSYD985 had a 33% ORR", "ＳＹＤ９８５ had a ３３％ ORR.", "is also known as", "the most common was",
           "p = < > 0.", "phase IIII", "between 5 and", "31 February 2099", "one in zero",
           "T-DXd T-DM1 is also known as"]


# -- what a claim asserts must be said of the same thing ------------------------------------------------------------

@pytest.mark.parametrize("claim, expected, shown", [
    # a direction the best sentence does not state (it only names trastuzumab and HER2); the sentence that does
    ("Trastuzumab upregulates HER2 receptors.", "contradicted", ['"downregulates HER2"', "§2.4"]),
    ("Trastuzumab downregulates HER2 receptors.", "supported", ["downregulates HER2 receptors"]),
    # two reversed predicates, the second a noun the first leads to: they do not cancel
    ("Trastuzumab upregulates HER2 receptors, which leads to a loss of membrane Jagged 1.", "contradicted",
     ['"downregulates HER2"']),
    # dependence is a direction of its own
    ("Liu et al. found that the 17q23 amplicon promotes trastuzumab resistance independently of miR-21.",
     "contradicted", ['"dependent on the upregulation of miR-21"']),
    # a negation reaches along a coordinated object ("devoid of its extracellular domain and trastuzumab epitope")
    ("p95-HER2 keeps the trastuzumab epitope.", "contradicted", ['"devoid of its extracellular domain']),
    # resistant against resensitised when said of the cells; "resistant cells" only describes them
    ("Knockdown of NCAPG made HER2-positive cells more resistant to trastuzumab.", "contradicted",
     ['"resensitize HER2-resistant breast cancer cells']),
    ("Knockdown of NCAPG can resensitise resistant breast cancer cells to trastuzumab.", "supported", ["§3.1.2"]),
    # the front matter lists every affiliation: a place none of them names contradicts
    ("All of the authors' institutions are based in Guangzhou.", "contradicted", ["Shantou", "with no Guangzhou"]),
    ("The authors work at Shantou University Medical College.", "supported", ["affiliations"]),
    # a claim naming several table rows says it of each
    ("Table 1 marks ARID1A, ANKRD44, EPHA5 and PKC-alpha as negatively correlated with drug resistance.",
     "supported", ["ARID1A, ANKRD44, EPHA5, PKC-alpha with a negative correlation"]),
    ("Table 1 marks ARID1A and CDK12 as negatively correlated with drug resistance.", "contradicted",
     ["CDK12 with a positive correlation with trastuzumab resistance, not negative"]),
    # "protects X from degradation" raises X: against "mediates the degradation of X"; a word of the general
    # tables is spelt right, never respelt into a word of the review ("protects" is not "projects")
    ("Cul7 protects IRS-1 from degradation.", "contradicted", ['not "protects IRS-1 from degradation"']),
    # a degree of inferiority turns a cue round
    ("PIK3CA is one of the least commonly mutated genes in breast cancer.", "contradicted", ['"commonly mutated"']),
    ("PIK3CA is one of the most commonly mutated genes in breast cancer.", "supported", ["most commonly mutated"]),
    # two clauses the review states in two places: each on its own, one false clause contradicts
    ("Fewer than one in twenty breast cancer patients carry ERBB2 mutations, and such mutations seldom coincide "
     "with ERBB2 amplification.", "supported", ["all 2 statements are in the review"]),
    ("p95-HER2 keeps the extracellular domain, including the trastuzumab epitope, but lacks the intracellular "
     "kinase region.", "contradicted", ["statement 1 of 2", '"devoid of its extracellular domain']),
    # a difference of two printed figures, in another unit (1.3 months is about five and a half weeks)
    ("In the phase III trial, margetuximab plus chemotherapy extended median PFS by roughly five and a half weeks "
     "over trastuzumab plus chemotherapy (5.7 vs 4.4 months).", "supported", ["4.4 months", "§4.3"]),
    # each reviewer's institution as the claim pairs them
    ("Peer review was done by Chunyan Peng (Hubei University of Medicine) and Yong-Qu Zhang (Xiamen University).",
     "supported", ["reviewed by"]),
    ("Peer review was done by Chunyan Peng (Xiamen University) and Yong-Qu Zhang (Hubei University of Medicine).",
     "contradicted", ["Chunyan Peng, Hubei University of Medicine"]),
    # "not settled" is "unclear"; "lacks X" is not turned round by a sentence that never speaks of X
    ("The authors say the exact effect of p95-HER2 on trastuzumab efficacy has not yet been settled.", "supported",
     ["still remain unclear"]),
    ("The exact effect of p95-HER2 on trastuzumab efficacy has been settled.", "contradicted", ["unclear"]),
    # "X rather than Y" denies Y only
    ("Sonnenblick et al. linked loss of IL6-pSTAT3-PTEN to acquired rather than primary trastuzumab resistance.",
     "contradicted", ["primary resistance, not secondary"]),
    ("Sonnenblick et al. linked loss of IL6-pSTAT3-PTEN to primary rather than acquired trastuzumab resistance.",
     "supported", ["primary resistance"]),
    ("Somewhere between 15 and 20 per cent of all breast cancers are HER2-positive.", "supported", ["15% to 20%"]),
    # the sentence naming the claim's own trial goes before one that names only a sibling (DESTINY-Breast03)
    ("All patients in DESTINY-Breast01 had previously been treated with trastuzumab and T-DM1.", "supported",
     ["In the DESTINY-Breast01 trial"]),
])
def test_the_claimed_relation_is_said_of_the_same_thing(engine, claim, expected, shown):
    assert_verdict(engine, claim, expected, *shown)


@pytest.mark.parametrize("claim", GARBAGE)
def test_any_text_gives_a_verdict_without_exceptions(engine, claim):
    verdict = check(engine, claim)
    assert verdict.reason


def test_random_text_never_raises(engine):
    rnd = random.Random(5)
    alphabet = string.printable + "αβγκ–—’%±≤≥<>~🧬\u200b\u00ad日本"
    words = ("SYD985 trastuzumab 33% ORR PFS median months not cannot rarely positive negative primary phase III "
             "about less than 15-20% p = 0.002 miR-21 FGFR2 both only most common was than versus CDK12").split()
    for _ in range(150):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 200)))
        try:
            check(engine, text)
        except QueryError:
            pass    # empty after cleaning: the engine refuses it before the checker sees it
        check(engine, " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 30))))


def test_empty_claim_is_a_usage_error(engine):
    with pytest.raises(QueryError):
        engine.check("   ")


# -- the command line ------------------------------------------------------------------------------------------------

def test_cli_supported_exits_0():
    proc = run_qa("check", "SYD985 had a 33% objective response rate.")
    assert proc.returncode == 0, proc.stderr_text
    assert "SUPPORTED" in proc.stdout_text and "33%" in proc.stdout_text


def test_cli_contradicted_exits_1_and_names_the_review_figure():
    proc = run_qa("check", "Epertinib showed an objective response rate of 45%.")
    assert proc.returncode == 1, proc.stderr_text
    assert "CONTRADICTED" in proc.stdout_text and "19.0%" in proc.stdout_text


def test_cli_not_found_exits_3():
    proc = run_qa("check", "Tucatinib doubled survival in patients with brain metastases.")
    assert proc.returncode == 3, proc.stderr_text
    assert "NOT FOUND" in proc.stdout_text


def test_cli_json_reason_carries_the_number():
    proc = run_qa("check", "--json", "Epertinib showed an objective response rate of 45%.")
    assert proc.returncode == 1, proc.stderr_text
    record = json.loads(proc.stdout_text)
    assert record["verdict"] == "contradicted" and "19.0%" in record["reason"]
    assert record["evidence"][0]["section"] == "4.1"


# -- the dev set -----------------------------------------------------------------------------------------------------

def _claims(split: str | None = None) -> list[dict]:
    items = [i for i in load_gold(Path(DATA) / "dev_claims.yaml") if "claim" in i]
    return [i for i in items if split is None or i.get("split") == split]


def test_dev_set_accuracy_is_at_least_0_90(engine):
    metrics, misses = evaluate_claims(engine, _claims())
    assert metrics["claims"] >= 40
    assert metrics["accuracy"] >= 0.90, misses


@pytest.mark.parametrize("split", ["tune", "heldout"])
def test_dev_set_accuracy_per_split(engine, split):
    metrics, misses = evaluate_claims(engine, _claims(split))
    assert metrics["accuracy"] >= 0.90, misses


def test_dev_set_absent_claims_are_never_contradicted(engine):
    metrics, _ = evaluate_claims(engine, _claims())
    assert metrics["confusion"]["not_found"]["contradicted"] == 0


@pytest.mark.parametrize("claim, expected, shown", [
    # "as long as" is a conjunction, not a length
    ("Metformin remains safe for most older adults as long as the dose follows kidney function.", "supported",
     ["§3"]),
    ("In practice these eGFR thresholds are followed consistently.", "contradicted", ['"rarely followed']),
    ("The authors work in the Department of Nephrology at the University of Nowhere.", "contradicted",
     ["with no Nephrology"]),
    # a rate is compared per 100,000, whatever its denominator
    ("The lactic acidosis rate with metformin was roughly 4.3 cases per 10,000 patient-years.", "contradicted",
     ["4.3 cases per 100,000"]),
    # a table row is read under its column headings ("eGFR" over "above 45 | full dose")
    ("According to Table 1, patients with an eGFR above 45 can take the full dose.", "supported", ["Table 1"]),
])
def test_the_same_readings_on_another_review(mini_engine, claim, expected, shown):
    assert_verdict(mini_engine, claim, expected, *shown)
