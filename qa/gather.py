"""What a build reads: every file that changed, none that did not.

The manifest keeps, for each article file, its size, modification time and the ids of the
articles read from it. A file whose size and time are unchanged is not read again: its articles
stay in the index as they are. So adding one article to a collection of thousands reads one
file, not the collection.

Near-duplicates still fold across old and new: the index keeps a MinHash signature of every
article (``minhash.npy`` in each segment). A new article whose signature shares a band with an
indexed one has that article's file read again, and the two are compared as in a full read. A
group of duplicates is also read again whole when one of its files changes or goes, so the
article kept and the copies it names stay right.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .articles import read_articles, read_file
from .ingest.duplicates import colliding, merge_duplicates, signatures_of
from .models import Article
from .store import IndexStore


@dataclass
class Gathered:
    articles: list[Article]  # read this build, near-duplicates folded
    unread: list[str] = field(default_factory=list)  # indexed articles of unchanged files
    files: dict[str, dict[str, Any]] = field(default_factory=dict)  # for the new manifest
    duplicates: int = 0  # articles folded into another


def gather(seeds_dir: Path, previous: dict[str, Any] | None, store: IndexStore,
           warn: Callable[[str], None]) -> Gathered:
    """The articles a build must process, and the indexed ones it can keep unread (those of
    ``previous``, the live manifest, when its articles can be kept as they are)."""
    known = _known_signatures(previous, store)
    if known is None:  # nothing to reuse (or an index from before signatures): read them all
        result = read_articles(seeds_dir, on_warning=warn)
        articles, folded = merge_duplicates(result.articles)
        return Gathered(articles, [], result.files, folded)
    old_files: dict[str, dict] = previous["files"]
    result = read_articles(seeds_dir, on_warning=warn,
                           reuse=lambda relative, stat: _unchanged(old_files.get(relative), stat))
    family = _Family(previous)
    reread = family.files_to_refold(set(old_files) - result.reused)
    ids, signatures = known
    for row in colliding(signatures_of(result.articles), signatures):
        reread.add(family.file_of.get(ids[row], ""))
    articles = list(result.articles)
    files = {relative: stat for relative, stat in result.files.items() if relative not in result.reused}
    done: set[str] = set()
    while todo := (reread & result.reused) - done:
        for relative in sorted(todo):
            done.add(relative)
            read = _read_again(result.paths[relative], relative, warn)
            articles += read
            if read:
                files[relative] = {**result.files[relative], "ids": [a.id for a in read]}
            reread |= family.files_to_refold({relative})
    files.update({relative: {**result.files[relative], "ids": old_files[relative]["ids"]}
                  for relative in result.reused - done})
    indexed = previous["articles"]
    unread = [i for relative in sorted(result.reused - done) for i in old_files[relative]["ids"] if i in indexed]
    articles.sort(key=lambda a: a.id)
    folded, count = merge_duplicates(articles)
    count += sum(len(indexed[i].get("copy_ids") or []) for i in unread)  # folded before, still folded
    return Gathered(folded, unread, files, count)


def _unchanged(old: dict | None, stat: dict[str, Any]) -> bool:
    return bool(old) and old.get("size") == stat["size"] and old.get("mtime_ns") == stat["mtime_ns"]


def _known_signatures(previous: dict[str, Any] | None, store: IndexStore) -> tuple[list[str], np.ndarray] | None:
    """Ids and MinHash signatures of the indexed articles; None when files cannot be reused."""
    if not previous or not isinstance(previous.get("files"), dict):
        return None
    entries = previous["articles"]
    ids: list[str] = []
    parts: list[np.ndarray] = []
    for segment in previous.get("segments", []):
        name = segment["name"]
        signatures = store.segments.signatures(name)
        if signatures is None:
            return None
        names, _offsets = store.segments.article_index(name)
        rows = [row for row, i in enumerate(names) if entries.get(i, {}).get("segment") == name]
        ids += [names[row] for row in rows]
        parts.append(np.asarray(signatures)[rows])
    return ids, (np.concatenate(parts) if parts else np.zeros((0, 1), dtype=np.uint64))


class _Family:
    """Which file each indexed article (or folded copy) came from, and its duplicate group."""

    def __init__(self, previous: dict[str, Any]) -> None:
        self.file_of = {i: relative for relative, f in previous["files"].items() for i in f.get("ids", [])}
        self.ids_of = {relative: f.get("ids", []) for relative, f in previous["files"].items()}
        self.kept_of: dict[str, str] = {}
        self.copies_of: dict[str, list[str]] = {}
        for kept, entry in previous["articles"].items():
            for copy in entry.get("copy_ids") or []:
                self.kept_of[copy] = kept
                self.copies_of.setdefault(kept, []).append(copy)

    def files_to_refold(self, changed: set[str]) -> set[str]:
        """Files of the duplicate groups that articles of ``changed`` files belong to."""
        files: set[str] = set()
        for relative in changed:
            for i in self.ids_of.get(relative, []):
                kept = self.kept_of.get(i, i)
                files.add(self.file_of.get(kept, ""))
                files.update(self.file_of.get(c, "") for c in self.copies_of.get(kept, []))
        files.discard("")
        return files


def _read_again(path: Path, relative: str, warn: Callable[[str], None]) -> list[Article]:
    try:
        articles, notes = read_file(path, relative)
    except Exception as error:  # noqa: BLE001 - as in a full read: one warning, the rest goes on
        warn(f"skipped {relative}: {error}")
        return []
    if notes:
        warn(f"{relative}: {'; '.join(notes)}")
    return articles
