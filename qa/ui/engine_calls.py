"""The engine's blocking calls, run off the UI thread, and the typed messages that bring each
outcome back to the app.

The chat never imports the engine: it drives whatever object it is given (see ``EngineLike``).
Each call below runs in a worker and posts one message to the app, so no widget is ever touched
from a thread. No widgets here.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Sequence
from functools import partial, wraps
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from textual.app import App
from textual.message import Message

from qa.errors import QAError
from qa.models import Answer, Article, BuildReport, Turn

if TYPE_CHECKING:
    from qa.ui.widgets import ExchangeView

ProgressFn = Callable[[int, int, str], None]

UNEXPECTED_FIX = "This is a bug in qa; the app keeps running. Try again, or rebuild the index with ctrl+r."


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


def engine_status(engine: EngineLike) -> str:
    try:
        return str(engine.status())
    except Exception as error:  # noqa: BLE001
        return f"index status unavailable: {describe_error(error)}"


# ---------------------------------------------------------------------- messages
M = TypeVar("M", bound=Message)


def guarded(handler: Callable[[Any, M], None]) -> Callable[[Any, M], None]:
    """For the app's handlers of the messages below: a bug in showing a result must not take the
    app down, so it is reported and the app goes on."""

    @wraps(handler)
    def run(app: App[Any], message: M) -> None:
        try:
            handler(app, message)
        except Exception as error:  # noqa: BLE001
            app.log.error("qa ui callback failed", error)
            app.notify(f"{describe_error(error)}. {UNEXPECTED_FIX}", severity="error", markup=False, timeout=8)

    return run


class BuildProgress(Message):
    """Progress of a load or build; a newer one replaces an older one still in the queue."""

    def __init__(self, done: int, total: int, stage: str) -> None:
        super().__init__()
        self.done, self.total, self.stage = done, total, stage

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, BuildProgress)


class IndexLoaded(Message):
    def __init__(self, status: str, built: object = None) -> None:
        super().__init__()
        self.status = status
        self.built = built  # a BuildReport when the engine built the index on the way (first run)


class Failure(Message):
    """An engine call that failed: the error is shown to the user."""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error


class IndexLoadFailed(Failure):
    pass


class QuestionAnswered(Message):
    def __init__(self, question: str, view: ExchangeView, answer: Answer, generation: int) -> None:
        super().__init__()
        self.question, self.view, self.answer, self.generation = question, view, answer, generation


class QuestionFailed(Message):
    def __init__(self, view: ExchangeView, error: BaseException, generation: int) -> None:
        super().__init__()
        self.view, self.error, self.generation = view, error, generation


class IndexRebuilt(Message):
    def __init__(self, report: BuildReport, status: str) -> None:
        super().__init__()
        self.report, self.status = report, status


class RebuildFailed(Failure):
    pass


class IndexRefreshed(Message):
    """The check for a newer index finished; ``changes`` is None when there was none."""

    def __init__(self, changes: str | None, status: str) -> None:
        super().__init__()
        self.changes, self.status = changes, status


class RefreshFailed(Failure):
    pass


class MeetingsFound(Message):
    def __init__(self, records: list[dict[str, Any]], titles: dict[str, str]) -> None:
        super().__init__()
        self.records, self.titles = records, titles


class CallFailed(Message):
    """A one-line error for the user from a worker."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


# ---------------------------------------------------------------------- the calls
def load_index(engine: EngineLike, full_build: bool, progress: ProgressFn) -> Message:
    try:
        if full_build:
            engine.build(full=True, progress=progress)
        built = engine.load(progress=progress)
        status = engine_status(engine)
    except BaseException as error:  # noqa: BLE001 - shown to the user, never a traceback
        return IndexLoadFailed(error)
    return IndexLoaded(status, built)


def ask_engine(
    engine: EngineLike, question: str, k: int, history: tuple[Turn, ...], view: ExchangeView, generation: int
) -> Message:
    try:
        answer = engine.ask(question, k=k, history=history)
    except BaseException as error:  # noqa: BLE001
        return QuestionFailed(view, error, generation)
    return QuestionAnswered(question, view, answer, generation)


def rebuild_index(engine: EngineLike, progress: ProgressFn) -> Message:
    try:
        report = engine.build(full=False, progress=progress)
        status = engine_status(engine)
    except BaseException as error:  # noqa: BLE001
        return RebuildFailed(error)
    return IndexRebuilt(report, status)


def refresh_index(engine: EngineLike) -> Message:
    try:
        changes = engine.refresh()
        status = engine_status(engine) if changes is not None else ""
    except BaseException as error:  # noqa: BLE001
        return RefreshFailed(error)
    return IndexRefreshed(changes, status)


def find_meetings(engine: EngineLike) -> Message:
    """The meeting records, with the title of every article they cite (the id when it has none)."""
    try:
        records = [m.to_dict() if hasattr(m, "to_dict") else dict(m) for m in engine.meetings()]
        titles: dict[str, str] = {}
        for record in records:
            ids = {str(record.get("article") or "")} | {
                str(e.get("article") or "") for e in record.get("evidence") or [] if isinstance(e, dict)
            }
            for article_id in ids - {""} - titles.keys():
                try:
                    titles[article_id] = engine.article(article_id).title
                except Exception:  # noqa: BLE001 - fall back to the id
                    titles[article_id] = article_id
    except BaseException as error:  # noqa: BLE001
        return CallFailed(f"Can't show meetings: {describe_error(error)}")
    return MeetingsFound(records, titles)


class EngineRunner:
    """Starts the calls above for ``app`` over ``engine``; each posts its outcome to the app."""

    def __init__(self, app: App[Any], engine: EngineLike) -> None:
        self.app = app
        self.engine = engine

    def load(self, full_build: bool) -> None:
        self._spawn(partial(load_index, self.engine, full_build, self._progress), group="load")

    def ask(
        self, question: str, k: int, history: tuple[Turn, ...], view: ExchangeView, generation: int
    ) -> None:
        self._spawn(partial(ask_engine, self.engine, question, k, history, view, generation), group="ask")

    def rebuild(self) -> None:
        self._spawn(partial(rebuild_index, self.engine, self._progress), group="build")

    def refresh(self) -> None:
        self._spawn(partial(refresh_index, self.engine), group="refresh")

    def meetings(self) -> None:
        self._spawn(partial(find_meetings, self.engine), group="meetings")

    def _spawn(self, call: Callable[[], Message], *, group: str) -> None:
        """Run ``call`` off the UI thread and post the message it returns.

        It runs in a daemon thread watched by a Textual worker (so ``app.workers`` sees it and
        ``wait_for_complete`` works). Not a ``thread=True`` worker: those run in asyncio's default
        executor, which makes quitting wait until a long load or build finishes.
        """

        async def watch() -> None:
            loop = asyncio.get_running_loop()
            finished = asyncio.Event()

            def target() -> None:
                try:
                    self._post(call())
                except BaseException as error:  # noqa: BLE001 - the calls catch; belt and braces
                    self._post(CallFailed(describe_error(error)))
                finally:
                    try:
                        loop.call_soon_threadsafe(finished.set)
                    except RuntimeError:  # the app has quit and its loop is closed
                        pass

            threading.Thread(target=target, name=f"qa-{group}", daemon=True).start()
            await finished.wait()

        self.app.run_worker(watch(), group=group, name=group, exit_on_error=False)

    def _post(self, message: Message) -> None:
        """From a worker thread (thread safe; a no-op once the app has quit)."""
        try:
            self.app.post_message(message)
        except Exception:  # noqa: BLE001 - the app's loop is gone: nobody to tell
            pass

    def _progress(self, done: int, total: int, stage: str = "") -> None:
        try:
            self.app.post_message(BuildProgress(int(done), int(total), str(stage)))
        except Exception:  # a bad progress call must never break a load or build
            pass
