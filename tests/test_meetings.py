"""The meetings layer with the real spaCy model: extraction, questions, evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa.articles import article_from_text
from qa.meetings import (
    Meeting,
    Participant,
    answer_meeting_question,
    extract_meetings,
    extract_meetings_many,
    filter_meetings,
    load_nlp,
)
from qa.meetings_eval import evaluate_meetings, format_report, load_gold, run_evaluation
from qa.models import Article

REPO = Path(__file__).resolve().parent.parent
SEED_FILE = REPO / "seeds" / "000_d78a5ff380758b2f.txt"
BBC = REPO.parent / "shared" / "corpora" / "bbc"
GOLD = REPO / "tests" / "data" / "meetings_gold.jsonl"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def seed() -> Article:
    article = article_from_text("000_d78a5ff380758b2f", SEED_FILE.read_text(encoding="utf-8"))
    assert article is not None
    return article


@pytest.fixture(scope="module")
def seed_meetings(seed, nlp) -> list[Meeting]:
    return extract_meetings(seed, nlp)


def _article(*paragraphs: str, date: str | None = None, aid: str = "t/1") -> Article:
    return Article(id=aid, title="Test", paragraphs=tuple(paragraphs), date=date)


# ---- extraction -----------------------------------------------------------------------------


def test_seed_gives_fidan_and_mamlouk(seed_meetings):
    assert len(seed_meetings) == 1
    record = seed_meetings[0]
    names = {p.name for p in record.participants}
    assert names == {"Hakan Fidan", "Ali Mamlouk"}
    roles = {p.name: p.role for p in record.participants}
    assert roles["Hakan Fidan"] == "head of Turkey's National Intelligence Organization (MIT)"
    assert roles["Ali Mamlouk"] == "Syrian intelligence chief"
    assert record.place == "Damascus"
    assert record.time_text == "over the last few weeks"
    assert record.kind in {"talks", "meeting"}


def test_seed_reason_is_the_stated_purpose_not_the_outcome(seed, seed_meetings):
    # "the two sides reached a level to evaluate how the two countries' foreign ministers could
    # eventually meet" says what the talks achieved; why they met is in paragraph 2, stated for
    # the countries the two intelligence chiefs represent.
    record = seed_meetings[0]
    assert record.reason == (
        "to find a political solution to the conflict in Syria, "
        "as Russia wants to focus more on the war with Ukraine"
    )
    assert "foreign ministers" not in record.reason and "evaluate" not in record.reason
    [ev] = [e for e in record.evidence if e["text"].startswith("Turkey and Syria stepped up contacts")]
    assert ev["paragraph"] == 2
    assert seed.text[ev["start"] : ev["end"]] == ev["text"]
    assert ev["text"].endswith("Reuters reported.")  # one sentence, not the standfirst before it
    start, end = seed.paragraph_offsets()[1]
    assert (ev["start"], ev["end"]) == (start, end)


def test_seed_merges_both_sentences_with_exact_evidence(seed, seed_meetings):
    record = seed_meetings[0]
    # "his Syrian counterpart" sentence and the named one, then the sentence giving the reason.
    assert len(record.evidence) == 3
    offsets = seed.paragraph_offsets()
    for ev in record.evidence:
        assert ev["article"] == seed.id
        assert seed.text[ev["start"] : ev["end"]] == ev["text"]
        start, end = offsets[ev["paragraph"] - 1]
        assert start <= ev["start"] and ev["end"] <= end
    assert "his Syrian counterpart" in record.evidence[0]["text"]
    assert "Ali Mamlouk" in record.evidence[1]["text"]
    assert "political solution" in record.evidence[2]["text"]


@pytest.mark.parametrize(
    "text",
    [
        "The government raised taxes to meet its spending targets.",
        "Mr Blair has never met Mr Bush.",
        "Mr Smith said he could meet Mr Jones next year if asked.",
        "Labour wants to hold talks with the unions.",
        "Officials met on Monday to discuss the budget.",
        "Mr Howard visited Manchester, Leeds and Bristol on Tuesday.",
        "Tokyo is striving to meet U.S. complaints about its trade practices.",
        "Progress was made in talks between banks and Mexico, Chile and Venezuela.",
        "Lleyton Hewitt will meet Arnaud Clement in the second round.",
    ],
)
def test_sentences_without_a_real_meeting_give_nothing(nlp, text):
    assert extract_meetings(_article(text), nlp) == []


def test_odd_articles_give_nothing(nlp):
    assert extract_meetings(_article(), nlp) == []
    assert extract_meetings(_article("", "   "), nlp) == []
    assert extract_meetings(_article("meet " * 50, "Talks! Talks? Met."), nlp) == []


def test_simple_talks_sentence(nlp):
    article = _article(
        "Prime Minister Tony Blair held talks with German Chancellor Gerhard Schroeder in Berlin "
        "on Monday to discuss the EU budget.",
        date="2005-01-12",  # a Wednesday
    )
    [record] = extract_meetings(article, nlp)
    assert [p.name for p in record.participants] == ["Tony Blair", "Gerhard Schroeder"]
    assert record.participants[0].role == "Prime Minister"
    assert record.participants[1].role == "German Chancellor"
    assert record.kind == "talks"
    assert record.place == "Berlin"
    assert record.time_text == "on Monday"
    assert record.date == "2005-01-10"
    assert record.reason == "to discuss the EU budget"


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # a company pronoun resolved to the reporting subject
        (("Coast Savings said it is in talks with Federal Savings Corp on the acquisition.",),
         {"Coast Savings", "Federal Savings Corp"}),
        # "they met": the two people just named
        (("Mr Pound rang Lucy Smith as soon as he got her letter, and they met up in London.",),
         {"Pound", "Lucy Smith"}),
        # a title with the name in apposition, and separate pairs for "with X and Y"
        (("Mr Blair held talks with his Israeli counterpart, Ariel Sharon.",), {"Blair", "Ariel Sharon"}),
    ],
)
def test_reference_resolution(nlp, paragraphs, expected):
    records = extract_meetings(_article(*paragraphs), nlp)
    assert len(records) == 1
    names = {p.name for p in records[0].participants}
    assert all(any(e == n or n.endswith(e) or e.endswith(n) for n in names) for e in expected), names


def test_with_x_and_y_gives_one_pair_each(nlp):
    article = _article("Tony Blair held talks with Ariel Sharon and Mahmoud Abbas in Jerusalem.")
    pairs = sorted(tuple(sorted(p.name for p in m.participants)) for m in extract_meetings(article, nlp))
    assert pairs == [("Ariel Sharon", "Tony Blair"), ("Mahmoud Abbas", "Tony Blair")]


def test_surname_reference_resolves_to_full_name(nlp):
    article = _article(
        "Foreign Secretary Jack Straw arrived in Beijing on Wednesday.",
        "Mr Straw met Chinese Foreign Minister Li Zhaoxing.",
    )
    [record] = extract_meetings(article, nlp)
    assert {p.name for p in record.participants} == {"Jack Straw", "Li Zhaoxing"}


def test_batch_extraction_matches_single(nlp, seed):
    other = _article("Mr Blair never met anyone.", aid="t/2")
    batch = extract_meetings_many([seed, other], nlp)
    assert [m.to_dict() for m in batch[seed.id]] == [m.to_dict() for m in extract_meetings(seed, nlp)]
    assert batch.get("t/2", []) == []


def test_round_trip(seed_meetings):
    record = seed_meetings[0]
    data = json.loads(json.dumps(record.to_dict()))
    again = Meeting.from_dict(data)
    assert again == record
    assert again.pair() == (record.participants[0], record.participants[1])
    assert again.pairs() == [("Ali Mamlouk", "Hakan Fidan")]


@pytest.mark.parametrize(
    "paragraphs, reason",
    [
        # countries' contacts with a purpose and its stated cause; the people represent them by role
        (("Israel and the Palestinians intensified dialogue to revive the peace process, because "
          "elections loom.",
          "Israeli Prime Minister Ariel Sharon met Palestinian leader Mahmoud Abbas in Jerusalem."),
         "to revive the peace process, because elections loom"),
        (("Iran and Iraq held talks to end their border dispute.",
          "Iranian Foreign Minister Kamal Kharrazi met his Iraqi counterpart Hoshyar Zebari in Baghdad."),
         "to end their border dispute"),
        # companies: a boss by role, another by a possessive ("GM's Rick Wagoner")
        (("Fiat will meet car giant General Motors (GM) on Tuesday in an attempt to reach agreement "
          "over the future of the Italian firm's auto group.",
          "The meeting between Fiat boss Sergio Marchionne and GM's Rick Wagoner is due to take place "
          "in Zurich."),
         "to reach agreement over the future of the Italian firm's auto group"),
    ],
)
def test_people_take_the_reason_of_their_sides_contacts(nlp, paragraphs, reason):
    article = _article(*paragraphs)
    records = extract_meetings(article, nlp)
    people = [r for r in records if all(" " in p.name for p in r.participants)]
    assert len(people) == 1
    record = people[0]
    assert record.reason == reason
    sentence = paragraphs[0]
    [ev] = [e for e in record.evidence if e["text"] == sentence]
    assert ev["paragraph"] == 1 and article.text[ev["start"] : ev["end"]] == sentence
    assert record.evidence[0]["text"] != sentence  # the meeting sentence stays first


@pytest.mark.parametrize(
    "paragraphs",
    [
        # the people do not represent both sides
        ("Britain and France stepped up contacts to find a deal on the EU budget.",
         "Prime Minister Tony Blair met German Chancellor Gerhard Schroeder in Berlin."),
        # hypothetical contacts state no reason
        ("Iran and Iraq could hold talks to end their border dispute.",
         "Iranian Foreign Minister Kamal Kharrazi met Iraqi Foreign Minister Hoshyar Zebari in Baghdad."),
        # what the talks achieved is an outcome, not a reason
        ("During the talks between Iranian Foreign Minister Kamal Kharrazi and Iraqi Foreign Minister "
         "Hoshyar Zebari, the two sides reached a level to evaluate how their leaders could meet.",),
    ],
)
def test_no_reason_from_unrelated_contacts_or_outcomes(nlp, paragraphs):
    records = extract_meetings(_article(*paragraphs), nlp)
    assert records and all(r.reason is None for r in records)
    assert all(len(r.evidence) == 1 for r in records)


# ---- questions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Who met whom?", "Hakan Fidan"),
        ("Who did Fidan meet?", "Ali Mamlouk, Syrian intelligence chief"),
        ("Who did Turkey's intelligence chief meet in Damascus?", "Ali Mamlouk, Syrian intelligence chief"),
        ("Who held talks with the Syrian intelligence chief?", "Hakan Fidan, head of Turkey's"),
        ("Where did Fidan and Mamlouk meet?", "Damascus"),
        ("When did Fidan and Mamlouk meet?", "over the last few weeks"),
        ("Why did they meet?", "to find a political solution to the conflict in Syria"),
        ("Why did Fidan and Mamlouk meet?", "to find a political solution to the conflict in Syria, "
                                            "as Russia wants to focus more on the war with Ukraine"),
    ],
)
def test_answer_meeting_question(seed_meetings, question, expected):
    result = answer_meeting_question(question, seed_meetings)
    assert result is not None
    answer, record = result
    assert answer.startswith(expected) or expected in answer
    assert record is seed_meetings[0]


@pytest.mark.parametrize(
    "question",
    ["Who did Erdogan meet?", "What is the capital of France?", "Where did Fidan meet Putin?"],
)
def test_answer_meeting_question_declines(seed_meetings, question):
    assert answer_meeting_question(question, seed_meetings) is None


def test_filter_meetings(seed_meetings):
    assert filter_meetings(seed_meetings, person="Mamlouk") == seed_meetings
    assert filter_meetings(seed_meetings, person="Hakan Fidan", place="Damascus") == seed_meetings
    assert filter_meetings(seed_meetings, person="Erdogan") == []
    assert filter_meetings(seed_meetings, place="Ankara") == []
    assert filter_meetings(seed_meetings, since="2022-01-01") == []  # no resolved date


# ---- evaluation -----------------------------------------------------------------------------


def _record(article: str, *names: str, place=None, reason=None) -> Meeting:
    return Meeting(article=article, participants=[Participant(n) for n in names], place=place, reason=reason)


def test_evaluate_meetings_counts_pairs_places_and_reasons():
    gold = [
        {"article": "a", "meetings": [{"participants": ["Tony Blair", "Ariel Sharon"], "place": "Jerusalem",
                                       "reason": "the Middle East peace process"}]},
        {"article": "b", "meetings": [{"participants": ["Euronext", "London Stock Exchange"]},
                                      {"participants": ["Jean-Francois Theodore", "Clara Furse"]}]},
        {"article": "c", "meetings": []},
    ]
    predicted = {
        # surname match, place and reason right
        "a": [_record("a", "Blair", "Mr Sharon", place="Jerusalem", reason="to revive the peace process")],
        # acronym match for the exchange; second gold pair missed
        "b": [_record("b", "Euronext", "LSE")],
        # spurious
        "c": [_record("c", "Gordon Brown", "Tony Blair")],
        "not-in-gold": [_record("x", "A B", "C D")],
    }
    result = evaluate_meetings(gold, predicted)
    assert result["pairs"]["precision"] == pytest.approx(2 / 3)
    assert result["pairs"]["recall"] == pytest.approx(2 / 3)
    assert result["place"]["precision"] == 1.0 and result["place"]["recall"] == 1.0
    assert result["reason"]["correct"] == 1
    misses = {a["article"]: a for a in result["per_article"]}
    assert misses["b"]["missed"] == [["Jean-Francois Theodore", "Clara Furse"]]
    assert misses["c"]["spurious"] == [["Gordon Brown", "Tony Blair"]]
    report = format_report(result)
    assert "precision 66.7%" in report and "c: spurious Gordon Brown – Tony Blair" in report


def test_evaluate_meetings_wrong_place_and_empty_inputs():
    gold = [{"article": "a", "meetings": [{"participants": ["X Y", "Z W"], "place": "Paris"}]}]
    result = evaluate_meetings(gold, {"a": [_record("a", "X Y", "Z W", place="London")]})
    assert result["place"]["precision"] == 0.0
    assert result["per_article"][0]["place_errors"] == [{"gold": "Paris", "predicted": "London"}]
    empty = evaluate_meetings([], {})
    assert empty["pairs"]["precision"] is None and "n/a" in format_report(empty)


def test_gold_file_is_well_formed():
    gold = load_gold(GOLD)
    ids = [g["article"] for g in gold]
    assert len(ids) == len(set(ids))
    with_meetings = [g for g in gold if g["meetings"]]
    assert len(with_meetings) >= 26 and len(gold) - len(with_meetings) >= 10
    assert any(g["corpus"] == "seeds" for g in gold)
    for g in gold:
        for m in g["meetings"]:
            assert len(m["participants"]) >= 2
            assert len(m.get("reason", "").split()) <= 14  # short phrases, not copied sentences


def test_seed_evaluation_runs_without_the_bbc_corpus(tmp_path, nlp):
    result = run_evaluation(seeds_dir=REPO / "seeds", bbc_dir=tmp_path / "absent", nlp=nlp)
    assert result["articles"] == 1
    assert result["pairs"]["precision"] == 1.0 and result["pairs"]["recall"] == 1.0
    assert result["place"]["correct"] == 1
    assert len(result["unavailable"]) == len(load_gold(GOLD)) - 1


def test_bbc_gold_quality(nlp):
    if not BBC.is_dir():
        pytest.skip(f"BBC corpus not found at {BBC} (../shared/corpora/bbc from the repo root)")
    result = run_evaluation(nlp=nlp)
    assert not result["unavailable"]
    # Regression guard, a little below the measured figures (see qa/meetings_eval.py).
    assert result["pairs"]["precision"] >= 0.9
    assert result["pairs"]["recall"] >= 0.7


def test_questions_records_cannot_answer_fall_back(seed_meetings):
    from qa.meetings import answer_meeting_question

    assert answer_meeting_question("How long have Fidan and Mamlouk spoken intermittently?", seed_meetings) is None
    assert answer_meeting_question("What did the meetings between Fidan and Mamlouk reflect?", seed_meetings) is None
