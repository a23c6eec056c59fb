"""Questions about meetings, answered from the meeting records of the retrieved articles.

Only a who/whom/where/when/why question about a contact (the meetings layer's own trigger
words: "meet", "talks", "visit", "call"...) is routed, only to records of articles retrieval
found, and only to records of the people the question names. When the reader found no answer
above the refusal threshold, a record answers only if one of its evidence sentences was
itself retrieved: a record never answers about a meeting the retrieved text does not tell. "Why
did X go to Y?" asks about a visit when a record of X's was held in Y. The question's kind
comes from ``question.classify``.
"""

from __future__ import annotations

from ..models import Answer, Evidence, Passage, cited_evidence
from ..store import IndexData
from .answer_type import repeats_question, undated_for_date
from .question import Question, asked_parts
from ..text import words as words_of

MEETING_KINDS = frozenset({"who", "whom", "where", "when", "why"})


def apply(answer: Answer, question: Question, passages: list[Passage], data: IndexData,
          retrieved_only: bool = False) -> None:
    """Replace ``answer``'s text and evidence with the meeting records', when they answer.

    ``retrieved_only``: the reader found no answer, so a record answers only when its evidence
    sentence lies in one of ``passages``.
    """
    if not data.meetings or question.kind not in MEETING_KINDS:
        return
    from ..meetings import Meeting, answer_meeting_question

    articles = list(dict.fromkeys(p.article for p in passages))
    records = [Meeting.from_dict(r) for a in articles for r in data.meetings.get(a, [])]
    parts = asked_parts(question.text)
    found = answer_meeting_question(question.text, question.kind, records, parts) if records else None
    if found is None:
        return
    text, used = found
    if repeats_question(question.text, text) or undated_for_date(question.text, text):
        return  # "Where in Skarn did they meet?" is not answered by the record's "Skarn"
    evidence = _evidence(text, used[-1], data)
    if evidence is None or (retrieved_only and not _retrieved(used[-1], passages)):
        return
    answer.answer = text
    answer.evidence = evidence
    answer.meetings = [_cited(m.to_dict(), data) for m in used]


def _retrieved(meeting, passages: list[Passage]) -> bool:
    """Whether retrieval found one of the record's sentences: the record is about what the
    articles retrieved say (its answer may be cited from another sentence of it)."""
    return any(p.article == e["article"] and p.start <= e["start"] < p.end
               for e in meeting.evidence for p in passages)


def _cited(record: dict, data: IndexData) -> dict:
    record["evidence"] = [cited_evidence(e, data.articles) for e in record["evidence"]]
    return record


def _evidence(text: str, meeting, data: IndexData) -> Evidence | None:
    """The record's sentence naming the people answered, then saying most of the answer."""
    if not meeting.evidence:
        return None
    wanted = set(words_of(text))
    named = wanted & set(words_of(" ".join(p.name for p in meeting.participants)))
    first = max(meeting.evidence, key=lambda e: (len(named & set(words_of(e["text"]))),
                                                 len(wanted & set(words_of(e["text"])))))
    article = data.articles.get(first["article"])
    if article is None or article.text[first["start"] : first["end"]] != first["text"]:
        return None  # a record that no longer matches its article is not evidence
    return Evidence(
        article=article.id, title=article.title, date=article.date,
        paragraph=first["paragraph"], text=first["text"], start=first["start"], end=first["end"],
        copies=article.copies,
    )
