"""Evaluation metrics, the dev-set loaders and the fixed split, on small invented data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa import devsets
from qa.evaluation import (
    answer_matches, exact_match, format_report, load_questions, normalize, score, token_f1,
)
from qa.splits import HELDOUT, TUNE, split_of

DATA = Path(__file__).resolve().parent / "data"


def test_answer_matches():
    assert answer_matches("Tomas Ekholm, island mayor", ["tomas ekholm"])
    assert answer_matches("over the last few weeks", ["Last few weeks!"])
    assert answer_matches("Erdoğan", ["Erdogan"])  # accents folded
    assert not answer_matches("Ekholmian", ["Ekholm"])  # whole words only
    assert not answer_matches("", ["Ekholm"])
    assert not answer_matches(" ".join(["word"] * 41) + " Ekholm", ["Ekholm"])
    assert answer_matches("", [])  # unanswerable: a refusal is right
    assert not answer_matches("Skarn", [])
    assert normalize("Hello,  World!") == "hello world"


def test_squad_exact_match_and_f1():
    assert exact_match("The Harbour Authority.", ["harbour authority"]) == 1.0
    assert exact_match("the harbour", ["harbour authority"]) == 0.0
    assert token_f1("the harbour", ["harbour authority"]) == pytest.approx(2 / 3)
    assert token_f1("ferry", ["harbour authority", "ferry"]) == 1.0
    assert token_f1("", ["x"]) == 0.0


def test_score_and_report():
    results = [
        {"id": "a", "question": "q1", "answers": ["Ekholm"], "gold": ["x"],
         "answer": "Tomas Ekholm", "passages": ["x", "y"], "passage_texts": ["Tomas Ekholm", "z"],
         "seconds": 0.2},
        {"id": "b", "question": "q2", "answers": ["Skarn"], "gold": ["x"],
         "answer": "", "passages": ["y", "x"], "passage_texts": ["a", "in Skarn"], "seconds": 0.4},
        {"id": "c", "question": "q3", "answers": ["Reuters"], "gold": ["x"],
         "answer": "AP", "passages": ["y", "z"], "passage_texts": ["a", "b"], "seconds": 0.3},
        {"id": "d", "question": "q4", "answers": [], "gold": [],
         "answer": "Something", "passages": ["y"], "passage_texts": ["a"], "seconds": 0.1},
        {"id": "e", "question": "q5", "answers": [], "gold": [],
         "answer": "", "passages": ["y"], "passage_texts": ["a"], "seconds": 0.1},
    ]
    figures = score(results, k=2)
    assert figures["questions"] == 5 and figures["with_gold"] == 3
    assert figures["gold@1"] == pytest.approx(1 / 3)
    assert figures["gold@2"] == pytest.approx(2 / 3)
    assert figures["mrr"] == pytest.approx((1 + 0.5 + 0) / 3)
    assert figures["answer_in_top_k"] == pytest.approx(2 / 3)
    assert figures["accuracy"] == pytest.approx(2 / 5)
    assert figures["contains"] == pytest.approx(1 / 3) and figures["exact"] == 0.0
    assert figures["false_refusals"] == 1 and figures["false_answers"] == 1
    assert figures["refusal_recall"] == 0.5 and figures["false_refusal_rate"] == pytest.approx(1 / 3)
    assert figures["refusal_precision"] == 0.5
    assert figures["misses"] == ["b", "c", "d"]
    report = format_report(figures, results)
    assert "gold@1: 33.3%" in report and "answer accuracy: 40.0%" in report
    assert "expected: Skarn" in report and "(refused)" in report
    assert score([])["accuracy"] is None
    format_report(score([]))


def test_load_questions(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text(
        '{"id": "1", "question": "Who?", "answers": ["A"], "gold": ["x"]}\n\n'
        '# a comment\n{"question": "Where?", "answers": "B"}\n',
        encoding="utf-8",
    )
    questions = load_questions(path)
    assert questions[0] == {"id": "1", "question": "Who?", "answers": ["A"], "gold": ["x"]}
    assert questions[1]["answers"] == ["B"] and questions[1]["gold"] == []
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match="q.jsonl:1"):
        load_questions(path)


def test_split_is_fixed_and_roughly_even():
    keys = [f"article-{i}" for i in range(400)]
    halves = [split_of(k) for k in keys]
    assert set(halves) == {TUNE, HELDOUT}
    assert 150 < halves.count(TUNE) < 250
    assert halves == [split_of(k) for k in keys]  # a pure function of the key


def test_squad_loader_splits_by_page_and_marks_unanswerable(tmp_path):
    page = lambda title, qas: {"title": title, "paragraphs": [{"context": "Skarn has a port.", "qas": qas}]}
    data = {"data": [
        page("Skarn", [{"id": "1", "question": "What does Skarn have?",
                         "answers": [{"text": "a port", "answer_start": 10}]}]),
        page("Elm_Port", [{"id": "2", "question": "Who owns it?", "answers": [],
                            "is_impossible": True}]),
    ]}
    path = tmp_path / "squad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    dev = devsets.squad(path, "sq", unanswerable=True)
    assert [a["title"] for a in dev.articles] == ["Skarn", "Elm Port"]
    first, second = dev.questions
    assert first["answers"] == ["a port"] and first["gold"] == ["sq/skarn-000"]
    assert second["answers"] == [] and first["split"] == split_of("Skarn")
    assert len(devsets.squad(path, "sq").questions) == 1  # answerable only by default
    folder = tmp_path / "articles"
    dev.write_articles(folder)
    assert len((folder / "sq.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_sample_draws_from_each_half_reproducibly():
    dev = devsets.DevSet("d", [], [{"id": str(i), "split": split_of(str(i))} for i in range(100)])
    sample = dev.sample(5)
    assert len(sample.half(TUNE)) == 5 and len(sample.half(HELDOUT)) == 5
    assert [q["id"] for q in sample.questions] == [q["id"] for q in dev.sample(5).questions]


@pytest.mark.parametrize("name, minimum", [("dev_seed.jsonl", 15), ("dev_bbc.jsonl", 30)])
def test_project_dev_sets_are_well_formed(name, minimum):
    questions = load_questions(DATA / name)
    answerable = [q for q in questions if q["answers"]]
    assert len(answerable) >= minimum
    assert len({q["id"] for q in questions}) == len(questions)
    assert all(q["gold"] for q in answerable)
