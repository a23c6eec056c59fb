"""The "who met whom" layer: meeting records extracted from articles, and questions about them.

A :class:`Meeting` says who met whom (with roles as written), what kind of encounter it was, where,
when and why when the article states it, and always the exact sentences it rests on (offsets into
``Article.text``).  Extraction is rule-based over spaCy's entities and dependency parse:

* sentences are pre-filtered by a trigger-word regex; only trigger sentences and the three before
  each (for references) are parsed, so articles without meeting words cost nothing;
* triggers are verbs (met, visited, hosted, received, spoke by telephone) or nouns (talks, meeting,
  negotiations, summit, visit, call, discussions) whose dependents give the two sides: subject and
  object, "with X", "between X and Y", "X and Y met", "X's meeting with Y", "held talks with",
  "bosses of X and Y are to meet", "officials, including X";
* one record per pair across the sides ("A met B and C" gives A-B and A-C; "between A, B and C"
  and "A and B met" give one joint record);
* participants must be people, organisations or countries named in the article.  References are
  resolved only when the article makes them unambiguous: titles ("his Syrian counterpart",
  "Turkey's intelligence chief", "the Pakistani president") against the roles written next to names
  in the article; "he"/"she" to the one person named earlier in the sentence or the subject of the
  latest sentence naming somebody; "it"/"its" to the named subject of a reporting clause ("X said
  it is in talks with Y"); "they"/"the pair" to exactly two people just named; "whom" to its noun;
  bare surnames ("Mr Blair", "Fidan") to the full name the article uses;
* records of one article with the same participants are merged (evidence, place, time, reason);
  one-sided mentions ("Straw will hold talks in Beijing") and definite ones ("The Downing Street
  talks covered ...") complete a neighbouring record's place and reason;
* a record still without a reason takes the purpose stated for the contacts of the countries or
  organisations its participants represent by name or role ("Turkey and Syria stepped up contacts
  to find a political solution ... as Russia wants to focus more on the war with Ukraine" for
  "head of Turkey's ..." and "Syrian intelligence chief"), with that sentence as evidence.  What
  a meeting achieved ("during the talks, the two sides reached a level to evaluate how ...") is not
  taken as its reason.  Sentences never run across a paragraph break.

Precision is preferred over recall: hypothetical or denied meetings ("could meet", "any talks",
"never met", "wants to meet", "if they meet"), "meet" in the sense of satisfying ("meet targets"),
sports fixtures, and records with fewer than two named participants are dropped.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Iterable

from qa.models import Article
from qa.nlp import load_nlp
from qa.text import sentence_spans

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
# Lexicon
# --------------------------------------------------------------------------------------------

TRIGGER_RE = re.compile(
    r"\b(?:met|meet|meets|meeting|meetings|talks|talked|visit|visits|visited|visiting|hosted|"
    r"hosts|hosting|summit|summits|negotiations?|negotiated|telephone|phone|call|calls|"
    r"discussions|received|receives|receiving)\b",
    re.IGNORECASE,
)

# Country- or organisation-level contact sentences that may state why a meeting of their people
# took place ("Turkey and Syria stepped up contacts to find a political solution ...").  Sentences
# matching TRIGGER_RE are parsed anyway; these are parsed too when the article reports meetings.
CONTACT_RE = re.compile(r"\b(?:contacts?|dialogue|consultations)\b", re.IGNORECASE)
_CONTACT_NOUNS = {
    "contact", "contacts", "dialogue", "talks", "negotiations", "discussions", "consultations",
}
_CONTACT_VERBS = {"talk", "negotiate", "confer"}
_SIDE_LABELS = {"GPE", "NORP", "ORG"}

_VERB_KIND = {
    "meet": "meeting", "visit": "visit", "host": "meeting", "negotiate": "negotiations",
    "receive": "meeting",
}
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
    "suggest", "consider", "favour", "favor", "hope", "demand", "welcome",
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
    "leader", "the", "undersecretary", "speaker", "commissioner", "ambassador", "governor", "mayor",
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
_SATISFY_OBJECTS = {
    "complaint", "demand", "target", "need", "requirement", "obligation", "cost", "criterion",
    "condition", "deadline", "goal", "objective", "expectation", "standard", "rule", "concern",
    "commitment", "payment", "bill", "request", "challenge", "threat", "forecast", "estimate",
    "quota", "shortfall", "criteria", "terms", "debt", "end", "specification", "demands",
}
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "baroness", "baron", "dame"}
_SPORT_RE = re.compile(
    r"\b(?:round|seeds?|seeded|semi-finals?|quarter-finals?|finals?|fixtures?|match(?:es)?|"
    r"games?|cup|league|goals?|champions?|holders|beat|tie|draw|knock(?:ed)? out|play-offs?|"
    r"wooden spoon|grand slam)\b",
    re.IGNORECASE,
)
_COURTESY = {"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "baroness", "baron", "dame",
             "gen", "general", "president", "senator"}
_LOOKBACK = 3  # sentences before a trigger sentence that are parsed for references
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
    if ka == kb or ka.split()[-1] == kb.split()[-1]:
        return True
    # "LSE" and "London Stock Exchange".
    for short, full, raw in ((ka, kb, a), (kb, ka, b)):
        words = [w for w in full.split() if w not in {"of", "and", "the", "&"}]
        if " " not in short and raw.strip().isupper() and len(words) > 1 and short == "".join(w[0] for w in words):
            return True
    return False


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
    history: list = field(default_factory=list)  # parsed sentences before the current one, latest first
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
                if w.endswith(("'s", "’s")) or re.search(r"-[a-z]", w):
                    break  # "Paris-based Euronext"
                kept.insert(0, w)
            if kept:
                cand = " ".join(kept + [last])
                counts[cand] = counts.get(cand, 0) + 1
        if not counts:
            # "Sir Edward" -> "Sir Edward Heath": a titled first name followed by a surname.
            forward = re.compile(
                r"\b(?:Sir|Lord|Lady|Dame|Mr|Mrs|Ms|Dr|President|Gen)\.? " + re.escape(last)
                + r" ([A-Z][\w'’-]+)\b"
            )
            for m in forward.finditer(self.text):
                if m.group(1).lower() not in _TITLES:
                    cand = f"{last} {m.group(1)}"
                    counts[cand] = counts.get(cand, 0) + 1
        if counts:
            best = max(counts, key=lambda c: (counts[c], len(c)))
            # "President Reagan" is not the "Nancy Reagan" of the same story: a bare surname used
            # with an office title expands only to a full name used with that title.
            titled = set(re.findall(r"\b(President|Prime Minister|Chancellor|King|Queen|Senator|Governor|"
                                    r"Gen|General|Secretary|Minister)\s+" + re.escape(last) + r"\b", self.text))
            if titled and not any(re.search(re.escape(t) + r"\s+" + re.escape(best), self.text) for t in titled):
                best = clean or name
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


def _sentence_spans(article: Article) -> list[tuple[int, int]]:
    """Sentences of ``Article.text``, never across a paragraph break (a standfirst without a full
    stop is not one sentence with the paragraph after it)."""
    text = article.text
    offsets = article.paragraph_offsets()
    if not offsets:
        return sentence_spans(text)
    spans: list[tuple[int, int]] = []
    for ps, pe in offsets:
        spans.extend((ps + s, ps + e) for s, e in sentence_spans(text[ps:pe]))
    return spans


def extract_meetings(article: Article, nlp=None) -> list[Meeting]:
    """Meeting records of one article (empty when it reports none)."""
    return extract_meetings_many([article], nlp).get(article.id, [])


def extract_meetings_many(
    articles: Iterable[Article], nlp=None, batch_size: int = 64, parse_context: bool = False
) -> dict[str, list[Meeting]]:
    """Meeting records of many articles, parsing all trigger sentences in one ``nlp.pipe`` run."""
    nlp = nlp or load_nlp()
    jobs: list[tuple[Article, int, int, bool | None]] = []  # (article, start, end, is_trigger)
    for article in articles:
        text = article.text
        spans = _sentence_spans(article)
        wanted: dict[int, bool] = {}
        for i, (s, e) in enumerate(spans):
            if TRIGGER_RE.search(text, s, e):
                wanted[i] = True
        if wanted and parse_context:
            # Parse the other sentences too: names, roles and pronouns are resolved from them.
            for i in range(len(spans)):
                wanted.setdefault(i, False)
        elif wanted:
            for i in list(wanted):
                for k in range(max(0, i - _LOOKBACK), i):
                    wanted.setdefault(k, False)
        extra: dict[int, None] = {}
        if wanted:
            # Contact sentences parsed only as possible reasons (None: kept out of the context
            # that resolves names and pronouns).
            extra = {i: None for i, (s, e) in enumerate(spans) if i not in wanted and CONTACT_RE.search(text, s, e)}
        for i in sorted({**wanted, **extra}):
            jobs.append((article, spans[i][0], spans[i][1], wanted.get(i)))
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


def _extract_from_parsed(article: Article, parsed: list[tuple[int, int, bool | None, Any]]) -> list[Meeting]:
    all_parsed = parsed
    parsed = [item for item in parsed if item[2] is not None]  # None: a contact sentence only
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
    partials: list[Meeting] = []
    previous_doc = None
    ctx.history = []
    for s, e, trig, doc in parsed:
        if trig:
            found_partials: list[Meeting] = []
            try:
                found = _sentence_meetings(doc, ctx, previous_doc, found_partials)
            except Exception:  # noqa: BLE001 - one odd parse must not stop indexing
                found, found_partials = [], []
            for record in found + found_partials:
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
            records.extend(found)
            partials.extend(found_partials)
        previous_doc = doc
        ctx.history = ([doc] + ctx.history)[:_LOOKBACK]
    merged = _merge(records)
    _complete_from_partials(merged, partials)
    if any(r.reason is None for r in merged):
        _reasons_from_contacts(merged, all_parsed, article, offsets)
    return merged


# ---- mentions ------------------------------------------------------------------------------


def _entity_of(token):
    doc = token.doc
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def _label(ent) -> str | None:
    """Participant label of an entity; a proper-noun "NORP" in an argument slot is usually a
    mis-tagged organisation ("Euronext has met with ...")."""
    if ent is None:
        return None
    first = ent.text.split()[0].lower().strip(".")
    if first in {"mr", "mrs", "ms", "miss", "dr", "sir", "lady", "dame"} and len(ent.text.split()) > 1:
        return "PERSON"  # "Mr Ebbers" tagged ORG
    if ent.label_ in _PARTICIPANT_LABELS:
        return ent.label_
    if ent.label_ == "NORP" and ent.root.pos_ == "PROPN" and ent.root.dep_ in {
        "nsubj", "nsubjpass", "dobj", "pobj", "conj"
    }:
        word = ent.text.lower()
        if word not in _DEMONYMS and not word.endswith(("an", "ese", "is", "ish", "s", "ic", "i")):
            return "ORG"
    return None


def _entity_mention(ent, ctx: _Context, resolve: bool = True) -> _Mention | None:
    label = _label(ent)
    if label is None:
        return None
    # Drop lower-case words the tagger swept in ("rang Lucy").
    words = list(ent)
    while len(words) > 1 and words[0].text[:1].islower() and words[0].lower_ not in {"de", "van", "von", "al", "bin"}:
        words.pop(0)
    name = "".join(t.text_with_ws for t in words).strip()
    name = re.sub(r"(['’]s)$", "", name).strip()
    name = re.sub(r"^\S+-based\s+", "", name)  # "Paris-based Euronext"
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
    while words and words[-1].text.lower().strip(".") in _HONORIFICS:
        words.pop()
    pre_role = None
    if words and any(
        t.pos_ == "NOUN" or t.text.lower() in _ROLE_HEADS or t.text.lower() in _TITLES for t in words
    ):
        text = doc[words[0].i : words[-1].i + 1].text
        if text.lower() not in _HONORIFICS:
            pre_role = text
    # "President Musharraf of Pakistan".
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for p in child.children:
                if p.dep_ == "pobj" and p.ent_type_ == "GPE" and pre_role:
                    return f"{pre_role} of {doc[p.left_edge.i : p.right_edge.i + 1].text}"
    if pre_role:
        return pre_role
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
    return "".join(t.text_with_ws for t in words).strip()


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


def _resolve_pronoun(token, ctx: _Context, previous_doc, exclude: set[str] = frozenset()) -> _Mention | None:
    """"he"/"she" -> the only person (other than the meeting's other side) named before it in this
    sentence, else the subject of the previous sentence."""
    doc = token.doc

    def free(e) -> bool:
        full = ctx.full_name(_strip_titles(e.text), "PERSON")
        return not any(names_match(full, x) for x in exclude)

    before = [e for e in doc.ents if e.label_ == "PERSON" and e.end <= token.i and free(e)]
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
        # The latest earlier sentence that names somebody (quotes in between name nobody).
        for previous_doc in ctx.history or [previous_doc]:
            if any(e.label_ == "PERSON" for e in previous_doc.ents):
                break
        prev = [e for e in previous_doc.ents if e.label_ == "PERSON"]
        subj = [
            e for e in prev
            if e.root.dep_ in {"nsubj", "nsubjpass"}
            or (e.root.dep_ == "poss" and e.root.head.dep_ in {"nsubj", "nsubjpass"})
        ]
        if len({ctx.full_name(_strip_titles(e.text), "PERSON") for e in subj}) == 1:
            ent = subj[0]
        else:
            # "The prime minister took charge ... He also spoke to ...": a titled subject.
            roots = [t for t in previous_doc if t.dep_ == "ROOT"]
            heads = [c for r in roots for c in r.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if len(heads) == 1 and heads[0].pos_ == "NOUN" and not prev:
                return _resolve_nominal(heads[0], ctx, set(exclude))
            return None
    else:
        return None
    return _entity_mention(ent, ctx)


_REPORTING = {"say", "announce", "report", "confirm", "add", "state", "tell", "disclose", "reveal",
              "deny", "insist", "indicate", "note", "explain", "describe"}


def _resolve_reporting_subject(token, ctx: _Context, exclude: set[str]) -> _Mention | None:
    """"Coast Savings said it is in talks with ...", "Moscow agreed to discuss ... in its talks
    with Peking": the pronoun is the named subject of the clause that embeds it."""
    node = token
    for _ in range(8):
        if node.head is node:
            break
        node = node.head
        if node.pos_ not in {"VERB", "AUX"}:
            continue
        subj = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < token.i]
        if not subj:
            continue
        if subj[0].i == token.i:
            continue
        ent = _entity_of(subj[0])
        label = _label(ent)
        if label is None:
            return None
        if token.lower_ in {"it", "its", "they", "their"} and label == "PERSON":
            return None
        if token.lower_ in {"he", "she", "his", "her", "him"} and label != "PERSON":
            return None
        mention = _entity_mention(ent, ctx)
        if mention is None or any(names_match(mention.name, x) for x in exclude):
            return None
        # Only across a reporting verb or inside the subject's own clause.
        return mention
    return None


def _mention_for(token, ctx: _Context, previous_doc, exclude: set[str]) -> _Mention | None:
    ent = _entity_of(token)
    if token.lower_ in {"who", "whom"} and token.head.dep_ == "relcl":
        # "his fiancee X, whom he met ...": the relative pronoun stands for the noun it follows.
        return _mention_for(token.head.head, ctx, previous_doc, exclude)
    if _label(ent) and token.i == ent.root.i:
        return _entity_mention(ent, ctx)
    if _label(ent) and ent.root.i != token.i:
        # e.g. token inside a multi-token entity whose root differs.
        if token.head.i in range(ent.start, ent.end):
            return _entity_mention(ent, ctx)
    # A name the tagger missed: "Mr Thorpe", "Lord Falconer".
    if token.pos_ == "PROPN" and not _label(ent):
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
    if token.lower_ in {"it", "its", "they", "their"}:
        return _resolve_reporting_subject(token, ctx, exclude)
    if token.lower_ in _PRONOUNS or token.lower_ in {"his", "her"}:
        return _resolve_pronoun(token, ctx, previous_doc, exclude) or _resolve_reporting_subject(
            token, ctx, exclude)
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
            elif c.dep_ == "appos" and c.ent_type_ == "PERSON":
                # "his Israeli counterpart, Ariel Sharon, and the Palestinian leader, ..."
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


def _sentence_meetings(doc, ctx: _Context, previous_doc, partials: list | None = None) -> list[Meeting]:
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
        if kind == "meeting" and _SPORT_RE.search(doc.text):
            continue  # "X will meet Y in the second round": a fixture, not a meeting
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
                    elif lemma == "receive":
                        # "Putin received Erdogan": only a titled/full personal name as object.
                        side_b.extend(o for o in objs if _entity_of(o) is not None
                                      and _entity_of(o).label_ == "PERSON" and _looks_like_person(o, ctx))
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
                        if lemma == "meet" and child.lemma_.lower() in _SATISFY_OBJECTS:
                            continue  # "meet targets", "meet U.S. complaints": satisfy, not meet
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
            if lemma == "meet" and not side_b and len(_groups_to_members(side_a)) < 2 and not (
                side_a and _plural_pair(side_a[0], token, ctx)
            ):
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
                    if ent is not None and (ent.label_ in _PLACE_LABELS or "street" in ent.text.lower()):
                        place_tokens.append(child)
                    elif ent is None and child.pos_ == "PROPN" and child.text in _PLACE_WORDS:
                        place_tokens.append(child)  # "the Downing Street talks" (untagged)
            verb = _governing_verb(token)
            between = any(c.dep_ == "prep" and c.lower_ in {"between", "among"} for c in token.children)
            if between and verb is not None and not (
                token.dep_ == "dobj" and verb.lemma_.lower() in {"attend", "host", "chair", "join"}
            ):
                verb_for_subject = None
            else:
                verb_for_subject = verb
            if verb_for_subject is not None:
                if token.dep_ in {"dobj", "conj"} and verb.lemma_.lower() in _LIGHT_VERBS:
                    side_a.extend(_subjects(verb))
                elif token.dep_ == "pobj" and (
                    token.head.lower_ in {"in", "after", "following", "during", "at", "for", "before"}
                    or (token.head.lower_ == "of" and token.head.head.lower_ == "ahead")
                ):
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
        side_a = _groups_to_members(side_a)
        side_b = _groups_to_members(side_b)
        # Resolve participants, remembering their side: subjects (side A) met objects (side B);
        # "between X and Y" / "X and Y met" are symmetric (everybody met everybody).
        symmetric = False
        if token.pos_ not in {"VERB", "AUX"} and any(
            c.dep_ == "prep" and c.lower_ in {"between", "among"} for c in token.children
        ):
            symmetric = True
        side_of = {t.i: "a" for t in side_a}
        side_of.update({t.i: "b" for t in side_b})
        mentions: list[_Mention] = []
        sides: list[str] = []
        seen: list[str] = []
        pending = [t for t in side_a + side_b if not t.is_punct]
        # Named mentions first, then titles/pronouns (so "counterpart" excludes the other side).
        named, unnamed = [], []
        for t in pending:
            (named if _label(_entity_of(t)) else unnamed).append(t)
        # Relative pronouns and titles before personal pronouns, which then skip those people.
        unnamed.sort(key=lambda t: 2 if t.lower_ in _PRONOUNS or t.lower_ in {"his", "her"} else 0)
        unresolved: list = []
        for t in list(unnamed):
            pair = _plural_pair(t, token, ctx)
            if pair:
                unnamed.remove(t)
                for m in pair:
                    if not any(names_match(m.name, x) for x in seen):
                        seen.append(m.name)
                        mentions.append(m)
                        sides.append(side_of.get(t.i, "a"))
        for t in named + unnamed:
            m = _mention_for(t, ctx, previous_doc, exclude=set(seen))
            if m is None:
                unresolved.append(t)
                continue
            if any(names_match(m.name, x) for x in seen):
                continue
            if not re.sub(r"\b(?:co|inc|ltd|plc|corp|company|sons|group|the)\b\.?", "", m.name, flags=re.I).strip(" .,&"):
                continue  # "Merrill Lynch and Co Inc": a company suffix, not a second participant
            if kind == "visit" and m.label == "GPE":
                # A country or city visited is a place, not a participant.
                if side_of.get(t.i) == "b" and not place_tokens:
                    place_tokens.append(t)
                continue
            seen.append(m.name)
            mentions.append(m)
            sides.append(side_of.get(t.i, "b"))
        if not mentions and partials is not None and token.pos_ == "NOUN" and (
            token.left_edge.lower_ in {"the", "this", "that"}
        ) and not side_a and not side_b:
            # "The Downing Street talks covered ...": a definite mention of a meeting just reported.
            partial = Meeting(
                article=ctx.article.id, participants=[], kind=kind,
                place=_place(doc, token, governing, place_tokens, mentions),
                time_text=_time(doc, token, governing), reason=_reason(doc, token, governing),
            )
            if partial.place or partial.reason:
                partials.append(partial)
            continue
        if len(mentions) == 1 and partials is not None and len(side_b) == 0:
            # One named side only ("Straw, who will hold talks in Beijing on Thursday"): kept as a
            # partial record that may complete a full record of the same article with its place,
            # time or reason.
            partial = Meeting(
                article=ctx.article.id,
                participants=[Participant(mentions[0].name, mentions[0].role)],
                kind=kind,
                place=_place(doc, token, governing, place_tokens, mentions),
                time_text=_time(doc, token, governing),
                reason=_reason(doc, token, governing),
            )
            if partial.place or partial.reason:
                partials.append(partial)
            continue
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
        needs_object = token.pos_ not in {"VERB", "AUX"} or token.lemma_.lower() in {"visit", "host", "receive"}
        if needs_object and not side_b and not (
            token.pos_ not in {"VERB", "AUX"} and governing is not None
            and governing.lemma_.lower() in {"hold", "have", "begin", "start", "open", "conduct"}
        ):
            continue
        a_group = [m for m, sd in zip(mentions, sides) if sd == "a"]
        b_group = [m for m, sd in zip(mentions, sides) if sd == "b"]
        a_group = [m for m, sd in zip(mentions, sides) if sd == "a"]
        b_group = [m for m, sd in zip(mentions, sides) if sd == "b"]
        if symmetric and any(side_of.get(t.i) == "b" and t.pos_ in {"NOUN", "PROPN"} for t in unresolved):
            # "talks between banks and Mexico, Chile and Venezuela": one side is unnamed, so the
            # named ones did not meet each other (an attendee still met each of them).
            if not a_group:
                continue
            symmetric = False
        if symmetric:
            groups = [a_group + b_group] if not a_group else [[a] + b_group for a in a_group]
        elif a_group and b_group:
            groups = [[a, b] for a in a_group for b in b_group]
        elif len(a_group) >= 2 and not side_b:
            groups = [a_group]  # "Fidan and Mamlouk met", "X and Y held talks"
        else:
            # The other side names nobody ("met parents", "met his EU counterparts").
            continue
        place = _place(doc, token, governing, place_tokens, mentions)
        time_text = _time(doc, token, governing)
        reason = _reason(doc, token, governing)
        future = _is_future(token, governing)
        for group in groups:
            if len(group) < 2:
                continue
            record = Meeting(
                article=ctx.article.id,
                participants=[Participant(m.name, m.role) for m in group],
                kind=kind,
                place=place,
                time_text=time_text,
                reason=reason,
            )
            record._future = future  # type: ignore[attr-defined]  # for date resolution only
            records.append(record)
    return records


def _plural_pair(token, trigger, ctx: _Context) -> list[_Mention] | None:
    """"they met", "the pair met", "the two men met": the two people just named, when exactly two
    are named in this sentence before it or, failing that, in the last sentences."""
    if trigger.lemma_.lower() != "meet" or token.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    if not (token.lower_ in {"they", "both"} or token.lemma_.lower() in {"pair", "two", "couple", "duo"}
            or any(c.lower_ in {"two", "both"} for c in token.children)):
        return None
    if any(c.dep_ == "conj" for c in token.children):
        return None

    def people(ents) -> list:
        out = []
        for e in ents:
            if e.label_ != "PERSON":
                continue
            full = ctx.full_name(_strip_titles(e.text), "PERSON")
            if not any(names_match(full, x.name) for x in out):
                m = _entity_mention(e, ctx)
                if m is not None:
                    out.append(m)
        return out

    found = people([e for e in token.doc.ents if e.end <= token.i])
    if not found:
        ents = []
        for doc in ctx.history:
            ents = list(doc.ents) + ents
            found = people(ents)
            if len(found) >= 2:
                break
    return found if len(found) == 2 else None


_GROUP_NOUNS = {
    "counterpart", "counterparts",
    "negotiator", "negotiators", "envoy", "envoys", "diplomat", "diplomats", "team", "teams",
    "boss", "bosses", "leader", "leaders", "official", "officials", "representative",
    "representatives", "executive", "executives", "delegation", "delegations", "head", "heads",
    "chief", "chiefs", "negotiator", "negotiators", "minister", "ministers",
}


def _groups_to_members(tokens: list) -> list:
    """"Bosses of Deutsche Boerse and the London Stock Exchange" -> the two organisations;
    "officials, including Finance Minister Gerhard Stoltenberg" -> the named official."""
    out = []
    for t in tokens:
        if t.pos_ == "NOUN" and t.lower_ in _GROUP_NOUNS and t.tag_ in {"NNS", "NNPS"}:
            included = [
                p for prep in t.children if prep.dep_ == "prep" and prep.lower_ == "including"
                for c in prep.children if c.dep_ == "pobj" for p in _expand_conj(c)
            ]
            if included and all(_label(_entity_of(m)) == "PERSON" for m in included):
                out.extend(included)
                continue
        if t.pos_ == "NOUN" and t.lower_ in _GROUP_NOUNS and t.tag_ in {"NNS", "NNPS"}:
            members = [
                p for prep in t.children if prep.dep_ == "prep" and prep.lower_ in {"of", "from"}
                for c in prep.children if c.dep_ == "pobj" for p in _expand_conj(c)
            ]
            if len(members) >= 1 and all(_label(_entity_of(m)) in {"ORG", "GPE"} for m in members):
                out.extend(members)
                continue
        out.append(t)
    return out


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


_MOTION = {"be", "go", "travel", "visit", "fly", "head", "arrive", "come", "return", "trip"}


def _place_heads(trigger, governing) -> list:
    heads = [trigger] + ([governing] if governing is not None and governing is not trigger else [])
    # Conjoined verbs share places: "has been to Damascus ... and held meetings with".
    for h in list(heads):
        if h.dep_ == "conj":
            heads.append(h.head)
        for c in h.children:
            if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}:
                heads.append(c)
    # "went to Brussels to meet ...": the purpose clause's head verb.
    if trigger.dep_ in {"advcl", "xcomp"} and trigger.head.pos_ in {"VERB", "AUX"}:
        heads.append(trigger.head)
    # "The meeting ... is due to take place in Zurich": the predicate of a subject trigger.
    if trigger.dep_ in {"nsubj", "nsubjpass"} and governing is not None:
        frontier = [governing]
        for _ in range(3):
            nxt = [c for h in frontier for c in h.children if c.dep_ in {"xcomp", "acomp", "ccomp"}
                   and c.pos_ in {"VERB", "AUX", "ADJ"}]
            heads.extend(nxt)
            frontier = nxt
    return heads


def _place_entity(doc, p, names):
    ent = _entity_of(p)
    if ent is None and p.pos_ == "NOUN" and p.lower_ in _PLACE_NOUNS:
        # "at London's King Cross station": the whole noun phrase when a named place modifies it.
        mods = [c for c in p.lefts if c.dep_ in {"poss", "compound"}]
        if any(_entity_of(t) is not None and _entity_of(t).label_ in _PLACE_LABELS | {"ORG", "PERSON"}
               for m in mods for t in m.subtree):
            start = min(t.i for m in mods for t in m.subtree)
            return doc[start : p.i + 1].text
    if ent is None or ent.label_ not in _PLACE_LABELS:
        ent = None
        for sub in p.subtree:
            e2 = _entity_of(sub)
            if e2 is not None and e2.label_ in _PLACE_LABELS:
                ent = e2
                break
    if ent is None or not (ent.label_ in _PLACE_LABELS or (ent.label_ == "ORG" and "street" in ent.text.lower())):
        return None
    if name_key(ent.text) in names:
        return None
    text = _ent_text(ent)
    if ent.start > 0 and doc[ent.start - 1].like_num and not text[:1].isdigit():
        text = doc[ent.start - 1].text + " " + text
    # "Sunderland station", "Cardiff University": keep a place noun right after the name.
    if ent.end < len(doc) and doc[ent.end].lower_ in {"station", "airport", "palace", "hotel", "university"} \
            and ent.root.head.i == ent.end:
        text = f"{text} {doc[ent.end].text}"
    return text


_PLACE_NOUNS = {
    "station", "airport", "hotel", "palace", "residence", "home", "house", "office", "headquarters",
    "embassy", "university", "castle", "hall", "building", "ministry", "camp", "base",
}
_PLACE_WORDS = {"Street", "Square", "House", "Palace", "Castle", "Hall", "Centre", "Hotel", "Avenue"}


def _place(doc, trigger, governing, place_tokens, mentions) -> str | None:
    names = {name_key(m.name) for m in mentions}
    for t in place_tokens:
        ent = _entity_of(t)
        if ent is not None:
            return _ent_text(ent)
        words = [c for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        return doc[(words[0].i if words else t.i) : t.i + 1].text
    heads = _place_heads(trigger, governing)
    if trigger.pos_ in {"VERB", "AUX"}:
        # "will meet Chancellor Kohl in Bonn": the parser often hangs the place on the object.
        objects = [c for c in trigger.children if c.dep_ == "dobj"]
        objects += [p for c in trigger.children if c.dep_ == "prep" and c.lower_ == "with"
                    for p in c.children if p.dep_ == "pobj"]
        heads = heads[:1] + objects + heads[1:]
    for h in heads:
        for child in h.children:
            if child.dep_ == "prep" and child.lower_ in {"in", "at", "to"}:
                if child.lower_ == "to" and h.lemma_.lower() not in _MOTION and not (
                    h is trigger and trigger.pos_ == "NOUN" and trigger.lemma_ in {"visit", "trip"}
                ):
                    continue
                for p in child.children:
                    if p.dep_ == "pobj":
                        text = _place_entity(doc, p, names)
                        if text:
                            return text
    # "the United States, where he met President George W Bush".
    if trigger.dep_ == "relcl" and any(c.lower_ == "where" for c in trigger.children):
        ent = _entity_of(trigger.head)
        if ent is not None and ent.label_ in _PLACE_LABELS and name_key(ent.text) not in names:
            return _ent_text(ent)
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
        if governing is not None and ent.start <= governing.i < ent.end:
            continue  # "within hours of his talks": the date governs the trigger
        if re.search(r"-(?:hour|minute|day|week|month|year)\b|\b(?:hours?|minutes?)\b", ent.text, re.I) \
                and not re.search(r"\d:\d|\b(?:am|pm|noon|midnight|gmt|o'clock)\b", ent.text, re.I):
            continue  # a duration ("three-hour meeting"), not a time
        node = ent.root
        # The date must attach to the trigger (or its verb) within two steps, and not through
        # "after/before the June 8-10 summit" (another event's date).
        steps = 0
        blocked = False
        while steps < 3 and node.i not in heads and node.head is not node:
            node = node.head
            if node.dep_ == "prep" and node.lower_ in {"after", "before", "since", "until", "following", "ahead", "prior"}:
                blocked = True
            steps += 1
        if blocked:
            continue
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
    if not aux or token.tag_ != "VB" or not token.text[:1].islower() or token.lemma_.lower() in {
        "have", "be", "seem", "appear"
    }:
        return None
    doc = token.doc
    if any(doc[k].pos_ not in {"ADV", "PART"} for k in range(aux[0].i + 1, token.i)):
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
        light = h is trigger or h.lemma_.lower() in _LIGHT_VERBS
        for child in h.children:
            if not light and child.dep_ != "advcl":
                continue  # "talks ... appear to have led to": not a purpose
            if child.dep_ in {"advcl", "xcomp", "acl", "relcl"} and child.pos_ in {"VERB", "AUX"}:
                text = _infinitive(child)
                if text:
                    return text
    # "in an attempt to reach agreement over ...", "in a bid to ...".
    for h in candidates:
        for child in h.children:
            if child.dep_ == "prep" and child.lower_ == "in":
                for p in child.children:
                    if p.dep_ == "pobj" and p.lemma_.lower() in {"attempt", "bid", "effort", "order"}:
                        for c in p.children:
                            if c.dep_ in {"acl", "relcl", "advcl"}:
                                text = _infinitive(c)
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
    for h in candidates:
        for child in h.children:
            if child.dep_ == "prep" and child.lower_ in {"over", "about", "regarding", "concerning"}:
                sub = list(child.subtree)
                if any(t.ent_type_ in {"DATE", "TIME"} for t in sub) or len(sub) < 2:
                    continue
                if any(_trigger_kind(t) for t in sub):
                    continue
                while sub and sub[-1].is_punct:
                    sub.pop()
                return doc[sub[0].i : sub[-1].i + 1].text
    # (No reason from the main clause around "during/at the talks": "during the talks ..., the two
    # sides reached a level to evaluate how ..." states what the talks achieved, not why they were
    # held.  Such records may borrow the reason of a country-level contact sentence instead; see
    # _reasons_from_contacts.)
    return None


def _is_future(trigger, governing) -> bool:
    """Planned meetings ("will meet", "is to meet", "is due to hold talks")."""
    nodes = [trigger] + ([governing] if governing is not None else [])
    for _ in range(3):
        nxt = []
        for n in nodes:
            for c in n.children:
                if c.dep_ == "aux" and c.lower_ in {"will", "shall", "'ll"}:
                    return True
            if n.lemma_.lower() in {"due", "expect", "schedule", "set", "plan"}:
                return True
            if n.lemma_.lower() == "be" and any(c.dep_ == "xcomp" and any(
                    a.lower_ == "to" for a in c.children) for c in n.children):
                return True
            if n.head is not n:
                nxt.append(n.head)
        nodes = nxt
    return False


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
            if getattr(record, "_future", False):
                delta = (k - base.weekday()) % 7
                record.date = (base + _dt.timedelta(days=delta)).isoformat()
            else:
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


def _complete_from_partials(records: list[Meeting], partials: list[Meeting]) -> None:
    """Fill a record's missing place/reason from a one-sided mention of the same person in the
    same or a neighbouring paragraph, when exactly one record fits."""
    for partial in partials:
        para = partial.evidence[0]["paragraph"]
        start = partial.evidence[0]["start"]
        if not partial.participants:
            # Definite anaphor: the latest record reported just before it.
            before = [r for r in records if any(e["start"] < start and para - e["paragraph"] in {0, 1}
                                                for e in r.evidence)]
            if not before:
                continue
            latest = max(max(e["start"] for e in r.evidence if e["start"] < start) for r in before)
            fits = [r for r in before if any(e["start"] == latest for e in r.evidence)]
            targets = fits
        else:
            who = partial.participants[0].name
            fits = [
                r for r in records
                if any(names_match(who, p.name) for p in r.participants)
                and any(abs(e["paragraph"] - para) <= 1 for e in r.evidence)
            ]
            if len(fits) != 1:
                continue
            targets = fits
        for target in targets:
            _fill(target, partial)


def _fill(target: Meeting, partial: Meeting) -> None:
    used = False
    for attr in ("place", "reason"):
        if getattr(target, attr) is None and getattr(partial, attr) is not None:
            setattr(target, attr, getattr(partial, attr))
            used = True
    if not used:
        return
    if target.time_text is None and partial.time_text and partial.participants:
        # (A definite "the talks ..." sentence often dates something else: "ahead of ... later
        # in the week"; only a partial that names a participant lends its time.)
        target.time_text, target.date = partial.time_text, partial.date
    if all(e["start"] != partial.evidence[0]["start"] for e in target.evidence):
        target.evidence.append(partial.evidence[0])
        target.evidence.sort(key=lambda e: e["start"])


# ---- reasons from country-level contacts --------------------------------------------------


def _contact_sides(token) -> tuple[list, Any] | None:
    """The sides and the verb of a contact mention: "Turkey and Syria stepped up contacts",
    "X and Y held talks", "talks between X and Y", "X and Y talked"; None when it is none."""
    if token.pos_ in {"NOUN", "PROPN"} and token.lower_ in _CONTACT_NOUNS:
        verb = _governing_verb(token)
        sides: list = []
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "between":
                for p in child.children:
                    if p.dep_ == "pobj":
                        sides = _expand_conj(p)
                        if len(sides) == 1:
                            sides += _between_fallback(p)
        if not sides and verb is not None and token.dep_ == "dobj":
            sides = _subjects(verb)
        return sides, verb
    if token.pos_ == "VERB" and token.lemma_.lower() in _CONTACT_VERBS:
        return _subjects(token), token
    if token.pos_ == "VERB" and token.lemma_.lower() == "meet":
        # "Fiat will meet General Motors in an attempt to ...", "X and Y met to ...".
        sides = _subjects(token)
        for child in token.children:
            if child.dep_ == "dobj":
                sides = sides + _expand_conj(child)
            elif child.dep_ == "prep" and child.lower_ == "with":
                for p in child.children:
                    if p.dep_ == "pobj":
                        sides = sides + _expand_conj(p)
        return sides, token
    return None


def _side_entities(sides: list) -> list[tuple[str, set[str]]]:
    """(name, key words) of each side when every side is a country, people or organisation
    ("Turkey", "Turkish", "the EU"); empty otherwise."""
    out: list[tuple[str, set[str]]] = []
    for t in sides:
        ent = _entity_of(t)
        if ent is None or ent.label_ not in _SIDE_LABELS or ent.root.i != t.i:
            return []
        name = _ent_text(ent)
        # "the Palestinians", "the Syrians": the people's country.
        key = {_DEMONYMS.get(w[:-1], w) if w.endswith("s") else w for w in _content_words(name)}
        if not key:
            return []
        if not any(key == k for _, k in out):
            out.append((name, key))
    return out if len(out) >= 2 else []


def _purpose_text(verb, head) -> str | None:
    """"to find a political solution to the conflict in Syria, as Russia wants to focus more on
    the war with Ukraine": the infinitive clause with the cause attached to it ("as"/"because"),
    without non-restrictive relative clauses (", where it recently suffered serious defeats")."""
    if not _infinitive(verb):
        return None
    doc = verb.doc
    tokens = list(verb.subtree)
    # A cause clause hung on the contact verb right after the purpose.
    for c in head.children:
        if c.dep_ == "advcl" and c.i > verb.right_edge.i and any(
                m.dep_ == "mark" and m.lower_ in {"as", "because"} for m in c.children):
            if all(doc[k].is_punct for k in range(verb.right_edge.i + 1, c.left_edge.i)):
                tokens += list(c.subtree)
    skip: set[int] = set()
    for t in tokens:
        if t.dep_ == "relcl" and t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == ",":
            skip |= {x.i for x in t.subtree} | {t.left_edge.i - 1}
    start = min(c.i for c in verb.children if c.dep_ == "aux" and c.lower_ == "to")
    out = ""
    for t in sorted(tokens, key=lambda t: t.i):
        if t.i < start or t.i in skip:
            continue
        if (t.dep_ == "mark" and t.lower_ in {"as", "because"} and t.head.dep_ == "advcl"
                and out and not out.rstrip().endswith(",")):
            out = out.rstrip() + ", "
        out += t.text_with_ws
    out = re.sub(r"\s+([,;])", r"\1", out)
    out = re.sub(r"([,;])(?:\s*[,;])+", r"\1", out).strip(" ,;.:-")
    words = out.split()
    if len(words) > 30:
        out = " ".join(words[:30])
    return out or None


def _contact_reasons(doc) -> list[tuple[list[tuple[str, set[str]]], str]]:
    """(sides, reason) of the contact mentions of a sentence that state a purpose or a topic:
    "Turkey and Syria stepped up contacts to find a political solution ... as Russia wants ...",
    "India and Pakistan held talks on the Baglihar dam"."""
    out = []
    for token in doc:
        found = _contact_sides(token)
        if found is None:
            continue
        sides, verb = found
        entities = _side_entities(sides)
        if not entities or _is_irrealis(token) or (verb is not None and _is_irrealis(verb)):
            continue
        text = None
        for h in [x for x in (verb, token) if x is not None]:
            light = h is token or h.lemma_.lower() in _LIGHT_VERBS
            for child in h.children:
                if child.dep_ == "advcl" or (light and child.dep_ in {"xcomp", "acl", "relcl"}):
                    if child.pos_ in {"VERB", "AUX"}:
                        text = _purpose_text(child, h)
                        if text:
                            break
            if text:
                break
        text = text or _reason(doc, token, verb)
        if text:
            out.append((entities, text))
    return out


def _owners(p: Participant, record: Meeting) -> list[str]:
    """Possessors written before the participant's name in the record's sentences: "GM's Rick
    Wagoner" -> "GM"."""
    last = re.escape(p.name.split()[-1]) if p.name.split() else None
    if not last:
        return []
    pattern = re.compile(r"\b([A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,3})['’]s (?:[A-Z][\w.-]* ){0,3}" + last + r"\b")
    return [m.group(1) for e in record.evidence for m in pattern.finditer(e["text"])]


def _represented_sides(p: Participant, sides: list[tuple[str, set[str]]], owners: list[str] = ()) -> set[int]:
    """The sides a participant stands for: by name, or by the countries or organisations that
    its name or role mentions ("head of Turkey's National Intelligence Organization" -> Turkey,
    "Syrian intelligence chief" -> Syria)."""
    words = _content_words(p.name) | (_content_words(p.role) if p.role else set())
    return {k for k, (name, key) in enumerate(sides)
            if _same_side(p.name, name) or key <= words
            or any(_same_side(owner, name) for owner in owners)}


def _same_side(a: str, b: str) -> bool:
    """"GM" and "General Motors", "Turkey" and "Turkey"."""
    if names_match(a, b) or (_content_words(a) and _content_words(a) == _content_words(b)):
        return True
    for short, full in ((a, b), (b, a)):
        words = [w for w in re.findall(r"[\w'’-]+", full) if w.lower() not in {"of", "and", "the", "&"}]
        if short.isupper() and " " not in short and len(words) > 1 and short.lower() == "".join(
                w[0].lower() for w in words):
            return True
    return False


def _reasons_from_contacts(records: list[Meeting], parsed, article: Article, offsets) -> None:
    """A record without a reason takes the stated purpose of the contacts between the countries
    or organisations its participants represent ("Turkey and Syria stepped up contacts to find a
    political solution ..." for the meeting of Turkey's and Syria's intelligence chiefs), the
    nearest such sentence of the article; that sentence joins its evidence."""
    found = []
    for s, e, _, doc in parsed:
        if not (CONTACT_RE.search(doc.text) or TRIGGER_RE.search(doc.text)):
            continue
        try:
            reasons = _contact_reasons(doc)
        except Exception:  # noqa: BLE001 - one odd parse must not stop indexing
            continue
        found.extend((s, e, sides, text) for sides, text in reasons)
    if not found:
        return
    for record in records:
        if record.reason is not None or len(record.participants) < 2:
            continue
        fits = []
        for s, e, sides, text in found:
            reps = [_represented_sides(p, sides, _owners(p, record)) for p in record.participants]
            if not all(reps) or len(set().union(*reps)) < 2:
                continue  # somebody represents none of the sides, or all the same one
            anchor = record.evidence[0]["start"] if record.evidence else 0
            fits.append((abs(s - anchor), s, e, text))
        if not fits:
            continue
        _, s, e, text = min(fits)
        record.reason = text
        if all(ev["start"] != s for ev in record.evidence):
            # After the meeting sentences: the first evidence stays the one that reports the meeting.
            record.evidence.append({
                "article": article.id, "paragraph": _paragraph_of(offsets, s),
                "start": s, "end": e, "text": article.text[s:e],
            })


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
    capitalised = {w.lower() for w in re.findall(r"\b[A-Z][\w'’-]*", question)}
    for m in meetings:
        for p in m.participants:
            parts = name_key(p.name).split()
            if not parts:
                continue
            key = re.escape(name_key(p.name))
            hit = parts[-1] in qwords or re.search(rf"\b{key}\b", q) is not None
            if not hit and len(parts) > 1:
                # "Mitsubishi" for "Mitsubishi Motors", "Peugeot" for "PSA Peugeot Citroen".
                hit = any(w in capitalised and len(w) > 3 and w not in _GENERIC_NAME_WORDS for w in parts)
            if hit and not any(names_match(p.name, x.name) for x in people):
                people.append(p)
        if m.place and re.search(rf"\b{re.escape(name_key(m.place))}\b", q) and m.place not in places:
            places.append(m.place)
    return people, places


_GENERIC_NAME_WORDS = {
    "bank", "group", "motors", "corp", "company", "national", "organisation", "organization",
    "association", "ministry", "department", "party", "union", "council", "board", "exchange",
    "international", "united", "general", "states", "kingdom", "republic", "federal", "stock",
}


_QUESTION_STOP = {
    "who", "whom", "did", "does", "do", "meet", "met", "meets", "meeting", "meetings", "what",
    "where", "when", "why", "with", "talks", "talk", "hold", "held", "visit", "visited", "in", "at",
    "was", "were", "is", "has", "have", "had", "they", "them", "he", "she", "speak", "spoke",
    "call", "called", "negotiate", "negotiated", "negotiations", "summit", "which", "how", "reason",
    "purpose", "happen", "take", "place", "whose", "by", "host", "hosted", "meet?", "s",
}


def _question_role_words(question: str, meetings: list[Meeting]) -> set[str]:
    """Content words of the question other than the names and places it mentions."""
    words = _content_words(question) - _QUESTION_STOP
    people, places = _question_entities(question, meetings)
    for p in people:
        words -= {_norm_word(w) for w in p.name.split()}
    for place in places:
        words -= {_norm_word(w) for w in place.split()}
    return words


def _people_by_role(question: str, meetings: list[Meeting]) -> list[Participant]:
    """Participants the question names by role ("Turkey's intelligence chief"): those whose written
    role covers most of the question's remaining content words (ties between people: none)."""
    q = _question_role_words(question, meetings)
    if len(q) < 2:
        return []
    scored: list[tuple[float, Participant]] = []
    for m in meetings:
        for p in m.participants:
            if not p.role:
                continue
            hits = q & (_content_words(p.role) | {_norm_word(w) for w in p.name.split()})
            if len(hits) >= 2:
                scored.append((len(hits) / len(q), p))
    if not scored:
        return []
    best = max(score for score, _ in scored)
    winners: list[Participant] = []
    for score, p in scored:
        if score == best and not any(names_match(p.name, w.name) for w in winners):
            winners.append(p)
    return winners if best >= 0.6 and len(winners) == 1 else []


def _unknown_name_in_question(question: str, meetings: list[Meeting]) -> bool:
    """A capitalised name in the question that no record mentions ("Who did Erdogan meet?")."""
    known = set()
    for m in meetings:
        for p in m.participants:
            known |= {_norm_word(w) for w in p.name.split()}
            if p.role:
                known |= _content_words(p.role)
        if m.place:
            known |= {_norm_word(w) for w in m.place.split()}
    tokens = re.findall(r"[A-Z][\w'’-]+", question)
    first = re.match(r"\s*([\w'’-]+)", question)
    for t in tokens:
        if first and t == first.group(1):
            continue
        if _norm_word(t) not in known and t.lower() not in _QUESTION_STOP:
            return True
    return False


def answer_meeting_question(question: str, meetings: list[Meeting]) -> tuple[str, Meeting] | None:
    """Answer who/whom/where/when/why questions about meetings from the records, or None when no
    record fits (the caller then falls back to passages)."""
    if not meetings:
        return None
    q = question.strip()
    ql = q.lower()
    if not re.search(r"\b(meet|met|meets|meeting|meetings|talks|talked|visit|visited|negotiat\w*|"
                     r"summit|call|called|spoke|spoken|hosted|host)\b", ql):
        return None
    if _unknown_name_in_question(q, meetings):
        return None
    m = _Q_WORD.match(q)
    wh = m.group(1).lower() if m else ("yes/no" if re.match(r"\s*(did|does|do|has|have|had|was|were|is)\b", ql) else "who")
    people, places = _question_entities(q, meetings)
    for p in _people_by_role(q, meetings):
        if not any(names_match(p.name, x.name) for x in people):
            people.append(p)
    candidates = list(meetings)
    for p in people:
        candidates = [r for r in candidates if any(names_match(p.name, x.name) for x in r.participants)]
    for pl in places:
        candidates = [r for r in candidates if r.place and _place_matches(r.place, pl)]
    if not candidates:
        return None
    if wh == "where":
        with_field = [r for r in candidates if r.place]
        if not with_field:
            return None
        return with_field[0].place, with_field[0]  # type: ignore[return-value]
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
        return with_field[0].reason, with_field[0]  # type: ignore[return-value]
    if wh not in ("who", "whom", "yes/no"):
        return None  # "how long…", "what did the meetings reflect?": the passages answer those
    rec = candidates[0]
    if wh == "yes/no":
        if len(people) < 2:
            return None
        return "Yes: " + " and ".join(p.label() for p in rec.participants) + f" ({rec.kind})", rec
    if people:
        others: list[Participant] = []
        for r in candidates:
            for p in r.participants:
                if not any(names_match(p.name, x.name) for x in people + others):
                    others.append(p)
        if not others:
            return " and ".join(p.label() for p in rec.participants), rec
        return "; ".join(p.label() for p in others[:5]), rec
    # "Who met whom?" -- only when the question names nobody we could not place.
    if _question_role_words(q, meetings) - {"whom", "who", "one", "another", "other", "each"}:
        return None
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
