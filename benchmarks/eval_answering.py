"""Evaluate the answer extractor alone (no engine): XQuAD paragraphs and the seed article.

    python benchmarks/convert_xquad.py ../shared/eval/xquad.en.json /tmp/xq
    python benchmarks/eval_answering.py xquad /tmp/xq [--limit N]
    python benchmarks/eval_answering.py seed seeds tests/data/dev_seed.jsonl
    python benchmarks/eval_answering.py engine CORPUS INDEX_DIR QUESTIONS.jsonl

engine: end to end through qa.engine.Engine (its hybrid retrieval; index built into INDEX_DIR
on first use) with this extractor and resolve_followup plugged in as the engine's answerer.

xquad: each question is asked (a) with its gold paragraph as the only passage, (b) with the gold
paragraph plus the 4 most similar other paragraphs (ranked by cosine, as a retriever would), and
(c) against those 4 distractors only (an unanswerable question: the right outcome is a refusal).
The refusal threshold is calibrated from (b) and (c) and the rates at the current threshold are
printed. seed: the questions are asked of the seed folder's articles, paragraphs ranked by
cosine + lexical overlap (a stand-in for the engine's hybrid retrieval), top 5 given.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa.answering import REFUSAL_THRESHOLD, AnswerExtractor, _overlap, _weighted_terms  # noqa: E402
from qa.articles import read_articles  # noqa: E402
from qa.embedding import SentenceTransformerEmbedder  # noqa: E402
from qa.evaluation import answer_matches, format_report, load_questions, run_questions, score  # noqa: E402
from qa.nlp import load_nlp  # noqa: E402
from qa.models import Article, Passage  # noqa: E402

OFF_TOPIC = [
    "What did the Pope say about Bitcoin?",
    "Who won the 2018 World Cup final?",
    "How many goals did Messi score last season?",
    "When will Apple release the next iPhone?",
    "Why did the price of gold fall in March?",
    "Where is the headquarters of the World Health Organization?",
    "Who is the CEO of Tesla?",
    "What is the recipe for chocolate cake?",
    "How much does a ticket to the Louvre cost?",
    "Which team won the Super Bowl in 2016?",
    "What did Angela Merkel say about the Brexit referendum?",
    "How many people died in the COVID-19 pandemic?",
    "When did Twitter change its name to X?",
    "Who did Volodymyr Zelensky meet in Washington?",
    "Why did Silicon Valley Bank collapse?",
    "Where will the next Olympic Games be held?",
    "How much did Elon Musk pay for Twitter?",
    "Who replaced Boris Johnson as prime minister?",
    "What did the Federal Reserve decide about interest rates in 2023?",
    "Which country won the Eurovision Song Contest in 2022?",
]


def load_model():
    """The project's embedder (the packaged MiniLM, offline); returns its encode function."""
    embedder = SentenceTransformerEmbedder()
    embedder.load()
    return embedder.encode


def paragraph_passages(article: Article) -> list[Passage]:
    return [
        Passage(article.id, article.title, article.date, i + 1, article.text[s:e], 0.0, s, e)
        for i, (s, e) in enumerate(article.paragraph_offsets())
    ]


def rank(encode, question: str, passages: list[Passage], vectors: np.ndarray, k: int,
         lexical: float = 0.0) -> list[Passage]:
    qv = encode([question])[0]
    scores = vectors @ qv
    if lexical:
        terms = _weighted_terms(question)
        scores = scores + lexical * np.array([_overlap(terms, p.text) for p in passages])
    order = np.argsort(-scores)[:k]
    out = []
    for i in order:
        p = passages[i]
        out.append(Passage(p.article, p.title, p.date, p.paragraph, p.text, float(scores[i]),
                           p.start, p.end))
    return out


def run_xquad(folder: Path, limit: int | None, show: int) -> None:
    encode = load_model()
    extractor = AnswerExtractor(encode, load_nlp)
    articles = {a.id: a for a in read_articles(folder / "articles").articles}
    questions = load_questions(folder / "questions.jsonl")
    if limit:
        step = max(1, len(questions) // limit)
        questions = questions[::step][:limit]
    passages = [paragraph_passages(a)[0] for a in articles.values()]
    vectors = encode([p.text for p in passages])
    encode(["warm up"])
    extractor.answer("Who warms up?", passages[:1], articles)
    modes = {"gold only": [], "gold + 4 distractors": [], "4 distractors (unanswerable)": []}
    pos_scores, neg_scores = [], []
    for q in questions:
        gold = q["gold"][0]
        gold_passage = next(p for p in passages if p.article == gold)
        ranked = rank(encode, q["question"], passages, vectors, 6)
        distractors = [p for p in ranked if p.article != gold][:4]
        with_gold = [p for p in ranked if p.article == gold] or [gold_passage]
        with_gold = sorted(with_gold + distractors, key=lambda p: -p.score)[:5]
        for mode, given, answers in (
            ("gold only", [gold_passage], q["answers"]),
            ("gold + 4 distractors", with_gold, q["answers"]),
            ("4 distractors (unanswerable)", distractors, []),
        ):
            t0 = time.perf_counter()
            answer = extractor.answer(q["question"], given, articles)
            seconds = time.perf_counter() - t0
            if mode == "gold + 4 distractors":
                pos_scores.append(extractor.last_best_score)
            elif mode.startswith("4 distractors"):
                neg_scores.append(extractor.last_best_score)
            modes[mode].append({
                "id": q["id"], "question": q["question"], "answers": answers, "gold": q["gold"],
                "answer": answer.answer, "passages": [p.article for p in given],
                "passage_texts": [p.text for p in given], "seconds": seconds,
            })
    for mode, results in modes.items():
        print(f"== XQuAD, {mode}")
        print(format_report(score(results), results, show_misses=show))
        print()
    calibration(pos_scores, neg_scores, "XQuAD gold+4 vs 4 distractors")


def calibration(pos: list[float], neg: list[float], label: str) -> None:
    pos_a, neg_a = np.array(pos), np.array(neg)
    print(f"== refusal calibration ({label}): {len(pos)} answerable, {len(neg)} unanswerable")
    print("threshold  false-refusal  false-answer")
    for t in np.arange(0.20, 0.62, 0.02):
        mark = "  <- current" if abs(t - REFUSAL_THRESHOLD) < 1e-6 else ""
        print(f"  {t:.2f}      {np.mean(pos_a < t):6.1%}        {np.mean(neg_a >= t):6.1%}{mark}")
    print(f"at current {REFUSAL_THRESHOLD:.2f}: false refusals {np.mean(pos_a < REFUSAL_THRESHOLD):.1%}, "
          f"false answers {np.mean(neg_a >= REFUSAL_THRESHOLD):.1%}")


def run_seed(folder: Path, questions_path: Path, show: int) -> None:
    encode = load_model()
    extractor = AnswerExtractor(encode, load_nlp)
    articles = {a.id: a for a in read_articles(folder).articles}
    passages = [p for a in articles.values() for p in paragraph_passages(a)]
    vectors = encode([p.text for p in passages])
    extractor.answer("Who warms up?", passages[:1], articles)
    questions = load_questions(questions_path)
    results, pos, neg = [], [], []
    for q in questions:
        t0 = time.perf_counter()
        given = rank(encode, q["question"], passages, vectors, 5, lexical=0.3)
        answer = extractor.answer(q["question"], given, articles)
        seconds = time.perf_counter() - t0
        (pos if q["answers"] else neg).append(extractor.last_best_score)
        results.append({
            "id": q["id"], "question": q["question"], "answers": q["answers"], "gold": q["gold"],
            "answer": answer.answer, "passages": [p.article for p in given],
            "passage_texts": [p.text for p in given], "seconds": seconds,
        })
        if show:
            print(f"{q['id']}: {q['question']}\n    -> {answer.answer!r}")
    for text in OFF_TOPIC:
        given = rank(encode, text, passages, vectors, 5, lexical=0.3)
        extractor.answer(text, given, articles)
        neg.append(extractor.last_best_score)
    print(format_report(score(results), results, show_misses=50))
    calibration(pos, neg, f"{questions_path.name} answerable vs unanswerable + off-topic")


def run_engine(corpus: Path, index_dir: Path, questions_path: Path, k: int, show: int) -> None:
    """Through the engine exactly as `qa eval` runs it, plus the refusal calibration."""
    from qa.engine import Engine

    engine = Engine(seeds_dir=corpus, index_dir=index_dir)
    t0 = time.perf_counter()
    report = engine.load()
    if report is not None:
        print(f"built index: {report.summary()}")
    print(f"loaded in {time.perf_counter() - t0:.1f}s: {engine.status()}")
    extractor = engine._get_answerer().extractor
    pos, neg = [], []

    def record(question, answer) -> None:
        (pos if question["answers"] else neg).append(extractor.last_best_score)
        if show:
            print(f"{question['id']}: {question['question']}\n    -> {answer.answer!r}")

    results = run_questions(engine, load_questions(questions_path), k=k, on_answer=record)
    for text in OFF_TOPIC:
        engine.ask(text, k=k)
        neg.append(extractor.last_best_score)
    print(format_report(score(results, k=k), results, show_misses=50))
    calibration(pos, neg, f"{questions_path.name} answerable vs off-topic, through the engine")


def main() -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="mode", required=True)
    x = sub.add_parser("xquad")
    x.add_argument("folder", type=Path)
    x.add_argument("--limit", type=int)
    x.add_argument("--show", type=int, default=15)
    s = sub.add_parser("seed")
    s.add_argument("folder", type=Path)
    s.add_argument("questions", type=Path)
    s.add_argument("--show", type=int, default=0)
    e = sub.add_parser("engine")
    e.add_argument("corpus", type=Path)
    e.add_argument("index", type=Path)
    e.add_argument("questions", type=Path)
    e.add_argument("-k", type=int, default=5)
    e.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    if args.mode == "engine":
        run_engine(args.corpus, args.index, args.questions, args.k, args.show)
    elif args.mode == "xquad":
        run_xquad(args.folder, args.limit, args.show)
    else:
        run_seed(args.folder, args.questions, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
