"""Meeting records for the index: extracted once per article at build time."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .articles import article_head
from .errors import QAError
from .models import Article
from .nlp import load_nlp

# Bump when qa/meetings/ changes what it extracts: the next build redoes the records.
EXTRACTOR_VERSION = 218
BATCH = 200  # articles per spaCy run, so the progress bar moves
BATCH_CHARS = 2_000_000  # ... and at most this much text, since a run keeps all its parses
# Meetings are looked for in this much of an article: news articles are far shorter, and parsing
# the rest of a huge file would only cost minutes and gigabytes.
MEETING_TEXT_CHARS = 100_000


def extract_records(
    articles: list[Article],
    on_progress: Callable[[int], None] | None = None,
    on_error: Callable[[Article, Exception], None] | None = None,
    on_batch: Callable[[dict[str, list[dict]]], None] | None = None,
) -> dict[str, list[dict]]:
    """Meeting records (as dicts) of each article that reports meetings, keyed by article id.

    When a batch fails, its articles are redone one at a time: an article that still fails is
    reported to ``on_error`` (or raised without one) and the others keep their records.
    ``on_batch`` is told each finished batch: every article done, with its records (maybe none).
    """
    nlp = load_nlp()
    records: dict[str, list[dict]] = {}
    done = 0
    texts = [article_head(a, MEETING_TEXT_CHARS) for a in articles]
    for batch in _batches(texts):
        done += len(batch)
        failed: set[str] = set()
        try:
            _add_records(batch, nlp, records)
        except QAError:
            raise
        except Exception:
            if on_error is None:
                raise
            for article in batch:
                try:
                    _add_records([article], nlp, records)
                except QAError:
                    raise
                except Exception as error:  # noqa: BLE001 - one article never stops the others
                    failed.add(article.id)
                    on_error(article, error)
        if on_batch:
            on_batch({a.id: records.get(a.id, []) for a in batch if a.id not in failed})
        if on_progress:
            on_progress(done)
    return records


def _batches(articles: list[Article]) -> Iterator[list[Article]]:
    batch: list[Article] = []
    size = 0
    for article in articles:
        if batch and (len(batch) >= BATCH or size + len(article.text) > BATCH_CHARS):
            yield batch
            batch, size = [], 0
        batch.append(article)
        size += len(article.text)
    if batch:
        yield batch


def _add_records(articles: list[Article], nlp, records: dict[str, list[dict]]) -> None:
    from .meetings import extract_meetings_many

    found = extract_meetings_many(articles, nlp)
    for article_id, meetings in found.items():
        if meetings:
            records[article_id] = [meeting.to_dict() for meeting in meetings]
