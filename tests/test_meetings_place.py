"""Where a contact took place: behaviours on small invented sentences (real spaCy model)."""

from __future__ import annotations

import pytest

from .meeting_helpers import meetings_of, rule_meetings_of


def test_place_keeps_room_building_and_city(nlp):
    [record] = meetings_of(nlp, "Joe Biden spoke with Olaf Scholz in the Oval Office at the White House "
                              "in Washington.")
    assert "Washington" in record.place and "Oval Office" in record.place


def test_plural_talks_without_a_partner_complete_the_meeting_before(nlp):
    [record] = meetings_of(nlp, "Mining Minister Ola Brenning is expected here on Friday for talks with his "
                              "counterpart Karl Dunmore.",
                         "Brenning will have talks on fishing quotas, officials said.")
    assert set(record.names()) == {"Ola Brenning", "Karl Dunmore"}
    assert record.reason == "fishing quotas"


def test_place_of_a_where_clause(nlp):
    [record] = meetings_of(nlp, "Karl Dunmore flew to Oslo, where he met Ola Brenning.")
    assert record.place == "Oslo"


def test_venue_written_before_the_trigger_noun(nlp):
    records = meetings_of(nlp, "Karl Dunmore met Ola Brenning on Monday.",
                        "The Camp Ridley talks covered a range of other topics.")
    [record] = records
    assert record.place == "Camp Ridley"


def test_place_with_its_region(nlp):
    [record] = meetings_of(nlp, "Anna Berg met Tomas Lund in Leeds, northern England, on Monday.")
    assert record.place == "Leeds, England"


def test_place_named_inside_a_common_noun(nlp):
    records = meetings_of(nlp, "Anna Berg described a meeting between Tomas Lund and Karl Dunmore in the "
                             "Texas countryside.")
    assert any(m.place == "Texas" for m in records)


@pytest.mark.parametrize("text", [
    "Anna Berg visited Tomas Lund in Oslo on Monday.",
    "Anna Berg paid a visit to Tomas Lund in Oslo on Monday.",
])
def test_visiting_a_person_in_a_place(nlp, text):
    [record] = meetings_of(nlp, text)
    assert set(record.names()) == {"Anna Berg", "Tomas Lund"} and record.place == "Oslo"


def test_place_hung_on_the_last_of_those_met(nlp):
    records = meetings_of(nlp, "Anna Berg held a meeting with Tomas Lund and Karl Dunmore in Oslo.")
    assert [m.place for m in records] == ["Oslo"]


def test_place_of_a_where_clause_after_a_journey(nlp):
    [record] = meetings_of(nlp, "Anna Berg flew to Oslo on Monday, where she met Tomas Lund to discuss the crisis.")
    assert record.place == "Oslo"


def test_place_hung_on_an_apposition_of_the_person_met(nlp):
    [record] = meetings_of(nlp, "Anna Berg met with Norway's prime minister, Tomas Lund, in Oslo.")
    assert record.place == "Oslo"


@pytest.mark.parametrize("first", [
    "Swedish Trade Minister Anna Berg arrived in Oslo on Monday.",
    "Anna Berg will be in Oslo from April 21 to 24.",
])
def test_place_of_the_journey_just_reported(nlp, first):
    records = meetings_of(nlp, first, "She will meet Norwegian Prime Minister Tomas Lund.")
    assert [m.place for m in records] == ["Oslo"]


def test_journey_of_someone_else_gives_no_place(nlp):
    [record] = meetings_of(nlp, "Karl Dunmore arrived in Oslo on Monday.",
                         "Anna Berg met Tomas Lund on Tuesday.")
    assert record.place is None


def test_counterpart_with_a_place_after_it(nlp):
    [record] = meetings_of(nlp, "Swedish Trade Minister Anna Berg held talks with her Norwegian counterpart in Oslo.",
                         "Norwegian Trade Minister Tomas Lund said the talks had gone well.")
    assert set(record.names()) == {"Anna Berg", "Tomas Lund"} and record.place == "Oslo"


def test_dinner_for_a_guest(nlp):
    [record] = meetings_of(nlp, "Anna Berg hosted a dinner for Tomas Lund in Oslo on Monday.")
    assert set(record.names()) == {"Anna Berg", "Tomas Lund"} and record.kind == "dinner"
    assert record.place == "Oslo"


def test_place_and_time_from_a_when_clause(nlp):
    [record] = meetings_of(nlp, "Anna Berg is expected to meet Tomas Lund when she visits Oslo next month.")
    assert record.place == "Oslo" and record.time_text == "next month"


def test_what_was_discussed_holds_no_place(nlp):
    """"discussed the war in Norland": Norland is the war's place, not the meeting's, and the
    discussion completes the dinner of the sentence before."""
    [record] = meetings_of(nlp, "Ola Brenning hosted Karl Dunmore for dinner at the Tolvik Palace on Sunday. "
                              "The two leaders discussed fish prices and the war in Norland.")
    assert record.kind == "dinner"
    assert "Tolvik Palace" in record.place and "Norland" not in record.place
    assert "fish prices" in record.reason


def test_welcomed_to_a_place(nlp):
    [record] = meetings_of(nlp, "Prime Minister Ola Brenning welcomed Karl Dunmore to Tolvik Castle on Wednesday.")
    assert record.kind == "visit" and "Tolvik Castle" in record.place


def test_a_venue_named_before_a_common_noun(nlp):
    [record] = meetings_of(nlp, "Ola Brenning met Karl Dunmore at the Filoli estate on Wednesday.")
    assert record.place == "Filoli estate"


def test_place_of_a_when_clause_above_the_meeting(nlp):
    [record] = meetings_of(nlp, "President Tom Lund is likely to have a meeting with Piet Berg when he pays a "
                              "two-day visit to Oslo next week.")
    assert record.place == "Oslo"


def test_venue_named_before_its_noun_as_written(nlp):
    [record] = meetings_of(nlp, "President Tom Lund hosted Prime Minister Ada Berg at the Camp Tolvik presidential "
                              "retreat on Friday.")
    assert record.place == "Camp Tolvik presidential retreat"


def test_venue_by_its_common_noun(nlp):
    [record] = meetings_of(nlp, "President Tom Lund held talks with Ada Berg at the prime minister's residence on "
                              "Friday evening.")
    assert record.place == "prime minister's residence"


def test_an_organisation_after_of_is_no_place(nlp):
    [record] = meetings_of(nlp, "President Tom Lund and Ada Berg met on the sidelines of the Group of 20 summit "
                              "in Bali on Monday.")
    assert "Group" not in (record.place or "")


@pytest.mark.parametrize("sentence, place", [
    ("Premier Ola Vik travelled to Kyiv and held talks with Skarnish President Ada Berg on Monday.", "Kyiv"),
    ("The Lunds will host President Ada Berg at a state dinner on the Rose Lawn on Friday night.", "Rose Lawn"),
    ("On Tuesday, President Ada Berg is to meet Premier Tom Lund at Palazzo Varnesi in Rome, his office said.",
     "Palazzo Varnesi, Rome"),
])
def test_places_the_recogniser_does_not_know_for_places(nlp, sentence, place):
    [meeting] = meetings_of(nlp, sentence)
    assert meeting.place == place and meeting.reason is None


def test_talks_after_which_a_group_was_set_up_are_the_subjects_talks(nlp):
    [meeting] = meetings_of(nlp, "Ministers Ann Morrow and Wang Lei signed a fisheries accord on Tuesday, "
                                 "after talks in Oslo.")
    assert {p.name for p in meeting.participants} == {"Ann Morrow", "Wang Lei"} and meeting.place == "Oslo"


def test_a_venue_keeps_no_preposition_the_recogniser_ran_on_with(nlp):
    [meeting] = meetings_of(nlp, "Minister Ann Morrow met Premier Li Wen at the Tolvik Concert Hall on Friday.")
    assert meeting.place == "Tolvik Concert Hall"


def test_a_venue_in_the_next_sentence_joins_the_town(nlp):
    [record] = meetings_of(nlp, "Norwegian Prime Minister Tomas Lund met Swedish Foreign Minister Anna Berg in Oslo.",
                           "The meeting at the Tolvik Palace on Monday lasted about 90 minutes and covered fishing quotas.")
    assert record.place == "Tolvik Palace, Oslo"
    assert record.time_text == "on Monday"
    assert record.reason == "fishing quotas"


def test_a_recalled_meeting_lends_no_place_to_the_next_one(nlp):
    records = meetings_of(nlp, "Foreign Minister Ola Brenning met Anna Berg in Oslo in July 2023.",
                          "Brenning separately held talks with Swedish Foreign Minister Karl Dunmore.")
    talks = next(r for r in records if "Karl Dunmore" in r.names())
    assert talks.place is None


def test_the_call_of_the_next_sentence_says_what_the_call_was_about(nlp):
    [record] = meetings_of(nlp, "President Tomas Lund and Swedish leader Anna Berg held a phone call on Tuesday.",
                           "The call, which lasted about an hour, focused on fishing quotas, according to a readout.")
    assert record.kind == "call" and record.time_text == "on Tuesday" and record.reason == "fishing quotas"


def test_a_country_visited_is_the_place_though_its_officials_were_met(nlp):
    [record] = meetings_of(nlp, "Intelligence chief Tomas Lund visited Israel last week for talks with Israeli "
                                "officials on the release of the captives.")
    assert record.place == "Israel"


def test_a_town_of_a_place_noun_whatever_the_recogniser_took_it_for(nlp):
    [record] = meetings_of(nlp, "Chancellor Tomas Lund met President Anna Berg on Saturday in the desert oasis of Al-Ula.")
    assert record.place == "Al-Ula"


def test_the_leaders_summit_those_named_held(nlp):
    [record] = meetings_of(nlp, "President Tomas Lund, Prime Minister Anna Berg and Prime Minister Karl Dunmore held "
                                "a Quad leaders' summit in Hiroshima on Saturday.")
    assert set(record.names()) == {"Tomas Lund", "Anna Berg", "Karl Dunmore"} and record.place == "Hiroshima"


def test_the_town_of_who_receives_the_visitor(nlp):
    [record] = meetings_of(nlp, "President Tomas Lund is set to travel on to Serbia, where he will be received by "
                                "President Anna Berg in Belgrade.")
    assert "Belgrade" in record.place


def test_the_two_governors_are_the_two_met(nlp):
    [record] = meetings_of(nlp, "Governor Tomas Lund met Governor Anna Berg in Tokyo on Tuesday.",
                           "The two governors discussed the recent sell-off in government debt, one of the people said.")
    assert record.reason == "the recent sell-off in government debt"


def test_where_the_meeting_was_after_a_quote(nlp):
    [record] = meetings_of(nlp, "Prime Minister Tomas Lund met President Anna Berg on Monday.",
                           "\"We are partners,\" Lund told reporters.",
                           "The meeting at the Tolvik Palace lasted two hours, officials said.")
    assert record.place == "Tolvik Palace"


def test_where_he_is_due_to_meet_after_travels_to(nlp):
    [record] = meetings_of(nlp, "From Beijing, Prime Minister Tomas Lund travels on Saturday to Abu Dhabi, where he "
                                "is due to meet UAE President Anna Berg.")
    assert record.place == "Abu Dhabi" and record.status == "planned"


def test_where_he_met_after_visiting_a_city(nlp):
    records = meetings_of(nlp, "President Tomas Lund visited Riyadh in December, where he met Crown Prince Anna Berg.")
    assert any(r.place == "Riyadh" and "Anna Berg" in r.names() for r in records)


def test_a_venue_by_its_common_noun_in_the_next_sentence(nlp):
    records = meetings_of(nlp, "President Anna Berg met Crown Prince Khalid bin Fahd on Monday in the desert oasis of Al-Tolvik.",
                          "The two men met at the crown prince's winter camp outside the ancient city.")
    assert records[0].place.startswith("crown prince's winter camp")


def test_the_place_of_talks_said_to_be_held_there(nlp):
    records = meetings_of(nlp, "Prime Minister Tom Lund held talks with President Anna Berg on Thursday.",
                          "The talks were held at the Tolvik Training Center in Arlington, Virginia.")
    assert "Tolvik Training Center" in records[0].place


@pytest.mark.parametrize("sentence, place", [
    ("Chancellor Karl Hahn held talks with President Anna Berg in the capital, Tolvik, on Monday.", "Tolvik"),
    ("The French leader Jean Morel is due to travel on Tuesday to Kyiv, where he will meet President Ivan Petrov.",
     "Kyiv"),
])
def test_a_town_named_after_the_capital_or_before_where(nlp, sentence, place):
    [record] = meetings_of(nlp, sentence)
    assert record.place == place


def test_a_day_before_where_is_no_place(nlp):
    [record] = meetings_of(nlp, "Chancellor Karl Hahn visited Tolvik on Friday, where he met President Anna Berg.")
    assert record.place == "Tolvik"


def test_the_room_of_the_meeting_told_next_joins_the_building(nlp):
    records = meetings_of(nlp, "Prime Minister Tom Lund met with President Anna Berg at the White House on Thursday.",
                          "The meeting in the Oval Office, which lasted about an hour, focused on the ceasefire.")
    assert len(records) == 1 and records[0].place == "Oval Office, White House"


@pytest.mark.parametrize("sentence, place", [
    ("Chancellor Karl Hahn held talks with Norland's President Ivo Brandt in the capital, Tolvik, on Monday.", "Tolvik"),
    ("Envoys Tom Vale and Ivan Petrov have been holding face-to-face talks in the South African capital since last week.",
     "South African capital"),
    ("President Anna Berg met President Tom Vale in the capital, Ivan Petrov said.", None),
])
def test_the_capital_as_written_or_named(nlp, sentence, place):
    [record] = meetings_of(nlp, sentence)
    assert record.place == place


def test_topics_on_the_agenda_are_no_one_met_and_the_two_leaders_are_those_welcomed(nlp):
    records = meetings_of(nlp, "Prime Minister Tom Vale has welcomed his counterpart Anna Berg to Auckland for the "
                               "annual leaders' meeting, with defence, the Pacific and the cost of living high on the agenda.",
                          "The two leaders held talks at Government House on Friday morning.")
    assert {n for r in records for n in r.names()} == {"Tom Vale", "Anna Berg"}
    assert any("Government House" in (r.place or "") for r in records)


def test_a_venue_the_recogniser_took_for_a_person_with_its_description(nlp):
    records = meetings_of(nlp, "President Anna Berg met President Tom Vale in Accra on Monday.",
                          "The two leaders met at Skarn House, the presidential palace, before a news conference.")
    assert records[0].place.startswith("Skarn House")


def test_where_the_traveller_arrived_is_where_he_was_greeted(nlp):
    [record] = meetings_of(nlp, "Tomas Lund arrived at Tolvik airport on Sunday afternoon, where he was "
                                "greeted by Prime Minister Anna Berg.")
    assert record.place == "Tolvik airport"


@pytest.mark.parametrize("second, place", [
    ("The meeting at the Presidential Secretariat lasted about an hour, officials said.", "Secretariat, Colombo"),
    ("The meeting took place at Qasr Al Tolvik, the presidential palace.", "Qasr Al Tolvik, Colombo"),
])
def test_the_venue_of_the_meeting_just_told_joins_its_town(nlp, second, place):
    [record] = meetings_of(nlp, "Foreign Minister Anna Berg called on President Tomas Lund in Colombo on Friday.", second)
    assert record.place == place


def test_a_venue_the_next_sentence_puts_the_two_in(nlp):
    [record] = meetings_of(nlp, "Anna Berg and Tomas Lund met for three hours on Monday in Tolvik.",
                           "The two leaders shook hands at the Skarn hotel before sitting down with their delegations.")
    assert record.place == "Skarn hotel, Tolvik"


def test_a_city_written_before_its_country_with_a_where_clause(nlp):
    [record] = meetings_of(nlp, "Secretary Anna Berg arrived in Africa on Monday.",
                           "The top diplomat travels later Wednesday to Luanda, Angola, where she will meet "
                           "Thursday with President Tomas Lund.")
    assert record.place == "Luanda, Angola"


def test_the_place_of_the_verb_a_planned_contact_hangs_from(nlp):
    records = meetings_of(nlp, "Secretary Anna Berg arrived in Africa on Monday.",
                          "In Kigali on Thursday, Berg is scheduled to meet President Tomas Lund and to hold "
                          "talks with Foreign Minister Ida Varga.")
    assert {r.place for r in records} == {"Kigali"} and len(records) == 2


@pytest.mark.parametrize("second, place", [
    ("A dinner between Berg and Lund that had been planned in Oslo for last month was postponed.", "Oslo"),
    ("A meeting between Berg and Lund, which had been due to take place in Bergen on Thursday, has been postponed.",
     "Bergen"),
])
def test_where_a_clause_on_the_contact_says_it_was_to_be_held(nlp, second, place):
    records = meetings_of(nlp, "Prime Minister Anna Berg met President Tomas Lund on Friday.", second)
    assert place in {r.place for r in records}


def test_place_of_a_where_clause_hung_on_the_verb_it_follows(nlp):
    records = meetings_of(nlp, "Harbour chief Karl Dunmore spoke at a fair in Leeds on Monday.",
                          "Dunmore is due in Bergen next week, where he is expected to meet Mayor Ola Brenning.")
    assert [r.place for r in records if "Ola Brenning" in r.names()] == ["Bergen"]


def test_place_of_the_occasion_at_which_they_met(nlp):
    [record] = meetings_of(nlp, "A summit in Bergen on May 3, at which Karl Dunmore had been due to meet "
                                "Ola Brenning, was called off.")
    assert record.place == "Bergen"


def test_place_of_a_meeting_the_sentence_says_was_there(nlp):
    records = meetings_of(nlp, "Karl Dunmore met Ola Brenning in Leeds on Monday.",
                          "Dunmore's last meeting with Brenning was at the Nordic Harbour Forum in February.")
    assert {r.place for r in records} == {"Leeds", "Nordic Harbour Forum"}


def test_place_after_an_object_parsed_as_the_subject(nlp):
    [record] = meetings_of(nlp, "On Friday, Harbour Minister Anna Berg and the port's chief, Karl Dunmore, "
                                "met Mr Brenning in Bergen, where she handed him a report.")
    assert record.place == "Bergen"


def test_due_in_a_place_for_talks_is_planned_there(nlp):
    [record] = meetings_of(nlp, "On Friday, the harbour chief Karl Dunmore is due in Bergen for talks with Mayor "
                                "Ola Brenning, before travelling on to Oslo.")
    assert record.place == "Bergen" and record.status == "planned"


def test_place_and_time_of_the_occasion_a_when_clause_hangs_on(nlp):
    [record] = meetings_of(nlp, "The previous forum was held in Bergen in April 2019, when Karl Dunmore met "
                                "then Mayor Ola Brenning.")
    assert record.place == "Bergen" and record.time_text == "in April 2019"


def test_place_hung_on_the_last_of_several_met(nlp):
    [record] = meetings_of(nlp, "The union leader, Karl Dunmore, met the rail company's chief executive, Ola "
                                "Brenning, and representatives of the ferry operators at a hotel in central "
                                "Leeds on Monday.")
    assert "Leeds" in record.place


def test_a_venue_told_next_joins_the_capital_even_when_its_name_holds_no_venue_word(nlp):
    [record] = meetings_of(nlp, "Mayor Karl Dunmore met harbour chief Ola Brenning in Oslo on Wednesday.",
                           "The meeting took place at the Royal Diwan.")
    assert record.place == "Royal Diwan, Oslo"


def test_a_venue_in_the_town_told_next_says_more_than_the_town(nlp):
    [record] = meetings_of(nlp, "Mayor Karl Dunmore travelled to Bergen on Thursday for talks with harbour chief "
                                "Ola Brenning.",
                           "The meeting took place at the Tolvik Palace in Bergen and lasted several hours.")
    assert record.place == "Tolvik Palace, Bergen"


def test_a_two_word_venue_the_recogniser_took_for_a_person(nlp):
    [record] = meetings_of(nlp, "Harbour chief Karl Dunmore then held more than an hour of talks with Mayor Ola "
                                "Brenning at Palazzo Ekholm on Saturday.")
    assert record.place == "Palazzo Ekholm"


def test_emerging_from_a_meeting_with_no_deal_is_a_meeting_of_the_two(nlp):
    [record] = meetings_of(nlp, "Senator Karl Dunmore and Governor Ola Brenning emerged from a long meeting in "
                                "the Blue Room on Tuesday with no breakthrough.")
    assert set(record.names()) == {"Karl Dunmore", "Ola Brenning"} and record.place == "Blue Room"


def test_the_venue_of_a_courtyard_is_the_place(nlp):
    records = meetings_of(nlp, "Mayor Karl Dunmore greeted Governor Ola Brenning in the courtyard of the Tolvik "
                               "Palace before the two held talks on Monday.")
    assert records and all(r.place == "Tolvik Palace" for r in records)


def test_talks_told_again_on_the_day_of_a_visit_are_the_same_talks(nlp):
    [record] = meetings_of(nlp, "Mayor Karl Dunmore held talks with Governor Ola Brenning on Friday.",
                           "The talks took place at the Tolvik Palace in Bergen on the second day of Dunmore's "
                           "three-day visit.")
    assert record.place == "Tolvik Palace, Bergen" and record.time_text == "on Friday"


def test_a_town_the_recogniser_took_for_a_people_is_a_place(nlp):
    [record] = meetings_of(nlp, "Harbour chief Karl Dunmore is due to hold talks with Governor Ola Brenning in "
                                "Tunis next week.")
    assert record.place == "Tunis"


def test_a_place_hung_on_the_leader_of_a_delegation_met(nlp):
    records = meetings_of(nlp, "Mayor Karl Dunmore held three hours of talks with a delegation headed by "
                               "Governor Ola Brenning at the Tolvik Palace on Tuesday.")
    assert any(r.place == "Tolvik Palace" for r in records)


def test_last_read_as_a_subject_leaves_the_meeting_to_the_two_of_the_first_clause(nlp):
    records = meetings_of(nlp, "Karl Dunmore and Ola Brenning last spoke by phone in May 2022 and last met "
                               "in person in Bergen in March 2022.")
    met = [r for r in records if r.kind == "meeting"]
    assert met and set(met[0].names()) == {"Karl Dunmore", "Ola Brenning"} and met[0].place == "Bergen"


def test_a_capital_the_recogniser_took_for_a_person_is_a_place_and_the_country_goes_last(nlp):
    [record] = meetings_of(nlp, "Harbour chief Karl Dunmore arrived in Africa on Saturday.",
                           "Dunmore began his trip in Senegal, where he met Mayor Ola Brenning in Dakar on Sunday.")
    assert record.place == "Dakar, Senegal"


def test_the_town_travelled_to_for_the_occasion_where_they_meet(nlp):
    [record] = meetings_of(nlp, "Harbour chief Karl Dunmore will travel to Tolvik next week for the Nordic "
                                "Fisheries Summit, where he is expected to hold talks with Mayor Ola Brenning.")
    assert "Tolvik" in record.place


def test_a_room_of_someone_s_building_is_the_place(nlp):
    [record] = meetings_of(nlp, "After the talks, Mayor Karl Dunmore hosted Governor Ola Brenning for a working "
                                "lunch in the estate's dining room.")
    assert record.place == "estate's dining room"


def test_a_where_clause_hung_on_the_day_refers_to_the_place_before_it(nlp):
    records = meetings_of(nlp, "Mayor Karl Dunmore arrived in Norland on Wednesday.",
                          "A planned visit to Tolvik on Friday, where Dunmore had been due to meet Governor Ola "
                          "Brenning, has been cancelled, his office said.")
    assert any(r.place == "Tolvik" for r in records)


def test_a_named_site_travelled_to_is_the_place(nlp):
    records = meetings_of(nlp, "A planned visit by Mayor Karl Dunmore to the Tolvik Street station site in Bergen "
                               "on Thursday, where he had been due to meet Governor Ola Brenning, was called off.")
    assert any(r.place == "Tolvik Street station site, Bergen" for r in records)


def test_a_second_contact_on_the_same_trip_has_its_own_people_and_town(nlp):
    records = rule_meetings_of(nlp, "Norland's President Tom Lund will travel to Oslo on Tuesday to meet Prime Minister "
                                    "Ada Berg and then fly to Berlin for talks with Chancellor Piet Dunmore.")
    places = {frozenset(p.name for p in r.participants): r.place for r in records}
    assert places[frozenset({"Tom Lund", "Ada Berg"})] == "Oslo"
    assert places[frozenset({"Tom Lund", "Piet Dunmore"})] == "Berlin"


def test_a_meal_someone_is_hosted_to_is_where_it_was_held(nlp):
    [record] = rule_meetings_of(nlp, "Prime Minister Tom Lund hosted President Ada Berg to lunch at the Tolvik Hotel.")
    assert record.place == "Tolvik Hotel"


def test_a_venue_told_for_both_meetings_is_each_ones(nlp):
    records = rule_meetings_of(nlp, "President Tom Lund has held separate meetings with President Ada Berg and Prime "
                                    "Minister Piet Dunmore in Norland. Both meetings took place on Thursday at the "
                                    "Palace of Tolvik in Oslo.")
    assert len(records) == 2 and all(r.place.startswith("Palace of Tolvik") for r in records)


def test_a_hyphenated_venue_keeps_its_hyphens(nlp):
    [record] = rule_meetings_of(nlp, "Prime Minister Tom Lund had dinner with Ada Berg at Mar-a-Lago on Friday night.")
    assert record.place == "Mar-a-Lago"


def test_a_venue_whose_name_starts_with_a_hyphenated_word_keeps_it(nlp):
    [record] = rule_meetings_of(nlp, "Prime Minister Tom Lund hosted President Ada Berg to lunch at the Shangri-La Hotel.")
    assert record.place == "Shangri-La Hotel"


def test_whom_a_banquet_honours_is_its_guest(nlp):
    records = rule_meetings_of(nlp, "Later on Thursday, Prime Minister Tom Lund will host a banquet in President Ada "
                                    "Berg's honour at Tolvik Castle.")
    assert any({p.name for p in r.participants} == {"Tom Lund", "Ada Berg"} and r.place == "Tolvik Castle"
               for r in records)


@pytest.mark.parametrize("second", [
    "The meeting took place at the Tolvik Palace, where the summit will open on Friday.",
    "The talks were held at the Harbour Convention Centre, an aide said.",
])
def test_where_the_next_sentence_says_the_contact_was_held(nlp, second):
    [record] = rule_meetings_of(nlp, "Ola Vik and Ada Berg held talks in Skarn on Thursday.", second)
    assert record.place.split(",")[0] in second


def test_a_name_the_recogniser_ran_into_the_venue_is_cut_at_the_venue(nlp):
    [record] = rule_meetings_of(nlp, "Skarn's President Sheikh Khalid bin Saud Al Marri was elected on Saturday.",
                                "Norland's President Ola Vik met Sheikh Khalid at Al Tolvik Palace on Sunday, the first "
                                "leader to travel to Skarn since the new president was elected.")
    assert set(record.names()) == {"Ola Vik", "Khalid bin Saud Al Marri"} and record.place == "Al Tolvik Palace"


def test_the_place_beside_an_occasion_and_the_place_its_own_clause_gives(nlp):
    [record] = rule_meetings_of(nlp, "Finance Minister Karl Lund, in Tolvik for talks with Prime Minister Ada Berg, "
                                     "said the tax was unfair.")
    assert record.place == "Tolvik"
    [record] = rule_meetings_of(nlp, "President Karl Lund will meet Ada Berg at the summit, which will take place in "
                                     "Tolvik on June 8.")
    assert record.place == "Tolvik"


def test_a_place_hung_on_the_last_of_the_members_named_is_the_meetings(nlp):
    [record] = rule_meetings_of(nlp, "Karl Lund held talks with board members, including chief economist Ada Berg and "
                                     "Tolvik Bank chief Tom Vik, at Lundair's Oslo headquarters on Sunday.")
    assert record.place == "Lundair's Oslo headquarters"
