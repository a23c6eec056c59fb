"""Assembling a new index from the articles, reusing what the previous index already holds.

Each article is chunked, embedded and meeting-extracted inside its own guard: whatever fails for
one article skips that article, with one warning naming it and the reason, and the build goes on.
Errors the user can fix (a missing model) are not per-article: they stop the build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .articles import content_hash, describe_error
from .chunking import ChunkSettings, chunk_article, embedding_text
from .embedding import Embedder
from .errors import QAError
from .meetings_index import EXTRACTOR_VERSION, extract_records
from .models import Article, BuildReport, Chunk
from .retrieval import tokenize
from .store import IndexData, new_manifest

Progress = Callable[[int, int, str], None]
Warn = Callable[[str], None]
EMBED_BATCH = 128


@dataclass
class _Plan:
    article: Article
    digest: str
    change: str  # "added", "updated" or "unchanged"
    rows: list[int] | None = None  # rows of the previous index reused (unchanged articles)
    chunks: list[Chunk] = field(default_factory=list)
    terms: list[list[str]] = field(default_factory=list)
    vectors: np.ndarray | None = None
    failed: bool = False


@dataclass
class IndexBuilder:
    embedder: Embedder
    chunking: ChunkSettings
    extract_meetings: bool
    seeds_dir: str
    notify: Progress
    warn: Warn

    def assemble(
        self, articles: list[Article], previous: IndexData | None, report: BuildReport
    ) -> IndexData:
        plans = self._plan(articles, previous)
        fresh = [plan for plan in plans if plan.rows is None]
        for plan in fresh:
            self._guard(plan, "chunking", self._chunk, plan)
        self._embed([plan for plan in fresh if not plan.failed])
        meetings = self._meetings(plans, previous)
        kept = [plan for plan in plans if not plan.failed]
        old_ids = set(previous.manifest["articles"]) if previous is not None else set()
        kept_ids = {plan.article.id for plan in kept}
        for change in ("added", "updated", "unchanged"):
            setattr(report, change, sum(1 for plan in kept if plan.change == change))
        report.removed = len(old_ids - kept_ids)
        report.embedded_chunks = sum(len(plan.chunks) for plan in kept if plan.rows is None)
        return self._data(kept, previous, {k: v for k, v in meetings.items() if k in kept_ids}, report)

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
            where = plan.article.source or plan.article.id
            self.warn(f"skipped {plan.article.id} ({where}): {stage} failed: {describe_error(error)}")

    def _plan(self, articles: list[Article], previous: IndexData | None) -> list[_Plan]:
        old_rows: dict[str, list[int]] = {}
        old_hashes: dict[str, str] = {}
        if previous is not None:
            for row, chunk in enumerate(previous.chunks):
                old_rows.setdefault(chunk.article_id, []).append(row)
            old_hashes = {k: v["hash"] for k, v in previous.manifest["articles"].items()}
        plans: list[_Plan] = []
        for article in articles:
            plan = _Plan(article, "", "added")
            plan.digest = self._guard(plan, "hashing", content_hash, article) or ""
            if plan.failed:
                continue
            if old_hashes.get(article.id) == plan.digest:
                plan.change, plan.rows = "unchanged", old_rows.get(article.id, [])
            elif article.id in old_hashes:
                plan.change = "updated"
            plans.append(plan)
        return plans

    def _chunk(self, plan: _Plan) -> None:
        plan.chunks = chunk_article(plan.article, self.chunking)
        plan.terms = tokenize([chunk.text for chunk in plan.chunks]) if plan.chunks else []

    def _embed(self, plans: list[_Plan]) -> None:
        texts = [(plan, embedding_text(plan.article, chunk)) for plan in plans for chunk in plan.chunks]
        vectors = np.zeros((len(texts), self.embedder.dimension), dtype=np.float32)
        # Batches of similar length waste little on padding; the order is restored after.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i][1]))
        for start in range(0, len(texts), EMBED_BATCH):
            self.notify(start, len(texts), "embedding passages")
            rows = order[start : start + EMBED_BATCH]
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
        self.notify(len(texts), len(texts), "embedding passages")
        cursor = 0
        for plan in plans:
            plan.vectors = vectors[cursor : cursor + len(plan.chunks)]
            cursor += len(plan.chunks)

    def _meetings(self, plans: list[_Plan], previous: IndexData | None) -> dict[str, list[dict]]:
        if not self.extract_meetings:
            return {}
        # Records from an older extractor are redone (no re-embedding needed for that).
        built = (previous.manifest.get("meetings") or {}) if previous is not None else {}
        reuse = bool(built.get("extracted")) and built.get("extractor") == EXTRACTOR_VERSION
        meetings: dict[str, list[dict]] = {}
        todo: dict[str, _Plan] = {}
        for plan in plans:
            if plan.failed:
                continue
            if plan.rows is not None and reuse:
                if plan.article.id in previous.meetings:
                    meetings[plan.article.id] = previous.meetings[plan.article.id]
            else:
                todo[plan.article.id] = plan
        if todo:
            total = len(todo)
            self.notify(0, total, "finding meetings")
            meetings.update(extract_records(
                [plan.article for plan in todo.values()],
                lambda done: self.notify(done, total, "finding meetings"),
                on_error=lambda article, error: self._fail(todo[article.id], "finding meetings", error),
            ))
        return meetings

    def _data(
        self, plans: list[_Plan], previous: IndexData | None, meetings: dict[str, list[dict]],
        report: BuildReport,
    ) -> IndexData:
        chunks: list[Chunk] = []
        terms: list[list[str]] = []
        vector_rows: list[np.ndarray] = []
        manifest_articles: dict[str, dict] = {}
        for plan in plans:
            if plan.rows is None:
                chunks.extend(plan.chunks)
                terms.extend(plan.terms)
                vector_rows.append(plan.vectors)
            else:
                assert previous is not None
                chunks.extend(previous.chunks[r] for r in plan.rows)
                terms.extend(previous.terms[r] for r in plan.rows)
                vector_rows.append(previous.vectors[plan.rows])
            article = plan.article
            manifest_articles[article.id] = {
                "hash": plan.digest, "chunks": len(plan.rows if plan.rows is not None else plan.chunks),
                "title": article.title, "date": article.date, "source": article.source,
            }
        report.articles = len(plans)
        report.chunks = len(chunks)
        dimension = self.embedder.dimension
        vectors = (
            np.vstack(vector_rows).astype(np.float32)
            if vector_rows else np.zeros((0, dimension), dtype=np.float32)
        )
        manifest = new_manifest(
            model=self.embedder.name, dimension=dimension, chunking=self.chunking.to_dict(),
            articles=manifest_articles, chunks=len(chunks), seeds_dir=self.seeds_dir,
            extras={"meetings": {"extracted": self.extract_meetings,
                                 "extractor": EXTRACTOR_VERSION if self.extract_meetings else None,
                                 "records": sum(len(v) for v in meetings.values())}},
        )
        return IndexData(
            manifest=manifest, articles={plan.article.id: plan.article for plan in plans},
            chunks=chunks, vectors=vectors, terms=terms, meetings=meetings,
        )
