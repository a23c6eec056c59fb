"""The index folder itself: the build lock, one-line OS errors, small durable writes."""

from __future__ import annotations

import errno
import os
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from .errors import BuildLockedError, IndexPathError

LOCK = ".lock"


class BuildLock:
    """Mixin for a store rooted at ``self.root``: one build at a time."""

    root: Path

    def check_writable(self) -> None:
        """Create the index folder if needed; IndexPathError (one line) if it cannot be written."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise IndexPathError(path_problem(self.root, error)) from None
        if not os.access(self.root, os.W_OK | os.X_OK):
            raise IndexPathError(path_problem(self.root, PermissionError(errno.EACCES, "")))

    @contextmanager
    def lock(self):
        """Serialise builds. The OS drops the lock when its holder dies, even by kill -9."""
        import fcntl

        self.check_writable()
        try:
            handle = open(self.root / LOCK, "a+", encoding="utf-8")
        except OSError as error:
            raise IndexPathError(path_problem(self.root / LOCK, error)) from None
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                raise BuildLockedError(
                    f"a build of {self.root} is already running ({holder}); "
                    "wait for it to finish, then try again"
                ) from None
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()}")
            handle.flush()
            yield
        finally:
            handle.close()


def path_problem(path: Path, error: OSError, during_write: bool = False) -> str:
    """One line naming the path, what is wrong with it, and the fix."""
    kept = "; the previous index is unchanged" if during_write else ""
    code = error.errno
    if isinstance(error, (FileExistsError, NotADirectoryError)) or code in (errno.EEXIST, errno.ENOTDIR):
        return f"{path} is a file, not an index folder: pass --index FOLDER (new or existing)"
    if code == errno.ENOSPC or code == errno.EDQUOT:
        return f"no space left to write the index in {path}{kept}: free some space, then build again"
    if code == errno.EROFS:
        return (f"cannot write the index in {path}: the file system is read-only{kept}; "
                "pass --index a folder you can write to")
    if code in (errno.EACCES, errno.EPERM):
        return (f"cannot write the index in {path} (permission denied){kept}: pass --index a "
                "folder you can write to, or fix its permissions")
    reason = error.strerror or type(error).__name__
    return f"cannot write the index in {path} ({reason}){kept}: pass --index another folder"


def write_text(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def age_text(created_at: str, now: float | None = None) -> str:
    """'2 min ago' style age of an ISO timestamp."""
    try:
        created = datetime.fromisoformat(created_at).timestamp()
    except (TypeError, ValueError):
        return "at an unknown time"
    seconds = max(0, int((now if now is not None else time.time()) - created))
    if seconds < 60:
        return "just now"
    for size, unit in ((86400, "day"), (3600, "h"), (60, "min")):
        if seconds >= size:
            count = seconds // size
            if unit == "day":
                return f"{count} day{'s' if count != 1 else ''} ago"
            return f"{count} {unit} ago"
    return "just now"
