"""Who said it: the source a passage credits with what the question asks about.

"Who said the harbour would reopen in June?" asks for the subject of a reporting verb whose
sentence says that the harbour would reopen in June ("A port official said the harbour would
reopen in June", "..., Norland Radio reported"). The span reader often answers with a name of
the reported clause instead; the sentence whose reporting verb matches and whose words hold most
of what the question says is better evidence. A pronoun for a source is left to the reader.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .. import lexicons
from ..models import Passage
from ..nlp import load_nlp

_SOURCE_QUESTION = re.compile(
    r"^\s*(?:who|which\s+[\w-]+(?:\s+[\w-]+)?)\s+(said|says|reported|reports|told|tells|announced|announces|"
    r"claimed|claims|warned|warns|confirmed|confirms|stated|states|added|adds|noted|notes)\s+(.+?)[?.!\s]*$",
    re.I)
MIN_FIT = 0.6  # share of the question's content words the source's sentence must hold
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"}


class Source(NamedTuple):
    name: str
    passage: int  # index in the passages read
    start: int  # the source's words in the passage: the evidence
    end: int


def _lemma(verb: str) -> str:
    """The verb's lemma, read in a clause of its own ("they reported" -> "report")."""
    return load_nlp()(f"they {verb.lower()}")[1].lemma_.lower()


def _content(text: str) -> set[str]:
    """Content words, a capital or demonym as its country: "contacts between Oslo and
    Stockholm" is said by "Norway and Sweden stepped up contacts"."""
    stop = lexicons.words("stopwords")
    return {_country_key(w) for w in re.findall(r"[a-z0-9]+", lexicons.with_capitals_as_countries(text).lower())
            if len(w) > 2 and w not in stop}


def _country_key(word: str) -> str:
    return lexicons.mapping("demonyms").get(word, word).lower()


def by_source(question: str, passages: list[Passage]) -> tuple[str, Source] | None:
    """(answer, where the passages say it) for a "who said ...?" question, or None."""
    match = _SOURCE_QUESTION.match(question)
    if match is None or not passages:
        return None
    lemma, asked = _lemma(match.group(1)), _content(match.group(2))
    if not asked:
        return None
    best: tuple[float, Source] | None = None
    for number, doc in enumerate(load_nlp().pipe(p.text for p in passages)):
        for verb in (t for t in doc if t.lemma_.lower() == lemma and t.pos_ in {"VERB", "AUX"}):
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is None or subject.lower_ in _PRONOUNS:
                continue
            words = list(subject.subtree)
            said = _content(" ".join(t.text for t in verb.sent if t not in words))
            fit = len(asked & said) / len(asked)
            if fit >= MIN_FIT and (best is None or fit > best[0]):
                start, end = words[0].idx, words[-1].idx + len(words[-1].text)
                best = (fit, Source(doc.text[start:end], number, start, end))
    return (best[1].name, best[1]) if best else None


_OUTLET_QUESTION = re.compile(
    r"^\s*(?:according\s+to\s+)?(?:which|what)\s+(?:(?:news|media|wire)\s+(?:agency|agencies|organi[sz]ation|"
    r"outlets?|service|network|channel|website)|outlets?|newspapers?|broadcasters?|publication)\b", re.I)
_CREDITING = {"cite", "quote"}  # "Norland Radio cited an official as saying"


def asks_for_outlet(question: str) -> bool:
    """"Which news agency reported ...?", "According to which newspaper ...?"."""
    return _OUTLET_QUESTION.match(question) is not None


def by_outlet(question: str, paragraphs: list[Passage]) -> tuple[str, Source] | None:
    """"Which news agency reported the talks?": the organisation the article credits as its source
    ("..., Norland Radio reported", "according to Norland Radio", "Norland Radio cited an
    official"), the one whose sentence says most of what the question asks when it credits
    several; None when it credits none, or several as well."""
    if not asks_for_outlet(question):
        return None
    asked = _content(question)
    found: list[tuple[float, Source]] = []
    for number, doc in enumerate(load_nlp().pipe(p.text for p in paragraphs)):
        for ent in (e for e in doc.ents if e.label_ == "ORG"):
            token, head = ent.root, ent.root.head
            crediting = (token.dep_ == "nsubj" and (head.lemma_.lower() in lexicons.words("reporting_verbs")
                                                   or head.lemma_.lower() in _CREDITING)) or (
                token.dep_ == "pobj" and head.lower_ == "to" and head.i > 0 and doc[head.i - 1].lower_ == "according")
            if crediting:
                fit = len(asked & _content(token.sent.text)) / max(1, len(asked))
                found.append((fit, Source(ent.text, number, ent.start_char, ent.end_char)))
    if not found:
        return None
    best = max(fit for fit, _ in found)
    names = {source.name for fit, source in found if fit == best}
    source = next(source for fit, source in found if fit == best)
    return (source.name, source) if len(names) == 1 else None
