"""Saved web pages: the article's headline, date, byline and paragraphs, without the menus,
comments and page furniture around them (trafilatura), dated from the page's metadata (htmldate)
or, failing that, from the date lines of the article itself."""

from __future__ import annotations

import copy
import logging
import re
from datetime import date

from ..models import Article
from ..sanitize import clean_text
from .text import body_of

HTML_SUFFIXES = {".html", ".htm"}
_LIST_TAGS = {"list"}
# Block elements of a fragment (a feed entry's summary) that end a paragraph.
_BLOCK_TAGS = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr",
               "section", "article", "ul", "ol", "table"}

# The extractors log every page they find odd; the reader's own warnings say what matters.
for _name in ("trafilatura", "htmldate", "readability", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


def article_from_html(article_id: str, raw: str, source: str = "",
                      reference: date | None = None) -> Article | None:
    """The article of a saved page, or None when the page holds no article text."""
    import trafilatura

    tree = trafilatura.load_html(raw)
    if tree is None:
        return None
    published = _published(copy.deepcopy(tree))
    # Precision over recall: a menu or a comment read as a paragraph would be cited as news.
    document = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=True,
        favor_precision=True,
    )
    if document is None or document.body is None:
        return None
    blocks = _blocks(document.body)
    title = _one_line(document.title or "") or (blocks[0] if blocks else "")
    if published:
        reference = date.fromisoformat(published)
    body = body_of(title, blocks, reference)
    if not body.paragraphs or not title:
        return None
    return Article(
        id=article_id, title=title, paragraphs=tuple(body.paragraphs),
        date=published or body.date, source=source,
        byline=body.byline or _one_line(document.author or ""),
        publisher=_one_line(document.sitename or ""),
    )


def fragment_paragraphs(fragment: str) -> list[str]:
    """Paragraphs of an HTML fragment (or of plain text, one paragraph a blank-line block)."""
    import lxml.html

    if "<" not in fragment:
        return [_one_line(p) for p in re.split(r"\n\s*\n", fragment) if p.strip()]
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # noqa: BLE001 - markup lxml cannot parse is read as text
        return fragment_paragraphs(re.sub(r"<[^>]*>", " ", fragment))
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        if element.tag in _BLOCK_TAGS:
            element.tail = "\n\n" + (element.tail or "")
        elif element.tag == "br":
            element.tail = " " + (element.tail or "")
    text = clean_text(root.text_content())
    return [_one_line(p) for p in re.split(r"\n\s*\n", text) if p.strip()]


def _published(tree) -> str | None:
    """The page's original publication date from its metadata, or None."""
    from htmldate import find_date

    try:
        found = find_date(tree, original_date=True, extensive_search=False)
    except Exception:  # noqa: BLE001 - an undatable page is still an article
        return None
    return found if found and re.fullmatch(r"\d{4}-\d{2}-\d{2}", found) else None


def _blocks(body) -> list[str]:
    """One text block per paragraph, heading, quote or list item of trafilatura's body."""
    blocks: list[str] = []
    for element in body:
        items = element if element.tag in _LIST_TAGS else [element]
        for item in items:
            text = _one_line("".join(item.itertext()))
            if text:
                blocks.append(text)
    return blocks


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", clean_text(text)).strip()
