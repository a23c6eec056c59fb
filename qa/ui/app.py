"""The Textual chat over the news articles.

The app never imports the engine: it drives whatever object it is given (see ``EngineLike``). All
blocking engine calls run off the UI thread (see ``QAApp._spawn``); results come back to the UI thread
as messages, so no widget is ever touched from a thread.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Header, Input

from qa.errors import QAError
from qa.models import MAX_QUESTION_CHARS, Answer, Article, BuildReport, Passage, Turn
from qa.ui import render
from qa.ui.meetings_view import MeetingsScreen
from qa.ui.screens import ArticleScreen, HelpScreen
from qa.ui.widgets import ErrorCard, ExchangeView, PassageItem, QuestionInput, StatusBar, Welcome

ProgressFn = Callable[[int, int, str], None]


class EngineLike(Protocol):
    def load(self, progress: ProgressFn | None = None) -> None: ...
    def build(self, full: bool = False, progress: ProgressFn | None = None) -> BuildReport: ...
    def ask(self, question: str, k: int = 5, history: Sequence[Turn] = ()) -> Answer: ...
    def status(self) -> str: ...
    def article(self, article_id: str) -> Article: ...
    def meetings(self) -> list: ...
    def refresh(self) -> str | None: ...


def describe_error(error: BaseException) -> str:
    """One line for the user. QAError messages are written for users; anything else is a bug."""
    if isinstance(error, QAError):
        return str(error) or error.__class__.__name__
    detail = str(error).strip().splitlines()[0] if str(error).strip() else ""
    name = error.__class__.__name__
    return f"Unexpected error ({name}{': ' + detail if detail else ''})"


INDEX_CHECK_SECONDS = 2.0  # how often the chat looks for an index built by another qa

UNEXPECTED_FIX = "This is a bug in qa; the app keeps running. Try again, or rebuild the index with ctrl+r."


class _Call(Message):
    """Run ``callback(*args)`` on the UI thread (posted from worker threads)."""

    def __init__(self, callback: Callable[..., Any], *args: Any) -> None:
        super().__init__()
        self.callback = callback
        self.args = args


class _Progress(Message):
    """Progress of a load or build; a newer one replaces an older one still in the queue."""

    def __init__(self, done: int, total: int, stage: str) -> None:
        super().__init__()
        self.done, self.total, self.stage = done, total, stage

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, _Progress)


class QACommands(Provider):
    """Command palette entries: rebuild, open an article from the last answer, export, …"""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
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


class QAApp(App[None]):
    CSS_PATH = "qa.tcss"
    TITLE = "qa"
    SUB_TITLE = "questions over the news articles"
    COMMANDS = App.COMMANDS | {QACommands}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("f3", "meetings", "Meetings"),
        Binding("ctrl+r", "rebuild", "Rebuild", priority=True),
        Binding("ctrl+l", "clear", "Clear", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        engine: EngineLike,
        *,
        title: str = "qa",
        k: int = 5,
        export_dir: Path | str | None = None,
        index_check_seconds: float = INDEX_CHECK_SECONDS,
    ) -> None:
        super().__init__()
        self.engine = engine
        self.index_check_seconds = index_check_seconds
        self.refreshing = False
        self.title = title
        self.k = k
        self.export_dir = Path(export_dir) if export_dir is not None else None
        self.turns: list[Turn] = []
        self.loaded = False
        self.loading = False
        self.building = False
        self.load_error: str | None = None
        self.last_export: Path | None = None
        self._pending: deque[tuple[str, ExchangeView]] = deque()
        self._asking = False
        self._answered_once = False
        self._generation = 0
        self._status_text = ""

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with VerticalScroll(id="conversation"):
            yield Welcome()
        yield StatusBar(id="statusbar")
        yield QuestionInput(placeholder="Ask a question about the articles…  (enter to ask)", id="question")
        yield Footer()

    def on_mount(self) -> None:
        self.conversation.anchor()
        self.query_one("#question", Input).focus()
        self._start_load(full_build=False)
        if hasattr(self.engine, "refresh"):
            self.set_interval(self.index_check_seconds, self._check_index)

    @property
    def conversation(self) -> VerticalScroll:
        return self.query_one("#conversation", VerticalScroll)

    @property
    def statusbar(self) -> StatusBar:
        return self.query_one(StatusBar)

    @property
    def last_answer(self) -> Answer | None:
        return self.turns[-1].answer if self.turns else None

    def _set_status(self, text: str, kind: str = "") -> None:
        self._status_text = text
        self.statusbar.set_text(text, kind)

    def _spawn(self, blocking: Callable[[], None], *, group: str) -> None:
        """Run ``blocking`` (an engine call that reports back with ``_post``) off the UI thread.

        It runs in a daemon thread watched by a Textual worker (so ``app.workers`` sees it and
        ``wait_for_complete`` works). Not a ``thread=True`` worker: those run in asyncio's default
        executor, which makes quitting wait until a long load or build finishes.
        """

        async def watch() -> None:
            loop = asyncio.get_running_loop()
            finished = asyncio.Event()

            def target() -> None:
                try:
                    blocking()
                except BaseException as error:  # noqa: BLE001 - the *_thread functions catch; belt and braces
                    self._post(self._notify_error, describe_error(error))
                finally:
                    try:
                        loop.call_soon_threadsafe(finished.set)
                    except RuntimeError:  # the app has quit and its loop is closed
                        pass

            threading.Thread(target=target, name=f"qa-{group}", daemon=True).start()
            await finished.wait()

        self.run_worker(watch(), group=group, name=group, exit_on_error=False)

    def _post(self, callback: Callable[..., Any], *args: Any) -> None:
        """From a worker thread: run ``callback(*args)`` on the UI thread (thread safe; a no-op once
        the app has quit)."""
        try:
            self.post_message(_Call(callback, *args))
        except Exception:  # noqa: BLE001 - the app's loop is gone: nobody to tell
            pass

    @on(_Call)
    def _run_call(self, message: _Call) -> None:
        try:
            message.callback(*message.args)
        except Exception as error:  # noqa: BLE001 - a display bug must not take the app down
            self.log.error("qa ui callback failed", error)
            self._notify_error(f"{describe_error(error)}. {UNEXPECTED_FIX}")

    def _progress_from_thread(self, done: int, total: int, stage: str = "") -> None:
        try:
            self.post_message(_Progress(int(done), int(total), str(stage)))
        except Exception:  # a bad progress call must never break a load or build
            pass

    @on(_Progress)
    def _show_progress(self, message: _Progress) -> None:
        what = "rebuilding index" if self.building else "building index"
        stage = f"{what} · {message.stage}" if message.stage else what
        counts = f" {message.done}/{message.total}" if message.total else ""
        self._set_status(f"{stage}…{counts}", "busy")
        self.statusbar.show_progress(message.done, message.total)

    def _notify_error(self, message: str) -> None:
        self.notify(message, severity="error", markup=False, timeout=8)

    # ------------------------------------------------------------------ load
    def _start_load(self, full_build: bool) -> None:
        self.loading = True
        self.load_error = None
        self._set_status("rebuilding index…" if full_build else "loading model…", "busy")
        for _, view in self._pending:
            view.set_pending("waiting for the index to load…")
        self._spawn(partial(self._load_thread, full_build), group="load")

    def _load_thread(self, full_build: bool) -> None:
        try:
            if full_build:
                self.engine.build(full=True, progress=self._progress_from_thread)
            built = self.engine.load(progress=self._progress_from_thread)
            status = self._engine_status()
        except BaseException as error:  # noqa: BLE001 - shown to the user, never a traceback
            self._post(self._on_load_failed, error)
            return
        self._post(self._on_loaded, status, built)

    def _engine_status(self) -> str:
        try:
            return str(self.engine.status())
        except Exception as error:  # noqa: BLE001
            return f"index status unavailable: {describe_error(error)}"

    def _on_loaded(self, status: str, built: object = None) -> None:
        self.loading = False
        self.loaded = True
        self.statusbar.hide_progress()
        self._set_status(status)
        if isinstance(built, BuildReport):  # the engine built the index on the way (first run)
            self._report_build(built, "Index built")
        self._pump()

    def _on_load_failed(self, error: BaseException) -> None:
        self.loading = False
        self.statusbar.hide_progress()
        message = describe_error(error)
        self.load_error = message
        fix = (
            "Fix the problem above, then press ctrl+r to build the index and load again."
            if isinstance(error, QAError)
            else UNEXPECTED_FIX
        )
        self._set_status(f"not ready · ctrl+r to retry · {message}", "error")
        self._mount_card(ErrorCard(message, fix, title="Couldn't load the index"))
        while self._pending:
            _, view = self._pending.popleft()
            view.show_error("Not answered: the index didn't load.", "Press ctrl+r to try again.")

    # ------------------------------------------------------------------ asking
    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "question":
            return
        event.stop()
        self.submit(event.value)

    def submit(self, raw: str) -> None:
        """Ask ``raw`` (as if typed): empty does nothing; too long is refused with a message."""
        question = raw.strip()
        if not question:
            return
        box = self.query_one("#question", QuestionInput)
        if len(question) > MAX_QUESTION_CHARS:
            self.notify(
                f"That question is {len(question):,} characters long; keep it under "
                f"{MAX_QUESTION_CHARS:,} (ask about one thing at a time).",
                title="Question too long",
                severity="warning",
                markup=False,
            )
            return
        box.remember(question)
        box.value = ""
        view = ExchangeView(question)
        self._mount_card(view)
        if self.load_error is not None and not self.loading:
            view.show_error(
                f"Can't answer yet: {self.load_error}",
                "Press ctrl+r to build the index and load again.",
            )
            return
        self._pending.append((question, view))
        if self.loaded and self._asking:
            view.set_pending("queued: waiting for the previous answer…")
        self._pump()

    def _mount_card(self, widget) -> None:
        conversation = self.conversation
        for welcome in conversation.query(Welcome):
            welcome.remove()
        conversation.mount(widget)
        conversation.anchor()

    def _pump(self) -> None:
        if self._asking or not self.loaded or not self._pending:
            return
        question, view = self._pending.popleft()
        self._asking = True
        view.set_pending("thinking…" if self._answered_once else "thinking… (the first answer also loads the model)")
        history = tuple(self.turns)
        self._spawn(partial(self._ask_thread, question, history, view, self._generation), group="ask")

    def _ask_thread(
        self, question: str, history: tuple[Turn, ...], view: ExchangeView, generation: int
    ) -> None:
        try:
            answer = self.engine.ask(question, k=self.k, history=history)
        except BaseException as error:  # noqa: BLE001
            self._post(self._on_ask_failed, question, view, error, generation)
            return
        self._post(self._on_answered, question, view, answer, generation)

    def _on_answered(self, question: str, view: ExchangeView, answer: Answer, generation: int) -> None:
        self._asking = False
        self._answered_once = True
        if generation == self._generation and view.is_attached:
            self.turns.append(Turn(question=question, answer=answer))
            view.show_answer(answer)
            self.conversation.anchor()
        self._pump()

    def _on_ask_failed(self, question: str, view: ExchangeView, error: BaseException, generation: int) -> None:
        self._asking = False
        if generation == self._generation and view.is_attached:
            fix = "Try again, or rebuild the index with ctrl+r." if isinstance(error, QAError) else UNEXPECTED_FIX
            view.show_error(describe_error(error), fix)
        self._pump()

    # ------------------------------------------------------------------ sources
    def on_passage_item_selected(self, event: PassageItem.Selected) -> None:
        event.stop()
        self.open_passage(event.passage, event.answer)

    def open_passage(self, passage: Passage, answer: str = "") -> None:
        span = (passage.start, passage.end) if passage.end > passage.start else None
        self.open_source(passage.article, passage.paragraph, span, answer)

    def open_source(
        self, article_id: str, paragraph: int, span: tuple[int, int] | None = None, answer: str = ""
    ) -> None:
        """Open the article ``article_id`` at ``paragraph`` (span: offsets into its text)."""
        try:
            article = self.engine.article(article_id)
        except BaseException as error:  # noqa: BLE001
            self._notify_error(f"Can't open the article: {describe_error(error)}")
            return
        self.push_screen(ArticleScreen(article, paragraph, span, answer))

    # ------------------------------------------------------------------ actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Over a dialog, don't clear the conversation behind it or stack dialogs on dialogs.
        if action in {"clear", "meetings", "help"} and isinstance(self.screen, ModalScreen):
            return False
        return True

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen())

    def action_clear(self) -> None:
        self._generation += 1
        self.turns.clear()
        self._pending.clear()
        conversation = self.conversation
        conversation.remove_children()
        conversation.mount(Welcome())
        self.query_one("#question", Input).focus()

    def action_rebuild(self) -> None:
        if self.building or self.loading:
            self.notify("The index is already being built; wait for it to finish.", markup=False)
            return
        if not self.loaded:
            self._start_load(full_build=True)
            return
        self.building = True
        self._set_status("rebuilding index…", "busy")
        self._spawn(self._build_thread, group="build")

    def _build_thread(self) -> None:
        try:
            report = self.engine.build(full=False, progress=self._progress_from_thread)
            status = self._engine_status()
        except BaseException as error:  # noqa: BLE001
            self._post(self._on_build_failed, error)
            return
        self._post(self._on_built, report, status)

    def _on_built(self, report: BuildReport, status: str) -> None:
        self.building = False
        self.statusbar.hide_progress()
        self._set_status(status)
        self._report_build(report, "Index rebuilt")

    def _report_build(self, report: BuildReport, what: str) -> None:
        try:
            summary = report.summary()
        except Exception:  # noqa: BLE001
            summary = "done"
        self.notify(f"{what}: {summary}", title="Index", markup=False)
        skipped = list(getattr(report, "skipped", []) or [])
        if skipped:
            more = f" (and {len(skipped) - 3} more)" if len(skipped) > 3 else ""
            self.notify("Skipped: " + "; ".join(skipped[:3]) + more, severity="warning", markup=False, timeout=10)

    def _on_build_failed(self, error: BaseException) -> None:
        self.building = False
        self.statusbar.hide_progress()
        message = describe_error(error)
        self._set_status(f"{self._engine_status()} · rebuild failed", "error")
        fix = (
            "Answers still come from the previous index. Fix the problem, then press ctrl+r again."
            if isinstance(error, QAError)
            else UNEXPECTED_FIX
        )
        self._mount_card(ErrorCard(message, fix, title="Rebuild failed"))

    # ------------------------------------------------------------------ a newer index
    def _check_index(self) -> None:
        """Switch to an index that `qa index watch` or `qa index build` made live meanwhile. It
        loads in a worker; questions are answered from the loaded index until it is in place."""
        if self.loaded and not (self.loading or self.building or self.refreshing):
            self.refreshing = True
            self._spawn(self._refresh_thread, group="refresh")

    def _refresh_thread(self) -> None:
        try:
            changes = self.engine.refresh()
            status = self._engine_status() if changes is not None else ""
        except BaseException as error:  # noqa: BLE001
            self._post(self._on_refresh_failed, error)
            return
        self._post(self._on_refreshed, changes, status)

    def _on_refreshed(self, changes: str | None, status: str) -> None:
        self.refreshing = False
        if changes is not None:
            self._set_status(status)
            self.notify(f"Index updated: {changes}", title="Index", markup=False)

    def _on_refresh_failed(self, error: BaseException) -> None:
        self.refreshing = False
        self._notify_error(f"A newer index could not be loaded: {describe_error(error)}. "
                           "Answers still come from the loaded one.")

    def action_meetings(self) -> None:
        if isinstance(self.screen, MeetingsScreen):
            return
        if not self.loaded:
            self.notify("Meetings are available once the index has loaded.", markup=False)
            return
        self._spawn(self._meetings_thread, group="meetings")

    def _meetings_thread(self) -> None:
        try:
            records = [m.to_dict() if hasattr(m, "to_dict") else dict(m) for m in self.engine.meetings()]
            titles: dict[str, str] = {}
            for record in records:
                ids = {str(record.get("article") or "")} | {
                    str(e.get("article") or "") for e in record.get("evidence") or [] if isinstance(e, dict)
                }
                for article_id in ids - {""} - titles.keys():
                    try:
                        titles[article_id] = self.engine.article(article_id).title
                    except Exception:  # noqa: BLE001 - fall back to the id
                        titles[article_id] = article_id
        except BaseException as error:  # noqa: BLE001
            self._post(self._notify_error, f"Can't show meetings: {describe_error(error)}")
            return
        self._post(self._show_meetings, records, titles)

    def _show_meetings(self, records: list[dict[str, Any]], titles: dict[str, str]) -> None:
        if not isinstance(self.screen, MeetingsScreen):
            self.push_screen(MeetingsScreen(records, titles))

    def action_export(self) -> Path | None:
        if not self.turns:
            self.notify("Nothing to export yet: ask a question first.", markup=False)
            return None
        now = datetime.now()
        folder = self.export_dir if self.export_dir is not None else Path.cwd()
        path = folder / f"qa-conversation-{now:%Y%m%d-%H%M%S}.md"
        n = 1
        while path.exists():
            n += 1
            path = folder / f"qa-conversation-{now:%Y%m%d-%H%M%S}-{n}.md"
        try:
            path.write_text(render.conversation_markdown(self.turns, now), encoding="utf-8")
        except OSError as error:
            self._notify_error(f"Can't write {path}: {error.strerror or error}")
            return None
        self.last_export = path
        self.notify(f"Saved the conversation to {path.resolve()}", title="Exported", markup=False, timeout=8)
        return path


def create_app(
    engine: EngineLike,
    *,
    title: str = "qa",
    k: int = 5,
    export_dir: Path | str | None = None,
    index_check_seconds: float = INDEX_CHECK_SECONDS,
) -> QAApp:
    """The chat app over ``engine``. ``export_dir``: where exports go (default: current directory);
    ``index_check_seconds``: how often it looks for a newer index."""
    return QAApp(engine, title=title, k=k, export_dir=export_dir,
                 index_check_seconds=index_check_seconds)
