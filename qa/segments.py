"""Segments: the immutable pieces an index is made of, one folder each.

    segments/seg-<time>-<pid>/  vectors.npy    (rows, dimension) float32, L2-normalised
                                rows.npy       (rows, 4) int32: article line, paragraph, start, end
                                chunks.jsonl   one passage a line, in row order
                                terms.jsonl    its BM25 tokens
                                articles.jsonl the articles whose passages start here
                                articles.index.json  their ids and the byte offset of each line
                                minhash.npy    their MinHash signatures (near-duplicates of
                                               articles added later are found without reading)
                                meetings.jsonl meeting records extracted in this build
                                bm25/          keyword index of these rows, headline words
                                               added (bm25s, memory-mapped)
                                vectors.ivf    IVF-PQ of the vectors, when asked for (qa.ann)

A build writes only what changed as one new segment; the manifest names the live segments and
which of their rows are still live. ``SegmentStore`` is the seam: another backend (SQLite, an
object store) replaces this class and keeps the manifest logic. Loading reads ``rows.npy`` and
the article index; an article is parsed when asked for (``qa.index_data``); vectors and BM25
are memory-mapped. ``chunks.jsonl`` is kept for tools and for segments older than ``rows.npy``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .ann import IVF_FILE, IVF_MIN_ROWS, read_ivf, train_ivf, write_ivf
from .models import Article, Chunk

VECTORS = "vectors.npy"
CHUNKS = "chunks.jsonl"
TERMS = "terms.jsonl"
ARTICLES = "articles.jsonl"
ARTICLE_INDEX = "articles.index.json"
ROWS = "rows.npy"
SIGNATURES = "minhash.npy"
MEETINGS = "meetings.jsonl"
BM25 = "bm25"


@dataclass
class SegmentContent:
    """What one build adds: the rows of new passages and the records of new articles."""

    chunks: list[Chunk]
    terms: list[list[str]]  # BM25 tokens of each chunk
    keyword_terms: list[list[str]]  # what the segment's BM25 indexes (headline words added)
    vectors: np.ndarray
    articles: list[Article]
    meetings: dict[str, list[dict]]  # article id -> records
    vector_index: str = "exact"  # or "ivf": an IVF-PQ for a segment this large (qa.ann)
    signatures: np.ndarray | None = None  # MinHash of each article (qa.ingest.duplicates)

    def empty(self) -> bool:
        return not (self.chunks or self.articles or self.meetings)


class SegmentStore:
    """Reads and writes segment folders under ``root``; knows nothing of manifests."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, name: str) -> Path:
        return self.root / name

    def write(self, name: str, content: SegmentContent) -> dict[str, dict[str, Any]]:
        """Write a segment (staged, fsynced, renamed); returns each file's size and checksum."""
        self.root.mkdir(parents=True, exist_ok=True)
        staging = self.root / f".tmp-{name}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        try:
            np.save(staging / VECTORS, np.ascontiguousarray(content.vectors, dtype=np.float32))
            write_jsonl(staging / CHUNKS, (c.to_dict() for c in content.chunks))
            write_jsonl(staging / TERMS, content.terms)
            offsets = write_jsonl(staging / ARTICLES, (a.to_dict() for a in content.articles))
            ids = [a.id for a in content.articles]
            (staging / ARTICLE_INDEX).write_text(to_json({"ids": ids, "offsets": offsets}), encoding="utf-8")
            np.save(staging / ROWS, row_table(content.chunks, ids))
            if content.signatures is not None:
                np.save(staging / SIGNATURES, np.asarray(content.signatures, dtype=np.uint64))
            if content.vector_index == "ivf" and len(content.vectors) >= IVF_MIN_ROWS:
                write_ivf(train_ivf(content.vectors), staging / IVF_FILE)
            write_jsonl(staging / MEETINGS, (r for records in content.meetings.values() for r in records))
            if any(content.keyword_terms):
                _keyword_index(content.keyword_terms).save(str(staging / BM25), show_progress=False)
            files = {rel: file_digest(staging / rel) for rel in _files(staging)}
            for rel in files:
                fsync_path(staging / rel)
            fsync_path(staging / BM25)
            fsync_path(staging)
            os.replace(staging, self.root / name)
            fsync_path(self.root)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return files

    def remove_except(self, keep: set[str]) -> None:
        """Drop segments no manifest names any more (and staging left by a crashed build)."""
        if not self.root.is_dir():
            return
        for entry in self.root.iterdir():
            if entry.is_dir() and entry.name not in keep:
                shutil.rmtree(entry, ignore_errors=True)

    # ----- reading (errors are the caller's to turn into one line) ---------------------------

    def check_sizes(self, name: str, files: dict[str, dict[str, Any]]) -> str | None:
        """The first file that is missing or of the wrong size: a stat each, no reading."""
        for rel, expected in files.items():
            try:
                size = (self.root / name / rel).stat().st_size
            except OSError:
                return f"{name}/{rel} is missing"
            if size != (expected or {}).get("bytes"):
                return f"{name}/{rel} is truncated or altered"
        return None

    def check_digests(self, name: str, files: dict[str, dict[str, Any]]) -> str | None:
        """The first file whose checksum differs from the one written: reads every byte."""
        for rel, expected in files.items():
            if file_digest(self.root / name / rel) != expected:
                return f"{name}/{rel} is missing, truncated or altered"
        return None

    def vectors(self, name: str) -> np.ndarray:
        return np.load(self.root / name / VECTORS, mmap_mode="r", allow_pickle=False)

    def chunks(self, name: str) -> list[Chunk]:
        return [Chunk.from_dict(c) for c in read_jsonl(self.root / name / CHUNKS)]

    def article_index(self, name: str) -> tuple[list[str], list[int]]:
        """Ids of the segment's articles and the byte offset of each one's line."""
        path = self.root / name / ARTICLE_INDEX
        if not path.exists():  # a segment written before the index existed
            return _scan_articles(self.root / name / ARTICLES)
        index = json.loads(path.read_text(encoding="utf-8"))
        if len(index["ids"]) != len(index["offsets"]):
            raise ValueError(f"{name}/{ARTICLE_INDEX}")
        return list(index["ids"]), [int(o) for o in index["offsets"]]

    def articles_path(self, name: str) -> Path:
        return self.root / name / ARTICLES

    def rows(self, name: str, article_ids: list[str]) -> np.ndarray:
        """(rows, 4) int32: article line (into ``article_ids``), paragraph, start, end."""
        path = self.root / name / ROWS
        if not path.exists():  # a segment written before rows.npy existed
            return row_table(self.chunks(name), article_ids)
        table = np.load(path, allow_pickle=False)
        if table.ndim != 2 or table.shape[1] != 4:
            raise ValueError(f"{name}/{ROWS}")
        return table

    def terms(self, name: str) -> list[list[str]]:
        return [list(t) for t in read_jsonl(self.root / name / TERMS)]

    def articles(self, name: str) -> list[Article]:
        return [Article.from_dict(a) for a in read_jsonl(self.root / name / ARTICLES)]

    def meetings(self, name: str) -> list[dict]:
        return list(read_jsonl(self.root / name / MEETINGS))

    def signatures(self, name: str) -> np.ndarray | None:
        """MinHash of each article of ``articles.jsonl``, in its order; None if not written."""
        path = self.root / name / SIGNATURES
        return np.load(path, mmap_mode="r", allow_pickle=False) if path.exists() else None

    def ivf(self, name: str):
        """The segment's IVF-PQ, or None for a segment searched exactly."""
        path = self.root / name / IVF_FILE
        return read_ivf(path) if path.exists() else None

    def keyword_index(self, name: str):
        """The segment's BM25, memory-mapped; None for a segment without any terms."""
        folder = self.root / name / BM25
        if not folder.is_dir():
            return None
        import bm25s

        return bm25s.BM25.load(str(folder), mmap=True, show_progress=False)


def keyword_index(terms: list[list[str]]):
    """A BM25 over token lists, or None when there is not a single token to index."""
    return _keyword_index(terms) if any(terms) else None


def _keyword_index(terms: list[list[str]]):
    import bm25s

    index = bm25s.BM25()
    index.index(terms, show_progress=False)
    return index


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def file_digest(path: Path) -> dict[str, Any] | None:
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


def row_table(chunks: list[Chunk], article_ids: list[str]) -> np.ndarray:
    line = {article_id: i for i, article_id in enumerate(article_ids)}
    return np.array([(line[c.article_id], c.paragraph, c.start, c.end) for c in chunks],
                    dtype=np.int32).reshape(-1, 4)


def _scan_articles(path: Path) -> tuple[list[str], list[int]]:
    ids, offsets = [], []
    with open(path, "rb") as handle:
        offset = 0
        for line in handle:
            if line.strip():
                ids.append(json.loads(line)["id"])
                offsets.append(offset)
            offset += len(line)
    return ids, offsets


def read_jsonl(path: Path) -> Iterable[Any]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def write_jsonl(path: Path, rows: Iterable[Any]) -> list[int]:
    """Write one JSON value a line; returns the byte offset of each line."""
    offsets = []
    with open(path, "wb") as handle:
        for row in rows:
            offsets.append(handle.tell())
            handle.write(to_json(row).encode("utf-8"))
            handle.write(b"\n")
    return offsets


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def to_json(value: Any, **options: Any) -> str:
    """JSON as UTF-8 text; a lone surrogate (which UTF-8 cannot hold) is written as a \\u escape,
    so that whatever was indexed reads back exactly."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return json.dumps(value, **options) if _SURROGATE.search(text) else text


def fsync_path(path: Path) -> None:
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
