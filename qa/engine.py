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

from .articles import check_seeds_folder, read_articles
from .chunking import ChunkSettings
from .embedding import DEFAULT_MODEL, Embedder, embedder_for
from .errors import IndexMissingError, NoArticlesError, QAError
from .index_build import KEYWORD, IndexBuilder, Progress
from .models import MAX_QUESTION_CHARS, Answer, Article, BuildReport, Passage, Turn
from .resume import EmbeddingScratch
from .retrieval import Filters, HybridRetriever
from .store import IndexData, IndexStore, age_text


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

    def build(
        self, full: bool = False, progress: Progress | None = None,
        on_warning: Callable[[str], None] | None = None,
    ) -> BuildReport:
        """Build (incrementally unless ``full``). Each warning goes to ``on_warning`` as it
        happens and into the report: a bad article is skipped, never the whole build."""
        started = time.perf_counter()
        notify = progress or (lambda done, total, stage: None)
        report = BuildReport()

        def warn(message: str) -> None:
            report.skipped.append(message)
            if on_warning is not None:
                on_warning(message)

        check_seeds_folder(self.seeds_dir)
        notify(0, 0, f"reading articles in {self.seeds_dir}")
        result = read_articles(self.seeds_dir, on_warning=warn)
        if not result.articles:
            raise NoArticlesError(
                f"no articles in {self.seeds_dir}: add .txt, .md or .jsonl files there, "
                "then run: qa index build"
            )
        with self.store.lock():
            previous = None if full else self._previous_manifest(warn)
            scratch = EmbeddingScratch(self.index_dir, self.embedder.name, self.embedder.dimension)
            builder = IndexBuilder(self.embedder, self.chunking, self.extract_meetings,
                                   str(self.seeds_dir), notify, warn, scratch)
            manifest, content = builder.assemble(result.articles, previous, report)
            if not manifest["articles"]:
                raise NoArticlesError(
                    f"none of the articles in {self.seeds_dir} could be indexed (see the warnings)"
                )
            notify(1, 1, "writing the index")
            self.store.commit(manifest, content)
            scratch.clear()
            if self.store.needs_compaction():
                notify(1, 1, "compacting the index")
                self.store.compact(self.embedder.name)
            data = self.store.load(self.embedder.name)
        self._install(data)
        report.seconds = time.perf_counter() - started
        return report

    def _previous_manifest(self, warn: Callable[[str], None]) -> dict | None:
        """The live manifest when its rows can be reused: same model, chunking and keyword
        index, and its files all there."""
        try:
            _path, manifest, _layout = self.store.usable_manifest(self.embedder.name)
        except IndexMissingError:
            return None
        except QAError as error:
            warn(f"previous index not reused: {error}")
            return None
        if manifest.get("chunking") != self.chunking.to_dict() or manifest.get("keyword") != KEYWORD:
            return None
        return manifest

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
        passages = self.search(resolved, k=max(k, 1), filters=filters, retriever=retriever)
        answer = answerer.answer(resolved, passages, retriever.data)
        answer.question = question
        return answer

    def search(self, question: str, k: int = 5, filters: Filters = Filters(),
               retriever: HybridRetriever | None = None) -> list[Passage]:
        """The best ``k`` passages for ``question`` (no reading): retrieval alone."""
        retriever = retriever or self._retriever
        if retriever is None:
            raise IndexMissingError(f"no index loaded from {self.index_dir}")
        return retriever.search(self.embedder.encode([question])[0], question, k=k, filters=filters)

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

