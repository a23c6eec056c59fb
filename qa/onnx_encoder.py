"""The packaged model on ONNX Runtime: exported once from torch, cached, optionally int8.

The export lives in the user's cache folder (``$QA_CACHE_DIR``, else ``$XDG_CACHE_HOME/qa``,
else ``~/.cache/qa``), never beside the installed package. Each ``.onnx`` file has a small
JSON stamp holding its SHA-256 and a fingerprint of the source model; a file whose stamp is
missing, stale or does not match is exported again. Files are written under a temporary name
and renamed into place, so a crash never leaves a half-written model that looks finished.

Pooling matches sentence-transformers: the mean of the token states under the attention mask,
then L2 normalisation.
"""

from __future__ import annotations

import hashlib
import json
import os
import logging
import tempfile
import threading
import warnings
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import numpy as np

EXPORT_VERSION = 1  # bump when the export or quantisation recipe changes
MAX_TOKENS = 256  # the packaged model's max_seq_length (sentence_bert_config.json)
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
PRECISIONS = ("fp32", "int8")


def cache_root() -> Path:
    explicit = os.environ.get("QA_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "qa"


def default_threads() -> int:
    """ONNX Runtime threads: every core this process may use (measured best on 2 cores)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class OnnxEmbedder:
    """all-MiniLM-L6-v2 on ONNX Runtime, fp32 or per-channel dynamic int8."""

    dimension = 384

    def __init__(self, name: str, precision: str, threads: int | None = None) -> None:
        if precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, not {precision!r}")
        self.name = name
        self.precision = precision
        self.threads = threads or default_threads()
        self._session = None
        self._tokenizer = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._session is not None

    def load(self):
        with self._lock:
            if self._session is None:
                from .embedding import packaged_model_dir

                model_dir = packaged_model_dir()
                path = cached_model(model_dir, self.precision)
                self._tokenizer = _tokenizer(model_dir)
                self._session = make_session(path, self.threads)
        return self._session

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return vectors
        session = self.load()
        # Batches of similar length waste little on padding; rows go back in input order.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(texts), batch_size):
            rows = order[start : start + batch_size]
            vectors[rows] = self._encode_batch(session, [texts[i] for i in rows])
        return vectors

    def _encode_batch(self, session, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        feeds = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        (states,) = session.run(None, feeds)
        return mean_pool_normalise(states, feeds["attention_mask"])


def mean_pool_normalise(states: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """sentence-transformers' mean pooling, then its Normalize module (eps as in torch)."""
    weights = mask[:, :, None].astype(np.float32)
    summed = (states * weights).sum(axis=1)
    counts = np.clip(weights.sum(axis=1), 1e-9, None)
    pooled = summed / counts
    norms = np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
    return (pooled / norms).astype(np.float32)


# ----- the cache ------------------------------------------------------------------------------


def cached_model(model_dir: Path, precision: str, root: Path | None = None) -> Path:
    """Path of a valid cached export, exporting (and quantising) first when needed."""
    return cached_export((root or cache_root()) / "onnx", "all-MiniLM-L6-v2", source_fingerprint(model_dir),
                         precision, lambda tmp: export_fp32(model_dir, tmp))


def cached_export(folder: Path, stem: str, fingerprint: str, precision: str,
                  export: Callable[[Path], None]) -> Path:
    """``<stem>-fp32.onnx`` made by ``export`` (and ``<stem>-int8.onnx`` quantised from it),
    each made again when missing, damaged or from another ``fingerprint``."""
    fp32 = folder / f"{stem}-fp32.onnx"
    if not is_valid(fp32, fingerprint):
        write_atomically(fp32, fingerprint, export)
    if precision == "fp32":
        return fp32
    int8 = folder / f"{stem}-int8.onnx"
    if not is_valid(int8, fingerprint):
        write_atomically(int8, fingerprint, lambda tmp: quantise_int8(fp32, tmp))
    return int8


def source_fingerprint(model_dir: Path) -> str:
    """Changes when the packaged weights, their config or the export recipe change."""
    digest = hashlib.sha256(f"export {EXPORT_VERSION}".encode())
    for name in ("config.json", "tokenizer.json", "sentence_bert_config.json"):
        digest.update((model_dir / name).read_bytes())
    weights = (model_dir / "model.safetensors").stat()
    digest.update(f"{weights.st_size}:{weights.st_mtime_ns}".encode())
    return digest.hexdigest()


def _stamp_path(path: Path) -> Path:
    return path.with_suffix(".json")


def is_valid(path: Path, fingerprint: str) -> bool:
    try:
        stamp = json.loads(_stamp_path(path).read_text(encoding="utf-8"))
        return (
            isinstance(stamp, dict)
            and stamp.get("source") == fingerprint
            and stamp.get("sha256") == file_sha256(path)
        )
    except (OSError, ValueError):
        return False


def write_atomically(path: Path, fingerprint: str, produce: Callable[[Path], None]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".onnx", dir=path.parent)
    os.close(handle)
    tmp = Path(temporary)
    try:
        produce(tmp)
        stamp = {"source": fingerprint, "sha256": file_sha256(tmp)}
        os.replace(tmp, path)
        _write_text_atomically(_stamp_path(path), json.dumps(stamp))
    finally:
        tmp.unlink(missing_ok=True)


def _write_text_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".json", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ----- export and quantisation ----------------------------------------------------------------


def export_fp32(model_dir: Path, target: Path) -> None:
    """Trace the transformer (token states out; pooling stays in numpy) to ONNX."""
    import torch
    from transformers import AutoModel

    from .embedding import quiet_transformers

    quiet_transformers()  # no weight-loading bar on the first build's terminal
    model = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()

    class TokenStates(torch.nn.Module):
        def __init__(self, inner) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    # A padded example, so the trace keeps the attention-mask path for every batch.
    ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]])
    mask = (ids != 0).long()
    axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUTS, "last_hidden_state")}
    with torch.no_grad(), quiet():
        torch.onnx.export(
            TokenStates(model), (ids, mask, torch.zeros_like(ids)), str(target),
            input_names=list(INPUTS), output_names=["last_hidden_state"],
            dynamic_axes=axes, opset_version=17, dynamo=False,
        )


def quantise_int8(source: Path, target: Path) -> None:
    """Per-channel dynamic int8 weights; activations are quantised on the fly."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with quiet():
        quantize_dynamic(str(source), str(target), per_channel=True, weight_type=QuantType.QInt8)


@contextmanager
def quiet():
    """Silence the exporter's tracer warnings and the quantiser's root-logger advice.

    The quantiser logs through the root logger, which would configure logging for the whole
    process; a handler held on it meanwhile prevents that.
    """
    root = logging.getLogger()
    sink = logging.NullHandler()
    root.addHandler(sink)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        root.removeHandler(sink)


# ----- runtime pieces -------------------------------------------------------------------------


def _tokenizer(model_dir: Path):
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    # The file pads every text to 128; the model reads up to 256 and batches pad to the longest.
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return tokenizer


def make_session(path: Path, threads: int):
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    # Idle worker threads sleep rather than spin: on a busy 2-core machine spinning threads
    # took CPU from the work itself (2 threads ran slower than 1 in benchmarks/encoder.py).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return onnxruntime.InferenceSession(
        str(path), sess_options=options, providers=["CPUExecutionProvider"]
    )
