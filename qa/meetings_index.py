"""Meeting records for the index: extracted once per article at build time."""

from __future__ import annotations

from collections.abc import Callable

from .models import Article
from .nlp import load_nlp

# Bump when qa/meetings/ changes what it extracts: the next build redoes the records.
EXTRACTOR_VERSION = 3
BATCH = 200  # articles per spaCy run, so the progress bar moves


def extract_records(
    articles: list[Article], on_progress: Callable[[int], None] | None = None
) -> dict[str, list[dict]]:
    """Meeting records (as dicts) of each article that reports meetings, keyed by article id."""
    from .meetings import extract_meetings_many

    nlp = load_nlp()
    records: dict[str, list[dict]] = {}
    for start in range(0, len(articles), BATCH):
        found = extract_meetings_many(articles[start : start + BATCH], nlp)
        for article_id, meetings in found.items():
            if meetings:
                records[article_id] = [meeting.to_dict() for meeting in meetings]
        if on_progress:
            on_progress(min(start + BATCH, len(articles)))
    return records
