"""From retrieved passages to an answer: read, score, refuse or answer, cite.

1. The question is analysed once (``question.analyse``): its kind and content words; a capital
   the passages never write but whose country they do is read as the country ("Oslo wants").
2. The reader reads the top ``READ_PASSAGES`` passages and gives each one's best spans; a span
   of another kind than the question asks for is dropped (``answer_type``).
3. The scorer turns each span into the probability that it is right; the best one answers,
   unless its probability is under the calibrated threshold: then the articles don't say.
4. The answer is widened to the names, dates and numbers it cuts (``spans``). The evidence
   is the sentence of the article that holds the span, cited exactly.
5. A question about a meeting that the articles do answer is answered from the meeting
   records of the retrieved articles (all the people, places, dates and reasons they hold);
   one asking who holds an office, by the one person the passages give that role
   (``role_route``); one asking who said something, by the source credited with it
   (``source_route``).
6. A question about the headline ("According to the headline, who wants out?") is read from
   the titles of the retrieved articles, which no passage holds (``headline_route``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import PARAGRAPH_SEPARATOR, Answer, Evidence, Passage, Turn
from .. import lexicons
from ..names import fold, is_title_word
from ..nlp import load_nlp
from ..store import IndexData
from ..text import sentence_spans
from ..text import words as words_of
from . import followup, headline_route, meeting_route
from .question import WORD_RE, Question, analyse, as_asked, people_named, purpose_as_why, without_context
from .reader import Reader, Span
from .dated_route import by_publication
from .cause_route import by_cause, by_cause_verb
from .count_route import by_count
from .duration_route import by_duration
from .found import Found
from .object_route import by_object
from .plural_office_route import by_plural_office
from .request_route import by_request
from .epithet_route import by_epithet, by_expansion, by_kind_named, by_regard, by_regarder
from .role_route import by_role, holds_another_office
from .source_route import asks_for_outlet, by_outlet, by_source
from .superlative_route import by_superlative
from .answer_type import ruled_out, without_exclusion, wrong_type
from .scoring import Candidate, Scorer, features
from .spans import widened

READ_PASSAGES = 3
NEAR_CHARS = 60  # the words around a span that the scorer compares with the question
_TRIM = " \t\n,;:.!?\"'“”‘’()[]"


class AnswerPipeline:
    def __init__(self, reader: Reader | None = None, scorer: Scorer | None = None) -> None:
        self.reader = reader or shared_reader()
        self.scorer = scorer or Scorer.load()

    def warm_up(self) -> None:
        self.reader.load()
        load_nlp()  # answers are widened to whole entities: not on the first question's clock

    def resolve(self, question: str, history: Sequence[Turn]) -> str:
        question = as_asked(question)
        return followup.resolve(question, history) if history else question

    def scored_candidates(self, question: Question, passages: list[Passage]
                          ) -> list[tuple[Candidate, list[float], float]]:
        """Each read passage's best span, with its features and probability, best first."""
        read = passages[:READ_PASSAGES]
        # "Apart from its soldiers, whom ...?": read and scored without the clause, which only rules answers out
        as_read = without_exclusion(question.text)
        asked = question if as_read == question.text else analyse(as_read)
        spans = self.reader.read(asked.text, [p.text for p in read], self.scorer.spans_per_passage)
        candidates = [_candidate(span, read[span.passage], span.passage) for span in spans]
        candidates = [c for c in candidates if not wrong_type(question, c)
                      and not holds_another_office(question.text, c.text, read)]
        best_margin = max((c.span.margin for c in candidates), default=0.0)
        scored = []
        for candidate in candidates:
            values = features(asked, candidate, best_margin)
            scored.append((candidate, values, self.scorer.probability(values)))
        return sorted(scored, key=lambda item: -item[2])

    def answer(self, question_text: str, passages: list[Passage], data: IndexData) -> Answer:
        question = analyse(_in_passage_words(purpose_as_why(without_context(question_text)), passages))
        answer = Answer(question=question_text, answer="", evidence=None, passages=passages,
                        kind=question.kind)
        if not passages or _unnamed_person(question, passages):
            return answer  # "What did Minister X say?" when no passage names X: the articles don't say
        if headline_route.asks_about_headline(question_text) and self._by_headline(answer, passages):
            return answer
        scored = self.scored_candidates(question, passages)
        if scored:
            best, _values, probability = scored[0]
            answer.confidence = probability
            if probability >= self.scorer.threshold and best.text:
                answer.answer = _whole(best, passages[best.rank], question.kind)
                answer.evidence = _evidence(passages[best.rank], best.span, data)
        _answer_by_route(answer, question, passages, data)
        # Meeting records answer questions about meetings; below the threshold only when the
        # record's own evidence sentence was retrieved (the articles do say it).
        meeting_route.apply(answer, question, passages, data, retrieved_only=not answer.found)
        answer.passages = _evidence_first(passages, answer.evidence)
        return answer


    def _by_headline(self, answer: Answer, passages: list[Passage]) -> bool:
        """"According to the headline, ...?": the reader's best span of the retrieved articles'
        titles, when it finds one there at all; cited as the headline (paragraph 0)."""
        titles = headline_route.headlines(passages)
        if headline_route.asks_for_whole(answer.question) and titles:
            title, answer.answer, answer.confidence = titles[0], titles[0].title, 1.0
        else:
            asked = analyse(headline_route.as_asked(answer.question))
            scored = [item for item in self.scored_candidates(asked, titles) if item[0].span.margin > 0]
            if not scored:
                return False
            best, _values, answer.confidence = scored[0]
            title = titles[best.rank]
            answer.answer = _whole(best, title, asked.kind)
        answer.evidence = Evidence(article=title.article, title=title.title, date=title.date, paragraph=0,
                                   text=title.title, copies=title.copies)
        return True


def _answer_by_route(answer: Answer, question: Question, passages: list[Passage], data: IndexData) -> None:
    """"Who heads X?" by the one person whose written role fits, "Who is Y?" by Y's role, "Who
    said X?" by the source credited with it, "When was the story published?" by its date, "What
    did X call Y?" by the words after "called Y", "Which news agency reported X?" by the outlet
    the story credits, "Why is Oslo ...?" by the cause a clause of Norway's gives. "How long
    ...?" looks at every retrieved passage for its span of time, when nothing else answers."""
    read = passages[:READ_PASSAGES]
    found = by_role(question.text, read) or by_source(question.text, read) \
        or by_publication(question.text, read) or by_epithet(question.text, read) \
        or by_regard(question.text, read) or by_regarder(question.text, read) or by_kind_named(question.text, read) \
        or by_expansion(question.text, read) or by_request(question.text, read) or by_cause(question.text, read) \
        or (None if answer.answer else by_cause_verb(question.text, read) or by_count(question.text, read)
            or _unless_ruled_out(question.text, by_object(question.text, read))
            or by_plural_office(question.text, read) or by_superlative(question.text, read))
    if found is None and not answer.answer and (found := by_duration(question.text, passages)) is not None:
        read = passages
    if found is None and read and asks_for_outlet(question.text) and (
            article := data.articles.get(read[0].article)) is not None:
        read = _paragraphs(article, read[0])  # who a story credits is said anywhere in it
        found = by_outlet(question.text, read)
    if found is None:
        return
    answer.answer, where = found
    answer.evidence = _evidence(read[where.passage], Span(where.passage, where.start, where.end, 0.0, 0.0), data)


def _unless_ruled_out(question: str, found: tuple[str, Found] | None) -> tuple[str, Found] | None:
    return None if found is None or ruled_out(question, found[0]) else found


def _paragraphs(article, like: Passage) -> list[Passage]:
    """The article's paragraphs as passages (cited by their own ¶ and offsets)."""
    return [Passage(article.id, article.title, article.date, n + 1, article.paragraphs[n], 0.0, start, end,
                    copies=like.copies)
            for n, (start, end) in enumerate(article.paragraph_offsets())]


_SHARED_READER: Reader | None = None


def shared_reader() -> Reader:
    """One reader a process: its model loads once, however many engines are made."""
    global _SHARED_READER
    if _SHARED_READER is None:
        _SHARED_READER = Reader()
    return _SHARED_READER


def _in_passage_words(question: str, read: list[Passage]) -> str:
    """The question in the passages' case (below); then with each capital the passages never
    write, but whose country they do, written as the country: news writes "Oslo wants" for
    Norland's government, and the reader matches words; then with their synonyms (below)."""
    written = " ".join(f"{p.title} {p.text}" for p in read)
    written_words = WORD_RE.findall(written)  # once, for every rewrite
    question = _truecased(question, written_words)
    for capital, country in lexicons.capitals_in(question):
        if capital not in written and country in written:
            question = re.sub(rf"\b{re.escape(capital)}\b", country, question)
    return _synonyms_written(question, written_words)


def _truecased(question: str, written: list[str]) -> str:
    """The question with each lower-case word the passages (``written``: their words) only ever
    write capitalised written as they write it: "who is the turkish spy chief who went to
    damascus" names Damascus; a place or people the passages do not write is recased too."""
    from ..meetings.mentions import is_office_word

    capitalised = {**lexicons.proper_words(), **{w.lower(): w for w in written if w[:1].isupper()}}
    lower = {w for w in written if w.islower()}
    stopwords = lexicons.words("stopwords")

    def cased(match: re.Match) -> str:
        word = match.group(0)
        if word.islower() and word in capitalised and word not in lower and word not in stopwords \
                and not is_title_word(word) and not is_office_word(word):  # "president" of "President Lund"
            return capitalised[word]
        return word

    return WORD_RE.sub(cased, question)


def _synonyms_written(question: str, written: list[str]) -> str:
    """The question with each word the passages (``written``: their words) never write, but a
    synonym of which they do (``synonyms.txt``, with its adverb in -ly), written as that synonym
    in the question's own form: "sporadic calls" are read as "intermittent calls" beside
    "phoned intermittently"."""
    synonyms = lexicons.synonym_groups()
    passage_words = {w.lower() for w in written}
    for word in {w.lower() for w in WORD_RE.findall(question)} - passage_words:
        bases = [b for b in (word[:-2], word[:-4]) if word.endswith("ly") and b in synonyms]  # "sporadically"
        adverb = bool(bases)
        base = bases[0] if adverb else word
        written_as = sorted(s for s in synonyms.get(base, ()) if s in passage_words or f"{s}ly" in passage_words)
        if written_as:
            replacement = written_as[0] + ("ly" if adverb else "")
            question = re.sub(rf"(?i)\b{re.escape(word)}\b", replacement, question)
    return question


def _unnamed_person(question: Question, passages: list[Passage]) -> bool:
    """Whether the question names someone in full whom no retrieved passage names."""
    names = people_named(question.text)
    if not names:
        return False
    written = {fold(w) for p in passages for w in words_of(f"{p.title} {p.text}")}
    return any(not set(words_of(name)) <= written for name in names)  # "O'Brenner": "o", "brenner"


def _candidate(span: Span, passage: Passage, rank: int) -> Candidate:
    start, end = _trimmed(passage.text, span.start, span.end)
    sentence_start, sentence_end = _sentence_around(passage.text, start)
    return Candidate(span=Span(span.passage, start, end, span.score, span.null_score, span.order),
                     text=passage.text[start:end], sentence=passage.text[sentence_start:sentence_end],
                     rank=rank, cosine=passage.score,
                     near=passage.text[max(sentence_start, start - NEAR_CHARS):start] + " "
                     + passage.text[end:min(sentence_end, end + NEAR_CHARS)],
                     passage=f"{passage.title}\n{passage.text}")


def _whole(candidate: Candidate, passage: Passage, kind: str = "") -> str:
    """The candidate's text, widened to the names, dates and numbers it cuts in half, a lone
    verb to its object, and a "why" answer to its whole purpose clause."""
    span = candidate.span
    sentence = _sentence_around(passage.text, span.start)
    start, end = widened(passage.text, span.start, span.end, sentence, kind)
    return passage.text[start:end]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    # The reader's tokens are word pieces: a span may stop inside a word ("negotiat" of
    # "negotiations"); an answer is whole words.
    while 0 < start < end and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while start < end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    # A closing bracket or quote stays when its opening one is inside the answer.
    for opening, closing in (("(", ")"), ("“", "”"), ('"', '"')):
        if end < len(text) and text[end] == closing and text[start:end].count(opening) > text[start:end].count(closing):
            end += 1
    return start, end


def _sentence_around(text: str, offset: int) -> tuple[int, int]:
    """The sentence of ``text`` holding ``offset``; a sentence never crosses a paragraph."""
    block_start = text.rfind(PARAGRAPH_SEPARATOR, 0, offset + 1)
    block_start = 0 if block_start < 0 else block_start + len(PARAGRAPH_SEPARATOR)
    block_end = text.find(PARAGRAPH_SEPARATOR, offset)
    block_end = len(text) if block_end < 0 else block_end
    for start, end in sentence_spans(text[block_start:block_end]):
        if start <= offset - block_start < end:
            return block_start + start, block_start + end
    return block_start, block_end


def _evidence(passage: Passage, span: Span, data: IndexData) -> Evidence:
    start, end = _sentence_around(passage.text, span.start)
    start, end = passage.start + start, passage.start + end
    article = data.articles.get(passage.article)
    paragraph = passage.paragraph
    if article is not None:  # a window may span paragraphs: cite the sentence's own
        paragraph = sum(1 for p_start, _e in article.paragraph_offsets() if p_start <= start)
    return Evidence(
        article=passage.article, title=passage.title, date=passage.date,
        paragraph=max(1, paragraph), text=passage.text[start - passage.start : end - passage.start],
        start=start, end=end, copies=passage.copies,
    )


def _evidence_first(passages: list[Passage], evidence: Evidence | None) -> list[Passage]:
    """The passage that holds the evidence is the best passage: show it first."""
    if evidence is None:
        return passages
    for index, passage in enumerate(passages):
        if passage.holds(evidence):
            return [passage, *passages[:index], *passages[index + 1 :]]
    return passages
