"""The index on disk: a folder per generation, swapped in atomically through a pointer file.

    index/
      CURRENT            name of the live generation (replaced atomically with os.replace)
      .lock              held (flock) by the one build allowed to run
      gen-<time>-<pid>/  manifest.json, vectors.faiss, chunks.jsonl, articles.jsonl,
                         terms.jsonl, bm25/, meetings.jsonl

A build writes a new generation beside the live one and only then rewrites CURRENT, so a crash,
Ctrl-C or kill -9 at any moment leaves the previous index loadable.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from .errors import (
    BuildLockedError,
    IndexCorruptError,
    IndexIncompatibleError,
    IndexMissingError,
    IndexPathError,
    rebuild_hint,
)
from .models import Article, Chunk

FORMAT_VERSION = 1
POINTER = "CURRENT"
LOCK = ".lock"
MANIFEST = "manifest.json"
VECTORS = "vectors.faiss"
CHUNKS = "chunks.jsonl"
ARTICLES = "articles.jsonl"
TERMS = "terms.jsonl"
MEETINGS = "meetings.jsonl"
CHECKED_FILES = (VECTORS, CHUNKS, ARTICLES, TERMS, MEETINGS)
_LOAD_ATTEMPTS = 5


@dataclass
class IndexData:
    """Everything a built index holds, in memory."""

    manifest: dict[str, Any]
    articles: dict[str, Article]
    chunks: list[Chunk]
    vectors: np.ndarray  # (len(chunks), dimension) float32, L2-normalised
    terms: list[list[str]]  # BM25 tokens of each chunk
    meetings: dict[str, list[dict]] = field(default_factory=dict)  # article id -> records
    faiss_index: Any = None
    path: Path | None = None

    @property
    def created_at(self) -> str:
        return self.manifest.get("created_at", "")


def new_manifest(
    *, model: str, dimension: int, chunking: dict, articles: dict[str, dict], chunks: int,
    seeds_dir: str, extras: dict | None = None,
) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "model": {"name": model, "dimension": dimension},
        "chunking": chunking,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "seeds_dir": seeds_dir,
        "counts": {"articles": len(articles), "chunks": chunks},
        "articles": articles,  # id -> {"hash", "chunks", "title", "date", "source"}
        **(extras or {}),
    }


class IndexStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    # ----- reading ---------------------------------------------------------------------------

    def exists(self) -> bool:
        return (self.root / POINTER).is_file()

    def live_path(self) -> Path:
        pointer = self.root / POINTER
        if not pointer.is_file():
            raise IndexMissingError(
                f"no index in {self.root}; build it with: qa index build --index {self.root}"
            )
        try:
            name = pointer.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            name = ""
        path = self.root / name
        if not name or "/" in name or not path.is_dir():
            raise IndexCorruptError(
                f"the index in {self.root} is damaged (its {POINTER} file points nowhere); "
                + rebuild_hint(self.root)
            )
        return path

    def read_manifest(self) -> dict[str, Any]:
        path = self.live_path()
        return self._manifest_at(path)

    def _manifest_at(self, path: Path) -> dict[str, Any]:
        try:
            manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
            if not isinstance(manifest, dict):
                raise ValueError
        except (OSError, ValueError):
            raise IndexCorruptError(
                f"the index in {self.root} is damaged (unreadable {MANIFEST}); "
                + rebuild_hint(self.root)
            ) from None
        return manifest

    def check_compatible(self, manifest: dict[str, Any], model: str) -> None:
        version = manifest.get("format_version")
        if version != FORMAT_VERSION:
            raise IndexIncompatibleError(
                f"the index in {self.root} has format {version}, this qa reads format "
                f"{FORMAT_VERSION}; " + rebuild_hint(self.root)
            )
        built_with = (manifest.get("model") or {}).get("name")
        if built_with != model:
            raise IndexIncompatibleError(
                f"the index in {self.root} was built with model {built_with!r}, this qa uses "
                f"{model!r}; " + rebuild_hint(self.root)
            )

    def load(self, model: str, *, verify: bool = True) -> IndexData:
        """The live generation. A build that swaps generations while this reads removes the one
        being read; then the pointer has moved on, and the new generation is read instead."""
        for attempt in range(_LOAD_ATTEMPTS):
            path = None
            try:
                path = self.live_path()
                return self._load_at(path, model, verify)
            except IndexCorruptError:
                if attempt + 1 == _LOAD_ATTEMPTS or path is not None and self._pointer_name() == path.name:
                    raise
        raise AssertionError("unreachable")

    def _pointer_name(self) -> str:
        try:
            return (self.root / POINTER).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return ""

    def _load_at(self, path: Path, model: str, verify: bool) -> IndexData:
        manifest = self._manifest_at(path)
        self.check_compatible(manifest, model)
        damaged = f"the index in {self.root} is damaged"
        if verify:
            for name, expected in (manifest.get("files") or {}).items():
                if _file_digest(path / name) != expected:
                    raise IndexCorruptError(
                        f"{damaged} ({name} is missing, truncated or altered); "
                        + rebuild_hint(self.root)
                    )
        try:
            import faiss

            faiss_index = faiss.read_index(str(path / VECTORS))
            articles = {a["id"]: Article.from_dict(a) for a in _read_jsonl(path / ARTICLES)}
            chunks = [Chunk.from_dict(c) for c in _read_jsonl(path / CHUNKS)]
            terms = [list(t) for t in _read_jsonl(path / TERMS)]
            meetings: dict[str, list[dict]] = {}
            for record in _read_jsonl(path / MEETINGS):
                meetings.setdefault(record["article"], []).append(record)
            vectors = (
                faiss_index.reconstruct_n(0, faiss_index.ntotal)
                if faiss_index.ntotal
                else np.zeros((0, faiss_index.d), dtype=np.float32)
            )
        except (OSError, RuntimeError, ValueError, KeyError, TypeError) as error:
            raise IndexCorruptError(
                f"{damaged} ({type(error).__name__}); " + rebuild_hint(self.root)
            ) from None
        if not (len(chunks) == faiss_index.ntotal == len(terms)):
            raise IndexCorruptError(
                f"{damaged} ({len(chunks)} chunks but {faiss_index.ntotal} vectors); "
                + rebuild_hint(self.root)
            )
        return IndexData(
            manifest=manifest, articles=articles, chunks=chunks, vectors=vectors,
            terms=terms, meetings=meetings, faiss_index=faiss_index, path=path,
        )

    # ----- writing ---------------------------------------------------------------------------

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

    def write(self, data: IndexData) -> Path:
        """Write a new generation and swap it in. Call while holding ``lock()``.

        Any OS error (no space, read-only) leaves the live generation as it was and becomes
        one IndexPathError line.
        """
        try:
            return self._write(data)
        except OSError as error:
            raise IndexPathError(path_problem(self.root, error, during_write=True)) from None

    def _write(self, data: IndexData) -> Path:
        import faiss

        self.root.mkdir(parents=True, exist_ok=True)
        self._remove_stale_generations()
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        name = f"gen-{stamp}-{os.getpid()}"
        staging = self.root / f".tmp-{name}"
        staging.mkdir()
        try:
            index = faiss.IndexFlatIP(int(data.manifest["model"]["dimension"]))
            if len(data.vectors):
                index.add(np.ascontiguousarray(data.vectors, dtype=np.float32))
            faiss.write_index(index, str(staging / VECTORS))
            _write_jsonl(staging / ARTICLES, (a.to_dict() for a in data.articles.values()))
            _write_jsonl(staging / CHUNKS, (c.to_dict() for c in data.chunks))
            _write_jsonl(staging / TERMS, data.terms)
            _write_jsonl(
                staging / MEETINGS,
                (record for records in data.meetings.values() for record in records),
            )
            data.manifest["files"] = {name_: _file_digest(staging / name_) for name_ in CHECKED_FILES}
            _write_text(staging / MANIFEST, _json(data.manifest, indent=1))
            for file in staging.iterdir():
                _fsync(file)
            final = self.root / name
            os.replace(staging, final)
            _fsync(self.root)
            pointer_tmp = self.root / f".{POINTER}.{os.getpid()}.tmp"
            _write_text(pointer_tmp, name + "\n")
            os.replace(pointer_tmp, self.root / POINTER)  # the atomic swap
            _fsync(self.root)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        data.faiss_index = index
        data.path = final
        self._remove_stale_generations()
        return final

    def _remove_stale_generations(self) -> None:
        """Drop generations that are not live (and staging left by a crashed build)."""
        try:
            live = self.live_path().name
        except (IndexMissingError, IndexCorruptError):
            live = None
        for entry in self.root.iterdir():
            if entry.is_dir() and entry.name != live and (
                entry.name.startswith("gen-") or entry.name.startswith(".tmp-gen-")
            ):
                shutil.rmtree(entry, ignore_errors=True)
        for entry in self.root.glob(f".{POINTER}.*.tmp"):
            entry.unlink(missing_ok=True)


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


def _file_digest(path: Path) -> dict[str, Any] | None:
    try:
        digest = hashlib.sha256()
        size = 0
        with open(path, "rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
                size += len(block)
        return {"bytes": size, "sha256": digest.hexdigest()}
    except OSError:
        return None


def _read_jsonl(path: Path) -> Iterable[Any]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _write_jsonl(path: Path, rows: Iterable[Any]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(_json(row))
            handle.write("\n")


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _json(value: Any, **options: Any) -> str:
    """JSON as UTF-8 text; a lone surrogate (which UTF-8 cannot hold) is written as a \\u escape,
    so that whatever was indexed reads back exactly."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return json.dumps(value, **options) if _SURROGATE.search(text) else text


def _write_text(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


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
