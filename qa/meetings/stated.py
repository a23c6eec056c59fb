"""Stage 4c: what the sentences after a contact say about it, and the sentences a record
rests on: the purpose a sentence of its own states ("The aim was to mend ties"), why one of its
people came, the purpose stated for the contacts of the countries its people stand for, and
the venue a sentence about its people puts them in.
``sentences`` are the article's parsed sentences (``doc``, ``index``, ``start``, ``end``,
``paragraph``), in order.
"""

from __future__ import annotations

from qa.models import Article
from qa.names import names_match

from .merge import is_venue
from .purposes import (PERSONAL_PRONOUNS, contact_purposes, personal_purpose, purpose_statement, represents,
                       venue_statement)
from .records import Meeting


def add_evidence(record: Meeting, evidence: dict) -> None:
    """One more sentence the record rests on, kept in reading order."""
    if all(e["start"] != evidence["start"] for e in record.evidence):
        record.evidence.append(evidence)
        record.evidence.sort(key=lambda e: e["start"])


def evidence_of(article: Article, sentence) -> dict:
    return {"article": article.id, "paragraph": sentence.paragraph, "start": sentence.start,
            "end": sentence.end, "text": article.text[sentence.start:sentence.end]}


_PURPOSE_REACH = 2  # sentences back a purpose statement may look for its contact


def reasons_stated_next(records: list[Meeting], article: Article, sentences: list) -> None:
    """"... met Lund on Friday. The aim was to mend ties": the purpose a sentence of its own gives
    the contact reported just before it (the latest one, when it has none yet); also why one of
    its people came, or what they pressed the other to do ("Lund had travelled to Oslo in a bid
    to ...", "Lund pressed her to ...")."""
    for position, sentence in enumerate(sentences):
        if sentence.doc is None or position == 0:
            continue
        purpose = purpose_statement(sentence.doc)
        personal = None if purpose else personal_purpose(sentence.doc)
        if purpose is None and personal is None:
            continue
        told = []
        for before in reversed(sentences[max(0, position - _PURPOSE_REACH): position]):
            if before.index < sentence.index - _PURPOSE_REACH:
                break  # "... met Lund. Also at the table were X and Y. The aim was to ...": two back
            told = [r for r in records if any(before.start <= e["start"] < before.end for e in r.evidence)]
            if told:
                break
        if personal is not None:
            told = [r for r in told if _took_part(personal.person, r)
                    and (personal.pressed is None or _took_part(personal.pressed, r))]
            purpose = personal.purpose
        for record in told if len(told) == 1 or len({tuple(r.names()) for r in told}) == 1 else []:
            if record.reason is None:
                record.reason = purpose
                add_evidence(record, evidence_of(article, sentence))


def _took_part(person: str, record: Meeting) -> bool:
    """Whether the name (or "he", "her") may be one of the record's people."""
    return person in PERSONAL_PRONOUNS or any(names_match(p.name, person) for p in record.participants)


def reasons_from_contacts(records: list[Meeting], article: Article, sentences: list) -> None:
    """A meeting without a reason takes the purpose stated for the contacts of the countries or
    organisations its participants stand for, one side each (nearest such sentence)."""
    stated = [(s, sides, text) for s in sentences for sides, text in contact_purposes(s.doc)]
    for record in (r for r in records if r.reason is None and len(r.participants) == 2):
        anchor = record.evidence[0]["start"] if record.evidence else 0
        fits = []
        for sentence, sides, text in stated:
            a, b = record.participants
            if any(represents(a, x) and represents(b, y) and not names_match(x, y)
                   for x in sides for y in sides):
                fits.append((abs(sentence.start - anchor), sentence, text))
        if fits:
            _, sentence, text = min(fits, key=lambda f: f[0])
            record.reason = text
            add_evidence(record, evidence_of(article, sentence))


def venues_stated_next(records: list[Meeting], article: Article, sentences: list) -> None:
    """"... met Berg on Monday. The two leaders shook hands at the Skarn hotel before ...": the
    venue of the contact told in the sentence before, when it has none (a town it may have)."""
    for previous, sentence in zip(sentences, sentences[1:]):
        venue = venue_statement(sentence.doc) if sentence.doc is not None else None
        if venue is None or sentence.index - previous.index != 1:
            continue
        told = [r for r in records if r.kind != "call"
                and any(previous.start <= e["start"] < previous.end for e in r.evidence)]
        if len(told) == 1 and not (told[0].place and is_venue(told[0].place)):
            told[0].place = f"{venue}, {told[0].place}" if told[0].place else venue
            add_evidence(told[0], evidence_of(article, sentence))
