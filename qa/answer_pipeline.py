"""From retrieved passages to an answer: follow-up resolution, extraction, refusal."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .embedding import Embedder
from .models import Answer, Evidence, Passage, Turn
from .store import IndexData
from .text import sentence_spans

REFUSAL_THRESHOLD = 0.35  # cosine of the best evidence sentence below which the articles "don't say"


class AnswerPipeline:
    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def resolve(self, question: str, history: Sequence[Turn]) -> str:
        return question

    def answer(self, question: str, passages: list[Passage], data: IndexData) -> Answer:
        candidates: list[tuple[Passage, int, int]] = []
        for passage in passages:
            for start, end in sentence_spans(passage.text):
                candidates.append((passage, passage.start + start, passage.start + end))
        if not candidates:
            return Answer(question=question, answer="", evidence=None, passages=passages)
        texts = [data.articles[p.article].text[s:e] for p, s, e in candidates]
        vectors = self.embedder.encode([question, *texts])
        scores = vectors[1:] @ vectors[0]
        best = int(np.argmax(scores))
        passage, start, end = candidates[best]
        confidence = float(scores[best])
        if confidence < REFUSAL_THRESHOLD:
            return Answer(question=question, answer="", evidence=None, passages=passages,
                          confidence=confidence)
        evidence = Evidence(
            article=passage.article, title=passage.title, date=passage.date,
            paragraph=passage.paragraph, text=texts[best], start=start, end=end,
        )
        return Answer(question=question, answer=texts[best], evidence=evidence,
                      passages=passages, confidence=confidence)
