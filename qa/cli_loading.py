"""Loading and building the index for the ``qa`` commands: build on first use, say so on
stderr, print warnings above the progress bar."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from .errors import IndexFormatError
from .sanitize import terminal_safe
from .terminal import TerminalProgress

if TYPE_CHECKING:
    from .engine import Engine
    from .models import BuildReport


def load(engine: Engine, warm: bool = True) -> None:
    """Load the index; build it from the seeds first when there is none yet, or when an older
    qa wrote it, saying so on stderr."""
    reason, full = None, False
    if not engine.store.exists():
        from .articles import check_seeds_folder

        check_seeds_folder(engine.seeds_dir)
        engine.store.check_writable()
        reason = f"No index in {engine.index_dir} yet"
    else:
        try:
            engine.load_index()
        except IndexFormatError as error:
            if not engine.seeds_dir.is_dir():
                raise
            reason, full = str(error).split(";")[0], True
    if reason:
        safe_echo(f"{reason}: building it from {engine.seeds_dir} …", err=True)
        report = build(engine, full=full)
        safe_echo(f"built {engine.index_dir}: {report.summary()}", err=True)
    if warm:
        engine.warm_up()


def build(engine: Engine, full: bool = False) -> BuildReport:
    """Build, printing each warning on stderr as it happens (above the progress bar)."""
    progress = TerminalProgress() if sys.stderr.isatty() else None

    def warn(message: str) -> None:
        if progress:
            progress.close()
        safe_echo(f"warning: {message}", err=True)

    try:
        return engine.build(full=full, progress=progress, on_warning=warn)
    finally:
        if progress:
            progress.close()


def safe_echo(text: str, err: bool = False) -> None:
    """Echo text that may hold article text, file names or questions: nothing raw reaches a
    terminal."""
    click.echo(terminal_safe(text), err=err)
