"""Snapshots of the chat (pytest-textual-snapshot). Regenerate with: pytest tests/test_ui_snapshot.py --snapshot-update"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from fakes import FakeEngine  # noqa: E402

from qa.ui import create_app  # noqa: E402
from qa.ui.widgets import PassageItem  # noqa: E402


async def _ask(pilot, *questions: str) -> None:
    app = pilot.app
    app.query_one("#question").cursor_blink = False  # a blinking cursor makes snapshots flaky
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()
    for question in questions:
        app.query_one("#question").value = question
        await pilot.press("enter")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def test_snapshot_answer(snap_compare):
    async def run_before(pilot):
        await _ask(pilot, "Who is the head of Turkey's intelligence?")

    assert snap_compare(create_app(FakeEngine()), terminal_size=(100, 30), run_before=run_before)


def test_snapshot_not_found_small(snap_compare):
    async def run_before(pilot):
        await _ask(pilot, "How many rebels are there?")

    assert snap_compare(create_app(FakeEngine()), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_source(snap_compare):
    async def run_before(pilot):
        await _ask(pilot, "Who is the [bold]mayor[/]?")
        pilot.app.query(PassageItem).first().action_open()
        await pilot.pause()
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()

    assert snap_compare(create_app(FakeEngine()), terminal_size=(100, 30), run_before=run_before)
