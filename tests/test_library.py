"""A library of reviews (tests/data/library: the metformin mini review and the made-up statins review): answers come
from the right review and name it, --doc restricts, DOC:SEC reads one review's section, bad ids are one clean
line and exit 2, and a follow-up stays in the review of the turn before."""
from __future__ import annotations

import json
import os
import shutil

import pytest

from conftest import DATA, run_qa
from qa.conversation import Conversation
from qa.library import Library, LibraryTopic

LIB = DATA / "library"
STATINS_LINE = "Review: Statins and muscle symptoms: a short test review (2024) [statins]"
METFORMIN_LINE = "Review: Metformin and the ageing kidney: a short test review (2023) [metformin]"
METFORMIN_TITLE = "Metformin and the ageing kidney: a short test review"


@pytest.fixture(scope="module")
def library():
    return Library.open(LIB)


def test_the_manifest_names_each_review_by_its_directory_title_and_year(library):
    assert [(r.id, r.title, r.year) for r in library.reviews] == [
        ("metformin", "Metformin and the ageing kidney: a short test review", 2023),
        ("statins", "Statins and muscle symptoms: a short test review", 2024)]


def test_a_question_is_answered_by_the_review_it_belongs_to(library):
    stop = library.ask("How often do patients stop statins?")
    assert stop.review.id == "statins" and stop.sentence.section == "2.2" and "20%" in stop.sentence.text
    assert {h.passage.doc for h in stop.hits} == {"statins"}
    acidosis = library.ask("What is the lactic acidosis rate with metformin?")
    assert acidosis.review.id == "metformin" and acidosis.sentence.section == "2.2"
    assert "4.3 cases" in acidosis.sentence.text


def test_passages_facts_and_references_carry_their_review(library):
    engine = library.engine("statins")
    assert {p.doc for p in engine.document.passages} == {"statins"}
    assert {f.doc for f in engine.facts} == {"statins"} and len(engine.facts) == 3
    assert {r.doc for r in engine.document.references} == {"statins"}
    assert library.ask("What does CK stand for?").facts[0].doc == "statins"


def test_doc_restricts_to_one_review():
    proc = run_qa("--corpus", str(LIB), "ask", "How often do patients stop statins?", "--doc", "metformin", "--json")
    assert proc.returncode == 0, proc.stderr_text
    record = json.loads(proc.stdout_text)
    assert {p["doc"] for p in record["passages"]} <= {"metformin"}
    free = json.loads(run_qa("--corpus", str(LIB), "ask", "How often do patients stop statins?", "--json").stdout_text)
    assert free["answer"]["section"] == "2.2" and {p["doc"] for p in free["passages"]} == {"statins"}


def test_json_adds_passages_doc_and_text_names_the_review():
    proc = run_qa("--corpus", str(LIB), "ask", "How common is myalgia on statins?")
    assert proc.returncode == 0, proc.stderr_text
    lines = proc.stdout_text.splitlines()
    assert lines[0] == STATINS_LINE and lines[2] == "Answer (§2.1):"
    record = json.loads(run_qa("--corpus", str(LIB), "ask", "What does eGFR stand for?", "--json").stdout_text)
    assert record["passages"] and all(p["doc"] == "metformin" for p in record["passages"])
    assert "doc" not in record["answer"] and "doc" not in record["facts"][0]      # passages[].doc and review are new
    assert record["review"] == {"id": "metformin", "title": METFORMIN_TITLE, "year": 2023}


def test_a_verdict_names_the_review_and_its_evidence_carries_the_doc():
    proc = run_qa("--corpus", str(LIB), "check", "Statins lower LDL cholesterol.", "--json")
    assert proc.returncode == 0, proc.stderr_text
    record = json.loads(proc.stdout_text)
    assert record["verdict"] == "supported" and record["review"]["id"] == "statins"
    assert record["evidence"] and {e["doc"] for e in record["evidence"]} == {"statins"}


def test_one_review_stays_as_it_was():
    record = json.loads(run_qa("--corpus", str(DATA / "mini_corpus"), "ask", "What does eGFR stand for?",
                               "--json").stdout_text)
    assert all("doc" not in p for p in record["passages"]) and "review" not in record
    verdict = json.loads(run_qa("--corpus", str(DATA / "mini_corpus"), "check", "eGFR stands for estimated "
                                "glomerular filtration rate.", "--json").stdout_text)
    assert "review" not in verdict and all("doc" not in e for e in verdict["evidence"])
    text = run_qa("--corpus", str(DATA / "mini_corpus"), "ask", "What does eGFR stand for?").stdout_text
    assert text.startswith("Answer (§1):") and "Review:" not in text


def test_show_doc_section_reads_that_reviews_section():
    proc = run_qa("--corpus", str(LIB), "show", "statins:2.1")
    assert proc.returncode == 0, proc.stderr_text
    assert proc.stdout_text.startswith("2 Muscle symptoms › 2.1 How common they are\n")
    assert "myalgia was reported by 7%" in proc.stdout_text
    other = run_qa("--corpus", str(LIB), "show", "metformin:2.1").stdout_text
    assert other.startswith("2 Kidney function › 2.1 Dose adjustment\n") and "halving the dose" in other
    assert run_qa("--corpus", str(LIB), "show", "2.1", "--doc", "statins").stdout_text == proc.stdout_text


@pytest.mark.parametrize("args, message", [
    (("show", "nope:2.1"), f"qa: no review 'nope' in {LIB} (its reviews: metformin, statins; `qa sections` lists them)"),
    (("ask", "How common is myalgia?", "--doc", "nope"),
     f"qa: no review 'nope' in {LIB} (its reviews: metformin, statins; `qa sections` lists them)"),
    (("show", "statins:9.9"), "qa: review statins has no section '9.9' (nearest: statins:3, statins:2.2, statins:2.1; "
                              "`qa sections --doc statins` lists them)"),
    (("show", "2.1"), f"qa: {LIB} holds 2 reviews: name the review, `qa show DOC:SECTION` (for example metformin:2.1) "
                      "or --doc DOC"),
    (("refs", "3"), f"qa: qa refs reads one review, and {LIB} holds 2: name one with --doc ID (its reviews: metformin, "
                    "statins)"),
])
def test_an_unknown_review_or_section_is_one_line_and_exit_2(args, message):
    proc = run_qa("--corpus", str(LIB), *args)
    assert proc.returncode == 2
    assert proc.stderr_text == message + "\n" and proc.stdout_text == ""


def test_doc_on_a_corpus_of_one_review_is_refused():
    proc = run_qa("--corpus", str(DATA / "mini_corpus"), "ask", "What does eGFR stand for?", "--doc", "statins")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr_text
    assert proc.stderr_text.startswith("qa: --doc names a review of a library, and ")


def test_sections_lists_the_reviews_and_one_reviews_outline():
    out = run_qa("--corpus", str(LIB), "sections").stdout_text.splitlines()
    assert out[0].startswith("metformin  Metformin and the ageing kidney: a short test review (2023)")
    assert any(line.startswith("statins    Statins and muscle symptoms") for line in out)
    one = run_qa("--corpus", str(LIB), "sections", "--doc", "statins").stdout_text
    assert "  2.1      How common they are" in one and "Dose adjustment" not in one


def test_a_follow_up_stays_in_the_review_of_the_turn_before(library):
    question = "how often do patients stop it?"
    # alone, its words belong to the statins review ...
    assert library.choose(question).doc == "statins"
    # ... but after a question on metformin "it" is metformin: the answer stays in that review
    talk = Conversation(library)
    assert talk.ask("What is the lactic acidosis rate with metformin?").review.id == "metformin"
    follow = talk.ask(question)
    assert follow.review.id == "metformin" and {h.passage.doc for h in follow.hits} <= {"metformin"}
    assert isinstance(talk.topic, LibraryTopic) and talk.topic.doc == "metformin"


def test_a_question_whose_subject_is_another_reviews_moves_there(library):
    talk = Conversation(library)
    talk.ask("What is the lactic acidosis rate with metformin?")
    moved = talk.ask("How common is myalgia on statins?")
    assert moved.review.id == "statins" and moved.sentence.section == "2.1"
    named = talk.ask("What does the metformin review say about conclusions?")
    assert named.review.id == "metformin"


def test_batch_conversations_keep_their_review():
    lines = "\n".join(json.dumps(x) for x in [
        {"id": "a1", "conversation": "a", "q": "What is the lactic acidosis rate with metformin?"},
        {"id": "b1", "conversation": "b", "q": "How common is myalgia on statins?"},
        {"id": "a2", "conversation": "a", "q": "how often do patients stop it?"},
        {"id": "b2", "conversation": "b", "q": "and is it reported with placebo too?"}]) + "\n"
    proc = run_qa("--corpus", str(LIB), "batch", "-", input=lines)
    assert proc.returncode == 0, proc.stderr_text
    docs = {r["id"]: {p["doc"] for p in r["passages"]} for r in proc.records}
    assert docs["a2"] <= {"metformin"} and docs["b2"] == {"statins"}


def test_chat_names_the_review_and_keeps_it():
    proc = run_qa("--corpus", str(LIB), "chat", input="What is the lactic acidosis rate with metformin?\n"
                                                      "how often do patients stop it?\n")
    assert proc.returncode == 0, proc.stderr_text
    answers = [line for line in proc.stdout_text.splitlines() if line.startswith("Review: ")]
    assert answers == [METFORMIN_LINE, METFORMIN_LINE]


def test_trec_docids_are_unique_across_the_library():
    out = run_qa("--corpus", str(LIB), "batch", "-", "--format", "trec", input="How common is myalgia?\n").stdout_text
    assert out.splitlines()[0].split()[2] == "statins:2.1/p1"


def test_the_manifest_is_read_from_the_cache_and_rebuilt_when_a_review_changes(tmp_path):
    lib = tmp_path / "lib"
    for name, source in (("metformin", "mini_corpus"), ("statins", "statins_corpus")):
        shutil.copytree(DATA / source, lib / name)
    assert Library.open(lib).load_report.from_cache is False
    assert Library.open(lib).load_report.from_cache is True
    review = lib / "statins" / "review.md"
    review.write_text(review.read_text(encoding="utf-8").replace("succeeds in about 70%", "succeeds in about 85 in "
                                                                  "100"), encoding="utf-8")
    os.utime(review, ns=(1, 1))          # an old time: the new size alone tells the review changed
    fresh = Library.open(lib)
    assert fresh.load_report.from_cache is False
    assert "85 in 100" in fresh.ask("How often does rechallenge with another statin succeed?").sentence.text


def test_a_review_directory_name_that_cannot_be_an_id_is_refused(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(DATA / "mini_corpus", lib / "metformin")
    shutil.copytree(DATA / "statins_corpus", lib / "my statins")
    proc = run_qa("--corpus", str(lib), "ask", "How common is myalgia?")
    assert proc.returncode == 2
    assert proc.stderr_text == (f"qa: {lib / 'my statins'}: a review's directory name is its id and may hold only "
                                "letters, digits, '.', '_' and '-'\n")


# -- the chat UI over a library -------------------------------------------------------------------------------

def test_the_chat_ui_names_the_review_and_reads_its_sections(library, tmp_path):
    import asyncio
    from test_tui import ask, visible_text
    from tui.app import build_app
    from tui.screens.section import SectionScreen
    from tui.widgets.answer_card import AnswerCard, AnswerLead

    async def go():
        app = build_app(library, history_path=tmp_path / "history", export_dir=tmp_path)
        async with app.run_test(size=(100, 32)) as pilot:
            welcome = visible_text(app)
            assert "Ask the library" in welcome and "Metformin and the ageing kidney: a short test review " \
                "(2023) · metformin" in welcome and "(2024) · statins" in welcome
            assert app.prompt.placeholder == "Ask a question about these reviews (or check: a claim)"
            assert await app._suggester.get_suggestion("what is creat") is None    # the first review's terms
            await ask(pilot, "How common is myalgia on statins?")
            # completions now come from the review being read
            assert await app._suggester.get_suggestion("what is creat") == "what is creatine kinase"
            assert "from Statins and muscle symptoms: a short test review (2024)  ·  statins" in visible_text(app)
            assert app.review_id == "statins"
            assert [s.id for s in app.engine.outline() if s.number] == ["1", "2", "2.1", "2.2", "3"]
            await ask(pilot, "how often do patients stop them?")       # a follow-up: the same review
            assert app.review_id == "statins" and "statins ·" in str(app.query_one("#topic").render())
            await ask(pilot, "What is the lactic acidosis rate with metformin?")
            assert app.review_id == "metformin"
            assert "from Metformin and the ageing kidney" in visible_text(app)
            # the first card's answer opens its own review's section, not the one read last
            app.query(AnswerCard).first().query_one(AnswerLead).action_open_section()
            await pilot.pause()
            assert isinstance(app.screen, SectionScreen) and app.review_id == "statins"
            assert "myalgia was reported by 7%" in visible_text(app)
    asyncio.run(go())


LIBRARY_GOLD = """
- {id: l1, q: "How common is myalgia on statins?", gold: ["statins:2.1"], answer: ["7%"]}
- {id: l2, q: "What does eGFR stand for?", doc: metformin, gold: ["1"], answer: ["glomerular filtration"]}
- {id: l3, q: "What is the capital of France?", doc: metformin, gold: [], answer: []}
- {id: l4, q: "How common is myalgia on statins?", gold: ["metformin:*"], answer: ["7%"]}
- {id: c1, claim: "Statins lower LDL cholesterol.", verdict: supported, doc: statins}
- {id: c2, claim: "Statins lower LDL cholesterol.", verdict: supported, gold: ["metformin:1"]}
"""


def test_eval_over_a_library_judges_each_answer_in_the_review_its_item_names(tmp_path):
    gold = tmp_path / "gold.yaml"
    gold.write_text(LIBRARY_GOLD, encoding="utf-8")
    proc = run_qa("--corpus", str(LIB), "eval", str(gold), "--json")
    assert proc.returncode == 0, proc.stderr_text
    report = json.loads(proc.stdout_text)
    qa = report["systems"]["qa"]
    # l4's answer is right but comes from statins, not the metformin review its gold names: a miss on both counts
    assert (qa["answerable"], qa["unanswerable"], qa["hit@1"], qa["review@1"]) == (3, 1, 0.6667, 0.6667)
    assert qa["declined"] == 1.0 and report["claims"]["accuracy"] == 1.0 and report["claims"]["review@1"] == 0.5
    assert {m["id"]: m.get("top", m.get("review")) for m in report["misses"]} == {"l4": "statins:2.1",
                                                                                   "c2": "statins"}
    text = run_qa("--corpus", str(LIB), "eval", str(gold)).stdout_text
    assert "| review@1 | 0.667 |" in text and "Claims: 2, accuracy 1.000, review@1 0.500" in text
    assert "  c2: expected supported, got supported in statins — Statins lower LDL cholesterol." in text
    one = run_qa("--corpus", str(DATA / "mini_corpus"), "eval", str(DATA / "mini_claims3.yaml")).stdout_text
    assert "review@1" not in one                                          # one review: the report as before


@pytest.mark.parametrize("entry, message", [
    ('{id: a, q: "How common is myalgia?", gold: ["2.1"], answer: ["7%"]}',
     "item a: in a library an item names the review that holds its answer: `doc: ID` or gold sections as "
     "ID:SECTION (its reviews: metformin, statins)"),
    ('{id: a, q: "How common is myalgia?", gold: ["nope:2.1"], answer: ["7%"]}',
     "item a names no review of this library: nope (its reviews: metformin, statins)")])
def test_a_library_gold_item_that_names_no_review_or_an_unknown_one_is_refused(tmp_path, entry, message):
    gold = tmp_path / "gold.yaml"
    gold.write_text(f"- {entry}\n", encoding="utf-8")
    proc = run_qa("--corpus", str(LIB), "eval", str(gold))
    assert proc.returncode == 2 and proc.stderr_text == f"qa: {gold}: {message}\n" and not proc.stdout_text
    baselines = run_qa("--corpus", str(LIB), "eval", str(gold), "--baselines")
    assert baselines.returncode == 2 and "--baselines ranks one review's passages: name one with --doc" in \
        baselines.stderr_text


def test_help_names_the_library_and_a_review_of_it():
    assert "against, a library of 2 reviews (one" in run_qa("--corpus", str(LIB), "--help").stdout_text
    assert '"Statins and muscle symptoms" (2024)' in " ".join(
        run_qa("--corpus", str(LIB), "--doc", "statins", "--help").stdout_text.split())


def test_a_review_of_a_library_keeps_its_quality_figures():
    gold = str(DATA / "mini_claims3.yaml")
    alone = json.loads(run_qa("--corpus", str(DATA / "mini_corpus"), "eval", gold, "--json").stdout_text)
    shelved = json.loads(run_qa("--corpus", str(LIB), "--doc", "metformin", "eval", gold, "--json").stdout_text)
    assert shelved["claims"] == alone["claims"] and shelved["claims"]["accuracy"] > 0.8


@pytest.mark.parametrize("question, back", [
    ("is it approved?", True), ("and their side effects?", True), ("how long did this drug work?", True),
    ("how common is that?", True), ("What share of patients said that muscle pain made them stop?", True),
    ("What share of patients said that muscle pain stopped treatment?", False),
    ("How common is myalgia on statins?", False), ("and for the other statin?", False)])
def test_what_points_back_to_an_earlier_turn(question, back):
    from qa.conversation import points_back
    assert points_back(question) is back


def _copies(tmp_path, n):
    """A library of n reviews: the two test reviews copied under numbered ids."""
    for i in range(n):
        source = LIB / ("metformin", "statins")[i % 2]
        shutil.copytree(source.resolve(), tmp_path / f"r{i:02d}")
    return tmp_path


def test_a_library_built_by_workers_is_the_one_built_in_one_process(tmp_path, monkeypatch):
    from pathlib import Path

    from qa import manifest
    from qa.index import RankerSettings
    from qa.text import Tokenizer
    monkeypatch.setattr(manifest, "REVIEWS_PER_TASK", 2)
    corpus = _copies(tmp_path, 7)
    found = manifest.scan(Path(corpus))
    built = [manifest._build(corpus, found, "k", None, RankerSettings(), Tokenizer(), None, workers=w)
             for w in (1, 2)]
    one, two = built
    assert [s.review for s in one.reviews] == [s.review for s in two.reviews]
    assert [s.passages for s in one.reviews] == [s.passages for s in two.reviews] and one.reviews[0].passages
    words = ["statins", "myalgia", "egfr", "kidney", "nosuchword"]
    assert one.stems.lookup(words) == two.stems.lookup(words)        # the words workers stemmed come back
    stems = one.stems.lookup(words)
    assert "nosuchword" not in stems
    query = {stems["statins"]: 1.0, stems["myalgia"]: 1.0}
    # every passage holding the words, with its score (tied copies may come in either order)
    hits = [sorted((h.doc, h.unit, round(h.score, 4)) for h in built.index.search(query, 1000)) for built in (one, two)]
    assert hits[0] == hits[1] and len(hits[0]) > 7


def test_the_library_stem_table_is_read_a_question_at_a_time(tmp_path, monkeypatch):
    """A later process looks up the question's words in the table on disk; it never reads the whole of it, and a
    word of any review is stemmed without the stemmer."""
    from qa import manifest, stemtable
    from qa.library import Library
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    Library.open(LIB).ask("How common is myalgia?")
    directory = next((tmp_path / "cache" / "qa").glob("library-*"))
    assert (directory / stemtable.FILE).is_file() and "stems" not in (directory / manifest.MANIFEST).read_text()
    library = Library.open(LIB)
    assert library.manifest.from_cache and library.manifest.stems.path == directory / stemtable.FILE
    assert library.manifest.stems.lookup(["myalgia", "egfr", "zzz"]) == {"myalgia": "myalgia", "egfr": "egfr"}
    from qa.text import Tokenizer
    monkeypatch.setattr(Tokenizer, "_stemmer", lambda self: pytest.fail("loaded the stemmer"))
    assert library.ask("How common is myalgia on statins?").review.id == "statins"
    # a broken table is a cache miss: the library is rebuilt, not refused
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (directory / stemtable.FILE).write_bytes(b"not a database")
    rebuilt = Library.open(LIB)
    assert not rebuilt.manifest.from_cache and rebuilt.ask("What does eGFR stand for?").review.id == "metformin"


def test_building_a_library_shows_progress_in_reviews_and_passages(tmp_path, monkeypatch):
    from qa import manifest
    from qa.index import RankerSettings
    from qa.text import Tokenizer
    monkeypatch.setattr(manifest, "PROGRESS_EVERY", -1.0)
    corpus = _copies(tmp_path, 3)
    lines = []
    manifest._build(corpus, manifest.scan(corpus), "k", None, RankerSettings(), Tokenizer(), lines.append, workers=1)
    assert lines[0].startswith("indexing the library: ") and " / 3 reviews, " in lines[0] and " passages, " in lines[0]
    assert lines[-1].startswith("indexed the library: 3 reviews, ") and lines[-1].endswith(" s\n")
