"""Each claim rule alone: the rule decides the claims of its class, and passes on the others (returns None)."""
import pytest

from qa.check import analyse, knowledge
from qa.check.pipeline import RULES, ClaimEvidence


def expect(engine, claim: str, verdict: str, reason: str) -> None:
    """The claim gets the verdict, with these words in its reason."""
    v = engine.check(claim)
    assert (v.verdict, reason in v.reason) == (verdict, True), v.reason


@pytest.fixture(scope="module")
def run(engine):
    kb = knowledge(engine)
    by_name = {r.__name__: r for r in RULES}

    def apply(rule: str, text: str):
        claim = analyse(kb, engine.read(text, "claim"))
        return by_name[rule](claim, ClaimEvidence(kb, claim))
    return apply


CASES = [   # (rule, claim it decides, verdict, words of the reason; a claim of another class it passes on)
    ("nothing_to_check", "the and of", "not_found", "no terms", "Epertinib showed an ORR of 19%."),
    ("cited_works", "Rugo et al.'s phase 3 margetuximab trial was published in The Lancet Oncology.", "contradicted",
     "appeared in JAMA Oncol", "Epertinib showed an ORR of 19%."),
    ("unknown_names", "Tucatinib doubled survival in patients with brain metastases.", "not_found",
     "never mentions Tucatinib", "Epertinib showed an ORR of 19%."),
    ("front_matter", "The article was received on 12 September 2022.", "contradicted", "29 July 2022",
     "Epertinib showed an ORR of 19%."),
    ("alias", "DS-8201a is another name for trastuzumab emtansine.", "contradicted", "trastuzumab deruxtecan",
     "Epertinib showed an ORR of 19%."),
    ("table_polarity", "ARID1A is positively correlated with trastuzumab resistance.", "contradicted",
     "negative correlation", "Epertinib showed an ORR of 19%."),
    ("drug_class", "Margetuximab is a tyrosine kinase inhibitor.", "contradicted",
     "describes margetuximab as a monoclonal antibody (§4.3), not a tyrosine kinase inhibitor",
     "Epertinib showed an ORR of 19%."),
    ("too_little", "Trastuzumab.", "not_found", "too little", "Epertinib showed an ORR of 19%."),
    ("unknown_identifiers", "BRCA1 mutations drive trastuzumab resistance in HER2-positive breast cancer.",
     "not_found", "never mentions BRCA1", "FGF5 secreted by tumor-associated fibroblasts binds FGFR2."),
    ("figures", "Epertinib showed an objective response rate of 45%.", "contradicted", "19.0%",
     "Herceptin targets both nuclear and membrane HER2."),
    ("not_stated", "Subcutaneous trastuzumab is as effective as intravenous trastuzumab.", "not_found",
     "no sentence", "Herceptin targets both nuclear and membrane HER2."),
    ("swapped_roles", "MUC4 induces TNFα expression.", "contradicted", "MUC4 and TNFα the other way round",
     "Epertinib showed an ORR of 19%."),
    ("table_rows", "Table 1 credits the YAP1 findings to Li Y.", "contradicted", '"Li Y (20)" is the row of EPHA5',
     "Epertinib showed an ORR of 19%."),
    ("bare_counts", "The HER2-low group treated with SYD985 included 17 hormone receptor-positive and 32 "
     "triple-negative breast cancers.", "contradicted", "N = 17 for triple-negative, not 32",
     "Epertinib showed an ORR of 19%."),
    ("silent_best", "Li et al. reported that overexpressing EPHA5 activates Notch1 and PTEN/AKT signalling to "
     "drive trastuzumab resistance.", "contradicted", '"EPHA5 deficiency", not "overexpressing"',
     "Epertinib showed an ORR of 19%."),
    ("unbacked_entity", "ANKRD44 is a member of the Toll-like receptor family.", "not_found", "not about ANKRD44",
     "Pandya et al. found that PKCα reduced the binding between Jagged-1 and Mib-1."),
    ("superlatives", "Rash was the most common treatment-related adverse event with poziotinib.", "contradicted",
     "diarrhea", "Herceptin targets both nuclear and membrane HER2."),
    ("clashing_words", "FGF5 secreted by tumor-associated fibroblasts binds FGFR1.", "contradicted",
     "FGFR2, not FGFR1", "FGF5 secreted by tumor-associated fibroblasts binds FGFR2."),
    # a figure said as a difference is the gap between two figures of one sentence, never one of them
    ("differences", "Margetuximab extended median PFS by 3 months over trastuzumab.", "not_found",
     "no two figures 3 months apart", "Margetuximab extended median PFS by 1.3 months over trastuzumab."),
    # the best sentence names trastuzumab and HER2 but no direction; the one that gives it says the opposite
    ("unstated_cue", "Trastuzumab boosts HER2 receptors.", "contradicted", '"downregulates HER2", not "boosts"',
     "S-222611 is a potent EGFR/HER2 inhibitor."),
    ("stated", "S-222611 is a potent EGFR/HER2 inhibitor.", "supported", "EGFR/HER2 inhibitor", None),
]


@pytest.mark.parametrize("rule,claim,verdict,reason,other", CASES, ids=[c[0] for c in CASES])
def test_rule_decides_its_class(run, rule, claim, verdict, reason, other):
    finding = run(rule, claim)
    assert finding is not None and finding.verdict == verdict
    assert reason in finding.reason
    if other is not None:
        assert run(rule, other) is None


def test_every_rule_has_a_case():
    assert {r.__name__ for r in RULES} == {c[0] for c in CASES}


def test_rules_run_in_order_and_the_last_always_decides(engine):
    assert RULES[-1].__name__ == "stated"
    assert engine.check("S-222611 is a potent EGFR/HER2 inhibitor.").verdict == "supported"


@pytest.mark.parametrize("claim,verdict,reason", [
    ("Epertinib is a tyrosine kinase inhibitor.", "supported", "as a tyrosine kinase inhibitor (§4.1)"),
    ("SYD985 is a monoclonal antibody.", "contradicted", "as an antibody-drug conjugate (§4.2), not a monoclonal"),
    ("ZW25 is a bispecific antibody.", "supported", "as a bispecific antibody (§4.3)"),
    ("T-DM1 is an antibody-drug conjugate.", "supported", "as an antibody-drug conjugate (§4.2)"),
    ("Margetuximab is an IgG4 monoclonal antibody.", "contradicted", "IgG1, not IgG4"),
    # the review never says what class of drug trastuzumab is: another drug's class is no evidence
    ("Trastuzumab is a bispecific antibody.", "not_found", "does not say what class of drug trastuzumab is"),
])
def test_class_claims(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


@pytest.mark.parametrize("claim,verdict,reason", [
    ("The paper went online on 12 September 2022.", "contradicted", "published 06 October 2022"),
    ("It was submitted on 29 July 2022 and accepted on 12 September 2022.", "supported", "accepted 12 September"),
    ("The article is published under a CC BY-NC licence.", "contradicted", "not CC BY-NC"),
    ("The review is open access under CC BY.", "supported", "CC BY 4.0"),
    ("The authors received no funding for this work.", "contradicted", "Li-Ka-Shing"),
    ("One of the authors holds stock in a drug company.", "contradicted", "absence of any commercial"),
    ("The authors report no competing interests.", "supported", "absence of any commercial"),
    ("The article appeared in the journal's Pharmacology section.", "contradicted", "Breast Cancer section"),
])
def test_claims_about_the_article_itself(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


def test_article_rules_leave_claims_about_the_science_alone(engine):
    # "supported by" and "disclosed" in a claim about a mechanism are no funding or interest statements
    assert "funding" not in engine.check("Trastuzumab resistance is not supported by PTEN loss.").reason


@pytest.mark.parametrize("claim,verdict,reason", [
    # two reversed verbs on different parts of a claim each contradict it (they do not cancel out)
    ("Trastuzumab treatment reduces membrane Jagged 1 and suppresses activation of the Notch receptor.",
     "contradicted", "increase of membrane"),
    ("Trastuzumab treatment increases membrane Jagged 1 and activates the Notch receptor.", "supported", "§2.4"),
    # a swapped entity of the same kind, the rest as the review says it
    ("Researchers found that IL-6 is the cytokine that induces MUC4 expression.", "contradicted",
     "names TNFα here (§3.1.3), not IL-6"),
    # a synonym of the review's superlative
    ("Stomatitis was the most frequent adverse event with poziotinib.", "contradicted", "diarrhea"),
    # a dose the review never gives
    ("Poziotinib was given at 16 mg once daily.", "not_found", "no dose"),
])
def test_reversals_swaps_and_silence(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


@pytest.mark.parametrize("claim,verdict,reason", [
    ("CDK12 sits on chromosome 17q12.", "supported", "chr17q12"),            # cytoband with or without "chr"
    ("CDK12 lies on chromosome 17q21.", "contradicted", "chr17q12, not 17q21"),
])
def test_cytobands_are_one_identifier_with_or_without_chr(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


def test_chromosome_prefix_is_one_normalisation_for_index_and_query():
    from qa.text import surface_tokens
    assert "17q12" in surface_tokens("located on chr17q12") and "chromosome" in surface_tokens("chr17q12")


def test_every_figure_of_a_claim_must_be_backed(engine):
    # the review gives the phase and the response rate of the epertinib study, never how many patients it enrolled
    v = engine.check("The extended phase Ib study of epertinib enrolled 120 patients.")
    assert v.verdict == "not_found", v.reason


def test_two_figures_of_one_sentence_exchanged_contradict(engine):
    swapped = engine.check("With SYD985, neutropenia reached 4% and conjunctivitis 6% among significant adverse events.")
    right = engine.check("With SYD985, neutropenia reached 6% and conjunctivitis 4% among significant adverse events.")
    assert (swapped.verdict, right.verdict) == ("contradicted", "supported"), (swapped.reason, right.reason)


@pytest.mark.parametrize("claim,verdict,reason", [
    # two sides exchanged around one asymmetric relation, active or passive; the passive of the right way is fine
    ("TNFα is induced by MUC4.", "contradicted", "the other way round"),
    ("MUC4 expression is induced by TNFα.", "supported", "§3.1.3"),
    ("Lung cancer has overtaken breast cancer as the most common cancer worldwide.", "contradicted",
     "Lung cancer and breast cancer the other way round"),
    ("Breast cancer has overtaken lung cancer as the most common cancer worldwide.", "supported", "§1"),
    # two siblings (ECD2/ECD4) each paired with a name in parallel: the other pairing contradicts
    ("ZW25 binds ECD2, the trastuzumab binding domain, and ECD4, the pertuzumab binding domain.", "contradicted",
     "pairs trastuzumab with ECD4, not ECD2"),
    ("ZW25 binds ECD2, the pertuzumab binding domain, and ECD4, the trastuzumab binding domain.", "supported",
     "§4.3"),
])
def test_roles_exchanged_around_one_relation(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


def test_a_negative_prefix_in_the_review_reverses_an_unaligned_claim_word(engine):
    # "reversible" has no word of its own in "inhibits pan-HER kinases irreversibly"
    v = engine.check("Poziotinib is a reversible pan-HER inhibitor.")
    assert v.verdict == "contradicted" and "irreversibly" in v.reason, v.reason
    assert engine.check("Poziotinib irreversibly inhibits pan-HER kinases.").verdict == "supported"


@pytest.mark.parametrize("claim,verdict,reason", [
    # an interval between two events of the article's history, against the printed dates (45 and 24 days)
    ("The paper was accepted about six weeks after it was received.", "supported", "45 days"),
    ("Acceptance came three months after the manuscript was received.", "contradicted", "not three months"),
    ("It was published a week after acceptance.", "contradicted", "24 days"),
    ("Publication followed acceptance by more than three weeks.", "supported", "24 days"),
])
def test_intervals_between_the_articles_dates(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


@pytest.mark.parametrize("claim,verdict,reason", [
    # who did what, by initials or full name, against the author contributions ("drafted" = "wrote")
    ("Z-HW and Z-QZ drafted the manuscript, while X-FL and W-QL conceived and designed the project.", "supported",
     "author contributions"),
    ("Shi-cheng Jia wrote the manuscript and conceived the study.", "contradicted",
     'do not give "conceived" to Shi-cheng Jia'),
    ("S-CJ analysed the data.", "supported", "author contributions"),
    # a reviewer is no author: the editor/reviewer rule decides
    ("Chunyan Peng edited the manuscript for Frontiers.", "contradicted", "edited by Gary M. Tse"),
])
def test_author_contributions_by_person(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


@pytest.mark.parametrize("claim,verdict,reason", [
    # "These thresholds are rarely followed" is about the eGFR thresholds of the sentence before it
    ("The eGFR thresholds for metformin dosing are seldom followed in practice.", "supported", "§2.1"),
    ("The eGFR dosing thresholds are usually followed in clinical practice.", "contradicted", "rarely"),
])
def test_a_sentence_pointing_back_is_about_the_sentence_before(mini_engine, claim, verdict, reason):
    expect(mini_engine, claim, verdict, reason)


@pytest.mark.parametrize("claim,verdict", [
    # two conditions' figures in one sentence ("4.3 … with metformin, compared with 5.4 … without it")
    ("Without metformin, the pooled lactic acidosis rate was 5.4 per 100,000 patient-years.", "supported"),
    ("With metformin, the pooled lactic acidosis rate was 5.4 per 100,000 patient-years.", "contradicted"),
    ("The pooled analysis found 4.3 lactic acidosis cases per 100,000 patient-years with metformin and 5.4 without it.",
     "supported"),
    ("The pooled analysis found 5.4 lactic acidosis cases per 100,000 patient-years with metformin and 4.3 without it.",
     "contradicted"),
])
def test_a_figure_keeps_the_condition_of_its_own_statement(mini_engine, claim, verdict):
    v = mini_engine.check(claim)
    assert v.verdict == verdict, v.reason


def test_a_rank_given_otherwise_contradicts(mini_engine):
    v = mini_engine.check("Most guidelines list metformin as a second-line drug for type 2 diabetes.")
    assert v.verdict == "contradicted" and '"first-line", not "second-line"' in v.reason, v.reason


@pytest.mark.parametrize("claim,verdict,reason", [
    # a cue verb acting on a cue noun turns it: "inhibits the degradation" raises, "promotes the degradation" lowers
    ("Cul7 promotes the degradation of IRS-1.", "supported", "§3.1.1"),
    ("Cul7 inhibits the degradation of IRS-1.", "contradicted", 'not "inhibits the degradation"'),
    ("Cul7 stabilises IRS-1.", "contradicted", 'not "stabilises"'),
])
def test_a_cue_acting_on_a_cue(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


@pytest.mark.parametrize("claim,verdict,reason", [
    # a row picked by its figures, given the cell of another row (the table prints no unit)
    ("Patients with an eGFR between 30 and 45 mL/min should receive the full metformin dose.", "contradicted",
     '"full dose" is the row of above 45'),
])
def test_a_table_row_given_another_rows_cell(mini_engine, claim, verdict, reason):
    expect(mini_engine, claim, verdict, reason)


def test_a_row_named_inside_a_longer_name_is_not_picked(engine):
    # STAT3 of "Jagged-1/Notch/STAT3" is no claim about the STAT3 row of Table 1
    v = engine.check("Trastuzumab induces its own resistance by switching on the Jagged-1/Notch/STAT3 axis.")
    assert v.verdict != "contradicted", v.reason


def test_a_misspelt_word_is_read_in_the_reviews_spelling_and_the_claim_kept_as_typed(engine):
    v = engine.check("The manuscript was recieved on 29 June 2022.")
    assert v.verdict == "contradicted" and "received 29 July 2022" in v.reason, v.reason
    assert v.claim == "The manuscript was recieved on 29 June 2022."
    # a short English word one letter off a review word is left alone ("slowed" is not "showed")
    assert engine.reader.respelled("tumour growth slowed") == "tumour growth slowed"


def test_a_label_number_is_no_figure():
    from qa.quantities import quantities
    assert [q.low for q in quantities("Table 1 lists them; see Figure 2; 12 patients")] == [12.0]


@pytest.mark.parametrize("claim,verdict,reason", [
    # negations of two clauses each negate their own: "lacks … and so has no" is negative, like "devoid of"
    ("p95-HER2 lacks the extracellular domain and so has no binding site for trastuzumab.", "supported", "devoid"),
    # different against alike
    ("Patients with brain metastases had a much shorter PFS than the overall population in the trials.",
     "contradicted", '"comparable", not "shorter"'),
    ("For patients with brain metastases the PFS was similar to the overall population.", "supported", "§4.2"),
])
def test_negation_and_likeness(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


def test_one_study_told_in_two_sentences_backs_a_claim_of_both(engine):
    # "50 patients, 80% of whom got T-DM1" and "SYD985 had a 33% ORR and a median PFS of 9.4 months" are
    # neighbours; the 80% is a share of the patients, no value of the response rate
    v = engine.check("SYD985 achieved a 33% ORR and a median PFS of 9.4 months in 50 patients, 80% of whom had "
                     "received T-DM1.")
    assert v.verdict == "supported", v.reason


def test_a_negation_of_another_statement_leaves_a_figure_alone(engine):
    v = engine.check("In DESTINY-Breast01 the median PFS was 16.4 months (95% CI 12.7-NE), with median OS not yet "
                     "reached.")
    assert v.verdict == "supported", v.reason


def test_a_cue_of_the_subject_is_not_the_objects(engine):
    # "a reduction in miR-567 is associated with trastuzumab resistance": "reduction" is miR-567's, not resistance's
    v = engine.check("Overexpression of miR-567 induces trastuzumab resistance.")
    assert v.verdict == "contradicted" and "reduction in miR-567" in v.reason, v.reason
    assert engine.check("Downregulation of miR-567 induces trastuzumab resistance.").verdict == "supported"


@pytest.mark.parametrize("claim,verdict,reason", [
    # a code of a list given to another owner ("No.2020LKSFG05C" is a word of its own too)
    ("The Li Ka Shing Foundation interdisciplinary project grant number was 2019A1515110953.", "contradicted",
     "goes with 2020LKSFG05C"),
    ("The Li Ka Shing Foundation interdisciplinary project grant number was 2020LKSFG05C.", "supported", "funding"),
    ("Funding came partly from an interdisciplinary Li Ka Shing Foundation project and from the Natural Science "
     "Foundation (grant 82102948).", "supported", "funding"),
])
def test_a_code_given_to_another_owner(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


def test_a_label_glued_to_its_number_is_one_normalisation():
    from qa.text import prepare, surface_tokens
    assert "2020lksfg05c" in surface_tokens("(No.2020LKSFG05C)") and prepare("No.2020") == "No 2020"


@pytest.mark.parametrize("claim,verdict,reason", [
    # a cited work as its reference entry gives it (journal words abbreviated there)
    ("The GLOBOCAN 2020 paper by Sung and colleagues covers 36 cancers in 185 countries.", "supported", "reference 1"),
    ("Rugo et al. published their phase 3 margetuximab versus trastuzumab trial in JAMA Oncology in 2021.",
     "supported", "reference 59"),
    ("Rugo et al.'s phase 3 margetuximab trial appeared in 2019.", "contradicted", "is from 2021"),
    ("Rugo et al. enrolled 536 patients in their margetuximab trial.", "not_found", "reference 59"),
    # a finding framed by its authors is the body's to judge
    ("Mercogliano et al. showed that TNFα induces MUC4 expression.", "supported", "§3.1.3"),
])
def test_claims_about_cited_works(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


@pytest.mark.parametrize("claim,verdict,reason", [
    # how large an effect is said to be; a drop against an increase
    ("Per the abstract, trastuzumab offers only a marginal survival benefit in HER2+ breast cancer.", "contradicted",
     "significantly improve"),
    ("ANKRD44-linked resistance came with a drop in glycolysis.", "contradicted", "increase in glycolysis"),
])
def test_strength_and_direction_words(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


def test_a_compound_against_its_head_with_a_negative_prefix(engine):
    # "HER2-dependent" against "in a manner independent of HER2" (the sentence's "Cyclin-dependent" is another word)
    v = engine.check("CDK12 enhances CSC self-renewal in a HER2-dependent manner.")
    assert v.verdict == "contradicted" and "independent of HER2" in v.reason, v.reason
    assert engine.check("CDK12 enhances CSC self-renewal independently of HER2.").verdict == "supported"


@pytest.mark.parametrize("claim,verdict,reason", [
    # two arms' figures exchanged ("19.8 months with margetuximab"), the figure paired with its own arm's
    ("In the phase 3 trial, median OS was 19.8 months with margetuximab vs 21.6 months with trastuzumab.",
     "contradicted", "19.8 months for trastuzumab"),
    ("In the phase 3 trial, median OS was 21.6 months with margetuximab vs 19.8 months with trastuzumab.",
     "supported", "21.6 months"),
    # a backed figure ("phase II") does not back a superlative given to another ("commonest" = "most common")
    ("Rash was the commonest adverse event in the poziotinib phase II study.", "contradicted", "diarrhea"),
])
def test_arms_and_superlatives_beside_backed_figures(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


def test_a_bare_figure_the_sentence_does_not_print_is_not_found(engine):
    v = engine.check("In DESTINY-Breast03 the hazard ratio for progression or death with T-DXd versus T-DM1 was 0.28.")
    assert v.verdict == "not_found" and "0.28" in v.reason, v.reason


@pytest.mark.parametrize("claim,verdict,reason", [
    # a listed person's affiliation is in their own entry; "sole" of a list of two
    ("Reviewer Chunyan Peng is affiliated with Xiamen University.", "contradicted", "Hubei University of Medicine"),
    ("One of the peer reviewers was Chunyan Peng, from Hubei University of Medicine.", "supported", "reviewed by"),
    ("Wei-quan Liang is the sole corresponding author.", "contradicted", "Xiao-feng Lu, Wei-quan Liang"),
])
def test_front_matter_attributes(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


@pytest.mark.parametrize("claim,verdict,reason", [
    # a verb's particle says its direction
    ("Berns et al. showed that the loss of ARID1A switches off ANXA1 expression.", "contradicted", "activate"),
    ("Trastuzumab induces its own resistance by switching on the Jagged-1/Notch/STAT3 pathway.", "supported", "§2.4"),
    # an interval beside a date; a code's owner named after it; a journal said with "appeared in"
    ("The manuscript was accepted roughly three months after it was received at the end of July 2022.",
     "contradicted", "45 days"),
    ("Grant 2019A1515110953 was awarded by the Natural Science Foundation of Guangdong Province.", "contradicted",
     "goes with 2021A1515011180"),
    ("Han et al.'s exosomal miR-567 study appeared in Oncogene.", "contradicted", "not Oncogene"),
    # gene and variant names are no codes
    ("d16-HER2 is a splice variant that arises from skipping exon 16 of ERBB2.", "supported", "§2.2"),
])
def test_particles_intervals_codes_and_journals(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


@pytest.mark.parametrize("claim,verdict,reason", [
    # an item put in another labelled list of one sentence ("Inhibitors of apoptosis (Bcl-2, survivin)")
    ("STAT3 upregulates the angiogenesis-inducing factors survivin and Bcl-2.", "contradicted",
     'among "Inhibitors of apoptosis", not "angiogenesis-inducing factors"'),
    ("STAT3 upregulates the angiogenesis-inducing factors HIF-1α and VEGF.", "supported", "§2.4"),
])
def test_an_item_of_another_list(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


def test_a_cue_reaches_the_next_object_the_review_keeps(engine):
    # "migration" is "transference" in the review; "invasion" is the object both name
    v = engine.check("Mitra et al found d16-HER2 dampened migration and invasion of MCF-7 cells.")
    assert v.verdict == "contradicted" and "amplifies" in v.reason, v.reason
    assert engine.check("Mitra et al found d16-HER2 increased migration and invasion of MCF-7 cells.").verdict \
        == "supported"


@pytest.mark.parametrize("claim,verdict,reason", [
    # the article's section, volume and copyright holder
    ("It was submitted to the Gynecological Oncology section of Frontiers in Oncology.", "contradicted",
     "Breast Cancer section"),
    ("The review appeared in volume 13 of Frontiers in Oncology.", "contradicted", "volume 12"),
    ("The article was published in volume 12 of Frontiers in Oncology.", "supported", "volume 12"),
    ("Copyright in the article is held by the publisher, Frontiers Media, rather than by the authors.",
     "contradicted", "the authors hold it"),
])
def test_article_section_volume_and_copyright(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


def test_an_acronym_the_claim_spells_out_is_no_unknown_name(engine):
    v = engine.check("Grant 82102948 from the Natural Science Foundation Committee (NSFC) supported the work.")
    assert v.verdict == "supported", v.reason
    assert engine.check("The drug was tested by the NSABP group.").verdict == "not_found"


def test_a_privative_negation_answered_by_a_word_of_loss(engine):
    # "patients lacking PTEN" against "PTEN-deficient tumours"
    v = engine.check("Sonnenblick et al. suggest combining IL6-STAT3 inhibitors with trastuzumab in primary HER2+ "
                     "breast cancer, especially PTEN-deficient tumours.")
    assert v.verdict == "supported", v.reason


def test_a_measure_beside_the_compared_drugs_is_not_their_comparison(engine):
    # "cut relative risk by 24% versus trastuzumab": the comparison is against trastuzumab, "relative risk" is a measure
    v = engine.check("Margetuximab plus chemotherapy improved median PFS to 5.7 vs 4.4 months and cut relative risk by "
                     "24% versus trastuzumab plus chemotherapy.")
    assert v.verdict == "supported", v.reason


@pytest.mark.parametrize("claim,verdict,reason", [
    # how much of a thing (complete / partial), found at the object's second mention
    ("In the extended phase Ib epertinib study, a patient with brain metastases achieved a complete response "
     "lasting 7.5 months.", "contradicted", '"partial response", not "complete"'),
    ("In the extended phase Ib epertinib study, a patient with brain metastases achieved a partial response "
     "lasting 7.5 months.", "supported", "7.5"),
    # "neither … nor" is one negation
    ("The publisher neither guarantees nor endorses any product evaluated in the article.", "supported",
     "not guaranteed or endorsed"),
])
def test_extent_and_neither_nor(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


def test_a_confidence_interval_from_a_bound_to_not_estimable():
    from qa.quantities import quantities
    qs = quantities("a median PFS of 16.4 months, with a 95% confidence interval from 12.7 months to not estimable")
    assert [(q.low, q.ci) for q in qs] == [(16.4, False), (12.7, True)]


def test_an_inhibitor_named_for_another_target(engine):
    v = engine.check("Alpelisib, the drug being combined with trastuzumab in NCT04208178, is an mTOR inhibitor.")
    assert v.verdict == "contradicted" and "as a PI3K inhibitor (§3.1.5), not an mTOR inhibitor" in v.reason, v.reason


def test_another_named_pathway(engine):
    v = engine.check("miR-128-3p and miR-30a-5p are said to induce resistance by acting on the MAPK/ERK pathway.")
    assert v.verdict == "contradicted" and "IGF-1R/Akt/mTOR pathway, not MAPK/ERK" in v.reason, v.reason
    assert engine.check("miR-128-3p and miR-30a-5p regulate the IGF-1R/Akt/mTOR pathway.").verdict == "supported"


@pytest.mark.parametrize("claim,verdict,reason", [
    # claims about a name itself: a name only qa's glossary knows supports nothing
    ("Alpelisib is sold under the brand name Piqray.", "not_found", "never uses the name Piqray"),
    ("ZW25 is also known by the generic name zanidatamab.", "not_found", "never uses the name zanidatamab"),
    # a cited work: journal abbreviations with one-letter words, the body sentence citing it, numbers per thing
    ("The DESTINY-Breast03 source cited is Cortés et al., published in the New England Journal of Medicine in 2022.",
     "supported", "reference 54"),
    ("Cortés et al. published the DESTINY-Breast03 results in The Lancet in 2022.", "contradicted",
     "N Engl J Med, not The Lancet"),
    ("The cited GLOBOCAN 2020 paper by Sung et al. covers 185 cancers in 36 countries.", "contradicted",
     "185 countries, not 185 cancers"),
    # "complete or partial response": the review says both
    ("In DESTINY-Breast01, 76.1% of patients (95% CI 69.3-82.1) responded, defined as complete or partial response "
     "over six months.", "supported", "76.1%"),
])
def test_names_cited_works_and_both_extents(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


@pytest.mark.parametrize("claim", [
    "Etanercept was the TNFα blocker used to overcome MUC4-mediated resistance.",
    "Verteporfin reversed YAP1-driven trastuzumab resistance.",
])
def test_a_drug_named_by_its_inn_ending_at_the_start_is_an_unknown_name(engine, claim):
    v = engine.check(claim)
    assert v.verdict == "not_found" and "never mentions" in v.reason, v.reason


@pytest.mark.parametrize("claim,verdict,reason", [
    # an author's place in the list; the words of the title
    ("Xiao-feng Lu is the lead (first) author of the review.", "contradicted", "first author is Zhen-hao Wang"),
    ("Zhen-hao Wang is the first author.", "supported", "first author is Zhen-hao Wang"),
    ("The title of the review is about trastuzumab resistance in HER2-negative breast cancer.", "contradicted",
     'no "HER2-negative"'),
    ("The review's title mentions emerging biomarkers and targeting agents.", "supported", "the title is"),
])
def test_author_order_and_title_words(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


@pytest.mark.parametrize("claim,verdict,reason", [
    # a class set beside the name after it ("p95HER2-TCB, a bispecific antibody that …"); the rest still judged
    ("p95HER2-TCB is a bispecific antibody that binds both p95-HER2-expressing cancer cells and T lymphocytes.",
     "supported", "§4.3"),
    ("p95HER2-TCB is an antibody-drug conjugate.", "contradicted", "as a bispecific antibody"),
    ("p95HER2-TCB is a bispecific antibody that links p95-HER2-expressing tumour cells to natural killer cells.",
     "not_found", "killer"),
    # labels said in other words keep their items ("angiogenic factors like HIF-1α")
    ("STAT3 may drive resistance by upregulating apoptosis inhibitors like Bcl-2 and survivin and angiogenic factors "
     "like HIF-1α and VEGF.", "supported", "§2.4"),
    # an age is no span of time
    ("Median age of DESTINY-Breast01 participants was 55 years.", "not_found", "55 years"),
])
def test_classes_beside_names_list_labels_and_ages(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


def test_two_thresholds_exchanged_between_the_statements_of_one_sentence(mini_engine):
    v = mini_engine.check("Guidance is to halve the metformin dose below an eGFR of 30 mL/min and to stop it below "
                          "45 mL/min.")
    assert v.verdict == "contradicted", v.reason


@pytest.mark.parametrize("claim,verdict,reason", [
    ("Between fifteen and twenty per cent of all breast cancers are HER2-positive.", "supported", "15% to 20%"),
    ("The first-listed author is Xiao-feng Lu.", "contradicted", "first author is Zhen-hao Wang"),
    ("According to Fu et al., low miR-126 expression restrains tumour cell motility and invasion.", "contradicted",
     'not "restrains"'),
])
def test_spelled_between_ranks_said_otherwise_and_restraint(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


@pytest.mark.parametrize("claim,verdict,reason", [
    # how many items one of the article's lists holds, counted from the article
    ("Table 1 lists ten biomarkers.", "supported", "Table 1 has 10 biomarkers"),
    ("Table 1 lists twelve biomarkers of trastuzumab resistance.", "contradicted", "10 biomarkers, not 12"),
    ("The review was written by a team of six authors.", "contradicted", "8 authors, not 6"),
    ("Two reviewers are named on the paper.", "supported", "2 reviewers"),
])
def test_the_size_of_an_articles_list(engine, claim, verdict, reason):
    expect(engine, claim, verdict, reason)


def test_a_part_of_a_list_is_no_claim_of_its_size(engine):
    v = engine.check("In Table 1, four markers (ARID1A, ANKRD44, EPHA5 and PKCα) correlate negatively with resistance.")
    assert "not 4" not in v.reason, v.reason
