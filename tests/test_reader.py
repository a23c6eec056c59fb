"""The span reader: pair tokenisation, span choice, the ONNX export cache, the two backends."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from qa import onnx_encoder
from qa.answer import reader_onnx
from qa.answer.reader import (
    MAX_QUESTION_TOKENS, PairBatch, Reader, best_spans, pair_tokenizer, tokenize_pairs, top_spans,
)

PASSAGE = ("The Skarn ferry company was founded in 1921 by Ida Brenner, a shipwright from Tolvik. "
           "Its first boat carried forty passengers between the islands.")


@pytest.fixture(scope="module")
def tokenizer():
    return pair_tokenizer(max_tokens=64)


def test_pairs_cut_the_passage_never_the_question(tokenizer):
    question = "Who founded the Skarn ferry company?"
    batch = tokenize_pairs(tokenizer, question, [PASSAGE * 5, "Short."])
    assert batch.ids.shape == (2, 64)  # the long pair is cut to 64, the short one padded to it
    first = batch.sequence_ids[0]
    asked = [i for i, s in enumerate(first) if s == 0]
    assert tokenizer.pairs.decode([int(batch.ids[0][i]) for i in asked]) == question.lower()
    assert batch.mask[1].sum() < 64 and batch.mask[0].sum() == 64


def test_offsets_of_passage_tokens_point_into_the_passage(tokenizer):
    batch = tokenize_pairs(tokenizer, "Who?", [PASSAGE])
    for token, (start, end), sequence in zip(batch.ids[0], batch.offsets[0], batch.sequence_ids[0]):
        if sequence == 1:
            assert PASSAGE[start:end].lower() == tokenizer.pairs.id_to_token(int(token)).removeprefix("##")


def test_a_run_on_question_is_cut_so_the_passage_is_still_read(tokenizer):
    question = " ".join(["why"] * 200)
    batch = tokenize_pairs(tokenizer, question, [PASSAGE])
    assert sum(1 for s in batch.sequence_ids[0] if s == 0) == MAX_QUESTION_TOKENS
    assert any(s == 1 for s in batch.sequence_ids[0])


def _batch(sequence: list[int | None], offsets: list[tuple[int, int]]) -> PairBatch:
    n = len(sequence)
    zeros = np.zeros((1, n), dtype=np.int64)
    return PairBatch(zeros, zeros + 1, zeros, [sequence], [offsets])


def test_best_span_is_the_highest_start_plus_end_inside_the_passage():
    sequence = [None, 0, 0, None, 1, 1, 1, 1, None]
    offsets = [(0, 0), (0, 3), (4, 7), (0, 0), (0, 3), (4, 9), (10, 14), (15, 20), (0, 0)]
    start = np.array([[1.0, 9.0, 0, 0, 0.5, 3.0, 0, 0, 0]])  # 9.0 is a question token: never chosen
    end = np.array([[1.0, 0, 9.0, 0, 0, 0, 4.0, 1.0, 0]])
    (span,) = best_spans(start, end, _batch(sequence, offsets))
    assert span[:2] == (4, 14) and span[2] == pytest.approx(7.0) and span[3] == pytest.approx(2.0)


def test_a_span_never_ends_before_it_starts_nor_runs_too_long():
    sequence = [None] + [1] * 10 + [None]
    offsets = [(0, 0)] + [(2 * i, 2 * i + 1) for i in range(10)] + [(0, 0)]
    start = np.zeros((1, 12))
    end = np.zeros((1, 12))
    start[0, 8], end[0, 2] = 5.0, 5.0  # the best pair is backwards
    end[0, 9] = 1.0
    (span,) = best_spans(start, end, _batch(sequence, offsets), max_answer_tokens=3)
    assert span[:2] == (14, 17)  # token 8 to token 9


def test_next_spans_are_the_best_that_do_not_overlap_the_ones_before():
    sequence = [None, 0, None, 1, 1, 1, 1, 1, None]
    offsets = [(0, 0), (0, 3), (0, 0), (0, 3), (4, 9), (10, 14), (15, 20), (21, 25), (0, 0)]
    start = np.array([[0.0, 0, 0, 0, 6.0, 5.0, 0, 2.0, 0]])
    end = np.array([[0.0, 0, 0, 0, 0, 6.0, 1.0, 0, 2.5]])  # the last one is a special token
    spans = top_spans(start, end, _batch(sequence, offsets), per_row=3)[0]
    assert [s[:2] for s in spans] == [(4, 14), (21, 25), (15, 20)]  # (10, 14) overlaps the first
    assert spans[0][2] > spans[1][2] > spans[2][2]


# ----- the ONNX export cache --------------------------------------------------------------------


@pytest.fixture
def fake_weights(tmp_path) -> Path:
    folder = tmp_path / "weights"
    folder.mkdir()
    (folder / "reader.json").write_text('{"trained_layers": 4}')
    (folder / "reader.safetensors").write_bytes(b"trained")
    return folder


@pytest.fixture
def reader_exports(monkeypatch) -> list[str]:
    made: list[str] = []

    def export(weights, target):
        made.append("fp32")
        Path(target).write_bytes(b"reader fp32")

    def quantise(source, target):
        made.append("int8")
        Path(target).write_bytes(b"int8 of " + Path(source).read_bytes())

    monkeypatch.setattr(reader_onnx, "export_reader", export)
    monkeypatch.setattr(onnx_encoder, "quantise_int8", quantise)
    return made


def test_reader_export_is_cached_and_redone_when_the_weights_change(fake_weights, reader_exports, tmp_path):
    cache = tmp_path / "cache"
    first = reader_onnx.cached_reader(fake_weights, "int8", root=cache)
    assert reader_onnx.cached_reader(fake_weights, "int8", root=cache) == first
    assert reader_exports == ["fp32", "int8"] and first.read_bytes() == b"int8 of reader fp32"
    (fake_weights / "reader.safetensors").write_bytes(b"retrained")
    reader_onnx.cached_reader(fake_weights, "int8", root=cache)
    assert reader_exports == ["fp32", "int8", "fp32", "int8"]
    assert not [p for p in (cache / "onnx").iterdir() if p.name.startswith(".")]


# ----- the shipped reader on both backends ------------------------------------------------------


def test_both_backends_read_the_same_answer():
    question = "Who founded the Skarn ferry company?"
    passages = [PASSAGE, "Tolvik lies on the northern coast."]
    spans = {backend: Reader(backend=backend).read(question, passages) for backend in ("onnx", "torch")}
    for backend, (first, second) in spans.items():
        assert PASSAGE[first.start:first.end] == "Ida Brenner", backend
        assert first.margin > second.margin, backend
