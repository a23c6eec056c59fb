"""Whether a candidate answer is of the kind the question asks for: a count for "how many", a
date for "on what date", a person's name for "what is the name of the official", not the
question's own words, nor for "who" a name the question gives. Such a candidate is no answer,
however the reader rates it.
"""

from __future__ import annotations

import functools
import re

from .. import lexicons
from ..text import words as words_of
from .question import WORD_RE, Question, asks_for_count
from .plural_office_route import asks_for_office_holders
from .role_route import is_office_word
from .scoring import Candidate, type_match


def wrong_type(question: Question, candidate: Candidate) -> bool:
    """"How many ...?" answered without a number is no answer, however the reader rates it:
    the passage names what was counted, not how many. Nor is a span that only repeats the
    question's own words ("Who sang with Ida Brenner?" -> "Ida Brenner", "Which Norlandic
    firm ...?" -> "Norland"), unless the question offers a choice ("... Brenner or Lund?"); nor, for who and whom, a
    name the question gives."""
    if asks_for_count(question.text) and not type_match("how many", candidate.text) \
            and (not _VAGUE_COUNT.search(candidate.text) or not vague_count_allowed(question.text)):
        return True  # "How many times ...?" may be answered "several times" (not when asked exactly), never "in May"
    if _excluded(question.text) & {w.lower() for w in WORD_RE.findall(candidate.text)}:
        return True  # "Which war does Norland want to focus on instead of Skarn?" is not answered by Skarn
    if undated_for_date(question.text, candidate.text):
        return True
    if _asks_for_a_persons_name(question.text) and not _proper_name(candidate.text):
        return True  # "What is the name of the official ...?" is not answered by "Norlandic security"
    if _ASKS_NAME.search(question.text) and re.match(r"(?i)an?\s", candidate.text):
        return True  # "What is the name of ...?" is never answered by "a Norlandic official"
    if asks_for_office_holders(question.text) and _one_name(candidate.text):
        return True  # "Which officials might meet?" is not answered by "Syrian intelligence chief Ali Vik"
    if _ASKS_TOWN.search(question.text) and _only_a_country(candidate.text):
        return True  # "Which city did Lund fly to?" is not answered by "Norland"
    if question.kind == "where" and (_names_a_person(candidate.text) or _elsewhere(question.text, candidate.text)):
        return True  # "Where did Lund hold talks?" is not answered by "Skarnish intelligence chief Berg"
    if _CHOICE.search(question.text):
        return False
    if repeats_question(question.text, candidate.text):
        return True
    if not {w.lower() for w in WORD_RE.findall(candidate.text)} - _FUNCTION_WORDS:
        return True  # "the", "of the": no answer at all (a pronoun may be one: "Who said it?" "he")
    # "Who met Brenner?" is never answered by "Ida Brenner": the person asked about is not the answer
    words = WORD_RE.findall(candidate.text)
    last = words[-1:] or [""]
    return question.kind in {"who", "whom"} and len(words) <= 4 and last[0][:1].isupper() \
        and last[0].lower() in _asked_words(question.text)  # a name, not "mercenaries fighting alongside Norland"


def ruled_out(question: str, answer: str) -> bool:
    """Whether the answer holds what the question rules out ("Besides its boats, what ...?" is
    not answered by "a number of boats") or only repeats the question's words."""
    return bool(_excluded(question) & {w.lower() for w in WORD_RE.findall(answer)}) or repeats_question(question, answer)


def undated_for_date(question: str, answer: str) -> bool:
    """"On what date ...?" is not answered by "over the past three months": no day, month or year."""
    return bool(_ASKS_DATE.search(question)) and not _dated(answer)


def vague_count_allowed(question: str) -> bool:
    """"How many ...?" may be answered "several" or "a limited number"; "Exactly how many?" not."""
    return not _EXACTLY.search(question)


def repeats_question(question: str, answer: str) -> bool:
    """Whether the answer only says what the question already does ("Where in Skarn did they
    meet?" is not answered by "Skarn")."""
    said = {w.lower() for w in WORD_RE.findall(answer)} - lexicons.words("stopwords")
    return bool(said) and said <= _asked_words(question)


_FUNCTION_WORDS = frozenset("the a an of to in on at and or for with by from as".split())
_CHOICE = re.compile(r"\bor\b", re.I)
_EXACTLY = re.compile(r"\b(?:exact|exactly|precise|precisely)\b", re.I)
_EXCLUDING = re.compile(r"\b(?:instead\s+of|rather\s+than|other\s+than|apart\s+from|aside\s+from|except(?:\s+for)?"
                        r"|besides|beyond)\s+(?P<what>(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")
# "Apart from its own soldiers, whom ...?": what is ruled out, as a clause of its own
_EXCLUDING_CLAUSE = re.compile(r"^\s*(?:apart\s+from|aside\s+from|besides|other\s+than|except\s+for|beyond|"
                               r"in\s+addition\s+to)\s+(?P<what>[^,?]{1,60}),\s*", re.I)


@functools.lru_cache(maxsize=64)
def _excluded(question: str) -> frozenset[str]:
    """The words of what the question rules out ("instead of Skarn", "other than the Lund
    Group", "Apart from its own soldiers, ..."), lower-cased, with the country of a demonym
    among them; once a question."""
    named = {w.lower() for match in _EXCLUDING.finditer(question)
             for w in WORD_RE.findall(match.group("what")) if w[:1].isupper()}
    clause = _EXCLUDING_CLAUSE.match(question)
    if clause:
        named |= {w.lower() for w in WORD_RE.findall(clause.group("what"))} - lexicons.words("stopwords")
    return _with_countries(named, [])


def without_exclusion(question: str) -> str:
    """The question as the reader is to read it: without a leading clause of what it rules out
    ("Apart from its own soldiers, whom did Norland send?" -> "whom did Norland send?"; the
    soldiers are then ruled out among the answers), and from its asking question word on when
    a statement leads up to it ("The talks went far enough to assess how which officials might
    meet?" -> "which officials might meet?")."""
    question = _EXCLUDING_CLAUSE.sub("", question, count=1)
    embedded = _EMBEDDED_QUESTION.search(question)
    return question[embedded.start("wh"):] if embedded else question


_EMBEDDED_QUESTION = re.compile(r"\b(?:how|what|which|who)\s+(?P<wh>(?:which|what|who|whom)\b)", re.I)
_VAGUE_COUNT = re.compile(r"\b(?:(?:several|multiple|numerous|many|few|countless|scores of)\s+\w+"
                          r"|\b(?:a|an)\s+(?:\w+\s+)?(?:number|handful)\b)", re.I)
_ASKS_DATE = re.compile(r"\b(?:what|which)\s+(?:exact\s+|precise\s+)?(?:date|day)\b|\bexact date\b", re.I)
_ASKS_NAME = re.compile(r"\bnames?\s+of\s+(?:the\s+|a\s+|an\s+|this\s+|that\s+)?(?P<rest>[\w\s'’-]+)", re.I)
# "Who was the Norlandic official quoted ...?" asks who that is: a name, not the description again
_ASKS_IDENTITY = re.compile(r"^\s*who\s+(?:is|was)\s+the\s+(?P<rest>[\w\s'’-]+)", re.I)


def _asks_for_a_persons_name(question: str) -> bool:
    """"What is the name of the Norlandic official quoted?" or "Who was the Norlandic official
    quoted?": a person's name, asked by an office noun within the next few words (not "the name of the policy", which may be "interventionism")."""
    match = _ASKS_NAME.search(question) or _ASKS_IDENTITY.match(question)
    if match is None:
        return False
    return any(is_office_word(w) for w in match.group("rest").lower().split()[:4])


def _names_a_person(text: str) -> bool:
    """A word of an office ("chief", "minister") and a name after it, with no word of a place
    ("port chief Berg" names a person; "the minister's residence in Lund" and "in her chair"
    do not)."""
    words = WORD_RE.findall(text)
    offices = [i for i, w in enumerate(words) if is_office_word(w.lower())]
    if not offices:
        return False
    after = words[offices[-1] + 1:]
    places = lexicons.words("venue_nouns") | lexicons.words("place_nouns")
    return any(w[:1].isupper() for w in after) and not any(w.lower() in places for w in after)


_WHERE_IN = re.compile(r"\b(?i:where)\s+in\s+(?:the\s+)?(?P<place>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")


def _elsewhere(question: str, answer: str) -> bool:
    """"Where in Norway ...?" is not answered by another country ("in Sweden")."""
    match = _WHERE_IN.search(question)
    asked = match.group("place").lower() if match else ""
    if asked not in lexicons.countries():
        return False
    lowered = " ".join(words_of(answer))
    return any(country != asked and re.search(rf"\b{re.escape(country)}\b", lowered) for country in lexicons.countries())


_ASKS_TOWN = re.compile(r"\b(?:which|what)\s+(?:city|town|village|port|capital)\b", re.I)


def _only_a_country(text: str) -> bool:
    return re.sub(r"(?i)^(?:in|to|from|at)?\s*(?:the\s+)?", "", text.strip()).lower() in lexicons.countries()


def _one_name(text: str) -> bool:
    """A single name, maybe after its office: no list ("Lund and Berg"), a capitalised last word."""
    words = WORD_RE.findall(text)
    return bool(words) and words[-1][:1].isupper() and not re.search(r"\band\b|,|&", text)


def _dated(text: str) -> bool:
    """A day, month or year: digits, a month's or a weekday's name."""
    words = set(words_of(text))
    return any(c.isdigit() for c in text) or bool(
        words & (frozenset(lexicons.table("months")) | lexicons.words("weekdays") | {"today", "yesterday", "tomorrow"}))


def _proper_name(text: str) -> bool:
    """A capitalised word that is not a country or its people, nor a small word that opens a
    sentence ("Norlandic security", "Norland's port chief" and "The Norlandic security" name nobody)."""
    demonyms = lexicons.mapping("demonyms")
    plain = [re.sub(r"['’]s$", "", w) for w in WORD_RE.findall(text)]
    return any(w[:1].isupper() and w.lower() not in demonyms and w.lower() not in lexicons.countries()
               and w.lower() not in lexicons.words("stopwords") for w in plain)


@functools.lru_cache(maxsize=64)
def _asked_words(question: str) -> frozenset[str]:
    """The question's words, with the country of each demonym and capital ("Which French group
    ...?" is not answered by "France", nor "What did Oslo want?" by "Norway"); once a question,
    however many candidates."""
    return _with_countries({w.lower() for w in WORD_RE.findall(question)}, lexicons.countries_by_capital(question))


def _with_countries(words: set[str], countries: list[str]) -> frozenset[str]:
    """``words`` and the words of ``countries`` and of the country each demonym among them names."""
    countries = [lexicons.mapping("demonyms").get(w) for w in words] + countries
    return frozenset(words | {w.lower() for c in countries if c for w in WORD_RE.findall(c)})
