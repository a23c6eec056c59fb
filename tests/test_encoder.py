"""Encoder backends: choice and fallback, the ONNX export cache, and the backend in the manifest."""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

import numpy as np
import pytest

from qa import embedding, onnx_encoder
from qa.embedding import (
    DEFAULT_BACKEND,
    DEFAULT_MODEL,
    FallbackEmbedder,
    SentenceTransformerEmbedder,
    embedder_for,
    encoder_name,
)
from qa.engine import Engine
from qa.errors import IndexIncompatibleError, ModelUnavailableError

from .hashing import HashingEmbedder

# ----- choosing a backend -----------------------------------------------------------------------


def test_default_backend_is_named_in_the_embedder(monkeypatch):
    monkeypatch.delenv("QA_ENCODER", raising=False)
    embedder = embedder_for(DEFAULT_MODEL)
    assert isinstance(embedder, FallbackEmbedder)
    assert embedder.name == f"{DEFAULT_MODEL} {DEFAULT_BACKEND}"
    assert not embedder.loaded  # nothing heavy happens until the first encode


def test_environment_picks_the_backend(monkeypatch):
    monkeypatch.setenv("QA_ENCODER", "torch")
    assert isinstance(embedder_for(DEFAULT_MODEL), SentenceTransformerEmbedder)
    monkeypatch.setenv("QA_ENCODER", "onnx-fp32")
    assert embedder_for(DEFAULT_MODEL).name == f"{DEFAULT_MODEL} onnx-fp32"
    monkeypatch.setenv("QA_ENCODER", "gpu-magic")
    with pytest.raises(ModelUnavailableError, match="unknown encoder backend 'gpu-magic'"):
        embedder_for(DEFAULT_MODEL)


def test_a_recorded_encoder_name_picks_its_backend(monkeypatch):
    monkeypatch.setenv("QA_ENCODER", "torch")
    name = encoder_name(DEFAULT_MODEL, "onnx-fp32")
    assert embedder_for(name).name == name
    assert encoder_name(DEFAULT_MODEL, "torch") == DEFAULT_MODEL  # torch indexes keep loading


def test_missing_onnxruntime_falls_back_to_torch_with_one_warning(monkeypatch, caplog):
    monkeypatch.delenv("QA_ENCODER", raising=False)
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec",
        lambda name, *a: None if name == "onnxruntime" else real_find_spec(name, *a),
    )
    with caplog.at_level(logging.WARNING, logger="qa.embedding"):
        embedder = embedder_for(DEFAULT_MODEL)
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert [r.getMessage() for r in caplog.records] == [
        "warning: onnxruntime is not installed; using the torch encoder instead"
    ]


class StubTorch(HashingEmbedder):
    name = DEFAULT_MODEL

    def load(self):
        return self


def test_failing_onnx_session_falls_back_to_torch(monkeypatch, caplog):
    def broken(self):
        raise RuntimeError("onnxruntime could not read the model\nsecond line")

    monkeypatch.setattr(onnx_encoder.OnnxEmbedder, "load", broken)
    monkeypatch.setattr(embedding, "SentenceTransformerEmbedder", StubTorch)
    embedder = FallbackEmbedder("onnx-int8")
    with caplog.at_level(logging.WARNING, logger="qa.embedding"):
        vectors = embedder.encode(["Ministers met in Ankara.", "Rain in Oslo."])
        embedder.encode(["again"])
    assert vectors.shape == (2, 384)
    assert embedder.name == DEFAULT_MODEL  # what the index records follows the fallback
    assert len(caplog.records) == 1
    assert "onnx-int8 encoder failed (RuntimeError: onnxruntime could not read the model)" in (
        caplog.records[0].getMessage()
    )


def test_mean_pooling_ignores_padding_and_normalises():
    states = np.array([[[1.0, 0.0], [3.0, 0.0], [100.0, 100.0]]], dtype=np.float32)
    mask = np.array([[1, 1, 0]])
    pooled = onnx_encoder.mean_pool_normalise(states, mask)
    assert np.allclose(pooled, [[1.0, 0.0]])


# ----- the export cache -------------------------------------------------------------------------


@pytest.fixture
def fake_model_dir(tmp_path) -> Path:
    folder = tmp_path / "model"
    folder.mkdir()
    for name in ("config.json", "tokenizer.json", "sentence_bert_config.json"):
        (folder / name).write_text("{}")
    (folder / "model.safetensors").write_bytes(b"weights")
    return folder


@pytest.fixture
def exports(monkeypatch) -> list[str]:
    """Replaces the torch export and the quantiser with cheap writers; records each call."""
    made: list[str] = []

    def export(model_dir, target):
        made.append("fp32")
        Path(target).write_bytes(b"fp32 model")

    def quantise(source, target):
        made.append("int8")
        Path(target).write_bytes(b"int8 from " + Path(source).read_bytes())

    monkeypatch.setattr(onnx_encoder, "export_fp32", export)
    monkeypatch.setattr(onnx_encoder, "quantise_int8", quantise)
    return made


def test_export_is_cached_and_reused(fake_model_dir, exports, tmp_path):
    cache = tmp_path / "cache"
    first = onnx_encoder.cached_model(fake_model_dir, "int8", root=cache)
    again = onnx_encoder.cached_model(fake_model_dir, "int8", root=cache)
    assert first == again and first.read_bytes() == b"int8 from fp32 model"
    assert exports == ["fp32", "int8"]
    assert sorted(p.name for p in (cache / "onnx").iterdir()) == [
        "all-MiniLM-L6-v2-fp32.json", "all-MiniLM-L6-v2-fp32.onnx",
        "all-MiniLM-L6-v2-int8.json", "all-MiniLM-L6-v2-int8.onnx",
    ]  # no temporary files left behind


def test_corrupt_cached_model_is_exported_again(fake_model_dir, exports, tmp_path):
    cache = tmp_path / "cache"
    path = onnx_encoder.cached_model(fake_model_dir, "fp32", root=cache)
    path.write_bytes(b"fp32 mod")  # truncated
    onnx_encoder.cached_model(fake_model_dir, "fp32", root=cache)
    assert path.read_bytes() == b"fp32 model"
    path.with_suffix(".json").write_text("not json")
    onnx_encoder.cached_model(fake_model_dir, "fp32", root=cache)
    assert exports == ["fp32", "fp32", "fp32"]


def test_changed_source_model_makes_the_cache_stale(fake_model_dir, exports, tmp_path):
    cache = tmp_path / "cache"
    onnx_encoder.cached_model(fake_model_dir, "fp32", root=cache)
    (fake_model_dir / "model.safetensors").write_bytes(b"new weights")
    onnx_encoder.cached_model(fake_model_dir, "fp32", root=cache)
    assert exports == ["fp32", "fp32"]


def test_failed_export_leaves_no_file(fake_model_dir, monkeypatch, tmp_path):
    def crash(model_dir, target):
        Path(target).write_bytes(b"half")
        raise KeyboardInterrupt

    monkeypatch.setattr(onnx_encoder, "export_fp32", crash)
    with pytest.raises(KeyboardInterrupt):
        onnx_encoder.cached_model(fake_model_dir, "fp32", root=tmp_path / "cache")
    assert list((tmp_path / "cache" / "onnx").iterdir()) == []


def test_cache_lives_in_the_user_cache_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("QA_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert onnx_encoder.cache_root() == tmp_path / "qa"


# ----- the manifest -----------------------------------------------------------------------------


class NamedHashing(HashingEmbedder):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


def test_index_from_another_backend_is_reported_like_another_model(seeds_copy, tmp_path):
    index = tmp_path / "index"
    int8 = encoder_name(DEFAULT_MODEL, "onnx-int8")
    Engine(seeds_copy, index, embedder=NamedHashing(int8), meetings=False).build()
    other = Engine(seeds_copy, index, embedder=NamedHashing(DEFAULT_MODEL), meetings=False)
    with pytest.raises(IndexIncompatibleError) as caught:
        other.load_index()
    message = str(caught.value)
    assert "\n" not in message and "qa index build --full" in message
    assert f"built with model '{int8}'" in message


# ----- the real model, once ---------------------------------------------------------------------


@pytest.mark.model
def test_onnx_fp32_matches_torch(real_embedder, tmp_path_factory, monkeypatch):
    monkeypatch.setenv("QA_CACHE_DIR", str(tmp_path_factory.mktemp("onnx-cache")))
    texts = [
        "Turkey's intelligence chief met Syria's president in Damascus on Tuesday.",
        "Shares fell after the central bank raised interest rates.",
        "ok",
        " ".join(["A very long passage about the election."] * 60),  # past 256 tokens
    ]
    onnx = embedder_for(DEFAULT_MODEL, "onnx-fp32")
    cosine = (onnx.encode(texts, batch_size=2) * real_embedder.encode(texts)).sum(axis=1)
    assert cosine.min() >= 0.99
