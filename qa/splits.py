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


CALIBRATION_SEED = "qa-calibration-1"
CALIBRATION_SHARE = 0.25


def in_calibration(article_key: str, part_key: str | None = None) -> bool:
    """Whether a part of a tuning-half article (a SQuAD paragraph, a news sentence) is set aside
    from training the reader: the scorer and its refusal threshold are fitted there, on answers
    the reader has never been taught, so that a probability means the same on unseen text."""
    digest = hashlib.sha256(f"{CALIBRATION_SEED}:{part_key or article_key}".encode()).digest()
    return split_of(article_key) == TUNE and digest[0] < 256 * CALIBRATION_SHARE
