"""Helpers for driving the Textual chat headless in tests (shared by the UI test files)."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual.widgets import Input, Static

from qa.ui.app import QAApp

WHO = "Who is the head of Turkey's intelligence?"
SIZE = (100, 30)


def text_of(widget: Static) -> str:
    rendered = widget.render()
    return rendered.plain if isinstance(rendered, Text) else str(rendered)


def texts(app: QAApp, selector: str) -> list[str]:
    return [text_of(w) for w in app.screen.query(selector) if isinstance(w, Static)]


def status(app: QAApp) -> str:
    return text_of(app.query_one("#status", Static))


def notices(app: QAApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def settle(app: QAApp, pilot, rounds: int = 5) -> None:
    """Let workers finish and their results reach the UI (an answer may start the next ask)."""
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def ask(app: QAApp, pilot, question: str) -> None:
    app.query_one("#question", Input).value = question
    await pilot.press("enter")
    await settle(app, pilot)


async def wait_for(predicate, pilot, timeout: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not predicate():
        if loop.time() > end:
            raise AssertionError("condition never became true")
        await pilot.pause(0.02)
