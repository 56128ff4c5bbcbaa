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
    """CONTRACT: `section` is the section of the fact's evidence (a Table 1 row filed under 3.1.2 too: table-1)."""
    facts = answer_json(engine.ask("What is the 17q23 amplicon linked to?"))["facts"]
    for f in facts:
        assert isinstance(f["section"], str) and f["section"] in f["sections"]
        held = " ".join(p.text for p in engine.document.passages_of(f["section"]))
        assert f["evidence"] in held, f["id"]
    assert any(f["section"] == "table-1" and f["sections"][0] != "table-1" for f in facts)
