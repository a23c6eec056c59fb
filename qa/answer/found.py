"""What a route answers with: the words, and where the passages read write them."""

from __future__ import annotations

from typing import NamedTuple


class Found(NamedTuple):
    text: str
    passage: int  # index in the passages read
    start: int  # the words' offsets in that passage: the evidence
    end: int


def best(scored: list[tuple[int, Found]]) -> tuple[str, Found] | None:
    """(answer, where) of the highest-scored find, the first among equals; None for none."""
    if not scored:
        return None
    found = max(scored, key=lambda item: item[0])[1]
    return found.text, found
