"""Assembling what a build adds to the index, reusing what the live index already holds.

Each article is chunked, embedded and meeting-extracted inside its own guard: whatever fails for
one article skips that article, with one warning naming it and the reason, and the build goes on.
Errors the user can fix (a missing model) are not per-article: they stop the build.

The result is a manifest (every article, new ones pointing at the segment about to be written,
unchanged ones at the rows they already have) and the content of that one new segment.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .articles import content_hash, describe_error
from .chunking import ChunkSettings, chunk_article, embedding_text
from .embedding import Embedder
from .errors import QAError
from .ingest.duplicates import signatures_of
from .meetings_index import EXTRACTOR_VERSION, extract_records
from .models import Article, BuildReport, Chunk
from .resume import EmbeddingScratch, RecordsScratch, article_key, text_key
from .retrieval import DEFAULT_FUSION, indexed_terms, tokenize
from .segments import SegmentContent
from .store import NEW_SEGMENT, new_manifest

Progress = Callable[[int, int, str], None]
Warn = Callable[[str], None]
EMBED_BATCH = 128
KEYWORD = {"title_terms": DEFAULT_FUSION.title_terms}  # how segment BM25s are built


def _id(plan: _Plan) -> str:
    return plan.article.id if plan.article is not None else plan.kept["id"]


class _Stopped(Exception):
    """The embedding failed or was interrupted: the meetings worker stops too."""


@dataclass
class _Plan:
    article: Article | None  # None: an article of an unchanged file, not read (``kept`` holds it)
    digest: str
    change: str  # "added", "updated" or "unchanged"
    kept: dict[str, Any] | None = None  # the live manifest's entry, reused (unchanged articles)
    chunks: list[Chunk] = field(default_factory=list)
    terms: list[list[str]] = field(default_factory=list)
    vectors: np.ndarray | None = None
    meetings: str | None = None  # segment holding its meeting records
    records: int = 0
    failed: bool = False


@dataclass
class IndexBuilder:
    embedder: Embedder
    chunking: ChunkSettings
    extract_meetings: bool
    seeds_dir: str
    notify: Progress
    warn: Warn
    scratch: EmbeddingScratch | None = None
    vector_index: str = "exact"  # or "ivf" (qa.ann)
    records_scratch: RecordsScratch | None = None

    def assemble(
        self, articles: list[Article], previous: dict[str, Any] | None, report: BuildReport,
        unread: Sequence[str] = (), files: dict[str, dict] | None = None,
    ) -> tuple[dict[str, Any], SegmentContent]:
        """The new manifest and the one segment to write; ``previous`` is the live manifest.
        ``unread`` are ids of articles the live index holds, whose files were not read; ``files``
        is the manifest's map of article files (``qa.gather``)."""
        old = (previous or {}).get("articles", {})
        plans = self._plan(articles, previous)
        plans += [_Plan(None, old[i]["hash"], "unchanged", {**old[i], "id": i}) for i in unread]
        plans.sort(key=lambda plan: _id(plan))
        fresh = [plan for plan in plans if plan.kept is None]
        for plan in fresh:
            self._guard(plan, "chunking", self._chunk, plan)
        meetings = self._meetings_alongside(
            plans, previous, lambda: self._embed([plan for plan in fresh if not plan.failed], report))
        kept = [plan for plan in plans if not plan.failed]
        kept_ids = {_id(plan) for plan in kept}
        for change in ("added", "updated", "unchanged"):
            setattr(report, change, sum(1 for plan in kept if plan.change == change))
        report.removed = len(set((previous or {}).get("articles", {})) - kept_ids)
        report.embedded_chunks = sum(len(plan.chunks) for plan in kept if plan.kept is None)
        return self._result(kept, {k: v for k, v in meetings.items() if k in kept_ids}, report, files or {})

    def _guard(self, plan: _Plan, stage: str, step: Callable, *args) -> object:
        """Run one step for one article; a failure marks the article skipped, with one warning."""
        try:
            return step(*args)
        except QAError:
            raise
        except Exception as error:  # noqa: BLE001 - one bad article never stops the build
            self._fail(plan, stage, error)
            return None

    def _fail(self, plan: _Plan, stage: str, error: BaseException) -> None:
        if not plan.failed:
            plan.failed = True
            where = (plan.article.source if plan.article else plan.kept.get("source")) or _id(plan)
            self.warn(f"skipped {_id(plan)} ({where}): {stage} failed: {describe_error(error)}")

    def _plan(self, articles: list[Article], previous: dict[str, Any] | None) -> list[_Plan]:
        old = (previous or {}).get("articles", {})
        plans: list[_Plan] = []
        for article in articles:
            plan = _Plan(article, "", "added")
            plan.digest = self._guard(plan, "hashing", content_hash, article) or ""
            if plan.failed:
                continue
            if article.id in old and old[article.id]["hash"] == plan.digest:
                plan.change, plan.kept = "unchanged", old[article.id]
            elif article.id in old:
                plan.change = "updated"
            plans.append(plan)
        return plans

    def _chunk(self, plan: _Plan) -> None:
        plan.chunks = chunk_article(plan.article, self.chunking)
        plan.terms = tokenize([chunk.text for chunk in plan.chunks]) if plan.chunks else []

    def _embed(self, plans: list[_Plan], report: BuildReport) -> None:
        texts = [(plan, embedding_text(plan.article, chunk)) for plan in plans for chunk in plan.chunks]
        keys = [text_key(text) for _, text in texts]
        vectors = np.zeros((len(texts), self.embedder.dimension), dtype=np.float32)
        saved = self.scratch.read() if self.scratch else {}
        todo = [i for i, key in enumerate(keys) if key not in saved]
        for i in set(range(len(texts))) - set(todo):
            vectors[i] = saved[keys[i]]
        report.resumed_chunks = len(texts) - len(todo)
        # Batches of similar length waste little on padding; the order is restored after.
        todo.sort(key=lambda i: len(texts[i][1]))
        for start in range(0, len(todo), EMBED_BATCH):
            self.notify(report.resumed_chunks + start, len(texts), "embedding passages")
            rows = todo[start : start + EMBED_BATCH]
            try:
                vectors[rows] = self.embedder.encode([texts[i][1] for i in rows])
            except QAError:
                raise
            except Exception:  # noqa: BLE001 - find the article at fault, one text at a time
                for i in rows:
                    plan = texts[i][0]
                    encoded = self._guard(plan, "embedding", self.embedder.encode, [texts[i][1]])
                    if encoded is not None:
                        vectors[i] = encoded[0]
            if self.scratch:
                done = [i for i in rows if not texts[i][0].failed]
                self.scratch.append([keys[i] for i in done], vectors[done])
        self.notify(len(texts), len(texts), "embedding passages")
        cursor = 0
        for plan in plans:
            plan.vectors = vectors[cursor : cursor + len(plan.chunks)]
            cursor += len(plan.chunks)

    def keeps_records_of(self, previous: dict[str, Any] | None) -> bool:
        """Whether unchanged articles keep their meeting records: records from an older extractor
        are redone (no re-embedding needed for that), so every article must then be read."""
        if not self.extract_meetings:
            return True
        built = (previous or {}).get("meetings") or {}
        return bool(built.get("extracted")) and built.get("extractor") == EXTRACTOR_VERSION

    def _meetings_alongside(self, plans: list[_Plan], previous: dict[str, Any] | None,
                            embed: Callable[[], None]) -> dict[str, list[dict]]:
        """Meeting extraction in a worker thread while ``embed`` runs here.

        ONNX Runtime releases the GIL while it encodes, and its threads idle between operators:
        the parser fills those gaps, so the build costs little more than the embedding alone.
        The worker reports progress only through this thread, and stops at its next batch if
        the embedding fails or is interrupted.
        """
        if not self.extract_meetings:
            embed()
            return {}
        progress = {"done": 0, "total": 0}
        stop = threading.Event()

        def counted(done: int, total: int) -> None:
            if stop.is_set():
                raise _Stopped
            progress.update(done=done, total=total)

        with ThreadPoolExecutor(1, thread_name_prefix="qa-meetings") as pool:
            future = pool.submit(self._meetings, plans, previous, counted)
            try:
                embed()
            except BaseException:
                stop.set()
                raise
            while True:
                try:
                    return future.result(timeout=0.25)
                except FutureTimeout:
                    self.notify(progress["done"], progress["total"], "finding meetings")

    def _meetings(self, plans: list[_Plan], previous: dict[str, Any] | None,
                  progress: Callable[[int, int], None]) -> dict[str, list[dict]]:
        reuse = self.keeps_records_of(previous)
        todo: dict[str, _Plan] = {}
        for plan in plans:
            if plan.failed:
                continue
            if plan.kept is not None and (reuse or plan.article is None):
                plan.meetings, plan.records = plan.kept.get("meetings"), plan.kept.get("records", 0)
            else:
                todo[plan.article.id] = plan
        if not todo:
            return {}
        # Records a killed build had extracted already (same article, same text) are kept.
        saved = self.records_scratch.read() if self.records_scratch else {}
        found = {i: saved[key] for i, plan in todo.items() if (key := article_key(i, plan.digest)) in saved}
        left = [plan.article for i, plan in todo.items() if i not in found]
        total = len(left)
        progress(0, total)
        found.update(extract_records(
            left, lambda done: progress(done, total),
            on_error=lambda article, error: self._fail(todo[article.id], "finding meetings", error),
            on_batch=self._keep_records(todo),
        ))
        found = {i: records for i, records in found.items() if records}
        for article_id, records in found.items():
            todo[article_id].meetings, todo[article_id].records = NEW_SEGMENT, len(records)
        return found

    def _keep_records(self, todo: dict[str, _Plan]) -> Callable[[dict[str, list[dict]]], None] | None:
        if self.records_scratch is None:
            return None
        scratch = self.records_scratch
        return lambda batch: scratch.append({article_key(i, todo[i].digest): r for i, r in batch.items()})

    def _result(
        self, plans: list[_Plan], meetings: dict[str, list[dict]], report: BuildReport, files: dict[str, dict]
    ) -> tuple[dict[str, Any], SegmentContent]:
        chunks: list[Chunk] = []
        terms: list[list[str]] = []
        vectors: list[np.ndarray] = []
        new_articles: dict[str, Article] = {}
        entries: dict[str, dict] = {}
        for plan in plans:
            article = plan.article
            if plan.kept is None:
                place = {"segment": NEW_SEGMENT, "row": len(chunks), "chunks": len(plan.chunks)}
                chunks.extend(plan.chunks)
                terms.extend(plan.terms)
                vectors.append(plan.vectors)
                new_articles[article.id] = article
            else:
                place = {key: plan.kept[key] for key in ("segment", "row", "chunks")}
            if article is None:
                described = {k: v for k, v in plan.kept.items() if k in ("title", "date", "source", "copy_ids")}
            else:
                described = {"title": article.title, "date": article.date, "source": article.source}
                if article.copy_ids:
                    described["copy_ids"] = list(article.copy_ids)
            entries[_id(plan)] = {"hash": plan.digest, **described, **place,
                                  "meetings": plan.meetings, "records": plan.records}
        report.articles = len(plans)
        report.chunks = sum(entry["chunks"] for entry in entries.values())
        dimension = self.embedder.dimension
        manifest = new_manifest(
            model=self.embedder.name, dimension=dimension, chunking=self.chunking.to_dict(),
            articles=entries, chunks=report.chunks, seeds_dir=self.seeds_dir,
            extras={"keyword": KEYWORD, "vectors": {"index": self.vector_index}, "files": files,
                    "meetings": {"extracted": self.extract_meetings,
                                 "extractor": EXTRACTOR_VERSION if self.extract_meetings else None,
                                 "records": sum(entry["records"] for entry in entries.values())}},
        )
        content = SegmentContent(
            chunks=chunks, terms=terms,
            keyword_terms=indexed_terms(chunks, terms, new_articles, KEYWORD["title_terms"]),
            vectors=np.vstack(vectors) if vectors else np.zeros((0, dimension), dtype=np.float32),
            articles=list(new_articles.values()), meetings=meetings, vector_index=self.vector_index,
            signatures=signatures_of(list(new_articles.values())),
        )
        return manifest, content
