"""What someone asked another to do: the words after "asked <them> to" in a sentence where the
asker, or another name for it, comes before the verb.

"What did Oslo ask Skarn to do about the ferry chief?" is answered by "reopen talks with Lund"
of "Norway has recalled its envoy and asked Skarn to reopen talks with Lund to end the row";
not by "leave Skarn" of "Skarnish police asked the protesters to leave Skarn", where someone
else asks someone else. A capital stands for its country, a seat of government for its state.
"""

from __future__ import annotations

import re

from ..models import Passage
from .cause_route import names_for
from .found import Found

_QUESTION = re.compile(
    r"^\s*what\s+(?:did|does|do|has|have|had)\s+(?P<asker>.+?)\s+(?P<verb>ask|urge|press|call\s+on|push|tell)\s+"
    r"(?P<asked>.+?)\s+to\s+do\b", re.I)
# "Why, according to the official, did Oslo ask Skarn to reopen talks?": the purpose the request states
_WHY_QUESTION = re.compile(
    r"^\s*why\b\s*(?:,[^,]*,)?\s*(?:did|does|do|has|have|had)\s+(?P<asker>.+?)\s+"
    r"(?P<verb>ask|urge|press|call\s+on|push|tell)\s+(?P<asked>.+?)\s+to\s+[a-z]", re.I)
_PURPOSE = re.compile(r"^\s+to\s+[\"“]?(?P<why>[a-z][^,;.!?\"”]*)")
_VERBS = {"ask": "ask(?:s|ed)?", "urge": "urg(?:es|ed|e)", "press": "press(?:es|ed)?",
          "push": "push(?:es|ed)?", "tell": "(?:tells?|told)"}
_DO_END = re.compile(r"\s+to\s+(?=[a-z\"“])|\s+(?:and|but|while|as|after|before|because|which)\s+|[,;.!?\"“”]|$")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def by_request(question: str, passages: list[Passage]) -> tuple[str, Found] | None:
    """(answer, where) for "What did X ask Y to do ...?" (what was asked) or "Why did X ask Y to
    V ...?" (the purpose written after it: "asked Skarn to reopen talks to end the row"), or None."""
    match = _QUESTION.match(question)
    why = match is None and (match := _WHY_QUESTION.match(question)) is not None
    if match is None:
        return None
    named = re.sub(r"^the\s+", "", match.group("asker"), flags=re.I)
    asker = {w for n in names_for(named) for w in n.split()} | {w.lower() for w in _WORD.findall(named) if w[:1].isupper()}
    asked_words = {w.lower() for w in _WORD.findall(match.group("asked"))} - {"the", "a", "an", "its", "his", "her"}
    verb = _VERBS.get(match.group("verb").lower().split()[0], r"call(?:s|ed)?\s+on")
    pattern = re.compile(rf"\b{verb}\s+(?P<asked>(?:[\w'’-]+\s+){{0,3}}?[\w'’-]+)\s+to\s+(?P<do>[a-z][^,;.!?]*)", re.I)
    found: list[Found] = []
    for number, passage in enumerate(passages):
        for hit in pattern.finditer(passage.text):
            if not asked_words <= {w.lower() for w in _WORD.findall(hit.group("asked"))}:
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
