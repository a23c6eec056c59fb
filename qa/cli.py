"""The ``qa`` command: a thin click wrapper over the Engine.

Heavy modules (the engine, torch, the UI) are imported inside the commands so that
``qa --help`` answers at once.
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from .errors import QAError
from .models import DEFAULT_MODEL
from .sanitize import json_line, terminal_safe

if TYPE_CHECKING:
    from .engine import Engine
    from .models import Answer, BuildReport

MAX_INPUT_LINE_BYTES = 64 * 1024  # `qa ask -` reads no more of one line (questions are cut anyway)


seeds_option = click.option(
    "--seeds", "seeds_dir", type=click.Path(path_type=Path), default="seeds", show_default=True,
    envvar="QA_SEEDS", help="Folder of articles (.txt, .md, .jsonl), read recursively. [env QA_SEEDS]",
)
index_option = click.option(
    "--index", "index_dir", type=click.Path(path_type=Path), default="index", show_default=True,
    envvar="QA_INDEX", help="Folder of the built index. [env QA_INDEX]",
)


def make_engine(seeds_dir: Path, index_dir: Path) -> Engine:
    from .engine import Engine

    return Engine(seeds_dir=seeds_dir, index_dir=index_dir)


class QAGroup(click.Group):
    """Turns the errors people can fix into one line on stderr instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except QAError as error:
            click.echo(terminal_safe(f"error: {error}"), err=True)
            ctx.exit(1)
        except OSError as error:  # a path problem nothing else caught: still one line
            where = f": {error.filename}" if error.filename else ""
            click.echo(terminal_safe(f"error: {error.strerror or error}{where}"), err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("\ninterrupted: the previous index is unchanged", err=True)
            ctx.exit(130)


@click.group(cls=QAGroup, invoke_without_command=True)
@seeds_option
@index_option
@click.version_option(package_name="qa", prog_name="qa")
@click.pass_context
def main(ctx: click.Context, seeds_dir: Path, index_dir: Path) -> None:
    """Ask questions about a folder of news articles, offline.

    A bare `qa` opens the chat over --seeds (building the index on first use).
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(chat, seeds_dir=seeds_dir, index_dir=index_dir)


@main.command()
@seeds_option
@index_option
def chat(seeds_dir: Path, index_dir: Path) -> None:
    """Open the terminal chat."""
    from .ui.app import create_app

    create_app(make_engine(seeds_dir, index_dir)).run()


@main.group()
def index() -> None:
    """Build or inspect the index."""


@index.command("build")
@seeds_option
@index_option
@click.option("--full", is_flag=True, help="Re-embed every article instead of only changed ones.")
def index_build(seeds_dir: Path, index_dir: Path, full: bool) -> None:
    """Index the articles: incremental, and atomic (the old index stays until the new is done)."""
    engine = make_engine(seeds_dir, index_dir)
    report = _build(engine, full=full)
    click.echo(terminal_safe(f"built {index_dir}: {report.summary()}"))


@index.command("info")
@index_option
def index_info(index_dir: Path) -> None:
    """Show what an index holds and which model built it."""
    from .embedding import embedder_for
    from .store import IndexStore, age_text

    manifest = IndexStore(index_dir).read_manifest()
    counts = manifest.get("counts", {})
    echo = _safe_echo
    echo(f"index:    {index_dir}")
    echo(f"articles: {counts.get('articles')}")
    echo(f"chunks:   {counts.get('chunks')}")
    meetings = manifest.get("meetings") or {}
    if meetings.get("extracted"):
        echo(f"meetings: {meetings.get('records')}")
    built = manifest.get("model", {})
    echo(f"model:    {built.get('name')} ({built.get('dimension')}-d)")
    echo(f"chunking: {json.dumps(manifest.get('chunking'))}")
    echo(f"seeds:    {manifest.get('seeds_dir')}")
    echo(f"built:    {manifest.get('created_at')} ({age_text(manifest.get('created_at', ''))})")
    echo(f"format:   {manifest.get('format_version')}")
    expected = embedder_for(DEFAULT_MODEL).name  # the model and its encoder backend
    if built.get("name") != expected:
        echo(f"warning: this qa uses {expected}; rebuild with: qa index build --full", err=True)


@index.command("verify")
@index_option
def index_verify(index_dir: Path) -> None:
    """Deep check: every file's checksum against the one written with it, then a full load."""
    from .store import IndexStore

    _safe_echo(f"index {index_dir} is sound: {IndexStore(index_dir).verify()}")


@main.command()
@click.argument("question")
@seeds_option
@index_option
@click.option("-k", "k", type=click.IntRange(1, 50), default=5, show_default=True,
              help="How many passages to show.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line on stdout.")
@click.option("--since", help="Only articles dated on or after this day (YYYY-MM-DD).")
@click.option("--until", help="Only articles dated on or before this day (YYYY-MM-DD).")
@click.option("--source", help="Only articles whose id (path) starts with this prefix.")
def ask(question: str, seeds_dir: Path, index_dir: Path, k: int, as_json: bool,
        since: str | None, until: str | None, source: str | None) -> None:
    """Answer QUESTION from the articles; '-' reads one question a line from stdin.

    With '-', every input line (blank ones too) gets exactly one output: a question that fails
    gives {"question": ..., "error": ...} and the next line is answered.
    """
    from .retrieval import Filters

    filters = Filters(since=_iso_day(since, "--since"), until=_iso_day(until, "--until"),
                      source=source)
    engine = make_engine(seeds_dir, index_dir)
    _load(engine)
    if question != "-":
        _print_answer(engine.ask(question, k=k, filters=filters), as_json)
        return
    for text in _input_lines(sys.stdin):
        try:
            answer = engine.ask(text, k=k, filters=filters)
        except Exception as error:  # noqa: BLE001 - one bad question never ends the batch
            _print_failure(text, error, as_json)
        else:
            _print_answer(answer, as_json)


def _print_answer(answer: Answer, as_json: bool) -> None:
    click.echo(json_line(answer.public()) if as_json else terminal_safe(format_answer(answer)))
    sys.stdout.flush()


def _print_failure(question: str, error: Exception, as_json: bool) -> None:
    from .articles import describe_error

    message = str(error) if isinstance(error, QAError) else describe_error(error)
    if as_json:
        click.echo(json_line({"question": question, "error": message}))
    else:
        click.echo(terminal_safe(f"Q: {question}\nerror: {message}\n"))
    sys.stdout.flush()


def _input_lines(stream: IO[str]) -> Iterator[str]:
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


def _iso_day(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    from .articles import parse_date

    day = parse_date(value)
    if day is None:
        raise click.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)", param_hint=option)
    return day


def format_answer(answer: Answer) -> str:
    lines = [f"Q: {answer.question}"]
    if answer.found and answer.evidence is not None:
        lines.append(f"A: {answer.answer}")
        lines.append(f'   "{answer.evidence.text}"')
        lines.append(f"   — {answer.evidence.citation()}  [{answer.evidence.article}]")
    else:
        lines.append("A: The articles don't say.")
    if answer.passages:
        lines.append("Passages:" if answer.found else "Closest passages:")
        for number, passage in enumerate(answer.passages, start=1):
            lines.append(f"  {number}. [{passage.score:.2f}] {passage.citation()}  [{passage.article}]")
            lines.append(f"     {passage.text}")
    return "\n".join(lines) + "\n"


def _load(engine: Engine, warm: bool = True) -> None:
    """Load the index; with none yet, build it from the seeds first, saying so on stderr."""
    if not engine.store.exists():
        from .articles import check_seeds_folder

        check_seeds_folder(engine.seeds_dir)
        engine.store.check_writable()
        _safe_echo(f"No index in {engine.index_dir} yet: building it from {engine.seeds_dir} …",
                   err=True)
        report = _build(engine)
        _safe_echo(f"built {engine.index_dir}: {report.summary()}", err=True)
        if warm:
            engine.warm_up()
    elif warm:
        engine.load()
    else:
        engine.load_index()


def _build(engine: Engine, full: bool = False) -> BuildReport:
    """Build, printing each warning on stderr as it happens (above the progress bar)."""
    progress = _TerminalProgress() if sys.stderr.isatty() else None

    def warn(message: str) -> None:
        if progress:
            progress.close()
        _safe_echo(f"warning: {message}", err=True)

    try:
        return engine.build(full=full, progress=progress, on_warning=warn)
    finally:
        if progress:
            progress.close()


def _safe_echo(text: str, err: bool = False) -> None:
    """Echo text that may hold article text, file names or questions: nothing raw reaches a
    terminal."""
    click.echo(terminal_safe(text), err=err)


class _TerminalProgress:
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


@main.command()
@seeds_option
@index_option
@click.option("--person", help="Only meetings with this person (name, surname or role words).")
@click.option("--place", help="Only meetings at this place.")
@click.option("--since", help="Only meetings dated on or after this day (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="One JSON record a line on stdout.")
def meetings(seeds_dir: Path, index_dir: Path, person: str | None, place: str | None,
             since: str | None, as_json: bool) -> None:
    """Who met whom, where, when and why: the meetings found in the articles, by date."""
    from .meetings import Meeting, filter_meetings, group_meetings

    engine = make_engine(seeds_dir, index_dir)
    _load(engine, warm=False)
    records = [Meeting.from_dict(r) for r in engine.meetings()]
    found = filter_meetings(records, person=person, place=place, since=_iso_day(since, "--since"))
    events = group_meetings(found)
    if as_json:
        for event in events:
            click.echo(json_line({**event.meeting.to_dict(), "sources": event.sources}))
        return
    if not events:
        click.echo("No meetings found." if records else "No meetings reported in the articles.", err=True)
        return
    click.echo(terminal_safe(format_meetings(events, engine)))


def format_meetings(events, engine: Engine) -> str:
    """Two lines a meeting: who and whom with the date, then where, why and the sources."""
    from .models import cite

    width = min(100, max(60, shutil.get_terminal_size()[0]))
    blocks = []
    for event in events:
        m = event.meeting
        names = [p.label() for p in m.participants]
        status = "" if m.status == "happened" else f" [{m.status}]"
        head = f"{m.when() or 'undated'} · {m.kind}{status}: {names[0]} — {', '.join(names[1:])}"
        sources = []
        for evidence in m.evidence:
            article = engine.data.articles.get(evidence["article"])
            title, date = (article.title, article.date) if article else (evidence["article"], None)
            cited = cite(title, date, evidence["paragraph"])
            if cited not in sources:
                sources.append(cited)
        detail = " · ".join(x for x in (f"where: {m.place}" if m.place else "",
                                         f"why: {m.reason}" if m.reason else "",
                                         "sources: " + "; ".join(sources[:3])) if x)
        blocks.append(textwrap.fill(head, width, subsequent_indent="  ") + "\n"
                      + textwrap.fill(detail, width, initial_indent="  ", subsequent_indent="  "))
    return "\n".join(blocks)


@main.command("eval")
@click.argument("questions_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@seeds_option
@index_option
@click.option("-k", "k", type=click.IntRange(1, 50), default=5, show_default=True)
@click.option("--show-misses", type=int, default=20, show_default=True)
def evaluate(questions_file: Path, seeds_dir: Path, index_dir: Path, k: int,
             show_misses: int) -> None:
    """Score answers on QUESTIONS_FILE (JSONL: id, question, answers, gold)."""
    from .evaluation import format_report, load_questions, run_questions, score

    try:
        questions = load_questions(questions_file)
    except ValueError as error:
        raise QAError(str(error)) from None
    engine = make_engine(seeds_dir, index_dir)
    _load(engine)
    results = run_questions(engine, questions, k=k)
    # Figures for each half of the fixed split (by gold article), so tuning shows as tuning.
    from .splits import HELDOUT, TUNE, split_of

    for half, title in ((TUNE, "tuning half"), (HELDOUT, "held-out half")):
        part = [r for r in results if split_of((r["gold"] or [r["id"]])[0]) == half]
        click.echo(terminal_safe(f"== {title} ==\n" + format_report(score(part, k=k), part, show_misses=show_misses)))


@main.command("eval-meetings")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="One annotated set (JSONL); default: every meetings dev set on this machine.")
@click.option("--show-errors", type=int, default=0, show_default=True,
              help="List this many errors of the tuning half.")
def eval_meetings(gold: Path | None, show_errors: int) -> None:
    """Pair precision, event recall and place/time/reason accuracy, per tuning/held-out half."""
    from .meetings import eval_sets

    extract, detect = eval_sets.default_extractors()
    if gold is not None:
        click.echo(terminal_safe(eval_sets.evaluate_gold(gold, extract, show_errors)))
        return
    click.echo(terminal_safe(eval_sets.run_all(extract, detect, show_errors)))
