"""Modal screens: an article (sources) and the help screen."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

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
            copies = "also reported by " + ", ".join(article.copies) if article.copies else ""
            meta = " · ".join(
                bit for bit in (article.date, article.byline and f"by {article.byline}",
                                article.publisher, article.source,
                                f"{len(article.paragraphs)} paragraphs", copies) if bit
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
                    "and shows the closest passages.\n\n"
                    "The chat switches to a newer index by itself: when qa index watch, qa add or "
                    "qa index build rebuilds it in another terminal, it says \"Index updated: N new "
                    "articles\" and answers from the new one.",
                    style="dim",
                ),
                id="help-about",
            )
        yield Footer()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
