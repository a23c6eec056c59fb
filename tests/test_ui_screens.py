"""The chat's screens and dialogs (help, meetings, articles, the command palette, sizes), driven
headless with a FakeEngine (no model, no index)."""

from __future__ import annotations

import io
import sys
import threading
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Collapsible, DataTable, Input, Static

sys.path.insert(0, str(Path(__file__).parent))

from fakes import ARTICLE, FakeEngine  # noqa: E402

from qa.ui import create_app  # noqa: E402
from qa.ui.meetings_view import MeetingsScreen  # noqa: E402
from qa.ui.screens import ArticleScreen, HelpScreen  # noqa: E402
from qa.ui.widgets import AnswerCard, PassageItem  # noqa: E402
from ui_helpers import SIZE, WHO, ask, notices, settle, text_of, texts  # noqa: E402

pytestmark = pytest.mark.asyncio


async def test_help_screen():
    app = create_app(FakeEngine())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=120, file=io.StringIO(), record=True)
        console.print(app.screen.query_one("#help-keys", Static).content)
        keys = console.export_text()
        for key in ("ctrl+r", "ctrl+l", "ctrl+q", "f3", "ctrl+p"):
            assert key in keys
        assert "switches to a newer index" in text_of(app.screen.query_one("#help-about", Static))
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_open_source_with_keyboard_and_mouse():
    app = create_app(FakeEngine())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await ask(app, pilot, WHO)
        card = app.query_one(AnswerCard)
        card.query_one(Collapsible).collapsed = False
        await pilot.pause()
        first = card.query(PassageItem).first()
        first.focus()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.article.id == ARTICLE.id and screen.paragraph == 3
        target = screen.query_one("#para-3", Static)
        assert target.has_class("-target")
        assert "Hakan Fidan" in text_of(target)
        assert text_of(screen.query_one("#article-title", Static)) == ARTICLE.title
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ArticleScreen)

        second = list(card.query(PassageItem))[1]
        second.scroll_visible(animate=False)
        await pilot.pause()
        assert await pilot.click(second)
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.paragraph == second.passage.paragraph


async def test_meetings_view_filter_and_open():
    app = create_app(FakeEngine())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f3")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MeetingsScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 2
        assert sum(column.width for column in table.columns.values()) + 2 * len(table.columns) <= 80
        cells = [str(c) for c in table.get_row_at(0)]  # by date: the dated meeting first
        assert cells[0] == "2022-01-03" and cells[1] == "[b]The mayor[/b]" and cells[3] == "[i]Shelbyville[/i]"
        await pilot.press(*"shelby")  # by place
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press(*["backspace"] * 6, *"fidan")  # one person: everyone Fidan met
        await pilot.pause()
        assert table.row_count == 1
        assert "Fidan met" in str(screen.query_one("#meetings-title").render())
        assert "Ali Mamlouk" in str(table.get_row_at(0)[1])
        await pilot.press("enter")  # from the filter box to the table
        await pilot.pause()
        assert table.has_focus
        await pilot.press("enter")
        await pilot.pause()
        article = app.screen
        assert isinstance(article, ArticleScreen)
        assert article.article.id == ARTICLE.id and article.paragraph == 3
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press(*"nobody")
        await pilot.pause()
        assert table.row_count == 0
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MeetingsScreen)


async def test_export_from_command_palette(tmp_path):
    app = create_app(FakeEngine(), export_dir=tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await ask(app, pilot, WHO)
        await ask(app, pilot, "How many rebels are there?")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export conversation")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        files = list(tmp_path.glob("qa-conversation-*.md"))
        assert len(files) == 1 and app.last_export == files[0]
        text = files[0].read_text(encoding="utf-8")
        assert f"## 1. {WHO}" in text
        assert "**Answer:** Hakan Fidan" in text
        assert f"*{ARTICLE.title} · 2022-09-16 · ¶3*" in text
        assert "**The articles don't say.**" in text
        assert any(str(files[0].resolve()) in n for n in notices(app))


async def test_open_article_from_command_palette():
    app = create_app(FakeEngine())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await ask(app, pilot, WHO)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"open article")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.paragraph == 3


async def test_meetings_before_load_and_quit():
    gate = threading.Event()
    app = create_app(FakeEngine(load_gate=gate))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        assert not isinstance(app.screen, MeetingsScreen)
        assert any("once the index has loaded" in n for n in notices(app))
        gate.set()
        await settle(app, pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_other_sizes(size):
    app = create_app(FakeEngine())
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await ask(app, pilot, WHO)
        app.query_one(AnswerCard).query_one(Collapsible).collapsed = False
        await pilot.pause()
        assert texts(app, ".answer-text") == ["Hakan Fidan"]
        assert app.query_one("#question", Input).region.height == 3
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_dialog_keys_do_not_touch_the_conversation_behind():
    app = create_app(FakeEngine())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await ask(app, pilot, WHO)
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("ctrl+l", "f3")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        assert len(app.turns) == 1 and app.query(AnswerCard)
        await pilot.press("f1")  # f1 closes the help too
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
