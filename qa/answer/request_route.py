"""What someone asked another to do: the words after "asked <them> to" in a sentence where the
asker, or another name for it, comes before the verb.

"What did Oslo ask Skarn to do about the ferry chief?" is answered by "reopen talks with Lund"
of "Norway has recalled its envoy and asked Skarn to reopen talks with Lund to end the row";
not by "leave Skarn" of "Skarnish police asked the protesters to leave Skarn", where someone
else asks someone else. A capital stands for its country, a seat of government for its state.
"""

from __future__ import annotations

import re

from .. import lexicons
from ..models import Passage
from .cause_route import names_for
from .found import Found

# a request, however the question words it: "ask", "asked" (after "say"), "want ... to"
_ASKING = r"(?P<verb>ask(?:s|ed)?|urged?|press(?:ed)?|call(?:ed)?\s+on|push(?:ed)?|tell|told|want(?:s|ed)?)"
_QUESTION = re.compile(
    rf"^\s*what\s+(?:did|does|do|has|have|had)\s+(?P<asker>.+?)\s+{_ASKING}\s+(?P<asked>.+?)\s+to\s+do\b", re.I)
# "Why, according to the official, did Oslo ask Skarn to reopen talks?": the purpose the request states
_WHY_QUESTION = re.compile(
    r"^\s*why\b\s*(?:,[^,]*,)?\s*(?:did|does|do|has|have|had)\s+(?P<asker>.+?)\s+"
    rf"{_ASKING}\s+(?P<asked>.+?)\s+to\s+[a-z]", re.I)
# "What did the official say Moscow asked Ankara to do?": who reports the request is not the asker
_REPORTED = re.compile(r"^.*?\b(?:say|says|said|claim|claims|claimed|report|reports|reported)\s+(?:that\s+)?", re.I)
_ACCORDING = re.compile(r"^\s*according\s+to\s+[^,?]{1,80},\s*", re.I)
_PURPOSE = re.compile(r"^\s+to\s+[\"“]?(?P<why>[a-z][^,;.!?\"”]*)")
_VERBS = {"ask": "ask(?:s|ed)?", "urge": "urg(?:es|ed|e)", "press": "press(?:es|ed)?",
          "push": "push(?:es|ed)?", "tell": "(?:tells?|told)", "call on": r"call(?:s|ed)?\s+on"}
_DO_END = re.compile(r"\s+to\s+(?=[a-z\"“])|\s+(?:and|but|while|as|after|before|because|which)\s+|[,;.!?\"“”]|$")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def _aliases(named: str, every_word: bool = False) -> set[str]:
    """The lower-cased words that may name the actor: its capitalised words (or every word), the
    country of a capital or a seat of government, of a people ("Oslo" -> oslo, norway; "the
    Norlanders" -> norlanders, norland)."""
    demonyms = lexicons.mapping("demonyms")
    words = {w.lower() for w in _WORD.findall(named) if every_word or w[:1].isupper()}
    names = words | {w for n in names_for(named) for w in n.split()}
    for word in words:
        country = demonyms.get(word) or (demonyms.get(word[:-1]) if word.endswith("s") else None)
        names |= {w.lower() for w in country.split()} if country else set()
    return names


def by_request(question: str, passages: list[Passage]) -> tuple[str, Found] | None:
    """(answer, where) for "What did X ask Y to do ...?" (what was asked) or "Why did X ask Y to
    V ...?" (the purpose written after it: "asked Skarn to reopen talks to end the row"), or None."""
    question = _ACCORDING.sub("", question, count=1)  # "According to the official, what did ...?"
    match = _QUESTION.match(question)
    why = match is None and (match := _WHY_QUESTION.match(question)) is not None
    if match is None:
        return None
    asker = _aliases(re.sub(r"^the\s+", "", _REPORTED.sub("", match.group("asker")), flags=re.I))
    asked_words = [_aliases(w, every_word=True) for w in _WORD.findall(match.group("asked"))
                   if w.lower() not in {"the", "a", "an", "its", "his", "her"}]
    verb = "(?:" + "|".join(_VERBS.values()) + ")"  # any request answers: "want Skarn to" of "asked Skarn to"
    pattern = re.compile(rf"\b{verb}\s+(?P<asked>(?:[\w'’-]+\s+){{0,3}}?[\w'’-]+)\s+to\s+(?P<do>[a-z][^,;.!?]*)", re.I)
    found: list[Found] = []
    for number, passage in enumerate(passages):
        for hit in pattern.finditer(passage.text):
            written = {w.lower() for w in _WORD.findall(hit.group("asked"))}
            if not all(names & written for names in asked_words):
                continue
            start = max(passage.text.rfind(". ", 0, hit.start()) + 2, 0) if ". " in passage.text[:hit.start()] else 0
            before = {w.lower() for w in _WORD.findall(passage.text[start:hit.start()])}
            if not before & asker:
                continue
            rest = hit.group("do")
            end = _DO_END.search(rest)
            text = rest[:end.start()].strip() if end else rest.strip()
            at = hit.start("do")
            if why:  # the purpose after what was asked: "... to “end the row.”"
                after = passage.text[at + len(text):]
                purpose = _PURPOSE.match(after)
                if purpose is None:
                    continue
                text, at = purpose.group("why").strip(), at + len(text) + purpose.start("why")
            if text:
                found.append(Found(text, number, at, at + len(text)))
    return (found[0].text, found[0]) if found else None
