"""What the CLI reads from and writes to a terminal: questions from stdin, answers as text,
a progress bar on stderr."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import IO

from .models import Answer
from .sanitize import terminal_safe

MAX_INPUT_LINE_BYTES = 64 * 1024  # `qa ask -` reads no more of one line (questions are cut anyway)


def input_lines(stream: IO[str]) -> Iterator[str]:
    """Lines of stdin, split on "\\n" only, decoded leniently, each read up to a bound."""
    binary = getattr(stream, "buffer", None)
    if binary is None:
        yield from (line.rstrip("\r\n") for line in stream)
        return
    while line := binary.readline(MAX_INPUT_LINE_BYTES):
        rest = line
        while rest and not rest.endswith(b"\n"):  # an over-long line: the rest is dropped
            rest = binary.readline(MAX_INPUT_LINE_BYTES)
        yield line.decode("utf-8", "replace").rstrip("\r\n")


def format_answer(answer: Answer) -> str:
    lines = [f"Q: {answer.question}", *_answer_lines(answer, "A")]
    for part in answer.parts:  # a composite question's later parts, each with its evidence
        lines += [f"Q: {part.question}", *_answer_lines(part, "A")]
    if answer.passages:
        lines.append("Passages:" if answer.found else "Closest passages:")
        for number, passage in enumerate(answer.passages, start=1):
            lines.append(f"  {number}. [{passage.score:.2f}] {passage.citation()}  [{passage.article}]")
            lines.append(f"     {passage.text}")
    return "\n".join(lines) + "\n"


def _answer_lines(answer: Answer, label: str) -> list[str]:
    if not (answer.found and answer.evidence is not None):
        return [f"{label}: The articles don't say."]
    return [f"{label}: {answer.answer}", f'   "{answer.evidence.text}"',
            f"   — {answer.evidence.citation()}  [{answer.evidence.article}]"]


class TerminalProgress:
    """A one-line progress bar on stderr, redrawn in place."""

    def __init__(self) -> None:
        self._last = ""

    def __call__(self, done: int, total: int, stage: str) -> None:
        if total:
            width = 30
            filled = int(width * done / total)
            line = f"{stage:<22} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        else:
            line = stage
        line = terminal_safe(line).replace("\n", " ")
        if line != self._last:
            sys.stderr.write("\r\033[K" + line)
            sys.stderr.flush()
            self._last = line

    def close(self) -> None:
        """Clear the bar (it is redrawn by the next update)."""
        if self._last:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
            self._last = ""
