"""Plain-text and Markdown articles, and the header clean-up every format shares: the repeated
headline, date lines, bylines and page boilerplate are not paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..models import Article
from .dates import date_line, dateline_date

# Lines that web pages leave behind and that carry no content.
BOILERPLATE = re.compile(
    r"^(a\+\s*a-|a-\s*a\+|share( this)?( article)?|print|advertisement|read more|"
    r"click here.*|follow us.*|subscribe.*|comments?|related( articles)?:?)$",
    re.IGNORECASE,
)
# "By Jane Roe", "By Jane Roe and John Doe, Reuters": names are capitalised.
_BYLINE = re.compile(r"^[Bb][Yy]\s+(?P<names>[A-Z][\w.'-]*(?:,?\s+(?:and\s+)?[A-Z][\w.'-]*){0,7})$")
# A bare date line or a byline counts only among the first lines (the header); a date line with
# a label ("Published ...") counts anywhere.
HEADER_BLOCKS = 4


@dataclass
class Body:
    paragraphs: list[str] = field(default_factory=list)
    date: str | None = None
    byline: str = ""


def article_from_text(article_id: str, raw: str, source: str = "",
                      reference: date | None = None) -> Article | None:
    """Headline = first non-empty line; a date line or wire dateline gives the date.

    Paragraphs are the remaining non-empty lines (blank-line separated blocks are joined, since
    news files put one paragraph a line or one a block). ``reference`` (when the file was saved)
    dates a dateline that gives no year.
    """
    blocks = [strip_markdown_heading(b) for b in text_blocks(raw)]
    if not blocks:
        return None
    title = blocks[0]
    body = body_of(title, blocks[1:], reference)
    if not body.paragraphs:
        return None
    return Article(id=article_id, title=title, paragraphs=tuple(body.paragraphs), date=body.date,
                   source=source, byline=body.byline)


def body_of(title: str, blocks: list[str], reference: date | None = None) -> Body:
    """The paragraphs of an article under ``title``, with the date and byline its header states."""
    body = Body()
    for position, text in enumerate(blocks):
        in_header = position < HEADER_BLOCKS and not body.paragraphs
        if body.date is None:
            body.date = date_line(text, labelled_only=not in_header)
            if body.date:
                continue
        byline = _BYLINE.match(text) if in_header and not body.byline else None
        if byline:
            body.byline = byline.group("names")
            continue
        if BOILERPLATE.match(text) or same_text(text, title):
            continue
        body.paragraphs.append(text)
    if body.date is None and body.paragraphs:
        body.date = dateline_date(body.paragraphs[0], reference)
    return body


# Plain-text wire copy and e-mail wrap lines at ~70 characters: most lines stop mid-sentence.
_WRAP_WIDTH = 100
_MIN_WRAPPED_SHARE = 0.5
_SENTENCE_END = re.compile(r"[.!?:;\"”’')\]]$")


def text_blocks(raw: str) -> list[str]:
    """Non-empty lines, with whitespace collapsed. In hard-wrapped text the lines of one
    paragraph are joined: a paragraph ends at a blank line, an indented line or a line that
    ends a sentence. The first line (the headline) always stands alone."""
    lines = [line.rstrip() for line in raw.replace("\r\n", "\n").split("\n")]
    blocks = [re.sub(r"\s+", " ", line).strip() for line in lines if line.strip()]
    if not _hard_wrapped(blocks[1:]):
        return blocks
    joined: list[str] = []
    open_paragraph = False
    for line in lines:
        text = re.sub(r"\s+", " ", line).strip()
        if not text:
            open_paragraph = False
            continue
        if open_paragraph and len(joined) > 1 and not line[:2].isspace():
            joined[-1] += " " + text
        else:
            joined.append(text)
        open_paragraph = not _SENTENCE_END.search(text)
    return joined


def _hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 4 or max(len(line) for line in lines) > _WRAP_WIDTH:
        return False
    return sum(not _SENTENCE_END.search(line) for line in lines) >= _MIN_WRAPPED_SHARE * len(lines)


def strip_markdown_heading(text: str) -> str:
    return re.sub(r"^#{1,6}\s+", "", text).strip()


def same_text(a: str, b: str) -> bool:
    return a.strip().lower() == b.strip().lower()
