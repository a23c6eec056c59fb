"""Who takes part in a contact: names, groups and references, on small invented articles
(real spaCy model)."""

from __future__ import annotations

import pytest

from qa.names import names_match

from .meeting_helpers import meetings_of, pairs_of


def test_their_is_never_the_one_who_reports_it(nlp):
    records = meetings_of(nlp, "Chief of Staff Ola Brenning noted President Tom Lund's invitation to Norland "
                             "leader Piet Berg to visit Washington, made at their first summit in Oslo in 1985, "
                             "was still open.")
    assert frozenset({"Tom Lund", "Piet Berg"}) in pairs_of(records)
    assert not any("Ola Brenning" in pair for pair in pairs_of(records))


def test_surname_later_is_the_person_the_lead_names_in_full(nlp):
    records = meetings_of(
        nlp,
        "Central bank governor Tomas Ekholm should push Norland towards reform, a newspaper said.",
        "The paper said the bureaucracy was slow.",
        "It added that exports had fallen.",
        "Analysts agreed.",
        "Ekholm arrived on Saturday and will have talks with President Ada Berg tomorrow.",
        "Today he was touring the north, and was scheduled to meet leading economic ministers in the afternoon.",
    )
    pairs = pairs_of(records)
    assert frozenset({"Tomas Ekholm", "Ada Berg"}) in pairs
    assert frozenset({"Tomas Ekholm", "leading economic ministers"}) in pairs
    assert frozenset({"Ada Berg", "leading economic ministers"}) not in pairs


def test_delegation_led_by_a_person_is_that_person(nlp):
    [record] = meetings_of(nlp, "A trade mission headed by Commerce Minister Ada Berg held talks with Prime "
                              "Minister Piet Dunmore on Monday.")
    assert {p.name for p in record.participants} == {"Ada Berg", "Piet Dunmore"}


def test_group_name_as_written_without_its_possessive(nlp):
    [record] = meetings_of(nlp, "Central bank governor Tomas Ekholm said after talks with its 14-bank advisory "
                              "committee yesterday that no payment would be made.")
    assert {p.name for p in record.participants} == {"Tomas Ekholm", "14-bank advisory committee"}


def test_countries_listed_with_a_bloc_are_no_meeting(nlp):
    assert meetings_of(nlp, "The leaders of the bloc, France, Italy, Spain and Portugal, are expected to "
                          "discuss ways of improving trade at their summit.") == []


def test_they_of_a_where_clause_are_the_people_of_its_talks(nlp):
    records = meetings_of(nlp, "King Harald hosted a banquet at the palace for Kenyan President Ada Berg.",
                        "The Kenyan president also held talks with Prime Minister Piet Dunmore at Downing "
                        "Street, where they discussed trade and fishing.")
    talks = [r for r in records if r.kind == "talks"]
    assert talks and {p.name for p in talks[0].participants} == {"Ada Berg", "Piet Dunmore"}
    assert "fishing" in talks[0].reason


def test_an_event_apposed_to_a_name_is_not_their_role(nlp):
    [record] = meetings_of(nlp, "King Harald hosted a state banquet for Kenyan President Ada Berg, the first state "
                              "visit of his reign.")
    berg = next(p for p in record.participants if p.name == "Ada Berg")
    assert "visit" not in (berg.role or "")


def test_counted_leaders_are_the_people_of_the_contact_before(nlp):
    records = meetings_of(nlp, "President Tom Lund cancelled a planned summit in Oslo with Ada Berg and Piet Dunmore.",
                        "The three leaders instead plan to meet on Saturday, Berg told reporters.")
    planned = [r for r in records if r.status == "planned"]
    assert planned and {"Tom Lund", "Ada Berg"} <= {p.name for p in planned[0].participants}


def test_members_of_a_group_that_are_firms_are_not_people_who_met(nlp):
    records = meetings_of(nlp, "Finance Minister Ada Berg met the bosses of the biggest banks on Friday.",
                        "Lenders including Barclays, HSBC, Lloyds and NatWest attended the meeting.")
    assert not any("Barclays" in pair for pair in pairs_of(records))


def test_addressing_a_meeting_is_a_speech(nlp):
    assert meetings_of(nlp, "President Ada Berg is due to address a joint meeting of Congress on Thursday.") == []


def test_he_who_says_he_will_call_is_the_one_reporting(nlp):
    records = meetings_of(nlp, "President Tom Lund, who held talks with Prime Minister Ada Berg in Oslo on Thursday, "
                             "said he planned to speak to Piet Dunmore by phone in the coming days.")
    assert frozenset({"Tom Lund", "Piet Dunmore"}) in pairs_of(records)
    assert frozenset({"Ada Berg", "Piet Dunmore"}) not in pairs_of(records)


def test_bosses_of_named_firms_are_a_group_met(nlp):
    [record] = meetings_of(nlp, "Finance Minister Ada Berg has met the bosses of Norland's largest lenders "
                              "to discuss help for homeowners.")
    assert {p.name for p in record.participants} >= {"Ada Berg"} and len(record.participants) == 2
    assert "homeowners" in record.reason


def test_bare_offices_met_are_nobody_in_particular(nlp):
    assert meetings_of(nlp, "Prime Minister Ada Berg made a surprise visit to Oslo, where she met bosses.") == []


def test_joining_leaders_for_a_summit_is_meeting_them(nlp):
    [record] = meetings_of(nlp, "President Tom Lund will join other G20 leaders on Tuesday for the summit's formal sessions.")
    assert {p.name for p in record.participants} == {"Tom Lund", "other G20 leaders"}


def test_joining_an_alliance_is_no_meeting(nlp):
    assert meetings_of(nlp, "President Tom Lund said Norland would join NATO next year.") == []


def test_who_hosts_the_leaders_meeting_takes_part(nlp):
    [record] = meetings_of(nlp, "Prime Minister Ada Berg will host the next Quad leaders' meeting in 2023.")
    assert "Ada Berg" in {p.name for p in record.participants}


def test_people_who_attended_the_meeting_join_the_one_just_reported(nlp):
    records = meetings_of(nlp, "Prime Minister Ada Berg has met the bosses of three fishing companies in Oslo.",
                        "Tom Lund of Nordfisk, Piet Dunmore of Havbruk and Ola Vik of Skarnfisk attended the "
                        "meeting on Wednesday.")
    pairs = pairs_of(records)
    assert {frozenset({"Ada Berg", "Tom Lund"}), frozenset({"Ada Berg", "Piet Dunmore"}),
            frozenset({"Tom Lund", "Piet Dunmore"})} <= pairs
    assert not any("bosses" in name for pair in pairs for name in pair)  # they were the bosses


def test_people_visiting_a_place_together_did_not_meet_each_other(nlp):
    assert meetings_of(nlp, "Karl Dunmore and Ola Brenning last week visited Oslo as part of their trip.") == []


def test_capitalised_role_resolves_to_the_person(nlp):
    records = meetings_of(nlp, "Finance Minister Karl Dunmore has written to Ola Brenning.",
                        "The spokesman said the Minister had talks this morning with Brenning.")
    assert frozenset({"Karl Dunmore", "Ola Brenning"}) in pairs_of(records)


def test_people_of_a_where_clause_hung_on_a_later_word(nlp):
    records = meetings_of(nlp, "The book claims Mr Dunmore hosted a dinner in May 2003 where Ola Brenning "
                             "told Mr Lund he would resign.")
    names = {n for m in records for n in m.names()}
    assert {"Dunmore", "Ola Brenning", "Lund"} <= names


def test_group_side_folds_into_the_named_member_met(nlp):
    records = meetings_of(nlp, "Foreign Minister Karl Dunmore arrived in Oslo for talks with Norwegian leaders "
                             "likely to focus on fishing quotas.",
                        "Dunmore drove straight from the airport to a meeting with Norwegian Foreign Minister "
                        "Ola Brenning.")
    assert pairs_of(records) == {frozenset({"Karl Dunmore", "Ola Brenning"})}
    [record] = records
    assert record.place == "Oslo" and "fishing quotas" in record.reason


def test_group_side_stays_without_a_named_member(nlp):
    records = meetings_of(nlp, "Karl Dunmore held talks with Norwegian officials in Oslo.")
    assert pairs_of(records) == {frozenset({"Karl Dunmore", "Norwegian officials"})}


def test_pronoun_is_not_a_person_named_after_it(nlp):
    records = meetings_of(nlp, "Anna Berg, who flew to Jakarta yesterday from Tokyo, will meet with President "
                             "Tomas Lund and senior economic ministers.",
                        "She will see Lund on Tuesday after a day of detailed discussions with ministers "
                        "tomorrow.")
    assert frozenset({"Tomas Lund", "ministers"}) not in pairs_of(records)


def test_subjects_negotiating_with_unnamed_others_did_not_meet_each_other(nlp):
    records = meetings_of(nlp, "Argentina, Bolivia, Costa Rica and others are also pursuing normal "
                             "negotiations with creditor banks.")
    assert pairs_of(records) == set()


def test_plural_counterparts_are_a_group_not_one_person(nlp):
    [record] = meetings_of(nlp, "EU Commission President Anna Berg said the plan was urgent.",
                         "UK Prime Minister Tomas Lund is meeting his EU counterparts to finalise a package "
                         "of measures.")
    assert "Anna Berg" not in record.names()


def test_country_is_not_an_organisation_named_after_it(nlp):
    records = meetings_of(nlp, "Anna Berg addressed the National Press Club of Freedonia on Monday.",
                        "She said she was disappointed at the outcome of talks with Freedonia.")
    names = {n for m in records for n in m.names()}
    assert "National Press Club of Freedonia" not in names


def test_the_ministers_is_no_side_of_its_own(nlp):
    records = meetings_of(nlp, "The ministers are due to start four days of talks tomorrow with officials of "
                             "Freedonia.")
    assert not any("ministers" in n for m in records for n in m.names())


def test_the_two_alone_refers_to_the_people_just_met(nlp):
    [record] = meetings_of(nlp, "Anna Berg met Tomas Lund in Oslo on Monday.",
                         "The two discussed fishing quotas and security.")
    assert record.reason == "fishing quotas and security"


def test_their_meeting_is_of_the_two_named_in_the_sentence(nlp):
    [record] = meetings_of(nlp, "Karl Dunmore thanked Ola Brenning during their meeting in Tolvik on Wednesday.")
    assert {p.name for p in record.participants} == {"Karl Dunmore", "Ola Brenning"}
    assert record.place == "Tolvik"


def test_named_members_of_a_group_met_too(nlp):
    records = meetings_of(nlp, "Karl Dunmore met with Norland senators, including Ola Brenning and Tomas Lund, "
                             "in Tolvik on Friday.")
    assert {frozenset({"Karl Dunmore", "Ola Brenning"}), frozenset({"Karl Dunmore", "Tomas Lund"})} <= pairs_of(records)


def test_a_title_parsed_apart_from_its_name_is_that_person(nlp):
    """"Trade Minister Rha Woong Bae" is not the article's other trade minister."""
    records = meetings_of(nlp, "Karl Dunmore will meet Zheng Tuobin, minister for foreign trade, in June.",
                        "Dunmore will meet South Korean President Chun Doo-hwan and Trade Minister Rha "
                        "Woong Bae on Monday.")
    zheng = [m for m in records if any(p.name == "Zheng Tuobin" for p in m.participants)]
    assert zheng and all(m.time_text != "on Monday" for m in zheng)


def test_a_source_glued_to_a_name_after_a_comma_is_not_part_of_it(nlp):
    [record] = meetings_of(nlp, "Ambassador Ola Brenning made the offer at a meeting with Dunmore, Norland News "
                              "Service said.")
    assert {p.name for p in record.participants} == {"Ola Brenning", "Dunmore"}


def test_the_department_of_a_title_is_not_part_of_the_name(nlp):
    records = meetings_of(nlp, "Secretary of Agriculture Karl Dunmore will meet with representatives from "
                             "grain exporting companies today.")
    assert any(p.name == "Karl Dunmore" for m in records for p in m.participants)


def test_an_office_written_in_capitals_resolves_to_its_holder(nlp):
    records = meetings_of(nlp, "Norland Foreign Minister Karl Dunmore arrived in Tolvik on Monday.",
                        "Ola Brenning held talks with the Norland Foreign Minister on Tuesday, officials said.")
    assert frozenset({"Ola Brenning", "Karl Dunmore"}) in pairs_of(records)


def test_the_people_of_the_talks_a_visit_is_for(nlp):
    [record] = meetings_of(nlp, "Prime Minister Ola Brenning prepares to visit Tolvik at the end of the month "
                              "for talks with Karl Dunmore.")
    assert {p.name for p in record.participants} == {"Ola Brenning", "Karl Dunmore"}
    assert record.status == "planned" and record.place == "Tolvik"


def test_the_body_whose_meeting_someone_attends(nlp):
    [record] = meetings_of(nlp, "Finance Minister Ola Brenning will attend the next meeting of the Nordic "
                              "Fisheries Council in February.")
    assert record.participants[1].name == "Nordic Fisheries Council"


def test_contacts_between_bodies_alone_are_not_meetings(nlp):
    """Who met whom needs a person on one side at least: a country meeting a creditors' club,
    or talks between two countries, are contacts between bodies."""
    assert meetings_of(nlp, "Norland met the Paris Club of creditor nations for talks on its debt.") == []
    assert meetings_of(nlp, "Talks between Norland and Japan on fishing quotas failed, officials said.") == []
    [record] = meetings_of(nlp, "Finance Minister Ola Brenning met the Paris Club of creditor nations on Monday.")
    assert record.participants[0].name == "Ola Brenning"


def test_preparing_for_the_meeting_is_not_a_meeting_of_those_preparing(nlp):
    records = meetings_of(nlp, "Ola Brenning met Karl Dunmore in Tolvik on Monday.",
                        "Ahead of it, Tomas Lund and Ida Berg held talks with harbour officials to prepare for "
                        "the meeting.")
    assert all({p.name for p in m.participants} != {"Tomas Lund", "Ida Berg"} for m in records)


def test_their_meeting_is_the_latest_of_the_person_the_sentence_names(nlp):
    records = meetings_of(nlp, "Karl Dunmore held talks with Prime Minister Ida Berg in Tolvik, and met President "
                             "Tomas Lund at the palace.",
                        "Berg told reporters after their meeting that Norland would help.")
    berg = next(m for m in records if any(p.name == "Ida Berg" for p in m.participants))
    assert len(berg.evidence) == 2


def test_a_meeting_of_countries_someone_will_attend(nlp):
    [record] = meetings_of(nlp, "Tomas Ekholm said he would seek action on the issue at the next meeting of "
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
    [record] = meetings_of(nlp, "Ambassador Karl Dunmore was summoned by the ministry yesterday to confer with "
                              "Foreign Undersecretary Ola Brenning.")
    assert {p.name for p in record.participants} == {"Karl Dunmore", "Ola Brenning"}


def test_their_own_delegations_are_no_other_side(nlp):
    records = meetings_of(nlp, "President Tom Lund and Prime Minister Ada Berg met on Monday in Oslo.",
                          "The two leaders shook hands before sitting down with their delegations.",
                          "Officials said the talks were aimed at ending the fishing dispute.")
    assert pairs_of(records) == {frozenset({"Tom Lund", "Ada Berg"})}
    assert any("fishing dispute" in (r.reason or "") for r in records)


def test_she_who_says_she_met_is_the_one_reporting_named_by_surname(nlp):
    records = meetings_of(nlp, "Prime Minister Ada Berg met President Tom Lund on Monday.",
                          "Berg said she had used a separate meeting with Piet Dunmore to talk about fishing.")
    assert frozenset({"Ada Berg", "Piet Dunmore"}) in pairs_of(records)
    assert frozenset({"Tom Lund", "Piet Dunmore"}) not in pairs_of(records)


def test_hosting_a_gathering_of_leaders_is_meeting_them(nlp):
    [record] = meetings_of(nlp, "Prime Minister Ada Berg is hosting the two-day gathering of leaders of the "
                                "world's biggest economies in Oslo.")
    assert "Ada Berg" in {p.name for p in record.participants} and len(record.participants) == 2


def test_addressing_a_gathering_is_a_speech(nlp):
    assert meetings_of(nlp, "President Tom Lund addressed a gathering of supporters in Oslo on Friday.") == []


def test_talks_between_firms_the_recogniser_names_as_such_are_no_meeting(nlp):
    assert meetings_of(nlp, "Industry sources said talks between Norbank Holdings Inc and Elm Port Systems Ltd "
                            "had been taking place for some months.") == []


def test_a_group_s_name_leaves_out_the_setting_and_is_never_cut_mid_phrase(nlp):
    [meeting] = meetings_of(nlp, "Chancellor Lena Holt met the heads of four of the region's largest shipping "
                                 "firms at Tolvik Castle to discuss port fees.")
    names = {p.name for p in meeting.participants}
    assert "heads of four of the region's largest shipping firms" in names
    assert meeting.place == "Tolvik Castle"
    [hosted] = meetings_of(nlp, "Premier Anil Vora is hosting a meeting of mayors of the country's largest "
                                "cities at Tolvik Hall this week.")
    assert "mayors of the country's largest cities" in {p.name for p in hosted.participants}


def test_who_tells_it_is_not_parsed_into_the_list_of_who_met(nlp):
    found = meetings_of(nlp, "Premier Anil Vora is to visit Oslo next week for talks with President Tom Lund, "
                             "government spokesman Kenji Sato told a news briefing.")
    assert pairs_of(found) == {frozenset({"Anil Vora", "Tom Lund"})}
    listed = meetings_of(nlp, "President Tom Lund met Ada Berg, Ola Vik and Kari Dunmore on Monday.")
    assert [len(r.participants) for r in listed] == [4]


def test_a_ministry_that_reports_he_met_is_not_he(nlp):
    found = meetings_of(nlp, "Norland's trade minister, Tom Lund, landed in Tolvik on Monday and had talks "
                             "with President Ada Berg.",
                        "He later met his Skarnish counterpart, Ola Vik, to discuss timber tariffs, "
                        "the Norlandic Trade Ministry said.")
    assert pairs_of(found) == {frozenset({"Tom Lund", "Ada Berg"}), frozenset({"Tom Lund", "Ola Vik"})}


def test_the_first_words_of_a_title_joined_by_and_are_nobody_met(nlp):
    found = meetings_of(nlp, "Defence Minister Ola Vik spoke to reporters after talks with Interior Minister "
                             "Tom Lund, police chiefs and Fisheries and Forestry Minister Kari Dunmore on the "
                             "border crisis.")
    assert {n for p in pairs_of(found) for n in p} == {"Ola Vik", "Tom Lund", "police chiefs", "Kari Dunmore"}


def test_a_demonym_before_a_title_is_no_part_of_the_name(nlp):
    found = meetings_of(nlp, "Ola Vik held talks with Danish Prime Minister Kari Dunmore.")
    assert pairs_of(found) == {frozenset({"Ola Vik", "Kari Dunmore"})}


def test_who_is_stood_in_for_is_not_at_the_summit(nlp):
    found = meetings_of(nlp, "Minister Ola Vik, who represented Premier Tom Lund at the forum, also met "
                             "Skarnish foreign minister Ada Berg.")
    assert pairs_of(found) == {frozenset({"Ola Vik", "Ada Berg"})}


def test_he_after_a_subject_written_by_office_is_that_person_not_one_named_before(nlp):
    found = meetings_of(nlp, "Prime Minister Tom Lund had lunch with the emir on Monday.",
                        "The visiting emir, who had flown in for the forum, was greeted at the airport, where "
                        "he was met by President Ada Berg.")
    assert frozenset({"Tom Lund", "Ada Berg"}) not in pairs_of(found)


def test_a_group_s_name_leaves_out_what_they_do(nlp):
    [meeting] = meetings_of(nlp, "Treasury Secretary Ann Morrow will meet executives of Norlandic banks working "
                                 "in Skarn on Monday before returning to Oslo.")
    assert "executives of Norlandic banks" in {p.name for p in meeting.participants}


def test_a_country_is_where_someone_went_not_who_they_met(nlp):
    found = meetings_of(nlp, "Norland's President Tom Lund arrived in Skarn on Monday.",
                        "Fisheries Minister Ada Berg said talks with Norway over cod quotas would resume on Friday.")
    assert not any("Norway" in p for p in pairs_of(found))


def test_a_list_of_nationalities_before_a_group_is_part_of_its_name(nlp):
    found = meetings_of(nlp, "Prices will rise, Commissioner Ola Vik told reporters after meeting Swiss, "
                             "Austrian, and Italian transport ministers.")
    assert pairs_of(found) == {frozenset({"Ola Vik", "Swiss, Austrian, and Italian transport ministers"})}


def test_a_day_s_meeting_is_not_the_day_s(nlp):
    [meeting] = meetings_of(nlp, "Tom Lund and Ada Berg faced anger at Monday's meeting of the parliamentary party.")
    assert {p.name for p in meeting.participants} == {"Tom Lund", "Ada Berg"} and meeting.time_text == "Monday"


def test_she_who_was_the_subject_before_stays_the_subject(nlp):
    found = meetings_of(nlp, "Secretary Ann Morrow met Crown Prince Omar on Monday in Tolvik.",
                        "Earlier on Sunday she was in Oslo, where she met the king, Harald Lund, and the prime "
                        "minister, Kari Dunmore.",
                        "She is set to travel to Skarn on Tuesday to meet Prime Minister Ola Vik.")
    assert frozenset({"Ann Morrow", "Ola Vik"}) in pairs_of(found)


def test_whom_a_participant_represents_is_not_there_in_a_misparsed_clause(nlp):
    records = meetings_of(nlp, "Brenning, who is representing PM Tomas Lund at the summit, separately held talks "
                               "with Swedish foreign minister Anna Berg.",
                          "PM Lund skipped the summit because of a session of Parliament.")
    assert [set(r.names()) for r in records] == [{"Brenning", "Anna Berg"}]


def test_spoke_by_phone_with_someone_the_parser_hangs_on_the_phone(nlp):
    [record] = meetings_of(nlp, "Norwegian Prime Minister Tomas Lund said he had also spoken by phone with "
                                "Swedish Prime Minister Anna Berg on Monday.")
    assert set(record.names()) == {"Tomas Lund", "Anna Berg"} and record.kind == "call"


def test_a_name_apposed_to_the_country_of_an_office(nlp):
    [record] = meetings_of(nlp, "Finance Minister Tomas Lund said he had spoken by telephone with the fund's "
                                "mission chief for Norland, Anna Berg, on Wednesday night.")
    assert set(record.names()) == {"Tomas Lund", "Anna Berg"}


def test_a_surname_taken_for_a_nationality_and_called_to_explain(nlp):
    [record] = meetings_of(nlp, "Australian Prime Minister Anthony Albanese spoke to reporters on Monday.",
                           "Biden called Albanese on Tuesday to explain his decision.")
    assert set(record.names()) == {"Biden", "Anthony Albanese"} and record.kind == "call"


@pytest.mark.parametrize("sentence", ["Tomas Lund called him a liar.",
                                      "The opposition called on Prime Minister Tomas Lund to resign."])
def test_called_without_a_call(nlp, sentence):
    assert meetings_of(nlp, sentence) == []


def test_the_name_after_an_office_and_a_comma_though_parsed_apart(nlp):
    [record] = meetings_of(nlp, "Secretary of State Tomas Lund is set to travel to Oslo in the coming weeks to meet "
                                "his Norwegian counterpart, Foreign Minister Anna Berg, the official said.")
    assert set(record.names()) == {"Tomas Lund", "Anna Berg"}


def test_the_office_before_a_comma_and_the_name_of_who_said_it(nlp):
    records = meetings_of(nlp, "Norwegian Prime Minister Tomas Lund met the minister, Berg said.")
    assert all("Berg" not in r.names() for r in records)


def test_with_one_and_with_another(nlp):
    records = meetings_of(nlp, "Norwegian Prime Minister Tomas Lund held talks with Anna Berg and with Karl Dunmore in Oslo.")
    assert pairs_of(records) == {frozenset({"Tomas Lund", "Anna Berg"}), frozenset({"Tomas Lund", "Karl Dunmore"})}


def test_a_courtesy_call_on_someone_is_a_meeting_in_person(nlp):
    [record] = meetings_of(nlp, "Chief executive Tomas Lund paid a courtesy call on Party General Secretary Anna Berg on Sunday.")
    assert set(record.names()) == {"Tomas Lund", "Anna Berg"}
    assert record.kind == "meeting" and record.reason is None


def test_with_someone_to_discuss_parsed_as_one_clause(nlp):
    [record] = meetings_of(nlp, "Foreign Minister Tomas Lund thanked Norland.",
                           "Lund also spoke by phone on Oct. 1 with Swedish Foreign Minister Anna Berg "
                           "to discuss the stopgap spending bill.")
    assert set(record.names()) == {"Tomas Lund", "Anna Berg"}
    assert record.reason == "to discuss the stopgap spending bill"


def test_he_of_a_where_clause_on_the_place_is_no_one_else(nlp):
    records = meetings_of(nlp, "Rebel leader Tomas Lund toured the region this week.",
                          "On Friday, he held talks with Swedish Prime Minister Anna Berg in Oslo, where he "
                          "laid out his plan for a ceasefire.")
    assert pairs_of(records) == {frozenset({"Tomas Lund", "Anna Berg"})}


@pytest.mark.parametrize("sentence", [
    "Norwegian President-elect Tomas Lund met Swedish President Anna Berg in Oslo on April 1.",
    "Prime Minister Tomas Lund will call on President Anna Berg on Oct 31 before returning to Oslo.",
])
def test_a_name_after_a_title_is_a_person_s(nlp, sentence):
    [record] = meetings_of(nlp, sentence)
    assert set(record.names()) == {"Tomas Lund", "Anna Berg"}
    assert record.kind == "meeting" and record.reason is None


def test_sheikh_and_a_given_name_is_the_long_arabic_name():
    assert names_match("Sheikh Mohammed", "Mohammed bin Abdulrahman Al Thani")


def test_talks_in_which_someone_tried_something_were_held(nlp):
    [record] = meetings_of(nlp, "Finance Minister Ola Brenning said that in his talks with creditors he had tried "
                                "to restore credibility.")
    assert set(record.names()) == {"Ola Brenning", "creditors"} and record.status == "happened"


def test_a_number_of_people_are_the_people(nlp):
    [record] = meetings_of(nlp, "While in New York, Foreign Minister Ola Brenning has conferred with a number of "
                                "U.N. diplomats.")
    assert set(record.names()) == {"Ola Brenning", "a number of U.N. diplomats"}


def test_who_attended_a_meeting_of_a_body_met_it(nlp):
    records = meetings_of(nlp, "The decision was taken today at a meeting of Nordic finance ministers attended by "
                               "Prime Minister Ola Brenning.")
    assert pairs_of(records) == {frozenset({"Ola Brenning", "Nordic finance ministers"})}


def test_the_king_is_the_king_named_before_though_the_recogniser_missed_him(nlp):
    records = meetings_of(nlp, "King Tomas and Queen Anna have arrived in Norland for a four-day state visit.",
                          "Mr Berg, who met the King at the Tolvik Palace during the celebrations in May, has "
                          "described Skarn as a key partner.")
    assert frozenset({"Berg", "Tomas"}) in pairs_of(records)


def test_an_undated_meeting_is_not_one_dated_far_away(nlp):
    records = meetings_of(nlp, "Norwegian Prime Minister Tomas Lund held talks with Swedish Prime Minister Anna Berg.",
                          "The talks went well, officials said.", "Trade was high on the list.",
                          "Lund last met Berg at the Tolvik Palace in May, officials said.")
    assert len(records) == 2


def test_a_call_from_someone(nlp):
    [record] = meetings_of(nlp, "Chairman Tomas Lund first learned of the bid in a telephone call on March 5 "
                                "from Sir Anna Berg, chairman of Norbank.")
    assert set(record.names()) == {"Tomas Lund", "Anna Berg"} and record.kind == "call"


def test_the_call_for_restraint_is_no_call(nlp):
    assert meetings_of(nlp, "The call for restraint was ignored by Prime Minister Tomas Lund.") == []


def test_he_is_the_president_elect_named_before(nlp):
    records = meetings_of(nlp, "Norwegian President-elect Tomas Lund met Swedish President Anna Berg in Oslo on April 1.",
                          "Mr Lund, who remains defence minister until October, also held talks with Swedish "
                          "Defence Minister Karl Dunmore on April 2.",
                          "He is due to fly to Bergen on April 3 for a meeting with Danish Prime Minister Ida Vik.")
    assert frozenset({"Tomas Lund", "Ida Vik"}) in pairs_of(records)
    talks = next(r for r in records if "Karl Dunmore" in r.names())
    assert talks.place == "Oslo" and talks.reason is None


def test_the_kenyan_leader_and_him_are_the_kenyan_president(nlp):
    records = meetings_of(nlp, "President Tomas Lund welcomed Norlandic President Anna Berg to Oslo on Thursday.",
                          "The Norlandic leader, who met congressional leaders on Wednesday, will wrap up her "
                          "visit with a final round of engagements.",
                          "Foreign Minister Karl Dunmore and Trade Minister Ida Vik will host her at a luncheon "
                          "on Friday.")
    pairs = pairs_of(records)
    assert frozenset({"Anna Berg", "congressional leaders"}) in pairs
    assert frozenset({"Karl Dunmore", "Anna Berg"}) in pairs
    assert frozenset({"Karl Dunmore", "Tomas Lund"}) not in pairs


def test_talks_and_the_state_dinner_of_the_same_two_are_two_contacts(nlp):
    records = meetings_of(nlp, "Norwegian Prime Minister Tomas Lund met Swedish Prime Minister Anna Berg in the Oval Office.",
                          "The two leaders announced a new trade pact.",
                          "Norland will also open a consulate in Bergen.",
                          "In the evening, Lund hosted Berg at a state dinner.")
    assert sorted(r.kind for r in records) == ["dinner", "meeting"]


@pytest.mark.parametrize("sentence", [
    "President Tomas Lund hosted the prime ministers of Estonia and Latvia, Kaja Kallas and Evika Silina, for talks on Thursday.",
    "Secretary of State Tomas Lund hosted the foreign ministers of Armenia and Azerbaijan, Ararat Vik and Jeyhun Berg, "
    "for a fourth day of peace talks on Thursday.",
])
def test_a_group_named_by_its_members_is_its_members(nlp, sentence):
    [record] = meetings_of(nlp, sentence)
    assert len(record.participants) == 3 and not any("minister" in n for n in record.names())


def test_a_town_written_as_a_place_is_no_one_met(nlp):
    records = meetings_of(nlp, "President Tomas Lund arrived in Tolvik on Monday.",
                          "Lund held talks with Tolvik and with Swedish Prime Minister Anna Berg on Tuesday.")
    assert all("Tolvik" not in r.names() for r in records)


def test_the_three_leaders_are_the_three_named_before(nlp):
    records = meetings_of(nlp, "Prime Minister Tomas Lund welcomed President Anna Berg and President Karl Dunmore "
                               "to Oslo on Wednesday.", "The three leaders met for about an hour on Thursday.")
    assert any(set(r.names()) == {"Tomas Lund", "Anna Berg", "Karl Dunmore"} and r.time_text == "on Thursday"
               for r in records)


def test_the_three_leaders_are_not_two(nlp):
    records = meetings_of(nlp, "Prime Minister Tomas Lund met President Anna Berg on Wednesday.",
                          "The three leaders met for about an hour on Thursday.")
    assert all(r.time_text != "on Thursday" for r in records)


@pytest.mark.parametrize("sentence, found", [
    ("President Anna Berg and President Tomas Lund spoke for about two hours on Monday.", True),
    ("President Anna Berg and President Tomas Lund spoke to reporters at the palace on Monday.", False),
    ("President Anna Berg and President Tomas Lund spoke at a rally in Oslo.", False),
])
def test_two_who_spoke_together(nlp, sentence, found):
    assert bool(meetings_of(nlp, sentence)) is found


@pytest.mark.parametrize("second, place", [
    ("Lund invited Berg to visit Canberra, and Berg accepted in principle, officials said.", "Canberra"),
    ("Lund accepted Berg's invitation to visit Seoul, an official said, though no date has been set.", "Seoul"),
])
def test_an_invitation_to_visit_is_a_planned_visit_of_the_guest_to_the_host(nlp, second, place):
    records = meetings_of(nlp, "Prime Minister Tomas Lund met President Anna Berg in Beijing on Monday.", second)
    visit = next(r for r in records if r.kind == "visit")
    assert visit.status == "planned" and visit.place == place
    assert set(visit.names()) == {"Tomas Lund", "Anna Berg"}


def test_an_account_handle_is_no_one_met(nlp):
    records = meetings_of(nlp, "President Tomas Lund said he had spoken by phone with @POTUS on Monday.")
    assert all(not n.startswith("@") for r in records for n in r.names())
