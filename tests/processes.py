"""A build in a forked process, killed with SIGKILL at a moment it signals."""

from __future__ import annotations

import multiprocessing
import os
import signal
from contextlib import contextmanager


@contextmanager
def killed_when_ready(target, *args):
    """Run ``target(*args, ready)`` in a forked process; the block runs once it sets ``ready``,
    then the process is killed with SIGKILL."""
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    process = context.Process(target=target, args=(*args, ready))
    process.start()
    try:
        assert ready.wait(30)
        yield process
        os.kill(process.pid, signal.SIGKILL)
        process.join(10)
    finally:
        if process.is_alive():
            process.kill()
