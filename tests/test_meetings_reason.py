"""Why a contact took place, its purpose or topic, kept apart from what it achieved:
behaviours on small invented sentences (real spaCy model)."""

from __future__ import annotations

import pytest

from .meeting_helpers import meetings_of, rule_meetings_of


def test_reason_from_a_likely_focus(nlp):
    [record] = meetings_of(nlp, "Foreign Minister Ola Brenning arrived in Oslo for talks with Karl Dunmore "
                              "likely to focus on fishing quotas.")
    assert "fishing quotas" in record.reason


def test_what_was_told_at_the_dinner_is_its_topic(nlp):
    records = meetings_of(nlp, "The book claims Mr Dunmore hosted a dinner in May 2003 where Ola Brenning "
                             "told Mr Lund he would resign before the next election.")
    assert any(m.reason and m.reason.startswith("he would resign") for m in records)


def test_what_is_on_the_agenda_of_the_talks_is_their_topic(nlp):
    records = meetings_of(nlp, "Prime Minister Anna Berg visits Freedonia next week, and debt is expected to figure "
                             "high on the agenda of her talks with Chancellor Tomas Lund.")
    assert any(m.reason == "debt" for m in records)


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


def test_purpose_given_by_a_participle(nlp):
    [record] = meetings_of(nlp, "Ola Brenning met Karl Dunmore in Tolvik last week, seeking to end the "
                              "fishing dispute.")
    assert record.reason == "to end the fishing dispute"


def test_what_will_be_discussed_in_a_joined_clause(nlp):
    [record] = meetings_of(nlp, "Karl Dunmore will meet with Tolvik harbour officials today, and the subject of "
                              "fishing quotas will likely be discussed, an aide said.")
    assert "fishing quotas" in record.reason


def test_what_they_agreed_as_they_met_is_no_reason(nlp):
    [record] = meetings_of(nlp, "Ola Brenning and Karl Dunmore agreed on Wednesday to reopen the harbour, as the "
                              "two leaders met for four hours in Tolvik.")
    assert record.reason is None


def test_reason_in_pursuit_of(nlp):
    [record] = meetings_of(nlp, "Foreign Minister Ola Brenning was holding talks with Karl Dunmore today in "
                              "pursuit of a fishing agreement.")
    assert "fishing agreement" in record.reason


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


def test_a_participle_clause_says_what_the_talks_cover(nlp):
    [meeting] = meetings_of(nlp, "Ada Berg met Tom Lund on Monday, focusing on trade and fishing.")
    assert meeting.reason == "trade and fishing"


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


@pytest.mark.parametrize("sentence, topic", [
    ("Anna Berg spoke by phone on Thursday with Norland's foreign minister Tomas Lund about "
     "Skarn's request to join the trade bloc.", "Skarn's request to join the trade bloc"),
    ("Foreign Minister Anna Berg held talks on Monday with Norland's Tomas Lund over the fishing treaty.",
     "the fishing treaty"),
])
def test_a_topic_the_parser_hangs_on_the_person_met(nlp, sentence, topic):
    assert topic in {m.reason for m in meetings_of(nlp, sentence)}


@pytest.mark.parametrize("sentence", [
    "Anna Berg met party leaders on Capitol Hill on Wednesday.",
    "Anna Berg welcomed Tomas Lund to the palace on Saturday with a pat on the arm on the steps.",
])
def test_on_something_hung_on_the_person_met_is_no_topic(nlp, sentence):
    [record] = meetings_of(nlp, sentence)
    assert record.reason is None


@pytest.mark.parametrize("sentence", [
    "Anna Berg met Tomas Lund on Tuesday, when the two discussed energy prices and fishing quotas.",
    "Anna Berg met Tomas Lund at a factory in Tolvik on Monday, where the two discussed energy prices and fishing quotas.",
])
def test_what_the_two_discussed_at_the_contact(nlp, sentence):
    assert "energy prices and fishing quotas" in {m.reason for m in meetings_of(nlp, sentence)}


@pytest.mark.parametrize("second, reason", [
    ("Lund had travelled to Oslo in a bid to revive the fishing treaty.", "in a bid to revive the fishing treaty"),
    ("Berg pressed Lund to lift a ban on Norlandic salmon.", "to lift a ban on Norlandic salmon"),
    ("Ida Varga pressed Lund to lift a ban on Norlandic salmon.", None),  # someone else pressed him
    ("Berg said afterwards that she had raised the fate of the prisoners.", "the fate of the prisoners"),
    ("Lund raised taxes last year.", None),  # not said of the contact
])
def test_why_one_of_them_came_or_what_they_pressed_the_other_to_do(nlp, second, reason):
    [record] = meetings_of(nlp, "Anna Berg hosted Tomas Lund at her residence on Monday.", second)
    assert record.reason == reason


def test_how_long_a_contact_lasted_is_not_when_it_was(nlp):
    [record] = meetings_of(nlp, "Anna Berg and Tomas Lund held a phone call on Tuesday.",
                           "The call, which lasted about an hour and 45 minutes, focused on fishing quotas.")
    assert record.time_text == "on Tuesday" and record.reason == "fishing quotas"


@pytest.mark.parametrize("second, reason", [
    ("On the agenda was the fishing treaty.", "the fishing treaty"),
    ("Discussions centred on fishing quotas and tariffs.", "fishing quotas and tariffs"),
])
def test_what_a_sentence_after_the_contact_says_it_covered(nlp, second, reason):
    [record] = meetings_of(nlp, "Anna Berg held talks with Tomas Lund at the castle on Monday.", second)
    assert record.reason == reason


def test_what_was_sought_at_the_contact(nlp):
    records = meetings_of(nlp, "Anna Berg held separate meetings on Saturday with Tomas Lund and Ida Varga, "
                               "seeking their backing for a unity government.")
    assert {r.reason for r in records} == {"their backing for a unity government"}


def test_what_the_two_discussed_on_the_call_is_its_topic_not_another_contact(nlp):
    [record] = meetings_of(nlp, "Anna Berg spoke by phone on Sunday with Tomas Lund, officials said, "
                                "and the two discussed efforts to free the hostages.")
    assert record.kind == "call" and record.reason == "efforts to free the hostages"


@pytest.mark.parametrize("sentence, reason", [
    ("Anna Berg spoke by phone with Tomas Lund on Saturday and briefed him on the fishing plans.", "the fishing plans"),
    ("Anna Berg met Tomas Lund in Oslo on Sunday, as her firm seeks approval to open a plant in Norland.",
     "to open a plant in Norland"),
])
def test_what_one_side_briefed_or_sought_approval_for(nlp, sentence, reason):
    assert {m.reason for m in meetings_of(nlp, sentence)} == {reason}


def test_what_they_met_over_at_the_table_is_no_topic(nlp):
    [record] = meetings_of(nlp, "Anna Berg met Tomas Lund for two hours over tea at the palace on Monday.")
    assert record.reason is None



def test_what_the_leaders_discussed_in_the_next_sentence_is_the_reason(nlp):
    [record] = rule_meetings_of(nlp, "Norland's President Ola Vik and Skarn's President Ada Berg held talks in "
                                     "Tolvik on Thursday.",
                                "The leaders discussed fishing quotas and the ferry link, an aide told reporters.")
    assert record.reason == "fishing quotas and the ferry link"


def test_where_someone_posted_after_the_meeting_is_not_what_it_was_about(nlp):
    records = rule_meetings_of(nlp, "Ola Vik met Ada Berg in Tolvik on Saturday.",
                               "Berg wrote on Telegram after the meeting that she was grateful.")
    assert all(r.reason != "Telegram" for r in records)


def test_what_the_person_met_says_they_discussed_is_the_reason(nlp):
    [record] = rule_meetings_of(nlp, "Ola Vik also held talks with Prime Minister Ada Berg, who said on Telegram "
                                     "that they had discussed restoring the harbour.")
    assert record.reason == "restoring the harbour"


def test_the_two_discussed_in_the_next_sentence_gives_the_reason(nlp):
    from .meeting_helpers import rule_meetings_of

    [record] = rule_meetings_of(nlp, "Norland's envoy Ola Vik met Foreign Minister Piet Berg in Lund on Tuesday, the "
                                     "ministry said.",
                                "The two discussed ways to end the fishing dispute, and Vik told Berg there was no "
                                "quick fix, the ministry said in a statement.")
    assert record.reason == "ways to end the fishing dispute"


def test_a_purpose_clause_hung_on_who_the_meeting_is_of_is_the_meetings(nlp):
    [record] = rule_meetings_of(nlp, "Finance Minister Karl Lund was speaking after chairing a joint meeting of "
                                     "Nordic farm ministers which was designed to help break a deadlock over fish quotas.")
    assert record.reason == "designed to help break a deadlock over fish quotas"


def test_a_reason_that_only_points_back_is_no_reason(nlp):
    [record] = rule_meetings_of(nlp, "Deputy Finance Minister Karl Lund was holding talks on this with Ada Berg.")
    assert record.reason is None


def test_what_a_meeting_is_held_to_conclude_is_its_purpose(nlp):
    [record] = meetings_of(nlp, "Tomas Lund met President Ada Berg in Oslo on Thursday morning to conclude the ferry talks.")
    assert record.reason == "to conclude the ferry talks"
