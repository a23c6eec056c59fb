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

from .answer.question import question_parts
from .articles import check_seeds_folder
from .chunking import ChunkSettings
from .embedding import DEFAULT_MODEL, Embedder, embedder_for
from .errors import IndexFormatError, IndexMissingError, NoArticlesError, QAError
from .index_build import KEYWORD, IndexBuilder, Progress
from .gather import gather
from .meetings.query import Event, filter_meetings, group_meetings
from .meetings.records import Meeting
from .models import MAX_QUESTION_CHARS, Answer, Article, BuildReport, Passage, Turn, changes_text, cited_evidence
from .meetings_index import EXTRACTOR_VERSION
from .resume import EmbeddingScratch, RecordsScratch
from .retrieval import Filters, HybridRetriever
from .store import IndexData, IndexStore, age_text, vector_index_of


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
        backend: str | None = None,
        vector_index: str | None = None,
        answerer=None,
    ) -> None:
        self.seeds_dir = Path(seeds_dir)
        self.index_dir = Path(index_dir)
        self.embedder = embedder or embedder_for(model, backend)
        self.chunking = chunking
        self.extract_meetings = meetings
        self.vector_index = vector_index  # None: what the index records, else exact search
        self.store = IndexStore(self.index_dir)
        self._retriever: HybridRetriever | None = None
        self._answerer = answerer  # an AnswerPipeline; the shipped one, made on first use, when None
        self._answerer_lock = threading.Lock()
        self._swap_lock = threading.Lock()  # one of build and refresh installs an index at a time
        self._refused: Path | None = None  # a newer generation that failed to load, not retried

    # ----- loading -----------------------------------------------------------------------------

    @property
    def data(self) -> IndexData:
        if self._retriever is None:
            raise IndexMissingError(f"no index loaded from {self.index_dir}")
        return self._retriever.data

    def load(self, progress: Progress | None = None) -> BuildReport | None:
        """Load the index, building it from the seeds first when there is none yet, or when
        it was built by another version of qa or with another model.

        Returns the build report when it had to build.
        """
        report = None
        if self.store.exists():
            try:
                self.load_index()
            except IndexFormatError:
                if not self.seeds_dir.is_dir():
                    raise
                # Built by another version of qa or another model: the articles are all here,
                # so build it anew (the old index stays live until the new one is written).
                report = self.build(full=True, progress=progress)
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
        with self.store.lock():
            previous = None if full else self._previous_manifest(warn)
            scratch = EmbeddingScratch(self.index_dir, self.embedder.name, self.embedder.dimension)
            vector_index = self.vector_index or self._recorded_vector_index()
            builder = IndexBuilder(self.embedder, self.chunking, self.extract_meetings,
                                   str(self.seeds_dir), notify, warn, scratch, vector_index,
                                   records_scratch=RecordsScratch(self.index_dir, EXTRACTOR_VERSION))
            notify(0, 0, f"reading articles in {self.seeds_dir}")
            unchanged_kept = previous if builder.keeps_records_of(previous) else None
            gathered = gather(self.seeds_dir, unchanged_kept, self.store, warn)
            if not gathered.articles and not gathered.unread:
                raise NoArticlesError(
                    f"no articles in {self.seeds_dir}: add .txt, .md, .html, .jsonl or .rss files "
                    "there (or run: qa add PATH|URL), then run: qa index build"
                )
            report.duplicates = gathered.duplicates
            manifest, content = builder.assemble(gathered.articles, previous, report, gathered.unread,
                                                 gathered.files)
            if not manifest["articles"]:
                raise NoArticlesError(
                    f"none of the articles in {self.seeds_dir} could be indexed (see the warnings)"
                )
            notify(1, 1, "writing the index")
            with self._swap_lock:
                self.store.commit(manifest, content)
                scratch.clear()
                builder.records_scratch.clear()
                # Compaction also gives old segments the dense index newly asked for.
                if self.store.needs_compaction() or vector_index_of(previous) != vector_index and previous:
                    notify(1, 1, "compacting the index")
                    try:
                        self.store.compact(self.embedder.name)
                    except QAError as error:  # the build is committed; compaction waits
                        warn(f"compaction postponed to the next build: {error}")
                data = self.store.load(self.embedder.name)
                self._install(data)
        report.seconds = time.perf_counter() - started
        return report

    def refresh(self) -> str | None:
        """Switch to a newer index that another process (``qa index watch``, ``qa index build``)
        made live, and say what changed ("2 new articles, 1 changed"); None when there is none.

        Questions asked meanwhile are answered from the index loaded before."""
        if self._retriever is None or not self._swap_lock.acquire(blocking=False):
            return None  # nothing loaded yet, or a build of this engine is installing its own
        try:
            live = _safe_live(self.store)
            old = self._retriever.data
            if live is None or live == old.path or live == self._refused:
                return None
            try:
                data = self.store.load(self.embedder.name)
            except QAError:
                self._refused = live
                raise
            self._install(data)
        finally:
            self._swap_lock.release()
        return changes_between(old.manifest, data.manifest)

    def _recorded_vector_index(self) -> str:
        try:
            return vector_index_of(self.store.read_manifest())
        except QAError:
            return "exact"

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
        # "Who is X, and what does he run?": each part in turn, the later ones about the first's
        # answer (split before the conversation so far is read, so "he" is not someone before)
        first, *others = question_parts(answerer.resolve(question, ()))
        resolved = answerer.resolve(first, history)
        answer = self._answer(resolved, k, filters, retriever)
        if others and answer.found:
            for part in others:
                asked = answerer.resolve(part, [*history, Turn(resolved, answer)])
                answer.parts.append(self._answer(asked, k, filters, retriever))
        elif others:
            answer = self._answer(answerer.resolve(question, history), k, filters, retriever)
        answer.question = question
        return answer

    def _answer(self, question: str, k: int, filters: Filters, retriever: HybridRetriever) -> Answer:
        passages = self.search(question, k=max(k, 1), filters=filters, retriever=retriever)
        return self._get_answerer().answer(question, passages, retriever.data)

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

    def meeting_events(self, person: str | None = None, place: str | None = None,
                       since: str | None = None, until: str | None = None) -> list[Event]:
        """The meetings matching the filters, one event per meeting across articles, by date."""
        records = [Meeting.from_dict(record) for record in self.meetings()]
        found = filter_meetings(records, person=person, place=place, since=since, until=until)
        return group_meetings(found)

    def cited(self, evidence: dict) -> dict:
        """An evidence sentence of a meeting with its article's title, date and citation."""
        return cited_evidence(evidence, self.data.articles)


def changes_between(old: dict, new: dict) -> str:
    """What a new index's manifest says changed since an older one's, by article hash."""
    before, after = old.get("articles") or {}, new.get("articles") or {}
    changed = sum(1 for key in after.keys() & before.keys() if after[key].get("hash") != before[key].get("hash"))
    return changes_text(len(after.keys() - before.keys()), changed, len(before.keys() - after.keys()))


def _safe_live(store: IndexStore) -> Path | None:
    try:
        return store.live_path()
    except QAError:
        return None
