"""The index on disk: immutable segments plus a small manifest, swapped in atomically.

    index/
      CURRENT            name of the live generation (replaced atomically with os.replace)
      .lock              held (flock) by the one build allowed to run
      gen-<time>-<pid>/  manifest.json: live segments, each article's rows, file checksums
      segments/          seg-<time>-<pid>/ folders (qa.segments), written once, never changed
      .embeddings-*      vectors of a build not committed yet, so a rerun resumes (qa.resume)

A build writes what changed as one new segment, then a new manifest, then rewrites CURRENT: that
swap is the commit, so a crash, Ctrl-C or kill -9 at any moment leaves the previous index
loadable. Rows of replaced or removed articles are dead (no manifest entry points at them) until
compaction merges the live rows into one segment. Loading reads the manifest, one stat per
file, each segment's row table and article offsets (articles are parsed when asked for, see
``qa.index_data``); checksums are written with each segment and read back only by ``verify``
(``qa index verify``).
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from .errors import (
    IndexCorruptError, IndexFormatError, IndexIncompatibleError, IndexMissingError, IndexPathError, rebuild_hint,
)
from .ann import AnnPart
from .index_data import ChunkTable, IndexData, KeywordPart, LazyArticles, SegmentedVectors
from .segments import SIGNATURES, SegmentContent, SegmentStore, fsync_path, to_json
from .store_files import BuildLock, age_text, path_problem, write_text

__all__ = ["IndexData", "IndexStore", "age_text", "new_manifest", "path_problem"]

FORMAT_VERSION = 2
POINTER = "CURRENT"
MANIFEST = "manifest.json"
SEGMENTS = "segments"
NEW_SEGMENT = ""  # in a manifest handed to commit(): the segment that commit writes
MAX_SEGMENTS = 8  # compaction merges them beyond this many ...
MAX_DEAD_SHARE = 0.3  # ... or when this share of the rows belongs to replaced articles
_LOAD_ATTEMPTS = 5


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
        # id -> {"hash", "chunks", "title", "date", "source", "segment", "row", "meetings"}
        "articles": articles,
        **(extras or {}),
    }


class IndexStore(BuildLock):
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.segments = SegmentStore(self.root / SEGMENTS)

    # ----- reading ---------------------------------------------------------------------------

    def exists(self) -> bool:
        return (self.root / POINTER).is_file()

    def live_path(self) -> Path:
        pointer = self.root / POINTER
        if not pointer.is_file():
            raise IndexMissingError(
                f"no index in {self.root}; build it with: qa index build --index {self.root}"
            )
        name = self._pointer_name()
        path = self.root / name
        if not name or "/" in name or not path.is_dir():
            raise self._damaged(f"its {POINTER} file points nowhere")
        return path

    def read_manifest(self) -> dict[str, Any]:
        return self._manifest_at(self.live_path())

    def _manifest_at(self, path: Path) -> dict[str, Any]:
        import json

        try:
            manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
            if not isinstance(manifest, dict):
                raise ValueError
        except (OSError, ValueError):
            raise self._damaged(f"unreadable {MANIFEST}") from None
        return manifest

    def _damaged(self, why: str) -> IndexCorruptError:
        return IndexCorruptError(f"the index in {self.root} is damaged ({why}); " + rebuild_hint(self.root))

    def check_compatible(self, manifest: dict[str, Any], model: str) -> None:
        version = manifest.get("format_version")
        if version != FORMAT_VERSION:
            raise IndexFormatError(
                f"the index in {self.root} has format {version}, this qa reads format "
                f"{FORMAT_VERSION}; " + rebuild_hint(self.root)
            )
        built_with = (manifest.get("model") or {}).get("name")
        if built_with != model:
            raise IndexIncompatibleError(
                f"the index in {self.root} was built with model {built_with!r}, this qa uses "
                f"{model!r}; " + rebuild_hint(self.root)
            )

    def usable_manifest(self, model: str) -> tuple[Path, dict[str, Any], list[tuple[str, np.ndarray]]]:
        """The live manifest and its row layout, once its files are all there at their sizes."""
        path = self.live_path()
        manifest = self._manifest_at(path)
        self.check_compatible(manifest, model)
        try:
            layout = _layout(manifest)
            for segment in manifest["segments"]:
                problem = self.segments.check_sizes(segment["name"], segment["files"])
                if problem:
                    raise self._damaged(problem)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise self._damaged(f"manifest: {type(error).__name__}") from None
        return path, manifest, layout

    def load(self, model: str) -> IndexData:
        """The live index. A build that swaps generations (or compacts) while this reads removes
        files being read; then the pointer has moved on, and the new generation is read instead."""
        for attempt in range(_LOAD_ATTEMPTS):
            path = None
            try:
                path = self.live_path()
                return self._load_once(model)
            except IndexCorruptError:
                if attempt + 1 == _LOAD_ATTEMPTS or path is not None and self._pointer_name() == path.name:
                    raise
        raise AssertionError("unreachable")

    def _pointer_name(self) -> str:
        try:
            return (self.root / POINTER).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return ""

    def _load_once(self, model: str) -> IndexData:
        path, manifest, layout = self.usable_manifest(model)
        try:
            data = self._read(manifest, layout)
        except (OSError, RuntimeError, ValueError, KeyError, TypeError) as error:
            raise self._damaged(type(error).__name__) from None
        if not (len(data.chunks) == len(data.vectors) == manifest["counts"]["chunks"]):
            raise self._damaged(f"{len(data.chunks)} chunks but {len(data.vectors)} vectors")
        data.path = path
        return data

    def _read(self, manifest: dict[str, Any], layout: list[tuple[str, np.ndarray]]) -> IndexData:
        """Manifest, row tables, article offsets and memory maps; articles are parsed lazily."""
        entries = manifest["articles"]
        dimension = int(manifest["model"]["dimension"])
        sizes = {s["name"]: int(s["rows"]) for s in manifest["segments"]}
        ordinal = {article_id: i for i, article_id in enumerate(entries)}
        articles = LazyArticles(list(entries))
        found = 0
        columns: list[np.ndarray] = []
        parts: list[tuple[np.ndarray, np.ndarray | None]] = []
        keyword: list[KeywordPart] = []
        ann: list[AnnPart] = []
        meetings: dict[str, list[dict]] = {}
        live_rows = 0
        for name, rows in layout:
            ids, offsets = self.segments.article_index(name)
            found += articles.add_segment(self.segments.articles_path(name), ids, offsets,
                                          lambda i, name=name: entries.get(i, {}).get("segment") == name)
            if len(rows):
                table = self.segments.rows(name, ids)
                vectors = self.segments.vectors(name)
                if len(table) != sizes[name] or vectors.shape != (sizes[name], dimension):
                    raise ValueError(name)
                live = table[rows]
                live[:, 0] = [ordinal.get(a, -1) for a in (ids[i] for i in live[:, 0])]
                columns.append(live)
                parts.append((vectors, None if len(rows) == sizes[name] else rows))
                mapping = np.full(sizes[name], -1, dtype=np.int64)
                mapping[rows] = np.arange(live_rows, live_rows + len(rows))
                index = self.segments.keyword_index(name)
                if index is not None:
                    keyword.append(KeywordPart(index, mapping))
                ivf = self.segments.ivf(name)
                if ivf is not None:
                    ann.append(AnnPart(ivf, mapping))
                live_rows += len(rows)
            if any(e.get("meetings") == name for e in entries.values() if e.get("records")):
                for record in self.segments.meetings(name):
                    if entries.get(record["article"], {}).get("meetings") == name:
                        meetings.setdefault(record["article"], []).append(record)
        if found != len(entries):
            raise KeyError("articles")
        table = np.concatenate(columns) if columns else np.zeros((0, 4), dtype=np.int32)
        if len(table) and table[:, 0].min() < 0:
            raise KeyError("rows of an article the manifest does not hold")
        return IndexData(
            manifest=manifest, articles=articles, chunks=ChunkTable(list(entries), table, articles),
            vectors=SegmentedVectors(parts, dimension), keyword=keyword, ann=ann, layout=layout, store=self,
            meetings={k: meetings[k] for k in entries if k in meetings},
        )

    def verify(self) -> str:
        """Deep check: every file's checksum, then a full load. Raises IndexCorruptError."""
        manifest = self.read_manifest()
        checked = 0
        for segment in manifest.get("segments") or []:
            problem = self.segments.check_digests(segment["name"], segment["files"])
            if problem:
                raise self._damaged(problem)
            checked += len(segment["files"])
        data = self.load((manifest.get("model") or {}).get("name"))
        return (f"{len(manifest['segments'])} segment(s), {checked} files checked: "
                f"{len(data.articles)} articles, {len(data.chunks)} passages")

    # ----- writing ---------------------------------------------------------------------------

    def commit(self, manifest: dict[str, Any], content: SegmentContent) -> Path:
        """Write ``content`` as a new segment and ``manifest`` as the live one. Call while
        holding ``lock()``. An OS error leaves the live index as it was, as one line."""
        try:
            return self._commit(manifest, content)
        except OSError as error:
            raise IndexPathError(path_problem(self.root, error, during_write=True)) from None

    def _commit(self, manifest: dict[str, Any], content: SegmentContent) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        self._remove_stale()
        previous = {s["name"]: s for s in (self._live_manifest() or {}).get("segments", [])}
        name = _stamped("seg")
        written = not content.empty()
        entries = manifest["articles"].values()
        for entry in entries:
            for key in ("segment", "meetings"):
                if entry.get(key) == NEW_SEGMENT:
                    entry[key] = name
        try:
            if written:
                previous[name] = {"name": name, "rows": len(content.chunks),
                                  "files": self.segments.write(name, content)}
            live: dict[str, int] = {}
            for entry in entries:
                live[entry["segment"]] = live.get(entry["segment"], 0) + entry["chunks"]
            held = set(live) | {e.get("meetings") for e in entries}
            manifest["segments"] = [{**s, "live": live.get(n, 0)} for n, s in previous.items() if n in held]
            final = self._write_generation(manifest)
        except BaseException:
            if written and name not in self._live_segment_names():
                shutil.rmtree(self.segments.path(name), ignore_errors=True)
            raise
        self._remove_stale()
        return final

    def _write_generation(self, manifest: dict[str, Any]) -> Path:
        name = _stamped("gen")
        staging = self.root / f".tmp-{name}"
        staging.mkdir()
        try:
            write_text(staging / MANIFEST, to_json(manifest, indent=1))
            fsync_path(staging)
            final = self.root / name
            os.replace(staging, final)
            fsync_path(self.root)
            pointer_tmp = self.root / f".{POINTER}.{os.getpid()}.tmp"
            write_text(pointer_tmp, name + "\n")
            os.replace(pointer_tmp, self.root / POINTER)  # the atomic swap: the commit
            fsync_path(self.root)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return final

    def needs_compaction(self) -> bool:
        segments = (self._live_manifest() or {}).get("segments") or []
        rows = sum(s["rows"] for s in segments)
        dead = rows - sum(s["live"] for s in segments)
        # Segments from before MinHash signatures were kept: merged once, so that later builds
        # need not read unchanged files (qa.gather).
        unsigned = any(SIGNATURES not in (s.get("files") or {}) for s in segments)
        return len(segments) > MAX_SEGMENTS or (rows > 0 and dead / rows > MAX_DEAD_SHARE) or unsigned

    def compact(self, model: str) -> Path:
        """Merge the live rows of every segment into one (dead rows dropped, BM25 rebuilt)."""
        from .ingest.duplicates import signatures_of
        from .retrieval import indexed_terms

        data = self.load(model)
        terms = data.read_terms()
        chunks = list(data.chunks)  # each cut from its article once
        first: dict[str, int] = {}
        for row, chunk in enumerate(chunks):
            first.setdefault(chunk.article_id, row)
        manifest = {**data.manifest, "articles": {}}
        for article_id, entry in data.manifest["articles"].items():
            manifest["articles"][article_id] = {
                **entry, "segment": NEW_SEGMENT, "row": first.get(article_id, 0),
                "meetings": NEW_SEGMENT if article_id in data.meetings else None,
            }
        with_titles = bool((manifest.get("keyword") or {}).get("title_terms"))
        content_articles = list(data.articles.values())
        content = SegmentContent(
            chunks=chunks, terms=terms, vectors=np.asarray(data.vectors),
            keyword_terms=indexed_terms(chunks, terms, data.articles, with_titles),
            articles=content_articles, meetings=data.meetings,
            vector_index=vector_index_of(manifest), signatures=signatures_of(content_articles),
        )
        return self.commit(manifest, content)

    def _live_manifest(self) -> dict[str, Any] | None:
        try:
            return self.read_manifest()
        except (IndexMissingError, IndexCorruptError):
            return None

    def _live_segment_names(self) -> set[str]:
        segments = (self._live_manifest() or {}).get("segments") or []
        return {s["name"] for s in segments if isinstance(s, dict) and isinstance(s.get("name"), str)}

    def _remove_stale(self) -> None:
        """Drop generations and segments the live manifest does not name (and the staging a
        crashed build left). Only ever called while holding the build lock."""
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
        self.segments.remove_except(self._live_segment_names())


def _layout(manifest: dict[str, Any]) -> list[tuple[str, np.ndarray]]:
    """Each live segment with its live rows (those an article entry points at), in order."""
    pieces: dict[str, list[np.ndarray]] = {s["name"]: [] for s in manifest["segments"]}
    for entry in manifest["articles"].values():
        if entry["chunks"]:
            pieces[entry["segment"]].append(np.arange(entry["row"], entry["row"] + entry["chunks"]))
        elif entry["segment"] not in pieces:
            raise KeyError(entry["segment"])
    return [(name, np.sort(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64))
            for name, parts in pieces.items()]


def vector_index_of(manifest: dict[str, Any] | None) -> str:
    """The dense index type a manifest records ("exact" for indexes from before the choice)."""
    return ((manifest or {}).get("vectors") or {}).get("index") or "exact"


def _stamped(kind: str) -> str:
    return f"{kind}-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%S%f')}-{os.getpid()}"
