"""Reading articles from a folder: .txt/.md files and saved web pages (.html/.htm) hold one
article each; .jsonl collections and RSS/Atom feeds (.rss/.atom/.xml) hold many."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .decoding import decode_bytes
from .errors import SeedsFolderError
from .ingest.dates import parse_date
from .ingest.feed import FEED_SUFFIXES, articles_from_feed, looks_like_feed
from .ingest.html import HTML_SUFFIXES, article_from_html
from .ingest.text import BOILERPLATE, article_from_text
from .models import PARAGRAPH_SEPARATOR, Article
from .sanitize import clean_text

TEXT_SUFFIXES = {".txt", ".md"}
COLLECTION_SUFFIXES = {".jsonl"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | COLLECTION_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
MAX_FILE_BYTES = 50 * 1024 * 1024  # larger "articles" are almost certainly not articles
# Bounds on what one article can put in the index (and so in front of spaCy and the embedder).
# A long read runs to about 100,000 characters; twice that is not a news article.
MAX_ARTICLE_CHARS = 200_000
MAX_TITLE_CHARS = 300
MAX_JSONL_LINE_CHARS = 8_000_000  # longer lines are skipped; shorter ones are cut


@dataclass
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Each file that gave articles (or was reused unread): size, mtime and its article ids.
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    reused: set[str] = field(default_factory=set)  # files not read: ``reuse`` vouched for them
    paths: dict[str, Path] = field(default_factory=dict)  # where each reused file is
    on_warning: Callable[[str], None] | None = None  # told of each warning as it happens

    def warn(self, message: str) -> None:
        self.warnings.append(message)
        if self.on_warning is not None:
            self.on_warning(message)


def content_hash(article: Article) -> str:
    """Changes with what the index stores of the article: also the copies it names, so that a
    copy published later updates the story kept (left out when none, as hashes were before)."""
    fields = [article.title, article.date, list(article.paragraphs)]
    if article.copies:
        fields.append(list(article.copies))
    payload = json.dumps(fields, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def describe_error(error: BaseException) -> str:
    """One short line saying why an article could not be used."""
    if isinstance(error, RecursionError):
        return "nested too deeply"
    if isinstance(error, MemoryError):
        return "too large to process"
    message = " ".join(str(error).split())[:200]
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def display_path(relative: Path) -> str:
    """A relative path as valid text that maps back to its bytes: undecodable bytes of a file
    name become backslash escapes (\\xe9) instead of lone surrogates."""
    return os.fsencode(relative.as_posix()).decode("utf-8", "backslashreplace")


def article_from_record(article_id: str, record: dict, source: str = "") -> Article | None:
    title = clean_text(_scalar_text(record.get("title"))).strip()
    body = record.get("body") or record.get("text") or ""
    if not isinstance(body, str):
        return None
    paragraphs = tuple(_paragraphs_of_body(clean_text(body)))
    if not paragraphs:
        return None
    dateline = clean_text(_scalar_text(record.get("dateline"))).strip()
    if dateline and not paragraphs[0].startswith(dateline):  # a wire record keeps it apart
        paragraphs = (f"{dateline} {paragraphs[0]}", *paragraphs[1:])
    if not title:
        title = paragraphs[0][:80]
    raw_date = _scalar_text(record.get("date"))
    date = parse_date(raw_date) if raw_date else None
    return Article(id=article_id, title=title, paragraphs=paragraphs, date=date, source=source)


def check_seeds_folder(folder: Path) -> None:
    """Raise a one-line error when the seeds folder cannot be read at all."""
    folder = Path(folder)
    if not folder.exists():
        raise SeedsFolderError(
            f"the articles folder {folder} does not exist: create it and put .txt, .md, .html, "
            ".jsonl or .rss files there, or pass --seeds FOLDER"
        )
    if not folder.is_dir():
        raise SeedsFolderError(f"{folder} is a file, not a folder of articles: pass --seeds FOLDER")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise SeedsFolderError(
            f"cannot read the articles folder {folder} (permission denied): fix its permissions"
        )


def read_articles(folder: Path, on_warning: Callable[[str], None] | None = None,
                  reuse: Callable[[str, dict[str, Any]], bool] | None = None) -> ReadResult:
    """Every article under ``folder`` (recursively), sorted by id; bad files become warnings.

    Each file is read inside its own guard: whatever goes wrong with one is a warning naming it.
    A file for which ``reuse(relative path, {"size", "mtime_ns"})`` says yes is not read (the
    index holds it as it is); feeds are always read, since pages beside them feed their entries.
    """
    folder = Path(folder)
    result = ReadResult(on_warning=on_warning)
    if not folder.is_dir():
        result.warn(f"{folder}: not a folder")
        return result
    for path in sorted(_candidate_files(folder)):
        relative = display_path(path.relative_to(folder))
        try:
            stat = path.stat()
        except OSError:
            stat = None
        signature = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns} if stat else None
        if signature and reuse and path.suffix.lower() not in FEED_SUFFIXES and reuse(relative, signature):
            result.reused.add(relative)
            result.files[relative] = signature
            result.paths[relative] = path
            continue
        try:
            articles, notes = read_file(path, relative)
        except ValueError as error:
            result.warn(f"skipped {relative}: {error}")
            continue
        except Exception as error:  # noqa: BLE001 - one bad file never stops the others
            result.warn(f"skipped {relative}: {describe_error(error)}")
            continue
        result.articles.extend(articles)
        if signature and articles:
            result.files[relative] = {**signature, "ids": [a.id for a in articles]}
        if notes:  # one line a file, however many things were wrong with it
            result.warn(f"{relative}: {'; '.join(notes)}")
    result.articles.sort(key=lambda a: a.id)
    return result


def read_file(path: Path, relative: str) -> tuple[list[Article], list[str]]:
    """The file's articles and what was noted reading them; ValueError if it holds none."""
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES:
        return _read_feed(path, relative)
    raw, note = _read_text(path)
    notes = [note] if note else []
    try:
        if suffix in COLLECTION_SUFFIXES:
            articles = _read_collection(relative, raw, notes)
        else:
            articles = [_read_article(path, relative, raw, notes)]
    except ValueError as error:
        raise ValueError("; ".join([str(error), *notes])) from None
    return articles, notes


def _read_article(path: Path, relative: str, raw: str, notes: list[str]) -> Article:
    reader = article_from_html if path.suffix.lower() in HTML_SUFFIXES else article_from_text
    article = reader(relative.rsplit(".", 1)[0], raw, source=relative, reference=_saved_on(path))
    if article is None:
        raise ValueError("no article text in it")
    return _checked(article, notes)


def _read_feed(path: Path, relative: str) -> tuple[list[Article], list[str]]:
    data = _read_bytes(path)
    if not looks_like_feed(data):
        if path.suffix.lower() == ".xml":
            return [], []  # XML that is not a feed (a sitemap, a config file) holds no article
        raise ValueError("malformed feed (no <rss> or <feed> element)")
    notes: list[str] = []
    entries = articles_from_feed(relative.rsplit(".", 1)[0], data, relative, path.parent,
                                 _page_reader(notes))
    articles = []
    for article in entries:
        try:
            articles.append(_checked(article, notes))
        except ValueError as error:
            notes.append(f"entry {article.id} skipped: {error}")
    if not articles:
        raise ValueError("; ".join(notes) or "no entry of the feed has article text")
    return articles, list(dict.fromkeys(notes))


def _checked(article: Article, notes: list[str]) -> Article:
    """The article cut to the bounds (noted); ValueError when it is no article."""
    if repetitive(article):
        raise ValueError(REPETITIVE)
    article, cut = bounded(article)
    if cut:
        notes.append(f"cut to its first {MAX_ARTICLE_CHARS:,} characters")
    return article


# Prose compresses to about a third of its size. Text that compresses tenfold is one fragment
# repeated (generated filler, a stuck log), and would flood the index with identical passages.
MIN_COMPRESSED_SHARE = 0.1
_MIN_CHARS_TO_JUDGE = 2_000
REPETITIVE = "the same few words repeated, not an article"


def repetitive(article: Article) -> bool:
    text = article.text
    if len(text) < _MIN_CHARS_TO_JUDGE:
        return False
    sample = text[:MAX_ARTICLE_CHARS].encode("utf-8", "surrogatepass")
    return len(zlib.compress(sample, 1)) < MIN_COMPRESSED_SHARE * len(sample)


def _page_reader(notes: list[str]):
    """Reads the saved page a feed entry links to (None when it holds no article)."""
    def read(path: Path) -> Article | None:
        try:
            raw, _ = _read_text(path)
            return article_from_html(path.stem, raw, reference=_saved_on(path))
        except Exception as error:  # noqa: BLE001 - the entry's own summary is used instead
            notes.append(f"{path.name} not read for its entry: {describe_error(error)}")
            return None
    return read


def _saved_on(path: Path) -> date | None:
    """When the file was saved: dates a dateline that states no year."""
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).date()
    except (OSError, OverflowError, ValueError):
        return None


def bounded(article: Article) -> tuple[Article, bool]:
    """The article cut to MAX_ARTICLE_CHARS (and its title to MAX_TITLE_CHARS); True if cut."""
    head = article_head(article, MAX_ARTICLE_CHARS)
    title = article.title[:MAX_TITLE_CHARS]
    if head is article and title == article.title:
        return article, False
    return dataclasses.replace(head, title=title), head is not article


def article_head(article: Article, max_chars: int) -> Article:
    """The first ``max_chars`` of the article's text: a prefix, so offsets into it stay exact."""
    if len(article.text) <= max_chars:
        return article
    paragraphs: list[str] = []
    room = max_chars
    for paragraph in article.paragraphs:
        if room <= 0:
            break
        paragraphs.append(paragraph[:room])
        room -= len(paragraphs[-1]) + len(PARAGRAPH_SEPARATOR)
    return dataclasses.replace(article, paragraphs=tuple(paragraphs))


def _read_collection(relative: str, raw: str, notes: list[str]) -> list[Article]:
    base_id = relative.rsplit(".", 1)[0]
    articles: list[Article] = []
    bad_lines, cut_records = 0, 0
    first_problem = ""
    seen: set[str] = set()
    # Only "\n" ends a record: str.splitlines() would also split at U+2028 inside a string.
    for number, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        record, problem = _parse_record(line)
        article = None
        if record is not None:
            article_id = f"{base_id}/{_record_id(record, number)}"
            if article_id in seen:
                article_id = f"{article_id}-{number}"
            seen.add(article_id)
            article = article_from_record(article_id, record, source=relative)
            problem = problem or "no article text"
            if article is not None and repetitive(article):
                article, problem = None, REPETITIVE
        if article is None:
            bad_lines += 1
            first_problem = first_problem or f"line {number}: {problem}"
            continue
        article, cut = bounded(article)
        cut_records += cut
        articles.append(article)
    if bad_lines:
        notes.append(f"skipped {bad_lines} line(s) that are not articles ({first_problem})")
    if cut_records:
        notes.append(f"cut {cut_records} record(s) to their first {MAX_ARTICLE_CHARS:,} characters")
    return articles


def _parse_record(line: str) -> tuple[dict | None, str]:
    """(record, "") or (None, why the line is not a record)."""
    if len(line) > MAX_JSONL_LINE_CHARS:
        return None, f"longer than {MAX_JSONL_LINE_CHARS:,} characters"
    try:
        record = json.loads(line)
    except RecursionError:
        return None, "nested too deeply"
    except ValueError:
        return None, "not JSON"
    if not isinstance(record, dict):
        return None, "not a JSON object"
    return record, ""


def _record_id(record: dict, number: int) -> str:
    raw = _scalar_text(record.get("id"))
    return clean_text(raw).strip()[:200] or f"line-{number}"


def _scalar_text(value: object) -> str:
    """A JSON scalar as text; lists and objects (which can be huge or deeply nested) are ignored."""
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        return ""
    return str(value)


def _candidate_files(folder: Path) -> Iterator[Path]:
    for path in folder.rglob("*"):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue  # hidden files and folders (editor swap files, .git)
        if path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file():
            yield path


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; ValueError (why) for a file too large, unreadable or empty."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ValueError(f"too large ({size // 1_000_000} MB)")
        data = path.read_bytes()
    except OSError as error:
        raise ValueError(f"unreadable ({error.strerror or error})") from None
    if not data.strip():
        raise ValueError("empty file")
    return data


def _read_text(path: Path) -> tuple[str, str | None]:
    """The file's text, cleaned, and a note when it had to be re-decoded; ValueError to skip it."""
    text, note = decode_bytes(_read_bytes(path))
    if not text.strip():
        raise ValueError("empty file")
    if _control_ratio(text) > 0.05:
        raise ValueError("binary file, not text")
    return clean_text(text.replace("\r\n", "\n").replace("\r", "\n")), note


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / max(1, len(sample))


def _paragraphs_of_body(body: str) -> list[str]:
    """JSONL bodies wrap lines inside paragraphs; paragraphs start with an indent or a blank line."""
    body = body.replace("\r\n", "\n")
    pieces = re.split(r"\n\s*\n|\n(?=[ \t]{2,})", body)
    paragraphs = [re.sub(r"\s+", " ", piece).strip() for piece in pieces]
    return [p for p in paragraphs if p and not BOILERPLATE.match(p)]
