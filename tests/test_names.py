"""The one name registry: brand names and codes known, aliases resolved, related entities kept apart."""
import pytest

# Marketed brand names of the review's agents (public drug labels); an agent without one (SYD985, epertinib,
# poziotinib, p95HER2-TCB) has none to know.
BRANDS = {"agent.trastuzumab": "Herceptin", "agent.trastuzumab_emtansine": "Kadcyla",
          "agent.trastuzumab_deruxtecan": "Enhertu", "agent.pertuzumab": "Perjeta", "agent.lapatinib": "Tykerb",
          "agent.alpelisib": "Piqray", "agent.margetuximab": "Margenza", "agent.zw25": "Ziihera"}


@pytest.mark.parametrize("fact_id,brand", sorted(BRANDS.items()))
def test_every_marketed_agent_has_its_brand_name(engine, fact_id, brand):
    fact = next(f for f in engine.facts if f.id == fact_id)
    assert brand in engine.names.names_for(fact)
    reading = engine.read(f"What does the review say about {brand}?")
    assert engine.names.entity_of(fact) in reading.entities
    assert reading.unknown == ()


def test_a_brand_name_question_is_answered_from_the_drugs_section(engine):
    answer = engine.ask("What kind of drug is Perjeta?")
    assert answer.found and answer.hits[0].passage.section in ("4.2", "4.3", "5", "1")


def test_mentions_are_longest_first_and_never_overlap(engine):
    spans = engine.names.mentions_of("p95HER2-TCB binds p95HER2")
    assert [(m.first, m.last) for m in spans] == [(0, 0), (2, 2)]
    assert spans[0].entity != spans[1].entity


def test_related_entities_are_not_merged(engine):
    # the audit's wrong merges: PKCα with Jagged-1 and Notch-1, MUC4 with TNFα, STAT3 with PTEN
    for a, b in (("PKCα", "Jagged-1"), ("PKCα", "Notch-1"), ("MUC4", "TNFα"), ("STAT3", "PTEN"), ("FGF5", "FGFR2")):
        ea = {m.entity for m in engine.names.mentions_of(a)}
        eb = {m.entity for m in engine.names.mentions_of(b)}
        assert ea and eb and not ea & eb, (a, b)


def test_a_drug_named_only_in_a_cited_title_is_known_by_its_brand_name_and_said_to_be_cited_only(engine):
    # neratinib (Nerlynx) is in the title of reference 7 and nowhere in the review's text
    fact = next(f for f in engine.facts if f.id == "term.neratinib")
    assert "Nerlynx" in engine.names.names_for(fact)
    for name in ("Nerlynx", "neratinib"):
        answer = engine.ask(f"What does the review say about {name}?")
        assert not answer.found
        assert answer.meta["why_not"] == f"the review only cites a paper on '{name}'; its text does not discuss it"
    assert engine.check("Nerlynx is effective in breast tumours with both ERBB2 amplification and mutation."
                        ).reason == ("the review names Nerlynx only in its reference list (a cited title); its text "
                                     "says nothing of it")


@pytest.mark.parametrize("lay,entity_fact", [
    ("small RNAs", "term.mirna"), ("mouth sores", "term.stomatitis"), ("pink eye", "term.conjunctivitis"),
    ("antibody dependent cellular cytotoxicity", "term.adcc"), ("diarrhoea", "term.diarrhea"),
])
def test_plain_words_readers_use_reach_the_glossary(engine, lay, entity_fact):
    fact = next(f for f in engine.facts if f.id == entity_fact)
    reading = engine.read(f"What does the review say about {lay}?")
    assert engine.names.entity_of(fact) in reading.entities


def test_a_plain_language_adverse_event_question_finds_the_trial_section(engine):
    answer = engine.ask("How often did mouth sores occur with pozotinib?", k=3)
    assert answer.found and answer.sentence.section == "4.1"


def test_a_headline_capitalises_words_that_are_no_names(engine):
    # "Come" in a title-case question is no drug the review lacks
    answer = engine.ask("Can Cancer Come Back While on Herceptin?", k=1)
    assert answer.found and answer.meta.get("why_not") is None
    assert engine.read("Is Margenza Better Than Herceptin?").unknown == ()
    # a drug-like name the review never uses is still one, in a headline too
    assert [u.text for u in engine.read("Is Lutetimab Better Than Herceptin?").unknown] == ["Lutetimab"]


def test_clinicians_abbreviation_for_breast_cancer_is_known(engine):
    answer = engine.ask("How do exosomes mediate drug resistance in BC?", k=1)
    assert answer.found and answer.sentence.section == "3.4"


def test_a_name_holding_a_negation_is_not_found_by_its_other_words(engine):
    """The stop list drops "not": the alias "not evaluable" would otherwise be found in "evaluated"."""
    assert engine.names.mentions_of("how was it evaluated") == []
    assert [m.entity for m in engine.names.mentions_of("was it evaluated with T-DM1?")] == \
        [m.entity for m in engine.names.mentions_of("T-DM1")]
