"""RSS and Atom feeds: one article per entry, dated by the entry, its link as its source.

When an entry links to a page saved in the feed's own folder, the article is that page's full
text rather than the feed's summary.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

from ..models import Article
from ..sanitize import clean_text
from .dates import parse_date
from .html import HTML_SUFFIXES, fragment_paragraphs
from .text import body_of

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
MAX_SLUG_CHARS = 80

PageReader = Callable[[Path], Article | None]


def looks_like_feed(data: bytes) -> bool:
    """Whether XML data is an RSS or Atom feed (an .xml file may be anything)."""
    return bool(_FEED_ROOT.search(data[:4096]))


def articles_from_feed(base_id: str, data: bytes, source: str, folder: Path,
                       read_page: PageReader) -> list[Article]:
    """The feed's entries as articles; ValueError when it is no feed or holds none."""
    import feedparser

    # A file object: given a string, feedparser would treat a URL-like one as an address to fetch.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        raise ValueError(_malformed(parsed) if parsed.get("bozo") else "feed has no entries")
    publisher = _text(parsed.feed.get("title", ""))
    articles: list[Article] = []
    seen: set[str] = set()
    for number, entry in enumerate(parsed.entries, start=1):
        slug = _slug(entry, number)
        if slug in seen:
            slug = f"{slug}-{number}"
        seen.add(slug)
        article = _entry_article(f"{base_id}/{slug}", entry, source, folder, read_page)
        if article is not None:
            articles.append(replace(article, publisher=article.publisher or publisher))
    if not articles:
        raise ValueError(_malformed(parsed) if parsed.get("bozo") else
                         "no entry of the feed has article text")
    return articles


def _malformed(parsed) -> str:
    reason = " ".join(str(parsed.get("bozo_exception") or "").split())[:120]
    return f"malformed feed ({reason or 'not RSS or Atom'})"


def _entry_article(article_id: str, entry, feed_source: str, folder: Path,
                   read_page: PageReader) -> Article | None:
    title = _text(entry.get("title", ""))
    link = str(entry.get("link", "") or "")
    stated = _entry_date(entry)
    page_file = local_page(link, folder)
    page = read_page(page_file) if page_file is not None else None
    if page is not None:
        return Article(id=article_id, title=title or page.title, paragraphs=page.paragraphs,
                       date=stated or page.date, source=link or feed_source,
                       byline=_text(entry.get("author", "")) or page.byline,
                       publisher=page.publisher)
    contents = entry.get("content") or []
    fragment = contents[0].get("value", "") if contents else entry.get("summary", "")
    blocks = fragment_paragraphs(fragment or "")
    if not title and blocks:
        title = blocks[0][:80]
    reference = date.fromisoformat(stated) if stated else None
    body = body_of(title, blocks, reference)
    if not body.paragraphs:
        return None
    return Article(id=article_id, title=title, paragraphs=tuple(body.paragraphs),
                   date=stated or body.date, source=link or feed_source,
                   byline=_text(entry.get("author", "")) or body.byline)


def local_page(link: str, folder: Path) -> Path | None:
    """The saved page in ``folder`` an entry's link points to: a relative or file link, or a web
    link whose file name was kept when the page was saved."""
    if not link:
        return None
    parsed = urlparse(link)
    name = PurePosixPath(unquote(parsed.path)).name
    if not name or PurePosixPath(name).suffix.lower() not in HTML_SUFFIXES:
        return None
    candidate = folder / name
    return candidate if candidate.is_file() else None


def _entry_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        moment = entry.get(key)
        if moment:
            return date(moment.tm_year, moment.tm_mon, moment.tm_mday).isoformat()
    for key in ("published", "updated"):
        if entry.get(key):
            found = parse_date(str(entry[key]))
            if found:
                return found
    return None


def _slug(entry, number: int) -> str:
    """A stable id for the entry: the last part of its id or link, else its position."""
    for key in ("id", "link"):
        value = str(entry.get(key, "") or "")
        path = urlparse(value).path if "://" in value else value
        tail = PurePosixPath(path.rstrip("/")).stem if path.strip("/") else ""
        slug = re.sub(r"[^A-Za-z0-9._-]+", "-", tail).strip("-.")[:MAX_SLUG_CHARS]
        if slug:
            return slug
    return f"entry-{number}"


def _text(value: object) -> str:
    return re.sub(r"\s+", " ", clean_text(str(value or ""))).strip()
