"""``qa index watch``: keep the index up to date while articles are added, changed or removed.

Changes to the articles folder are gathered until it has been quiet for a moment (so a copy of
many files is one rebuild), then the index is rebuilt incrementally and what changed is said
("2 new articles, 1 changed"). A failed build is reported and retried on the next change or
after a pause; it never stops the watch. The chat and ``qa mcp`` pick up each new index.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from .articles import ARTICLE_SUFFIXES, check_seeds_folder
from .engine import Engine
from .errors import BuildLockedError, QAError

QUIET_MS = 400  # a rebuild starts once the folder has been quiet this long
MAX_WAIT_MS = 3_000  # and at the latest this long after the first change
RETRY_MS = 5_000  # a build refused while another ran is tried again after this long


class ArticleFilter:
    """Changes that can matter to the index: article files (and removed folders of them),
    never the index's own files."""

    def __init__(self, index_dir: Path) -> None:
        from watchfiles import DefaultFilter

        self._default = DefaultFilter()
        self._index = Path(index_dir).resolve()

    def __call__(self, change, path: str) -> bool:
        from watchfiles import Change

        if Path(path).is_relative_to(self._index) or not self._default(change, path):
            return False
        return change == Change.deleted or Path(path).suffix.lower() in ARTICLE_SUFFIXES


def watch_articles(engine: Engine, say: Callable[[str], None], stop: threading.Event | None = None,
                   quiet_ms: int = QUIET_MS) -> None:
    """Build now, then after every batch of changes, until ``stop`` is set (or Ctrl-C)."""
    from watchfiles import watch

    check_seeds_folder(engine.seeds_dir)
    folder = engine.seeds_dir.resolve()
    pending = not _rebuild(engine, say, first=True)
    say(f"watching {folder} (ctrl+c stops)")
    batches = watch(folder, watch_filter=ArticleFilter(engine.index_dir), step=quiet_ms,
                    debounce=max(MAX_WAIT_MS, quiet_ms), stop_event=stop, rust_timeout=RETRY_MS,
                    yield_on_timeout=True, raise_interrupt=False)
    for changes in batches:
        if changes or pending:
            pending = not _rebuild(engine, say)


def _rebuild(engine: Engine, say: Callable[[str], None], first: bool = False) -> bool:
    """One incremental build, said in one line (warnings each on their own). False when another
    build held the index, so this one must be tried again without waiting for a change."""
    try:
        report = engine.build(on_warning=lambda message: say(f"warning: {message}"))
    except BuildLockedError as error:
        say(f"{error}: trying again shortly")
        return False
    except QAError as error:
        say(f"error: {error} (the next change rebuilds)")
        return True
    total = f"{report.articles} article{'s' if report.articles != 1 else ''}"
    if first:
        say(f"index {engine.index_dir} up to date: {total} ({report.changes()})")
    elif report.added or report.updated or report.removed:
        say(f"{report.changes()} · {total}, built in {report.seconds:.1f}s")
    return True
