"""The fixed tuning / held-out split of every dev set, by article.

Rules and weights are tuned on the tuning half only; figures are reported for both halves. The
split is a pure function of the article's key (a seeded hash), so it never changes when a set
grows, and an article's questions or meetings always fall in the same half.
"""

from __future__ import annotations

import hashlib

SPLIT_SEED = "qa-dev-split-1"
TUNE, HELDOUT = "tune", "heldout"


def split_of(article_key: str) -> str:
    """``"tune"`` or ``"heldout"`` for one article (its id, or a SQuAD article's title)."""
    digest = hashlib.sha256(f"{SPLIT_SEED}:{article_key}".encode()).digest()
    return HELDOUT if digest[0] & 1 else TUNE
