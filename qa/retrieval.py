"""Hybrid retrieval: dense (FAISS inner product) + keyword (BM25), fused by reciprocal rank."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .models import Passage
from .store import IndexData

RRF_K = 60  # the usual constant: damps the weight of the very first ranks
CANDIDATES = 50  # per retriever, before fusion and filtering


@dataclass(frozen=True)
class Filters:
    since: str | None = None  # ISO dates, inclusive
    until: str | None = None
    source: str | None = None  # article id / path prefix

    def active(self) -> bool:
        return bool(self.since or self.until or self.source)


def tokenize(texts: list[str]) -> list[list[str]]:
    """BM25 terms: lower-cased, stop words dropped, Snowball-stemmed."""
    import bm25s

    stemmer = _stemmer()
    tokenized = bm25s.tokenize(
        texts, stopwords="en", stemmer=stemmer, show_progress=False, return_ids=False
    )
    return [list(tokens) for tokens in tokenized]


_STEMMER = None


def _stemmer():
    global _STEMMER
    if _STEMMER is None:
        import Stemmer

        _STEMMER = Stemmer.Stemmer("english")
    return _STEMMER


class HybridRetriever:
    """Searches one IndexData; rebuilt (cheaply) whenever a new index is swapped in."""

    def __init__(self, data: IndexData) -> None:
        self.data = data
        self._bm25 = None
        if data.chunks:
            import bm25s

            self._bm25 = bm25s.BM25()
            self._bm25.index(data.terms, show_progress=False)
        self._chunk_dates = [data.articles[c.article_id].date for c in data.chunks]

    def search(
        self, query_vector: np.ndarray, query: str, k: int = 5, filters: Filters = Filters()
    ) -> list[Passage]:
        total = len(self.data.chunks)
        if total == 0 or k <= 0:
            return []
        allowed = self._allowed(filters)
        depth = min(total, max(CANDIDATES, k * 4))
        if filters.active():
            depth = total  # filters can exclude most of the top: look at everything allowed
        dense_ids = self._dense(query_vector, depth)
        keyword_ids = self._keyword(query, depth)
        fused: dict[int, float] = {}
        for ranking in (dense_ids, keyword_ids):
            rank = 0
            for chunk_id in ranking:
                if allowed is not None and chunk_id not in allowed:
                    continue
                fused[chunk_id] = fused.get(chunk_id, 0.0) + 1.0 / (RRF_K + rank + 1)
                rank += 1
        best = sorted(fused, key=lambda i: (-fused[i], i))[:k]
        # Scores shown to people are cosine similarities, also for chunks found by keywords only.
        query = np.asarray(query_vector, dtype=np.float32).reshape(-1)
        return [self._passage(i, float(self.data.vectors[i] @ query)) for i in best]

    def _dense(self, query_vector: np.ndarray, depth: int) -> list[int]:
        vector = np.ascontiguousarray(query_vector.reshape(1, -1), dtype=np.float32)
        _scores, ids = self.data.faiss_index.search(vector, depth)
        return [int(i) for i in ids[0] if i >= 0]

    def _keyword(self, query: str, depth: int) -> list[int]:
        if self._bm25 is None:
            return []
        terms = tokenize([query])[0]
        known = [t for t in terms if t in self._bm25.vocab_dict]
        if not known:
            return []
        ids, scores = self._bm25.retrieve([known], k=depth, show_progress=False, n_threads=1)
        return [int(i) for i, s in zip(ids[0], scores[0]) if s > 0]

    def _allowed(self, filters: Filters) -> set[int] | None:
        if not filters.active():
            return None
        allowed = set()
        prefix = (filters.source or "").strip("/")
        for i, chunk in enumerate(self.data.chunks):
            date = self._chunk_dates[i]
            if prefix and not chunk.article_id.startswith(prefix):
                continue
            if (filters.since or filters.until) and not date:
                continue
            if filters.since and date < filters.since:
                continue
            if filters.until and date > filters.until:
                continue
            allowed.add(i)
        return allowed

    def _passage(self, chunk_id: int, cosine: float) -> Passage:
        chunk = self.data.chunks[chunk_id]
        article = self.data.articles[chunk.article_id]
        return Passage(
            article=article.id, title=article.title, date=article.date,
            paragraph=chunk.paragraph, text=chunk.text, score=cosine,
            start=chunk.start, end=chunk.end,
        )
