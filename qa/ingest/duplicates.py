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
from collections.abc import Iterator

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


def merge_duplicates(articles: list[Article]) -> tuple[list[Article], int]:
    """The articles with each group of near-identical ones folded into its first; and how many
    were folded."""
    shingles = [_shingles(article) for article in articles]
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
            labels = [copy_label(articles[i]) for i in members[1:]]
            copies = tuple(dict.fromkeys([*article.copies, *labels]))
            article = dataclasses.replace(article, copies=copies)
        kept.append(article)
    return kept, len(articles) - len(kept)


def copy_label(article: Article) -> str:
    """Where a copy was published, as a citation names it."""
    where = article.source or article.id
    return f"{article.publisher} ({where})" if article.publisher else where


def _shingles(article: Article) -> frozenset[int]:
    words = re.findall(r"\w+", article.text.lower())
    return frozenset(
        zlib.crc32(" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8", "surrogatepass"))
        for i in range(max(0, len(words) - SHINGLE_WORDS + 1))
    )


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _candidate_pairs(shingles: list[frozenset[int]]) -> Iterator[tuple[int, int]]:
    """Pairs that share a band of their MinHash signatures: the likely near-duplicates."""
    rng = np.random.default_rng(_SEED)
    a = rng.integers(1, _PRIME, PERMUTATIONS, dtype=np.uint64)[:, None]
    b = rng.integers(0, _PRIME, PERMUTATIONS, dtype=np.uint64)[:, None]
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    for index, hashes in enumerate(shingles):
        if len(hashes) < MIN_SHINGLES:
            continue
        values = np.fromiter(hashes, dtype=np.uint64, count=len(hashes)) % np.uint64(_PRIME)
        signature = ((a * values[None, :] + b) % np.uint64(_PRIME)).min(axis=1)
        for band in range(PERMUTATIONS // ROWS_PER_BAND):
            rows = signature[band * ROWS_PER_BAND : (band + 1) * ROWS_PER_BAND]
            buckets[(band, rows.tobytes())].append(index)
    seen: set[tuple[int, int]] = set()
    for members in buckets.values():
        # Each member against the bucket's first: enough to join a group, and linear in size.
        for other in members[1:]:
            pair = (members[0], other)
            if pair not in seen:
                seen.add(pair)
                yield pair
