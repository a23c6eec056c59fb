"""Widgets of the chat. They only display what they are given; no retrieval logic here."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Collapsible, Input, ProgressBar, Static

from qa.models import Answer, Passage
from qa.ui import render


def literal(text: str | Text, **kwargs) -> Static:
    """A Static that shows ``text`` literally (markup in articles or questions is just text)."""
    return Static(text if isinstance(text, Text) else Text(text), markup=False, **kwargs)


class PassageItem(Static, can_focus=True):
    """One retrieved passage: focus it and press Enter (or click it) to open its article."""

    BINDINGS = [Binding("enter", "open", "Open article")]

    class Selected(Message):
        def __init__(self, passage: Passage, answer: str = "") -> None:
            super().__init__()
            self.passage = passage
            self.answer = answer

    def __init__(self, index: int, passage: Passage, answer: Answer | None) -> None:
        text = render.passage_header(index, passage)
        text.append("\n")
        text.append_text(render.passage_body(passage, answer))
        super().__init__(text, markup=False, classes="passage")
        self.passage = passage
        self._answer = answer.answer if answer is not None and answer.found else ""
        self.tooltip = "Enter or click: open the article at this passage"

    def action_open(self) -> None:
        self.post_message(self.Selected(self.passage, self._answer))

    def on_click(self) -> None:
        self.action_open()


class AnswerCard(Vertical):
    """The answer: direct answer, quoted evidence, citation, and the passages in a collapsible."""

    def __init__(self, answer: Answer) -> None:
        found = answer.found
        super().__init__(classes="card answer" if found else "card answer not-found")
        self.answer = answer

    def compose(self) -> ComposeResult:
        try:
            widgets = list(self._widgets())
        except Exception as error:  # noqa: BLE001 - odd engine data must not take the app down
            widgets = [
                literal("Error", classes="label"),
                literal(f"Couldn't display this answer ({error.__class__.__name__}: {error})",
                        classes="error-text"),
            ]
            self.add_class("error")
        yield from widgets

    def _widgets(self):
        answer = self.answer
        passages = list(answer.passages)
        if answer.found and answer.evidence is not None:
            yield from _found(answer, f"Answer · {answer.kind}")
            for part in answer.parts:  # a composite question's later parts, each cited
                if part.found and part.evidence is not None:
                    yield from _found(part, f"Then · {part.question}")
                else:
                    yield literal(Text(f"Then · {part.question}"), classes="label")
                    yield literal("The articles don't say.", classes="answer-text")
            title, collapsed = f"Top passages ({len(passages)})", True
        else:
            yield literal("Not in the articles", classes="label")
            yield literal("The articles don't say.", classes="answer-text")
            hint = "Closest passages below." if passages else "No passage came close."
            yield literal(hint + " Try rephrasing, or ask about something the articles cover.",
                          classes="citation")
            title, collapsed = f"Closest passages ({len(passages)})", False
        if answer.meetings:
            lines = Text()
            for i, meeting in enumerate(answer.meetings):
                if i:
                    lines.append("\n")
                lines.append("• ")
                lines.append(render.meeting_line(meeting))
            yield literal(Text(f"From {len(answer.meetings)} meeting record(s):"), classes="label")
            yield literal(lines, classes="meetings-note")
        if passages:
            yield Collapsible(
                *[PassageItem(i, p, answer) for i, p in enumerate(passages, start=1)],
                title=title,
                collapsed=collapsed,
                classes="passages",
            )


def _found(answer: Answer, label: str):
    """The widgets of one answer: the answer, its quoted evidence and where it was read."""
    yield literal(Text(label), classes="label")
    if render.answer_is_sentence(answer.answer, answer.evidence.text):
        # The answer is the whole sentence: quote it once, emphasised.
        yield literal(render.evidence_text(answer.evidence, ""), classes="answer-text sentence")
    else:
        yield literal(answer.answer, classes="answer-text")
        yield literal(render.evidence_text(answer.evidence, answer.answer), classes="evidence")
    yield literal(f"— {answer.evidence.citation()}", classes="citation")


class ExchangeView(Vertical):
    """A question and, once it is ready, its answer (or an error)."""

    def __init__(self, question: str, pending: str = "waiting for the index to load…") -> None:
        super().__init__(classes="exchange")
        self.question = question
        self._pending_text = pending
        self._result: Widget | None = None
        self._ready = False

    def compose(self) -> ComposeResult:
        yield literal(render.question_text(self.question), classes="card question")
        if self._result is None:
            yield literal(self._pending_text, classes="card pending")
        else:
            yield self._result

    def on_mount(self) -> None:
        self._ready = True
        if self._result is not None and not self._result.is_attached:  # came before we were mounted
            self.query(".pending").remove()
            self.mount(self._result)

    def set_pending(self, text: str) -> None:
        self._pending_text = text
        if self._ready:
            for widget in self.query(".pending"):
                if isinstance(widget, Static):
                    widget.update(Text(text))

    def _replace_pending(self, widget: Widget) -> None:
        self._result = widget
        if self._ready:
            self.query(".pending").remove()
            self.mount(widget)

    def show_answer(self, answer: Answer) -> None:
        self._replace_pending(AnswerCard(answer))

    def show_error(self, message: str, fix: str = "") -> None:
        self._replace_pending(ErrorCard(message, fix))


class ErrorCard(Vertical):
    def __init__(self, message: str, fix: str = "", title: str = "Error") -> None:
        super().__init__(classes="card error")
        self._message, self._fix, self._title = message, fix, title

    def compose(self) -> ComposeResult:
        yield literal(self._title, classes="label")
        yield literal(self._message, classes="error-text")
        if self._fix:
            yield literal(self._fix, classes="citation")


class Welcome(Static):
    def __init__(self) -> None:
        text = Text()
        text.append("Ask a question about the news articles.\n", style="bold")
        text.append(
            "Answers quote the sentence they come from and cite the article (title · date · ¶n).\n"
            "Follow-up questions use the conversation so far.  F1 help · F3 meetings · ctrl+p commands",
            style="dim",
        )
        super().__init__(text, markup=False, id="welcome")


class StatusBar(Horizontal):
    """One line: what the app is doing (or the index status) and a progress bar while building."""

    def compose(self) -> ComposeResult:
        yield Static(Text("starting…"), markup=False, id="status")
        yield ProgressBar(total=None, show_eta=False, id="progress")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False

    def set_text(self, text: str, kind: str = "") -> None:
        status = self.query_one("#status", Static)
        status.update(Text(text))
        status.set_class(kind == "error", "-error")
        status.set_class(kind == "busy", "-busy")

    def show_progress(self, done: int, total: int) -> None:
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=max(total, 1) if total else None, progress=done)

    def hide_progress(self) -> None:
        bar = self.query_one(ProgressBar)
        bar.display = False
        bar.update(total=None, progress=0)


class QuestionInput(Input):
    """The question box, with up/down history."""

    BINDINGS = [
        Binding("up", "history(-1)", "Previous question", show=False),
        Binding("down", "history(1)", "Next question", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.history: list[str] = []
        self._position = 0
        self._draft = ""

    def remember(self, question: str) -> None:
        if not self.history or self.history[-1] != question:
            self.history.append(question)
        self._position = len(self.history)
        self._draft = ""

    def action_history(self, step: int) -> None:
        if not self.history:
            return
        if self._position == len(self.history):
            self._draft = self.value
        position = max(0, min(len(self.history), self._position + step))
        if position == self._position:
            return
        self._position = position
        self.value = self.history[position] if position < len(self.history) else self._draft
        self.cursor_position = len(self.value)
