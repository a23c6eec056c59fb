"""Meeting records: who met whom (roles as written), what kind of contact, where, when, why,
whether it happened, and the exact sentences it rests on."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

KINDS = ("meeting", "talks", "summit", "visit", "call", "dinner")
STATUSES = ("happened", "planned", "cancelled")


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
    status: str = "happened"  # one of STATUSES
    place: str | None = None
    time_text: str | None = None  # as written: "over the last few weeks", "on Monday"
    date: str | None = None  # ISO (YYYY, YYYY-MM or YYYY-MM-DD) resolved against the article date
    reason: str | None = None
    trigger: str | None = None  # the word that reports the contact: "met", "talks", "phoned"
    evidence: list[dict[str, Any]] = field(default_factory=list)
    # each: {"article", "paragraph" (1-based), "start", "end" (offsets in Article.text), "text"}

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "participants": [p.to_dict() for p in self.participants],
            "kind": self.kind,
            "status": self.status,
            "place": self.place,
            "time_text": self.time_text,
            "date": self.date,
            "reason": self.reason,
            "trigger": self.trigger,
            "evidence": [dict(e) for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Meeting:
        return cls(
            article=data["article"],
            participants=[Participant.from_dict(p) for p in data.get("participants", [])],
            kind=data.get("kind") or "meeting",
            status=data.get("status") or "happened",
            place=data.get("place"),
            time_text=data.get("time_text"),
            date=data.get("date"),
            reason=data.get("reason"),
            trigger=data.get("trigger"),
            evidence=[dict(e) for e in data.get("evidence", [])],
        )

    def names(self) -> list[str]:
        return [p.name for p in self.participants]

    def pairs(self) -> list[tuple[str, str]]:
        """Unordered participant pairs (sorted tuples of names)."""
        return [tuple(sorted(pair)) for pair in combinations(self.names(), 2)]  # type: ignore[misc]

    def when(self) -> str:
        """The time as written with its resolved date: "on Monday (2022-09-12)"."""
        if self.time_text and self.date and self.date not in self.time_text:
            return f"{self.time_text} ({self.date})"
        return self.time_text or self.date or ""

    def summary(self) -> str:
        parts = [f"{self.kind}: " + " and ".join(p.label() for p in self.participants)]
        if self.status != "happened":
            parts.append(f"[{self.status}]")
        if self.place:
            parts.append(f"in {self.place}")
        if self.when():
            parts.append(self.when())
        if self.reason:
            parts.append(f"({self.reason})")
        return " ".join(parts)
