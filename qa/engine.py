"""The engine: one object that the CLI and the chat drive. No UI code here.

    engine = Engine(seeds_dir="seeds", index_dir="index")
    engine.load()                       # model + index (built from the seeds on first use)
    answer = engine.ask("Who did Turkey's intelligence chief meet in Damascus?")
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from .articles import content_hash, read_articles
from .chunking import ChunkSettings, chunk_article, embedding_text
from .embedding import DEFAULT_MODEL, Embedder, embedder_for
from .errors import IndexMissingError, NoArticlesError, QAError
from .meetings_index import EXTRACTOR_VERSION, extract_records
from .models import MAX_QUESTION_CHARS, Answer, Article, BuildReport, Chunk, Turn
from .retrieval import Filters, HybridRetriever, tokenize
from .store import IndexData, IndexStore, age_text, new_manifest

Progress = Callable[[int, int, str], None]
EMBED_BATCH = 128


class Engine:
    def __init__(
        self,
        seeds_dir: str | Path = "seeds",
        index_dir: str | Path = "index",
        *,
        embedder: Embedder | None = None,
        model: str = DEFAULT_MODEL,
        chunking: ChunkSettings = ChunkSettings(),
        meetings: bool = True,
    ) -> None:
        self.seeds_dir = Path(seeds_dir)
        self.index_dir = Path(index_dir)
        self.embedder = embedder or embedder_for(model)
        self.chunking = chunking
        self.extract_meetings = meetings
        self.store = IndexStore(self.index_dir)
        self._retriever: HybridRetriever | None = None
        self._answerer = None
        self._answerer_lock = threading.Lock()

    # ----- loading -----------------------------------------------------------------------------

    @property
    def data(self) -> IndexData:
        if self._retriever is None:
            raise IndexMissingError(f"no index loaded from {self.index_dir}")
        return self._retriever.data

    def load(self, progress: Progress | None = None) -> BuildReport | None:
        """Load the index, building it from the seeds first when there is none yet.

        Returns the build report when it had to build.
        """
        report = None
        if self.store.exists():
            self.load_index()
        else:
            report = self.build(progress=progress)
        if progress:
            progress(0, 0, "loading the language models")
        self.warm_up()
        return report

    def load_index(self) -> None:
        """Load the built index only (no models): enough for meetings and articles."""
        self._install(self.store.load(self.embedder.name))

    def warm_up(self) -> None:
        """Load the embedding model and spaCy now, so the first question is answered quickly."""
        self.embedder.encode(["warm up"])
        self._get_answerer().warm_up()

    def _install(self, data: IndexData) -> None:
        # One attribute assignment: questions asked meanwhile see the old index or the new one.
        self._retriever = HybridRetriever(data)

    # ----- building ----------------------------------------------------------------------------

    def build(self, full: bool = False, progress: Progress | None = None) -> BuildReport:
        started = time.perf_counter()
        notify = progress or (lambda done, total, stage: None)
        notify(0, 0, f"reading articles in {self.seeds_dir}")
        result = read_articles(self.seeds_dir)
        report = BuildReport(skipped=list(result.warnings))
        if not result.articles:
            raise NoArticlesError(
                f"no articles in {self.seeds_dir}: add .txt, .md or .jsonl files there, "
                "then run: qa index build"
            )
        with self.store.lock():
            previous = None if full else self._previous_index(report)
            data = self._assemble(result.articles, previous, report, notify)
            notify(1, 1, "writing the index")
            self.store.write(data)
        self._install(data)
        report.seconds = time.perf_counter() - started
        return report

    def _previous_index(self, report: BuildReport) -> IndexData | None:
        if self._retriever is not None and self._retriever.data.path == _safe_live(self.store):
            previous = self._retriever.data
        else:
            try:
                previous = self.store.load(self.embedder.name)
            except IndexMissingError:
                return None
            except QAError as error:
                report.skipped.append(f"previous index not reused: {error}")
                return None
        if previous.manifest.get("chunking") != self.chunking.to_dict():
            return None
        return previous

    def _assemble(
        self, articles: list[Article], previous: IndexData | None, report: BuildReport,
        notify: Progress,
    ) -> IndexData:
        old_rows: dict[str, list[int]] = {}
        old_hashes: dict[str, str] = {}
        if previous is not None:
            for row, chunk in enumerate(previous.chunks):
                old_rows.setdefault(chunk.article_id, []).append(row)
            old_hashes = {k: v["hash"] for k, v in previous.manifest["articles"].items()}

        plans: list[tuple[Article, str, list[int] | None]] = []  # (article, hash, reused rows)
        for article in articles:
            digest = content_hash(article)
            if old_hashes.get(article.id) == digest:
                plans.append((article, digest, old_rows.get(article.id, [])))
                report.unchanged += 1
            else:
                plans.append((article, digest, None))
                if article.id in old_hashes:
                    report.updated += 1
                else:
                    report.added += 1
        current_ids = {a.id for a in articles}
        report.removed = sum(1 for article_id in old_hashes if article_id not in current_ids)

        fresh_chunks = {
            article.id: chunk_article(article, self.chunking)
            for article, _digest, rows in plans
            if rows is None
        }
        fresh = [(article, chunk) for article, _d, rows in plans if rows is None
                 for chunk in fresh_chunks[article.id]]
        fresh_vectors = self._embed([embedding_text(a, c) for a, c in fresh], notify)
        fresh_terms = tokenize([c.text for _a, c in fresh]) if fresh else []

        chunks: list[Chunk] = []
        terms: list[list[str]] = []
        vector_rows: list[np.ndarray] = []
        manifest_articles: dict[str, dict] = {}
        cursor = 0
        for article, digest, rows in plans:
            if rows is None:
                count = len(fresh_chunks[article.id])
                chunks.extend(fresh_chunks[article.id])
                terms.extend(fresh_terms[cursor : cursor + count])
                vector_rows.append(fresh_vectors[cursor : cursor + count])
                cursor += count
            else:
                assert previous is not None
                count = len(rows)
                chunks.extend(previous.chunks[r] for r in rows)
                terms.extend(previous.terms[r] for r in rows)
                vector_rows.append(previous.vectors[rows])
            manifest_articles[article.id] = {
                "hash": digest, "chunks": count, "title": article.title,
                "date": article.date, "source": article.source,
            }
        report.articles = len(articles)
        report.chunks = len(chunks)
        report.embedded_chunks = len(fresh)

        dimension = self.embedder.dimension
        vectors = (
            np.vstack(vector_rows).astype(np.float32)
            if vector_rows else np.zeros((0, dimension), dtype=np.float32)
        )
        article_map = {a.id: a for a in articles}
        meetings = self._meetings(plans, previous, notify)
        manifest = new_manifest(
            model=self.embedder.name, dimension=dimension, chunking=self.chunking.to_dict(),
            articles=manifest_articles, chunks=len(chunks), seeds_dir=str(self.seeds_dir),
            extras={"meetings": {"extracted": self.extract_meetings,
                                 "extractor": EXTRACTOR_VERSION if self.extract_meetings else None,
                                 "records": sum(len(v) for v in meetings.values())}},
        )
        return IndexData(
            manifest=manifest, articles=article_map, chunks=chunks, vectors=vectors,
            terms=terms, meetings=meetings,
        )

    def _embed(self, texts: list[str], notify: Progress) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.embedder.dimension), dtype=np.float32)
        # Batches of similar length waste little on padding; the order is restored after.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors = np.zeros((len(texts), self.embedder.dimension), dtype=np.float32)
        for start in range(0, len(texts), EMBED_BATCH):
            notify(start, len(texts), "embedding passages")
            rows = order[start : start + EMBED_BATCH]
            vectors[rows] = self.embedder.encode([texts[i] for i in rows])
        notify(len(texts), len(texts), "embedding passages")
        return vectors

    def _meetings(
        self, plans: list[tuple[Article, str, list[int] | None]], previous: IndexData | None,
        notify: Progress,
    ) -> dict[str, list[dict]]:
        if not self.extract_meetings:
            return {}
        # Records from an older extractor are redone (no re-embedding needed for that).
        built = (previous.manifest.get("meetings") or {}) if previous is not None else {}
        reuse = bool(built.get("extracted")) and built.get("extractor") == EXTRACTOR_VERSION
        meetings: dict[str, list[dict]] = {}
        todo: list[Article] = []
        for article, _digest, rows in plans:
            if rows is not None and reuse:
                if article.id in previous.meetings:
                    meetings[article.id] = previous.meetings[article.id]
            else:
                todo.append(article)
        if todo:

            notify(0, len(todo), "finding meetings")
            meetings.update(extract_records(todo, lambda done: notify(done, len(todo), "finding meetings")))
        return meetings

    # ----- asking ------------------------------------------------------------------------------

    def ask(
        self, question: str, k: int = 5, history: Sequence[Turn] = (),
        filters: Filters = Filters(),
    ) -> Answer:
        # Control characters (terminal escapes) never reach the model or a screen.
        printable = "".join(ch if ch.isprintable() else " " for ch in question)
        question = " ".join(printable.split())[:MAX_QUESTION_CHARS]
        if not question:
            raise QAError("the question is empty: type a question about the articles")
        if self._retriever is None:
            self.load()
        retriever = self._retriever
        assert retriever is not None
        answerer = self._get_answerer()
        resolved = answerer.resolve(question, history)
        vector = self.embedder.encode([resolved])[0]
        passages = retriever.search(vector, resolved, k=max(k, 1), filters=filters)
        answer = answerer.answer(resolved, passages, retriever.data)
        answer.question = question
        return answer

    def _get_answerer(self):
        with self._answerer_lock:
            if self._answerer is None:
                from .answer import AnswerPipeline

                self._answerer = AnswerPipeline()
            return self._answerer

    # ----- reading the index -------------------------------------------------------------------

    def status(self) -> str:
        data = self.data
        articles, chunks = len(data.articles), len(data.chunks)
        return (
            f"{articles} article{'s' if articles != 1 else ''} · "
            f"{chunks} passage{'s' if chunks != 1 else ''} · indexed {age_text(data.created_at)}"
        )

    def article(self, article_id: str) -> Article:
        try:
            return self.data.articles[article_id]
        except KeyError:
            raise QAError(f"no article {article_id!r} in the index") from None

    def meetings(self) -> list[dict]:
        return [record for records in self.data.meetings.values() for record in records]


def _safe_live(store: IndexStore) -> Path | None:
    try:
        return store.live_path()
    except QAError:
        return None
