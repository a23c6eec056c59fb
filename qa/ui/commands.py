"""The command palette's entries (ctrl+p) and the conversation export."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from qa.models import Turn
from qa.ui import render


class QACommands(Provider):
    """Command palette entries: rebuild, open an article from the last answer, export, …"""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        from qa.ui.app import QAApp  # here: app.py imports this module

        app = self.app
        assert isinstance(app, QAApp)
        commands: list[tuple[str, str, Callable[[], Any]]] = [
            ("Rebuild index", "Update the index from the seeds folder (incremental)", app.action_rebuild),
            ("Export conversation", "Save the conversation with citations to a Markdown file",
             app.action_export),
            ("Meetings", "Who met whom, from the meeting records (F3)", app.action_meetings),
            ("Clear conversation", "Start afresh (ctrl+l)", app.action_clear),
            ("Help", "Keys and tips (F1)", app.action_help),
        ]
        answer = app.last_answer
        if answer is not None:
            for i, passage in enumerate(answer.passages, start=1):
                commands.append(
                    (
                        f"Open article: {passage.citation()}",
                        f"passage {i} of the last answer",
                        partial(app.open_passage, passage, answer.answer if answer.found else ""),
                    )
                )
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(Text(name), callback, text=name, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, Text(name), callback, text=name, help=escape(help_text))


def export_conversation(turns: Sequence[Turn], folder: Path, now: datetime) -> Path:
    """Write ``turns`` as Markdown to a new file in ``folder``, named by ``now`` (never overwrites
    an earlier export). Raises OSError when it can't be written."""
    path = folder / f"qa-conversation-{now:%Y%m%d-%H%M%S}.md"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"qa-conversation-{now:%Y%m%d-%H%M%S}-{n}.md"
    path.write_text(render.conversation_markdown(turns, now), encoding="utf-8")
    return path
