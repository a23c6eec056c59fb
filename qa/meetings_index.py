"""Meeting records for the index: extracted once per article at build time."""

from __future__ import annotations

from collections.abc import Callable

from .models import Article


def extract_records(
    articles: list[Article], on_article: Callable[[int], None] | None = None
) -> dict[str, list[dict]]:
    """Meeting records (as dicts) of each article that reports meetings, keyed by article id."""
    from .meetings import extract_meetings, load_nlp

    nlp = load_nlp()
    records: dict[str, list[dict]] = {}
    for done, article in enumerate(articles, start=1):
        found = [meeting.to_dict() for meeting in extract_meetings(article, nlp)]
        if found:
            records[article.id] = found
        if on_article and done % 25 == 0:
            on_article(done)
    return records
