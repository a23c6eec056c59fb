"""What someone called someone, or what they see someone as: the words written after "called
<the person>" or "see them as".

"What did the mayor call Brenner?" asks for the epithet in "the mayor called Ida Brenner a
dreamer". Two such clauses in one sentence often parse as one ("X called Y a dreamer and Y
called X a thief"), so the epithet is read off the words, not the tree: the words after the
naming verb and the person asked about, up to the end of the clause.
"""

from __future__ import annotations

import re

from .. import lexicons
from ..models import Passage
from .found import Found

_EPITHET_QUESTION = re.compile(
    r"^\s*(?:what|how)\s+(?:did|does|do|has|have|had)\s+(?P<caller>.+?)\s+(?:\w+ly\s+)?"
    r"(?:call|label|brand|dub|describe|characteri[sz]e|portray|depict)\s+(?P<named>.+?)\s*[?.!]*\s*$", re.I)
# "What insult did the mayor hurl at Brenner?": the name given, asked by its kind
_EPITHET_BY_KIND = re.compile(
    r"^\s*what\s+(?:insults?|names?|epithets?|labels?|nicknames?|slurs?)\s+(?:did|does|do|has|have|had)\s+"
    r".+?\s+(?:at|for|on|to)\s+(?P<named>.+?)\s*[?.!]*\s*$", re.I)
_NAMING = r"(?:called|calls|call|labelled|labeled|branded|dubbed)"
_CLAUSE_END = re.compile(r"\s+(?:and|but|while|as|after|before|because)\s+|[,;.!?]|$")
_QUOTES = "“”\"'‘’"


Epithet = Found  # the words a passage calls or regards something by, and where


def _the_one(found: list[Epithet]) -> tuple[str, Epithet] | None:
    """The answer when the passages give one, however often; None for none or several."""
    return (found[0].text, found[0]) if len({e.text for e in found}) == 1 else None


def _sentence_start(text: str, at: int) -> int:
    return text.rfind(".", 0, at) + 1


def by_epithet(question: str, passages: list[Passage]) -> tuple[str, Epithet] | None:
    """(answer, where the passages write it) for "What did X call Y?", or None when no passage
    names Y after a naming verb, or they give Y several names."""
    match = _EPITHET_QUESTION.match(question) or _EPITHET_BY_KIND.match(question)
    if match is None:
        return None
    demonyms = lexicons.mapping("demonyms")
    names = [n for n in re.findall(r"[A-Z][\w'’-]+", match.group("named")) if n.lower() not in demonyms]
    if names:
        pattern = re.compile(rf"\b{_NAMING}\s+(?:[\w'’.-]+\s+){{0,4}}?{re.escape(names[-1])}\b\s+(?P<epithet>\S)")
        return _the_one(_epithets(pattern, passages))
    # "How did Berg describe the Norlandic president?": the named is written by name in the
    # passage, so read what the caller called whoever a sentence that mentions them names
    callers = re.findall(r"[A-Z][\w'’-]+", match.group("caller"))
    described = set(re.findall(r"[a-z]+", match.group("named").lower())) - lexicons.words("stopwords")
    if not callers or not described:
        return None  # "What did she call it?": nobody to find
    pattern = re.compile(rf"\b{re.escape(callers[-1])}\s+{_NAMING}\s+(?:[A-Z][\w'’.-]*\s+){{1,4}}(?P<epithet>\S)")
    described |= {w for d in described if d in demonyms for w in demonyms[d].lower().split()}
    return _the_one([e for e in _epithets(pattern, passages)
                     if described & set(re.findall(r"[a-z]+", _sentence_of(passages[e.passage].text, e.start).lower()))])


def _epithets(pattern: re.Pattern, passages: list[Passage]) -> list[Epithet]:
    """The words after each ``pattern`` hit's ``epithet`` group start, to the end of the clause."""
    found: list[Epithet] = []
    for number, passage in enumerate(passages):
        for hit in pattern.finditer(passage.text):
            start = hit.start("epithet")
            end = start + _CLAUSE_END.search(passage.text[start + 1:]).start() + 1
            text = passage.text[start:end].strip(_QUOTES + " ")
            if text and not text[0].isupper():  # an epithet, not the next sentence's name
                start = passage.text.index(text, start)
                found.append(Epithet(text, number, start, start + len(text)))
    return found


def _sentence_of(text: str, at: int) -> str:
    end = text.find(". ", at)
    return text[_sentence_start(text, at): end if end >= 0 else len(text)]


_AS_QUESTION = re.compile(
    r"^\s*(?:what|how)\s+(?:do|does|did)\s+.+?\s+(?<!with\s)(?<!\sin\s)"  # not "with regard to"
    r"(?:consider|regard|see|view|describe|characteri[sz]e|portray|depict)"
    r"\s+(?P<named>.+?)"
    r"(?:\s+as)?\s*[?.!]*\s*$", re.I)
_AS_VERBS = (r"(?:considers?|considered|regards?|regarded|sees?|saw|views?|viewed|describes?|described|"
             r"characteri[sz]e[sd]?|portray(?:s|ed)?|depict(?:s|ed)?)")


_HOW_REGARD = re.compile(r"^\s*how\s+(?:do|does|did)\s+.+?\s+(?:consider|regard|see|view)\s", re.I)
_RELATIVE = re.compile(r"\s+(?:that|which|who|whom|whose)\s+", re.I)


def by_regard(question: str, passages: list[Passage]) -> tuple[str, Epithet] | None:
    """"What do the authorities consider the rebels?": the words after "see them as" (or
    "regard the rebels as") in a sentence about what the question names; None when no passage
    writes it, or several things."""
    match = _AS_QUESTION.match(question)
    if match is None or question.lower().startswith("how") and " as" not in question.lower() \
            and not _HOW_REGARD.match(question):
        return None  # "How did the source describe the stage?" asks for words, not "as" words
    named_only = _RELATIVE.split(match.group("named"), maxsplit=1)[0]  # "the rebels that Oslo backs"
    head = re.findall(r"[\w'’-]+", named_only)[-1:] or [""]
    pattern = re.compile(rf"\b{_AS_VERBS}\s+(?:them|him|her|it|(?:[\w'’.-]+\s+){{0,4}}?{re.escape(head[0])})\s+as\s+"
                         rf"(?P<epithet>[^,;.!?]+)", re.I)
    named = set(re.findall(r"[a-z]+", match.group("named").lower()))
    found: list[Epithet] = []
    for number, passage in enumerate(passages):
        for hit in pattern.finditer(passage.text):
            sentence = passage.text[_sentence_start(passage.text, hit.start()): hit.end()].lower()
            if head[0].lower() not in sentence and not named & set(re.findall(r"[a-z]+", sentence)):
                continue
            text = hit.group("epithet").strip(_QUOTES + " ")
            found.append(Epithet(text, number, hit.start("epithet"), hit.start("epithet") + len(text)))
    return _the_one(found)


_WHO_REGARDS = re.compile(
    r"^\s*who\s+(?:regards?|sees?|views?|considers?)\s+(?P<named>.+?)\s+as\s+(?P<epithet>[\w'’ -]+?)\s*[?.!]*\s*$",
    re.I)


def by_regarder(question: str, passages: list[Passage]) -> tuple[str, Epithet] | None:
    """(answer, where) for "Who regards the rebels as terrorists?": whoever a passage says sees
    them so, the antecedent of "which" or "who" when the clause is a relative one ("talks
    with Skarn, which sees them as vandals" -> Skarn); None when no passage or several say it."""
    match = _WHO_REGARDS.match(question)
    if match is None:
        return None
    from ..nlp import load_nlp

    epithet = match.group("epithet").split()[-1].lower()
    found: list[Epithet] = []
    for number, passage in enumerate(passages):
        for hit in re.finditer(rf"\b{_AS_VERBS}\s+(?:[\w'’-]+\s+){{1,5}}?as\s+[^,;.!?]*\b{re.escape(epithet)}", passage.text, re.I):
            start = _sentence_start(passage.text, hit.start())
            doc = load_nlp()(passage.text[start: hit.end()])
            verb = next((t for t in doc if start + t.idx == hit.start()), None)
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
            if subject is not None and subject.lower_ in {"which", "who", "that"} and verb.dep_ == "relcl":
                before = doc[subject.i - 1] if subject.i > 0 else verb.head
                before = doc[before.i - 1] if before.is_punct and before.i > 0 else before
                # "talks with Skarn, which sees them as vandals": the name right before "which", which
                # the parser may hang on "talks"
                subject = before if before.pos_ == "PROPN" else verb.head
            if subject is None or subject.pos_ not in {"PROPN", "NOUN"}:
                continue
            words = [t for t in subject.subtree if t.i <= subject.i and t.dep_ != "det"]
            at = start + words[0].idx
            found.append(Epithet(passage.text[at: start + subject.idx + len(subject.text)], number, at,
                                 start + subject.idx + len(subject.text)))
    return _the_one(found)


# "What stage ...?", or "How did the source describe the stage ...?"
_WHAT_NOUN = re.compile(r"\b(?:what|which|(?:describe|characteri[sz]e|portray|depict)\s+the)\s+(?P<noun>[a-z]+)\b", re.I)
_GENERIC_NOUNS = {"type", "kind", "sort", "form", "part", "number", "amount", "percentage", "proportion", "share",
                  "name", "year", "day", "time", "date", "month", "one", "way", "rate", "size", "lot", "group"}


def by_kind_named(question: str, passages: list[Passage]) -> tuple[str, Epithet] | None:
    """"To what stage were the talks advancing?": the words a passage quotes as what the thing is
    "a stage of" ("advancing to a stage of “building trust”"), when exactly one passage sentence
    that shares the question's other words says so. Only a quotation: "the party of National
    Unity ran ..." or "a function of the size" name no kind."""
    match = _WHAT_NOUN.search(question)
    noun = match and match.group("noun").lower()
    if not noun or noun in _GENERIC_NOUNS or noun.endswith("s"):
        return None
    pattern = re.compile(rf"\b(?:a|an|the)\s+{noun}\s+of\s+(?P<epithet>“[^”]+”|\"[^\"]+\")", re.I)
    asked = set(re.findall(r"[a-z]{4,}", question.lower())) - {noun, "what", "which", "said", "were", "does"}
    found: list[Epithet] = []
    for number, passage in enumerate(passages):
        for hit in pattern.finditer(passage.text):
            start = _sentence_start(passage.text, hit.start())
            sentence = set(re.findall(r"[a-z]{4,}", passage.text[start: hit.end()].lower()))
            if len(asked & sentence) < max(1, len(asked) // 3):
                continue
            text = hit.group("epithet").strip(_QUOTES + " .")
            at = passage.text.index(text, hit.start("epithet"))
            found.append(Epithet(text, number, at, at + len(text)))
    return _the_one(found)


_EXPANSION_QUESTION = re.compile(
    r"^\s*what\s+(?:does|did|do)\s+(?:the\s+)?(?:abbreviation\s+|acronym\s+|initials\s+)?[“\"']?(?P<short>[A-Z][A-Za-z.&]{1,9})[”\"']?"
    r"\s+stand\s+for\b", re.I)


def by_expansion(question: str, passages: list[Passage]) -> tuple[str, Epithet] | None:
    """"What does NIO stand for?": the capitalised words a passage writes the letters after, in
    brackets ("the National Intelligence Office (NIO)"), or the bracketed words after them; None
    when no passage spells the letters out, or spells them out differently."""
    match = _EXPANSION_QUESTION.match(question)
    if match is None:
        return None
    short = match.group("short").replace(".", "")
    letters = re.escape(match.group("short"))
    before = re.compile(rf"(?P<epithet>(?:[A-Z][\w'’-]*\s+(?:(?:of|for|and|the|on|de)\s+)*){{1,8}})\({letters}\)")
    after = re.compile(rf"\b{letters}\s+\((?P<epithet>[A-Z][^)]{{3,80}})\)")
    found: list[Epithet] = []
    for number, passage in enumerate(passages):
        for hit in (*before.finditer(passage.text), *after.finditer(passage.text)):
            text = _spelled_out(hit.group("epithet").strip(), short)
            if text:
                at = passage.text.index(text, hit.start("epithet"))
                found.append(Epithet(text, number, at, at + len(text)))
    return _the_one(found)


def _spelled_out(words: str, short: str) -> str:
    """The last words of ``words`` whose capitals spell ``short`` ("Turkey's National
    Intelligence Organization", "MIT" in Turkish: the longest tail with as many capitals as
    letters, or all of them), or "" when too few."""
    tokens = words.split()
    capitals = [i for i, t in enumerate(tokens) if t[:1].isupper()]
    if len(capitals) < min(len(short), 2):
        return ""
    first = capitals[-len(short)] if len(capitals) >= len(short) else capitals[0]
    return " ".join(tokens[first:])
