"""The Textual chat, driven headless with a FakeEngine (no model, no index)."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from textual.widgets import Collapsible, Input, ProgressBar, Static

sys.path.insert(0, str(Path(__file__).parent))

from fakes import ARTICLE, MARKUP_ARTICLE, STATUS, FakeEngine  # noqa: E402

from qa.errors import IndexCorruptError, QAError  # noqa: E402
from qa.ui import create_app  # noqa: E402
from qa.ui.screens import ArticleScreen  # noqa: E402
from qa.ui.widgets import AnswerCard, ErrorCard, ExchangeView, PassageItem  # noqa: E402
from ui_helpers import SIZE, WHO, ask, notices, settle, status, text_of, texts, wait_for  # noqa: E402

pytestmark = pytest.mark.asyncio


async def test_answer_with_citation_and_follow_up_history():
    engine = FakeEngine()
    app = create_app(engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert status(app) == STATUS
        await ask(app, pilot, WHO)
        card = app.query_one(AnswerCard)
        assert texts(app, ".answer-text") == ["Hakan Fidan"]
        assert "Hakan Fidan, head of Turkey's National Intelligence" in texts(app, ".evidence")[0]
        assert texts(app, ".citation") == [f"— {ARTICLE.title} · 2022-09-16 · ¶3"]
        passages = list(card.query(PassageItem))
        assert passages and "¶3" in text_of(passages[0]) and "score 1.00" in text_of(passages[0])
        assert card.query_one(Collapsible).collapsed  # passages tucked away under the answer

        await ask(app, pilot, "Where did the intelligence chief go?")
        assert texts(app, ".answer-text") == ["Hakan Fidan", "Damascus"]
        assert engine.asked == [(WHO, 0), ("Where did the intelligence chief go?", 1)]
        assert engine.histories[1][0].question == WHO
        assert engine.histories[1][0].answer.answer == "Hakan Fidan"
        assert [t.question for t in app.turns] == [WHO, "Where did the intelligence chief go?"]


async def test_not_found_looks_different():
    app = create_app(FakeEngine())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await ask(app, pilot, "How many rebels does Turkey back?")
        card = app.query_one(AnswerCard)
        assert card.has_class("not-found")
        assert texts(app, ".answer-text") == ["The articles don't say."]
        collapsible = card.query_one(Collapsible)
        assert not collapsible.collapsed  # closest passages shown right away
        assert "Closest passages" in str(collapsible.title)
        assert card.query(PassageItem)


async def test_question_before_load_is_answered_after():
    gate = threading.Event()
    engine = FakeEngine(load_gate=gate)
    app = create_app(engine)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert status(app) == "loading model…"
        await pilot.press(*"Who is the head of intelligence?", "enter")
        await pilot.pause()
        assert engine.asked == []
        assert texts(app, ".pending") == ["waiting for the index to load…"]
        assert app.query_one("#question", Input).value == ""
        gate.set()
        await settle(app, pilot)
        assert engine.asked == [("Who is the head of intelligence?", 0)]
        assert texts(app, ".answer-text") == ["Hakan Fidan"]
        assert not app.query(".pending")
        assert status(app) == STATUS


async def test_load_that_builds_shows_progress():
    gate = threading.Event()
    engine = FakeEngine(load_gate=gate, build_on_load=True)
    app = create_app(engine)
    async with app.run_test(size=SIZE) as pilot:
        bar = app.query_one("#progress", ProgressBar)
        await wait_for(lambda: bar.display and bar.progress == 3, pilot)
        assert bar.total == 3
        assert "embedding passages" in status(app)
        gate.set()
        await settle(app, pilot)
        assert not bar.display
        assert status(app) == STATUS


async def test_rebuild_while_asking():
    gate = threading.Event()
    engine = FakeEngine(build_gate=gate)
    app = create_app(engine)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+r")
        await wait_for(engine.building.is_set, pilot)
        await pilot.pause()
        assert app.building
        assert "reading articles" in status(app)
        assert app.query_one("#progress", ProgressBar).display
        # questions keep being answered during the rebuild
        app.query_one("#question", Input).value = WHO
        await pilot.press("enter")
        await wait_for(lambda: bool(app.turns), pilot)
        await pilot.pause()
        assert texts(app, ".answer-text") == ["Hakan Fidan"]
        assert app.building
        await pilot.press("ctrl+r")  # a second rebuild is refused while one runs
        await pilot.pause()
        assert engine.build_calls == [False]
        gate.set()
        await settle(app, pilot)
        assert not app.building
        assert status(app) == STATUS
        assert not app.query_one("#progress", ProgressBar).display
        assert any(n.startswith("Index rebuilt: 2 articles") for n in notices(app))


async def test_markup_in_question_and_article_is_literal():
    app = create_app(FakeEngine())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        question = "Who is the [bold]mayor[/] [link=https://evil.example]x[/link] [/]?"
        await ask(app, pilot, question)
        assert texts(app, ".question") == [question]
        assert texts(app, ".answer-text") == ["[b]Springfield[/b]"]
        assert "[i]Shelbyville[/i]" in texts(app, ".evidence")[0]
        assert MARKUP_ARTICLE.title in texts(app, ".citation")[0]
        await ask(app, pilot, "What did the council say?")
        assert texts(app, ".answer-text")[-1] == "[red]nothing[/red]"
        # the article itself, with its markup-looking title and paragraphs
        app.open_source(MARKUP_ARTICLE.id, 1)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert text_of(screen.query_one("#article-title", Static)) == MARKUP_ARTICLE.title
        assert MARKUP_ARTICLE.paragraphs[0] in text_of(screen.query_one("#para-1", Static))
        await pilot.press("escape")
        # and the command palette lists the markup title literally
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"open article")
        await pilot.pause(0.3)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running


async def test_empty_and_huge_questions():
    engine = FakeEngine()
    app = create_app(engine)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        app.query_one("#question", Input).value = "   "
        await pilot.press("enter")
        await settle(app, pilot)
        assert not app.query(ExchangeView) and engine.asked == []
        huge = ("why " * 2500).strip() + "?"  # 10,000 characters
        app.query_one("#question", Input).value = huge
        await pilot.press("enter")
        await settle(app, pilot)
        assert engine.asked == [] and not app.query(ExchangeView)
        assert any("10,000 characters" in n for n in notices(app))
        assert app.query_one("#question", Input).value == huge  # kept, to be shortened
        # a long-but-allowed question is sent whole and displayed shortened
        long = "Who is the head of intelligence " + "and " * 400 + "?"
        await ask(app, pilot, long)
        assert engine.asked[-1][0] == long.strip()
        shown = texts(app, ".question")[0]
        assert len(shown) < len(long) and "characters)" in shown


async def test_load_error_shown_and_retry_with_ctrl_r():
    engine = FakeEngine(load_error=IndexCorruptError("the index is corrupt; rebuild it with: qa index build --full"))
    app = create_app(engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.is_running
        error = app.query_one(ErrorCard)
        assert "the index is corrupt" in " ".join(texts(app, ".error-text"))
        assert "ctrl+r" in " ".join(text_of(w) for w in error.query(".citation"))
        assert status(app).startswith("not ready · ctrl+r to retry · the index is corrupt")
        await ask(app, pilot, WHO)
        assert "Can't answer yet" in texts(app, ".error-text")[-1]
        engine.load_error = None
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert engine.build_calls == [True] and engine.load_calls == 2
        assert status(app) == STATUS
        await ask(app, pilot, WHO)
        assert texts(app, ".answer-text") == ["Hakan Fidan"]


async def test_ask_errors_shown_and_app_alive():
    engine = FakeEngine(ask_error=RuntimeError("boom [bold]x[/]"))
    app = create_app(engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await ask(app, pilot, WHO)
        assert app.is_running
        assert texts(app, ".error-text") == ["Unexpected error (RuntimeError: boom [bold]x[/])"]
        engine.ask_error = QAError("the model is missing; run: qa setup")
        await ask(app, pilot, WHO)
        assert texts(app, ".error-text")[-1] == "the model is missing; run: qa setup"
        engine.ask_error = None
        await ask(app, pilot, WHO)
        assert texts(app, ".answer-text") == ["Hakan Fidan"]
        assert len(app.turns) == 1  # failed questions are not part of the follow-up history


async def test_build_error_keeps_answering():
    engine = FakeEngine(build_error=QAError("another build is running; wait for it to finish"))
    app = create_app(engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert app.is_running and not app.building
        assert "another build is running" in texts(app, ".error-text")[-1]
        assert "rebuild failed" in status(app)
        await ask(app, pilot, WHO)
        assert texts(app, ".answer-text") == ["Hakan Fidan"]


async def test_clear_and_input_history():
    engine = FakeEngine()
    app = create_app(engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await ask(app, pilot, WHO)
        await ask(app, pilot, "Where did the intelligence chief go?")
        box = app.query_one("#question", Input)
        box.value = "draft"
        await pilot.press("up")
        assert box.value == "Where did the intelligence chief go?"
        await pilot.press("up")
        assert box.value == WHO
        await pilot.press("up")
        assert box.value == WHO
        await pilot.press("down", "down")
        assert box.value == "draft"
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.turns == [] and not app.query(ExchangeView)
        assert app.query("#welcome")
        await ask(app, pilot, WHO)
        assert engine.asked[-1] == (WHO, 0)  # follow-ups start afresh after a clear


async def test_quit_while_loading_is_prompt():
    gate = threading.Event()
    app = create_app(FakeEngine(load_gate=gate))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.loading
            await pilot.press("ctrl+q")
            await wait_for(lambda: not app.is_running, pilot, timeout=2)
    finally:
        gate.set()


async def test_sentence_answer_is_quoted_once():
    from qa.models import Answer, Evidence

    sentence = ARTICLE.paragraphs[1]
    start = ARTICLE.text.index(sentence)
    evidence = Evidence(ARTICLE.id, ARTICLE.title, ARTICLE.date, 2, sentence, start, start + len(sentence))

    class SentenceEngine(FakeEngine):
        def ask(self, question, k=5, history=()):
            return Answer(question, sentence, evidence, [], kind="what", confidence=0.5)

    app = create_app(SentenceEngine())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await ask(app, pilot, "What did sources say?")
        assert texts(app, ".answer-text") == [f"“{sentence}”"]
        assert not app.query(".evidence")
        assert texts(app, ".citation") == [f"— {ARTICLE.title} · 2022-09-16 · ¶2"]


async def test_rapid_questions_answered_in_order():
    class Instant(FakeEngine):
        def ask(self, question, k=5, history=()):
            self.asked.append((question, len(history)))
            lowered = question.lower()
            answer = "Damascus" if "where" in lowered else "Hakan Fidan"
            from qa.models import Answer, Evidence

            sentence = ARTICLE.paragraphs[2]
            start = ARTICLE.text.index(sentence)
            ev = Evidence(ARTICLE.id, ARTICLE.title, ARTICLE.date, 3, sentence, start, start + len(sentence))
            return Answer(question, answer, ev, [], kind="who")

    engine = Instant()
    app = create_app(engine)
    async with app.run_test(size=SIZE) as pilot:
        box = app.query_one("#question", Input)
        questions = ["Who one?", "Where two?", "Who three?"]
        for q in questions:  # typed while the index loads, then one after another
            box.value = q
            await pilot.press("enter")
        await settle(app, pilot, rounds=8)
        assert engine.asked == [("Who one?", 0), ("Where two?", 1), ("Who three?", 2)]
        assert texts(app, ".answer-text") == ["Hakan Fidan", "Damascus", "Hakan Fidan"]
        assert not app.query(".pending")


async def test_odd_engine_data_does_not_crash():
    from qa.models import Answer, Evidence, Passage

    class Odd(FakeEngine):
        def ask(self, question, k=5, history=()):
            ev = Evidence("nope", "[b]t[/b]", None, 99, "not in any passage", 5000, 10)
            bad = Passage("nope", "t", None, 0, "text", None)  # type: ignore[arg-type]  (score None)
            return Answer(question, "x", ev, [bad], kind="who")

    app = create_app(Odd())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await ask(app, pilot, "Who?")
        assert app.is_running
        assert any("Couldn't display this answer" in t for t in texts(app, ".error-text"))
        app.open_source("nope", 3)  # unknown article: a message, not a crash
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, ArticleScreen)
        app.open_source(ARTICLE.id, 42, (99999, 100010))  # offsets out of range
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)


async def test_answer_from_meeting_records_lists_them():
    from fakes import MEETINGS

    class Meets(FakeEngine):
        def ask(self, question, k=5, history=()):
            answer = super().ask(question, k, history)
            answer.meetings = [MEETINGS[0].to_dict()]
            return answer

    app = create_app(Meets())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await ask(app, pilot, WHO)
        note = texts(app, ".meetings-note")
        assert note and "Hakan Fidan, Ali Mamlouk" in note[0] and "Damascus" in note[0]


async def test_each_part_of_a_composite_answer_shows_its_own_evidence():
    from qa.models import Answer, Evidence

    class Composite(FakeEngine):
        def ask(self, question, k=5, history=()):
            answer = super().ask(WHO, k, history)
            evidence = Evidence(ARTICLE.id, ARTICLE.title, "2022-09-16", 5, "Fidan went to Damascus.", 0, 23)
            answer.parts = [Answer("where did Hakan Fidan go?", "Damascus", evidence, kind="where"),
                            Answer("when did Hakan Fidan go?", "", None, kind="when")]
            return answer

    app = create_app(Composite())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await ask(app, pilot, "Who is the intelligence chief, and where did he go?")
        assert texts(app, ".answer-text") == ["Hakan Fidan", "Damascus", "The articles don't say."]
        assert texts(app, ".citation")[1] == f"— {ARTICLE.title} · 2022-09-16 · ¶5"
        assert "Then · when did Hakan Fidan go?" in texts(app, ".label")


async def test_clear_before_any_question_and_twice_in_a_row_keeps_one_welcome():
    app = create_app(FakeEngine())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+l", "ctrl+l")
        await pilot.pause()
        assert app.is_running and len(app.query("#welcome")) == 1
        await ask(app, pilot, WHO)
        await pilot.press("ctrl+l", "ctrl+l")
        await pilot.pause()
        assert app.is_running and len(app.query("#welcome")) == 1 and not app.query(ExchangeView)
