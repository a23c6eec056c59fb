"""A loaded index, read lazily: loading costs the manifest and a few arrays, not the metadata.

Passages are four integer columns (article, paragraph, start, end) gathered from each segment's
``rows.npy``; a passage's text is cut from its article when asked. Articles are parsed one at a
time from their segment's ``articles.jsonl``, at the byte offset its ``articles.index.json``
gives, and a few thousand stay cached. So an index of 100,000 passages loads in a fraction of a
second and holds in memory only its vectors (memory-mapped) and what questions touched.
"""

from __future__ import annotations

import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .ann import AnnPart
from .models import Article, Chunk

if TYPE_CHECKING:
    from .store import IndexStore

CACHED_ARTICLES = 4096


@dataclass
class KeywordPart:
    """One segment's BM25 and where its rows sit among the live rows."""

    index: Any  # bm25s.BM25, memory-mapped
    rows: np.ndarray  # global row of each of the segment's rows; -1 for a dead row


@dataclass
class IndexData:
    """A loaded index: live rows in segment order, vectors memory-mapped where possible."""

    manifest: dict[str, Any]
    articles: Mapping[str, Article]
    chunks: Sequence[Chunk]
    vectors: np.ndarray  # (len(chunks), dimension) float32, L2-normalised
    meetings: dict[str, list[dict]] = field(default_factory=dict)  # article id -> records
    keyword: list[KeywordPart] = field(default_factory=list)
    ann: list[AnnPart] = field(default_factory=list)  # IVF-PQs of the segments that have one
    layout: list[tuple[str, np.ndarray]] = field(default_factory=list)  # segment, live rows
    path: Path | None = None
    store: IndexStore | None = None

    @property
    def created_at(self) -> str:
        return self.manifest.get("created_at", "")

    def read_terms(self) -> list[list[str]]:
        """BM25 tokens of each live row (without headline words), read from the segments."""
        assert self.store is not None
        terms: list[list[str]] = []
        for name, rows in self.layout:
            if len(rows):
                segment = self.store.segments.terms(name)
                terms.extend(segment[r] for r in rows)
        return terms


class LazyArticles(Mapping[str, Article]):
    """Articles by id, in manifest order, each parsed from its segment when first asked for.

    Each segment's ``articles.jsonl`` is opened once, at load, and read with ``pread``: a build
    that compacts and removes the segment meanwhile does not take the text from under a chat
    still answering from this index (the open file outlives its name, like the memory maps).
    """

    def __init__(self, ids: list[str]) -> None:
        self._ids = ids
        self._places: dict[str, tuple[Any, int, int]] = {}  # id -> (open file, offset, length)
        self._cache: OrderedDict[str, Article] = OrderedDict()
        self._lock = threading.Lock()

    def add_segment(self, path: Path, ids: list[str], offsets: list[int], wanted: Callable[[str], bool]) -> int:
        """Make the articles of one ``articles.jsonl`` readable; returns how many were wanted."""
        handle = open(path, "rb")  # noqa: SIM115 - held as long as this index is
        ends = [*offsets[1:], os.fstat(handle.fileno()).st_size]
        added = 0
        for article_id, start, end in zip(ids, offsets, ends):
            if wanted(article_id):
                self._places[article_id] = (handle, start, end - start)
                added += 1
        return added

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._places

    def _read(self, handle, offset: int, length: int) -> bytes:
        if hasattr(os, "pread"):  # no shared file position: threads read at once
            return os.pread(handle.fileno(), length, offset)
        with self._lock:  # Windows has no pread
            handle.seek(offset)
            return handle.read(length)

    def __getitem__(self, article_id: str) -> Article:
        with self._lock:
            article = self._cache.get(article_id)
            if article is not None:
                self._cache.move_to_end(article_id)
                return article
        handle, offset, length = self._places[article_id]
        article = Article.from_dict(json.loads(self._read(handle, offset, length)))
        if article.id != article_id:
            raise KeyError(f"{handle.name} holds {article.id!r} where {article_id!r} was expected")
        with self._lock:
            self._cache[article_id] = article
            if len(self._cache) > CACHED_ARTICLES:
                self._cache.popitem(last=False)
        return article


class ChunkTable(Sequence[Chunk]):
    """Every live passage as integer columns; ``chunk.text`` is cut from the article."""

    def __init__(self, article_ids: list[str], columns: np.ndarray, articles: Mapping[str, Article]) -> None:
        self.article_ids = article_ids  # ordinal -> article id
        self.columns = columns  # (rows, 4) int: article ordinal, paragraph, start, end
        self.articles = articles

    def __len__(self) -> int:
        return len(self.columns)

    def __getitem__(self, row):  # type: ignore[override]
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        ordinal, paragraph, start, end = (int(v) for v in self.columns[row])
        article_id = self.article_ids[ordinal]
        return Chunk(article_id, paragraph, start, end, self.articles[article_id].text[start:end])

    def article_keys(self) -> np.ndarray:
        """The article of each row as an integer (equal keys: same article)."""
        return self.columns[:, 0]

    def spans(self) -> np.ndarray:
        """(rows, 3): article key, start, end of each row."""
        return self.columns[:, [0, 2, 3]]


def chunk_columns(chunks: Sequence[Chunk]) -> tuple[np.ndarray, np.ndarray]:
    """Article keys and (key, start, end) spans of any sequence of chunks, for retrieval."""
    if isinstance(chunks, ChunkTable):
        return chunks.article_keys(), chunks.spans()
    ordinals: dict[str, int] = {}
    keys = np.array([ordinals.setdefault(c.article_id, len(ordinals)) for c in chunks], dtype=np.int64)
    spans = np.array([(k, c.start, c.end) for k, c in zip(keys, chunks)], dtype=np.int64).reshape(-1, 3)
    return keys, spans


class SegmentedVectors:
    """The live vectors of every segment, left where they are: each segment's memory map, with
    its live rows. Scoring a query reads the maps; nothing is copied, so an index of several
    segments holds its vectors once (in the page cache), as an index of one does."""

    def __init__(self, parts: list[tuple[np.ndarray, np.ndarray | None]], dimension: int) -> None:
        self.parts = parts  # (segment vectors, its live rows or None for all)
        self.dimension = dimension
        sizes = [len(rows) if rows is not None else len(vectors) for vectors, rows in parts]
        self.starts = np.cumsum([0, *sizes])

    @property
    def shape(self) -> tuple[int, int]:
        return int(self.starts[-1]), self.dimension

    def __len__(self) -> int:
        return int(self.starts[-1])

    def __matmul__(self, query: np.ndarray) -> np.ndarray:
        scores = [vectors @ query if rows is None else (vectors @ query)[rows] for vectors, rows in self.parts]
        return np.concatenate(scores) if scores else np.zeros(0, dtype=np.float32)

    def __getitem__(self, rows):
        """One row (an int) or several (an array of rows, in the order given)."""
        if np.isscalar(rows):
            part = int(np.searchsorted(self.starts, rows, side="right")) - 1
            vectors, live = self.parts[part]
            local = int(rows) - int(self.starts[part])
            return vectors[local if live is None else live[local]]
        rows = np.asarray(rows, dtype=np.int64)
        out = np.empty((len(rows), self.dimension), dtype=np.float32)
        which = np.searchsorted(self.starts, rows, side="right") - 1
        for part in np.unique(which):
            vectors, live = self.parts[part]
            chosen = np.flatnonzero(which == part)
            local = rows[chosen] - self.starts[part]
            out[chosen] = vectors[np.sort(local if live is None else live[local])][np.argsort(np.argsort(local))]
        return out

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        stacked = self[np.arange(len(self))] if len(self) else np.zeros((0, self.dimension), np.float32)
        return stacked if dtype is None else stacked.astype(dtype)
