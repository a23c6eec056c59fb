"""From retrieved passages to an answer: follow-ups, meeting records, extraction, refusal.

The pieces live in their own modules (``answering``: sentences and spans; ``meetings``: the
records built at index time); this module decides which one answers.
"""

from __future__ import annotations

from collections.abc import Sequence

from .embedding import Embedder
from .models import Answer, Evidence, Passage, Turn
from .nlp import load_nlp
from .store import IndexData
from .text import words


# Question shapes a meeting record can answer; "what did the meetings reflect?" is not one.
MEETING_QUESTION_KINDS = {"who", "whom", "where", "when", "why"}


class AnswerPipeline:
    def __init__(self, embedder: Embedder) -> None:
        from .answering import AnswerExtractor

        self.extractor = AnswerExtractor(encode=embedder.encode, nlp=load_nlp)

    def warm_up(self) -> None:
        """Load spaCy now rather than on the first question."""
        load_nlp()

    def resolve(self, question: str, history: Sequence[Turn]) -> str:
        """Rewrite a follow-up ("why did they meet?") against the previous turns."""
        if not history:
            return question
        from .answering import resolve_followup

        return resolve_followup(question, history, load_nlp)

    def answer(self, question: str, passages: list[Passage], data: IndexData) -> Answer:
        answer = self.extractor.answer(question, passages, data.articles)
        from_records = (
            self._answer_from_meetings(question, answer.kind, passages, data)
            if answer.kind in MEETING_QUESTION_KINDS else None
        )
        if from_records is not None:
            answer = _with_meeting(answer, *from_records, data=data)
        answer.passages = _evidence_first(answer.passages, answer.evidence)
        return answer

    def _answer_from_meetings(self, question: str, kind: str, passages: list[Passage], data: IndexData):
        """A meeting record answers only for articles that retrieval already found relevant."""
        if not data.meetings:
            return None
        from .meetings import Meeting, answer_meeting_question

        articles = list(dict.fromkeys(p.article for p in passages))
        records = [Meeting.from_dict(r) for a in articles for r in data.meetings.get(a, [])]
        if not records:
            return None
        return answer_meeting_question(question, kind, records)


def _with_meeting(answer: Answer, text: str, used: list, *, data: IndexData) -> Answer:
    """The records' answer, cited by the evidence sentence that says most of it."""
    meeting = used[-1]
    if not meeting.evidence:
        return answer
    answer_words = set(words(text))
    named = answer_words & set(words(" ".join(p.name for p in meeting.participants)))
    # The sentence that names the people answered, then the one that says most of the answer.
    first = max(meeting.evidence, key=lambda e: (len(named & set(words(e["text"]))),
                                                 len(answer_words & set(words(e["text"])))))
    article = data.articles.get(first["article"])
    if article is None or article.text[first["start"] : first["end"]] != first["text"]:
        return answer  # a record that no longer matches its article is not evidence
    answer.answer = text
    answer.evidence = Evidence(
        article=article.id, title=article.title, date=article.date,
        paragraph=first["paragraph"], text=first["text"], start=first["start"], end=first["end"],
    )
    answer.meetings = [m.to_dict() for m in used]
    answer.confidence = max(answer.confidence, 0.9)
    return answer


def _evidence_first(passages: list[Passage], evidence: Evidence | None) -> list[Passage]:
    """The passage that holds the evidence is the best passage: show it first."""
    if evidence is None:
        return passages
    for index, passage in enumerate(passages):
        if passage.article == evidence.article and passage.start <= evidence.start < passage.end:
            return [passage, *passages[:index], *passages[index + 1 :]]
    return passages
