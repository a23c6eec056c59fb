"""Who "the two leaders", "his counterpart", "the president", "he" and "their" are, within an
article: behaviours on small invented articles (real spaCy model)."""

from __future__ import annotations

import pytest

from .meeting_helpers import meetings_of, pairs_of, rule_meetings_of


def test_their_is_never_the_one_who_reports_it(nlp):
    records = meetings_of(nlp, "Chief of Staff Ola Brenning noted President Tom Lund's invitation to Norland "
                             "leader Piet Berg to visit Washington, made at their first summit in Oslo in 1985, "
                             "was still open.")
    assert frozenset({"Tom Lund", "Piet Berg"}) in pairs_of(records)
    assert not any("Ola Brenning" in pair for pair in pairs_of(records))


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


def test_he_who_says_he_will_call_is_the_one_reporting(nlp):
    records = meetings_of(nlp, "President Tom Lund, who held talks with Prime Minister Ada Berg in Oslo on Thursday, "
                             "said he planned to speak to Piet Dunmore by phone in the coming days.")
    assert frozenset({"Tom Lund", "Piet Dunmore"}) in pairs_of(records)
    assert frozenset({"Ada Berg", "Piet Dunmore"}) not in pairs_of(records)


def test_joining_leaders_for_a_summit_is_meeting_them(nlp):
    [record] = meetings_of(nlp, "President Tom Lund will join other G20 leaders on Tuesday for the summit's formal sessions.")
    assert {p.name for p in record.participants} == {"Tom Lund", "other G20 leaders"}


def test_who_hosts_the_leaders_meeting_takes_part(nlp):
    [record] = meetings_of(nlp, "Prime Minister Ada Berg will host the next Quad leaders' meeting in 2023.")
    assert "Ada Berg" in {p.name for p in record.participants}


def test_pronoun_is_not_a_person_named_after_it(nlp):
    records = meetings_of(nlp, "Anna Berg, who flew to Jakarta yesterday from Tokyo, will meet with President "
                             "Tomas Lund and senior economic ministers.",
                        "She will see Lund on Tuesday after a day of detailed discussions with ministers "
                        "tomorrow.")
    assert frozenset({"Tomas Lund", "ministers"}) not in pairs_of(records)


def test_the_two_alone_refers_to_the_people_just_met(nlp):
    [record] = meetings_of(nlp, "Anna Berg met Tomas Lund in Oslo on Monday.",
                         "The two discussed fishing quotas and security.")
    assert record.reason == "fishing quotas and security"


def test_their_meeting_is_of_the_two_named_in_the_sentence(nlp):
    [record] = meetings_of(nlp, "Karl Dunmore thanked Ola Brenning during their meeting in Tolvik on Wednesday.")
    assert {p.name for p in record.participants} == {"Karl Dunmore", "Ola Brenning"}
    assert record.place == "Tolvik"


def test_their_meeting_is_the_latest_of_the_person_the_sentence_names(nlp):
    records = meetings_of(nlp, "Karl Dunmore held talks with Prime Minister Ida Berg in Tolvik, and met President "
                             "Tomas Lund at the palace.",
                        "Berg told reporters after their meeting that Norland would help.")
    berg = next(m for m in records if any(p.name == "Ida Berg" for p in m.participants))
    assert len(berg.evidence) == 2


def test_she_who_says_she_met_is_the_one_reporting_named_by_surname(nlp):
    records = meetings_of(nlp, "Prime Minister Ada Berg met President Tom Lund on Monday.",
                          "Berg said she had used a separate meeting with Piet Dunmore to talk about fishing.")
    assert frozenset({"Ada Berg", "Piet Dunmore"}) in pairs_of(records)
    assert frozenset({"Tom Lund", "Piet Dunmore"}) not in pairs_of(records)


def test_hosting_a_gathering_of_leaders_is_meeting_them(nlp):
    [record] = meetings_of(nlp, "Prime Minister Ada Berg is hosting the two-day gathering of leaders of the "
                                "world's biggest economies in Oslo.")
    assert "Ada Berg" in {p.name for p in record.participants} and len(record.participants) == 2


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


def test_he_after_a_subject_written_by_office_is_that_person_not_one_named_before(nlp):
    found = meetings_of(nlp, "Prime Minister Tom Lund had lunch with the emir on Monday.",
                        "The visiting emir, who had flown in for the forum, was greeted at the airport, where "
                        "he was met by President Ada Berg.")
    assert frozenset({"Tom Lund", "Ada Berg"}) not in pairs_of(found)


def test_a_country_is_where_someone_went_not_who_they_met(nlp):
    found = meetings_of(nlp, "Norland's President Tom Lund arrived in Skarn on Monday.",
                        "Fisheries Minister Ada Berg said talks with Norway over cod quotas would resume on Friday.")
    assert not any("Norway" in p for p in pairs_of(found))


def test_she_who_was_the_subject_before_stays_the_subject(nlp):
    found = meetings_of(nlp, "Secretary Ann Morrow met Crown Prince Omar on Monday in Tolvik.",
                        "Earlier on Sunday she was in Oslo, where she met the king, Harald Lund, and the prime "
                        "minister, Kari Dunmore.",
                        "She is set to travel to Skarn on Tuesday to meet Prime Minister Ola Vik.")
    assert frozenset({"Ann Morrow", "Ola Vik"}) in pairs_of(found)


def test_spoke_by_phone_with_someone_the_parser_hangs_on_the_phone(nlp):
    [record] = meetings_of(nlp, "Norwegian Prime Minister Tomas Lund said he had also spoken by phone with "
                                "Swedish Prime Minister Anna Berg on Monday.")
    assert set(record.names()) == {"Tomas Lund", "Anna Berg"} and record.kind == "call"


def test_he_of_a_where_clause_on_the_place_is_no_one_else(nlp):
    records = meetings_of(nlp, "Rebel leader Tomas Lund toured the region this week.",
                          "On Friday, he held talks with Swedish Prime Minister Anna Berg in Oslo, where he "
                          "laid out his plan for a ceasefire.")
    assert pairs_of(records) == {frozenset({"Tomas Lund", "Anna Berg"})}


def test_the_king_is_the_king_named_before_though_the_recogniser_missed_him(nlp):
    records = meetings_of(nlp, "King Tomas and Queen Anna have arrived in Norland for a four-day state visit.",
                          "Mr Berg, who met the King at the Tolvik Palace during the celebrations in May, has "
                          "described Skarn as a key partner.")
    assert frozenset({"Berg", "Tomas"}) in pairs_of(records)


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


@pytest.mark.parametrize("first, second, pair", [
    ("Finance Minister Karl Dunmore has written to Ola Brenning.",
     "The spokesman said the Minister had talks this morning with Brenning.", {"Karl Dunmore", "Ola Brenning"}),
    ("Norland Foreign Minister Karl Dunmore arrived in Tolvik on Monday.",
     "Ola Brenning held talks with the Norland Foreign Minister on Tuesday, officials said.",
     {"Ola Brenning", "Karl Dunmore"}),
    ("House Speaker Mike Jensen said aid would come.",
     "The Speaker spoke with Ukrainian President Ivan Petrov by phone late last month.", {"Mike Jensen", "Ivan Petrov"}),
])
def test_an_office_written_in_capitals_resolves_to_its_holder(nlp, first, second, pair):
    assert frozenset(pair) in pairs_of(meetings_of(nlp, first, second))


def test_a_meeting_to_come_with_one_person_named_is_with_whom_the_story_was_about(nlp):
    [record] = meetings_of(nlp, "Foreign Minister Anna Berg arrived in Amman on Tuesday, officials said.",
                           "A meeting with President Tomas Lund in Ramallah is planned for Wednesday.")
    assert set(record.names()) == {"Anna Berg", "Tomas Lund"} and record.status == "planned"


def test_a_past_meeting_with_one_person_named_is_left_alone(nlp):
    records = meetings_of(nlp, "Foreign Minister Anna Berg arrived in Amman on Tuesday, officials said.",
                          "A meeting with President Tomas Lund in Ramallah lasted an hour.")
    assert records == []


@pytest.mark.parametrize("recall", ["The two leaders last met in Oslo in May.",
                                    "The two last met in person in Oslo in May."])
def test_a_recalled_meeting_of_the_two_is_the_story_s_pair_not_the_latest_contact(nlp, recall):
    records = meetings_of(nlp, "Mayor Karl Dunmore met harbour chief Ola Brenning in Bergen on Monday, and the two "
                               "leaders held talks again on Tuesday.",
                          "Brenning later spoke by phone with Governor Anna Berg.", recall)
    [recalled] = [r for r in records if r.place == "Oslo"]
    assert set(recalled.names()) == {"Karl Dunmore", "Ola Brenning"}


def test_he_after_a_passive_sentence_is_its_subject_not_the_agent(nlp):
    records = meetings_of(nlp, "The Norlandic president, Karl Dunmore, arrived in Bergen on Friday.",
                          "Dunmore was first received by the harbour chief, Ola Brenning, at the town hall.",
                          "He then held talks with Mayor Anna Berg on Saturday.")
    [talks] = [r for r in records if r.kind == "talks"]
    assert set(talks.names()) == {"Karl Dunmore", "Anna Berg"}


def test_the_two_leaders_of_a_recalled_meeting_are_the_pair_the_story_leads_with(nlp):
    records = meetings_of(nlp, "Mayor Karl Dunmore held talks with Governor Ola Brenning in Bergen on Monday.",
                          "Dunmore will meet the harbour chief, Anna Berg, on Tuesday, and the two will then have lunch.",
                          "The two leaders first met in Oslo last November.")
    [recalled] = [r for r in records if r.place == "Oslo"]
    assert set(recalled.names()) == {"Karl Dunmore", "Ola Brenning"}


def test_a_family_name_in_the_plural_is_the_couple_it_names(nlp):
    records = meetings_of(nlp, "President Tom Lund and his wife, Olga Lund, welcomed Prime Minister Ada Berg "
                             "and her husband, Piet Berg, on Monday.",
                        "The Lunds hosted the Bergs at a state dinner in the Blue Hall on Monday evening.")
    dinner = next(r for r in records if r.kind == "dinner")
    assert {p.name for p in dinner.participants} == {"Tom Lund", "Olga Lund", "Ada Berg", "Piet Berg"}


def test_a_bare_family_name_shared_by_a_couple_is_the_one_named_first(nlp):
    records = meetings_of(nlp, "President Tom Lund and first lady Olga Lund flew to Oslo on Monday.",
                        "Lund met Prime Minister Ada Berg at the palace on Tuesday.")
    assert frozenset({"Tom Lund", "Ada Berg"}) in pairs_of(records)


def test_the_two_who_last_met_are_the_pair_just_told_of(nlp):
    records = meetings_of(nlp, "President Tom Lund held separate meetings with President Ada Berg and Prime Minister "
                             "Piet Dunmore on Thursday.",
                        "Lund's meeting with Dunmore centred on a gas hub, officials said. Lund floated the idea "
                        "on Wednesday.",
                        "The two leaders last met in Tolvik in September.")
    recalled = next(r for r in records if r.place == "Tolvik")
    assert {p.name for p in recalled.participants} == {"Tom Lund", "Piet Dunmore"}


def test_a_name_after_an_office_and_a_comma_is_who_holds_it(nlp):
    records = rule_meetings_of(nlp, "Foreign Minister Ada Berg held talks with her opposite number, Tom Lund, in Oslo in "
                                    "April, when she warned against any attempt to change the border.")
    assert frozenset({"Ada Berg", "Tom Lund"}) in pairs_of(records)


def test_what_was_signed_where_they_met_is_no_one_met(nlp):
    records = rule_meetings_of(nlp, "President Ada Berg met Prime Minister Tom Lund at the ministry, where they also "
                                    "signed a memorandum on fishing.")
    assert all(p.name != "memorandum" for r in records for p in r.participants)
    assert frozenset({"Ada Berg", "Tom Lund"}) in pairs_of(records)


def test_the_two_of_a_clause_after_a_sentence_naming_two_are_those_two(nlp):
    records = meetings_of(nlp, "President Tom Lund met Prime Minister Ada Berg in Oslo on Monday.",
                        "Vice President Ola Vik pressed Chancellor Piet Dunmore to back the deal when the two met "
                        "in Bergen in February.")
    assert frozenset({"Ola Vik", "Piet Dunmore"}) in pairs_of(records)


@pytest.mark.parametrize("sentence, pair", [
    ("US special envoy for the Horn of Africa Tom Hammer, who is attending the talks, held a phone call with "
     "Prime Minister Ada Berg on Sunday.", {"Tom Hammer", "Ada Berg"}),
    ("Tom Lund is also due to meet the chair of the fan-led review of football governance, Ada Berg, next week "
     "to discuss the bill, the department said.", {"Tom Lund", "Ada Berg"}),
])
def test_an_office_s_holder_written_after_its_remit(nlp, sentence, pair):
    assert frozenset(pair) in pairs_of(rule_meetings_of(nlp, sentence))


def test_a_name_after_the_comma_that_tells_the_news_is_not_the_office_holder(nlp):
    records = rule_meetings_of(nlp, "President Ola Vik met his counterpart, Piet Dunmore said.")
    assert frozenset({"Ola Vik", "Piet Dunmore"}) not in pairs_of(records)


def test_the_two_leaders_are_the_pair_the_main_verb_joins_in_that_sentence(nlp):
    records = rule_meetings_of(nlp, "President Ola Vik met Tomas Ekholm in Tolvik on Wednesday.",
                               "Skarn's President Ada Berg told President Ola Vik on Saturday that Skarn would work "
                               "with the new government of Tomas Ekholm, in what was the last meeting between the "
                               "two leaders.")
    assert frozenset({"Ada Berg", "Ola Vik"}) in pairs_of(records)
    assert sum(1 for r in records if set(r.names()) == {"Ola Vik", "Tomas Ekholm"}) <= 1


def test_the_leader_of_a_country_is_the_titled_person_written_of_that_country(nlp):
    records = rule_meetings_of(nlp, "King Harald of Kenya begins a four-day state visit to Norway on Tuesday.",
                               "The Kenyan leader will hold talks with Prime Minister Piet Dunmore during the visit.")
    assert frozenset({"Harald", "Piet Dunmore"}) in pairs_of(records)


def test_a_department_written_before_an_office_and_a_name_is_that_persons_title(nlp):
    records = rule_meetings_of(nlp, "In Oslo, Lund will hold meetings on April 27 with Governor Ola Berg and Trade and "
                                    "Industry Secretary Piet Vik.")
    assert frozenset({"Lund", "Piet Vik"}) in pairs_of(records)
    assert not any("Trade" in name for pair in pairs_of(records) for name in pair)


def test_a_crowd_counted_in_hundreds_is_a_group_met_not_a_reference_back(nlp):
    [record] = rule_meetings_of(nlp, "Mayor Tomas Lund hosted more than 100 faith leaders for breakfast at Ekholm "
                                     "House on Tuesday.")
    assert {p.name for p in record.participants} == {"Tomas Lund", "more than 100 faith leaders"}
    assert record.kind == "dinner"


def test_she_is_never_a_man_a_courtesy_title_names(nlp):
    records = meetings_of(nlp, "Prime Minister Ada Berg has held talks with President Karl Lund in Tolvik.",
                          "Mr Lund accepted Ms Berg's invitation to visit Oslo later this year, she said. She is due "
                          "to travel to Skarn on Saturday for talks with the prime minister of Skarn, Tom Vik.")
    assert {"Ada Berg", "Tom Vik"} in [set(r.names()) for r in records]
    assert not any({"Karl Lund", "Tom Vik"} <= set(r.names()) for r in records)


def test_the_two_of_a_clause_are_the_two_the_clause_above_joins(nlp):
    [record] = meetings_of(nlp, "Prime Minister Karl Lund told parliament on Monday that he had raised the matter "
                                "with President Ada Berg when the two met on the sidelines of the summit in Tolvik.")
    assert record.names() == ["Karl Lund", "Ada Berg"]


def test_a_courtesy_title_tells_the_sex_of_the_name_after_it(nlp):
    from qa.meetings.mentions import gather_people

    people = gather_people([nlp("President Karl Lund met Prime Minister Ada Berg."),
                            nlp("Mr Lund thanked Ms Berg for the dinner.")])
    assert (people.find("Lund").sex, people.find("Berg").sex) == ("m", "f")


@pytest.mark.parametrize("sentence", [
    "Prime Minister Karl Lund and President Ada Berg announced the deal when they met in Tolvik last May.",
    "The plan was first announced by Prime Minister Karl Lund and President Ada Berg when they met in Tolvik last May.",
])
def test_they_of_a_clause_of_time_are_the_two_the_sentence_names(nlp, sentence):
    [record] = meetings_of(nlp, sentence)
    assert record.names() == ["Karl Lund", "Ada Berg"] and record.place == "Tolvik"


def test_the_two_leaders_are_the_pair_named_a_sentence_or_two_before(nlp):
    records = rule_meetings_of(nlp, "Prime Minister Tomas Lund and President Ada Berg arrived in Oslo on Monday.",
                               "Foreign Minister Karl Vik accused the two leaders of meddling.",
                               "The two leaders then held talks with Prime Minister Ola Dahl.")
    assert frozenset({"Tomas Lund", "Ola Dahl"}) in pairs_of(records)
    assert frozenset({"Ada Berg", "Ola Dahl"}) in pairs_of(records)
    assert not any("Karl Vik" in r.names() for r in records)


def test_the_pair_on_a_joint_tour_is_the_two_in_every_contact_so_far(nlp):
    records = rule_meetings_of(nlp, "Prime Minister Tomas Lund and President Ada Berg arrived in Oslo on Monday.",
                               "The two leaders held talks with King Ola Dahl on Monday evening.",
                               "On Tuesday, both leaders met Speaker Ida Brenner at the parliament.",
                               "On Wednesday, they met Governor Karl Ekholm in Bergen.")
    people = [frozenset(r.names()) for r in records]
    assert frozenset({"Tomas Lund", "Ada Berg", "Karl Ekholm"}) in people  # not the speaker met the day before


def test_a_name_describing_something_else_is_not_a_person_named(nlp):
    from spacy.tokens import Span

    from qa.meetings.mentions import gather_people, people_named

    doc = nlp("Tomas Lund and Ada Berg toured the Dahlin crossing.")
    crossing = next(t for t in doc if t.text == "Dahlin")
    doc.ents = [Span(doc, 0, 2, "PERSON"), Span(doc, 3, 5, "PERSON"), Span(doc, crossing.i, crossing.i + 1, "PERSON")]
    assert people_named(doc, gather_people([doc])) == ["Tomas Lund", "Ada Berg"]


def test_the_four_alone_are_the_four_people_just_met(nlp):
    records = rule_meetings_of(nlp, "Governor Ada Berg flew to Oslo on Friday to meet Tomas Lund, Karl Vik and Ola Dahl.",
                               "The four met privately at the Tolvik Palace before Berg spoke to reporters.")
    assert [r.place for r in records if len(r.participants) == 4] == ["Tolvik Palace, Oslo"]


def test_him_hosted_by_someone_the_recogniser_missed_is_not_the_host(nlp):
    records = rule_meetings_of(nlp, "Envoy Karl Ekholm flew out on Monday.",
                               "It was the envoy's first trip abroad since the vote.",
                               "He arrived from Oslo, where he held talks with Prime Minister Tomas Lund on Tuesday.",
                               "Lund hosted him for dinner that evening at the Skarn Palace, officials said.")
    assert [sorted(r.names()) for r in records if r.kind == "dinner"] == [["Karl Ekholm", "Tomas Lund"]]


def test_him_hosted_by_the_person_just_met_is_who_met_that_person(nlp):
    from qa.meetings.mentions import gather_people
    from qa.meetings.records import Participant
    from qa.meetings.references import Scope, resolve

    doc = nlp("Lund hosted him for dinner that evening at the Skarn Palace.")
    people = gather_people([nlp("Prime Minister Tomas Lund met Prince Karl Ekholm in Oslo."), doc])
    scope = Scope(people, previous_people=["Tomas Lund"], previous_subject=None, sentence_people=[],
                  sentence_subject=[], previous_contact=None,
                  contacts=[[Participant("Karl Ekholm", None), Participant("Tomas Lund", None)]])
    him = next(t for t in doc if t.text == "him")
    assert resolve(him, scope, []).name == "Karl Ekholm"
