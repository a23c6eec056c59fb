"""The project's one question classifier: what a question asks for, and its content words.

    >>> analyse("Who did Turkey's intelligence chief meet in Damascus?").kind
    'whom'

Kinds: who, whom, whose, where, when, why, how many, how much, how long, how often, how,
which, what, yesno. The meetings layer receives the kind from here; it never classifies questions itself.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .. import lexicons
from ..names import fold
from ..nlp import entities_only
from ..text import sentence_spans, words as words_of

WH_WORDS = ("who", "whom", "whose", "where", "when", "why", "how", "what", "which")
AUXILIARIES = frozenset(
    "is are was were be been do does did has have had can could will would should shall may "
    "might must am".split()
)
# "Who did X meet?": an auxiliary right after "who" makes it ask for the verb's object.
_OBJECT_MARKERS = frozenset("did do does will would has have had can could should".split())
_HOW_KINDS = {"many": "how many", "much": "how much", "long": "how long", "far": "how many",
              "large": "how many", "big": "how many", "tall": "how many", "high": "how many",
              "old": "how many", "often": "how often"}
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
# "In what year ...?", "Over what period ...?": a time is asked for, as by "when"
_TIME_NOUNS = frozenset("period year month day date time decade century week season era timeframe hour".split())


@dataclass(frozen=True)
class Question:
    text: str
    kind: str
    terms: dict[str, float] = field(default_factory=dict)  # stemmed content words -> weight


def analyse(text: str) -> Question:
    return Question(text=text, kind=classify(text), terms=weighted_terms(text))


MEETING_PARTS = ("who", "whom", "where", "when", "why")


def asked_parts(question: str) -> tuple[str, ...]:
    """Every part a composite question asks, in order: "Who met whom, where and why?" ->
    who, whom, where, why. A question asking one thing gives one part (or none)."""
    tokens = [t.lower() for t in WORD_RE.findall(question)]
    return tuple(dict.fromkeys(t for t in tokens if t in MEETING_PARTS))


# "Who is the harbour chief, and which union does she lead?": a second question, on the first's answer
_SECOND_QUESTION = re.compile(r"^(?P<first>\s*(?:who|whom|whose|what|which|when|where|why|how)\b.+?)\s*,?\s+and\s+"
                              r"(?P<second>(?:who|whom|whose|what|which|when|where|why|how)(?:\s+[^\s?]+){2,})\s*\??\s*$",
                              re.I)


def question_parts(question: str) -> tuple[str, ...]:
    """The questions a composite question joins with "and", each its own question; a question
    asking one thing, or "Who met whom and why?" (parts of one event), is one part."""
    joined = _SECOND_QUESTION.match(question)
    if joined is None:
        return (question,)
    return joined.group("first").rstrip(" ,") + "?", joined.group("second") + "?"


# "When Lund met Berg, what did they discuss?": a leading time or place clause, then the question
_CLAUSE_FIRST = re.compile(r"^\s*(?:(?:so|and|but|now)\s+)?(?:when|where|once|after|before|while)\b[^?,]{3,120},\s*"
                           r"(?=(?:who|whom|whose|what|which|when|where|why|how)\b)", re.I)


def classify(question: str) -> str:
    tokens = [t.lower() for t in WORD_RE.findall(question)]
    index = next((i for i, t in enumerate(tokens) if t in WH_WORDS), None)
    while index is not None and index + 1 < len(tokens) and tokens[index + 1] in set(WH_WORDS) - {"how"}:
        index += 1  # "... to assess how which officials might meet?": the second asks
    asking = _CLAUSE_FIRST.match(question)
    if asking:  # "So when they meet this often, what does it signal?": the clause sets the scene
        return classify(question[asking.end():])
    if index is None:
        return "yesno" if tokens and tokens[0] in AUXILIARIES else "what"
    wh = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    if wh == "how":
        return _HOW_KINDS.get(following, "how")
    if wh == "who" and following in _OBJECT_MARKERS and len(tokens) > index + 3:
        return "whom"
    if wh in {"what", "which"} and following in _TIME_NOUNS:
        return "when"
    return wh


_PURPOSE = re.compile(
    r"^\s*what\s+(?P<aux>is|are|was|were|do|does|did|has|have|had)\s+(?P<who>.+?)\s+"
    r"(?:hop|seek|sought|try|tri|aim|want|look)\w*\s+to\s+(?:achieve|accomplish|gain|win|get|secure)\s+"
    r"(?:by|through|from|in)\s+(?P<verb>[a-z]+ing)\b(?P<rest>.*)$", re.I)


def purpose_as_why(question: str) -> str:
    """"What are X hoping to achieve by stepping up Y?" asks why X are stepping up Y: the
    purpose clause of that verb answers ("to find a solution"), as for "Why ...?"."""
    match = _PURPOSE.match(question)
    if match is None:
        return question
    aux, verb, who = match.group("aux"), match.group("verb"), re.sub(r"\s+been$", "", match.group("who"))
    if aux.lower() in {"do", "does", "did"}:
        from ..nlp import load_nlp

        verb = load_nlp()(verb)[0].lemma_
    elif aux.lower() in {"has", "have", "had"}:
        verb = f"been {verb}"
    return f"Why {aux.lower()} {who} {verb}{match.group('rest')}"


# "Given that they have met before, why ...?": a leading clause that only sets the scene
# (not "As of 2011, how many ...?" nor "Since May, ...": those say when the answer holds)
_CONTEXT = re.compile(r"^\s*(?:given(?:\s+that)?|considering(?:\s+that)?|now\s+that|seeing\s+that|"
                      r"although|though|while|despite|if)\b[^?]{3,160}?,\s*(?=(?:who|whom|whose|what|which|when|where|"
                      r"why|how)\b)", re.I)


def without_context(question: str) -> str:
    """The question from its question word on, when a clause that sets the scene leads up to it
    ("Given that the chiefs have met before, why ...?" -> "why ...?")."""
    return _CONTEXT.sub("", question, count=1)


# "Tell me who ...", "Can you tell me where ...", "I'd like to know why ...": a question asked as a request
_REQUEST = re.compile(r"^\s*(?:(?:please|so|ok|okay)[,\s]+)?(?:(?:can|could|would)\s+you\s+)?(?:please\s+)?"
                      r"(?:tell\s+me|explain|remind\s+me|i(?:'d|\s+would)\s+like\s+to\s+know|i\s+want\s+to\s+know|"
                      r"i\s+wonder|do\s+you\s+know)[,\s]+(?=(?:who|whom|whose|what|which|when|where|why|how)\b)", re.I)
# "According to the story, when ...?", "In the article, how long ...?": where to look, which is
# always the articles (not "According to the headline", which has a route of its own)
_SOURCE_ASIDE = re.compile(r"^\s*(?:according\s+to|in|from|based\s+on|per)\s+(?P<story>(?:the|this)\s+(?:story|article|"
                           r"report|piece|text|news\s+story|news\s+report))\s*,\s*(?=(?:who|whom|whose|what|which|when|where|"
                           r"why|how)\b)", re.I)


_LOWER_QUESTION_WORD = re.compile(r"([.!?]\s+)(who|whom|whose|what|which|when|where|why|how|tell)\b")
_CONTRACTED_WH = re.compile(r"\b(who|what|where|when|how)['’]s(\s+)(\w+)", re.I)
_SCENE_DASH = re.compile(r"\s+[-–—]+\s+(who|whom|whose|what|which|when|where|why|how)\b", re.I)


def _expanded(question: str) -> str:
    """"Who's the envoy?" read as "Who is the envoy?", "What's been agreed?" as "What has been
    agreed?": the parser and the reader know the long forms better."""
    def long_form(match: re.Match) -> str:
        has = re.match(r"(?:been|got|gone|had)\b", match.group(3), re.I)
        return f"{match.group(1)} {'has' if has else 'is'} {match.group(3)}"
    return _CONTRACTED_WH.sub(long_form, question)


def as_asked(question: str) -> str:
    """The question itself, from what was typed: the last sentence that asks, when sentences
    that only set the scene come first ("My notes say they met in Oslo. Where did they meet?",
    "So the envoys keep meeting - where do they meet?"), and a request made a question ("Tell
    me who hosted the talks." -> "who hosted the talks?")."""
    # Typed in lower case, a new sentence still starts at its question word ("... in oslo. where")
    question = _LOWER_QUESTION_WORD.sub(lambda m: m.group(1) + m.group(2).capitalize(), _expanded(question.strip()))
    # a dash before a question word ends the scene, as a full stop would
    text = _SCENE_DASH.sub(lambda m: ". " + m.group(1).capitalize(), question)
    sentences = [text[a:b] for a, b in sentence_spans(text) if text[a:b].strip()]
    if len(sentences) > 1:
        asking = [s for s in sentences if s.rstrip().endswith("?") or _REQUEST.match(s)
                  or re.match(r"(?i)\s*(?:who|whom|whose|what|which|when|where|why|how)\b", s)]
        if asking and _stands_alone(asking[-1]):
            question = asking[-1]
    aside = _SOURCE_ASIDE.match(question)
    if aside:  # "According to the story, when was it updated?": "it" is the story
        question = re.sub(r"^(\s*\w+\s+(?:was|is|has\s+been|had\s+been))\s+it\b", r"\1 " + aside.group("story"),
                          question[aside.end():], count=1, flags=re.I)
    request = _REQUEST.match(question)
    if request:
        question = question[request.end():].rstrip().rstrip(".!?") + "?"
    if not question.rstrip().endswith(("?", ".", "!")):  # typed in a hurry: read as the question it is
        question = question.rstrip() + "?"
    return question


_POINTING_BACK = frozenset("he she it they him her them his its their that this these those".split())


def _stands_alone(sentence: str) -> bool:
    """Not "Where?" nor "Who is that?": a question that needs the sentences before it."""
    words = [w.lower() for w in WORD_RE.findall(sentence)]
    return len(words) > 2 and not _POINTING_BACK & set(words)


_COUNT = re.compile(r"\bhow\s+(?:many|much)\b", re.IGNORECASE)


def asks_for_count(question: str) -> bool:
    """"How many ...?" and "How much ...?": only a number answers ("How far ...?" may not)."""
    return bool(_COUNT.search(question))


def stem(word: str) -> str:
    """Snowball stem ("meeting", "meetings" -> "meet"), the stemmer keyword retrieval uses."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return _stemmer().stemWord(word)


@functools.cache
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def weighted_terms(text: str) -> dict[str, float]:
    """Stemmed content words; names and numbers weigh more, since they pin the passage down."""
    terms: dict[str, float] = {}
    for i, token in enumerate(WORD_RE.findall(text)):
        low = token.lower()
        if low in lexicons.words("stopwords") or low in AUXILIARIES or low in WH_WORDS:
            continue
        weight = 1.6 if (token[0].isupper() and i > 0) or any(c.isdigit() for c in token) else 1.0
        key = stem(low)
        terms[key] = max(terms.get(key, 0.0), weight)
    return terms


def overlap(terms: dict[str, float], text: str) -> float:
    """Share of the question's term weight that ``text`` contains."""
    if not terms:
        return 0.0
    present = {stem(w) for w in words_of(text)}
    return sum(w for t, w in terms.items() if t in present) / sum(terms.values())


def people_named(question: str) -> list[str]:
    """The family name of each person the question names in full ("Karin Holmqvist" ->
    "holmqvist"), folded as the name matcher folds it: the articles must write it for them to
    say anything about that person."""
    names = []
    for entity in entities_only(question).ents:
        tokens = [t for t in entity if t.text not in {"'s", "’s"}]
        if entity.label_ == "PERSON" and len(tokens) >= 2:
            names.append(fold(tokens[-1].text))
    return names
