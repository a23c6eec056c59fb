"""The meetings view: who met whom, where, when and why, in date order, within 80 columns.

The table shows when, who, whom and where; the detail pane under it shows the kind, the roles,
why, and the evidence sentence of the highlighted row. Typing filters by person or place; when
the filter names one person, the view lists everyone that person met, in time order. Enter on
a row opens the article at the evidence.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Static

from qa.meetings import Meeting, filter_meetings, people_met
from qa.meetings.query import participant_matches
from qa.ui import render
from qa.ui.widgets import literal

# (label, width): 12 + 20 + 20 + 16 plus the column gaps stay within 80 columns.
ALL_COLUMNS = (("When", 12), ("Who", 20), ("Whom", 20), ("Where", 16))
PERSON_COLUMNS = (("When", 12), ("Met", 24), ("Where", 16), ("Why", 16))


def _records(meetings: list[dict[str, Any]]) -> list[Meeting]:
    out = []
    for data in meetings:
        try:
            out.append(Meeting.from_dict(data))
        except (KeyError, TypeError, AttributeError):
            continue  # a malformed record is left out, not a crash
    return out


def _row(meeting: Meeting, who: str, whom: str, titles: dict[str, str]) -> dict[str, Any]:
    first = meeting.evidence[0] if meeting.evidence else {}
    article_id = str(first.get("article") or meeting.article or "")
    return {
        "when": meeting.date or meeting.time_text or "", "who": who, "whom": whom,
        "place": meeting.place or "", "reason": meeting.reason or "", "meeting": meeting,
        "article_id": article_id, "article": titles.get(article_id, article_id),
        "evidence": str(first.get("text") or ""), "paragraph": int(first.get("paragraph") or 0),
        "start": int(first.get("start") or 0), "end": int(first.get("end") or 0),
    }


def meeting_rows(meetings: list[dict[str, Any]], titles: dict[str, str], query: str = "") -> tuple[list[dict], str | None]:
    """Rows for the table in date order, and the person they are about when ``query`` names
    exactly one participant (the person view), else None."""
    records = _records(meetings)
    query = query.strip()
    person = _one_person(records, query) if len(query) >= 3 else None
    if person is not None:
        return [_row(m, person, p.label(), titles) for p, m in people_met(records, person)], person
    lowered = query.lower()
    shown = [m for m in filter_meetings(records)
             if not lowered or lowered in (m.place or "").lower()
             or any(lowered in p.label().lower() for p in m.participants)]
    return [_row(m, m.participants[0].name if m.participants else "?",
                 ", ".join(p.name for p in m.participants[1:]), titles) for m in shown], None


def _one_person(records: list[Meeting], query: str) -> str | None:
    names: list[str] = []
    for p in (p for m in records for p in m.participants):
        if participant_matches(p, query) and not any(participant_matches(p, n) for n in names):
            names.append(p.name)
    return names[0] if len(names) == 1 else None


def detail_text(row: dict[str, Any]) -> Text:
    """Kind, roles, where, when and why of a row, then its evidence sentence."""
    meeting: Meeting = row["meeting"]
    status = "" if meeting.status == "happened" else f" ({meeting.status})"
    text = Text(f"{meeting.kind}{status}: ", style="dim")
    text.append(" — ".join(p.label() for p in meeting.participants), style="bold")
    for label, value in (("where", meeting.place), ("when", meeting.when()), ("why", meeting.reason)):
        if value:
            text.append(f"\n{label}: ", style="dim")
            text.append(value)
    if row["evidence"]:
        text.append("\n")
        text.append(f"“{render.shorten(row['evidence'], 240)}”", style="italic")
    return text


class MeetingsScreen(ModalScreen[None]):
    """Meeting records by date; type a name or place to filter; Enter on a row opens the article."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("f3", "dismiss", "Close", show=False),
    ]

    def __init__(self, meetings: list[dict[str, Any]], titles: dict[str, str]) -> None:
        super().__init__()
        self.meetings = meetings
        self.titles = titles
        self.shown: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="meetings-dialog", classes="dialog"):
            yield literal("Meetings", id="meetings-title")
            yield Input(placeholder="Filter by person or place…  (enter goes to the table)",
                        id="meetings-filter", compact=True)
            yield DataTable(id="meetings-table", cursor_type="row", zebra_stripes=True)
            yield literal("", id="meetings-detail")
            yield literal("", id="meetings-empty", classes="citation")
        yield Footer()

    def on_mount(self) -> None:
        self.refill("")
        self.query_one("#meetings-filter", Input).focus()

    def refill(self, query: str) -> None:
        self.shown, person = meeting_rows(self.meetings, self.titles, query)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        for label, width in PERSON_COLUMNS if person else ALL_COLUMNS:
            table.add_column(label, width=width)
        keys = ("when", "whom", "place", "reason") if person else ("when", "who", "whom", "place")
        for i, row in enumerate(self.shown):
            table.add_row(*(Text(row[key], overflow="ellipsis", no_wrap=True) for key in keys), key=str(i))
        self.query_one("#meetings-title", Static).update(
            Text(f"Everyone {person} met, in time order" if person else "Meetings, by date"))
        self.query_one("#meetings-detail", Static).update(Text(""))
        empty = self.query_one("#meetings-empty", Static)
        if not self.meetings:
            empty.update(Text("No meeting records in the index yet."))
        elif not self.shown:
            empty.update(Text(f"No meeting with a person or place matching {query.strip()!r}."))
        else:
            empty.update(Text(f"{len(self.shown)} rows · enter opens the evidence"))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refill(event.value)

    def on_key(self, event: events.Key) -> None:
        """Typing a name anywhere in the view goes to the filter box."""
        box = self.query_one("#meetings-filter", Input)
        if self.focused is not box and event.is_printable and event.character and event.character != " ":
            event.stop()
            event.prevent_default()
            box.focus()
            box.insert_text_at_cursor(event.character)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.shown:
            self.query_one(DataTable).focus()

    def _row_of(self, key) -> dict[str, Any] | None:
        try:
            return self.shown[int(key.value)]
        except (TypeError, ValueError, IndexError):
            return None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        row = self._row_of(event.row_key)
        self.query_one("#meetings-detail", Static).update(detail_text(row) if row else Text(""))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self._row_of(event.row_key)
        if row is None:
            return
        if not row["article_id"]:
            self.app.notify("This meeting has no evidence to open.", severity="warning", markup=False)
            return
        span = (row["start"], row["end"]) if row["end"] > row["start"] else None
        self.app.open_source(row["article_id"], row["paragraph"], span)  # type: ignore[attr-defined]

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
