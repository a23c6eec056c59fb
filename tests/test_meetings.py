"""The meetings layer: behaviours on small invented sentences (real spaCy model), the seed
article end to end, questions, and the scoring of the dev sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa.articles import article_from_text
from qa.answer.question import asked_parts
from qa.meetings import (
    Meeting,
    Participant,
    answer_meeting_question,
    extract_meetings,
    filter_meetings,
    group_meetings,
    people_met,
)
from qa.meetings.dates import resolve_date
from qa.meetings.evaluation import format_halves, reason_matches, score_set, time_matches
from qa.models import Article

from .meeting_helpers import meetings_of, pairs_of, rule_meetings_of

REPO = Path(__file__).resolve().parent.parent
SEED_FILE = REPO / "seeds" / "000_d78a5ff380758b2f.txt"
GOLD_FILES = [REPO / "tests" / "data" / "meetings_gold.jsonl", REPO / "tests" / "data" / "meetings_news_gold.jsonl"]


@pytest.fixture(scope="module")
def seed() -> Article:
    article = article_from_text("000_d78a5ff380758b2f", SEED_FILE.read_text(encoding="utf-8"))
    assert article is not None
    return article


@pytest.fixture(scope="module")
def seed_meetings(seed, nlp) -> list[Meeting]:
    return extract_meetings(seed, nlp)


# ---- the seed article, end to end -------------------------------------------------------------


def test_seed_gives_fidan_and_mamlouk_in_damascus_with_the_reason(seed, seed_meetings):
    [record] = seed_meetings
    assert set(record.names()) == {"Hakan Fidan", "Ali Mamlouk"}
    assert record.place == "Damascus"
    assert record.time_text == "over the last few weeks"
    assert "political solution to the conflict in Syria" in record.reason
    assert "foreign ministers" not in record.reason  # what the talks achieved is not why
    for evidence in record.evidence:
        assert seed.text[evidence["start"]:evidence["end"]] == evidence["text"]
    assert any("his Syrian counterpart" in e["text"] for e in record.evidence)
    assert any("Ali Mamlouk" in e["text"] for e in record.evidence)


# ---- behaviours ---------------------------------------------------------------------------------


def test_phone_call(nlp):
    [record] = meetings_of(nlp, "Joe Biden spoke by phone with Olaf Scholz on Monday.")
    assert record.kind == "call" and set(record.names()) == {"Joe Biden", "Olaf Scholz"}
    assert record.time_text == "on Monday" and record.date == "2023-03-13"


def test_dialling_someone_is_a_call(nlp):
    [record] = rule_meetings_of(nlp, "On Monday, Tomas Ekholm dialled President Ada Berg, who praised the deal.")
    assert record.kind == "call" and set(record.names()) == {"Tomas Ekholm", "Ada Berg"}


def test_hosted_visit_with_venue_and_city(nlp):
    [record] = meetings_of(nlp, "Emmanuel Macron hosted Olaf Scholz at the Elysee Palace in Paris on Tuesday.")
    assert record.kind == "visit" and set(record.names()) == {"Emmanuel Macron", "Olaf Scholz"}
    assert "Elysee Palace" in record.place and "Paris" in record.place


def test_dinner(nlp):
    [record] = meetings_of(nlp, "Emmanuel Macron hosted Olaf Scholz for dinner in Paris.")
    assert record.kind == "dinner"


def test_a_dinner_the_next_sentence_tells_after_talks_is_its_own_event(nlp):
    records = rule_meetings_of(nlp, "Crown Prince Omar Vik held talks with Prime Minister Tomas Lund in Bergen on Tuesday.",
                               "Lund hosted Vik for dinner that evening at the Tolvik Mansion.")
    assert sorted((r.kind, r.place) for r in records) == [("dinner", "Tolvik Mansion"), ("talks", "Bergen")]


def test_meeting_on_the_sidelines_of_a_summit(nlp):
    [record] = meetings_of(nlp, "Narendra Modi met Anthony Albanese on the sidelines of the G20 summit in Bali.")
    assert set(record.names()) == {"Narendra Modi", "Anthony Albanese"}
    assert record.place == "Bali" and record.kind == "meeting"


def test_family_name_first_names(nlp):
    [record] = meetings_of(nlp, "Chinese President Xi Jinping arrived in Pretoria on Monday.",
                         "Xi met Cyril Ramaphosa on Tuesday.")
    assert set(record.names()) == {"Xi Jinping", "Cyril Ramaphosa"}


def test_list_bullets_are_not_part_of_names(nlp):
    [record] = meetings_of(nlp, "►Volodymyr Zelensky met Olaf Scholz in Kyiv.")
    assert set(record.names()) == {"Volodymyr Zelensky", "Olaf Scholz"}


def test_the_two_leaders_in_the_next_sentence(nlp):
    [record] = meetings_of(nlp, "Joe Biden met Fumio Kishida in Washington on Friday.",
                         "The two leaders discussed trade and security.")
    assert set(record.names()) == {"Joe Biden", "Fumio Kishida"}
    assert "trade" in record.reason and len(record.evidence) == 2


def test_planned_and_happened(nlp):
    planned = meetings_of(nlp, "Rishi Sunak will meet Joe Biden in San Diego next week.")
    assert [m.status for m in planned] == ["planned"]
    cancelled = meetings_of(nlp, "Rishi Sunak said his meeting with Joe Biden had been cancelled.")
    assert [m.status for m in cancelled] in (["cancelled"], [])
    assert meetings_of(nlp, "Rishi Sunak could meet Joe Biden if the talks go well.") == []


def test_recalled_past_meeting_keeps_its_own_time(nlp):
    records = meetings_of(nlp, "Vladimir Putin met Xi Jinping in Moscow on Monday.",
                        "Putin and Xi last met in 2019 in Osaka.")
    dates = sorted(m.date for m in records)
    assert dates == ["2019", "2023-03-13"]
    recalled = next(m for m in records if m.date == "2019")
    assert recalled.place == "Osaka"


def test_reason_is_the_purpose_not_the_outcome(nlp):
    [record] = meetings_of(nlp, "Antony Blinken met Wang Yi in Munich to discuss the war in Ukraine.")
    assert record.reason.startswith("to discuss the war in Ukraine")
    [outcome] = meetings_of(nlp, "Antony Blinken met Wang Yi in Munich and agreed to keep talking.")
    assert outcome.reason is None


def test_topic_of_talks(nlp):
    [record] = meetings_of(nlp, "Tony Blair held talks on climate change with John McCain.")
    assert record.reason == "climate change"


def test_mentions_of_one_meeting_merge(nlp):
    [record] = meetings_of(nlp, "Ursula von der Leyen met Rishi Sunak in Windsor on Monday.",
                         "Ursula von der Leyen held talks with Rishi Sunak to settle the dispute.")
    assert record.place == "Windsor" and record.reason.startswith("to settle the dispute")
    assert len(record.evidence) == 2


def test_one_leader_meeting_several_others(nlp):
    [record] = meetings_of(nlp, "Xi Jinping also met Cyril Ramaphosa and Macky Sall.")
    assert set(record.names()) == {"Xi Jinping", "Cyril Ramaphosa", "Macky Sall"}


def test_several_people_meeting_together(nlp):
    [record] = meetings_of(nlp, "Tony Blair, Silvio Berlusconi and Gerhard Schroeder met in Berlin.")
    assert set(record.names()) == {"Tony Blair", "Silvio Berlusconi", "Gerhard Schroeder"}


def test_counterpart_resolves_to_the_named_person(nlp):
    records = meetings_of(nlp, "Turkey's foreign minister held talks with his Greek counterpart.",
                        "Turkish Foreign Minister Mevlut Cavusoglu and Greek Foreign Minister Nikos Dendias "
                        "spoke for an hour.")
    assert frozenset({"Mevlut Cavusoglu", "Nikos Dendias"}) in pairs_of(records)


@pytest.mark.parametrize("text", [
    "The government raised taxes to meet its spending targets.",
    "Mr Blair has never met Mr Bush.",
    "Labour wants to hold talks with the unions.",
    "Mr Howard visited Manchester, Leeds and Bristol on Tuesday.",
    "Lleyton Hewitt will meet Arnaud Clement in the second round of the tournament.",
    "Erdogan called Assad a terrorist.",
])
def test_sentences_without_a_real_meeting_give_nothing(nlp, text):
    assert meetings_of(nlp, text) == []


def test_odd_articles_give_nothing(nlp):
    assert meetings_of(nlp) == []
    assert meetings_of(nlp, "meet " * 50, "Talks! Talks? Met.") == []


# ---- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,status,expected", [
    ("on Monday", "happened", "2023-03-13"),
    ("on Wednesday", "happened", "2023-03-15"),  # the article's own day (wire copy)
    ("on Monday", "planned", "2023-03-20"),
    ("yesterday", "happened", "2023-03-14"),
    ("on March 3", "happened", "2023-03-03"),
    ("on 3 March 2019", "happened", "2019-03-03"),
    ("in 2019", "happened", "2019"),
    ("in November", "happened", "2022-11"),
    ("over the last few weeks", "happened", None),
    ("last March", "happened", "2022-03"),  # written in March: a year ago
    ("in February", "happened", "2023-02"),
    ("in January", "planned", "2024-01"),  # planned in March: next year's
    ("in April", "planned", "2023-04"),
])
def test_dates_resolve_against_the_article_date(text, status, expected):
    assert resolve_date(text, "2023-03-15", status) == expected


# ---- questions, filters, grouping ---------------------------------------------------------------


def _record(article, *names, date=None, place=None, reason=None) -> Meeting:
    return Meeting(article=article, participants=[Participant(n) for n in names], date=date,
                   time_text=date, place=place, reason=reason)


RECORDS = [
    _record("a", "Xi Jinping", "Cyril Ramaphosa", date="2023-08-22", place="Pretoria", reason="trade"),
    _record("b", "Xi Jinping", "Macky Sall", date="2018-07-21", place="Dakar"),
    _record("c", "Xi Jinping", "Cyril Ramaphosa", date="2018-07-24", place="Pretoria"),
]


def test_who_did_x_meet_answers_with_all_of_them_dated():
    text, used = answer_meeting_question("Who did Xi meet?", "whom", RECORDS)
    assert text == "Macky Sall (2018-07-21); Cyril Ramaphosa (2018-07-24, 2023-08-22)"
    assert len(used) == 3


def test_when_did_x_last_meet_y_takes_the_latest():
    text, used = answer_meeting_question("When did Xi last meet Ramaphosa?", "when", RECORDS)
    assert text == "2023-08-22" and used == [RECORDS[0]]


def test_where_and_why_and_declines():
    assert answer_meeting_question("Why did Xi meet Ramaphosa?", "why", RECORDS)[0] == "trade"
    assert answer_meeting_question("Who did Putin meet?", "whom", RECORDS) is None
    assert answer_meeting_question("What did Xi say?", "what", RECORDS) is None


def test_who_is_the_person_described_answers_that_person_not_whom_they_met():
    records = [Meeting(article="d", participants=[Participant("Karl Dunmore", "Norland's harbour chief"),
                                                  Participant("Ida Brenner", "Skarn's port director")],
                       place="Port Elm")]
    text, _used = answer_meeting_question("Who is the Norland harbour chief who went to Port Elm?", "who", records)
    assert text.startswith("Karl Dunmore")
    text, _used = answer_meeting_question("Who was the harbour chief who met Brenner?", "who", records)
    assert text.startswith("Karl Dunmore")
    assert answer_meeting_question("Who is the Norland foreign minister who met Brenner?", "who", records) is None


def test_whom_someone_met_as_a_described_counterpart_is_the_one_described():
    records = [Meeting(article="d", participants=[Participant("Karl Dunmore", "Norland's harbour chief"),
                                                  Participant("Ida Brenner", "Skarnish harbour chief")])]
    text, _used = answer_meeting_question("Whom did the Norland harbour chief meet as his Skarnish counterpart?",
                                          "whom", records)
    assert text.startswith("Ida Brenner")
    assert answer_meeting_question("Whom did Dunmore meet with Brenner?", "whom", records) is None


def test_a_place_asked_that_no_record_holds_is_left_to_the_passages():
    text, used = answer_meeting_question("Who did Xi meet in Dakar?", "whom", RECORDS)
    assert text.startswith("Macky Sall") and used == [RECORDS[1]]
    assert answer_meeting_question("Who did Xi meet in Washington?", "whom", RECORDS) is None


def test_a_trip_to_where_a_meeting_was_held_is_that_meeting():
    assert answer_meeting_question("Why did Xi go to Pretoria?", "why", RECORDS)[0] == "trade"
    text, used = answer_meeting_question("When did Xi travel to Dakar?", "when", RECORDS)
    assert text == "2018-07-21" and used == [RECORDS[1]]
    assert answer_meeting_question("Why did Xi go to Washington?", "why", RECORDS) is None
    assert answer_meeting_question("Why did Xi leave Pretoria?", "why", RECORDS) is None


def test_a_composite_question_answers_every_part_it_asks():
    text, used = answer_meeting_question("Who met whom, where and why?", "who", RECORDS[:2],
                                         ("who", "whom", "where", "why"))
    assert text == ("Xi Jinping met Macky Sall; where: Dakar; why: not stated | "
                    "Xi Jinping met Cyril Ramaphosa; where: Pretoria; why: trade")
    assert used == [RECORDS[1], RECORDS[0]]
    text, _used = answer_meeting_question("Where and when did Xi meet Sall?", "where", RECORDS,
                                          ("where", "when"))
    assert text == "Xi Jinping and Macky Sall; where: Dakar; when: 2018-07-21"


def test_asked_parts_lists_every_question_word_in_order():
    assert asked_parts("Who met whom and why?") == ("who", "whom", "why")
    assert asked_parts("Who did Xi meet?") == ("who",)
    assert asked_parts("What did Xi say?") == ()


def test_filters_sort_by_date_and_person_view():
    assert [m.article for m in filter_meetings(RECORDS, person="Xi")] == ["b", "c", "a"]
    assert [m.article for m in filter_meetings(RECORDS, place="Pretoria", since="2019-01-01")] == ["a"]
    assert [p.name for p, _ in people_met(RECORDS, "Ramaphosa")] == ["Xi Jinping", "Xi Jinping"]


def test_one_meeting_from_several_articles_is_one_row():
    again = _record("d", "Xi", "Cyril Ramaphosa", date="2023-08-22", reason="trade")
    events = group_meetings(RECORDS + [again])
    [event] = [e for e in events if e.meeting.date == "2023-08-22"]
    assert event.sources == ["a", "d"] and len(events) == 3


def test_record_round_trip(seed_meetings):
    record = seed_meetings[0]
    assert Meeting.from_dict(json.loads(json.dumps(record.to_dict()))) == record


# ---- scoring ------------------------------------------------------------------------------------


def test_scoring_counts_pairs_events_and_fields_per_half():
    gold = [
        {"article": "a", "meetings": [{"participants": ["Tony Blair", "Ariel Sharon"], "place": "Jerusalem",
                                       "time": "on Monday", "reason": "the peace process"}]},
        {"article": "b", "meetings": [{"participants": ["Euronext", "London Stock Exchange"]}]},
    ]
    predicted = {
        "a": [{"participants": [{"name": "Mr Blair"}, {"name": "Sharon"}], "place": "Jerusalem",
               "time_text": "Monday", "reason": "to discuss the peace process"}],
        "b": [{"participants": [{"name": "Euronext"}, {"name": "Deutsche Boerse"}]}],
    }
    halves = score_set(gold, predicted, lambda g: "tune" if g["article"] == "a" else "heldout")
    tune, heldout = halves["tune"], halves["heldout"]
    assert (tune["right_pairs"], tune["pred_pairs"], tune["found"], tune["events"]) == (1, 1, 1, 1)
    assert tune["place"] == [1, 1] and tune["time"] == [1, 1] and tune["reason"] == [1, 1]
    assert (heldout["right_pairs"], heldout["pred_pairs"], heldout["found"]) == (0, 1, 0)
    report = format_halves("test", halves)
    assert "tune" in report and "heldout" in report and "100.0% (1/1)" in report


def test_field_matchers():
    assert reason_matches("climate change", "to discuss climate change")
    assert not reason_matches("climate change", "the budget")
    assert time_matches({"date": "2023-03"}, {"date": "2023-03-13"})
    assert not time_matches({"time": "on Monday"}, {"time_text": "in 2019"})


@pytest.mark.parametrize("path", GOLD_FILES)
def test_gold_files_are_well_formed(path):
    if not path.is_file():
        pytest.skip(f"{path.name} is not present")
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        assert item["article"] and isinstance(item["meetings"], list)
        for meeting in item["meetings"]:
            assert len(meeting["participants"]) >= 2


def test_a_meeting_record_line_says_why_and_where_each_part_was_read():
    from qa.ui.render import meeting_line

    record = {"participants": [{"name": "Ann Lee"}, {"name": "Bo Park"}], "kind": "talks",
              "place": "Oslo", "reason": "to discuss fishing",
              "evidence": [{"article": "a", "paragraph": 3}, {"article": "a", "paragraph": 5}]}
    assert meeting_line(record) == "Ann Lee, Bo Park · talks · Oslo · why: to discuss fishing · from ¶3, ¶5"


def test_a_question_naming_only_a_place_answers_with_the_meetings_held_there():
    text, used = answer_meeting_question("Who met whom in Dakar?", "who", RECORDS, ("who", "whom"))
    assert used == [RECORDS[1]] and "Macky Sall" in text and "Ramaphosa" not in text
    assert answer_meeting_question("Who met in Lagos?", "who", RECORDS) is None
    text, used = answer_meeting_question("Who did Xi meet in Pretoria?", "whom", RECORDS)
    assert "Sall" not in text and len(used) == 2


@pytest.mark.parametrize("sentence, kind", [
    ("Health Minister Anna Berg briefed Prime Minister Tomas Lund on the outbreak on Monday.", "meeting"),
    ("President Anna Berg spoke by phone with President Tomas Lund and briefed him on the plans.", "call"),
])
def test_briefing_someone_is_a_contact_with_them(nlp, sentence, kind):
    [record] = meetings_of(nlp, sentence)
    assert record.names() == ["Anna Berg", "Tomas Lund"] and record.kind == kind


def test_briefing_reporters_is_no_contact(nlp):
    assert meetings_of(nlp, "Spokeswoman Anna Berg briefed reporters on Monday.") == []


@pytest.mark.parametrize("sentence", [
    "Governor Anna Berg will sit down with Channel 4's Tomas Lund on Friday for her first television interview.",
    "Captain Anna Berg and captain Tomas Lund meet in the cup final at the national stadium on Saturday.",
    "Tolvik Rovers and Norland United meet in the Copa Nordica final at the Ullevaal on Saturday.",
])
def test_an_interview_or_a_fixture_is_no_contact(nlp, sentence):
    assert meetings_of(nlp, sentence) == []


def test_meeting_in_the_final_week_is_a_meeting(nlp):
    [record] = meetings_of(nlp, "President Anna Berg met President Tomas Lund in the final week of the campaign.")
    assert record.names() == ["Anna Berg", "Tomas Lund"]


def test_a_capital_named_by_its_country_is_that_place():
    text, used = answer_meeting_question("Who did Xi meet in the Senegalese capital?", "whom", RECORDS)
    assert text.startswith("Macky Sall") and used == [RECORDS[1]]
    text, used = answer_meeting_question("Whom did Xi meet in the capital of South Africa?", "whom", RECORDS)
    assert text.startswith("Cyril Ramaphosa") and len(used) == 2


def test_a_spy_chief_is_an_intelligence_chief():
    records = [Meeting(article="e", participants=[Participant("Karl Dunmore", "Norland's intelligence chief"),
                                                  Participant("Ida Brenner", "Senegalese intelligence chief")],
                       place="Dakar")]
    text, _used = answer_meeting_question("Whom has Norland's spy chief met in the Senegalese capital?", "whom", records)
    assert text.startswith("Ida Brenner")


def test_a_people_word_in_the_question_names_the_participant_whose_role_carries_it():
    records = [Meeting(article="d", participants=[Participant("Karl Dunmore", "Swedish harbour chief"),
                                                  Participant("Ida Brenner", "Norwegian port director")],
                       place="Port Elm")]
    text, _used = answer_meeting_question("Where did Karl Dunmore go to hold talks with the Norwegian side?",
                                          "where", records)
    assert text == "Port Elm"
    assert answer_meeting_question("Where did Karl Dunmore meet the Danish side?", "where", records) is None


def test_two_people_who_talked_for_an_hour_at_a_place_held_talks(nlp):
    from .meeting_helpers import rule_meetings_of

    [record] = rule_meetings_of(nlp, "Mayor Tomas Lund and Ola Berg, head of the union's bargaining committee, "
                                     "talked for about an hour at City Hall.")
    assert record.kind == "talks" and record.place == "City Hall"
    assert not rule_meetings_of(nlp, "Mayor Tomas Lund and Ola Berg talked to reporters at City Hall.")


def test_calling_someone_a_quoted_name_is_no_phone_call(nlp):
    from .meeting_helpers import rule_meetings_of

    records = rule_meetings_of(nlp, 'Mr. Lund, who called Mr. Berg "a great friend of Norland," later met Ada Berg to '
                                    'offer his condolences.')
    assert {frozenset(p) for r in records for p in r.pairs()} == {frozenset({"Lund", "Ada Berg"})}
