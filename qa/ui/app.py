"""The Textual chat over the news articles: the app, its layout, keys and the handlers of what
the engine's calls report.

Every blocking engine call runs off the UI thread (see ``engine_calls``) and comes back as a typed
message handled here, on the UI thread, so no widget is ever touched from a thread.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Header, Input

from qa.errors import QAError
from qa.models import MAX_QUESTION_CHARS, Answer, BuildReport, Passage, Turn
from qa.ui import engine_calls as calls
from qa.ui.commands import QACommands, export_conversation
from qa.ui.engine_calls import UNEXPECTED_FIX, EngineLike, describe_error, engine_status
from qa.ui.meetings_view import MeetingsScreen
from qa.ui.screens import ArticleScreen, HelpScreen
from qa.ui.widgets import ErrorCard, ExchangeView, PassageItem, QuestionInput, StatusBar, Welcome

__all__ = ["QAApp", "create_app", "describe_error", "EngineLike"]

INDEX_CHECK_SECONDS = 2.0  # how often the chat looks for an index built by another qa


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
        self.runner = calls.EngineRunner(self, engine)

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

    def _notify_error(self, message: str) -> None:
        self.notify(message, severity="error", markup=False, timeout=8)

    @on(calls.CallFailed)
    def _show_call_failed(self, message: calls.CallFailed) -> None:
        self._notify_error(message.text)

    @on(calls.BuildProgress)
    def _show_progress(self, message: calls.BuildProgress) -> None:
        what = "rebuilding index" if self.building else "building index"
        stage = f"{what} · {message.stage}" if message.stage else what
        counts = f" {message.done}/{message.total}" if message.total else ""
        self._set_status(f"{stage}…{counts}", "busy")
        self.statusbar.show_progress(message.done, message.total)

    # ------------------------------------------------------------------ load
    def _start_load(self, full_build: bool) -> None:
        self.loading = True
        self.load_error = None
        self._set_status("rebuilding index…" if full_build else "loading model…", "busy")
        for _, view in self._pending:
            view.set_pending("waiting for the index to load…")
        self.runner.load(full_build)

    @on(calls.IndexLoaded)
    @calls.guarded
    def _show_loaded(self, message: calls.IndexLoaded) -> None:
        self.loading = False
        self.loaded = True
        self.statusbar.hide_progress()
        self._set_status(message.status)
        if isinstance(message.built, BuildReport):  # the engine built the index on the way (first run)
            self._report_build(message.built, "Index built")
        self._pump()

    @on(calls.IndexLoadFailed)
    @calls.guarded
    def _show_load_failed(self, message: calls.IndexLoadFailed) -> None:
        self.loading = False
        self.statusbar.hide_progress()
        text = describe_error(message.error)
        self.load_error = text
        fix = (
            "Fix the problem above, then press ctrl+r to build the index and load again."
            if isinstance(message.error, QAError)
            else UNEXPECTED_FIX
        )
        self._set_status(f"not ready · ctrl+r to retry · {text}", "error")
        self._mount_card(ErrorCard(text, fix, title="Couldn't load the index"))
        while self._pending:
            _, view = self._pending.popleft()
            view.show_error("Not answered: the index didn't load.", "Press ctrl+r to try again.")

    # ------------------------------------------------------------------ asking
    @on(Input.Submitted, "#question")
    def _ask_typed(self, event: Input.Submitted) -> None:
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
        self.runner.ask(question, self.k, tuple(self.turns), view, self._generation)

    @on(calls.QuestionAnswered)
    @calls.guarded
    def _show_answer(self, message: calls.QuestionAnswered) -> None:
        self._asking = False
        self._answered_once = True
        view = message.view
        if message.generation == self._generation and view.is_attached:
            self.turns.append(Turn(question=message.question, answer=message.answer))
            view.show_answer(message.answer)
            self.conversation.anchor()
        self._pump()

    @on(calls.QuestionFailed)
    @calls.guarded
    def _show_question_failed(self, message: calls.QuestionFailed) -> None:
        self._asking = False
        if message.generation == self._generation and message.view.is_attached:
            error = message.error
            fix = "Try again, or rebuild the index with ctrl+r." if isinstance(error, QAError) else UNEXPECTED_FIX
            message.view.show_error(describe_error(error), fix)
        self._pump()

    # ------------------------------------------------------------------ sources
    @on(PassageItem.Selected)
    def _open_selected_passage(self, event: PassageItem.Selected) -> None:
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

    async def action_clear(self) -> None:
        self._generation += 1
        self.turns.clear()
        self._pending.clear()
        conversation = self.conversation
        # the old welcome must be gone before the new one mounts: they share an id
        await conversation.remove_children()
        if not conversation.query("#welcome"):
            await conversation.mount(Welcome())
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
        self.runner.rebuild()

    @on(calls.IndexRebuilt)
    @calls.guarded
    def _show_rebuilt(self, message: calls.IndexRebuilt) -> None:
        self.building = False
        self.statusbar.hide_progress()
        self._set_status(message.status)
        self._report_build(message.report, "Index rebuilt")

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

    @on(calls.RebuildFailed)
    @calls.guarded
    def _show_rebuild_failed(self, message: calls.RebuildFailed) -> None:
        self.building = False
        self.statusbar.hide_progress()
        self._set_status(f"{engine_status(self.engine)} · rebuild failed", "error")
        fix = (
            "Answers still come from the previous index. Fix the problem, then press ctrl+r again."
            if isinstance(message.error, QAError)
            else UNEXPECTED_FIX
        )
        self._mount_card(ErrorCard(describe_error(message.error), fix, title="Rebuild failed"))

    # ------------------------------------------------------------------ a newer index
    def _check_index(self) -> None:
        """Switch to an index that `qa index watch`, `qa add` or `qa index build` made live
        meanwhile. It loads in a worker; questions are answered from the loaded index until it
        is in place."""
        if self.loaded and not (self.loading or self.building or self.refreshing):
            self.refreshing = True
            self.runner.refresh()

    @on(calls.IndexRefreshed)
    @calls.guarded
    def _show_refreshed(self, message: calls.IndexRefreshed) -> None:
        self.refreshing = False
        if message.changes is not None:
            self._set_status(message.status)
            self.notify(f"Index updated: {message.changes}", title="Index", markup=False)

    @on(calls.RefreshFailed)
    @calls.guarded
    def _show_refresh_failed(self, message: calls.RefreshFailed) -> None:
        self.refreshing = False
        self._notify_error(f"A newer index could not be loaded: {describe_error(message.error)}. "
                           "Answers still come from the loaded one.")

    # ------------------------------------------------------------------ meetings, export
    def action_meetings(self) -> None:
        if isinstance(self.screen, MeetingsScreen):
            return
        if not self.loaded:
            self.notify("Meetings are available once the index has loaded.", markup=False)
            return
        self.runner.meetings()

    @on(calls.MeetingsFound)
    @calls.guarded
    def _show_meetings(self, message: calls.MeetingsFound) -> None:
        if not isinstance(self.screen, MeetingsScreen):
            self.push_screen(MeetingsScreen(message.records, message.titles))

    def action_export(self) -> Path | None:
        if not self.turns:
            self.notify("Nothing to export yet: ask a question first.", markup=False)
            return None
        folder = self.export_dir if self.export_dir is not None else Path.cwd()
        try:
            path = export_conversation(self.turns, folder, datetime.now())
        except OSError as error:
            self._notify_error(f"Can't write {error.filename or folder}: {error.strerror or error}")
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
