#!/usr/bin/env python3
"""Train the span reader (qa/answer/reader.py) on the tuning halves of the dev sets.

    .venv/bin/python scripts/train_reader.py                 # writes qa/answer/weights/
    .venv/bin/python scripts/train_reader.py --limit 2000    # a quick run

Data (from ../shared/eval, tuning halves only, split by article with qa.splits), less the
tuning articles set aside for calibrating the scorer (``qa.splits.in_calibration``):
  * SQuAD v1.1: each question with the project-chunked passage holding its answer, and with a
    passage of another paragraph of the same page as a "no answer" example;
  * SQuAD v2.0: each unanswerable question with a passage of its paragraph ("no answer");
  * QA-SRL Wikinews: each question with its news sentence and the next one.
The packaged MiniLM's lower layers stay frozen, so their output is computed once and cached;
only the top layers and the span head are trained. Reproducible: fixed seed, one thread order.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa.answer.reader import (  # noqa: E402
    MAX_SEQUENCE_TOKENS, WEIGHTS, best_spans, build_model, pair_tokenizer, tokenize_pairs,
)
from qa.chunking import chunk_article  # noqa: E402
from qa.devsets import _detokenize  # noqa: E402
from qa.evaluation import exact_match, token_f1  # noqa: E402
from qa.models import Article  # noqa: E402
from qa.splits import in_calibration, split_of  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"


def chunks_of(text: str) -> list[str]:
    return [c.text for c in chunk_article(Article("x", "", (text,)))]


DISTRACTOR_SHARE = 0.35  # questions that also get a passage of another paragraph, no answer
UNANSWERABLE_SHARE = 1.0  # SQuAD 2.0 unanswerable questions used


def closest_chunk(question: str, chunks: list[str]) -> str:
    """The passage sharing most words with the question: where a plausible wrong answer hides,
    so "no answer" is learnt on the passages that look most like they answer."""
    asked = set(question.lower().split())
    return max(chunks, key=lambda c: len(asked & set(c.lower().split())))


def squad_examples(path: Path, split: str, rng: random.Random, unanswerable: bool):
    """(question, passage, answer or None, answers) from one SQuAD file's ``split`` half."""
    examples = []
    for page in json.loads(path.read_text(encoding="utf-8"))["data"]:
        if split_of(page["title"]) != split:
            continue
        page_chunks = [chunks_of(p["context"]) for p in page["paragraphs"]]
        for number, paragraph in enumerate(page["paragraphs"]):
            if in_calibration(page["title"], f"{page['title']}#{number}"):
                continue
            for qa in paragraph["qas"]:
                question = qa["question"].strip()
                if qa.get("is_impossible"):
                    if unanswerable and rng.random() < UNANSWERABLE_SHARE:
                        examples.append((question, closest_chunk(question, page_chunks[number]), None, []))
                    continue
                if unanswerable:
                    continue
                answers = [a["text"] for a in qa["answers"]]
                holding = [c for c in page_chunks[number] if answers[0] in c]
                if holding:
                    examples.append((question, holding[0], answers[0], answers))
                others = [c for i, cs in enumerate(page_chunks) if i != number for c in cs
                          if not any(a.lower() in c.lower() for a in answers)]
                if others and rng.random() < DISTRACTOR_SHARE:
                    examples.append((question, rng.choice(others), None, []))
    return examples


def qasrl_examples(folder: Path, split: str, part: str = "dev"):
    """QA-SRL questions of one part. The test part is never evaluated (benchmarks and the
    held-out figures read the dev part), so all of its stories are training data."""
    sentences: dict[str, str] = {}
    with open(folder / f"wikinews.{part}.full.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            sentences[row["qasrl_id"]] = _detokenize(row["sentence"])
    examples = []
    with open(folder / f"wikinews.{part}.gold.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            story = ":".join(row["qasrl_id"].split(":")[:3])
            held = split_of(story) != split or in_calibration(story, row["qasrl_id"])
            if row["is_redundant"] == "True" or (held and part == "dev"):
                continue
            sentence = sentences.get(row["qasrl_id"])
            answers = [_detokenize(a) for a in row["answer"].split("~!~") if a.strip()]
            parts = row["qasrl_id"].split(":")
            following = sentences.get(":".join(parts[:-1] + [str(int(parts[-1]) + 1)]), "")
            if sentence and answers and answers[0] in sentence:
                examples.append((row["question"], f"{sentence} {following}".strip(), answers[0], answers))
    return examples


def featurize(tokenizer, examples):
    """Token ids and start/end token labels; (0, 0) is [CLS], "no answer"."""
    import torch

    rows = []
    for question, passage, answer, _answers in examples:
        batch = tokenize_pairs(tokenizer, question, [passage])
        start_label = end_label = 0
        if answer is not None:
            char_start = passage.find(answer)
            char_end = char_start + len(answer)
            tokens = [i for i, (s, e) in enumerate(batch.offsets[0])
                      if batch.sequence_ids[0][i] == 1 and s < char_end and e > char_start]
            if not tokens:
                continue  # the answer was truncated away
            start_label, end_label = tokens[0], tokens[-1]
        rows.append((torch.from_numpy(batch.ids[0]), torch.from_numpy(batch.types[0]), start_label, end_label))
    return rows


def batches(rows, size: int, rng: random.Random, shuffle: bool):
    """Length-bucketed batches (little padding), in a seeded order."""
    order = sorted(range(len(rows)), key=lambda i: len(rows[i][0]))
    groups = [order[i:i + size] for i in range(0, len(order), size)]
    if shuffle:
        rng.shuffle(groups)
    return groups


def pad(rows, group):
    import torch

    width = max(len(rows[i][0]) for i in group)
    ids = torch.zeros((len(group), width), dtype=torch.long)
    types = torch.zeros_like(ids)
    mask = torch.zeros_like(ids)
    for row, i in enumerate(group):
        n = len(rows[i][0])
        ids[row, :n], types[row, :n], mask[row, :n] = rows[i][0], rows[i][1], 1
    starts = torch.tensor([rows[i][2] for i in group])
    ends = torch.tensor([rows[i][3] for i in group])
    return ids, types, mask, starts, ends


def train(model, rows, args) -> None:
    import torch
    from transformers.masking_utils import create_bidirectional_mask

    bert = model.bert
    first = bert.config.num_hidden_layers - args.layers
    frozen, top = bert.encoder.layer[:first], bert.encoder.layer[first:]
    for parameter in model.parameters():
        parameter.requires_grad = False
    trainable = list(top.parameters()) + list(model.head.parameters())
    for parameter in trainable:
        parameter.requires_grad = True

    rng = random.Random(args.seed)
    groups = batches(rows, args.batch, rng, shuffle=False)
    print(f"caching frozen layers for {len(rows)} examples …", file=sys.stderr)
    cache = []
    started = time.perf_counter()
    bert.eval()
    with torch.no_grad():
        for group in groups:
            ids, types, mask, starts, ends = pad(rows, group)
            hidden = bert.embeddings(input_ids=ids, token_type_ids=types)
            attention = create_bidirectional_mask(config=bert.config, inputs_embeds=hidden,
                                                  attention_mask=mask)
            for layer in frozen:
                hidden = layer(hidden, attention)
            cache.append((hidden.to(torch.bfloat16), mask, starts, ends))
    print(f"cached in {time.perf_counter() - started:.0f}s", file=sys.stderr)

    optimizer = torch.optim.AdamW([
        {"params": list(top.parameters()), "lr": args.lr},
        {"params": list(model.head.parameters()), "lr": args.lr * 10},
    ], weight_decay=0.01)
    steps = args.epochs * len(cache)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, step / max(1, steps // 10)) * max(0.0, 1 - step / steps))
    loss_function = torch.nn.CrossEntropyLoss()
    model.train()
    step = 0
    for epoch in range(args.epochs):
        order = list(range(len(cache)))
        rng.shuffle(order)
        total = 0.0
        for index in order:
            hidden, mask, starts, ends = cache[index]
            hidden = hidden.float()
            attention = create_bidirectional_mask(config=bert.config, inputs_embeds=hidden,
                                                  attention_mask=mask)
            for layer in top:
                hidden = layer(hidden, attention)
            logits = model.head(hidden)
            start_logits = logits[..., 0].masked_fill(mask == 0, -1e4)
            end_logits = logits[..., 1].masked_fill(mask == 0, -1e4)
            loss = (loss_function(start_logits, starts) + loss_function(end_logits, ends)) / 2
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            total += float(loss.detach())
            step += 1
            if step % 100 == 0:
                print(f"epoch {epoch + 1} step {step}/{steps} loss {total / (order.index(index) + 1):.3f} "
                      f"({time.perf_counter() - started:.0f}s)", file=sys.stderr)
    model.eval()


def evaluate(model, tokenizer, examples, label: str) -> dict:
    """Closed-book figures: EM/F1 with the answer's passage; refusals of "no answer" passages."""
    import torch

    exact = f1 = answerable = refused_null = nulls = refused_answerable = 0
    for question, passage, answer, answers in examples:
        batch = tokenize_pairs(tokenizer, question, [passage])
        with torch.inference_mode():
            start, end = model(*(torch.from_numpy(a) for a in (batch.ids, batch.mask, batch.types)))
        s, e, score, null = best_spans(start.numpy(), end.numpy(), batch)[0]
        refused = null > score
        if answer is None:
            nulls += 1
            refused_null += refused
        else:
            answerable += 1
            refused_answerable += refused
            exact += exact_match(passage[s:e], answers)
            f1 += token_f1(passage[s:e], answers)
    figures = {
        "answerable": answerable, "EM": exact / max(1, answerable), "F1": f1 / max(1, answerable),
        "no_answer_passages": nulls, "refused_no_answer": refused_null / max(1, nulls),
        "refused_answerable": refused_answerable / max(1, answerable),
    }
    print(f"{label}: " + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                                   for k, v in figures.items()), file=sys.stderr)
    return figures


def collect(split: str, rng: random.Random, qasrl_test: bool = False) -> list:
    return (squad_examples(SHARED / "squad-dev-v1.1.json", split, rng, unanswerable=False)
            + squad_examples(SHARED / "squad-dev-v2.0.json", split, rng, unanswerable=True)
            + qasrl_examples(SHARED / "qasrl-wikinews", split)
            + (qasrl_examples(SHARED / "qasrl-wikinews", split, "test") if qasrl_test else []))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--layers", type=int, default=4, help="top layers fine-tuned")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=2e-4)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--qasrl-test", action=argparse.BooleanOptionalAction, default=True,
                        help="also train on QA-SRL's test part (news sentences no figure reads)")
    parser.add_argument("--limit", type=int, default=None, help="training examples at most")
    parser.add_argument("--eval", type=int, default=600, help="held-out examples to score")
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    args = parser.parse_args()

    import torch
    from safetensors.torch import save_file

    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    training = collect("tune", rng, args.qasrl_test)
    rng.shuffle(training)
    training = training[: args.limit]
    heldout = collect("heldout", random.Random(args.seed + 1))
    random.Random(args.seed + 2).shuffle(heldout)
    heldout = heldout[: args.eval]
    print(f"{len(training)} training examples ({sum(e[2] is None for e in training)} without an "
          f"answer); {len(heldout)} held-out", file=sys.stderr)

    model = build_model(args.layers)
    tokenizer = pair_tokenizer(MAX_SEQUENCE_TOKENS)
    rows = featurize(tokenizer, training)
    train(model, rows, args)
    figures = evaluate(model, tokenizer, heldout, "held-out (closed)")

    args.out.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().to(torch.float16).contiguous() for k, v in model.trained_state().items()}
    save_file(state, str(args.out / "reader.safetensors"))
    config = {"trained_layers": args.layers, "max_sequence_tokens": MAX_SEQUENCE_TOKENS,
              "training": {k: v for k, v in vars(args).items() if k != "out"}
              | {"examples": len(rows), "heldout_closed": figures}}
    (args.out / "reader.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
