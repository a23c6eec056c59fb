"""Adding articles to the articles folder: files and folders are copied, web addresses fetched.

Each item is read as the index would read it before it lands, so an item that holds no article
(a dead link, a malformed feed, a page of menus) leaves the folder as it was. Fetched pages go
under a folder named after their site, so a fetched feed finds the pages fetched beside it.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

from ..articles import ARTICLE_SUFFIXES, MAX_FILE_BYTES, read_articles, read_file
from ..errors import QAError
from .feed import looks_like_feed

FETCH_TIMEOUT = 20  # seconds without an answer before an address counts as unreachable
USER_AGENT = "qa/0.1 (+offline news reader)"
_TYPE_SUFFIXES = {
    "text/html": ".html", "application/xhtml+xml": ".html", "application/rss+xml": ".rss",
    "application/atom+xml": ".atom", "text/plain": ".txt", "text/markdown": ".md",
}


class AddError(QAError):
    """One item could not be added; the message names it and says why."""


@dataclass
class Added:
    path: Path  # where the item now is, inside the articles folder
    articles: int
    copied: bool  # False when the folder already held the same file


def add_item(item: str, folder: Path) -> Added:
    """Copy or fetch one file, folder or web address into ``folder``."""
    if re.match(r"^https?://", item, re.IGNORECASE):
        return _add_url(item, folder)
    return _add_path(Path(item), folder)


def _add_path(source: Path, folder: Path) -> Added:
    if not source.exists():
        raise AddError(f"{source}: no such file or folder")
    inside = _within(source, folder)
    if source.is_dir():
        if inside or _within(folder, source):
            raise AddError(f"{source}: overlaps the articles folder {folder}; "
                           "add the files instead")
        result = read_articles(source)
        if not result.articles:
            raise AddError(f"{source}: no articles in this folder")
        target = _free_name(folder / source.resolve().name)
        shutil.copytree(source, target)
        return Added(target, len(result.articles), True)
    if source.suffix.lower() not in ARTICLE_SUFFIXES:
        kinds = ", ".join(sorted(ARTICLE_SUFFIXES))
        raise AddError(f"{source}: not an article file (use {kinds})")
    articles = _articles_in(source, str(source))
    if inside:
        return Added(source, articles, False)
    target = folder / source.name
    if target.exists() and _same_file(source, target):
        return Added(target, articles, False)
    target = _free_name(target)
    shutil.copy2(source, target)
    return Added(target, articles, True)


def _add_url(url: str, folder: Path) -> Added:
    data, content_type = fetch(url)
    parsed = urlparse(url)
    site = re.sub(r"[^A-Za-z0-9.-]+", "-", parsed.hostname or "web").strip(".-") or "web"
    target_dir = folder / site
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / _file_name(parsed.path, content_type, data)
    if target.exists() and target.read_bytes() == data:
        return Added(target, _articles_in(target, url), False)
    target = _free_name(target)
    # Written under a hidden name (never read as an article) and renamed once it proves readable.
    handle, temporary = tempfile.mkstemp(prefix=".adding-", suffix=target.suffix, dir=target_dir)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        articles = _articles_in(Path(temporary), url)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return Added(target, articles, True)


def fetch(url: str) -> tuple[bytes, str]:
    """The body and content type at ``url``; AddError (one line) when it cannot be had."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            data = response.read(MAX_FILE_BYTES + 1)
            content_type = response.headers.get_content_type()
    except urllib.error.HTTPError as error:
        raise AddError(f"{url}: the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise AddError(f"{url}: unreachable ({_reason(error.reason)})") from None
    except (TimeoutError, socket.timeout):
        raise AddError(f"{url}: unreachable (no answer in {FETCH_TIMEOUT}s)") from None
    except (OSError, ValueError) as error:
        raise AddError(f"{url}: unreachable ({_reason(error)})") from None
    if len(data) > MAX_FILE_BYTES:
        raise AddError(f"{url}: larger than {MAX_FILE_BYTES // 1_000_000} MB, not an article")
    if not data.strip():
        raise AddError(f"{url}: the page is empty")
    return data, content_type


def _articles_in(path: Path, shown: str) -> int:
    """How many articles the file holds; AddError when none (a malformed feed, a bare page)."""
    try:
        articles, _notes = read_file(path, path.name)
    except ValueError as error:
        raise AddError(f"{shown}: {error}") from None
    if not articles:
        raise AddError(f"{shown}: no article text in it")
    return len(articles)


def _file_name(url_path: str, content_type: str, data: bytes) -> str:
    """A file name for fetched data: the address's own name, with the suffix its type calls for."""
    name = PurePosixPath(unquote(url_path)).name
    stem, suffix = os.path.splitext(name)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip(".-")[:80] or "index"
    if suffix.lower() in ARTICLE_SUFFIXES:
        return f"{stem}{suffix.lower()}"
    if looks_like_feed(data):
        return f"{stem}.rss"
    if content_type in _TYPE_SUFFIXES:
        return stem + _TYPE_SUFFIXES[content_type]
    markup = re.search(rb"<html|<body|<p\b", data[:4096], re.IGNORECASE)
    return stem + (".html" if markup else ".txt")


def _free_name(target: Path) -> Path:
    """``target``, or ``name-2.ext``, ``name-3.ext``...: an added file never replaces another."""
    candidate, number = target, 1
    while candidate.exists():
        number += 1
        candidate = target.with_name(f"{target.stem}-{number}{target.suffix}")
    return candidate


def _within(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def _reason(reason: object) -> str:
    text = getattr(reason, "strerror", None) or str(reason)
    return " ".join(str(text).split())[:160] or "no answer"
