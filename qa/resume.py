"""Embeddings a build has finished, kept on disk until it commits, so that a build killed
part-way (kill -9, Ctrl-C, a crash) is resumed by the next one instead of redone.

One append-only file per model in the index folder: a record per passage, the key (a hash of the
text embedded) then its vector. Each batch is appended and fsynced; a torn last record (the
process died mid-write) is ignored. The file goes once the build's segment is committed.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np

KEY_BYTES = 16
PREFIX = ".embeddings-"


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=KEY_BYTES).digest()


class EmbeddingScratch:
    def __init__(self, folder: Path, model: str, dimension: int) -> None:
        tag = hashlib.blake2b(f"{model}\0{dimension}".encode(), digest_size=6).hexdigest()
        self.path = Path(folder) / f"{PREFIX}{tag}.partial"
        self.dimension = dimension
        self._record = KEY_BYTES + 4 * dimension

    def read(self) -> dict[bytes, np.ndarray]:
        """Vectors of earlier, uncommitted builds, by text key (empty when there are none)."""
        try:
            raw = self.path.read_bytes()
        except OSError:
            return {}
        count = len(raw) // self._record
        records = np.frombuffer(raw, dtype=np.uint8, count=count * self._record).reshape(count, self._record)
        vectors = records[:, KEY_BYTES:].copy().view(np.float32)
        return {bytes(records[i, :KEY_BYTES]): vectors[i] for i in range(count)}

    def append(self, keys: list[bytes], vectors: np.ndarray) -> None:
        """Add one finished batch, durably. A failure to write only loses the head start."""
        payload = b"".join(
            key + np.ascontiguousarray(vector, dtype=np.float32).tobytes() for key, vector in zip(keys, vectors)
        )
        _append_durably(self.path, payload, record=self._record)

    def clear(self) -> None:
        """After a commit: this file and those of other models are no use any more."""
        _remove_all(self.path.parent, PREFIX)


RECORDS_PREFIX = ".meetings-"


class RecordsScratch:
    """Meeting records a build has extracted, kept like the embeddings until it commits: a
    resumed build extracts only the articles left. One JSON line a batch of articles."""

    def __init__(self, folder: Path, extractor: int) -> None:
        self.path = Path(folder) / f"{RECORDS_PREFIX}{extractor}.partial"

    def read(self) -> dict[str, list[dict]]:
        """Records of earlier, uncommitted builds, by ``article_key`` (empty when none)."""
        found: dict[str, list[dict]] = {}
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return found
        for line in lines:
            try:
                batch = json.loads(line)
                found.update({key: list(records) for key, records in batch.items()})
            except (ValueError, AttributeError, TypeError):
                continue  # a torn last line: the process died mid-write
        return found

    def append(self, batch: dict[str, list[dict]]) -> None:
        # A line of its own even after a torn one (ASCII JSON, so bytes are characters).
        _append_durably(self.path, ("\n" + json.dumps(batch, ensure_ascii=True) + "\n").encode("ascii"))

    def clear(self) -> None:
        _remove_all(self.path.parent, RECORDS_PREFIX)


def article_key(article_id: str, digest: str) -> str:
    return f"{article_id}\0{digest}"


def _append_durably(path: Path, payload: bytes, record: int = 1) -> None:
    """Append and fsync; a torn last record (of ``record`` bytes) is cut off first. A failure to
    write only loses the head start."""
    try:
        with open(path, "ab") as handle:
            if record > 1:
                handle.truncate(handle.tell() - handle.tell() % record)
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        pass


def _remove_all(folder: Path, prefix: str) -> None:
    for entry in folder.glob(f"{prefix}*.partial"):
        entry.unlink(missing_ok=True)
