"""Why a named actor does something: the cause a passage gives in a clause of that actor.

"Why is Oslo pushing the two sides to talk?" is answered by "... as Norway wants to focus on
its fisheries", the clause after "as", "because" or "since" whose subject is the actor the
question names, written the same way or as another name for it (a capital for its country,
the seat of its government: "the Kremlin" for Russia). Among several such clauses, the one in
the sentence that shares most of the question's other words wins; the reader gets the
question when no passage gives one.

"Why have the talks become more frequent?" is answered by what a cause verb says of them: "the
frequency of the talks reflected a policy shift" (also "stemmed from", "was due to", "was
driven by"), when the words before the verb are the question's own and the reader found nothing.
"""

from __future__ import annotations

import re

from .. import lexicons
from ..models import Passage
from .found import Found, best

_WHY = re.compile(r"^\s*why\s+(?:is|are|was|were|did|does|do|has|have|had|would|will|might|could)\s+(?P<rest>.+?)"
                  r"\s*[?.!]*\s*$", re.I)
_ACTOR = re.compile(r"^(?:the\s+)?(?P<actor>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")
_CAUSE = re.compile(r"\b(?:as|because|since)\s+(?:the\s+)?(?P<clause>(?P<subject>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
                    r"\s+[a-z][^,;.!?]*)")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def names_for(actor: str) -> set[str]:
    """The actor, its country when it is a capital or a seat of government, lower-cased."""
    names = {actor.lower()}
    seats = lexicons.mapping("government_seats")
    names |= {c.lower() for c in lexicons.countries_by_capital(actor)}
    names |= {seats[actor.lower()].lower()} if actor.lower() in seats else set()
    return names | {seat for seat, country in seats.items() if country.lower() in names}


def _content(text: str) -> set[str]:
    text = lexicons.with_capitals_as_countries(text)
    return {w.lower() for w in _WORD.findall(text)} - lexicons.words("stopwords")


def by_cause(question: str, passages: list[Passage]) -> tuple[str, Found] | None:
    """(answer, where the passages write it) for "Why is <actor> ...?", or None."""
    match = _WHY.match(question)
    actor = _ACTOR.match(match.group("rest")) if match else None
    if actor is None:
        return None
    names = names_for(actor.group("actor"))
    asked = _content(match.group("rest")) - names - {actor.group("actor").lower()}
    scored: list[tuple[int, Found]] = []
    for number, passage in enumerate(passages):
        for hit in _CAUSE.finditer(passage.text):
            subject = hit.group("subject")
            if subject.lower() not in names and names_for(subject).isdisjoint(names):
                continue
            start = passage.text.rfind(".", 0, hit.start()) + 1
            clause = hit.group("clause").strip()
            scored.append((len(asked & _content(passage.text[start: hit.start()])),
                           Found(clause, number, hit.start("clause"), hit.start("clause") + len(clause))))
    return best(scored)


# A cause verb: what follows it is why what precedes it happened ("the rise reflected demand").
_CAUSE_VERB = re.compile(r"\b(?:reflect(?:s|ed)?|(?:stem(?:s|med)?|result(?:s|ed)?|arose|arise[sn]?)\s+from|"
                         r"(?:is|are|was|were|has\s+been|have\s+been)\s+(?:largely\s+|partly\s+|mainly\s+)?"
                         r"(?:due|owing|attributed|attributable)\s+to|"
                         r"(?:is|are|was|were|has\s+been|have\s+been)\s+(?:largely\s+|partly\s+|mainly\s+)?"
                         r"(?:driven|caused|prompted|fuell?ed|triggered|spurred)\s+by)\s+", re.I)
# Where the clause before the verb starts, and where the cause after it ends.
_CLAUSE_START = re.compile(r"(?:^|[,;:]\s+|\s(?:but|and|while|whereas|although|though)\s+)", re.I)
_CAUSE_END = re.compile(r"\s+(?:as|because|since|while|but|and\s+(?:the|a|an|it|this)|which|after)\s+|[,;:.!?]")
_PREFIX = 5  # "frequent" and "frequency", "meetings" and "meeting": the same word for this


def by_cause_verb(question: str, passages: list[Passage]) -> tuple[str, Found] | None:
    """(answer, where) for "Why ...?" from a cause verb whose clause shares at least two of the
    question's content words, or None. Weaker evidence than a clause of the actor's: the
    caller asks only when the reader found no answer."""
    if not re.match(r"^\s*why\b", question, re.I):
        return None
    asked = {w[:_PREFIX] for w in _content(question) if w != "why"}
    scored: list[tuple[int, Found]] = []
    for number, passage in enumerate(passages):
        for verb in _CAUSE_VERB.finditer(passage.text):
            sentence_start = max(passage.text.rfind(". ", 0, verb.start()) + 1, 0)
            before = passage.text[sentence_start:verb.start()]
            clause = before[[m.end() for m in _CLAUSE_START.finditer(before)][-1]:]
            shared = len(asked & {w[:_PREFIX] for w in _content(clause)})
            rest = passage.text[verb.end():]
            end = _CAUSE_END.search(rest)
            text = rest[:end.start() if end else len(rest)].strip()
            if shared >= 2 and text:
                scored.append((shared, Found(text, number, verb.end(), verb.end() + len(text))))
    return best(scored)
