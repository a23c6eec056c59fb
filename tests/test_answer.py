"""The answer stage on invented passages: question analysis, scoring, refusal, evidence."""

from __future__ import annotations

import dataclasses

import pytest

from qa.answer.pipeline import AnswerPipeline
from qa.answer.question import classify, overlap, stem, weighted_terms
from qa.answer.reader import Span
from qa.answer.scoring import FEATURES, Scorer, names_missing, type_match
from qa.models import Article, Passage
from qa.store import IndexData

ARTICLE = Article(
    id="harbour",
    title="Harbour council approves new ferry line",
    date="2024-03-05",
    paragraphs=(
        "The harbour council of Port Elm approved a new ferry line on Tuesday. "
        "Mayor Ida Brenner said the line would open in June.",
        "The ferry will carry 400 passengers a day to the island of Skarn, "
        "because the old bridge was closed in 2021.",
    ),
)


class FakeReader:
    """Answers with the first of ``answers`` found in a passage; no answer elsewhere."""

    def __init__(self, *answers: str) -> None:
        self.answers = answers
        self.calls: list[list[str]] = []

    def load(self):
        return self

    def read(self, question: str, passages: list[str], per_passage: int = 1) -> list[Span]:
        """Each found answer a span, best first, ``per_passage`` at most."""
        self.calls.append(passages)
        spans = []
        for i, text in enumerate(passages):
            found = [(text.find(a), a) for a in self.answers if a in text][:per_passage]
            spans += [Span(i, at, at + len(a), 10.0 - order, 0.0, order) for order, (at, a) in enumerate(found)]
            if not found:
                spans.append(Span(i, 0, 3, 0.0, 10.0))
        return spans


# Probability rises with the reader's margin only: easy to reason about in tests.
MARGIN_ONLY = Scorer(weights=(1.0,) + (0.0,) * (len(FEATURES) - 1), bias=0.0,
                     means=(0.0,) * len(FEATURES), scales=(1.0,) * len(FEATURES), threshold=0.5)


def passages_of(article: Article) -> list[Passage]:
    return [Passage(article.id, article.title, article.date, n + 1, article.paragraphs[n], 0.5, s, e)
            for n, (s, e) in enumerate(article.paragraph_offsets())]


def data_of(article: Article) -> IndexData:
    return IndexData(manifest={}, articles={article.id: article}, chunks=[], vectors=None,
                     meetings={})


@pytest.mark.parametrize("question, kind", [
    ("Who approved the ferry line?", "who"),
    ("Who did the mayor meet in Skarn?", "whom"),
    ("Where will the ferry go?", "where"),
    ("When was the bridge closed?", "when"),
    ("Why was the line approved?", "why"),
    ("How many passengers will it carry?", "how many"),
    ("How much did it cost?", "how much"),
    ("How often does the ferry sail?", "how often"),
    ("Which island does the ferry serve?", "which"),
    ("Is the bridge closed?", "yesno"),
    ("Tell me about the ferry", "what"),
])
def test_question_kinds(question, kind):
    assert classify(question) == kind


def test_names_and_numbers_weigh_more_than_plain_words():
    terms = weighted_terms("Why did Ida Brenner close the bridge in 2021?")
    assert terms[stem("Brenner")] > terms[stem("bridge")] < terms["2021"]
    assert "why" not in terms and "the" not in terms
    assert overlap(terms, "Ida Brenner closed the bridge in 2021.") == pytest.approx(1.0)
    assert overlap(terms, "Nothing related.") == 0.0


@pytest.mark.parametrize("kind, text, expected", [
    ("when", "in June", 1.0), ("when", "the council", 0.0),
    ("how many", "400 passengers", 1.0), ("how many", "a ferry", 0.0),
    ("who", "Ida Brenner", 1.0), ("who", "the old bridge", 0.0),
    ("why", "because the old bridge was closed", 1.0), ("what", "anything", 0.5),
    ("how often", "several times", 1.0), ("how often", "twice a day", 1.0), ("how often", "sporadically", 1.0),
    ("how often", "in June", 0.0),
])
def test_type_match(kind, text, expected):
    assert type_match(kind, text) == expected


def test_answer_cites_the_exact_sentence_that_holds_the_span():
    pipeline = AnswerPipeline(reader=FakeReader("400 passengers"), scorer=MARGIN_ONLY)
    answer = pipeline.answer("How many passengers will the ferry carry?", passages_of(ARTICLE),
                             data_of(ARTICLE))
    assert answer.found and answer.answer == "400 passengers"
    assert answer.kind == "how many"
    evidence = answer.evidence
    assert evidence.paragraph == 2 and evidence.article == "harbour"
    assert ARTICLE.text[evidence.start : evidence.end] == evidence.text
    assert evidence.text.startswith("The ferry will carry 400 passengers")
    assert answer.passages[0].paragraph == 2  # the evidence passage is shown first
    assert 0.5 < answer.confidence <= 1.0


def test_no_span_above_the_threshold_is_a_refusal_that_keeps_the_passages():
    pipeline = AnswerPipeline(reader=FakeReader("nowhere to be found"), scorer=MARGIN_ONLY)
    answer = pipeline.answer("Who won the chess final?", passages_of(ARTICLE), data_of(ARTICLE))
    assert not answer.found and answer.answer == "" and answer.evidence is None
    assert len(answer.passages) == 2 and answer.confidence < 0.5


def test_a_count_question_is_answered_by_a_number_or_refused():
    pipeline = AnswerPipeline(reader=FakeReader("the island of Skarn"), scorer=MARGIN_ONLY)
    answer = pipeline.answer("How many islands will the ferry serve?", passages_of(ARTICLE), data_of(ARTICLE))
    assert not answer.found  # the passage names the island, not how many
    two_spans = dataclasses.replace(MARGIN_ONLY, spans_per_passage=2)
    pipeline = AnswerPipeline(reader=FakeReader("the island of Skarn", "400 passengers"), scorer=two_spans)
    answer = pipeline.answer("How many passengers will the ferry carry?", passages_of(ARTICLE), data_of(ARTICLE))
    assert answer.answer == "400 passengers"  # the number, though the reader rated the name higher
    pipeline = AnswerPipeline(reader=FakeReader("to the island of Skarn"), scorer=MARGIN_ONLY)
    answer = pipeline.answer("How far will the ferry go?", passages_of(ARTICLE), data_of(ARTICLE))
    assert answer.answer == "to the island of Skarn"  # a distance may be a place


def test_no_passages_is_a_refusal():
    pipeline = AnswerPipeline(reader=FakeReader("x"), scorer=MARGIN_ONLY)
    answer = pipeline.answer("Who?", [], data_of(ARTICLE))
    assert not answer.found and answer.passages == []


def test_answer_span_is_trimmed_of_punctuation_but_keeps_its_brackets():
    article = Article("a", "t", ("The ship (the Skarn Queen) sails.",))
    reader = FakeReader("(the Skarn Queen)")
    pipeline = AnswerPipeline(reader=reader, scorer=MARGIN_ONLY)
    answer = pipeline.answer("Which ship sails?", passages_of(article), data_of(article))
    assert answer.answer == "the Skarn Queen"
    reader.answers = ("Queen) sails.",)
    assert pipeline.answer("Which ship sails?", passages_of(article), data_of(article)).answer \
        == "Queen) sails"


def test_an_answer_is_whole_words_though_the_reader_stops_inside_one():
    article = Article("w", "t", ("The two chiefs have spoken intermittently since 2021.",))
    pipeline = AnswerPipeline(reader=FakeReader("intermittent"), scorer=MARGIN_ONLY)
    answer = pipeline.answer("How often have they spoken?", passages_of(article), data_of(article))
    assert answer.answer == "intermittently"


def test_only_the_top_passages_are_read():
    article = Article("many", "t", tuple(f"Paragraph {i} says nothing." for i in range(8)))
    reader = FakeReader("nothing")
    AnswerPipeline(reader=reader, scorer=MARGIN_ONLY).answer(
        "What does it say?", passages_of(article), data_of(article))
    assert len(reader.calls) == 1 and len(reader.calls[0]) == 3


def test_the_more_probable_candidate_wins_over_retrieval_order():
    article = Article("two", "t", ("Nobody is named here.", "Ida Brenner opened it."))
    reader = FakeReader("Ida Brenner")
    answer = AnswerPipeline(reader=reader, scorer=MARGIN_ONLY).answer(
        "Who opened it?", passages_of(article), data_of(article))
    assert answer.answer == "Ida Brenner" and answer.evidence.paragraph == 2


@pytest.mark.parametrize("question, passage, missing", [
    ("What did Norland's envoy Piet Varga say?", "Mr Varga, the Norlandic envoy, said so.", 0.0),
    ("What did Foreign Minister Lena Ostrova say?", "Norland's foreign minister said so.", 1.0),
    ("Which Norlandic firm paid $5m in 2019?", "Norland firms paid $5m in 2020.", 1 / 3),
    ("Who opened the new bridge?", "Anything at all.", 0.0),
])
def test_names_missing_counts_the_questions_names_the_passage_never_writes(question, passage, missing):
    assert names_missing(question, passage) == pytest.approx(missing)


def test_scorer_probability_is_monotonic_in_a_positive_feature():
    low = MARGIN_ONLY.probability([-2.0] + [0.0] * (len(FEATURES) - 1))
    high = MARGIN_ONLY.probability([3.0] + [0.0] * (len(FEATURES) - 1))
    assert 0.0 < low < 0.5 < high < 1.0


def test_shipped_scorer_and_reader_weights_load():
    from qa.answer.reader import Reader

    scorer = Scorer.load()
    assert len(scorer.weights) == len(FEATURES) and 0.0 < scorer.threshold < 1.0
    assert Reader().available


def test_a_window_across_paragraphs_cites_the_paragraph_of_its_sentence():
    window = Passage(ARTICLE.id, ARTICLE.title, ARTICLE.date, 1, ARTICLE.text, 0.5, 0, len(ARTICLE.text))
    pipeline = AnswerPipeline(reader=FakeReader("Skarn"), scorer=MARGIN_ONLY)
    answer = pipeline.answer("Where will the ferry go?", [window], data_of(ARTICLE))
    assert answer.evidence.paragraph == 2
    assert answer.evidence.text.startswith("The ferry will carry")
    assert ARTICLE.text[answer.evidence.start : answer.evidence.end] == answer.evidence.text


def test_windows_across_paragraphs_keep_exact_offsets_and_first_paragraph():
    from qa.chunking import ChunkSettings, chunk_article

    chunks = chunk_article(ARTICLE, ChunkSettings(max_chars=200, across_paragraphs=True))
    assert len(chunks) >= 2
    for chunk in chunks:
        assert ARTICLE.text[chunk.start : chunk.end] == chunk.text
    assert any("\n\n" in c.text for c in chunks)  # a window spans a paragraph break
    starts = [s for s, _e in ARTICLE.paragraph_offsets()]
    for chunk in chunks:  # a chunk cites the paragraph it starts in
        assert chunk.paragraph == sum(1 for s in starts if s <= chunk.start)


def test_an_answer_span_never_cuts_a_date_or_name_in_half():
    from qa.answer.spans import whole_entities

    text = "The painter Anna Berg was born on 20 February 1951 in Bergen."
    cut = text.index("February")
    start, end = whole_entities(text, cut, cut + len("February 1951"), (0, len(text)))
    assert text[start:end] == "20 February 1951"
    whole = text.index("Bergen")
    assert whole_entities(text, whole, whole + 6, (0, len(text))) == (whole, whole + 6)


def test_a_passage_s_second_span_answers_when_the_scorer_prefers_it():
    """The reader's runner-up in a passage is a candidate too: here the scorer weighs only the
    question's words around the span, and those surround the second span."""
    near_only = Scorer(weights=tuple(1.0 if f == "near_overlap" else 0.0 for f in FEATURES), bias=0.0,
                       means=(0.5,) * len(FEATURES), scales=(0.1,) * len(FEATURES), threshold=0.5,
                       spans_per_passage=2)
    pipeline = AnswerPipeline(reader=FakeReader("Port Elm", "Ida Brenner"), scorer=near_only)
    answer = pipeline.answer("According to whom would the line open in June?", passages_of(ARTICLE),
                             data_of(ARTICLE))
    assert answer.answer == "Ida Brenner"


def test_a_lone_verb_answer_takes_its_object():
    from qa.answer.spans import lone_word_phrase

    text = "Officials asked the rebel leaders to leave Skarn until the end of June."
    start = text.index("leave")
    assert text[slice(*lone_word_phrase(text, start, start + 5, (0, len(text))))] == "leave Skarn"
    start = text.index("Skarn")  # not a verb: unchanged
    assert lone_word_phrase(text, start, start + 5, (0, len(text))) == (start, start + 5)


def test_a_lone_noun_answer_takes_its_modifiers():
    from qa.answer.spans import lone_word_phrase

    text = "Tomas Ekholm, the Skarnish intelligence chief, met Ida Brenner in Oslo."
    start = text.index("chief")
    assert text[slice(*lone_word_phrase(text, start, start + 5, (0, len(text))))] == "Skarnish intelligence chief"


def test_a_why_answer_is_its_whole_purpose_or_cause_clause():
    from qa.answer.spans import widened

    text = ("Norland and Skarn stepped up contacts to find a way out of the fishing dispute in the north as "
            "winter nears, officials said.")
    start = text.index("find")
    end = text.index(" of the fishing")
    assert text[slice(*widened(text, start, end, (0, len(text)), "why"))] == \
        "to find a way out of the fishing dispute in the north"
    assert text[slice(*widened(text, start, end, (0, len(text)), "what"))] == "find a way out"
    text = "The talks were cancelled because the minister fell ill on Monday."
    start = text.index("the minister")
    assert text[slice(*widened(text, start, start + 12, (0, len(text)), "why"))] == \
        "because the minister fell ill on Monday"


ROLES = Article(
    id="roles", title="Harbour chiefs meet", date="2024-03-05",
    paragraphs=("Karl Dunmore, head of Norland's harbour authority, met Skarn's harbour chief Ida "
                "Brenner in Port Elm on Tuesday.",
                "Norland central bank governor Tomas Ekholm said rates would stay on hold."),
)


@pytest.mark.parametrize("question, expected", [
    ("Who heads Norland's harbour authority?", "Karl Dunmore"),
    ("Who is Skarn's harbour chief?", "Ida Brenner"),
    ("Who is Ida Brenner?", "Skarn's harbour chief"),
    ("Who heads Norland's central bank?", "Tomas Ekholm"),  # its governor
])
def test_who_holds_an_office_is_the_one_whose_written_role_fits(question, expected):
    """The reader names the wrong one of two people with roles; the role written beside the
    right one answers."""
    pipeline = AnswerPipeline(reader=FakeReader("Port Elm"), scorer=MARGIN_ONLY)
    answer = pipeline.answer(question, passages_of(ROLES), data_of(ROLES))
    assert answer.answer == expected
    assert answer.evidence is not None and expected in answer.evidence.text


def test_the_clause_telling_an_office_holder_apart_is_no_word_of_the_office():
    pipeline = AnswerPipeline(reader=FakeReader("Port Elm"), scorer=MARGIN_ONLY)
    answer = pipeline.answer("Who is Skarn's harbour chief who met Karl Dunmore on Tuesday?",
                             passages_of(ROLES), data_of(ROLES))
    assert answer.answer == "Ida Brenner"


def test_a_person_the_passages_give_another_office_does_not_answer_for_this_one():
    pipeline = AnswerPipeline(reader=FakeReader("Karl Dunmore"), scorer=MARGIN_ONLY)
    answer = pipeline.answer("Who is Norland's foreign minister?", passages_of(ROLES), data_of(ROLES))
    assert answer.answer == ""
    answer = pipeline.answer("Who met Skarn's harbour chief in Port Elm?", passages_of(ROLES), data_of(ROLES))
    assert answer.answer == "Karl Dunmore"


def test_a_who_question_is_not_answered_by_a_name_it_gives():
    pipeline = AnswerPipeline(reader=FakeReader("Ida Brenner"), scorer=MARGIN_ONLY)
    answer = pipeline.answer("Who met Brenner in Port Elm?", passages_of(ROLES), data_of(ROLES))
    assert answer.answer == ""


@pytest.mark.parametrize("question", ["What is the name of the authority that Karl Dunmore runs?",
                                      "Which body does Dunmore head?"])
def test_the_body_a_person_heads_is_the_one_their_written_role_names(question):
    pipeline = AnswerPipeline(reader=FakeReader("Port Elm"), scorer=MARGIN_ONLY)
    answer = pipeline.answer(question, passages_of(ROLES), data_of(ROLES))
    assert answer.answer == "Norland's harbour authority"


def test_an_office_nobody_in_the_passages_holds_is_left_to_the_reader():
    pipeline = AnswerPipeline(reader=FakeReader("Port Elm"), scorer=MARGIN_ONLY)
    answer = pipeline.answer("Who heads the Skarn ferry company?", passages_of(ROLES), data_of(ROLES))
    assert answer.answer == "Port Elm"


SOURCES = Article(
    id="sources", title="Harbour to reopen", date="2024-03-05",
    paragraphs=("Norland and Skarn agreed to reopen the harbour at Port Elm in June, Skarn Radio reported.",
                "One port official close to the talks said the ferry line had begun to turn a profit.",
                "He said the ferry would carry 300 passengers."),
)


@pytest.mark.parametrize("question, expected", [
    ("Who reported that Norland and Skarn agreed to reopen the harbour?", "Skarn Radio"),
    ("Who said the ferry line had begun to turn a profit?", "One port official close to the talks"),
])
def test_who_said_it_is_the_source_credited_with_it(question, expected):
    """The reader names someone of the reported clause; the reporting verb's subject answers."""
    pipeline = AnswerPipeline(reader=FakeReader("Norland"), scorer=MARGIN_ONLY)
    answer = pipeline.answer(question, passages_of(SOURCES), data_of(SOURCES))
    assert answer.answer == expected
    assert answer.evidence is not None


def test_a_source_s_claim_may_name_countries_by_their_capitals():
    article = Article(id="capitals", title="Trade", date="2024-03-05",
                      paragraphs=("Norway and Turkey stepped up trade contacts this year, Harbour Radio reported.",))
    pipeline = AnswerPipeline(reader=FakeReader("Norway"), scorer=MARGIN_ONLY)
    answer = pipeline.answer("Which radio station reported the growing contacts between Oslo and Ankara?",
                             passages_of(article), data_of(article))
    assert answer.answer == "Harbour Radio"


OUTLET = Article(
    id="outlet", title="Ferry talks", date="2024-03-05",
    paragraphs=("Norland and Skarn stepped up contacts on the ferry line, Nordpress Agency reported.",
                "The two harbour chiefs met twice in Port Elm.",
                "According to Nordpress Agency, the line would open in June."),
)


@pytest.mark.parametrize("question", [
    "Which news agency reported the harbour talks?",
    "According to which news agency will the line open in June?",
    "Which outlet broke the story?",
])
def test_which_outlet_is_the_one_the_article_credits_anywhere_in_it(question):
    pipeline = AnswerPipeline(reader=FakeReader("Port Elm"), scorer=MARGIN_ONLY)
    passages = passages_of(OUTLET)
    answer = pipeline.answer(question, [passages[1]], data_of(OUTLET))
    assert answer.answer == "Nordpress Agency"
    assert answer.evidence is not None and "Nordpress Agency" in answer.evidence.text


def test_an_outlet_question_is_left_to_the_reader_when_none_or_several_are_credited():
    pipeline = AnswerPipeline(reader=FakeReader("Port Elm"), scorer=MARGIN_ONLY)
    answer = pipeline.answer("Which newspaper reported the talks?", passages_of(ROLES), data_of(ROLES))
    assert answer.answer == "Port Elm"
    answer = pipeline.answer("What organisation reported the talks?", passages_of(OUTLET), data_of(OUTLET))
    assert answer.answer == "Port Elm"  # not a question about a news outlet


EPITHETS = Article(
    id="epithets", title="Harbour row", date="2024-03-05",
    paragraphs=("The row was bitter as Mayor Karl Dunmore called Ida Brenner a dreamer and Brenner "
                "called Dunmore “a man of the past.”",),
)


@pytest.mark.parametrize("question, expected", [
    ("What did Brenner once call the mayor Dunmore?", "a man of the past"),
    ("What did the mayor call Ida Brenner?", "a dreamer"),
    ("How did Brenner describe the mayor?", "a man of the past"),  # the mayor written by name only
])
def test_what_someone_called_someone_is_the_words_after_the_naming_verb(question, expected):
    pipeline = AnswerPipeline(reader=FakeReader("The row"), scorer=MARGIN_ONLY)
    answer = pipeline.answer(question, passages_of(EPITHETS), data_of(EPITHETS))
    assert answer.answer == expected


KINDS = Article(
    id="kinds", title="Ferry talks", date="2024-03-05",
    paragraphs=("Port Elm wants to include the island councils in any talks with Skarn, which sees them as rivals.",
                "One harbour source said the ferry talks had begun to warm and were moving to a stage of "
                "“drafting a timetable.”"),
)


@pytest.mark.parametrize("question, expected", [
    ("What does Skarn consider the island councils?", "rivals"),
    ("To what stage were the ferry talks said to be moving?", "drafting a timetable"),
    ("How did a harbour source describe the stage the ferry talks were moving to?", "drafting a timetable"),
])
def test_what_a_thing_is_seen_as_or_is_a_stage_of(question, expected):
    pipeline = AnswerPipeline(reader=FakeReader("Port Elm"), scorer=MARGIN_ONLY)
    answer = pipeline.answer(question, passages_of(KINDS), data_of(KINDS))
    assert answer.answer == expected


def test_a_pronoun_source_or_an_unsaid_claim_is_left_to_the_reader():
    pipeline = AnswerPipeline(reader=FakeReader("Norland"), scorer=MARGIN_ONLY)
    for question in ("Who said the ferry would carry 300 passengers?", "Who said the harbour would close?"):
        assert pipeline.answer(question, passages_of(SOURCES), data_of(SOURCES)).answer == "Norland"


@pytest.mark.parametrize("question", [
    "When was the story about the new ferry line published?",
    "On what date was this report updated?",
    "In what year was the article on the harbour council written?",
])
def test_when_the_story_appeared_is_the_articles_own_date(question):
    pipeline = AnswerPipeline(reader=FakeReader("in June"), scorer=MARGIN_ONLY)
    answer = pipeline.answer(question, passages_of(ARTICLE), data_of(ARTICLE))
    assert answer.answer == "5 March 2024" and answer.evidence.paragraph == 1


@pytest.mark.parametrize("question", [
    "When was the Brenner report published?",  # a document the story tells of
    "When will the ferry line open?",
])
def test_other_when_questions_are_left_to_the_reader(question):
    pipeline = AnswerPipeline(reader=FakeReader("in June"), scorer=MARGIN_ONLY)
    assert pipeline.answer(question, passages_of(ARTICLE), data_of(ARTICLE)).answer == "in June"


def _trip_article_and_data():
    from qa.meetings import Meeting, Participant

    article = Article(id="trip", title="Fishing talks", date="2024-03-05", paragraphs=(
        "Norland and Skarn stepped up talks to settle the fishing dispute.",
        "Tomas Lund has been to Oslo twice this month and held talks with Anna Berg.",
        "The harbour will reopen in June.",
    ))
    evidence = [{"article": "trip", "paragraph": n + 1, "text": article.paragraphs[n],
                 "start": article.text.index(article.paragraphs[n]),
                 "end": article.text.index(article.paragraphs[n]) + len(article.paragraphs[n])} for n in (0, 1)]
    record = Meeting(article="trip", participants=[Participant("Tomas Lund"), Participant("Anna Berg")],
                     kind="talks", place="Oslo", reason="to settle the fishing dispute", evidence=evidence)
    data = IndexData(manifest={}, articles={"trip": article}, chunks=[], vectors=None,
                     meetings={"trip": [record.to_dict()]})
    return article, data


def test_a_record_answers_when_retrieval_found_one_of_its_sentences():
    article, data = _trip_article_and_data()
    pipeline = AnswerPipeline(reader=FakeReader(), scorer=MARGIN_ONLY)  # the reader finds nothing
    told = pipeline.answer("Why did Tomas Lund go to Oslo?", passages_of(article)[1:2], data)
    assert told.answer == "to settle the fishing dispute" and told.evidence.paragraph == 1
    untold = pipeline.answer("Why did Tomas Lund go to Oslo?", passages_of(article)[2:], data)
    assert not untold.found  # nothing retrieved tells of that meeting


@pytest.mark.parametrize("paragraph, spans, question, expected", [
    ("Ida Brenner recorded the single with Tomas Lund.", ("Tomas Lund", "Ida Brenner"),
     "Who recorded the single with Tomas Lund?", "Ida Brenner"),
    ("Ida Brenner recorded the single with Tomas Lund.", ("Tomas Lund", "Ida Brenner"),
     "Who recorded it, Tomas Lund or Ida Brenner?", "Tomas Lund"),  # a choice: the question's words answer
    ("In France, Pernod Ricard weighed a bid for the brewer.", ("France", "Pernod Ricard"),
     "Which French drinks group weighed a bid?", "Pernod Ricard"),  # the country of its demonym
])
def test_a_span_that_only_repeats_the_question_is_no_answer(paragraph, spans, question, expected):
    article = Article(id="a", title="t", paragraphs=(paragraph,))
    pipeline = AnswerPipeline(reader=FakeReader(*spans), scorer=dataclasses.replace(MARGIN_ONLY, spans_per_passage=2))
    assert pipeline.answer(question, passages_of(article), data_of(article)).answer == expected


@pytest.mark.parametrize("question, found", [
    ("What did Mayor Ida Brenner say about the line?", True),  # the article names her
    ("What did Mayor Ida O'Brenner say about the line?", False),
    ("What did Mayor Karin Holmqvist say about the line?", False),  # nobody the articles name
])
def test_a_person_the_articles_never_name_gets_no_answer(question, found):
    pipeline = AnswerPipeline(reader=FakeReader("in June"), scorer=MARGIN_ONLY)
    assert pipeline.answer(question, passages_of(ARTICLE), data_of(ARTICLE)).found is found


DATES = Article(
    id="dates", title="Ferry chiefs talk", date="2024-03-05",
    paragraphs=("Norway's ferry chief Karl Dunmore has been to Skarn several times over the last two years, "
                "a Norwegian official said.",
                "Oslo asked Skarn to reopen the old bridge, the official added.",
                "Dunmore heads the Norwegian Ferry Board (NFB), and Skarn's harbour chief Ida Brenner "
                "once called Dunmore \u201ca man of the past.\u201d"),
)


@pytest.mark.parametrize("question, span", [
    ("On what exact date did Dunmore visit Skarn?", "over the last two years"),
    ("What is the name of the Norwegian official?", "Norwegian official"),
    ("What are the names of the two foreign ministers?", "Karl Dunmore"),
    ("Exactly how many times has Dunmore been to Skarn?", "several times"),
])
def test_an_answer_of_the_wrong_kind_is_a_refusal(question, span):
    pipeline = AnswerPipeline(reader=FakeReader(span), scorer=MARGIN_ONLY)
    assert pipeline.answer(question, passages_of(DATES), data_of(DATES)).answer == ""


def test_how_many_times_may_be_answered_by_several_times():
    pipeline = AnswerPipeline(reader=FakeReader("several times"), scorer=MARGIN_ONLY)
    answer = pipeline.answer("How many times has Dunmore been to Skarn?", passages_of(DATES), data_of(DATES))
    assert answer.answer == "several times"


@pytest.mark.parametrize("question, expected", [
    ("What does NFB stand for?", "Norwegian Ferry Board"),
    ("What insult did the harbour chief once hurl at Dunmore?", "a man of the past"),
])
def test_what_letters_stand_for_and_what_insult_was_used(question, expected):
    pipeline = AnswerPipeline(reader=FakeReader("Skarn"), scorer=MARGIN_ONLY)
    assert pipeline.answer(question, passages_of(DATES), data_of(DATES)).answer == expected


class QuestionRecorder(FakeReader):
    def read(self, question, passages, per_passage=1):
        self.question = question
        return super().read(question, passages, per_passage)


def test_a_capital_the_passages_never_write_is_read_as_its_country():
    reader = QuestionRecorder("the old bridge")
    AnswerPipeline(reader=reader, scorer=MARGIN_ONLY).answer(
        "What did Stockholm ask Skarn to do?", passages_of(DATES), data_of(DATES))
    assert reader.question == "What did Stockholm ask Skarn to do?"  # Sweden is not written either
    text = dataclasses.replace(DATES, paragraphs=DATES.paragraphs[:1])
    AnswerPipeline(reader=reader, scorer=MARGIN_ONLY).answer("Why did Oslo's ferry chief go to Skarn?",
                                                             passages_of(text), data_of(text))
    assert reader.question == "Why did Norway's ferry chief go to Skarn?"


CAUSES = Article(
    id="causes", title="Ferry thaw", date="2024-03-05",
    paragraphs=("Skarn and Elm Port stepped up contacts to settle the ferry row as Norway wants to focus more on "
                "its fisheries, officials said.",
                "The talks reflected a Norwegian policy shift on the strait as Oslo prepares for a long dispute "
                "with Sweden."),
)


@pytest.mark.parametrize("question, expected", [
    ("Why is Oslo pushing Skarn and Elm Port to settle the row?", "Norway wants to focus more on its fisheries"),
    ("Why is Norway shifting its policy on the strait?", "Oslo prepares for a long dispute with Sweden"),
])
def test_why_an_actor_acts_is_the_cause_a_clause_of_that_actor_gives(question, expected):
    pipeline = AnswerPipeline(reader=FakeReader("officials"), scorer=MARGIN_ONLY)
    assert pipeline.answer(question, passages_of(CAUSES), data_of(CAUSES)).answer == expected


def test_a_why_question_about_someone_no_clause_names_is_left_to_the_reader():
    pipeline = AnswerPipeline(reader=FakeReader("officials"), scorer=MARGIN_ONLY)
    assert pipeline.answer("Why is Stockholm angry?", passages_of(CAUSES), data_of(CAUSES)).answer == "officials"


def test_how_a_source_characterised_something_is_read_like_how_it_described_it():
    pipeline = AnswerPipeline(reader=FakeReader("officials"), scorer=MARGIN_ONLY)
    passages = [Passage("c", "Ferry", "2024-03-05", 1, "A source in Oslo said ties were advancing to a stage of "
                        "“building trust”.", 0.5, 0, 76)]
    article = Article(id="c", title="Ferry", date="2024-03-05", paragraphs=(passages[0].text,))
    answer = pipeline.answer("How did a source in Oslo characterise the stage ties were advancing to?", passages,
                             IndexData(manifest={}, articles={"c": article}, chunks=[], vectors=None, meetings={}))
    assert answer.answer == "building trust"


def test_what_the_question_rules_out_is_no_answer_but_the_verbs_object_is():
    pipeline = AnswerPipeline(reader=FakeReader("Skarn"), scorer=MARGIN_ONLY)
    assert pipeline.answer("What does Oslo want reopened instead of Skarn?", passages_of(DATES),
                           data_of(DATES)).answer == "the old bridge"
