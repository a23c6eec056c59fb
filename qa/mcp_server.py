"""``qa mcp``: the engine as Model Context Protocol tools, for other programs (over stdio).

Tools: ``ask`` (answer, evidence and passages, as ``qa ask --json``), ``search`` (passages
only), ``meetings`` (who met whom, with filters and citations) and ``article`` (full text).
Each is a thin call into the Engine; the SDK runs them in worker threads, so engine calls are
serialised here. The index is loaded (or built from the articles) on the first call.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError

from .articles import parse_date
from .engine import Engine
from .errors import QAError
from .exports import meeting_record
from .retrieval import Filters
from .settings import DEFAULT_K, MAX_K

log = logging.getLogger(__name__)

INSTRUCTIONS = (
    "Questions over a collection of news articles, answered offline from the articles only. "
    "`ask` answers a question with the evidence sentence and its citation (title · date · ¶n), "
    "or an empty answer when the articles don't say; `search` returns the best passages; "
    "`meetings` lists who met whom, where, when and why; `article` returns an article's text."
)


class EngineTools:
    """The tools' work, outside the SDK so that each is a plain call on the engine."""

    def __init__(self, engine: Engine, k: int = DEFAULT_K) -> None:
        self.engine = engine
        self.k = k
        self._lock = threading.Lock()
        self._loaded = False

    def _ready(self) -> None:
        """Load the index on first use, building it from the articles when there is none; later,
        switch to a newer one (from `qa index watch`) when there is one."""
        if self._loaded:
            try:
                self.engine.refresh()
            except QAError as error:  # the loaded index keeps answering
                log.warning("a newer index could not be loaded: %s", error)
            return
        if self.engine.store.exists():
            self.engine.load_index()
        else:
            self.engine.build()
        self._loaded = True

    def _call(self, work):
        with self._lock:
            try:
                self._ready()
                return work()
            except QAError as error:  # written for people: the client shows it as it is
                raise ToolError(str(error)) from None

    def ask(self, question: str, k: int | None, filters: Filters) -> dict[str, Any]:
        return self._call(lambda: self.engine.ask(question, k=self._k(k), filters=filters).public())

    def search(self, query: str, k: int | None, filters: Filters) -> dict[str, Any]:
        def work() -> dict[str, Any]:
            passages = self.engine.search(query, k=self._k(k), filters=filters)
            return {"query": query, "passages": [p.public() for p in passages]}

        return self._call(work)

    def meetings(self, person: str | None, place: str | None, since: str | None,
                 until: str | None) -> dict[str, Any]:
        def work() -> dict[str, Any]:
            events = self.engine.meeting_events(person=person, place=place, since=since, until=until)
            return {"meetings": [meeting_record(event, self.engine) for event in events]}

        return self._call(work)

    def article(self, article_id: str) -> dict[str, Any]:
        return self._call(lambda: self.engine.article(article_id).to_dict())

    def _k(self, k: int | None) -> int:
        if k is None:
            return self.k
        if not 1 <= k <= MAX_K:
            raise ToolError(f"k must be between 1 and {MAX_K}")
        return k


def _day(value: str | None, name: str) -> str | None:
    if not value:
        return None
    day = parse_date(value)
    if day is None:
        raise ToolError(f"{name} {value!r} is not a date (use YYYY-MM-DD)")
    return day


def _filters(since: str | None, until: str | None, source: str | None) -> Filters:
    return Filters(since=_day(since, "since"), until=_day(until, "until"), source=source or None)


def create_server(engine: Engine, k: int = DEFAULT_K) -> MCPServer:
    tools = EngineTools(engine, k)
    server = MCPServer(name="qa", instructions=INSTRUCTIONS, log_level="WARNING")

    @server.tool()
    def ask(question: str, k: int | None = None, since: str | None = None,
            until: str | None = None, source: str | None = None) -> dict[str, Any]:
        """Answer a question from the articles: a short answer, the evidence sentence with its
        article, title, date and paragraph, the passages read, the question kind and a
        confidence. An empty answer means the articles don't say. Filters: since/until
        (YYYY-MM-DD) and source (article id prefix)."""
        return tools.ask(question, k, _filters(since, until, source))

    @server.tool()
    def search(query: str, k: int | None = None, since: str | None = None,
               until: str | None = None, source: str | None = None) -> dict[str, Any]:
        """The passages that best match a query (hybrid dense and keyword search), each with
        its article id, title, date, paragraph (¶n) and score; no answer is read."""
        return tools.search(query, k, _filters(since, until, source))

    @server.tool()
    def meetings(person: str | None = None, place: str | None = None, since: str | None = None,
                 until: str | None = None) -> dict[str, Any]:
        """Who met whom, where, when and why, by date: each meeting with its participants
        (name, role), kind, status, place, time, reason, the articles reporting it and each
        evidence sentence with its citation. Filters: a person (name, surname or role words),
        a place, since/until (YYYY-MM-DD)."""
        return tools.meetings(person, place, _day(since, "since"), _day(until, "until"))

    @server.tool()
    def article(id: str) -> dict[str, Any]:  # noqa: A002 - the name clients see
        """The full text of an article by id (as returned by the other tools): title, date,
        source file and paragraphs (paragraph n is the one cited as ¶n)."""
        return tools.article(id)

    return server
