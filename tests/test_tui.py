"""The chat UI as a user meets it: Pilot tests on the real review, and snapshots of the main states at 100x32."""
from __future__ import annotations

import asyncio
import io
from datetime import datetime
from pathlib import Path

import pytest
from rich.console import Console

from conftest import DATA

from qa.identity import Identity
from qa.models import Evidence, Verdict
from tui.app import build_app
from tui.conversation import Exchange, conversation_markdown
from tui.history import History, default_history_path
from tui.screens.help import HelpScreen
from tui.screens.references import ReferencesScreen
from tui.screens.section import SectionScreen
from tui.screens.table import TableScreen
from tui.widgets.answer_card import AnswerCard, AnswerLead, NotFoundItem, PassageItem
from tui.widgets.prompt import TermSuggester, review_terms
from tui.widgets.transcript import NoticeCard, QuestionLine, WelcomeCard
from tui.widgets.verdict_card import EvidenceLine, VerdictCard, VerdictHead

P95 = "What fraction of HER2-positive tumours express p95-HER2?"
FRANCE = "What is the capital of France?"
INJECTION = "[/bold] x [@click=app.quit]"
SIZE = (100, 32)


def run(coro):
    """No asyncio pytest plugin is a test dependency: drive each Pilot session with asyncio.run."""
    return asyncio.run(coro)


def visible_text(app) -> str:
    """The characters on the terminal right now (what a user reads), without styles."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, record=True,
                      legacy_windows=False, safe_box=False, color_system=None)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)


async def ask(pilot, text: str, typed: bool = False) -> None:
    """Put the question in the box (typed key by key when that matters) and press Enter; wait for the card."""
    if typed:
        await pilot.press(*text)
    else:
        pilot.app.prompt.value = text
    await pilot.press("enter")
    await settle(pilot)


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def palette_text(pilot, text: str, tries: int = 100) -> str:
    """What the command palette lists (each hit and its help), once a hit holds text: the palette fills in
    its hits asynchronously, and they are read from its list rather than from the screen buffer, which a
    headless run does not always repaint under the modal palette."""
    from textual.widgets import OptionList
    listed = ""
    for _ in range(tries):
        listed = "\n".join(str(o.prompt) for o in pilot.app.screen.query_one(OptionList).options)
        if text in listed:
            break
        await pilot.pause(0.05)
    return listed


@pytest.fixture
def history_file(tmp_path) -> Path:
    return tmp_path / "data" / "qa" / "history"


@pytest.fixture
def make_app(engine, history_file, tmp_path):
    def make(**kwargs):
        kwargs.setdefault("history_path", history_file)
        kwargs.setdefault("export_dir", tmp_path)
        return build_app(engine, **kwargs)
    return make


# -- asking ---------------------------------------------------------------------------------------------

def test_starts_ready_in_the_question_box(make_app):
    async def go():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.focused is app.prompt
            assert app.query(WelcomeCard)
            assert "Type a question and press Enter" in visible_text(app)
    run(go())


def test_p95_question_shows_section_2_3_and_30_percent(make_app):
    async def go():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await ask(pilot, P95, typed=True)
            screen = visible_text(app)
            assert "§2.3" in screen
            assert "30%" in screen
            card = app.query_one(AnswerCard)
            lead = card.query_one(AnswerLead)
            assert lead.section_id == "2.3"
            assert "About 30% of HER2-positive breast tumors" in str(lead.render())
            passages = list(card.query(PassageItem))
            assert passages[0].hit.passage.section == "2.3"
            assert "cites [25]" in str(passages[0].render())
            assert not app.query(WelcomeCard)
            assert app.focused is app.prompt          # ready for the next question
    run(go())


def test_not_found_card_says_so_plainly(make_app):
    async def go():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await ask(pilot, FRANCE)
            card = app.query_one(AnswerCard)
            assert card.has_class("not-found")
            assert card.query(NotFoundItem)
            assert not card.query(PassageItem)
            assert "The review has nothing that answers this question: " in visible_text(app)
    run(go())


def test_a_near_miss_card_says_what_the_review_gives(make_app):
    async def go():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await ask(pilot, "What is the dose of margetuximab?")
            text = visible_text(app)
            assert "the review reports no dose for margetuximab" in text
            assert "Nearest sections: §4.3 Other novel agents" in text
    run(go())


def test_markup_in_a_question_is_shown_literally_and_triggers_nothing(make_app):
    async def go():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await ask(pilot, INJECTION, typed=True)
            assert app.is_running
            line = app.query_one(QuestionLine)
            assert str(line.render()) == f"You › {INJECTION}"
            assert INJECTION in visible_text(app)
            await pilot.click(QuestionLine)
            await pilot.pause()
            assert app.is_running
            assert app.history.entries[-1] == INJECTION
            await ask(pilot, "[bold]HER2[/bold] [link=https://x]p95[/link]")
            assert "[bold]HER2[/bold] [link=https://x]p95[/link]" in visible_text(app)
            assert app.is_running
    run(go())


def test_question_mark_types_in_the_input_and_opens_help_elsewhere(make_app):
    async def go():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*"why?")
            assert app.prompt.value == "why?"
            assert not isinstance(app.screen, HelpScreen)
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            assert not isinstance(app.screen, HelpScreen)
            app.prompt.value = ""
            await ask(pilot, P95)
            await pilot.press("tab")
            assert isinstance(app.focused, AnswerLead)
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            assert "In an answer" in visible_text(app)
    run(go())


def test_too_long_question_shows_the_engine_message(make_app):
    async def go():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            app.prompt.value = "resistance " * 500
            await pilot.press("enter")
            await settle(pilot)
            notice = app.query_one(NoticeCard)
            assert "too long" in visible_text(app)
            assert notice.has_class("error")
    run(go())


# -- history --------------------------------------------------------------------------------------------

def test_up_and_down_recall_questions_and_history_survives_a_restart(make_app, history_file):
    async def go():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await ask(pilot, P95)
            await ask(pilot, FRANCE)
            await pilot.press(*"draft")
            await pilot.press("up")
            assert app.prompt.value == FRANCE
            await pilot.press("up")
            assert app.prompt.value == P95
            await pilot.press("up")
            assert app.prompt.value == P95          # stays on the oldest
            await pilot.press("down")
            assert app.prompt.value == FRANCE
            await pilot.press("down")
            assert app.prompt.value == "draft"      # back to what was being typed
        assert history_file.read_text(encoding="utf-8").splitlines() == [P95, FRANCE]

        again = make_app()
        async with again.run_test(size=SIZE) as pilot:
            await pilot.press("up")
            assert again.prompt.value == FRANCE
            await pilot.press("enter")
            await settle(pilot)
            assert again.query_one(AnswerCard).has_class("not-found")
    run(go())


def test_history_lives_in_xdg_data_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_history_path() == tmp_path / "qa" / "history"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert default_history_path() == Path.home() / ".local" / "share" / "qa" / "history"


def test_history_that_cannot_be_saved_does_not_stop_the_app(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    history = History(blocker / "qa" / "history")
    history.add("one\nquestion")
    assert history.entries == ["one question"]
    assert history.error and "history not saved" in history.error


# -- reading the source ---------------------------------------------------------------------------------

def test_opening_the_section_references_and_table_from_a_card(make_app):
    async def go():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await ask(pilot, P95)
            await pilot.press("tab", "down")
            passage = app.focused
            assert isinstance(passage, PassageItem) and passage.section_id == "2.3"
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SectionScreen) and screen.section_id == "2.3"
            text = visible_text(app)
            assert "2.3 Post-translational alterations of ERBB2" in text
            assert "About 30% of HER2-positive breast tumors" in text
            assert screen.query(".para.current")
            await pilot.press("escape")
            assert app.focused is passage

            await pilot.press("r")
            await pilot.pause()
            assert isinstance(app.screen, ReferencesScreen)
            assert app.screen.numbers == (25, 26, 27, 28, 29)
            text = visible_text(app)
            assert "[25] Parra-Palau J" in text and "10.1093/jnci/dju291" in text and "(2014)" in text
            await pilot.press("escape", "t")
            await pilot.pause()
            assert isinstance(app.screen, TableScreen)
            text = visible_text(app)
            assert "CDK12" in text and "Emerging biomarkers" in text
            await pilot.press("s")
            await pilot.pause()
            assert isinstance(app.screen, SectionScreen) and app.screen.section_id == "3.1"
    run(go())


def test_section_view_walks_to_the_next_section(make_app):
    async def go():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            app.open_section("2.3")
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            assert app.screen.section_id == "2.4"
            assert "2.4 Over-activation of signaling pathways" in visible_text(app)
            await pilot.press("p", "p")
            await pilot.pause()
            assert app.screen.section_id == "2.2"
    run(go())


def test_outline_panel_opens_a_whole_section(make_app):
    async def go():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+o")
            outline = app.query_one("#outline")
            assert outline.display and app.focused is outline
            assert "3.1.4 The Hippo-yap pathway" in visible_text(app)
            node = next(n for n in _walk(outline.root) if n.data == "3.1.4")
            outline.move_cursor(node)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, SectionScreen) and app.screen.section_id == "3.1.4"
            await pilot.press("escape", "ctrl+o")
            assert not outline.display and app.focused is app.prompt
    run(go())


def _walk(node):
    for child in node.children:
        yield child
        yield from _walk(child)


def test_command_palette_goes_to_a_section(make_app):
    async def go():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"go to section 3.1.4 hippo")
            await pilot.pause(0.5)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, SectionScreen) and app.screen.section_id == "3.1.4"
    run(go())


# -- copy, export, clear, check, theme --------------------------------------------------------------------

def test_export_writes_the_conversation_as_markdown(make_app, tmp_path):
    async def go():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await ask(pilot, P95)
            await ask(pilot, FRANCE)
            await pilot.press("ctrl+s")
            await pilot.pause()
            field = app.screen.query_one("#export-path")
            assert field.value.startswith(str(tmp_path / "qa-conversation-"))    # offered, and editable
            await pilot.press("enter")
            await pilot.pause()
        files = list(tmp_path.glob("qa-conversation-*.md"))
        assert len(files) == 1
        assert files[0].name.count("-") == 3 and len(files[0].stem) == len("qa-conversation-20250101-120000")
        text = files[0].read_text(encoding="utf-8")
        lines = text.splitlines()
        assert lines[0] == ("# qa conversation: Trastuzumab resistance in HER2-positive breast cancer: "
                            "Mechanisms, emerging biomarkers and targeting agents")
        assert "doi: 10.3389/fonc.2022.1006429" in text
        assert f"## Q1. {P95}" in lines
        assert any(line.startswith("**Answer** (§2.3): About 30% of HER2-positive breast tumors") for line in lines)
        assert any(line.startswith("1. §2.3 — 2 Currently investigated mechanisms") for line in lines)
        assert "| Kind | Fact | Section | Refs |" in lines
        assert any(line.startswith("| statistic | About 30% of HER2-positive") for line in lines)
        assert any(line.startswith("- \\[25\\] Parra-Palau J") for line in lines)
        assert lines.index(f"## Q2. {FRANCE}") > lines.index(f"## Q1. {P95}")
        assert lines[lines.index(f"## Q2. {FRANCE}") + 2] == "The review has nothing that answers this question: no passage shares a word with the question."
        notes = [n.message for n in app._notifications]
        assert any(str(files[0].resolve()) in n for n in notes)
    run(go())


def test_export_to_a_path_the_user_types_never_overwrites(make_app, tmp_path):
    async def go():
        app = make_app()
        target = tmp_path / "notes.md"
        target.write_text("mine\n")
        async with app.run_test(size=SIZE) as pilot:
            await ask(pilot, P95)
            await pilot.press("ctrl+s")
            await pilot.pause()
            app.screen.query_one("#export-path").value = str(target)
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("escape")                    # cancelled: nothing written
            await pilot.pause()
        assert target.read_text() == "mine\n"
        assert sorted(p.name for p in tmp_path.glob("notes*.md")) == ["notes-2.md", "notes.md"]
        assert "About 30%" in (tmp_path / "notes-2.md").read_text()
    run(go())


def _identity(title: str, source: str, licence: str) -> Identity:
    return Identity(title=title, short_title=title, journal="", year=None, reference_range="", table_ids=(),
                    section_examples=(), examples=(), claims=(), source=source, licence=licence)


def test_markdown_export_escapes_user_text():
    exchange = Exchange("ask", "*bold* [link](x) <b>|</b> \x1b[31m", error="too long", number=1)
    text = conversation_markdown([exchange], _identity("T", "C", "CC BY 4.0"), when=datetime(2024, 5, 6, 7, 8))
    assert text == ("# qa conversation: T\n\nExported 2024-05-06 07:08. Answers are quoted from: C (CC BY 4.0).\n\n"
                    "## Q1. \\*bold\\* \\[link\\](x) \\<b\\>\\|\\</b\\> \\\\x1b\\[31m\n\ntoo long\n")


def test_export_header_states_no_licence_the_review_does_not_state():
    """A review without a citation or a licence line (the mini corpus) is quoted by its title, with no licence
    made up for it (the header used to say "quoted from:  (CC BY 4.0)")."""
    text = conversation_markdown([], _identity("Metformin and the ageing kidney", "Metformin and the ageing kidney",
                                               ""), when=datetime(2024, 5, 6, 7, 8))
    assert text == ("# qa conversation: Metformin and the ageing kidney\n\n"
                    "Exported 2024-05-06 07:08. Answers are quoted from: Metformin and the ageing kidney.\n")


def test_copy_puts_the_answer_on_the_clipboard(make_app):
    async def go():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+y")
            assert app.clipboard == ""
            await ask(pilot, P95)
            await pilot.press("ctrl+y")
            # the answer with its citation, not every passage
            lines = app.clipboard.splitlines()
            assert lines[0] == f"Q: {P95}"
            assert lines[1].startswith("A: About 30% of HER2-positive breast tumors") and lines[1].endswith("(§2.3)")
            assert lines[2:] == [r for r in lines[2:] if r.startswith("[25] Parra-Palau J")] and len(lines) == 3
            assert any("Copied the answer and its citation" in n.message for n in app._notifications)
            app.action_copy_all()
            assert app.clipboard.startswith(f"## Q1. {P95}") and "Passages" in app.clipboard or \
                app.clipboard.count("§") > 3
    run(go())


def test_clear_empties_the_transcript(make_app):
    async def go():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await ask(pilot, P95)
            await pilot.press("ctrl+l")
            await pilot.pause()
            assert len(app.exchanges) == 1 and app.query(AnswerCard)        # the first press only asks
            assert any("Press ctrl+l again" in n.message for n in app._notifications)
            await pilot.press("ctrl+l")
            await pilot.pause()
            assert app.exchanges == []
            assert not app.query(AnswerCard) and app.query(WelcomeCard)
            assert app.focused is app.prompt
    run(go())


def test_theme_toggles_between_dark_and_light(make_app):
    async def go():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            assert app.theme == "textual-dark"
            await pilot.press("ctrl+t")
            assert app.theme == "textual-light"
            await pilot.press("ctrl+t")
            assert app.theme == "textual-dark"
    run(go())


def test_suggestions_complete_review_terms_inside_a_question(engine):
    suggester = TermSuggester(review_terms(engine))

    async def go():
        assert await suggester.get_suggestion("Which agents overcome tras") == "Which agents overcome trastuzumab"
        assert await suggester.get_suggestion("is p95") == "is p95-HER2"
        assert await suggester.get_suggestion("is p95-her") == "is p95-her2"   # typed text kept as typed
        assert await suggester.get_suggestion("tyrosine kin") == "tyrosine kinase inhibitor"
        assert (await suggester.get_suggestion("Molecules carried")
                == "Molecules carried by exosomes predict trastuzumab resistance")   # a section title
        assert await suggester.get_suggestion("xy") is None
    run(go())


def test_suggestion_is_offered_and_accepted_with_right_arrow(make_app):
    async def go():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*"What is T-DX")
            await pilot.pause()
            assert app.prompt._suggestion == "What is T-DXd"
            await pilot.press("right")
            assert app.prompt.value == "What is T-DXd"
    run(go())


class VerdictEngine:
    """The real engine, except that check() returns a fixed verdict (the card is tested apart from qa.check)."""

    def __init__(self, engine, verdict: Verdict):
        self._engine = engine
        self._verdict = verdict

    def __getattr__(self, name):
        return getattr(self._engine, name)

    def check(self, claim: str) -> Verdict:
        return self._verdict


def test_verdict_card_shows_verdict_reason_evidence_and_facts(engine, history_file, tmp_path):
    fact = next(f for f in engine.facts if f.id == "statistic.p95_her2_share")
    verdict = Verdict("About 60% of HER2-positive tumours express p95-HER2", "contradicted",
                      "the review says about 30% [b]not[/b] 60%",
                      (Evidence("2.3", "2.3/p1", "About 30% of HER2-positive breast tumors express p95-HER2."),),
                      (fact,))
    fake = VerdictEngine(engine, verdict)

    async def go():
        app = build_app(fake, history_path=history_file, export_dir=tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await ask(pilot, "check: About 60% of HER2-positive tumours express p95-HER2")
            card = app.query_one(VerdictCard)
            assert card.has_class("contradicted")
            text = visible_text(app)
            assert "CONTRADICTED" in text
            assert "the review says about 30% [b]not[/b] 60%" in text
            assert "§2.3" in text and "statistic" in text
            await pilot.press("tab", "down", "enter")
            await pilot.pause()
            assert isinstance(app.screen, SectionScreen) and app.screen.section_id == "2.3"
            await pilot.press("escape", "f2")
            assert app.mode == "check"
            await ask(pilot, "p95-HER2 is common")
            assert len(app.query(VerdictCard)) == 2
            assert app.history.entries[-1] == "check: p95-HER2 is common"     # recalled, it is checked again
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        text = next(tmp_path.glob("qa-conversation-*.md")).read_text(encoding="utf-8")
        assert "## Q1. check: About 60% of HER2-positive tumours express p95-HER2" in text
        assert "**Verdict: Contradicted** — the review says about 30% \\[b\\]not\\[/b\\] 60%" in text
    run(go())


class BrokenEngine(VerdictEngine):
    """ask() and check() fail unexpectedly: the app must say so and stay usable."""

    def ask(self, question: str, k: int = 5, context=None):
        raise RuntimeError("index [corrupt]")

    def check(self, claim: str):
        raise KeyError("claim [reader]")


def test_engine_failures_become_cards_not_crashes(engine, history_file, tmp_path):
    async def go():
        app = build_app(BrokenEngine(engine, None), history_path=history_file, export_dir=tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await ask(pilot, P95)
            await ask(pilot, "check: T-DM1 is an antibody-drug conjugate")
            text = visible_text(app)
            assert "Something went wrong answering this: RuntimeError: index [corrupt]" in text
            assert "Something went wrong answering this: KeyError: 'claim [reader]'" in text
            assert len(app.query(NoticeCard)) == 2 and app.is_running
            assert all(card.has_class("error") for card in app.query(NoticeCard))
    run(go())


def test_real_check_shows_the_verdict_and_its_reason(make_app):
    async def go():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await ask(pilot, "check: About 30% of HER2-positive breast tumors express p95-HER2")
            await ask(pilot, "check: About 60% of HER2-positive breast tumors express p95-HER2")
            supported, contradicted = app.query(VerdictCard)
            assert supported.has_class("supported") and contradicted.has_class("contradicted")
            # the review's own words in quotation marks (not qa's summary of them)
            reason = ('the review says "About 30% of HER2-positive breast tumors express a group of truncated HER2 '
                      'segment collectively named as p95-HER2, and also known as the p95-HER2/611 carboxy terminal '
                      'fragment (CTF) and p110 (25)." (§2.3)')
            assert str(supported.query_one(VerdictHead).render()) == f" ✔ SUPPORTED \n{reason}"
            assert str(contradicted.query_one(VerdictHead).render()) == f" ✘ CONTRADICTED \n{reason}, not 60%"
            assert "✘ CONTRADICTED" in visible_text(app)
            assert [e.section_id for e in contradicted.query(EvidenceLine)] == ["2.3"]
    run(go())


def test_layout_holds_at_80x24(make_app):
    """On the smallest usual terminal the answer, the prompt and the keys stay on screen, and the outline
    opens beside the answer rather than over it."""
    async def go():
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await ask(pilot, P95)
            text = visible_text(app)
            assert "Answer  ·  §2.3 Post-translational" in text and "About 30% of HER2-positive" in text
            assert "ask ›" in text and "^q Quit" in text
            await pilot.press("ctrl+o")
            await pilot.pause()
            lines = visible_text(app).splitlines()
            row = next(line for line in lines if line.startswith("├ 2.3 Post-translational"))
            assert "▌" in row                                  # the outline on the left, the card on the right
            assert any("Answer  ·  §2.3" in line for line in lines)
            assert any("ask ›" in line for line in lines)
    run(go())


# -- another review ---------------------------------------------------------------------------------------

def test_another_review_is_named_everywhere_and_trastuzumab_nowhere(tmp_path):
    """Built on the mini corpus, every screen, the palette, the help and the export name that review (its
    title, its own example question and claim) and never the shipped one."""
    from qa.engine import Engine
    engine = Engine.load(DATA / "mini_corpus")
    screens: list[str] = []

    async def go():
        app = build_app(engine, history_path=tmp_path / "history", export_dir=tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screens.append(visible_text(app))
            assert "Metformin and the ageing kidney (2023)" in screens[-1]          # the title bar
            assert "Try: What does eGFR stand for?" in screens[-1]
            assert "check: About 40% of older adults with diabetes have reduced kidney function" in screens[-1]
            await ask(pilot, "What does eGFR stand for?")
            screens.append(visible_text(app))
            assert "§1" in screens[-1] and "eGFR below 60 mL/min" in screens[-1]
            await ask(pilot, "check: About 40% of older adults with diabetes have reduced kidney function")
            assert app.query_one(VerdictCard).has_class("supported")
            screens.append(visible_text(app))
            await ask(pilot, FRANCE)
            screens.append(visible_text(app))
            await pilot.press("f1")
            await pilot.pause()
            screens.append(visible_text(app))
            assert "Table 1" in screens[-1]
            await pilot.press("escape", "ctrl+p")
            screens.append(await palette_text(pilot, "Go to section"))
            assert "type a number or words of a title, e.g. 2.1 or adjustment" in screens[-1]
            await pilot.press(*"show table")
            screens.append(await palette_text(pilot, "Thresholds for metformin use."))
            assert "Show Table 1" in screens[-1] and "Thresholds for metformin use." in screens[-1]
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, TableScreen)
            screens.append(visible_text(app))
            await pilot.press("escape", "ctrl+o")
            await pilot.pause()
            screens.append(visible_text(app))
            app.open_section("2.1")
            await pilot.pause()
            screens.append(visible_text(app))
            await pilot.press("r")
            await pilot.pause()
            assert isinstance(app.screen, ReferencesScreen)
            screens.append(visible_text(app))
            await pilot.press("escape", "escape", "ctrl+o")
            await pilot.pause()
            app.action_export()
            await pilot.pause()
            screens.append(visible_text(app))           # the export dialog
            await pilot.press("enter")
            await pilot.pause()
        export = next(tmp_path.glob("qa-conversation-*.md")).read_text(encoding="utf-8")
        assert export.startswith("# qa conversation: Metformin and the ageing kidney: a short test review\n")
        assert "Answers are quoted from: Metformin and the ageing kidney: a short test review.\n" in export
        screens.append(export)
    run(go())
    assert len(screens) == 13
    for text in screens:
        assert "trastuzumab" not in text.casefold(), text


# -- conversation ---------------------------------------------------------------------------------------

EPERTINIB = "What is the objective response rate of epertinib?"


def test_a_follow_up_answers_from_the_carried_topic_and_says_how_it_was_read(make_app):
    async def go():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await ask(pilot, EPERTINIB)
            chip = app.query_one("#topic")
            assert chip.display and "epertinib" in str(chip.render()).casefold()
            await ask(pilot, "is it approved?")
            second = list(app.query(QuestionLine))[-1]
            assert second.understood == "epertinib: approved"
            assert "understood as epertinib: approved" in visible_text(app)
            lead = list(app.query(AnswerCard))[-1].query_one(AnswerLead)
            assert lead.section_id == "4.1"
            assert "recently been approved by the FDA" in str(lead.render())
    run(go())


def test_a_new_topic_resets_the_thread_and_says_so(make_app):
    async def go():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await ask(pilot, EPERTINIB)
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert app.topic is None and not app.query_one("#topic").display
            assert "new topic: the next question stands alone" in visible_text(app)
            await ask(pilot, "is it approved?")
            last = list(app.query(QuestionLine))[-1]
            assert last.understood is None                     # read as typed: no topic carried
            assert "understood as" not in str(last.render())
            await ask(pilot, EPERTINIB)
            app.prompt.value = "/new"
            await pilot.press("enter")
            await pilot.pause()
            assert app.topic is None and app.history.entries[-1] != "/new"
    run(go())


def test_resize_keeps_the_latest_answer_in_view(make_app):
    async def go():
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            for question in (P95, EPERTINIB, "and its side effects?", FRANCE):
                await ask(pilot, question)
            transcript = app.transcript
            latest = list(app.query(QuestionLine))[-1]
            for size in ((80, 24), (200, 60), (100, 32)):
                await pilot.resize_terminal(*size)
                await pilot.pause()
                await pilot.pause()
                top, height = transcript.scroll_y, transcript.scrollable_content_region.height
                assert top <= latest.virtual_region.y < top + height, size
                assert FRANCE in visible_text(app), size
            # reading an earlier answer: its question stays at the top
            second = list(app.query(QuestionLine))[1]
            transcript.scroll_to_widget(second, animate=False, top=True)
            await pilot.pause()
            for size in ((80, 24), (120, 40)):
                await pilot.resize_terminal(*size)
                await pilot.pause()
                await pilot.pause()
                assert 0 <= second.virtual_region.y - transcript.scroll_y <= 1, size     # its margin above
    run(go())


# -- snapshots (100x32) -----------------------------------------------------------------------------------

def _steady(pilot):
    pilot.app.prompt.cursor_blink = False


def test_snapshot_empty_app(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=_steady)


def test_snapshot_answer(snap_compare, make_app):
    async def before(pilot):
        _steady(pilot)
        await ask(pilot, P95)
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=before)


def test_snapshot_section_view(snap_compare, make_app):
    async def before(pilot):
        _steady(pilot)
        await ask(pilot, P95)
        await pilot.press("tab", "down", "enter")
        await pilot.pause()
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=before)


def test_snapshot_help(snap_compare, make_app):
    async def before(pilot):
        _steady(pilot)
        await pilot.press("f1")
        await pilot.pause()
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=before)


def test_snapshot_follow_up(snap_compare, make_app):
    """An answer card to a follow-up: the question, 'understood as' under it, the topic chip."""
    async def before(pilot):
        _steady(pilot)
        await ask(pilot, EPERTINIB)
        await ask(pilot, "is it approved?")
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=before)


def test_snapshot_verdict(snap_compare, make_app):
    async def before(pilot):
        _steady(pilot)
        await ask(pilot, "check: About 60% of HER2-positive breast tumors express p95-HER2")
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=before)


def test_snapshot_not_found(snap_compare, make_app):
    async def before(pilot):
        _steady(pilot)
        await ask(pilot, "What is the dose of margetuximab?")
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=before)


def test_snapshot_comparison_table(snap_compare, make_app):
    """A comparison: the measures as columns, 'not reported' where the review is silent."""
    async def before(pilot):
        _steady(pilot)
        await ask(pilot, "compare the PFS and the ORR of epertinib and SYD985")
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=before)
