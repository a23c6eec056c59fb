"""When a contact took place, and how long is not when: behaviours on small invented
sentences (real spaCy model)."""

from __future__ import annotations

import pytest

from .meeting_helpers import meetings_of


def test_time_phrase_that_opens_the_sentence(nlp):
    [record] = meetings_of(nlp, "In March, Finance Minister Ola Brenning was invited to Oslo for talks "
                              "with Karl Dunmore on fishing quotas.")
    assert record.time_text == "In March"
    assert record.place == "Oslo"


def test_time_phrase_under_an_adverb(nlp):
    [record] = meetings_of(nlp, "Mining Minister Ola Brenning is expected here on Friday for talks with "
                              "his counterpart Karl Dunmore.")
    assert record.time_text == "on Friday"


def test_present_tense_when_clause_takes_the_time_of_its_verb(nlp):
    [planned] = meetings_of(nlp, "Officials said Anna Berg would probably raise the subject of defence trade "
                               "when she meets Tomas Lund.")
    assert planned.status == "planned"
    [past] = meetings_of(nlp, "Anna Berg smiled when she met Tomas Lund.")
    assert past.status == "happened"


def test_when_talks_begin_is_not_why(nlp):
    [record] = meetings_of(nlp, "Anna Berg will hold talks with Tomas Lund expected to begin in late July.")
    assert record.reason is None or "begin" not in record.reason


@pytest.mark.parametrize("text", [
    "Anna Berg will hold talks with Tomas Lund expected to begin in late July.",
    "Talks between Anna Berg and Tomas Lund will start on Friday.",
])
def test_time_from_when_the_talks_begin(nlp, text):
    [record] = meetings_of(nlp, text)
    assert record.time_text in {"in late July", "on Friday"}


def test_how_long_they_met_is_not_when(nlp):
    [record] = meetings_of(nlp, "Ola Brenning met Karl Dunmore for three hours in Tolvik on Monday.")
    assert record.time_text == "on Monday"


def test_time_hung_on_the_occasion(nlp):
    [record] = meetings_of(nlp, "Ola Brenning will host Karl Dunmore for a state visit in June.")
    assert record.time_text == "in June" and record.status == "planned"


def test_a_duration_is_not_when(nlp):
    [record] = meetings_of(nlp, "Ola Brenning held six-hour talks with Karl Dunmore in Tolvik.")
    assert record.time_text is None


def test_time_written_as_a_possessive(nlp):
    [record] = meetings_of(nlp, "Ola Brenning will host Tuesday's meeting with Karl Dunmore in Tolvik.")
    assert record.time_text == "Tuesday" and record.date == "2023-03-21"


def test_time_of_the_verb_a_joined_meeting_hangs_from(nlp):
    [record] = meetings_of(nlp, "On Wednesday President Tom Lund is due to address parliament and meet opposition "
                              "leader Ada Berg.")
    assert record.time_text == "On Wednesday"


def test_time_of_the_clause_a_summit_is_attended_during(nlp):
    [record] = meetings_of(nlp, "President Tom Lund spoke to reporters on Saturday as he attended a summit in Oslo "
                                "with Prime Minister Ada Berg.")
    assert record.time_text == "on Saturday"


def test_a_date_the_sentence_opens_with_is_its_meetings_time(nlp):
    [record] = meetings_of(nlp, "On Wednesday Mr Dunmore is due to visit the harbour and shipyards in Oslo and "
                                "meet Labour leader Sir Tom Lund.")
    assert record.time_text == "On Wednesday"


def test_their_first_meeting_in_a_year_is_the_same_talks_not_a_time(nlp):
    found = meetings_of(nlp, "Premier Ola Vik sat down with President Tom Lund on Sunday, their first meeting "
                             "in over two years, officials said.")
    assert [(m.time_text) for m in found] == ["on Sunday"]


def test_how_long_the_talks_lasted_is_not_when(nlp):
    [record] = meetings_of(nlp, "Norwegian Prime Minister Tomas Lund met Swedish Foreign Minister Anna Berg on Monday.",
                           "The talks lasted two hours and focused on fishing quotas.")
    assert record.time_text == "on Monday"
    assert record.reason == "fishing quotas"


def test_the_audience_lasted_about_an_hour_is_no_time(nlp):
    [record] = meetings_of(nlp, "Pope Tomas received Norwegian President Anna Berg in a private audience on Monday.",
                           "The audience in the Apostolic Palace lasted about an hour, the Vatican said.",
                           "The Vatican said the talks focused on Norland's economic crisis.")
    assert record.time_text == "on Monday" and record.place == "Apostolic Palace"
    assert record.reason == "Norland's economic crisis"


@pytest.mark.parametrize("sentence, time", [
    ("On Thursday morning Prime Minister Tomas Lund and President Anna Berg held a meeting of about 30 minutes.",
     "On Thursday morning"),
    ("Prime Minister Tomas Lund will meet President Anna Berg in two weeks.", "in two weeks"),
])
def test_how_long_against_when(nlp, sentence, time):
    [record] = meetings_of(nlp, sentence)
    assert record.time_text == time


def test_where_she_is_due_to_meet_after_a_journey_on_a_day(nlp):
    [record] = meetings_of(nlp, "Chief executive Tomas Lund is due to travel to Stockholm on Thursday, where he is "
                                "scheduled to meet Swedish Prime Minister Anna Berg.")
    assert record.place == "Stockholm" and record.time_text == "on Thursday" and record.status == "planned"


def test_the_day_of_the_journey_to_where_they_meet(nlp):
    [record] = meetings_of(nlp, "Secretary Tom Vale is set to travel on Sunday to Moldova, where he will meet "
                                "President Anna Berg in Chisinau to discuss refugees.")
    assert record.time_text == "on Sunday" and record.status == "planned"


@pytest.mark.parametrize("sentence, time", [
    ("President Anna Berg met President Tom Vale before the summit opened.", "before the summit opened"),
    ("President Anna Berg met President Tom Vale ahead of the summit.", "ahead of the summit"),
    ("President Anna Berg met President Tom Vale after the vote on Monday.", "on Monday"),
    ("President Anna Berg met President Tom Vale before leaving for Oslo.", "before leaving for Oslo"),
    ("Before his speech, Anna Berg met privately with Tomas Lund.", "Before his speech"),  # the sentence's setting
    ("A meeting between Anna Berg and Tomas Lund planned for this week has been called off.", "for this week"),
])
def test_a_time_told_by_another_event(nlp, sentence, time):
    [record] = meetings_of(nlp, sentence)
    assert record.time_text == time


def test_a_time_the_contact_comes_before_never_keeps_it_apart(nlp):
    [record] = meetings_of(nlp, "Anna Berg met Tomas Lund in Oslo on Monday.",
                           "Before her speech, Berg met Lund again for an hour.")
    assert record.time_text == "on Monday"
