"""Small invented articles run through the meetings extractor: shared by the meetings tests."""

from __future__ import annotations

from qa.meetings import Meeting, extract_meetings
from qa.models import Article


def article_of(*paragraphs: str, date: str | None = "2023-03-15", aid: str = "t/1") -> Article:
    return Article(id=aid, title="Test", paragraphs=tuple(paragraphs), date=date)  # 15 March 2023: a Wednesday


def meetings_of(nlp, *paragraphs: str, date: str | None = "2023-03-15") -> list[Meeting]:
    return extract_meetings(article_of(*paragraphs, date=date), nlp)


def rule_meetings_of(nlp, *paragraphs: str, date: str | None = "2023-03-15") -> list[Meeting]:
    """The extraction rules' records, every participant kept and no pair proposed: the
    participant and pair models (``qa.meetings.confidence``, ``qa.meetings.pairs``) weigh
    context a one-sentence article lacks."""
    from unittest import mock

    from qa.meetings import confidence, pairs

    with mock.patch.object(confidence, "shipped_model", lambda: None), mock.patch.object(pairs, "shipped_model", lambda: None):
        return meetings_of(nlp, *paragraphs, date=date)


def pairs_of(meetings: list[Meeting]) -> set[frozenset[str]]:
    return {frozenset(p) for m in meetings for p in m.pairs()}
