"""Who takes part in a contact: names and titles as written, on small invented articles
(real spaCy model)."""

from __future__ import annotations

import pytest

from qa.names import names_match

from .meeting_helpers import meetings_of, pairs_of, rule_meetings_of


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


def test_countries_listed_with_a_bloc_are_no_meeting(nlp):
    assert meetings_of(nlp, "The leaders of the bloc, France, Italy, Spain and Portugal, are expected to "
                          "discuss ways of improving trade at their summit.") == []


def test_addressing_a_meeting_is_a_speech(nlp):
    assert meetings_of(nlp, "President Ada Berg is due to address a joint meeting of Congress on Thursday.") == []


def test_bare_offices_met_are_nobody_in_particular(nlp):
    assert meetings_of(nlp, "Prime Minister Ada Berg made a surprise visit to Oslo, where she met bosses.") == []


def test_joining_an_alliance_is_no_meeting(nlp):
    assert meetings_of(nlp, "President Tom Lund said Norland would join NATO next year.") == []


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


def test_people_of_a_where_clause_hung_on_a_later_word(nlp):
    records = meetings_of(nlp, "The book claims Mr Dunmore hosted a dinner in May 2003 where Ola Brenning "
                             "told Mr Lund he would resign.")
    names = {n for m in records for n in m.names()}
    assert {"Dunmore", "Ola Brenning", "Lund"} <= names


def test_subjects_negotiating_with_unnamed_others_did_not_meet_each_other(nlp):
    records = meetings_of(nlp, "Argentina, Bolivia, Costa Rica and others are also pursuing normal "
                             "negotiations with creditor banks.")
    assert pairs_of(records) == set()


def test_country_is_not_an_organisation_named_after_it(nlp):
    records = meetings_of(nlp, "Anna Berg addressed the National Press Club of Freedonia on Monday.",
                        "She said she was disappointed at the outcome of talks with Freedonia.")
    names = {n for m in records for n in m.names()}
    assert "National Press Club of Freedonia" not in names


def test_the_ministers_is_no_side_of_its_own(nlp):
    records = meetings_of(nlp, "The ministers are due to start four days of talks tomorrow with officials of "
                             "Freedonia.")
    assert not any("ministers" in n for m in records for n in m.names())


def test_a_title_parsed_apart_from_its_name_is_that_person(nlp):
    """"Trade Minister Rha Woong Bae" is not the article's other trade minister."""
    records = meetings_of(nlp, "Karl Dunmore will meet Zheng Tuobin, minister for foreign trade, in June.",
                        "Dunmore will meet South Korean President Chun Doo-hwan and Trade Minister Rha "
                        "Woong Bae on Monday.")
    zheng = [m for m in records if any(p.name == "Zheng Tuobin" for p in m.participants)]
    assert zheng and all(m.time_text != "on Monday" for m in zheng)


def test_a_source_glued_to_a_name_after_a_comma_is_not_part_of_it(nlp):
    [record] = rule_meetings_of(nlp, "Ambassador Ola Brenning made the offer at a meeting with Dunmore, Norland News "
                                   "Service said.")
    assert {p.name for p in record.participants} == {"Ola Brenning", "Dunmore"}


def test_the_department_of_a_title_is_not_part_of_the_name(nlp):
    records = meetings_of(nlp, "Secretary of Agriculture Karl Dunmore will meet with representatives from "
                             "grain exporting companies today.")
    assert any(p.name == "Karl Dunmore" for m in records for p in m.participants)


def test_the_people_of_the_talks_a_visit_is_for(nlp):
    [record] = meetings_of(nlp, "Prime Minister Ola Brenning prepares to visit Tolvik at the end of the month "
                              "for talks with Karl Dunmore.")
    assert {p.name for p in record.participants} == {"Ola Brenning", "Karl Dunmore"}
    assert record.status == "planned" and record.place == "Tolvik"


def test_the_body_whose_meeting_someone_attends(nlp):
    [record] = rule_meetings_of(nlp, "Finance Minister Ola Brenning will attend the next meeting of the Nordic "
                                   "Fisheries Council in February.")
    assert record.participants[1].name == "Nordic Fisheries Council"


def test_contacts_between_bodies_alone_are_not_meetings(nlp):
    """Who met whom needs a person on one side at least: a country meeting a creditors' club,
    or talks between two countries, are contacts between bodies."""
    assert meetings_of(nlp, "Norland met the Paris Club of creditor nations for talks on its debt.") == []
    assert meetings_of(nlp, "Talks between Norland and Japan on fishing quotas failed, officials said.") == []
    [record] = rule_meetings_of(nlp, "Finance Minister Ola Brenning met the Paris Club of creditor nations on Monday.")
    assert record.participants[0].name == "Ola Brenning"


def test_preparing_for_the_meeting_is_not_a_meeting_of_those_preparing(nlp):
    records = meetings_of(nlp, "Ola Brenning met Karl Dunmore in Tolvik on Monday.",
                        "Ahead of it, Tomas Lund and Ida Berg held talks with harbour officials to prepare for "
                        "the meeting.")
    assert all({p.name for p in m.participants} != {"Tomas Lund", "Ida Berg"} for m in records)


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


def test_addressing_a_gathering_is_a_speech(nlp):
    assert meetings_of(nlp, "President Tom Lund addressed a gathering of supporters in Oslo on Friday.") == []


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


def test_a_day_s_meeting_is_not_the_day_s(nlp):
    [meeting] = meetings_of(nlp, "Tom Lund and Ada Berg faced anger at Monday's meeting of the parliamentary party.")
    assert {p.name for p in meeting.participants} == {"Tom Lund", "Ada Berg"} and meeting.time_text == "Monday"


def test_whom_a_participant_represents_is_not_there_in_a_misparsed_clause(nlp):
    records = meetings_of(nlp, "Brenning, who is representing PM Tomas Lund at the summit, separately held talks "
                               "with Swedish foreign minister Anna Berg.",
                          "PM Lund skipped the summit because of a session of Parliament.")
    assert [set(r.names()) for r in records] == [{"Brenning", "Anna Berg"}]


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


def test_talks_and_the_state_dinner_of_the_same_two_are_two_contacts(nlp):
    records = meetings_of(nlp, "Norwegian Prime Minister Tomas Lund met Swedish Prime Minister Anna Berg in the Oval Office.",
                          "The two leaders announced a new trade pact.",
                          "Norland will also open a consulate in Bergen.",
                          "In the evening, Lund hosted Berg at a state dinner.")
    assert sorted(r.kind for r in records) == ["dinner", "meeting"]


def test_a_town_written_as_a_place_is_no_one_met(nlp):
    records = meetings_of(nlp, "President Tomas Lund arrived in Tolvik on Monday.",
                          "Lund held talks with Tolvik and with Swedish Prime Minister Anna Berg on Tuesday.")
    assert all("Tolvik" not in r.names() for r in records)


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


def test_two_people_the_recogniser_read_as_one_name(nlp):
    records = meetings_of(nlp, "Studio chief Anna Berg and union negotiator Ida Varga have not met.",
                          "Governor Tomas Lund spoke separately by phone with Berg and Varga last week.")
    assert sorted(tuple(r.names()) for r in records) == [("Tomas Lund", "Anna Berg"), ("Tomas Lund", "Ida Varga")]


def test_a_person_visited_at_a_site(nlp):
    [record] = meetings_of(nlp, "President Anna Berg visited Tomas Lund at his company's launch site in May.")
    assert record.kind == "visit" and record.names() == ["Anna Berg", "Tomas Lund"]


def test_a_lawmakers_party_and_state_is_no_person(nlp):
    records = meetings_of(nlp, "Governor Anna Berg met with Sen. Tomas Lund, D-Conn., on Monday.")
    assert [r.names() for r in records] == [["Anna Berg", "Tomas Lund"]]


def test_the_head_of_an_organisation_written_before_the_name(nlp):
    [record] = meetings_of(nlp, "Prime Minister Anna Berg met Norland Monetary Fund (NMF) Managing Director "
                                "Tomas Lund on Friday.")
    assert record.names() == ["Anna Berg", "Tomas Lund"]


def test_a_family_name_with_particles_is_one_person(nlp):
    [record] = meetings_of(nlp, "Commission President Anna von der Berg arrived on Tuesday.",
                           "Lund and von der Berg held a video call with President Ida Varga on Wednesday.")
    assert "Anna von der Berg" in record.names()


def test_a_name_joined_to_a_family_name_with_particles_by_and_is_the_other_side(nlp):
    records = meetings_of(nlp, "Prime Minister Karl Lund flew to Oslo on Monday for talks with Anna von der Berg, the commission president.",
                          "Lund and von der Berg first met at Skarn Castle in July, when he hosted a summit.")
    assert [(sorted(r.names()), r.place) for r in records if r.place == "Skarn Castle"] == [
        (["Anna von der Berg", "Karl Lund"], "Skarn Castle")]


def test_a_place_with_particles_stays_a_place(nlp):
    [record] = meetings_of(nlp, "President Anna Berg met President Tomas Lund in Rio de Janeiro on Monday.")
    assert record.names() == ["Anna Berg", "Tomas Lund"] and record.place == "Rio de Janeiro"


def test_who_is_criticised_for_hosting_hosted(nlp):
    [record] = meetings_of(nlp, "Prime Minister Ida Varga criticised President Tomas Lund for hosting "
                                "Chancellor Anna Berg at a dinner on Monday.")
    assert record.names() == ["Tomas Lund", "Anna Berg"]


def test_each_met_in_their_own_town_is_a_meeting_of_its_own(nlp):
    records = meetings_of(nlp, "President Anna Berg last visited the Gulf in October, when she met King Fahd Vik "
                               "in Riyadh and Sheikh Hamad Lund in Abu Dhabi.")
    assert sorted((r.names()[1], r.place) for r in records) == [("Fahd Vik", "Riyadh"), ("Hamad Lund", "Abu Dhabi")]


def test_a_town_a_where_clause_hangs_from_is_no_person(nlp):
    [record] = meetings_of(nlp, "Foreign Minister Anna Berg arrived in the region on Monday.",
                           "Earlier in the week she visited Tolvikstad, where she held talks with Prime Minister "
                           "Tomas Lund on Thursday.")
    assert record.names() == ["Anna Berg", "Tomas Lund"]


def test_met_separately_after_an_aside_on_the_last_person(nlp):
    records = meetings_of(nlp, "Secretary Anna Berg also met opposition leader Tomas Lund and Ola Vik, who quit the "
                               "war cabinet on Sunday, separately on Tuesday morning before leaving for Oslo.")
    assert sorted(tuple(r.names()) for r in records) == [("Anna Berg", "Ola Vik"), ("Anna Berg", "Tomas Lund")]


def test_a_town_before_a_dash_opening_the_story_is_no_person(nlp):
    [record] = meetings_of(nlp, "Bergen – Education Secretary Anna Berg has held talks with union leader Tomas Lund.")
    assert record.names() == ["Anna Berg", "Tomas Lund"]


@pytest.mark.parametrize("paragraphs", [
    ("He said it matched the position taken at the earlier Clinton-Yeltsin summit in Helsinki in March 1997.",),
    ("President Bill Clinton met Russian President Boris Yeltsin in Moscow in May.",
     "The Clinton-Yeltsin meeting in Helsinki had lasted four hours."),
])
def test_a_hyphenated_pair_before_the_contact_noun_are_the_two_who_met(nlp, paragraphs):
    record = rule_meetings_of(nlp, *paragraphs)[-1]
    assert {n.split()[-1] for n in record.names()} == {"Clinton", "Yeltsin"}
    assert record.place == "Helsinki"


def test_a_summit_between_two_countries_is_no_one_s(nlp):
    records = meetings_of(nlp, "The two sides held the third India-Russia Annual Summit at the Kremlin.")
    assert all("Russia" not in " ".join(r.names()) for r in records)


def test_a_titled_name_taken_for_a_building_is_a_person_with_the_country_s_title(nlp):
    records = meetings_of(nlp, "Saudi Arabia's King Fahd arrives in London on Tuesday for a state visit.",
                          "The Saudi leader will hold talks with Prime Minister Margaret Thatcher during the visit.")
    assert any({"Fahd", "Margaret Thatcher"} <= set(r.names()) for r in records)


def test_an_office_is_never_given_to_the_next_person_of_a_list(nlp):
    [record] = rule_meetings_of(nlp, "Norland's harbour chief Karl Dunmore met Skarn's port director Ola Brenning "
                                     "and Tomas Lund in Bergen on Monday.")
    roles = {p.name: p.role for p in record.participants}
    assert roles["Karl Dunmore"] == "Norland's harbour chief" and roles.get("Tomas Lund") is None


def test_a_name_with_particles_after_another_person_is_his_conjunct_not_his_parent(nlp):
    [record] = meetings_of(nlp, "Karl Dunmore and Anna von der Berg first met at the Tolvik Palace in July.")
    assert set(record.names()) == {"Karl Dunmore", "Anna von der Berg"} and record.place == "Tolvik Palace"


def test_a_given_name_written_with_a_hyphen_is_part_of_the_name(nlp):
    records = meetings_of(nlp, "In 2019, then-Prime Minister Abe Shinzo met then-President Moon Jae-in in Chengdu.")
    assert frozenset({"Abe Shinzo", "Moon Jae-in"}) in pairs_of(records)


@pytest.mark.parametrize("sentence, pair", [
    ("Ada Berg became prime minister on Tuesday after being received by King Tomas Lund at the palace.",
     {"Ada Berg", "Tomas Lund"}),
    ("President Tom Lund welcomed King Piet and the Queen Consort, Ada Berg, at the palace on Monday.",
     {"Tom Lund", "Ada Berg"}),
])
def test_who_was_received_and_a_name_after_a_title_phrase(nlp, sentence, pair):
    assert frozenset(pair) in pairs_of(rule_meetings_of(nlp, sentence))


def test_a_name_does_not_run_on_into_a_hyphenated_verb(nlp):
    doc = nlp("The ferry hall is a Tomas Lund-designed building and President Moon Jae-in opened it.")
    names = {e.text for e in doc.ents if e.label_ == "PERSON"}
    assert "Moon Jae-in" in names and not any("designed" in n for n in names)


def test_a_people_word_before_a_title_is_never_a_participant(nlp):
    records = rule_meetings_of(nlp, "Norwegian President Ada Berg hosted Swedish Prime Minister Tom Lund at the castle.")
    assert all(p.name not in {"Norwegian", "Swedish"} for r in records for p in r.participants)


@pytest.mark.parametrize("sentences, pair", [
    (("Norlandic President Tom Lund arrived on Monday.",
      "Lund and Skarnish President Ada Berg met in Tolvik in July."), {"Tom Lund", "Ada Berg"}),
    (("Governor Ola Vik spoke on Monday.",
      "Vik and House Minority Leader Piet Dunmore (D-N.Y.) discussed the toll over dinner in Oslo."),
     {"Ola Vik", "Piet Dunmore"}),
])
def test_a_first_name_hung_on_the_next_ones_title_is_a_participant(nlp, sentences, pair):
    assert frozenset(pair) in pairs_of(rule_meetings_of(nlp, *sentences))


@pytest.mark.parametrize("text, name", [
    ("European Commission President Ada von der Berg is seeking a second term.", "Ada von der Berg"),
    ("Von der Berg met Lund in Oslo.", "Von der Berg"),
])
def test_a_name_runs_through_its_particles(nlp, text, name):
    assert name in {e.text for e in nlp(text).ents if e.label_ == "PERSON"}


def test_whom_a_reporting_verb_took_for_its_subject_is_who_was_met(nlp):
    records = rule_meetings_of(nlp, "Tom Lund is expected to travel to Oslo next week to meet Norlandic President Ada "
                                    "Berg, a military source told reporters.")
    assert frozenset({"Tom Lund", "Ada Berg"}) in pairs_of(records)


@pytest.mark.parametrize("sentence, pair", [
    ("On Thursday, Mr. Tom Lund met separately at the White House with President Ada Berg and Ms. Ola Vik.",
     {"Tom Lund", "Ada Berg"}),
    ("Later Wednesday, Tom Lund met behind closed doors on Capitol Hill with House Speaker Ada Berg.",
     {"Tom Lund", "Ada Berg"}),
    ("Earlier on Friday, Tom Lund met U.S. Senator Ada Berg and a group of lawmakers at Blair House.",
     {"Tom Lund", "Ada Berg"}),
    ("Tom Lund arrived in Jeddah and was received at the airport by the deputy governor of Mecca region, "
     "Prince Omar bin Tolvik, state television showed.", {"Tom Lund", "Omar bin Tolvik"}),
])
def test_whom_the_parser_hung_elsewhere_is_still_met(nlp, sentence, pair):
    assert frozenset(pair) in pairs_of(rule_meetings_of(nlp, sentence))


def test_who_is_due_to_be_welcomed_by_someone_meets_them(nlp):
    records = rule_meetings_of(nlp, "King Tomas will visit Norland on Wednesday, where he is due to be welcomed by "
                                    "President Ada Berg at the Tolvik Gate.")
    assert frozenset({"Tomas", "Ada Berg"}) in pairs_of(records)


def test_a_meeting_with_someone_belongs_to_the_person_of_the_clause_above(nlp):
    records = rule_meetings_of(nlp, "Norland's finance minister Tomas Ekholm said nothing about rates, which "
                                    "changed as a result of the meeting on Monday with Skarn's treasury chief Ada Berg.")
    assert pairs_of(records) == {frozenset({"Tomas Ekholm", "Ada Berg"})}
    records = rule_meetings_of(nlp, "Planning minister Jon Vik resigned on Tuesday.",
                               "His resignation was accepted during a meeting with President Ada Berg, a spokesman said.")
    assert pairs_of(records) == {frozenset({"Jon Vik", "Ada Berg"})}
    # what a thing of someone's is, is no meeting of theirs
    assert not rule_meetings_of(nlp, "Mr Vik's trip to Skarn is part of regular meetings with Norland ministers.")


def test_a_courtesy_between_the_office_and_the_name_is_not_a_person(nlp):
    records = rule_meetings_of(nlp, "Skarnish President Ola Vik arrived on Sunday and was received by President "
                                    "His Highness Sheikh Khalid bin Saud Al Marri at the Tolvik Palace.")
    assert pairs_of(records) == {frozenset({"Ola Vik", "Khalid bin Saud Al Marri"})}


def test_the_pontiff_is_the_pope_the_story_names(nlp):
    records = rule_meetings_of(nlp, "Pope Leo spoke of migrants on Saturday.",
                               "The pontiff arrived in Tolvik on Friday and was welcomed at the airport by Prime "
                               "Minister Ada Berg.")
    assert pairs_of(records) == {frozenset({"Leo", "Ada Berg"})}


def test_an_office_with_an_indefinite_article_is_nobody_in_particular(nlp):
    records = rule_meetings_of(nlp, "Air Norland chief executive Tomas Ekholm praised the deal.",
                               "It was Lund's first meeting with a Norland leader since May.")
    assert frozenset({"Lund", "Tomas Ekholm"}) not in pairs_of(records)


def test_summoning_an_ambassador_is_a_meeting(nlp):
    [record] = rule_meetings_of(nlp, "Foreign Minister Ada Berg summoned Norland's ambassador Tomas Ekholm on Friday.")
    assert record.kind == "meeting" and set(record.names()) == {"Ada Berg", "Tomas Ekholm"}


def test_the_holder_of_a_meeting_hung_on_a_purpose_is_the_subject_above_it(nlp):
    records = rule_meetings_of(nlp, "Commerce Secretary Tomas Ekholm said he hopes Prime Minister Ola Vik will make "
                                    "specific proposals to ease trade friction at a meeting with President Ada Berg this week.")
    assert pairs_of(records) == {frozenset({"Ola Vik", "Ada Berg"})}


def test_a_department_of_two_words_is_not_part_of_the_name(nlp):
    records = rule_meetings_of(nlp, "Norland's Secretary of Trade and Industry Tomas Ekholm said he was pleased.",
                               "Ekholm met Prime Minister Ada Berg in Tolvik on Monday.")
    assert pairs_of(records) == {frozenset({"Tomas Ekholm", "Ada Berg"})}


def test_a_lone_surname_the_recogniser_took_for_an_event_can_be_someone_hosted(nlp):
    from spacy.tokens import Span

    from qa.meetings.clauses import is_person_like

    doc = nlp("Mayor Lund hosted Ekholm for breakfast on Friday.")
    doc.ents = [Span(doc, 3, 4, label="EVENT")]
    assert is_person_like(doc[3])
    fair = nlp("Mayor Lund hosted the Expo in July.")
    fair.ents = [Span(fair, 4, 5, label="EVENT")]
    assert not is_person_like(fair[4])


@pytest.mark.parametrize("sentence", [
    "The plan came ahead of Karl Dunmore's trip to Tolvik for talks with Prime Minister Ada Berg.",
    "It was announced before the scheduled arrival of Commerce Secretary Karl Dunmore for talks with Ada Berg.",
    "Ola Vik announced Karl Dunmore's visit to Tolvik for talks with Prime Minister Ada Berg.",
])
def test_the_one_who_travels_holds_the_talks_the_trip_is_for(nlp, sentence):
    assert pairs_of(rule_meetings_of(nlp, sentence)) == {frozenset({"Karl Dunmore", "Ada Berg"})}



def test_calling_on_someone_parsed_with_a_particle_is_a_visit_to_them(nlp):
    from qa.meetings.sides import verb_slots
    from qa.meetings.triggers import find_triggers

    doc = nlp("Foreign Minister Tomas Lund was due to call on Dahlin at his hotel later on Thursday.")
    call, on = next(t for t in doc if t.lower_ == "call"), next(t for t in doc if t.lower_ == "on")
    on.dep_ = "prt"  # as the parser reads it after some names ("call on Dahal")
    [trigger] = find_triggers(doc)
    assert trigger.token.i == call.i and trigger.kind == "meeting"
    assert [t.text for t in verb_slots(call, "meeting").whom] == ["Dahlin"]
    assert meetings_of(nlp, "Tomas Lund called on parliament to intervene.") == []


def test_a_plural_title_before_two_names_ends_no_sentence(nlp):
    records = meetings_of(nlp, "Governor Ada Berg met Reps. Tomas Lund and Karl Vik in Oslo on Friday.")
    assert pairs_of(records) >= {frozenset({"Ada Berg", "Tomas Lund"}), frozenset({"Ada Berg", "Karl Vik"})}


def test_the_people_named_between_dashes_after_a_plural_noun_are_its_members(nlp):
    records = rule_meetings_of(nlp, "The envoys — Sens. Tomas Lund, Ada Berg and Karl Vik — met on Tuesday at the "
                                    "harbour office in Oslo.")
    assert {frozenset(r.names()) for r in records} == {frozenset({"Tomas Lund", "Ada Berg", "Karl Vik"})}


def test_a_long_name_is_written_later_by_its_given_name_alone(nlp):
    records = rule_meetings_of(nlp, "Emir Sheikh Omar bin Tolvik Al-Varga received Prime Minister Tomas Lund on Monday.",
                               "On Tuesday, Sheikh Omar held talks with President Ada Berg in Doha.")
    assert frozenset({"Omar bin Tolvik Al-Varga", "Ada Berg"}) in pairs_of(records)
