"""Stage 5b: how likely each participant of a record really took part, from a small trained model.

The extraction rules find who is named around a contact; some of those are not who met
(a firm the talks were about, the group a speaker addressed, a country, an office). A
logistic model over features of the participant and its record (what the recogniser took
the name for, whether it is a group or has a role, the word before it, how often the
article names it, the kind and status of the contact...) gives the probability; a
participant under the threshold is dropped, and a record left with fewer than two, or with
no person, goes (as any record without them does). ``scripts/train_meetings_filter.py`` fits the weights and the threshold on
the tuning halves of the gold sets (labels: the participant shares a gold meeting with
another participant of its record); the weights ship in ``weights/participants.json``.
"""

from __future__ import annotations

import functools
import math
import re
from pathlib import Path

from qa import lexicons

from .groups import is_group_name
from .logistic import Collector, LogisticModel
from .mentions import People
from .records import KINDS, STATUSES, Meeting, Participant

WEIGHTS = Path(__file__).resolve().parent / "weights" / "participants.json"
_BEFORE_WORDS = ("with", "and", "of", "by", "met", "between", "for")
FEATURES = (
    ("person", "org", "place", "unlabelled", "person_shaped", "org_word", "group", "has_role", "lowercase", "name_words",
     "in_first_sentence", "article_mentions", "in_title", "participants", "evidence", "other_people")
    + tuple(f"before_{w}" for w in _BEFORE_WORDS)
    + tuple(f"kind_{k}" for k in KINDS) + tuple(f"status_{s}" for s in STATUSES)
)

_collector = Collector()
# Within ``collecting()`` extraction keeps every participant and hands each one's features over
# as (record, participant, features): the training script's rows.
collecting = _collector.collecting


def features(record: Meeting, participant: Participant, people: People, article_text: str,
             title: str) -> list[float]:
    known = people.find(participant.name)
    label = known.label if known is not None else ""
    first = record.evidence[0]["text"] if record.evidence else ""
    last_word = participant.name.split()[-1] if participant.name.split() else ""
    before = _word_before(first, participant.name)
    others = [p for p in record.participants if p is not participant]
    other_people = sum(1 for p in others if (k := people.find(p.name)) is not None and k.label == "PERSON")
    mentions = len(re.findall(rf"\b{re.escape(last_word)}\b", article_text)) if last_word else 0
    return [
        float(label == "PERSON"), float(label == "ORG"), float(label in {"GPE", "LOC", "NORP", "FAC"}),
        float(not label), float(_person_shaped(participant.name)), float(_org_word(participant.name)),
        float(is_group_name(participant.name)), float(participant.role is not None),
        float(participant.name[:1].islower()), float(min(len(participant.name.split()), 6)),
        float(bool(last_word) and last_word in first), math.log1p(mentions),
        float(bool(last_word) and last_word in title), float(min(len(record.participants), 6)),
        math.log1p(len(record.evidence)), float(min(other_people, 4)),
        *(float(before == w) for w in _BEFORE_WORDS),
        *(float(record.kind == k) for k in KINDS), *(float(record.status == s) for s in STATUSES),
    ]


def _org_word(name: str) -> bool:
    return any(w.lower() in lexicons.words("organisation_words") for w in re.findall(r"[A-Za-z]+", name))


def _person_shaped(name: str) -> bool:
    """Two to four capitalised words, none an organisation's or a number: "Ola Brenning",
    whatever the recogniser took it for."""
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() or w.lower() in lexicons.words("name_particles")
                                        for w in words) and not _org_word(name) and not any(c.isdigit() for c in name)


def _word_before(sentence: str, name: str) -> str:
    """The word written right before the name's first mention in the sentence, lower-cased."""
    at = sentence.find(name)
    if at < 0:
        at = sentence.find(name.split()[-1]) if name.split() else -1
    words = re.findall(r"[A-Za-z]+", sentence[:max(at, 0)]) if at > 0 else []
    return words[-1].lower() if words else ""


class ParticipantModel(LogisticModel):
    FEATURES = FEATURES
    WEIGHTS = WEIGHTS


@functools.cache
def shipped_model() -> ParticipantModel | None:
    return ParticipantModel.load()


def keep_likely(records: list[Meeting], people: People, article_text: str, title: str) -> list[Meeting]:
    """The records with only their likely participants (while collecting for training, with
    all of them). The caller drops a record left with fewer than two, or with no person."""
    collected = _collector.rows
    model = shipped_model() if collected is None else None
    if model is None and collected is None:
        return records  # no weights shipped: every participant stays, no features to compute
    for record in records:
        rows = [(p, features(record, p, people, article_text, title)) for p in record.participants]
        if collected is not None:
            collected.extend((record, p, values) for p, values in rows)
        elif model is not None:
            record.participants = [p for p, values in rows if model.probability(values) >= model.threshold]
    return records
