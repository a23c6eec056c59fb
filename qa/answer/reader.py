"""The span reader: which words of a passage answer the question, and whether any do.

A small extractive model on top of the packaged MiniLM: the embedding model's first layers are
used as they ship, its last ``TRAINED_LAYERS`` layers and a start/end head are fine-tuned by
``scripts/train_reader.py`` (weights in ``weights/reader.safetensors``, a few MB). The model
reads ``[CLS] question [SEP] passage [SEP]``; the [CLS] position stands for "no answer here"
(as in SQuAD 2.0), so the reader also says how strongly a passage lacks an answer.

torch and transformers are imported on first use only.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WEIGHTS = Path(__file__).resolve().parent / "weights"
MAX_QUESTION_TOKENS = 48
MAX_SEQUENCE_TOKENS = 256
MAX_ANSWER_TOKENS = 30


@dataclass(frozen=True)
class ReaderConfig:
    trained_layers: int = 2
    max_sequence_tokens: int = MAX_SEQUENCE_TOKENS
    # Dynamic int8 linear layers: twice as fast on the CPU, same spans (benchmarks/answers.py).
    int8: bool = True

    @classmethod
    def load(cls, path: Path) -> ReaderConfig:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Span:
    """The best answer in one passage: character offsets into that passage's text."""

    passage: int  # index of the passage in the list given to ``read``
    start: int
    end: int
    score: float  # start + end logits of the span
    null_score: float  # start + end logits of [CLS]: "no answer in this passage"

    @property
    def margin(self) -> float:
        return self.score - self.null_score


def load_backbone() -> tuple[Any, Any]:
    """The packaged MiniLM as a plain BERT encoder, and its fast tokenizer."""
    from transformers import AutoModel, AutoTokenizer

    from ..embedding import packaged_model_dir, quiet_transformers

    path = str(packaged_model_dir())
    quiet_transformers()
    return AutoModel.from_pretrained(path, add_pooling_layer=False), AutoTokenizer.from_pretrained(path)


def build_model(trained_layers: int):
    """The reader module: backbone + span head (weights loaded separately)."""
    import torch

    class SpanReader(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert, self.tokenizer = load_backbone()
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


def encode_pairs(tokenizer, question: str, passages: list[str], max_tokens: int):
    """Token ids for each (question, passage) pair, with passage offsets for mapping back."""
    question_ids = tokenizer(question, add_special_tokens=False)["input_ids"][:MAX_QUESTION_TOKENS]
    short_question = tokenizer.decode(question_ids)
    return tokenizer(
        [short_question] * len(passages), passages, truncation="only_second",
        max_length=max_tokens, padding=True, return_offsets_mapping=True,
        return_tensors="pt",
    )


def best_spans(start_logits, end_logits, batch, max_answer_tokens: int = MAX_ANSWER_TOKENS):
    """Per row: (start_char, end_char, span_score, null_score) of the best passage span."""
    import torch

    results = []
    sequence_ids = [batch.sequence_ids(i) for i in range(len(batch["input_ids"]))]
    for row in range(start_logits.shape[0]):
        context = torch.tensor([s == 1 for s in sequence_ids[row]])
        start = start_logits[row].masked_fill(~context, -1e4)
        end = end_logits[row].masked_fill(~context, -1e4)
        scores = start[:, None] + end[None, :]
        length = torch.arange(scores.shape[0])
        allowed = (length[None, :] >= length[:, None]) & (
            length[None, :] - length[:, None] < max_answer_tokens)
        scores = scores.masked_fill(~allowed, -1e4)
        flat = int(torch.argmax(scores))
        first, last = divmod(flat, scores.shape[1])
        offsets = batch["offset_mapping"][row]
        null = float(start_logits[row, 0] + end_logits[row, 0])
        results.append((int(offsets[first][0]), int(offsets[last][1]), float(scores[first, last]), null))
    return results


class Reader:
    """Loads lazily; thread-safe; ``read`` returns the best span of every passage."""

    def __init__(self, weights: Path = WEIGHTS) -> None:
        self.weights = weights
        self._model = None
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        return (self.weights / "reader.safetensors").exists()

    def load(self):
        with self._lock:
            if self._model is None:
                self._model = _load_trained(self.weights)
        return self._model

    def read(self, question: str, passages: list[str]) -> list[Span]:
        if not passages:
            return []
        import torch

        model = self.load()
        batch = encode_pairs(model.tokenizer, question, passages, model.max_tokens)
        with torch.inference_mode():
            start, end = model(batch["input_ids"], batch["attention_mask"], batch["token_type_ids"])
        return [Span(i, s, e, score, null)
                for i, (s, e, score, null) in enumerate(best_spans(start, end, batch))]


def _load_trained(weights: Path):
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
    if config.int8:
        model = _quantized(model)
    model.max_tokens = config.max_sequence_tokens
    return model


def _quantized(model):
    import warnings

    import torch

    tokenizer = model.tokenizer
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the eager quantization API announces its successor
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    model.tokenizer = tokenizer
    return model
