"""Reading articles from a folder: .txt/.md files (one article each) and .jsonl collections."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .models import Article

TEXT_SUFFIXES = {".txt", ".md"}
COLLECTION_SUFFIXES = {".jsonl"}
MAX_FILE_BYTES = 50 * 1024 * 1024  # larger "articles" are almost certainly not articles

# Lines that web pages leave behind and that carry no content.
_BOILERPLATE = re.compile(
    r"^(a\+\s*a-|a-\s*a\+|share( this)?( article)?|print|advertisement|read more|"
    r"click here.*|follow us.*|subscribe.*|comments?|related( articles)?:?)$",
    re.IGNORECASE,
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# "Update: 16 September 2022 12:42", "Published 3 March 2021", "Posted: Sep 16, 2022".
_DATELINE = re.compile(
    rf"^(?:(?:last\s+)?updated?|published|posted|date)\s*:?\s*"
    rf"(?P<date>(?:\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}}|(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|"
    rf"\d{{4}}-\d{{2}}-\d{{2}}))(?:[\sT,]+\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\.?)?)?"
    rf"(?:\s*(?:gmt|utc|[+-]\d{{2}}:?\d{{2}}))?\s*$",
    re.IGNORECASE,
)


@dataclass
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def content_hash(article: Article) -> str:
    payload = json.dumps([article.title, article.date, list(article.paragraphs)], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def parse_date(text: str) -> str | None:
    """ISO date (YYYY-MM-DD) from a date as articles write it, or None."""
    text = text.strip().rstrip(".")
    cleaned = re.sub(r"[,.]", " ", text)
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    formats = (
        "%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y",
        "%d-%b-%Y %H:%M:%S", "%d-%b-%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S",
    )
    for candidate in (cleaned, text, text.split(".")[0]):
        for fmt in formats:
            try:
                return datetime.strptime(candidate.replace("Sept ", "Sep "), fmt).date().isoformat()
            except ValueError:
                continue
    return None


def article_from_text(article_id: str, raw: str, source: str = "") -> Article | None:
    """Headline = first non-empty line; a dateline gives the date; boilerplate is dropped.

    Paragraphs are the remaining non-empty lines (blank-line separated blocks are joined, since
    news files put one paragraph a line or one a block).
    """
    blocks = _blocks(raw)
    if not blocks:
        return None
    title = _strip_markdown_heading(blocks[0])
    date = None
    paragraphs: list[str] = []
    for block in blocks[1:]:
        text = _strip_markdown_heading(block)
        if date is None:
            match = _DATELINE.match(text)
            if match:
                date = parse_date(match.group("date"))
                continue
        if _BOILERPLATE.match(text) or _same_text(text, title):
            continue
        paragraphs.append(text)
    if not paragraphs:
        return None
    return Article(id=article_id, title=title, paragraphs=tuple(paragraphs), date=date, source=source)


def article_from_record(article_id: str, record: dict, source: str = "") -> Article | None:
    title = str(record.get("title") or "").strip()
    body = record.get("body") or record.get("text") or ""
    if not isinstance(body, str):
        return None
    paragraphs = tuple(_paragraphs_of_body(body))
    if not paragraphs:
        return None
    if not title:
        title = paragraphs[0][:80]
    raw_date = record.get("date")
    date = parse_date(str(raw_date)) if raw_date else None
    return Article(id=article_id, title=title, paragraphs=paragraphs, date=date, source=source)


def read_articles(folder: Path) -> ReadResult:
    """Every article under ``folder`` (recursively), sorted by id; bad files become warnings."""
    folder = Path(folder)
    result = ReadResult()
    if not folder.is_dir():
        result.warnings.append(f"{folder}: not a folder")
        return result
    for path in sorted(_candidate_files(folder)):
        relative = path.relative_to(folder).as_posix()
        base_id = relative.rsplit(".", 1)[0]
        try:
            raw = _read_text(path)
        except ValueError as error:
            result.warnings.append(f"skipped {relative}: {error}")
            continue
        if path.suffix.lower() in COLLECTION_SUFFIXES:
            _read_collection(base_id, relative, raw, result)
            continue
        article = article_from_text(base_id, raw, source=relative)
        if article is None:
            result.warnings.append(f"skipped {relative}: no article text in it")
        else:
            result.articles.append(article)
    result.articles.sort(key=lambda a: a.id)
    return result


def _read_collection(base_id: str, relative: str, raw: str, result: ReadResult) -> None:
    bad_lines = 0
    seen: set[str] = set()
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError
        except ValueError:
            bad_lines += 1
            continue
        record_id = str(record.get("id") or f"line-{number}")
        article_id = f"{base_id}/{record_id}"
        if article_id in seen:
            article_id = f"{article_id}-{number}"
        seen.add(article_id)
        article = article_from_record(article_id, record, source=relative)
        if article is None:
            bad_lines += 1
        else:
            result.articles.append(article)
    if bad_lines:
        result.warnings.append(f"{relative}: skipped {bad_lines} line(s) that are not articles")


def _candidate_files(folder: Path) -> Iterator[Path]:
    for path in folder.rglob("*"):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue  # hidden files and folders (editor swap files, .git)
        if path.suffix.lower() in TEXT_SUFFIXES | COLLECTION_SUFFIXES and path.is_file():
            yield path


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ValueError(f"too large ({size // 1_000_000} MB)")
        data = path.read_bytes()
    except OSError as error:
        raise ValueError(f"unreadable ({error.strerror or error})") from None
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data[:8192]:
        raise ValueError("binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ValueError("not UTF-8 text") from None
    if _control_ratio(text) > 0.05:
        raise ValueError("binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / max(1, len(sample))


def _blocks(raw: str) -> list[str]:
    """Non-empty lines, with whitespace collapsed."""
    return [re.sub(r"\s+", " ", line).strip() for line in raw.split("\n") if line.strip()]


def _paragraphs_of_body(body: str) -> list[str]:
    """JSONL bodies wrap lines inside paragraphs; paragraphs start with an indent or a blank line."""
    body = body.replace("\r\n", "\n")
    pieces = re.split(r"\n\s*\n|\n(?=[ \t]{2,})", body)
    paragraphs = [re.sub(r"\s+", " ", piece).strip() for piece in pieces]
    return [p for p in paragraphs if p and not _BOILERPLATE.match(p)]


def _strip_markdown_heading(text: str) -> str:
    return re.sub(r"^#{1,6}\s+", "", text).strip()


def _same_text(a: str, b: str) -> bool:
    return a.strip().lower() == b.strip().lower()
