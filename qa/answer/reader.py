"""The span reader: which words of a passage answer the question, and whether any do.

A small extractive model on top of the packaged MiniLM: the embedding model's first layers are
used as they ship, its last ``trained_layers`` layers and a start/end head are fine-tuned by
``scripts/train_reader.py`` (weights in ``weights/reader.safetensors``, a few MB). The model
reads ``[CLS] question [SEP] passage [SEP]``; the [CLS] position stands for "no answer here"
(as in SQuAD 2.0), so the reader also says how strongly a passage lacks an answer.

It runs on ONNX Runtime (``reader_onnx``: exported once from these weights and cached, int8),
or on torch where ONNX Runtime is missing or ``$QA_READER=torch``. Both read the same token ids
(``tokenize_pairs``) and pick spans the same way (``best_spans``). torch, transformers and
onnxruntime are imported on first use only.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

WEIGHTS = Path(__file__).resolve().parent / "weights"
MAX_QUESTION_TOKENS = 48
MAX_SEQUENCE_TOKENS = 256
MAX_ANSWER_TOKENS = 30
BACKEND_ENV = "QA_READER"  # onnx (the default) or torch


@dataclass(frozen=True)
class ReaderConfig:
    trained_layers: int = 2
    max_sequence_tokens: int = MAX_SEQUENCE_TOKENS
    # Dynamic int8 linear layers: twice as fast on the CPU, same figures (benchmarks/answers.py).
    int8: bool = True

    @classmethod
    def load(cls, path: Path) -> ReaderConfig:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Span:
    """An answer the reader found in one passage: character offsets into that passage's text."""

    passage: int  # index of the passage in the list given to ``read``
    start: int
    end: int
    score: float  # start + end logits of the span
    null_score: float  # start + end logits of [CLS]: "no answer in this passage"
    order: int = 0  # 0 for the passage's best span, 1 for the next that does not overlap it, ...

    @property
    def margin(self) -> float:
        return self.score - self.null_score


class PairBatch(NamedTuple):
    """Token ids of (question, passage) pairs, padded, with what maps tokens back to text."""

    ids: np.ndarray
    mask: np.ndarray
    types: np.ndarray
    sequence_ids: list[list[int | None]]  # 0: question, 1: passage, None: special or padding
    offsets: list[list[tuple[int, int]]]  # character offsets into the token's own text


class PairTokenizer(NamedTuple):
    pairs: Any  # cuts the passage (never the question) at max_tokens, pads to the longest pair
    questions: Any  # no limits: measures a question before it is paired


def pair_tokenizer(max_tokens: int = MAX_SEQUENCE_TOKENS) -> PairTokenizer:
    """The packaged model's tokenizer, set up for (question, passage) pairs."""
    from tokenizers import Tokenizer

    from ..embedding import packaged_model_dir

    path = str(packaged_model_dir() / "tokenizer.json")
    pairs, questions = Tokenizer.from_file(path), Tokenizer.from_file(path)
    pairs.enable_truncation(max_length=max_tokens, strategy="only_second")
    pairs.enable_padding(pad_id=0, pad_token="[PAD]")
    questions.no_truncation()
    questions.no_padding()
    return PairTokenizer(pairs, questions)


def tokenize_pairs(tokenizer: PairTokenizer, question: str, passages: list[str]) -> PairBatch:
    ids = tokenizer.questions.encode(question, add_special_tokens=False).ids
    if len(ids) > MAX_QUESTION_TOKENS:  # a run-on question must not crowd out the passage
        question = tokenizer.questions.decode(ids[:MAX_QUESTION_TOKENS])
    encodings = tokenizer.pairs.encode_batch([(question, passage) for passage in passages])
    return PairBatch(
        ids=np.array([e.ids for e in encodings], dtype=np.int64),
        mask=np.array([e.attention_mask for e in encodings], dtype=np.int64),
        types=np.array([e.type_ids for e in encodings], dtype=np.int64),
        sequence_ids=[e.sequence_ids for e in encodings],
        offsets=[e.offsets for e in encodings],
    )


def best_spans(start_logits: np.ndarray, end_logits: np.ndarray, batch: PairBatch,
               max_answer_tokens: int = MAX_ANSWER_TOKENS) -> list[tuple[int, int, float, float]]:
    """Per row: (start_char, end_char, span_score, null_score) of the best passage span."""
    return [spans[0] for spans in top_spans(start_logits, end_logits, batch, 1, max_answer_tokens)]


def top_spans(start_logits: np.ndarray, end_logits: np.ndarray, batch: PairBatch, per_row: int,
              max_answer_tokens: int = MAX_ANSWER_TOKENS) -> list[list[tuple[int, int, float, float]]]:
    """Per row: the ``per_row`` best spans that do not overlap, best first, each as
    (start_char, end_char, span_score, null_score)."""
    results = []
    for row in range(start_logits.shape[0]):
        context = np.array([s == 1 for s in batch.sequence_ids[row]])
        start = np.where(context, start_logits[row], -1e4)
        end = np.where(context, end_logits[row], -1e4)
        scores = start[:, None] + end[None, :]
        position = np.arange(scores.shape[0])
        length = position[None, :] - position[:, None]
        scores = np.where((length >= 0) & (length < max_answer_tokens), scores, -1e4)
        offsets = batch.offsets[row]
        null = float(start_logits[row, 0] + end_logits[row, 0])
        chosen: list[tuple[int, int]] = []
        for flat in np.argsort(-scores, axis=None)[: 50 * per_row]:
            first, last = divmod(int(flat), scores.shape[1])
            if chosen and (scores[first, last] <= -1e4 or any(first <= b and last >= a for a, b in chosen)):
                continue
            chosen.append((first, last))
            if len(chosen) == per_row:
                break
        results.append([(int(offsets[a][0]), int(offsets[b][1]), float(scores[a, b]), null) for a, b in chosen])
    return results


# ----- torch: training, and the fallback backend ------------------------------------------------


def load_backbone() -> Any:
    """The packaged MiniLM as a plain BERT encoder."""
    from transformers import AutoModel

    from ..embedding import packaged_model_dir, quiet_transformers

    quiet_transformers()
    return AutoModel.from_pretrained(str(packaged_model_dir()), add_pooling_layer=False,
                                     attn_implementation="eager")


def build_model(trained_layers: int):
    """The reader module: backbone + span head (weights loaded separately)."""
    import torch

    class SpanReader(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = load_backbone()
            self.trained_layers = trained_layers
            self.head = torch.nn.Linear(self.bert.config.hidden_size, 2)

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=token_type_ids).last_hidden_state
            logits = self.head(hidden)
            return logits[..., 0], logits[..., 1]

        def trained_state(self) -> dict:
            """Only what training changed: the top layers and the head."""
            first = self.bert.config.num_hidden_layers - self.trained_layers
            return {k: v for k, v in self.state_dict().items()
                    if k.startswith("head.") or any(k.startswith(f"bert.encoder.layer.{i}.")
                                                    for i in range(first, first + self.trained_layers))}

    return SpanReader()


def trained_model(weights: Path, int8: bool):
    """The shipped reader on torch, fp32 or with dynamic int8 linear layers."""
    import torch
    from safetensors.torch import load_file

    config = ReaderConfig.load(weights / "reader.json")
    model = build_model(config.trained_layers)
    state = {k: v.float() for k, v in load_file(str(weights / "reader.safetensors")).items()}
    missing = set(model.trained_state()) - set(state)
    if missing:
        raise ValueError(f"reader weights lack {sorted(missing)[:3]}")
    model.load_state_dict(state, strict=False)
    model.eval()
    if int8:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the eager quantization API announces its successor
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    return model


class TorchLogits:
    def __init__(self, weights: Path, config: ReaderConfig) -> None:
        self.model = trained_model(weights, config.int8)

    def __call__(self, batch: PairBatch) -> tuple[np.ndarray, np.ndarray]:
        import torch

        with torch.inference_mode():
            start, end = self.model(*(torch.from_numpy(a) for a in (batch.ids, batch.mask, batch.types)))
        return start.numpy(), end.numpy()


# ----- the reader -------------------------------------------------------------------------------


def reader_backend() -> str:
    import importlib.util

    asked = os.environ.get(BACKEND_ENV, "onnx")
    if asked == "onnx" and importlib.util.find_spec("onnxruntime") is None:
        return "torch"
    return "torch" if asked == "torch" else "onnx"


class Reader:
    """Loads lazily; thread-safe; ``read`` returns the best span of every passage."""

    def __init__(self, weights: Path = WEIGHTS, backend: str | None = None) -> None:
        self.weights = weights
        self.backend = backend or reader_backend()
        self._loaded: tuple[Any, Any] | None = None  # (tokenizer, logits function)
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        return (self.weights / "reader.safetensors").exists()

    def load(self) -> tuple[Any, Any]:
        with self._lock:
            if self._loaded is None:
                config = ReaderConfig.load(self.weights / "reader.json")
                if self.backend == "onnx":
                    from .reader_onnx import OnnxLogits

                    logits = OnnxLogits(self.weights, config)
                else:
                    logits = TorchLogits(self.weights, config)
                self._loaded = (pair_tokenizer(config.max_sequence_tokens), logits)
        return self._loaded

    def read(self, question: str, passages: list[str], per_passage: int = 1) -> list[Span]:
        """The best ``per_passage`` spans of every passage, passage by passage, best first."""
        if not passages:
            return []
        tokenizer, logits = self.load()
        batch = tokenize_pairs(tokenizer, question, passages)
        start, end = logits(batch)
        return [Span(i, s, e, score, null, order)
                for i, spans in enumerate(top_spans(start, end, batch, per_passage))
                for order, (s, e, score, null) in enumerate(spans)]
