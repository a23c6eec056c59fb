"""A contact's kind and status, and what is no contact: behaviours on small invented sentences
(real spaCy model)."""

from __future__ import annotations

import pytest

from .meeting_helpers import meetings_of, rule_meetings_of


def test_meeting_as_the_occasion_of_a_request_happened(nlp):
    [record] = meetings_of(nlp, "Karl Dunmore asked Ola Brenning, during a meeting this week in Oslo, to cut "
                              "fishing quotas.")
    assert record.status == "happened"
    assert set(record.names()) == {"Karl Dunmore", "Ola Brenning"}


def test_a_request_to_meet_stays_imagined(nlp):
    assert meetings_of(nlp, "Karl Dunmore asked to meet Ola Brenning in Oslo.") == []


def test_status_survives_a_lemmatiser_slip(nlp):
    [meeting] = meetings_of(nlp, "Nakamura hopes to meet President Tomas Lund to prepare for the summit in June, "
                                 "they added.")
    assert meeting.status == "planned"


def test_verb_in_a_programme_title_is_no_contact(nlp):
    assert meetings_of(nlp, "Senator Anna Berg appeared on NBC's Meet the Press program after talks in "
                          "Geneva failed.") == []


def test_meeting_complaints_is_no_contact(nlp):
    assert meetings_of(nlp, "As a result, Tokyo is striving to meet U.S. Complaints about its trade practices.") == []


def test_due_to_meet(nlp):
    [record] = meetings_of(nlp, "Anna Berg is due to meet Tomas Lund in Oslo next week to discuss fishing quotas.")
    assert set(record.names()) == {"Anna Berg", "Tomas Lund"} and record.status == "planned"


def test_happy_to_meet_is_imagined(nlp):
    assert meetings_of(nlp, "Anna Berg says she would be happy to meet Mr Lund.") == []


def test_receiving_an_official_by_office_is_a_visit(nlp):
    [record] = meetings_of(nlp, "Crown Prince Tomas Lund received Norland's foreign minister Karl Dunmore "
                              "in Tolvik on Saturday.")
    assert record.kind == "visit"
    assert record.place == "Tolvik"
    assert record.participants[1].role == "Norland's foreign minister"


def test_one_person_talking_about_something_is_no_contact(nlp):
    assert meetings_of(nlp, "Karl Dunmore talked about the harbour strike in a speech on Monday.") == []


def test_reaching_out_by_phone_is_a_call(nlp):
    [record] = meetings_of(nlp, "Karl Dunmore reached out to Ola Brenning by phone on Tuesday.")
    assert record.kind == "call"
    assert meetings_of(nlp, "Karl Dunmore reached a deal with the unions by phone on Tuesday.") == []


def test_sitting_down_with_someone_is_a_meeting(nlp):
    [record] = meetings_of(nlp, "Ola Brenning sat down with Karl Dunmore in Tolvik on Thursday.")
    assert record.kind == "meeting" and record.place == "Tolvik"
    assert meetings_of(nlp, "Ola Brenning sat on the harbour board with Karl Dunmore for years.") == []


def test_looking_forward_to_talks_is_planned(nlp):
    [record] = meetings_of(nlp, "Karl Dunmore said he was looking forward to his talks with Ola Brenning.")
    assert record.status == "planned"


def test_calling_someone_back_to_a_place_does_not_call_the_place(nlp):
    records = meetings_of(nlp, "Ola Brenning called Karl Dunmore back to Tolvik Castle by phone.")
    assert all(p.name != "Tolvik Castle" for m in records for p in m.participants)


def test_a_video_conference_is_a_call_and_a_news_conference_no_contact(nlp):
    [record] = meetings_of(nlp, "Ola Brenning and Tomas Lund held a video conference with Karl Dunmore on Thursday.")
    assert record.kind == "call" and len(record.participants) == 3
    assert meetings_of(nlp, "Ola Brenning held a news conference with Karl Dunmore on Thursday.") == []


def test_meeting_virtually_is_a_call(nlp):
    [record] = meetings_of(nlp, "Ola Brenning and Karl Dunmore met virtually on Monday.")
    assert record.kind == "call"


def test_call_is_real_whatever_was_urged_during_it(nlp):
    [record] = meetings_of(nlp, "Chancellor Ola Brenning urged President Karl Dunmore to withdraw his troops and "
                              "find a solution during an hour-long phone call on Friday, his spokesman said.")
    assert record.kind == "call" and record.status == "happened"


def test_cancelling_a_planned_summit_cancels_it(nlp):
    [record] = meetings_of(nlp, "President Tom Lund cut short his trip, cancelling a planned summit in Oslo with "
                              "Prime Minister Ada Berg.")
    assert record.status == "cancelled"


def test_joined_reported_clause_with_would_is_planned(nlp):
    records = meetings_of(nlp, "President Tom Lund spoke with Ada Berg by phone on Tuesday.",
                        "Lund later told reporters that he had congratulated Berg and that they would meet in "
                        "person at the summit in Oslo next month.")
    assert any(r.kind == "meeting" and r.status == "planned" and "Oslo" in (r.place or "") for r in records)


@pytest.mark.parametrize("text", [
    "Folk singer Tom Lund will receive the Harbour Prize at the ceremony in Oslo.",
    "Chairman Ada Berg and Tom Lund said they were open to negotiations with Norbank.",
    "Finance Minister Ada Berg told a meeting of the Nordic Shipping Forum that tariffs would fall.",
    "In an interview with Norland Radio's Breakfast with Lindqvist, Mr Lund said he had dealt with it.",
])
def test_no_meeting_of_people(nlp, text):
    assert meetings_of(nlp, text) == []


def test_a_call_takes_no_place_from_a_journey_or_the_dateline(nlp):
    found = meetings_of(nlp, "OSLO, March 14 (Reuters) - President Tom Lund arrived in Oslo on Monday. "
                             "He spoke by phone with Chancellor Ada Berg on Tuesday.")
    [call] = [m for m in found if m.kind == "call"]
    assert call.place is None


def test_a_requested_meeting_has_not_happened(nlp):
    assert meetings_of(nlp, "The union has requested a meeting with President Tom Lund, its leader "
                            "Ada Berg said.") == []


def test_the_talks_of_the_next_sentence_give_the_planned_meeting_its_purpose(nlp):
    [meeting] = meetings_of(nlp, "Foreign Minister Ola Vik will meet Skarnish President Tom Lund on Friday.",
                            "The talks are aimed at ending the border dispute.")
    assert meeting.status == "planned" and meeting.reason == "ending the border dispute"


def test_hoping_to_meet_is_a_planned_meeting(nlp):
    [meeting] = meetings_of(nlp, "Premier Ola Vik hopes to hold talks with President Tom Lund next month "
                                 "to settle the pipeline dispute.")
    assert meeting.status == "planned" and meeting.reason == "to settle the pipeline dispute"


def test_opening_talks_holds_them_being_open_to_talks_does_not(nlp):
    [opened] = meetings_of(nlp, "Trade Secretary Tom Lund opened negotiations with Skarnish fisheries officials "
                                "on Monday.")
    assert opened.status == "happened"
    assert meetings_of(nlp, "President Tom Lund said he was open to talks with Premier Ada Berg.") == []


def test_a_call_is_another_contact_than_the_visit_before_it(nlp):
    found = meetings_of(nlp, "Premier Ada Berg made a state visit to Oslo last month, where she was hosted by "
                             "President Tom Lund at the palace.",
                        "The two leaders spoke by phone again before Berg left for Skarn.")
    kinds = {m.kind: m for m in found}
    assert set(kinds) == {"visit", "call"} and kinds["call"].place is None


def test_a_planned_meeting_called_off_in_the_same_sentence_is_cancelled_for_each(nlp):
    records = meetings_of(nlp, "President Tomas Lund had been due to fly to Oslo for talks with President Anna Berg "
                               "and Prime Minister Karl Dunmore, but the meeting was called off after the blast.")
    assert [(len(r.participants), r.status) for r in records] == [(3, "cancelled")]


@pytest.mark.parametrize("sentence, statuses", [
    ("A spokesman said there were plans for President Anna Berg to meet President Tomas Lund next week.", ["planned"]),
    ("A spokesman said there were no plans for President Anna Berg to meet President Tomas Lund.", []),
])
def test_a_contact_a_plan_is_for(nlp, sentence, statuses):
    assert [m.status for m in meetings_of(nlp, sentence)] == statuses


@pytest.mark.parametrize("sentence", [
    "President Anna Berg has yet to speak with President Tomas Lund since the war began.",
    "The ministry said on Tuesday there were no plans for talks with President Tomas Lund.",
])
def test_a_contact_not_held_so_far_or_not_planned(nlp, sentence):
    assert meetings_of(nlp, sentence) == []


@pytest.mark.parametrize("sentence, statuses", [
    ("President Anna Berg has said she would like to meet President Tomas Lund.", []),
    ("Minister Anna Berg said she hoped to meet her counterpart, Tomas Lund, in the near future.", []),
    ("President Anna Berg hopes to meet President Tomas Lund in late April.", ["planned"]),
])
def test_a_wish_to_meet_is_no_plan_unless_dated(nlp, sentence, statuses):
    assert [m.status for m in meetings_of(nlp, sentence)] == statuses


def test_no_plans_for_two_people_to_meet(nlp):
    assert meetings_of(nlp, "Officials said there were no plans for President Anna Berg and President Tomas Lund "
                            "to meet, despite the offer.") == []


def test_what_someone_rarely_does_is_no_contact(nlp):
    assert meetings_of(nlp, "King Tomas Lund, who has rarely received foreign leaders in recent years, "
                            "did not meet Prime Minister Anna Berg.") == []


@pytest.mark.parametrize("sentence", [
    "President Anna Berg addressed the council on Monday, calling on world leaders to force Norland into peace.",
    "Union leaders had asked to meet President Anna Berg before she called on Congress to intervene.",
    "President Anna Berg dismissed the prospect of talks with President Tomas Lund.",
    "President Anna Berg conferred on President Tomas Lund the country's highest honour at a ceremony.",
])
def test_urging_an_award_or_a_prospect_is_no_contact(nlp, sentence):
    assert meetings_of(nlp, sentence) == []


@pytest.mark.parametrize("sentence, kind", [
    ("Minister Anna Berg had called on the crown prince, Tomas Lund, on Sunday evening to review the plans.", "meeting"),
    ("President Anna Berg called President Tomas Lund on Tuesday to explain her decision.", "call"),
])
def test_calling_on_someone_for_a_purpose_is_a_contact(nlp, sentence, kind):
    [record] = meetings_of(nlp, sentence)
    assert record.kind == kind


@pytest.mark.parametrize("sentence", [
    "Karl Dunmore renewed his invitation for Ola Brenning to visit Norland.",
    "Ola Brenning accepted an invitation from Karl Dunmore to visit Norland.",
])
def test_an_invitation_to_visit_is_a_planned_visit_to_the_host(nlp, sentence):
    [record] = meetings_of(nlp, sentence)
    assert record.kind == "visit" and record.status == "planned"
    assert set(record.names()) == {"Karl Dunmore", "Ola Brenning"}


def test_a_speech_to_a_meeting_is_no_contact(nlp):
    assert meetings_of(nlp, "On Wednesday, Karl Dunmore delivered a long address to a joint meeting of "
                            "the Norland parliament.") == []


def test_a_capital_in_a_list_of_those_met_is_no_person(nlp):
    [record] = meetings_of(nlp, "Harbour chief Karl Dunmore held talks with Mayor Ola Brenning and Paris 2024 "
                                "organising committee chief Anna Berg at the town hall.")
    assert "Paris" not in record.names()


@pytest.mark.parametrize("sentence", [
    "President Tom Lund said he would meet Ada Berg if she invites him.",
    "Tom Lund said he was prepared to speak with President Ada Berg if she showed she wanted a deal.",
    "The visit comes as the two sides work toward a possible meeting between Tom Lund and President Ada Berg.",
    "On the earnings call with analysts, finance chief Ada Berg said the company had more supply.",
])
def test_a_contact_only_on_a_condition_talked_of_or_with_the_market_is_none(nlp, sentence):
    assert not rule_meetings_of(nlp, sentence)


def test_declining_to_comment_on_a_meeting_does_not_undo_it(nlp):
    records = rule_meetings_of(nlp, "Tomas Ekholm declined to comment on the meeting on Monday with Ada Berg.")
    assert [m.status for m in records] == ["happened"]


def test_would_meet_only_after_something_is_a_condition(nlp):
    assert not rule_meetings_of(nlp, "Lund has said he would meet President Ada Berg only after her troops leave Skarn.")


def test_addressing_a_session_described_as_a_gathering_is_a_speech(nlp):
    assert not rule_meetings_of(nlp, "Lund had addressed the closing session of the Nordic Days, a gathering of "
                                     "bishops and young people, in the same building.")


def test_a_contact_dated_ahead_has_not_happened_yet(nlp):
    [record] = rule_meetings_of(nlp, "Trade Minister Tomas Ekholm holds talks with Ada Berg tomorrow in Oslo.")
    assert record.status == "planned" and record.date == "2023-03-16"
    [record] = rule_meetings_of(nlp, "Trade Minister Tomas Ekholm leaves for Oslo on March 29 for talks with Ada Berg.")
    assert record.status == "planned" and record.date == "2023-03-29"


@pytest.mark.parametrize("sentence, kind, time", [
    ("President Karl Lund has not spoken with Chinese President Ada Berg since their video call in March.", "call", "in March"),
    ("Karl Lund has not met anyone since his meeting with Ada Berg in May.", "meeting", "in May"),
])
def test_a_contact_since_which_nothing_happened_did_happen(nlp, sentence, kind, time):
    [record] = rule_meetings_of(nlp, sentence)
    assert (record.names(), record.kind, record.status, record.time_text) == (["Karl Lund", "Ada Berg"], kind, "happened", time)


def test_a_dinner_that_follows_talks_has_their_people_and_status(nlp):
    records = rule_meetings_of(nlp, "On Saturday, President Karl Lund will hold formal talks with President Ada Berg at "
                                    "her office in Tolvik, followed by a state dinner at the National Museum.")
    assert [(r.kind, r.status, r.names()) for r in records] == [
        ("talks", "planned", ["Karl Lund", "Ada Berg"]), ("dinner", "planned", ["Karl Lund", "Ada Berg"])]
    [_, meeting] = rule_meetings_of(nlp, "President Karl Lund will hold talks with President Ada Berg over lunch on Sunday, "
                                         "followed by a bilateral meeting with Prime Minister Tom Vik.")
    assert meeting.names() == ["Karl Lund", "Tom Vik"]  # whom the one that follows names


@pytest.mark.parametrize("moved", ["has been pushed back to next Tuesday", "was brought forward to Monday"])
def test_a_meeting_moved_to_another_day_is_still_planned(nlp, moved):
    [record] = rule_meetings_of(nlp, f"Governor Ada Lund's meeting with Trade Minister Tom Vik in Oslo {moved}.")
    assert set(record.names()) == {"Ada Lund", "Tom Vik"} and record.status == "planned"
