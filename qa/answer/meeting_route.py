"""Questions about meetings, answered from the meeting records of the retrieved articles.

Only a who/whom/where/when/why question that names a contact ("meet", "talks", "visit"...) is
routed, only to records of articles retrieval found, and only after the reader's answer passed
the refusal threshold: a record never answers a question the articles were judged not to answer.
"""

from __future__ import annotations

from ..models import Answer, Evidence, Passage
from ..store import IndexData
from .question import Question
from .words import CONTACT_WORDS, words_of

MEETING_KINDS = frozenset({"who", "whom", "where", "when", "why"})


def asks_about_contact(question: Question) -> bool:
    return question.kind in MEETING_KINDS and any(
        w in CONTACT_WORDS for w in words_of(question.text))


def apply(answer: Answer, question: Question, passages: list[Passage], data: IndexData) -> None:
    """Replace ``answer``'s text and evidence with a meeting record's, when one answers."""
    if not data.meetings or not asks_about_contact(question):
        return
    from ..meetings import Meeting, answer_meeting_question

    articles = list(dict.fromkeys(p.article for p in passages))
    records = [Meeting.from_dict(r) for a in articles for r in data.meetings.get(a, [])]
    found = answer_meeting_question(question.text, records) if records else None
    if found is None:
        return
    text, meeting = found
    evidence = _evidence(text, meeting, data)
    if evidence is None:
        return
    answer.answer = text
    answer.evidence = evidence
    answer.meetings = [meeting.to_dict()]


def _evidence(text: str, meeting, data: IndexData) -> Evidence | None:
    """The record's evidence sentence that says most of the answer, if it still matches."""
    if not meeting.evidence:
        return None
    wanted = set(words_of(text))
    first = max(meeting.evidence, key=lambda e: len(wanted & set(words_of(e["text"]))))
    article = data.articles.get(first["article"])
    if article is None or article.text[first["start"] : first["end"]] != first["text"]:
        return None  # a record that no longer matches its article is not evidence
    return Evidence(
        article=article.id, title=article.title, date=article.date,
        paragraph=first["paragraph"], text=first["text"], start=first["start"], end=first["end"],
    )
