"""What kind of answer a question allows, and routes that read the question's own wording:
invented passages, a fake reader (no model)."""

from __future__ import annotations

from qa.answer.pipeline import AnswerPipeline
from qa.answer.question import purpose_as_why
from qa.meetings import Meeting, Participant
from qa.models import Article
from qa.store import IndexData

from tests.test_answer import MARGIN_ONLY, FakeReader, passages_of

TALKS = Article(
    id="talks", title="Harbour talks", date="2024-03-05",
    paragraphs=("During the talks between Karl Dunmore, head of Norland's harbour board, and Skarnish "
                "port chief Ida Brenner, the two sides agreed on fees.",
                "The two chiefs have spoken for years but the frequency of recent meetings reflected a "
                "Norlandic policy shift on fees as Lund prepares for a long dispute.",
                "Dunmore has been to Port Elm several times and held meetings with his counterpart.",
                "The ferry firm pulled a limited number of boats out of the strait in May.",
                "Norland and Skarn stepped up contacts to settle the ferry row, officials said."),
)


def _data(records=()) -> IndexData:
    return IndexData(manifest={}, articles={TALKS.id: TALKS}, chunks=[], vectors=None,
                     meetings={TALKS.id: [r.to_dict() for r in records]})


def _ask(question: str, *reader_answers: str, records=(), first: int = 0) -> str:
    """The pipeline's answer, the paragraph ``first`` retrieved first."""
    passages = passages_of(TALKS)
    passages.insert(0, passages.pop(first))
    pipeline = AnswerPipeline(reader=FakeReader(*reader_answers), scorer=MARGIN_ONLY)
    return pipeline.answer(question, passages, _data(records)).answer


def test_where_is_never_answered_by_a_person_and_their_office():
    answer = _ask("Where did Dunmore hold talks?", "Skarnish port chief Ida Brenner", "Port Elm")
    assert answer == "Port Elm"


def test_a_meeting_record_does_not_answer_with_the_place_the_question_gives():
    record = Meeting(article="talks", participants=[Participant("Karl Dunmore"), Participant("Ida Brenner")],
                     place="Port Elm", evidence=[])
    assert _ask("Where exactly in Port Elm did Dunmore and Brenner meet?", records=[record]) == ""


def test_how_many_may_be_answered_by_a_vague_number():
    assert _ask("How many boats did the ferry firm pull out of the strait?", "a limited number", first=3) \
        == "a limited number"


def test_why_is_answered_by_what_a_cause_verb_says_when_the_reader_finds_nothing():
    assert _ask("Why have the chiefs' meetings become more frequent?") == "a Norlandic policy shift on fees"
    assert _ask("Why did the ferry firm pull out boats?") == ""  # no cause verb says so


def test_what_someone_hopes_to_achieve_by_an_act_is_asked_as_why_they_act():
    assert purpose_as_why("What are Norland and Skarn hoping to achieve by stepping up their contacts?") \
        == "Why are Norland and Skarn stepping up their contacts?"
    assert purpose_as_why("What did Lund hope to gain by visiting Oslo?") == "Why did Lund visit Oslo?"
    assert purpose_as_why("What has Lund been trying to achieve by calling Berg?") == "Why has Lund been calling Berg?"
    assert purpose_as_why("What did Lund achieve?") == "What did Lund achieve?"


def test_how_many_is_answered_by_the_amount_written_before_the_noun_when_the_reader_finds_nothing():
    assert _ask("How many boats did the ferry firm pull out of the strait in May?", first=3) == "a limited number"
    assert _ask("How many ships did the ferry firm pull out of the strait?", first=3) == ""  # not the noun counted


def test_a_leading_clause_of_what_is_ruled_out_is_not_read_but_rules_answers_out():
    from qa.answer.answer_type import without_exclusion

    assert without_exclusion("Apart from its boats, what did the firm pull out?") == "what did the firm pull out?"
    assert without_exclusion("What did the firm pull out apart from boats?") == "What did the firm pull out apart from boats?"
    assert without_exclusion("The talks went far enough to assess how which officials might meet?") \
        == "which officials might meet?"
    assert without_exclusion("Who met whom in Skarn?") == "Who met whom in Skarn?"
    assert _ask("Besides its boats, what did the ferry firm pull out of the strait?", "boats", first=3) == ""


def test_the_second_of_two_question_words_asks():
    from qa.answer.question import classify

    assert classify("The talks went far enough to assess how which officials might meet?") == "which"
    assert classify("How do they know who met?") == "how"


def test_a_leading_time_clause_sets_the_scene_and_the_question_word_after_it_asks():
    from qa.answer.question import classify

    assert classify("So when Lund and Berg meet this often, what does that signal about Oslo?") == "what"
    assert classify("When Lund met Berg, who else was there?") == "who"
    assert classify("When did Lund meet Berg?") == "when"
    assert classify("Where did they meet, and why?") == "where"


REQUESTS = Article(
    id="talks", title="Ferry row", date="2024-03-05",
    paragraphs=("Skarnish police asked the protesters to leave the harbour by noon.",
                "An official said Norway has recalled its envoy and asked Skarn to reopen talks with Lund to "
                "“end the row.”"),
)


def test_what_someone_asked_another_to_do_is_read_where_that_asker_asks_them():
    from qa.answer.request_route import by_request

    passages = passages_of(REQUESTS)
    assert by_request("What did Oslo ask Skarn to do about the ferry chief?", passages)[0] == "reopen talks with Lund"
    assert by_request("What did the police ask the protesters to do?", passages)[0] == "leave the harbour by noon"
    assert by_request("What did Oslo ask the protesters to do?", passages) is None
    assert by_request("Why, according to an official, did Oslo ask Skarn to reopen talks?", passages)[0] == "end the row"


def test_an_answer_of_only_small_words_is_no_answer():
    assert _ask("Which chiefs held talks?", "the") == ""


def test_what_someone_asked_is_found_whatever_the_question_calls_the_asker_and_the_asked():
    from qa.answer.request_route import by_request

    passages = passages_of(REQUESTS)
    assert by_request("According to the official, what did the Norwegians ask Skarn to do?", passages)[0] \
        == "reopen talks with Lund"


def test_a_time_noun_after_what_asks_when():
    from qa.answer.question import classify

    assert classify("Over what period did Dunmore visit Port Elm?") == "when"
    assert classify("In which year did the talks start?") == "when"
    assert classify("What fees did they agree?") == "what"


def test_who_is_the_official_asks_for_a_name_not_the_description():
    assert _ask("Who was the head of the harbour board in the talks?", "The two chiefs") == ""
    assert _ask("Who was the head of the harbour board in the talks?", "Karl Dunmore") == "Karl Dunmore"
    assert _ask("What is the name of Skarn's harbour chief?", "The two chiefs") == ""


def test_how_does_someone_regard_a_group_is_answered_by_what_they_see_them_as():
    from qa.answer.epithet_route import by_regard

    article = Article(id="r", title="Ferry row", date="2024-03-05",
                      paragraphs=("Norland wants to include the strikers in any talks with Lund, which sees them as vandals.",))
    assert by_regard("how does Lund regard the strikers that Norland wants included in the talks", passages_of(article))[0] \
        == "vandals"
    assert by_regard("How did Lund describe the strike?", passages_of(article)) is None


HEADLINED = Article(id="h", title="Ferry talks resume as Skarn backs down", date="2024-03-05",
                    paragraphs=("Norland and Skarn met again on Monday.",))


def test_a_question_about_the_headline_is_read_from_the_title_and_cites_it():
    pipeline = AnswerPipeline(reader=FakeReader("Skarn"), scorer=MARGIN_ONLY)
    answer = pipeline.answer("According to the headline, who backs down?", passages_of(HEADLINED), data_of_headlined())
    assert answer.answer == "Skarn"
    assert answer.evidence.paragraph == 0 and answer.evidence.text == HEADLINED.title
    assert answer.evidence.citation().endswith("headline")
    whole = pipeline.answer("What is the headline of the article?", passages_of(HEADLINED), data_of_headlined())
    assert whole.answer == HEADLINED.title


def data_of_headlined() -> IndexData:
    return IndexData(manifest={}, articles={HEADLINED.id: HEADLINED}, chunks=[], vectors=None, meetings={})


def test_a_leading_clause_that_sets_the_scene_is_not_part_of_the_question():
    from qa.answer.question import without_context

    assert without_context("Given that the chiefs have met before, why are their meetings frequent?") \
        == "why are their meetings frequent?"
    assert without_context("With whom did Dunmore meet?") == "With whom did Dunmore meet?"
    assert _ask("Given that the two chiefs have spoken for years, why have their meetings become more frequent?") \
        == "a Norlandic policy shift on fees"


def test_an_answer_keeps_the_named_agent_of_the_participle_after_it():
    from qa.answer.spans import with_agent

    text = "The obstacle is the opposition rebels backed by Skarn holding areas in the north."
    end = text.index(" backed")
    assert text[:with_agent(text, end, (0, len(text)))].endswith("rebels backed by Skarn")
    plain = "The obstacle is the rebels holding areas in the north."
    assert with_agent(plain, plain.index(" holding"), (0, len(plain))) == plain.index(" holding")


def test_where_in_a_country_is_not_answered_by_another_country():
    article = Article(id="w", title="Ferry row", date="2024-03-05",
                      paragraphs=("Norway suffered defeats in Sweden last month.",))
    pipeline = AnswerPipeline(reader=FakeReader("in Sweden"), scorer=MARGIN_ONLY)
    assert pipeline.answer("Where in Finland did Norway suffer defeats?", passages_of(article),
                           data_of_headlined()).answer == ""
    assert pipeline.answer("Where did Norway suffer defeats?", passages_of(article),
                           data_of_headlined()).answer == "in Sweden"


def test_an_answer_starts_with_the_article_the_text_writes_before_it():
    from qa.answer.spans import with_article

    text = "The obstacle is the opposition rebels."
    assert with_article(text, text.index("opposition"), (0, len(text))) == text.index("the opposition")
    assert with_article(text, text.index("obstacle"), (4, len(text))) == text.index("obstacle")  # not before the sentence


def test_what_a_verb_was_done_to_is_read_from_its_object_in_the_passages():
    from qa.answer.object_route import by_object

    article = Article(id="o", title="Ferry talks", date="2024-03-05",
                      paragraphs=("During the ferry talks between Lund and Berg, the two sides reached a level to "
                                  "evaluate how the two ministers could eventually meet.",))
    found = by_object("What were the two ferry negotiators able to start weighing up in their talks?", passages_of(article))
    assert found[0] == "how the two ministers could eventually meet"
    assert by_object("What did the negotiators evaluate Lund for?", passages_of(article)) is None


def test_a_request_is_found_when_the_question_reports_it_or_words_it_as_wanting():
    from qa.answer.request_route import by_request

    passages = passages_of(REQUESTS)
    assert by_request("What did the official say Oslo asked Skarn to do?", passages)[0] == "reopen talks with Lund"
    assert by_request("Why did Norway want Skarn to reopen talks?", passages)[0] == "end the row"
    assert by_request("What did the official say the police wanted Skarn to do?", passages) is None


def test_which_officials_is_answered_by_an_office_in_the_plural_not_one_name():
    from qa.answer.plural_office_route import by_plural_office

    article = Article(id="p", title="Ferry talks", date="2024-03-05",
                      paragraphs=("During the ferry talks between Karl Dunmore and Skarnish port chief Ida Brenner, the "
                                  "two sides reached a level to evaluate how the two countries' transport ministers "
                                  "could eventually meet.",))
    passages = passages_of(article)
    assert by_plural_office("Which officials of the two countries might eventually meet, after the ferry talks?",
                            passages)[0] == "the two countries' transport ministers"
    pipeline = AnswerPipeline(reader=FakeReader("Ida Brenner"), scorer=MARGIN_ONLY)
    assert pipeline.answer("Which officials of the two countries might eventually meet, after the ferry talks?",
                           passages, data_of_headlined()).answer == "the two countries' transport ministers"
    assert by_plural_office("Which officials did the ferry firm fire?", passages) is None


def test_who_regards_a_group_so_is_whoever_the_passage_says_sees_them_so():
    from qa.answer.epithet_route import by_regarder

    article = Article(id="r", title="Ferry row", date="2024-03-05",
                      paragraphs=("Norland wants to include the strikers in any talks with Lund, which sees them as vandals.",))
    assert by_regarder("Who regards the strikers that Norland backs as vandals?", passages_of(article))[0] == "Lund"
    assert by_regarder("Who regards the strikers as heroes?", passages_of(article)) is None


def test_with_regard_to_is_no_question_of_how_someone_is_regarded():
    from qa.answer.epithet_route import by_regard

    article = Article(id="r", title="Ferry row", date="2024-03-05",
                      paragraphs=("Norland wants to include the strikers in any talks with Lund, which sees them as vandals.",))
    assert by_regard("What did Norland ask Lund to do with regard to the strikers?", passages_of(article)) is None


def test_a_question_word_the_passages_never_write_is_read_as_their_synonym_in_its_own_form():
    from qa.answer.pipeline import _synonyms_written
    from qa.answer.question import WORD_RE

    written = WORD_RE.findall("Dunmore and Brenner have spoken intermittently over the last two years.")
    assert _synonyms_written("How long have they been in sporadic contact?", written) \
        == "How long have they been in intermittent contact?"
    assert _synonyms_written("Have they spoken sporadically?", written) == "Have they spoken intermittently?"
    assert _synonyms_written("How long have they been in contact?", written) == "How long have they been in contact?"


def test_how_long_is_answered_by_the_span_of_time_of_the_sentence_that_fits_the_question_best():
    from qa.answer.duration_route import by_duration

    article = Article(id="d", title="Harbour talks", date="2024-03-05",
                      paragraphs=("Norland's harbour chief has been to Port Elm several times over the last few weeks.",
                                  "Dunmore and Brenner have spoken intermittently over the last two years.",
                                  "The harbour board's chief said fees would rise."))
    passages = passages_of(article)
    assert by_duration("How long have the two harbour chiefs been in intermittent contact?", passages)[0] \
        == "over the last two years"
    assert by_duration("How long has the harbour chief been visiting Port Elm?", passages)[0] \
        == "over the last few weeks"
    assert by_duration("How long has the ferry strike lasted?", passages) is None


def test_a_lower_case_question_names_what_the_passages_write_capitalised():
    from qa.answer.pipeline import _truecased
    from qa.answer.question import WORD_RE

    written = WORD_RE.findall("Dunmore has been to Port Elm several times, and the port of Lund is closed.")
    assert _truecased("who went to port elm", written) == "who went to port Elm"  # "port" is also written lower-case
    assert _truecased("who is dunmore?", written) == "who is Dunmore?"
    assert _truecased("who met the president?", ["President", "Lund", "met", "Berg"]) == "who met the president?"  # an office
    # places and peoples the passages do not write are recased from the lexicons
    assert _truecased("did the swedish envoy fly to oslo?", written) == "did the Swedish envoy fly to Oslo?"


def test_a_lower_case_capital_the_passages_do_not_write_is_read_as_its_country():
    from qa.answer.pipeline import _in_passage_words

    passages = passages_of(Article("f", "Ferry talks", ("Norway and Sweden held ferry talks in Lund.",)))
    assert "Norway" in _in_passage_words("why did oslo want ferry talks?", passages)


def test_what_is_the_name_of_is_never_answered_by_an_indefinite_description():
    from tests.test_answer import DATES, data_of

    pipeline = AnswerPipeline(reader=FakeReader("a Norwegian official"), scorer=MARGIN_ONLY)
    assert pipeline.answer("What is the name of the Norwegian offical quoted?", passages_of(DATES),
                           data_of(DATES)).answer == ""


def test_the_question_is_the_sentence_that_asks_and_a_request_is_a_question():
    from qa.answer.question import as_asked

    assert as_asked("My notes say the talks were in Lund. Which city did Dunmore fly to?") == "Which city did Dunmore fly to?"
    assert as_asked("my notes say the talks were in lund. which city did dunmore fly to?") \
        == "Which city did dunmore fly to?"  # typed in lower case
    assert as_asked("where did dunmore fly") == "where did dunmore fly?"  # read the same without its "?"
    assert as_asked("Tell me who hosted the talks.") == "who hosted the talks?"
    assert as_asked("Can you tell me where they met?") == "where they met?"
    assert as_asked("What did Mr. Dunmore say?") == "What did Mr. Dunmore say?"  # "Mr." ends no sentence
    assert as_asked("What did the U.S. say? I need it.") == "What did the U.S. say?"
    assert as_asked("Dunmore met Berg. Where?") == "Dunmore met Berg. Where?"  # too short to stand alone
    assert as_asked("Tell me about the talks.") == "Tell me about the talks."
    assert as_asked("In the article, how long have they talked?") == "how long have they talked?"
    assert as_asked("According to the story, when was it last updated?") == "when was the story last updated?"
    assert as_asked("According to the headline, who backs down?") == "According to the headline, who backs down?"
    assert as_asked("Dunmore held talks with his counterpart. Who is that?") \
        == "Dunmore held talks with his counterpart. Who is that?"  # the question points back


def test_a_dash_before_the_question_ends_the_scene_and_short_forms_are_read_long():
    from qa.answer.question import as_asked

    assert as_asked("So the envoys keep meeting - where do the two envoys meet?") == "Where do the two envoys meet?"
    assert as_asked("Norland wants a deal — who's the envoy who keeps flying to Lund?") \
        == "Who is the envoy who keeps flying to Lund?"
    assert as_asked("I read the envoy flew to Lund — who is he?") == "I read the envoy flew to Lund — who is he?"
    assert as_asked("Who - if anyone - met Dunmore?") == "Who - if anyone - met Dunmore?"
    assert as_asked("what's been agreed") == "what has been agreed?"
    assert as_asked("Where's the summit?") == "Where is the summit?"


def test_which_city_is_not_answered_by_a_country():
    article = Article(id="c", title="Ferry row", date="2024-03-05",
                      paragraphs=("Dunmore flew to Norway and then to Bergen last month.",))
    assert AnswerPipeline(reader=FakeReader("Norway"), scorer=MARGIN_ONLY).answer(
        "Which city did Dunmore fly to?", passages_of(article), data_of_headlined()).answer == ""
    assert AnswerPipeline(reader=FakeReader("Bergen"), scorer=MARGIN_ONLY).answer(
        "Which city did Dunmore fly to?", passages_of(article), data_of_headlined()).answer == "Bergen"


def test_why_a_request_was_made_is_its_stated_purpose_before_any_cause_nearby():
    article = Article(id="why", title="Ferry row", date="2024-03-05",
                      paragraphs=("Norway pressed ahead as Oslo wants to focus on the fishing dispute.",
                                  "An official said Norway asked Skarn to reopen talks with Lund to “end the row.”"))
    pipeline = AnswerPipeline(reader=FakeReader("to focus on the fishing dispute"), scorer=MARGIN_ONLY)
    answer = pipeline.answer("Why does Norway want Skarn to patch things up with Lund?", passages_of(article),
                             data_of_headlined())
    assert answer.answer == "end the row"


def test_the_biggest_one_is_what_the_sentence_with_that_superlative_names():
    from qa.answer.superlative_route import by_superlative

    article = Article(id="s", title="Ferry row", date="2024-03-05",
                      paragraphs=("Norway and Skarn met again.",
                                  "The biggest hurdle in the ferry talks between Norway and Skarn is the harbour "
                                  "union backed by Skarn holding the northern docks.",
                                  "The biggest city in Norway is Oslo."))
    passages = passages_of(article)
    assert by_superlative("What is described as the single biggest obstacle to a deal between Norway and Skarn?",
                          passages)[0] == "the harbour union backed by Skarn"
    assert by_superlative("What is the biggest city in Norway?", passages)[0] == "Oslo"
    assert by_superlative("What is the smallest city in Norway?", passages) is None
    assert by_superlative("biggest stumbling block in the ferry talks?", passages)[0] \
        == "the harbour union backed by Skarn"  # typed as a bare noun phrase


def test_a_who_answer_that_is_a_persons_country_is_widened_to_the_person():
    from qa.answer.spans import widened

    text = "The thaw was once unthinkable as Norway’s President Ekholm called Sweden’s Karl Dunmore a pirate."
    start = text.index("Sweden’s")
    assert text[slice(*widened(text, start, start + 6, (0, len(text)), "whom"))] == "Sweden’s Karl Dunmore"
    assert text[slice(*widened(text, start, start + 6, (0, len(text)), "what"))] == "Sweden"


def test_a_composite_question_is_split_into_the_questions_it_joins():
    from qa.answer.question import question_parts

    assert question_parts("Who heads the union, and which port does she run?") == (
        "Who heads the union?", "which port does she run?")
    assert question_parts("Who met whom and why?") == ("Who met whom and why?",)  # one event's parts
    assert question_parts("Where and when did Lund and Berg meet?") == ("Where and when did Lund and Berg meet?",)


def test_a_what_answer_that_is_the_second_thing_done_takes_the_first_too():
    from qa.answer.spans import widened

    text = "Norway wants Skarn to cut ferry fees and expand the northern docks, an official said."
    start = text.index("expand")
    assert text.__getitem__(slice(*widened(text, start, text.index(", an"), (0, len(text)), "what"))) \
        == "cut ferry fees and expand the northern docks"
    who = "Berg met Lund and Vik."  # not a verb: unchanged
    assert widened(who, who.index("Vik"), who.index("Vik") + 3, (0, len(who)), "what") == (who.index("Vik"), who.index("Vik") + 3)
