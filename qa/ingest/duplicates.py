"""Near-identical articles (wire copy republished by several sites) are indexed once.

Articles are compared by the word 3-grams (shingles) of their text: MinHash signatures banded
into buckets find the candidate pairs without comparing every pair, and a pair is merged when its
exact Jaccard similarity reaches SIMILARITY. The first article of a group (in the order given)
stays, naming where the others were published; the others are not indexed, so their passages
and meetings are not counted twice.
"""

from __future__ import annotations

import dataclasses
import re
import zlib
from collections import defaultdict

import numpy as np

from ..models import Article

SHINGLE_WORDS = 3
# Shorter texts are never merged: a few words in common say little (two one-line briefs).
MIN_SHINGLES = 8
# Republished copy differs by a credit line or a sentence of page furniture; rewrites of a
# story by another outlet share far fewer 3-grams.
SIMILARITY = 0.8
PERMUTATIONS = 64
ROWS_PER_BAND = 4  # 16 bands of 4: a pair at similarity 0.8 is a candidate with p > 0.999
_PRIME = (1 << 31) - 1  # keeps a*h+b below 2**63: exact in uint64
_SEED = 20250303
_BATCH_SHINGLES = 200_000  # shingles permuted at once (PERMUTATIONS x this many uint64)
_WORD = re.compile(r"\w+")
# Odd 64-bit multipliers that mix several word codes (or signature rows) into one hash.
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 1], dtype=np.uint64)


def merge_duplicates(articles: list[Article]) -> tuple[list[Article], int]:
    """The articles with each group of near-identical ones folded into its first; and how many
    were folded."""
    shingles = _shingle_sets(articles)
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidate_pairs(shingles):
        if _jaccard(shingles[i], shingles[j]) >= SIMILARITY:
            a, b = root(i), root(j)
            parent[max(a, b)] = min(a, b)  # the group's first article stays
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(articles)):
        groups[root(i)].append(i)
    kept = []
    for first, members in sorted(groups.items()):
        article = articles[first]
        if len(members) > 1:
            copies = [articles[i] for i in members[1:]]
            article = dataclasses.replace(
                article,
                copies=tuple(dict.fromkeys([*article.copies, *(copy_label(c, article) for c in copies)])),
                copy_ids=(*article.copy_ids, *(c.id for c in copies)),
            )
        kept.append(article)
    return kept, len(articles) - len(kept)


def copy_label(copy: Article, kept: Article) -> str:
    """Where a copy was published, as a citation names it: its site and file or link, or its id
    when it shares its file with the article kept (two records of one collection)."""
    where = copy.source if copy.source and copy.source != kept.source else copy.id
    return f"{copy.publisher} ({where})" if copy.publisher else where


class _WordCodes(dict):
    """A 32-bit code per word, computed once per distinct word."""

    def __missing__(self, word: str) -> int:
        code = self[word] = zlib.crc32(word.encode("utf-8", "surrogatepass"))
        return code


def _shingle_sets(articles: list[Article]) -> list[np.ndarray]:
    """Each article's distinct shingle hashes, sorted (uint64; arithmetic wraps on purpose)."""
    codes = _WordCodes()
    sets = []
    for article in articles:
        words = _WORD.findall(article.text.lower())
        if len(words) < SHINGLE_WORDS:
            sets.append(np.zeros(0, dtype=np.uint64))
            continue
        ids = np.fromiter(map(codes.__getitem__, words), dtype=np.uint64, count=len(words))
        hashed = ids[:-2] * _MIX[0] + ids[1:-1] * _MIX[1] + ids[2:]
        sets.append(np.unique(hashed))
    return sets


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    shared = np.intersect1d(a, b, assume_unique=True).size
    union = a.size + b.size - shared
    return shared / union if union else 0.0


def _signatures(sets: list[np.ndarray], rows: list[int]) -> np.ndarray:
    """MinHash signatures (len(rows) x PERMUTATIONS) of the given sets, a batch at a time."""
    rng = np.random.default_rng(_SEED)
    a = rng.integers(1, _PRIME, PERMUTATIONS, dtype=np.uint64)[:, None]
    b = rng.integers(0, _PRIME, PERMUTATIONS, dtype=np.uint64)[:, None]
    prime = np.uint64(_PRIME)
    signatures = np.zeros((len(rows), PERMUTATIONS), dtype=np.uint64)
    start = 0
    while start < len(rows):
        end, size = start, 0
        while end < len(rows) and (end == start or size + sets[rows[end]].size <= _BATCH_SHINGLES):
            size += sets[rows[end]].size
            end += 1
        batch = [sets[i] % prime for i in rows[start:end]]
        offsets = np.cumsum([0] + [values.size for values in batch[:-1]])
        permuted = (a * np.concatenate(batch)[None, :] + b) % prime
        signatures[start:end] = np.minimum.reduceat(permuted, offsets, axis=1).T
        start = end
    return signatures


def _candidate_pairs(sets: list[np.ndarray]) -> list[tuple[int, int]]:
    """Pairs that share a band of their MinHash signatures: the likely near-duplicates."""
    rows = [i for i, values in enumerate(sets) if values.size >= MIN_SHINGLES]
    if len(rows) < 2:
        return []
    signatures = _signatures(sets, rows)
    index = np.asarray(rows, dtype=np.int64)
    found: set[tuple[int, int]] = set()
    for band in range(PERMUTATIONS // ROWS_PER_BAND):
        part = signatures[:, band * ROWS_PER_BAND : (band + 1) * ROWS_PER_BAND]
        keys = part @ _MIX[: ROWS_PER_BAND]  # one wrapping hash of the band's rows
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        starts = np.r_[True, ordered[1:] != ordered[:-1]]
        first = order[np.maximum.accumulate(np.where(starts, np.arange(len(order)), 0))]
        # Each member against its bucket's first: enough to join a group, linear in its size.
        for i, j in zip(index[first[~starts]], index[order[~starts]]):
            found.add((int(i), int(j)))
    return sorted(found)


# ----- for builds that do not read unchanged files: signatures kept in the index --------------


def signatures_of(articles: list[Article]) -> np.ndarray:
    """MinHash signature of each article (uint64, PERMUTATIONS a row); an article too short to
    be merged gets a row of zeros."""
    sets = _shingle_sets(articles)
    rows = [i for i, values in enumerate(sets) if values.size >= MIN_SHINGLES]
    signatures = np.zeros((len(articles), PERMUTATIONS), dtype=np.uint64)
    if rows:
        signatures[rows] = _signatures(sets, rows)
    return signatures


def colliding(new: np.ndarray, old: np.ndarray) -> np.ndarray:
    """Rows of ``old`` that share a signature band with a row of ``new``: articles that may be
    near-duplicates of a new one (zero rows, the too-short ones, never collide)."""
    if not len(new) or not len(old):
        return np.zeros(0, dtype=np.int64)
    new, old = new[new.any(axis=1)], np.asarray(old)
    hit = np.zeros(len(old), dtype=bool)
    for band in range(PERMUTATIONS // ROWS_PER_BAND):
        columns = slice(band * ROWS_PER_BAND, (band + 1) * ROWS_PER_BAND)
        new_keys = new[:, columns] @ _MIX[:ROWS_PER_BAND]
        old_keys = old[:, columns] @ _MIX[:ROWS_PER_BAND]
        hit |= np.isin(old_keys, new_keys) & old.any(axis=1)
    return np.flatnonzero(hit)
