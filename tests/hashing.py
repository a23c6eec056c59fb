"""A model-free embedder for tests, and how tests put it in place of the packaged model.

    install(monkeypatch)      # in a test: every engine the CLI makes embeds with it
    python -m tests.hashing   # the CLI itself, for tests that run it as a subprocess
"""

from __future__ import annotations

import hashlib

import numpy as np

from qa.text import words

HASHING_MODEL = "hashing-384"


class HashingEmbedder:
    """Deterministic bag-of-words vectors (feature hashing): fast, model-free, for tests.

    Texts sharing words get similar vectors, so retrieval behaves sensibly on small data.
    """

    name = HASHING_MODEL

    def __init__(self, dimension: int = 384) -> None:
        self.dimension = dimension
        self.calls: list[int] = []  # texts per encode call, so tests can count embedding work

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        self.calls.append(len(texts))
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in words(text):
                digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
                bucket = int.from_bytes(digest[:4], "little") % self.dimension
                vectors[row, bucket] += 1.0 if digest[4] & 1 else -1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return vectors / norms

    @property
    def embedded(self) -> int:
        return sum(self.calls)


def install(monkeypatch) -> None:
    """Engines made from now on (by the CLI too) embed with a fresh ``HashingEmbedder``."""
    factory = lambda name, backend=None: HashingEmbedder()  # noqa: E731
    monkeypatch.setattr("qa.engine.embedder_for", factory)
    monkeypatch.setattr("qa.embedding.embedder_for", factory)


if __name__ == "__main__":
    import qa.embedding
    import qa.engine
    from qa.cli import main

    qa.engine.embedder_for = qa.embedding.embedder_for = lambda name, backend=None: HashingEmbedder()
    main()
