"""The curators' notes reach the user: a fact or reference where the review cites a paper about something else."""
from qa.formats import answer_json, formatter


def test_a_wrong_citation_is_said_in_json_and_text(engine):
    answer = engine.ask("Which bispecific antibody targets p95HER2?")
    record = answer_json(answer)
    ref48 = next(r for r in record["references"] if r["n"] == 48)
    assert "exosome" in ref48["note"].lower() and "p95HER2-TCB" in ref48["note"]
    fact = next(f for f in record["facts"] if f["id"] == "agent.p95her2_tcb")
    assert "(48)" in fact["note"]
    text = formatter("text").answer(answer)
    assert "note: The cited paper (48) is about exosomes" in " ".join(text.split())


def test_fact_section_is_one_string_and_sections_the_list(engine):
    for f in answer_json(engine.ask("What is the 17q23 amplicon linked to?"))["facts"]:
        assert isinstance(f["section"], str) and f["section"] == f["sections"][0]
