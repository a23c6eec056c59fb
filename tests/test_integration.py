"""The real packaged model and the real FAISS index, end to end over the seed article."""

import json

import pytest
from click.testing import CliRunner

from qa.cli import main
from qa.engine import Engine

from .conftest import SEED_ID

QUESTION = "Who did Turkey's intelligence chief meet in Damascus?"


@pytest.fixture(scope="module")
def seed_engine(real_embedder, tmp_path_factory):
    from .conftest import SEEDS

    engine = Engine(SEEDS, tmp_path_factory.mktemp("index"), embedder=real_embedder)
    engine.build()
    return engine


def test_seed_question_first_passage_names_mamlouk(seed_engine):
    answer = seed_engine.ask(QUESTION)
    first = answer.passages[0]
    assert first.article == SEED_ID
    assert "Mamlouk" in first.text
    assert answer.found and "Mamlouk" in answer.answer
    article = seed_engine.article(SEED_ID)
    assert article.text[answer.evidence.start : answer.evidence.end] == answer.evidence.text


def test_unrelated_question_is_not_answered(seed_engine):
    answer = seed_engine.ask("What is the recipe for apple pie?")
    assert not answer.found and answer.evidence is None
    assert answer.passages  # the closest passages are still shown


def test_cli_json_lines_with_real_model(seed_engine, real_embedder, monkeypatch):
    monkeypatch.setattr("qa.engine.embedder_for", lambda name, backend=None: real_embedder)
    questions = f"{QUESTION}\nWhat does Russia want to focus on?\n"
    result = CliRunner().invoke(
        main, ["ask", "-", "--json", "--index", str(seed_engine.index_dir), "--seeds", str(seed_engine.seeds_dir)],
        input=questions, catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2
    assert "Mamlouk" in records[0]["passages"][0]["text"]
    assert records[0]["evidence"]["article"] == SEED_ID
    assert "Ukraine" in records[1]["answer"] or "Ukraine" in records[1]["evidence"]["text"]


def test_meetings_command_shows_fidan_mamlouk(seed_engine, real_embedder, monkeypatch):
    monkeypatch.setattr("qa.engine.embedder_for", lambda name, backend=None: real_embedder)
    args = ["--index", str(seed_engine.index_dir), "--seeds", str(seed_engine.seeds_dir)]
    table = CliRunner().invoke(main, ["meetings", *args], catch_exceptions=False)
    assert table.exit_code == 0
    for expected in ("Hakan Fidan", "Ali Mamlouk", "Damascus", "over the last", "¶"):
        assert expected in table.stdout
    records = CliRunner().invoke(main, ["meetings", "--json", "--person", "Mamlouk", *args]).stdout
    [record] = [json.loads(line) for line in records.splitlines()]
    assert {p["name"] for p in record["participants"]} == {"Hakan Fidan", "Ali Mamlouk"}
    assert record["place"] == "Damascus" and record["reason"]
    nobody = CliRunner().invoke(main, ["meetings", "--person", "Putin", *args])
    assert nobody.exit_code == 0 and nobody.stdout == "" and "No meetings found" in nobody.stderr


def test_meeting_questions_answer_from_records(seed_engine):
    who = seed_engine.ask("Who met whom?")
    assert "Fidan" in who.answer and "Mamlouk" in who.answer and who.meetings
    where = seed_engine.ask("Where did Fidan and Mamlouk meet?")
    assert where.answer == "Damascus"
    assert "Damascus" in where.evidence.text


def test_follow_up_uses_the_previous_turn(seed_engine):
    from qa.models import Turn

    first = seed_engine.ask("Who did Fidan meet?")
    assert "Mamlouk" in first.answer
    follow_up = seed_engine.ask("Where did they meet?", history=[Turn("Who did Fidan meet?", first)])
    assert "Damascus" in follow_up.answer


def test_eval_command_on_seed_dev_set(seed_engine, real_embedder, monkeypatch):
    from .conftest import REPO

    monkeypatch.setattr("qa.engine.embedder_for", lambda name, backend=None: real_embedder)
    result = CliRunner().invoke(
        main, ["eval", str(REPO / "tests/data/dev_seed.jsonl"), "--index", str(seed_engine.index_dir),
               "--seeds", str(seed_engine.seeds_dir)], catch_exceptions=False,
    )
    assert result.exit_code == 0
    assert "gold@1: " in result.stdout and "answer accuracy: " in result.stdout


def test_a_composite_question_answers_each_part_with_its_evidence(real_embedder, tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "ferry.txt").write_text(
        "Harbour chief meets island mayor\n\n"
        "Ida Brenner, head of the Norland Harbour Authority, met island mayor Tomas Ekholm in "
        "Skarnholm on Monday.\n\nThe two discussed a new ferry line to the mainland.\n", encoding="utf-8")
    engine = Engine(articles, tmp_path / "index", embedder=real_embedder)
    engine.build()
    from qa.models import Turn

    before = engine.ask("Who did Ida Brenner meet?")  # the conversation so far names someone else
    answer = engine.ask("Who is the head of the Norland Harbour Authority, and where did she meet him?",
                        history=[Turn(before.question, before)])
    assert "Ida Brenner" in answer.answer and answer.evidence is not None
    (where,) = answer.parts
    assert "Ida Brenner" in where.question and where.answer == "Skarnholm" and where.evidence is not None
    assert answer.public()["parts"][0]["answer"] == "Skarnholm"
