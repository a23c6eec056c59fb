"""Where, when and why of a contact: behaviours on small invented sentences
(real spaCy model)."""

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


def test_reason_from_a_likely_focus(nlp):
    [record] = meetings_of(nlp, "Foreign Minister Ola Brenning arrived in Oslo for talks with Karl Dunmore "
                              "likely to focus on fishing quotas.")
    assert "fishing quotas" in record.reason


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


def test_what_was_told_at_the_dinner_is_its_topic(nlp):
    records = meetings_of(nlp, "The book claims Mr Dunmore hosted a dinner in May 2003 where Ola Brenning "
                             "told Mr Lund he would resign before the next election.")
    assert any(m.reason and m.reason.startswith("he would resign") for m in records)


def test_venue_written_before_the_trigger_noun(nlp):
    records = meetings_of(nlp, "Karl Dunmore met Ola Brenning on Monday.",
                        "The Camp Ridley talks covered a range of other topics.")
    [record] = records
    assert record.place == "Camp Ridley"


def test_present_tense_when_clause_takes_the_time_of_its_verb(nlp):
    [planned] = meetings_of(nlp, "Officials said Anna Berg would probably raise the subject of defence trade "
                               "when she meets Tomas Lund.")
    assert planned.status == "planned"
    [past] = meetings_of(nlp, "Anna Berg smiled when she met Tomas Lund.")
    assert past.status == "happened"


def test_what_is_on_the_agenda_of_the_talks_is_their_topic(nlp):
    records = meetings_of(nlp, "Prime Minister Anna Berg visits Freedonia next week, and debt is expected to figure "
                             "high on the agenda of her talks with Chancellor Tomas Lund.")
    assert any(m.reason == "debt" for m in records)


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


def test_place_with_its_region(nlp):
    [record] = meetings_of(nlp, "Anna Berg met Tomas Lund in Leeds, northern England, on Monday.")
    assert record.place == "Leeds, England"


def test_place_named_inside_a_common_noun(nlp):
    records = meetings_of(nlp, "Anna Berg described a meeting between Tomas Lund and Karl Dunmore in the "
                             "Texas countryside.")
    assert any(m.place == "Texas" for m in records)


@pytest.mark.parametrize("second", [
    "The talks focused on fishing quotas.",
    "The meeting was about fishing quotas.",
])
def test_topic_from_what_the_talks_are_said_to_cover(nlp, second):
    [record] = meetings_of(nlp, "Anna Berg met Tomas Lund in Oslo on Monday.", second)
    assert record.reason == "fishing quotas"


def test_discussed_a_topic_with_someone(nlp):
    [record] = meetings_of(nlp, "Anna Berg discussed fishing quotas with Tomas Lund in Oslo on Monday.")
    assert set(record.names()) == {"Anna Berg", "Tomas Lund"}
    assert record.reason == "fishing quotas"


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


def test_topic_of_the_talks_a_meeting_was_for(nlp):
    [record] = meetings_of(nlp, "Anna Berg met Tomas Lund in Oslo on Monday for talks on fishing quotas.")
    assert record.reason == "fishing quotas"


def test_topic_given_as_a_gerund(nlp):
    [record] = meetings_of(nlp, "Tomas Lund met Karl Dunmore for renewed talks on rescheduling the "
                              "island's debt.")
    assert "rescheduling the island's debt" in record.reason


def test_what_the_talks_were_aimed_at_in_the_next_sentence(nlp):
    [record] = meetings_of(nlp, "Ola Brenning held talks with Karl Dunmore in Tolvik on Sunday. The talks "
                              "were aimed at ending the fishing dispute.")
    assert record.reason == "ending the fishing dispute"


def test_what_the_summit_is_expected_to_focus_on(nlp):
    [record] = meetings_of(nlp, "Ola Brenning will meet Karl Dunmore in Tolvik next week. The summit is "
                              "expected to focus on fishing quotas.")
    assert "fishing quotas" in record.reason


def test_the_sidelines_of_a_summit_are_no_topic(nlp):
    [record] = meetings_of(nlp, "Ola Brenning met Karl Dunmore on the sidelines of the Nordic summit.")
    assert record.reason is None


def test_what_was_discussed_holds_no_place(nlp):
    """"discussed the war in Norland": Norland is the war's place, not the meeting's, and the
    discussion completes the dinner of the sentence before."""
    [record] = meetings_of(nlp, "Ola Brenning hosted Karl Dunmore for dinner at the Tolvik Palace on Sunday. "
                              "The two leaders discussed fish prices and the war in Norland.")
    assert record.kind == "dinner"
    assert "Tolvik Palace" in record.place and "Norland" not in record.place
    assert "fish prices" in record.reason


def test_talks_that_were_expected_to_cover_a_topic(nlp):
    [record] = meetings_of(nlp, "Tomas Lund and Ola Brenning met at the Tolvik Palace on Tuesday for talks that were "
                              "expected to cover fishing quotas and the harbour dispute.")
    assert record.reason.startswith("fishing quotas")


def test_topic_after_a_time_phrase(nlp):
    [record] = meetings_of(nlp, "Ola Brenning held talks with Karl Dunmore in the Blue Hall earlier in the day "
                              "on the fishing dispute and harbour fees.")
    assert record.reason.startswith("the fishing dispute")


def test_what_they_talked_about_in_the_next_sentence(nlp):
    [record] = meetings_of(nlp, "Bishop Ola Brenning met with Karl Dunmore at the cathedral on Monday. They "
                              "talked about the harbour strike, the diocese said.")
    assert record.reason == "the harbour strike"


def test_how_long_they_met_is_not_when(nlp):
    [record] = meetings_of(nlp, "Ola Brenning met Karl Dunmore for three hours in Tolvik on Monday.")
    assert record.time_text == "on Monday"


def test_welcomed_to_a_place(nlp):
    [record] = meetings_of(nlp, "Prime Minister Ola Brenning welcomed Karl Dunmore to Tolvik Castle on Wednesday.")
    assert record.kind == "visit" and "Tolvik Castle" in record.place


def test_time_hung_on_the_occasion(nlp):
    [record] = meetings_of(nlp, "Ola Brenning will host Karl Dunmore for a state visit in June.")
    assert record.time_text == "in June" and record.status == "planned"


def test_purpose_given_by_a_participle(nlp):
    [record] = meetings_of(nlp, "Ola Brenning met Karl Dunmore in Tolvik last week, seeking to end the "
                              "fishing dispute.")
    assert record.reason == "to end the fishing dispute"


def test_a_duration_is_not_when(nlp):
    [record] = meetings_of(nlp, "Ola Brenning held six-hour talks with Karl Dunmore in Tolvik.")
    assert record.time_text is None


def test_what_will_be_discussed_in_a_joined_clause(nlp):
    [record] = meetings_of(nlp, "Karl Dunmore will meet with Tolvik harbour officials today, and the subject of "
                              "fishing quotas will likely be discussed, an aide said.")
    assert "fishing quotas" in record.reason


def test_time_written_as_a_possessive(nlp):
    [record] = meetings_of(nlp, "Ola Brenning will host Tuesday's meeting with Karl Dunmore in Tolvik.")
    assert record.time_text == "Tuesday" and record.date == "2023-03-21"


def test_a_venue_named_before_a_common_noun(nlp):
    [record] = meetings_of(nlp, "Ola Brenning met Karl Dunmore at the Filoli estate on Wednesday.")
    assert record.place == "Filoli estate"


def test_what_they_agreed_as_they_met_is_no_reason(nlp):
    [record] = meetings_of(nlp, "Ola Brenning and Karl Dunmore agreed on Wednesday to reopen the harbour, as the "
                              "two leaders met for four hours in Tolvik.")
    assert record.reason is None


def test_place_of_a_when_clause_above_the_meeting(nlp):
    [record] = meetings_of(nlp, "President Tom Lund is likely to have a meeting with Piet Berg when he pays a "
                              "two-day visit to Oslo next week.")
    assert record.place == "Oslo"


def test_reason_in_pursuit_of(nlp):
    [record] = meetings_of(nlp, "Foreign Minister Ola Brenning was holding talks with Karl Dunmore today in "
                              "pursuit of a fishing agreement.")
    assert "fishing agreement" in record.reason


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


def test_time_of_the_verb_a_joined_meeting_hangs_from(nlp):
    [record] = meetings_of(nlp, "On Wednesday President Tom Lund is due to address parliament and meet opposition "
                              "leader Ada Berg.")
    assert record.time_text == "On Wednesday"


def test_reason_of_a_session_the_talks_are_held_in(nlp):
    [record] = meetings_of(nlp, "Ada Berg is due to hold talks with Vice Premier Tom Lund on Saturday, in a session "
                              "expected to focus on export controls.")
    assert "export controls" in record.reason


def test_reason_of_a_where_clause_of_a_dinner(nlp):
    [record] = meetings_of(nlp, "President Tom Lund hosted a dinner for Ada Berg in Oslo, where they discussed "
                              "fishing quotas.")
    assert "fishing quotas" in record.reason


def test_reason_of_sessions_which_are_expected_to_focus(nlp):
    [record] = meetings_of(nlp, "President Tom Lund will join other G20 leaders on Tuesday for the summit's formal "
                              "sessions, which are expected to focus on food security.")
    assert "food security" in record.reason


def test_time_of_the_clause_a_summit_is_attended_during(nlp):
    [record] = meetings_of(nlp, "President Tom Lund spoke to reporters on Saturday as he attended a summit in Oslo "
                                "with Prime Minister Ada Berg.")
    assert record.time_text == "on Saturday"


def test_a_date_the_sentence_opens_with_is_its_meetings_time(nlp):
    [record] = meetings_of(nlp, "On Wednesday Mr Dunmore is due to visit the harbour and shipyards in Oslo and "
                                "meet Labour leader Sir Tom Lund.")
    assert record.time_text == "On Wednesday"


@pytest.mark.parametrize("sentence, reason", [
    ("Foreign Minister Ali Kaya and his Norlandic counterpart Tom Lund will meet in Geneva next month "
     "as part of efforts to settle the fishing dispute, officials said.",
     "as part of efforts to settle the fishing dispute"),
    ("President Tom Lund welcomed Prime Minister Ada Berg to the palace on Monday for an official "
     "visit aimed at expanding trade in timber.", "aimed at expanding trade in timber"),
])
def test_a_purpose_as_part_of_efforts_or_of_the_occasion_met_for(nlp, sentence, reason):
    [meeting] = meetings_of(nlp, sentence)
    assert meeting.reason == reason


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


def test_their_first_meeting_in_a_year_is_the_same_talks_not_a_time(nlp):
    found = meetings_of(nlp, "Premier Ola Vik sat down with President Tom Lund on Sunday, their first meeting "
                             "in over two years, officials said.")
    assert [(m.time_text) for m in found] == ["on Sunday"]


def test_a_venue_keeps_no_preposition_the_recogniser_ran_on_with(nlp):
    [meeting] = meetings_of(nlp, "Minister Ann Morrow met Premier Li Wen at the Tolvik Concert Hall on Friday.")
    assert meeting.place == "Tolvik Concert Hall"


def test_a_participle_clause_says_what_the_talks_cover(nlp):
    [meeting] = meetings_of(nlp, "Ada Berg met Tom Lund on Monday, focusing on trade and fishing.")
    assert meeting.reason == "trade and fishing"


def test_a_venue_in_the_next_sentence_joins_the_town(nlp):
    [record] = meetings_of(nlp, "Norwegian Prime Minister Tomas Lund met Swedish Foreign Minister Anna Berg in Oslo.",
                           "The meeting at the Tolvik Palace on Monday lasted about 90 minutes and covered fishing quotas.")
    assert record.place == "Tolvik Palace, Oslo"
    assert record.time_text == "on Monday"
    assert record.reason == "fishing quotas"


def test_how_long_the_talks_lasted_is_not_when(nlp):
    [record] = meetings_of(nlp, "Norwegian Prime Minister Tomas Lund met Swedish Foreign Minister Anna Berg on Monday.",
                           "The talks lasted two hours and focused on fishing quotas.")
    assert record.time_text == "on Monday"
    assert record.reason == "fishing quotas"


def test_a_recalled_meeting_lends_no_place_to_the_next_one(nlp):
    records = meetings_of(nlp, "Foreign Minister Ola Brenning met Anna Berg in Oslo in July 2023.",
                          "Brenning separately held talks with Swedish Foreign Minister Karl Dunmore.")
    talks = next(r for r in records if "Karl Dunmore" in r.names())
    assert talks.place is None


def test_the_audience_lasted_about_an_hour_is_no_time(nlp):
    [record] = meetings_of(nlp, "Pope Tomas received Norwegian President Anna Berg in a private audience on Monday.",
                           "The audience in the Apostolic Palace lasted about an hour, the Vatican said.",
                           "The Vatican said the talks focused on Norland's economic crisis.")
    assert record.time_text == "on Monday" and record.place == "Apostolic Palace"
    assert record.reason == "Norland's economic crisis"


def test_the_call_of_the_next_sentence_says_what_the_call_was_about(nlp):
    [record] = meetings_of(nlp, "President Tomas Lund and Swedish leader Anna Berg held a phone call on Tuesday.",
                           "The call, which lasted about an hour, focused on fishing quotas, according to a readout.")
    assert record.kind == "call" and record.time_text == "on Tuesday" and record.reason == "fishing quotas"


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


def test_a_country_visited_is_the_place_though_its_officials_were_met(nlp):
    [record] = meetings_of(nlp, "Intelligence chief Tomas Lund visited Israel last week for talks with Israeli "
                                "officials on the release of the captives.")
    assert record.place == "Israel"


@pytest.mark.parametrize("second, reason", [
    ("The aim was to mend ties that frayed under the previous government.",
     "to mend ties that frayed under the previous government"),
    ("Officials said the trip was aimed at reviving trade.", "reviving trade"),
    ("The aim of the new law was to cut taxes.", None),
])
def test_the_purpose_in_a_sentence_of_its_own(nlp, second, reason):
    [record] = meetings_of(nlp, "Prime Minister Tomas Lund met President Anna Berg in Warsaw on Monday.", second)
    assert record.reason == reason


def test_what_someone_was_urged_to_do_as_they_spoke(nlp):
    [record] = meetings_of(nlp, "German Chancellor Tomas Lund met Russian President Anna Berg on Friday, asking her "
                                "to release the prisoners.")
    assert record.reason == "to release the prisoners"


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


def test_evidence_in_reading_order_when_a_later_sentence_gave_the_reason(nlp):
    [record] = meetings_of(nlp, "Prime Minister Tomas Lund met President Anna Berg in Warsaw on Monday.",
                           "The aim was to mend ties that frayed under the previous government.")
    starts = [e["start"] for e in record.evidence]
    assert len(starts) == 2 and starts == sorted(starts)


def test_what_they_discussed_as_a_how_clause(nlp):
    [record] = meetings_of(nlp, "Prime Minister Tomas Lund met President Anna Berg in Tokyo on Tuesday.",
                           "The two discussed how chipmakers could support the development of artificial "
                           "intelligence, the presidential office said.")
    assert record.reason.startswith("how chipmakers could support")


def test_the_two_governors_are_the_two_met(nlp):
    [record] = meetings_of(nlp, "Governor Tomas Lund met Governor Anna Berg in Tokyo on Tuesday.",
                           "The two governors discussed the recent sell-off in government debt, one of the people said.")
    assert record.reason == "the recent sell-off in government debt"


def test_the_purpose_of_the_trip_the_sentence_sums_the_meeting_up_with(nlp):
    [record] = meetings_of(nlp, "President Tomas Lund met Prime Minister Anna Berg in Oslo on Wednesday, a wartime "
                                "visit meant to show solidarity with Norland.")
    assert "show solidarity with Norland" in record.reason


def test_what_the_talks_focused_on_after_a_quote(nlp):
    [record] = meetings_of(nlp, "Prime Minister Tomas Lund met President Anna Berg in Warsaw on Monday.",
                           "\"We are partners,\" Lund told reporters.",
                           "The talks focused on energy security, officials said.")
    assert record.reason == "energy security"


def test_the_talks_five_sentences_on_are_not_known_to_be_these(nlp):
    [record] = meetings_of(nlp, "Prime Minister Tomas Lund met President Anna Berg in Warsaw on Monday.",
                           "\"We are partners,\" Lund told reporters.", "Markets rose on the news.",
                           "Bond yields fell.", "The currency gained.",
                           "The talks focused on energy security, officials said.")
    assert record.reason is None


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


def test_what_the_two_discussed_when_they_met(nlp):
    [record] = meetings_of(nlp, "Prime Minister Anna Berg met French President Jean Morel on Tuesday, when the two "
                                "discussed energy prices and migration.")
    assert record.reason == "energy prices and migration"


@pytest.mark.parametrize("second, reason", [
    ("They focused on post-war plans for the region, an official said.", "post-war plans for the region"),
    ("The two central bankers discussed the recent sell-off in government debt.", "the recent sell-off in government debt"),
])
def test_what_those_just_reported_discussed_next(nlp, second, reason):
    [record] = meetings_of(nlp, "Bank chief Anna Berg met Governor Olaf Lund on Thursday in Marrakech.", second)
    assert record.reason == reason


def test_what_others_discussed_next_is_not_the_reason(nlp):
    [record] = meetings_of(nlp, "Bank chief Anna Berg met Governor Olaf Lund on Thursday in Marrakech.",
                           "The ministers discussed the recent sell-off in government debt.")
    assert record.reason is None


@pytest.mark.parametrize("sentence, place", [
    ("Chancellor Karl Hahn held talks with Norland's President Ivo Brandt in the capital, Tolvik, on Monday.", "Tolvik"),
    ("Envoys Tom Vale and Ivan Petrov have been holding face-to-face talks in the South African capital since last week.",
     "South African capital"),
    ("President Anna Berg met President Tom Vale in the capital, Ivan Petrov said.", None),
])
def test_the_capital_as_written_or_named(nlp, sentence, place):
    [record] = meetings_of(nlp, sentence)
    assert record.place == place


def test_the_talks_focused_on_a_few_sentences_later(nlp):
    records = meetings_of(nlp, "President Anna Berg held talks with President Tom Vale in Tolvik on Monday.",
                          "Berg said the two countries were ready to stand together.",
                          "Vale said he was open to discussing the conflict.",
                          "The talks, which lasted four hours, focused on energy cooperation, a spokesman said.")
    assert [r.reason for r in records] == ["energy cooperation"]


def test_the_talks_focused_on_is_not_a_meeting_recalled_in_between(nlp):
    records = meetings_of(nlp, "President Anna Berg held talks with President Tom Vale in Tolvik on Monday.",
                          "Berg said the two countries were ready to stand together.",
                          "The two leaders last met in Oslo in 2019.",
                          "The talks focused on energy cooperation, a spokesman said.")
    recalled = next(r for r in records if r.time_text and "2019" in r.time_text)
    assert recalled.reason is None


@pytest.mark.parametrize("sentence, reason", [
    ("President Anna Berg held talks with President Tom Vale in Tolvik on Monday, pressing for a de-escalation of "
     "the standoff over the border.", "a de-escalation of the standoff"),
    ("Spy chief Anna Berg is due to hold talks in Rome on Sunday with envoy Tom Vale, in a new push to close the gaps "
     "in the hostage deal.", "in a new push to close the gaps in the hostage deal"),
    ("President Anna Berg met President Tom Vale at the White House on Wednesday, as she sought to shore up support "
     "from her most important ally.", "to shore up support from her most important ally"),
    ("Chancellor Anna Berg is due to hold her first meeting with President Tom Vale later on Monday, with the military "
     "build-up expected to dominate their talks.", "the military build-up"),
    ("Prime Minister Anna Berg has welcomed President Tom Vale to Auckland for the annual leaders' meeting, with "
     "defence and the cost of living high on the agenda.", "defence and the cost of living"),
])
def test_purposes_and_topics_as_news_writes_them(nlp, sentence, reason):
    [record] = meetings_of(nlp, sentence)
    assert record.reason == reason


def test_met_someone_and_reviewed_something(nlp):
    records = meetings_of(nlp, "Foreign Minister Anna Berg arrived on Monday.",
                          "She also met the Chairman of the Cabinet, Tom Vale, and reviewed bilateral cooperation in "
                          "education and health, the ministry said.")
    assert [r.reason for r in records] == ["bilateral cooperation in education and health"]


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


def test_the_day_of_the_journey_to_where_they_meet(nlp):
    [record] = meetings_of(nlp, "Secretary Tom Vale is set to travel on Sunday to Moldova, where he will meet "
                                "President Anna Berg in Chisinau to discuss refugees.")
    assert record.time_text == "on Sunday" and record.status == "planned"


@pytest.mark.parametrize("sentences, reason", [
    (["President Anna Berg met former Secretary Tom Vale in Tolvik on Thursday.",
      "The two discussed trade and energy."], "trade and energy"),
    (["President Anna Berg met the governors of all 26 states on Friday.",
      "The meeting was called to discuss a list of priority public works."], "to discuss a list of priority public works"),
    (["Chancellor Anna Berg sat down with Tom Vale and Ivo Brandt on Sunday.",
      "Also at the table were the heads of the three parliamentary groups.",
      "The talks were meant to end months of squabbling over climate policy."],
     "to end months of squabbling over climate policy"),
    (["Prime Minister Anna Berg held talks with Crown Prince Khalid bin Fahd in Riyadh, hours after meeting "
      "President Tom Vale in Oslo.", "Berg told Vale he had the right to defend his country.",
      "He urged him to allow aid in.",
      "Officials said the talks with Khalid bin Fahd focused on preventing the conflict from spreading."],
     "preventing the conflict from spreading"),
])
def test_a_purpose_stated_a_sentence_or_more_later(nlp, sentences, reason):
    records = meetings_of(nlp, *sentences)
    assert records[0].reason == reason


def test_the_talks_of_separate_meetings_cover_each(nlp):
    records = meetings_of(nlp, "Prime Minister Anna Berg held separate meetings at her office on Sunday with Prime "
                               "Minister Tom Vale and Prime Minister Ivo Brandt.",
                          "The talks were expected to cover trade and the war, officials said.")
    assert [r.reason for r in records] == ["trade and the war", "trade and the war"]


@pytest.mark.parametrize("sentence, time", [
    ("President Anna Berg met President Tom Vale before the summit opened.", "before the summit opened"),
    ("President Anna Berg met President Tom Vale ahead of the summit.", "ahead of the summit"),
    ("President Anna Berg met President Tom Vale after the vote on Monday.", "on Monday"),
    ("President Anna Berg met President Tom Vale before leaving for Oslo.", None),
])
def test_a_time_told_by_another_event(nlp, sentence, time):
    [record] = meetings_of(nlp, sentence)
    assert record.time_text == time
