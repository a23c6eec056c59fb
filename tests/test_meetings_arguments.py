"""Where, when and why of a contact, and who takes part: behaviours on small invented sentences
(real spaCy model)."""

from __future__ import annotations

import pytest

from qa.meetings import Meeting, extract_meetings
from qa.models import Article
from qa.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _meetings(nlp, *paragraphs: str) -> list[Meeting]:
    article = Article(id="t/2", title="Test", paragraphs=tuple(paragraphs), date="2023-03-15")
    return extract_meetings(article, nlp)


def _pairs(meetings: list[Meeting]) -> set[frozenset[str]]:
    return {frozenset(p) for m in meetings for p in m.pairs()}


def test_time_phrase_that_opens_the_sentence(nlp):
    [record] = _meetings(nlp, "In March, Finance Minister Ola Brenning was invited to Oslo for talks "
                              "with Karl Dunmore on fishing quotas.")
    assert record.time_text == "In March"
    assert record.place == "Oslo"


def test_time_phrase_under_an_adverb(nlp):
    [record] = _meetings(nlp, "Mining Minister Ola Brenning is expected here on Friday for talks with "
                              "his counterpart Karl Dunmore.")
    assert record.time_text == "on Friday"


def test_reason_from_a_likely_focus(nlp):
    [record] = _meetings(nlp, "Foreign Minister Ola Brenning arrived in Oslo for talks with Karl Dunmore "
                              "likely to focus on fishing quotas.")
    assert "fishing quotas" in record.reason


def test_place_keeps_room_building_and_city(nlp):
    [record] = _meetings(nlp, "Joe Biden spoke with Olaf Scholz in the Oval Office at the White House "
                              "in Washington.")
    assert "Washington" in record.place and "Oval Office" in record.place


def test_people_visiting_a_place_together_did_not_meet_each_other(nlp):
    assert _meetings(nlp, "Karl Dunmore and Ola Brenning last week visited Oslo as part of their trip.") == []


def test_capitalised_role_resolves_to_the_person(nlp):
    records = _meetings(nlp, "Finance Minister Karl Dunmore has written to Ola Brenning.",
                        "The spokesman said the Minister had talks this morning with Brenning.")
    assert frozenset({"Karl Dunmore", "Ola Brenning"}) in _pairs(records)


def test_plural_talks_without_a_partner_complete_the_meeting_before(nlp):
    [record] = _meetings(nlp, "Mining Minister Ola Brenning is expected here on Friday for talks with his "
                              "counterpart Karl Dunmore.",
                         "Brenning will have talks on fishing quotas, officials said.")
    assert set(record.names()) == {"Ola Brenning", "Karl Dunmore"}
    assert record.reason == "fishing quotas"


def test_place_of_a_where_clause(nlp):
    [record] = _meetings(nlp, "Karl Dunmore flew to Oslo, where he met Ola Brenning.")
    assert record.place == "Oslo"


def test_people_of_a_where_clause_hung_on_a_later_word(nlp):
    records = _meetings(nlp, "The book claims Mr Dunmore hosted a dinner in May 2003 where Ola Brenning "
                             "told Mr Lund he would resign.")
    names = {n for m in records for n in m.names()}
    assert {"Dunmore", "Ola Brenning", "Lund"} <= names


def test_group_side_folds_into_the_named_member_met(nlp):
    records = _meetings(nlp, "Foreign Minister Karl Dunmore arrived in Oslo for talks with Norwegian leaders "
                             "likely to focus on fishing quotas.",
                        "Dunmore drove straight from the airport to a meeting with Norwegian Foreign Minister "
                        "Ola Brenning.")
    assert _pairs(records) == {frozenset({"Karl Dunmore", "Ola Brenning"})}
    [record] = records
    assert record.place == "Oslo" and "fishing quotas" in record.reason


def test_group_side_stays_without_a_named_member(nlp):
    records = _meetings(nlp, "Karl Dunmore held talks with Norwegian officials in Oslo.")
    assert _pairs(records) == {frozenset({"Karl Dunmore", "Norwegian officials"})}


def test_meeting_as_the_occasion_of_a_request_happened(nlp):
    [record] = _meetings(nlp, "Karl Dunmore asked Ola Brenning, during a meeting this week in Oslo, to cut "
                              "fishing quotas.")
    assert record.status == "happened"
    assert set(record.names()) == {"Karl Dunmore", "Ola Brenning"}


def test_a_request_to_meet_stays_imagined(nlp):
    assert _meetings(nlp, "Karl Dunmore asked to meet Ola Brenning in Oslo.") == []


def test_what_was_told_at_the_dinner_is_its_topic(nlp):
    records = _meetings(nlp, "The book claims Mr Dunmore hosted a dinner in May 2003 where Ola Brenning "
                             "told Mr Lund he would resign before the next election.")
    assert any(m.reason and m.reason.startswith("he would resign") for m in records)


def test_venue_written_before_the_trigger_noun(nlp):
    records = _meetings(nlp, "Karl Dunmore met Ola Brenning on Monday.",
                        "The Camp Ridley talks covered a range of other topics.")
    [record] = records
    assert record.place == "Camp Ridley"


def test_pronoun_is_not_a_person_named_after_it(nlp):
    records = _meetings(nlp, "Anna Berg, who flew to Jakarta yesterday from Tokyo, will meet with President "
                             "Tomas Lund and senior economic ministers.",
                        "She will see Lund on Tuesday after a day of detailed discussions with ministers "
                        "tomorrow.")
    assert frozenset({"Tomas Lund", "ministers"}) not in _pairs(records)


def test_present_tense_when_clause_takes_the_time_of_its_verb(nlp):
    [planned] = _meetings(nlp, "Officials said Anna Berg would probably raise the subject of defence trade "
                               "when she meets Tomas Lund.")
    assert planned.status == "planned"
    [past] = _meetings(nlp, "Anna Berg smiled when she met Tomas Lund.")
    assert past.status == "happened"


def test_status_survives_a_lemmatiser_slip(nlp):
    assert _meetings(nlp, "Nakamura hopes to meet President Tomas Lund to prepare for the summit in June, "
                          "they added.") == []


def test_subjects_negotiating_with_unnamed_others_did_not_meet_each_other(nlp):
    records = _meetings(nlp, "Argentina, Bolivia, Costa Rica and others are also pursuing normal "
                             "negotiations with creditor banks.")
    assert _pairs(records) == set()


def test_plural_counterparts_are_a_group_not_one_person(nlp):
    [record] = _meetings(nlp, "EU Commission President Anna Berg said the plan was urgent.",
                         "UK Prime Minister Tomas Lund is meeting his EU counterparts to finalise a package "
                         "of measures.")
    assert "Anna Berg" not in record.names()


def test_verb_in_a_programme_title_is_no_contact(nlp):
    assert _meetings(nlp, "Senator Anna Berg appeared on NBC's Meet the Press program after talks in "
                          "Geneva failed.") == []


def test_meeting_complaints_is_no_contact(nlp):
    assert _meetings(nlp, "As a result, Tokyo is striving to meet U.S. Complaints about its trade practices.") == []


def test_country_is_not_an_organisation_named_after_it(nlp):
    records = _meetings(nlp, "Anna Berg addressed the National Press Club of Freedonia on Monday.",
                        "She said she was disappointed at the outcome of talks with Freedonia.")
    names = {n for m in records for n in m.names()}
    assert "National Press Club of Freedonia" not in names


def test_what_is_on_the_agenda_of_the_talks_is_their_topic(nlp):
    records = _meetings(nlp, "Prime Minister Anna Berg visits Freedonia next week, and debt is expected to figure "
                             "high on the agenda of her talks with Chancellor Tomas Lund.")
    assert any(m.reason == "debt" for m in records)


def test_when_talks_begin_is_not_why(nlp):
    [record] = _meetings(nlp, "Anna Berg will hold talks with Tomas Lund expected to begin in late July.")
    assert record.reason is None or "begin" not in record.reason


@pytest.mark.parametrize("text", [
    "Anna Berg will hold talks with Tomas Lund expected to begin in late July.",
    "Talks between Anna Berg and Tomas Lund will start on Friday.",
])
def test_time_from_when_the_talks_begin(nlp, text):
    [record] = _meetings(nlp, text)
    assert record.time_text in {"in late July", "on Friday"}


def test_place_with_its_region(nlp):
    [record] = _meetings(nlp, "Anna Berg met Tomas Lund in Leeds, northern England, on Monday.")
    assert record.place == "Leeds, England"


def test_place_named_inside_a_common_noun(nlp):
    records = _meetings(nlp, "Anna Berg described a meeting between Tomas Lund and Karl Dunmore in the "
                             "Texas countryside.")
    assert any(m.place == "Texas" for m in records)


@pytest.mark.parametrize("second", [
    "The talks focused on fishing quotas.",
    "The meeting was about fishing quotas.",
])
def test_topic_from_what_the_talks_are_said_to_cover(nlp, second):
    [record] = _meetings(nlp, "Anna Berg met Tomas Lund in Oslo on Monday.", second)
    assert record.reason == "fishing quotas"


def test_due_to_meet(nlp):
    [record] = _meetings(nlp, "Anna Berg is due to meet Tomas Lund in Oslo next week to discuss fishing quotas.")
    assert set(record.names()) == {"Anna Berg", "Tomas Lund"} and record.status == "planned"


def test_discussed_a_topic_with_someone(nlp):
    [record] = _meetings(nlp, "Anna Berg discussed fishing quotas with Tomas Lund in Oslo on Monday.")
    assert set(record.names()) == {"Anna Berg", "Tomas Lund"}
    assert record.reason == "fishing quotas"


def test_happy_to_meet_is_imagined(nlp):
    assert _meetings(nlp, "Anna Berg says she would be happy to meet Mr Lund.") == []


def test_the_ministers_is_no_side_of_its_own(nlp):
    records = _meetings(nlp, "The ministers are due to start four days of talks tomorrow with officials of "
                             "Freedonia.")
    assert not any("ministers" in n for m in records for n in m.names())


@pytest.mark.parametrize("text", [
    "Anna Berg visited Tomas Lund in Oslo on Monday.",
    "Anna Berg paid a visit to Tomas Lund in Oslo on Monday.",
])
def test_visiting_a_person_in_a_place(nlp, text):
    [record] = _meetings(nlp, text)
    assert set(record.names()) == {"Anna Berg", "Tomas Lund"} and record.place == "Oslo"


def test_place_hung_on_the_last_of_those_met(nlp):
    records = _meetings(nlp, "Anna Berg held a meeting with Tomas Lund and Karl Dunmore in Oslo.")
    assert [m.place for m in records] == ["Oslo", "Oslo"]


def test_place_of_a_where_clause_after_a_journey(nlp):
    [record] = _meetings(nlp, "Anna Berg flew to Oslo on Monday, where she met Tomas Lund to discuss the crisis.")
    assert record.place == "Oslo"


def test_place_hung_on_an_apposition_of_the_person_met(nlp):
    [record] = _meetings(nlp, "Anna Berg met with Norway's prime minister, Tomas Lund, in Oslo.")
    assert record.place == "Oslo"


@pytest.mark.parametrize("first", [
    "Swedish Trade Minister Anna Berg arrived in Oslo on Monday.",
    "Anna Berg will be in Oslo from April 21 to 24.",
])
def test_place_of_the_journey_just_reported(nlp, first):
    records = _meetings(nlp, first, "She will meet Norwegian Prime Minister Tomas Lund.")
    assert [m.place for m in records] == ["Oslo"]


def test_journey_of_someone_else_gives_no_place(nlp):
    [record] = _meetings(nlp, "Karl Dunmore arrived in Oslo on Monday.",
                         "Anna Berg met Tomas Lund on Tuesday.")
    assert record.place is None


def test_the_two_alone_refers_to_the_people_just_met(nlp):
    [record] = _meetings(nlp, "Anna Berg met Tomas Lund in Oslo on Monday.",
                         "The two discussed fishing quotas and security.")
    assert record.reason == "fishing quotas and security"


def test_counterpart_with_a_place_after_it(nlp):
    [record] = _meetings(nlp, "Swedish Trade Minister Anna Berg held talks with her Norwegian counterpart in Oslo.",
                         "Norwegian Trade Minister Tomas Lund said the talks had gone well.")
    assert set(record.names()) == {"Anna Berg", "Tomas Lund"} and record.place == "Oslo"


def test_dinner_for_a_guest(nlp):
    [record] = _meetings(nlp, "Anna Berg hosted a dinner for Tomas Lund in Oslo on Monday.")
    assert set(record.names()) == {"Anna Berg", "Tomas Lund"} and record.kind == "dinner"
    assert record.place == "Oslo"


def test_place_and_time_from_a_when_clause(nlp):
    [record] = _meetings(nlp, "Anna Berg is expected to meet Tomas Lund when she visits Oslo next month.")
    assert record.place == "Oslo" and record.time_text == "next month"


def test_topic_of_the_talks_a_meeting_was_for(nlp):
    [record] = _meetings(nlp, "Anna Berg met Tomas Lund in Oslo on Monday for talks on fishing quotas.")
    assert record.reason == "fishing quotas"


def test_receiving_an_official_by_office_is_a_visit(nlp):
    [record] = _meetings(nlp, "Crown Prince Tomas Lund received Norland's foreign minister Karl Dunmore "
                              "in Tolvik on Saturday.")
    assert record.kind == "visit"
    assert record.place == "Tolvik"
    assert record.participants[1].role == "Norland's foreign minister"


def test_topic_given_as_a_gerund(nlp):
    [record] = _meetings(nlp, "Tomas Lund met Karl Dunmore for renewed talks on rescheduling the "
                              "island's debt.")
    assert "rescheduling the island's debt" in record.reason


def test_what_the_talks_were_aimed_at_in_the_next_sentence(nlp):
    [record] = _meetings(nlp, "Ola Brenning held talks with Karl Dunmore in Tolvik on Sunday. The talks "
                              "were aimed at ending the fishing dispute.")
    assert record.reason == "ending the fishing dispute"


def test_what_the_summit_is_expected_to_focus_on(nlp):
    [record] = _meetings(nlp, "Ola Brenning will meet Karl Dunmore in Tolvik next week. The summit is "
                              "expected to focus on fishing quotas.")
    assert "fishing quotas" in record.reason


def test_the_sidelines_of_a_summit_are_no_topic(nlp):
    [record] = _meetings(nlp, "Ola Brenning met Karl Dunmore on the sidelines of the Nordic summit.")
    assert record.reason is None


def test_what_was_discussed_holds_no_place(nlp):
    """"discussed the war in Norland": Norland is the war's place, not the meeting's, and the
    discussion completes the dinner of the sentence before."""
    [record] = _meetings(nlp, "Ola Brenning hosted Karl Dunmore for dinner at the Tolvik Palace on Sunday. "
                              "The two leaders discussed fish prices and the war in Norland.")
    assert record.kind == "dinner"
    assert "Tolvik Palace" in record.place and "Norland" not in record.place
    assert "fish prices" in record.reason



def test_talks_that_were_expected_to_cover_a_topic(nlp):
    [record] = _meetings(nlp, "Tomas Lund and Ola Brenning met at the Tolvik Palace on Tuesday for talks that were "
                              "expected to cover fishing quotas and the harbour dispute.")
    assert record.reason.startswith("fishing quotas")


def test_topic_after_a_time_phrase(nlp):
    [record] = _meetings(nlp, "Ola Brenning held talks with Karl Dunmore in the Blue Hall earlier in the day "
                              "on the fishing dispute and harbour fees.")
    assert record.reason.startswith("the fishing dispute")


def test_what_they_talked_about_in_the_next_sentence(nlp):
    [record] = _meetings(nlp, "Bishop Ola Brenning met with Karl Dunmore at the cathedral on Monday. They "
                              "talked about the harbour strike, the diocese said.")
    assert record.reason == "the harbour strike"


def test_one_person_talking_about_something_is_no_contact(nlp):
    assert _meetings(nlp, "Karl Dunmore talked about the harbour strike in a speech on Monday.") == []


def test_reaching_out_by_phone_is_a_call(nlp):
    [record] = _meetings(nlp, "Karl Dunmore reached out to Ola Brenning by phone on Tuesday.")
    assert record.kind == "call"
    assert _meetings(nlp, "Karl Dunmore reached a deal with the unions by phone on Tuesday.") == []


def test_how_long_they_met_is_not_when(nlp):
    [record] = _meetings(nlp, "Ola Brenning met Karl Dunmore for three hours in Tolvik on Monday.")
    assert record.time_text == "on Monday"


def test_sitting_down_with_someone_is_a_meeting(nlp):
    [record] = _meetings(nlp, "Ola Brenning sat down with Karl Dunmore in Tolvik on Thursday.")
    assert record.kind == "meeting" and record.place == "Tolvik"
    assert _meetings(nlp, "Ola Brenning sat on the harbour board with Karl Dunmore for years.") == []


def test_welcomed_to_a_place(nlp):
    [record] = _meetings(nlp, "Prime Minister Ola Brenning welcomed Karl Dunmore to Tolvik Castle on Wednesday.")
    assert record.kind == "visit" and "Tolvik Castle" in record.place


def test_their_meeting_is_of_the_two_named_in_the_sentence(nlp):
    [record] = _meetings(nlp, "Karl Dunmore thanked Ola Brenning during their meeting in Tolvik on Wednesday.")
    assert {p.name for p in record.participants} == {"Karl Dunmore", "Ola Brenning"}
    assert record.place == "Tolvik"


def test_time_hung_on_the_occasion(nlp):
    [record] = _meetings(nlp, "Ola Brenning will host Karl Dunmore for a state visit in June.")
    assert record.time_text == "in June" and record.status == "planned"


def test_named_members_of_a_group_met_too(nlp):
    records = _meetings(nlp, "Karl Dunmore met with Norland senators, including Ola Brenning and Tomas Lund, "
                             "in Tolvik on Friday.")
    assert {frozenset({"Karl Dunmore", "Ola Brenning"}), frozenset({"Karl Dunmore", "Tomas Lund"})} <= _pairs(records)


def test_purpose_given_by_a_participle(nlp):
    [record] = _meetings(nlp, "Ola Brenning met Karl Dunmore in Tolvik last week, seeking to end the "
                              "fishing dispute.")
    assert record.reason == "to end the fishing dispute"


def test_a_title_parsed_apart_from_its_name_is_that_person(nlp):
    """"Trade Minister Rha Woong Bae" is not the article's other trade minister."""
    records = _meetings(nlp, "Karl Dunmore will meet Zheng Tuobin, minister for foreign trade, in June.",
                        "Dunmore will meet South Korean President Chun Doo-hwan and Trade Minister Rha "
                        "Woong Bae on Monday.")
    zheng = [m for m in records if any(p.name == "Zheng Tuobin" for p in m.participants)]
    assert zheng and all(m.time_text != "on Monday" for m in zheng)


def test_a_source_glued_to_a_name_after_a_comma_is_not_part_of_it(nlp):
    [record] = _meetings(nlp, "Ambassador Ola Brenning made the offer at a meeting with Dunmore, Norland News "
                              "Service said.")
    assert {p.name for p in record.participants} == {"Ola Brenning", "Dunmore"}


def test_the_department_of_a_title_is_not_part_of_the_name(nlp):
    records = _meetings(nlp, "Secretary of Agriculture Karl Dunmore will meet with representatives from "
                             "grain exporting companies today.")
    assert any(p.name == "Karl Dunmore" for m in records for p in m.participants)


def test_an_office_written_in_capitals_resolves_to_its_holder(nlp):
    records = _meetings(nlp, "Norland Foreign Minister Karl Dunmore arrived in Tolvik on Monday.",
                        "Ola Brenning held talks with the Norland Foreign Minister on Tuesday, officials said.")
    assert frozenset({"Ola Brenning", "Karl Dunmore"}) in _pairs(records)


def test_a_duration_is_not_when(nlp):
    [record] = _meetings(nlp, "Ola Brenning held six-hour talks with Karl Dunmore in Tolvik.")
    assert record.time_text is None


def test_the_people_of_the_talks_a_visit_is_for(nlp):
    [record] = _meetings(nlp, "Prime Minister Ola Brenning prepares to visit Tolvik at the end of the month "
                              "for talks with Karl Dunmore.")
    assert {p.name for p in record.participants} == {"Ola Brenning", "Karl Dunmore"}
    assert record.status == "planned" and record.place == "Tolvik"


def test_the_body_whose_meeting_someone_attends(nlp):
    [record] = _meetings(nlp, "Finance Minister Ola Brenning will attend the next meeting of the Nordic "
                              "Fisheries Council in February.")
    assert record.participants[1].name == "Nordic Fisheries Council"


def test_looking_forward_to_talks_is_planned(nlp):
    [record] = _meetings(nlp, "Karl Dunmore said he was looking forward to his talks with Ola Brenning.")
    assert record.status == "planned"


def test_calling_someone_back_to_a_place_does_not_call_the_place(nlp):
    records = _meetings(nlp, "Ola Brenning called Karl Dunmore back to Tolvik Castle by phone.")
    assert all(p.name != "Tolvik Castle" for m in records for p in m.participants)


def test_what_will_be_discussed_in_a_joined_clause(nlp):
    [record] = _meetings(nlp, "Karl Dunmore will meet with Tolvik harbour officials today, and the subject of "
                              "fishing quotas will likely be discussed, an aide said.")
    assert "fishing quotas" in record.reason


def test_time_written_as_a_possessive(nlp):
    [record] = _meetings(nlp, "Ola Brenning will host Tuesday's meeting with Karl Dunmore in Tolvik.")
    assert record.time_text == "Tuesday" and record.date == "2023-03-21"


def test_contacts_between_bodies_alone_are_not_meetings(nlp):
    """Who met whom needs a person on one side at least: a country meeting a creditors' club,
    or talks between two countries, are contacts between bodies."""
    assert _meetings(nlp, "Norland met the Paris Club of creditor nations for talks on its debt.") == []
    assert _meetings(nlp, "Talks between Norland and Japan on fishing quotas failed, officials said.") == []
    [record] = _meetings(nlp, "Finance Minister Ola Brenning met the Paris Club of creditor nations on Monday.")
    assert record.participants[0].name == "Ola Brenning"


def test_a_venue_named_before_a_common_noun(nlp):
    [record] = _meetings(nlp, "Ola Brenning met Karl Dunmore at the Filoli estate on Wednesday.")
    assert record.place == "Filoli estate"


def test_what_they_agreed_as_they_met_is_no_reason(nlp):
    [record] = _meetings(nlp, "Ola Brenning and Karl Dunmore agreed on Wednesday to reopen the harbour, as the "
                              "two leaders met for four hours in Tolvik.")
    assert record.reason is None


def test_preparing_for_the_meeting_is_not_a_meeting_of_those_preparing(nlp):
    records = _meetings(nlp, "Ola Brenning met Karl Dunmore in Tolvik on Monday.",
                        "Ahead of it, Tomas Lund and Ida Berg held talks with harbour officials to prepare for "
                        "the meeting.")
    assert all({p.name for p in m.participants} != {"Tomas Lund", "Ida Berg"} for m in records)


def test_their_meeting_is_the_latest_of_the_person_the_sentence_names(nlp):
    records = _meetings(nlp, "Karl Dunmore held talks with Prime Minister Ida Berg in Tolvik, and met President "
                             "Tomas Lund at the palace.",
                        "Berg told reporters after their meeting that Norland would help.")
    berg = next(m for m in records if any(p.name == "Ida Berg" for p in m.participants))
    assert len(berg.evidence) == 2


def test_a_meeting_of_countries_someone_will_attend(nlp):
    [record] = _meetings(nlp, "Tomas Ekholm said he would seek action on the issue at the next meeting of "
                              "G7 countries in February.")
    assert [p.name for p in record.participants] == ["Tomas Ekholm", "G7 countries"]
    assert record.status == "planned" and record.time_text == "in February"


def test_a_name_taken_for_an_organisation_is_a_person_when_called_he(nlp):
    from spacy.tokens import Span

    from qa.meetings.mentions import gather_people

    doc = nlp("Ravel Dunmore said he would attend the meeting.")
    doc.ents = [Span(doc, 0, 2, label="ORG")]  # as the recogniser sometimes has it
    assert gather_people([doc]).find("Ravel Dunmore").label == "PERSON"
    doc = nlp("Skarn Shipping said it would attend the meeting.")
    doc.ents = [Span(doc, 0, 2, label="ORG")]
    assert gather_people([doc]).find("Skarn Shipping").label == "ORG"


def test_the_one_summoned_to_confer_is_the_one_who_confers(nlp):
    [record] = _meetings(nlp, "Ambassador Karl Dunmore was summoned by the ministry yesterday to confer with "
                              "Foreign Undersecretary Ola Brenning.")
    assert {p.name for p in record.participants} == {"Karl Dunmore", "Ola Brenning"}


def test_a_video_conference_is_a_call_and_a_news_conference_no_contact(nlp):
    [record] = _meetings(nlp, "Ola Brenning and Tomas Lund held a video conference with Karl Dunmore on Thursday.")
    assert record.kind == "call" and len(record.participants) == 3
    assert _meetings(nlp, "Ola Brenning held a news conference with Karl Dunmore on Thursday.") == []


def test_meeting_virtually_is_a_call(nlp):
    [record] = _meetings(nlp, "Ola Brenning and Karl Dunmore met virtually on Monday.")
    assert record.kind == "call"


def test_place_of_a_when_clause_above_the_meeting(nlp):
    [record] = _meetings(nlp, "President Tom Lund is likely to have a meeting with Piet Berg when he pays a "
                              "two-day visit to Oslo next week.")
    assert record.place == "Oslo"


def test_reason_in_pursuit_of(nlp):
    [record] = _meetings(nlp, "Foreign Minister Ola Brenning was holding talks with Karl Dunmore today in "
                              "pursuit of a fishing agreement.")
    assert "fishing agreement" in record.reason


def test_call_is_real_whatever_was_urged_during_it(nlp):
    [record] = _meetings(nlp, "Chancellor Ola Brenning urged President Karl Dunmore to withdraw his troops and "
                              "find a solution during an hour-long phone call on Friday, his spokesman said.")
    assert record.kind == "call" and record.status == "happened"


def test_cancelling_a_planned_summit_cancels_it(nlp):
    [record] = _meetings(nlp, "President Tom Lund cut short his trip, cancelling a planned summit in Oslo with "
                              "Prime Minister Ada Berg.")
    assert record.status == "cancelled"


def test_venue_named_before_its_noun_as_written(nlp):
    [record] = _meetings(nlp, "President Tom Lund hosted Prime Minister Ada Berg at the Camp Tolvik presidential "
                              "retreat on Friday.")
    assert record.place == "Camp Tolvik presidential retreat"


def test_venue_by_its_common_noun(nlp):
    [record] = _meetings(nlp, "President Tom Lund held talks with Ada Berg at the prime minister's residence on "
                              "Friday evening.")
    assert record.place == "prime minister's residence"


def test_joined_reported_clause_with_would_is_planned(nlp):
    records = _meetings(nlp, "President Tom Lund spoke with Ada Berg by phone on Tuesday.",
                        "Lund later told reporters that he had congratulated Berg and that they would meet in "
                        "person at the summit in Oslo next month.")
    assert any(r.kind == "meeting" and r.status == "planned" and "Oslo" in (r.place or "") for r in records)


def test_an_organisation_after_of_is_no_place(nlp):
    [record] = _meetings(nlp, "President Tom Lund and Ada Berg met on the sidelines of the Group of 20 summit "
                              "in Bali on Monday.")
    assert "Group" not in (record.place or "")


def test_time_of_the_verb_a_joined_meeting_hangs_from(nlp):
    [record] = _meetings(nlp, "On Wednesday President Tom Lund is due to address parliament and meet opposition "
                              "leader Ada Berg.")
    assert record.time_text == "On Wednesday"


def test_reason_of_a_session_the_talks_are_held_in(nlp):
    [record] = _meetings(nlp, "Ada Berg is due to hold talks with Vice Premier Tom Lund on Saturday, in a session "
                              "expected to focus on export controls.")
    assert "export controls" in record.reason


def test_reason_of_a_where_clause_of_a_dinner(nlp):
    [record] = _meetings(nlp, "President Tom Lund hosted a dinner for Ada Berg in Oslo, where they discussed "
                              "fishing quotas.")
    assert "fishing quotas" in record.reason


def test_reason_of_sessions_which_are_expected_to_focus(nlp):
    [record] = _meetings(nlp, "President Tom Lund will join other G20 leaders on Tuesday for the summit's formal "
                              "sessions, which are expected to focus on food security.")
    assert "food security" in record.reason
