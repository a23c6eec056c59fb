"""Modal screens: an article (sources), the help screen and the meetings table."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Static

from qa.models import Article
from qa.ui import render
from qa.ui.widgets import literal


class ArticleScreen(ModalScreen[None]):
    """The whole article, scrolled to a paragraph with the cited passage highlighted."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(
        self,
        article: Article,
        paragraph: int,
        span: tuple[int, int] | None = None,
        answer: str = "",
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.article = article
        self.paragraph = render.target_paragraph(
            article, paragraph, *(span if span else (0, 0))
        )
        self.span = span
        self.answer = answer

    def compose(self) -> ComposeResult:
        article = self.article
        with Vertical(id="article-dialog", classes="dialog"):
            yield literal(article.title or "untitled", id="article-title")
            meta = " · ".join(
                bit for bit in (article.date, article.source, f"{len(article.paragraphs)} paragraphs") if bit
            )
            if self.paragraph:
                meta += f" · showing ¶{self.paragraph}"
            yield literal(Text(meta), classes="citation")
            with VerticalScroll(id="article-body"):
                for n in range(1, len(article.paragraphs) + 1):
                    target = n == self.paragraph
                    span = self.span if target else None
                    if target and span is None:
                        start, end = article.paragraph_offsets()[n - 1]
                        span = (start, end)
                    text = Text(f"¶{n}  ", style="dim")
                    try:
                        text.append_text(
                            render.paragraph_text(article, n, span, self.answer if target else "")
                        )
                    except Exception:  # noqa: BLE001 - odd offsets: show the paragraph plain
                        text.append(article.paragraphs[n - 1])
                    yield Static(
                        text,
                        markup=False,
                        id=f"para-{n}",
                        classes="para -target" if target else "para",
                    )
        yield Footer()

    def on_mount(self) -> None:
        body = self.query_one("#article-body", VerticalScroll)
        body.focus()
        if self.paragraph:
            target = self.query_one(f"#para-{self.paragraph}")
            self.call_after_refresh(body.scroll_to_widget, target, animate=False, top=True)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)


HELP_KEYS: list[tuple[str, str]] = [
    ("enter", "ask the question in the box"),
    ("up / down", "previous / next question (in the box)"),
    ("tab / shift+tab", "move between passages; enter or click opens the article"),
    ("ctrl+r", "rebuild the index (incremental; answers keep coming meanwhile)"),
    ("ctrl+l", "clear the conversation (follow-ups start afresh)"),
    ("f3", "meetings: who met whom, filter by name, enter opens the article"),
    ("ctrl+p", "commands: rebuild, open article, export the conversation, …"),
    ("f1", "this help"),
    ("escape", "close a dialog"),
    ("ctrl+q", "quit"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("f1", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2))
        keys.add_column(no_wrap=True, style="bold")
        keys.add_column(ratio=1)
        for key, what in HELP_KEYS:
            keys.add_row(Text(key), Text(what))
        with Vertical(id="help-dialog", classes="dialog"):
            yield literal("qa — help", id="help-title")
            yield Static(keys, markup=False, id="help-keys")
            yield literal(
                Text(
                    "Answers come only from the articles: each one quotes its sentence and cites "
                    "title · date · ¶paragraph. When the articles don't cover a question, qa says so "
                    "and shows the closest passages.",
                    style="dim",
                ),
                id="help-about",
            )
        yield Footer()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)


def meeting_rows(meetings: list[dict[str, Any]], titles: dict[str, str]) -> list[dict[str, Any]]:
    """Flatten meeting records into rows for the table (plain strings, shown literally)."""
    rows = []
    for m in meetings:
        evidence = [e for e in m.get("evidence") or [] if isinstance(e, dict)]
        first = evidence[0] if evidence else {}
        article_id = str(first.get("article") or m.get("article") or "")
        rows.append(
            {
                "who": render.meeting_names(m, roles=False) or "?",
                "roles": render.meeting_names(m),
                "names": " ".join(
                    str(p.get("name", "")) for p in m.get("participants", []) if isinstance(p, dict)
                ).lower(),
                "kind": str(m.get("kind") or ""),
                "place": str(m.get("place") or ""),
                "when": str(m.get("date") or m.get("time_text") or ""),
                "article_id": article_id,
                "article": render.shorten(titles.get(article_id, article_id), 40),
                "reason": str(m.get("reason") or ""),
                "evidence": str(first.get("text") or ""),
                "paragraph": int(first.get("paragraph") or 0),
                "start": int(first.get("start") or 0),
                "end": int(first.get("end") or 0),
            }
        )
    return rows


class MeetingsScreen(ModalScreen[None]):
    """Meeting records in a table; type a name to filter; Enter on a row opens the article."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("f3", "dismiss", "Close", show=False),
    ]

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        super().__init__()
        self.rows = rows
        self.shown: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="meetings-dialog", classes="dialog"):
            yield literal("Meetings", id="meetings-title")
            yield Input(placeholder="Filter by name…  (type a name; enter to go to the table)",
                        id="meetings-filter", compact=True)
            yield DataTable(id="meetings-table", cursor_type="row", zebra_stripes=True)
            yield literal("", id="meetings-detail")
            yield literal("", id="meetings-empty", classes="citation")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Who", "Kind", "Where", "When", "Article")
        self.refill("")
        self.query_one("#meetings-filter", Input).focus()

    def refill(self, query: str) -> None:
        query = query.strip().lower()
        table = self.query_one(DataTable)
        table.clear()
        self.query_one("#meetings-detail", Static).update(Text(""))
        self.shown = [r for r in self.rows if not query or query in r["names"] or query in r["roles"].lower()]
        for i, row in enumerate(self.shown):
            table.add_row(
                *(Text(row[key]) for key in ("who", "kind", "place", "when", "article")),
                key=str(i),
            )
        empty = self.query_one("#meetings-empty", Static)
        if not self.rows:
            empty.update(Text("No meeting records in the index yet."))
        elif not self.shown:
            empty.update(Text(f"No meeting with a name matching {query!r}."))
        else:
            empty.update(Text(f"{len(self.shown)} of {len(self.rows)} meetings · enter opens the article"))

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
        table = self.query_one(DataTable)
        if self.shown:
            table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        detail = self.query_one("#meetings-detail", Static)
        try:
            row = self.shown[int(event.row_key.value)]
        except (TypeError, ValueError, IndexError):
            detail.update(Text(""))
            return
        text = Text(row["roles"], style="bold")
        if row["reason"]:
            text.append("  why: ", style="dim")
            text.append(row["reason"])
        if row["evidence"]:
            text.append("\n")
            text.append(f"“{render.shorten(row['evidence'], 300)}”", style="italic")
        detail.update(text)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        try:
            row = self.shown[int(event.row_key.value)]
        except (TypeError, ValueError, IndexError):
            return
        if not row["article_id"]:
            self.app.notify("This meeting has no evidence to open.", severity="warning", markup=False)
            return
        span = (row["start"], row["end"]) if row["end"] > row["start"] else None
        self.app.open_source(row["article_id"], row["paragraph"], span)  # type: ignore[attr-defined]

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
