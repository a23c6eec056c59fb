"""The span reader on ONNX Runtime: exported once from the shipped weights, cached, int8.

The export sits beside the encoder's in the user's cache folder (``qa.onnx_encoder``), stamped
with a fingerprint of the packaged model, the reader's weights and this recipe; any change
exports again. On this machine the int8 reader reads three passages in well under half the
time torch's dynamic int8 takes (benchmarks/answers.py prints the answer time per question).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from ..embedding import packaged_model_dir
from ..onnx_encoder import (
    INPUTS, cache_root, cached_export, default_threads, file_sha256, make_session, quiet, source_fingerprint,
)
from .reader import PairBatch, ReaderConfig, trained_model

READER_EXPORT_VERSION = 1  # bump when the export or quantisation recipe changes


class OnnxLogits:
    """Start and end logits of a batch of (question, passage) pairs."""

    def __init__(self, weights: Path, config: ReaderConfig, threads: int | None = None) -> None:
        path = cached_reader(weights, "int8" if config.int8 else "fp32")
        self.session = make_session(path, threads or default_threads())

    def __call__(self, batch: PairBatch) -> tuple[np.ndarray, np.ndarray]:
        start, end = self.session.run(None, dict(zip(INPUTS, (batch.ids, batch.mask, batch.types))))
        return start, end


def cached_reader(weights: Path, precision: str, root: Path | None = None) -> Path:
    """Path of a valid cached export of the reader, exporting (and quantising) first if needed."""
    return cached_export((root or cache_root()) / "onnx", "reader", reader_fingerprint(weights), precision,
                         lambda tmp: export_reader(weights, tmp))


def reader_fingerprint(weights: Path) -> str:
    digest = hashlib.sha256(f"reader export {READER_EXPORT_VERSION}".encode())
    digest.update(source_fingerprint(packaged_model_dir()).encode())
    digest.update((weights / "reader.json").read_bytes())
    digest.update(file_sha256(weights / "reader.safetensors").encode())
    return digest.hexdigest()


def export_reader(weights: Path, target: Path) -> None:
    """Trace the fp32 reader (token ids in, start and end logits out) to ONNX."""
    import torch

    model = trained_model(weights, int8=False)
    # A padded example, so the trace keeps the attention-mask path for every batch.
    ids = torch.tensor([[101, 7592, 102, 2088, 102], [101, 7592, 102, 2088, 0]])
    mask = (ids != 0).long()
    types = torch.tensor([[0, 0, 0, 1, 1], [0, 0, 0, 1, 0]])
    axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUTS, "start", "end")}
    with torch.no_grad(), quiet():
        torch.onnx.export(
            model, (ids, mask, types), str(target), input_names=list(INPUTS),
            output_names=["start", "end"], dynamic_axes=axes, opset_version=17, dynamo=False,
        )
