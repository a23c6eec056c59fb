"""From articles to meeting records: the stages run in order over each article.

Only sentences with a trigger word are parsed, with the sentences around them (names, roles
and references are resolved from those) and the country-level contact sentences that may
state a reason; articles without a trigger word cost nothing. Sentences never run across a
paragraph break.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from qa import lexicons
from qa.ingest.dates import dateline_length, dateline_place
from qa.models import Article
from qa.names import name_key, names_match
from qa.nlp import load_nlp
from qa.text import sentence_spans

from .arguments import destination, find_place, own_town
from .times import find_time, own_time
from .dates import is_ahead, resolve_date
from .groups import is_group_name
from .mentions import People, gather_people, people_named, subject_person
from .plural import is_person, main_pair, plural
from .references import PLURAL, Scope, count_of, in_a_time_clause, reporter_of, resolve
from .mend import mend_counted_subject, mend_particle_names, mend_verb_read_as_modifier
from .confidence import keep_likely
from .evaluation import pair_matches
from . import pairs
from .merge import Mention, merge_mentions, same_people
from .reason import find_reason
from .records import Meeting, Participant
from .slot_words import RECALLING_ADVERBS
from .sides import listed_together, separately, slots_of
from .stated import evidence_of, reasons_from_contacts, reasons_stated_next, venues_stated_next
from .triggers import find_triggers, trigger_regex

BEFORE, AFTER = 3, 2  # sentences parsed around a trigger sentence, for names and references
LEAD = 2  # first sentences parsed too: news names people in full there, by surname later
_BULLETS = re.compile(r"[►▶•▪■●◆]")
_CONTACT_RE = re.compile(r"\b(?:contacts?|dialogue|consultations|talks)\b", re.I)


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int
    is_trigger: bool
    doc: object = None


def _sentences(article: Article) -> list[Sentence]:
    out: list[Sentence] = []
    text = article.text
    regex = trigger_regex()
    for number, (ps, pe) in enumerate(article.paragraph_offsets(), start=1):
        for s, e in sentence_spans(text[ps:pe]):
            start, end = ps + s, ps + e
            out.append(Sentence(len(out), start, end, number, bool(regex.search(text, start, end))))
    return out


def _wanted(sentences: list[Sentence], text: str) -> list[Sentence]:
    triggers = [s.index for s in sentences if s.is_trigger]
    keep = {k for i in triggers for k in range(i - BEFORE, i + AFTER + 1) if 0 <= k < len(sentences)}
    if triggers:
        keep |= {s.index for s in sentences if _CONTACT_RE.search(text, s.start, s.end)}
        keep |= set(range(min(LEAD, len(sentences))))
    return [sentences[i] for i in sorted(keep)]


def extract_meetings(article: Article, nlp=None) -> list[Meeting]:
    """Meeting records of one article (empty when it reports none)."""
    return extract_meetings_many([article], nlp).get(article.id, [])


def extract_meetings_many(articles: Iterable[Article], nlp=None, batch_size: int = 64,
                          partial: bool = False) -> dict[str, list[Meeting]]:
    """Records of many articles, parsing every wanted sentence in one ``nlp.pipe`` run.

    ``partial`` also returns the contacts of which the text names fewer than two participants (used
    to score trigger detection)."""
    nlp = nlp or load_nlp()
    jobs: list[tuple[Article, Sentence]] = []
    filed_at: dict[str, str | None] = {}
    for article in articles:
        article, filed_at[article.id] = _without_dateline(article)
        jobs += [(article, s) for s in _wanted(_sentences(article), article.text)]
    texts = (_BULLETS.sub(" ", a.text[s.start:s.end]) for a, s in jobs)
    by_article: dict[str, tuple[Article, list[Sentence]]] = {}
    for (article, sentence), doc in zip(jobs, nlp.pipe(texts, batch_size=batch_size)):
        sentence.doc = mend_counted_subject(mend_verb_read_as_modifier(mend_particle_names(doc)))
        by_article.setdefault(article.id, (article, []))[1].append(sentence)
    return {aid: _article_meetings(article, sentences, partial, filed_at.get(aid))
            for aid, (article, sentences) in by_article.items()}


def _without_dateline(article: Article) -> tuple[Article, str | None]:
    """The article with its wire dateline blanked (same length, so offsets stay exact): its
    capitalised place would otherwise read as a person; and the place it names, where the
    story was filed."""
    first = article.paragraphs[0] if article.paragraphs else ""
    cut = dateline_length(first)
    if not cut:
        return article, None
    blanked = " " * cut + first[cut:]
    return dataclasses.replace(article, paragraphs=(blanked, *article.paragraphs[1:])), dateline_place(first)


def _article_meetings(article: Article, sentences: list[Sentence], partial: bool,
                      filed_at: str | None = None) -> list[Meeting]:
    people = gather_people([s.doc for s in sentences])
    mentions: list[Mention] = []
    previous_people: list[str] = []
    earlier_people: list[list[str]] = []  # those named by the sentences before that, latest first
    previous_subject = None
    trip: tuple[int, str, str] | None = None  # (sentence, traveller, place) of the latest journey
    pair_rows: list[tuple[Sentence, pairs.PairRow]] = []
    for sentence in sentences:
        named, named_subject = people_named(sentence.doc, people), subject_person(sentence.doc, people)
        subject = named_subject or _pronoun_subject(sentence.doc, previous_subject)
        place = destination(sentence.doc)
        if place and subject:
            trip = (sentence.index, subject, place)
        if sentence.is_trigger:
            context = (previous_people, previous_subject, earlier_people)
            triggers = find_triggers(sentence.doc)
            read = []  # the names the rules read in this sentence
            for meeting, definite in _sentence_meetings(sentence.doc, triggers, people, context, mentions,
                                                        named, named_subject, sentence.index):
                meeting.article = article.id
                meeting.evidence = [evidence_of(article, sentence)]
                _place_of_trip(meeting, trip, sentence.index)
                mentions.append(Mention(sentence.index, meeting, definite))
                read += meeting.names()
            pair_rows += [(sentence, row) for row in pairs.candidate_rows(
                sentence.doc, triggers, people, sentence.index, named_subject or previous_subject, read,
                article.text, article.title)]
        if named and previous_people and named != previous_people:
            earlier_people = [previous_people, *earlier_people][:3]
        previous_people = named or previous_people
        previous_subject = subject or (previous_subject if not named else None)  # "She ... She ..."
    for mention in mentions:  # before merging: "... but Norland called off the meeting" met no one
        _without_countries(mention.meeting, people, article.text)
    records = keep_likely(merge_mentions(mentions), people, article.text, article.title)
    records = [r for r in records if len(r.participants) > 1 and any(is_person(p, people) for p in r.participants)]
    records += _missed_pairs(article, pair_rows, records, people)
    reasons_from_contacts(records, article, sentences)
    reasons_stated_next(records, article, sentences)
    venues_stated_next(records, article, sentences)
    for record in records:
        if record.status == "happened" and is_ahead(record.time_text, article.date):
            record.status = "planned"  # "talks tomorrow", "leaves on April 29 for talks" (on April 7): not yet
        record.date = record.date or resolve_date(record.time_text, article.date, record.status)
        _place_of_dateline(record, filed_at, article.date)
    if partial:
        records += [m.meeting for m in mentions if len(m.meeting.participants) < 2]
    return records


def _missed_pairs(article: Article, rows: list[tuple[Sentence, pairs.PairRow]], records: list[Meeting],
                  people: People) -> list[Meeting]:
    """Records of the candidate pairs no record holds that the pair model finds likely."""
    def held(names: tuple[str, str], meetings: list[Meeting]) -> bool:
        return any(pair_matches(names, pair) for m in meetings for pair in m.pairs())

    fresh = [(s, r) for s, r in rows if not held((r.first.participant.name, r.second.participant.name), records)]
    if pairs.is_collecting():  # training: every candidate, none kept
        pairs.collect(article.id, [r for _, r in fresh])
        return []
    model = pairs.shipped_model()
    if model is None:
        return []
    added: list[Meeting] = []
    for sentence, row in fresh:
        names = (row.first.participant.name, row.second.participant.name)
        if model.probability(row.values) < model.threshold:
            continue
        token, kind = row.trigger.token, row.trigger.kind
        time_text = find_time(token)
        same = next((m for m in added if held(names, [m]) and (None in (time_text, m.time_text) or time_text == m.time_text)), None)
        if same is not None:  # the same two again, in another sentence: one record, every sentence kept
            if all(e["start"] != sentence.start for e in same.evidence):
                same.evidence.append(evidence_of(article, sentence))
            continue
        meeting = Meeting(article.id, [row.first.participant, row.second.participant], kind, row.trigger.status,
                          place=find_place(token, slots_of(token, kind).places, list(names)),
                          time_text=time_text, reason=find_reason(token), trigger=token.text,
                          evidence=[evidence_of(article, sentence)])
        if len(_without_countries(meeting, people, article.text).participants) == 2:
            added.append(meeting)
    return added


def _without_countries(record: Meeting, people: People, text: str = "") -> Meeting:
    """A country is where someone went, never who they met: "Berg's talks with Norway" are with
    its officials, whom the article does not name."""
    def country(p: Participant) -> bool:
        known = people.find(p.name)
        if not p.role and known is not None and known.label == "LOC":
            return True  # a region, a sea, a continent ("the Arctic"): never a person
        if not p.role and name_key(p.name) in _countries():
            return known is None or known.label != "PERSON"  # whatever else the recogniser took it for
        if not p.role and p.name.lower() in lexicons.mapping("demonyms"):
            return True  # "Norlandic" of "Norlandic President Ada Berg": a people, never one of them
        return not p.role and known is not None and known.label in {"GPE", "LOC"} and _only_a_place(p.name, people, text)
    record.participants = [p for p in record.participants if not country(p)]
    return record


def _only_a_place(name: str, people: People, text: str) -> bool:
    """A town the article writes as a place ("in Paris") and never as a person: "talks with
    Paris" are with its officials."""
    if any(p.label == "PERSON" and names_match(p.name, name) for p in people.known):
        return False
    return re.search(rf"\b(?:in|to|at|from|near|outside) (?:the )?{re.escape(name)}\b", text) is not None


@functools.cache
def _countries() -> frozenset[str]:
    """Country and capital names as the name matcher keys them ("U.S." -> "us")."""
    return frozenset(name_key(c) for c in lexicons.known_places())  # a capital stands for its country


def _pronoun_subject(doc, previous_subject: str | None) -> str | None:
    """"He will be in Peking": the person of the sentence before, when the subject is a pronoun."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or previous_subject is None:
        return None
    pronoun = any(c.dep_ == "nsubj" and c.lower_ in {"he", "she"} for c in root.children)
    return previous_subject if pronoun else None


def _place_of_trip(meeting: Meeting, trip: tuple[int, str, str] | None, sentence: int) -> None:
    """A meeting that states no place is where one of its people has just arrived ("Berg
    arrived in Oslo on Monday. She met Lund ..."); a call is not (the other side is elsewhere)."""
    if meeting.place is not None or meeting.kind == "call" or trip is None:
        return
    if sentence - trip[0] <= 1 and any(names_match(p.name, trip[1]) for p in meeting.participants):
        meeting.place = trip[2]


def _place_of_dateline(record: Meeting, filed_at: str | None, published: str | None) -> None:
    """A contact that states no place but a day within a week of the story is where the dateline
    says the story was filed ("OSLO, May 3 - Lund met Berg on Monday"): reporters file from
    there. Undated ("had met Berg before") or long before, it may be anywhere."""
    if record.place or not filed_at or record.kind == "call":
        return  # a call joins two places: the reporter's is neither's for sure
    if not record.date or not published or not _within_days(record.date, published, 7):
        return
    record.place = filed_at


def _within_days(day: str, published: str, days: int) -> bool:
    try:
        a, b = date.fromisoformat(day), date.fromisoformat(published[:10])
    except ValueError:
        return False  # a month or a year: not the days around the story
    return abs((b - a).days) <= days


def _resolve_all(tokens: list, scope: Scope, exclude: list[str]) -> list[Participant]:
    out: list[Participant] = []
    group_token = None  # the token of the last group added
    for token in tokens:
        found = resolve(token, scope, exclude + [p.name for p in out])
        if found == PLURAL:
            found = main_pair(token, scope) or plural(
                scope, token.lower_, count_of(token), subordinate=any(a.dep_ in {"advcl", "relcl"} for a in token.ancestors),
                when=in_a_time_clause(token))
        if isinstance(found, Participant) and group_token is not None and token.dep_ == "conj" and (
                token.head.i == group_token.i) and is_group_name(found.name) and out and is_group_name(out[-1].name):
            # "hosted finance ministers and central bankers at a dinner": one side, as written
            out[-1] = Participant(f"{out[-1].name} and {found.name}", None)
            continue
        for person in found if isinstance(found, list) else [found]:
            if person is not None and not any(names_match(person.name, p.name) for p in out):
                out.append(person)
                group_token = token if is_group_name(person.name) else None
    return out


def _groups(who: list[Participant], whom: list[Participant], joint: bool,
            apart: bool = False) -> list[list[Participant]]:
    """Participant lists of the events a trigger reports: one joint event, or one per object.
    ``apart``: the subjects met someone else, not each other ("X and Y visited Z", "X and Y
    are negotiating with their banks" where the banks are nobody the article names)."""
    if apart and not whom and who:
        return [[p] for p in who]
    if joint or not whom:
        return [who]
    if not who:
        return [[w] for w in whom]  # one-sided: it may complete a neighbouring mention
    return [who + [w] for w in whom if not any(names_match(w.name, p.name) for p in who)]


def _definite(token) -> bool:
    """"the talks", "this meeting", "both meetings", and "Talks centred on ..." opening a sentence."""
    return token.pos_ == "NOUN" and (any(c.dep_ in {"det", "predet"} and c.lower_ in {"the", "this", "these", "both"}
                                         for c in token.children) or (token.i == 0 and token.tag_ == "NNS"))


def _recalled_contact(token) -> bool:
    """A contact the story recalls: "last" or "first" on the verb (both envoys, in Oslo, in 2019)."""
    return any(c.dep_ in {"advmod", "nsubj"} and c.lower_ in RECALLING_ADVERBS for c in token.children)


def _story_pair(mentions: list[Mention], index: int) -> list[Participant] | None:
    """The two people the story is about: the pair of the most contacts told so far, the one it
    leads with counting twice (the first, when as many), whom a recalled contact of "both envoys"
    points to, not the latest one told; but the pair of the two sentences just before, if they
    tell contacts of one pair only ("Lund's meeting with Berg ... The two last met in Oslo")."""
    before = [m.meeting.participants for m in mentions if index - 2 <= m.sentence < index]
    if before and len(before[0]) == 2 and all(same_people(m.meeting, mentions[-1].meeting) for m in mentions
                                               if index - 2 <= m.sentence < index):
        return before[0]
    pairs: dict[frozenset, list] = {}
    for mention in mentions:
        people = mention.meeting.participants
        if len(people) == 2:
            pairs.setdefault(frozenset(name_key(p.name) for p in people), []).append(people)
    if not pairs:
        return None
    lead = next(iter(pairs))
    return max(pairs.items(), key=lambda item: len(item[1]) + (item[0] == lead))[1][0]  # max keeps the first of equals


def _sentence_meetings(doc, triggers: list, people: People, context: tuple[list[str], str | None, list[list[str]]],
                       mentions: list[Mention], named: list[str], named_subject: str | None,
                       index: int) -> list[tuple[Meeting, bool]]:
    """The contacts the ``triggers`` of one sentence report; ``named`` and ``named_subject``: its
    people and the one it is about."""
    found = []
    subject = [named_subject] if named_subject else []
    # "both envoys", "their parley": the latest contact of someone this sentence names, else the latest
    contacts = [m.meeting.participants for m in reversed(mentions) if len(m.meeting.participants) > 1]
    latest = next((c for c in contacts if any(names_match(p.name, n) for p in c for n in named)),
                  contacts[0] if contacts else None)
    for trigger in triggers:
        token = trigger.token
        named_before = people_named(doc[: token.i], people)
        referred = _story_pair(mentions, index) if not named and _recalled_contact(token) else None
        scope = Scope(people, context[0], context[1], named_before, subject, referred or latest,
                      reporter_of(token, people), context[2], contacts)
        slots = slots_of(token, trigger.kind)
        whom = _resolve_all(slots.whom, scope, [])
        who = _resolve_all(slots.who, scope, [p.name for p in whom])
        if not who and whom and token.pos_ == "NOUN" and subject:
            # "At a news conference after talks with Blair, Abbas said": the sentence's subject.
            who = _resolve_all([], scope, []) or [Participant(subject[0], None)]
            who = [p for p in who if not any(names_match(p.name, w.name) for w in whom)]
        elif not who and len(whom) == 1 and token.pos_ == "NOUN" and token.dep_ in {"nsubj", "nsubjpass"} \
                and trigger.status != "happened" and context[1] and not names_match(context[1], whom[0].name):
            # "... Lund arrived in Amman. A meeting with Berg is planned for Wednesday": the
            # person the story was just about, when the sentence is about a meeting to come
            who = [Participant(context[1], None)]
        names = [p.name for p in who + whom]
        place = find_place(token, slots.places, names)
        time_text, reason = find_time(token), find_reason(token)
        # "both envoys held a meeting ...": the people one reference names met each other
        apart = (bool(slots.places) or (bool(slots.whom) and not whom)) and not (len(slots.who) == 1 and len(who) > 1)
        if who and len(whom) > 1 and not slots.joint and listed_together(slots.whom, token):
            groups = [who + [w for w in whom if not any(names_match(w.name, p.name) for p in who)]]
        elif len(who) > 1 and whom and not slots.joint and separately(token):
            groups = [[p] + whom for p in who]  # "Lund and Berg held separate talks with their counterparts"
        else:
            groups = _groups(who, whom, slots.joint, apart)
        if any(len(g) > 1 for g in groups):  # "held talks with Lund at the castle, where they went over quotas"
            latest = next(g for g in groups if len(g) > 1)
        # "met King Harald in Oslo and Sheikh Omar in Doha": each where (and when) they were met
        towns = {p.name: town for t in slots.whom if (town := own_town(t))
                 for p in _resolve_all([t], scope, [])} if len(groups) > 1 else {}
        days = {p.name: day for t in slots.whom if (day := own_time(t))
                for p in _resolve_all([t], scope, [])} if len(groups) > 1 else {}
        for group in groups:
            town = next((towns[p.name] for p in group if p.name in towns), None)
            day = next((days[p.name] for p in group if p.name in days), None)
            found.append((Meeting(article="", participants=group, kind=trigger.kind, status=trigger.status,
                                  place=town or place, time_text=day or time_text, reason=reason, trigger=token.text),
                          _definite(token)))
    return found
