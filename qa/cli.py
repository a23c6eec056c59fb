"""The ``qa`` command: a thin click wrapper over the Engine.

Heavy modules (the engine, torch, the UI) are imported inside the commands so that
``qa --help`` answers at once.
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .errors import QAError
from .models import DEFAULT_MODEL

if TYPE_CHECKING:
    from .engine import Engine
    from .models import Answer, BuildReport


seeds_option = click.option(
    "--seeds", "seeds_dir", type=click.Path(path_type=Path), default="seeds", show_default=True,
    envvar="QA_SEEDS", help="Folder of articles (.txt, .md, .jsonl), read recursively. [env QA_SEEDS]",
)
index_option = click.option(
    "--index", "index_dir", type=click.Path(path_type=Path), default="index", show_default=True,
    envvar="QA_INDEX", help="Folder of the built index. [env QA_INDEX]",
)
model_option = click.option(
    "--model", default=DEFAULT_MODEL, show_default=True, envvar="QA_MODEL", hidden=True,
    help="Embedding model; 'hashing-384' is a model-free embedder for tests. [env QA_MODEL]",
)


def make_engine(seeds_dir: Path, index_dir: Path, model: str) -> Engine:
    from .engine import Engine

    return Engine(seeds_dir=seeds_dir, index_dir=index_dir, model=model)


class QAGroup(click.Group):
    """Turns the errors people can fix into one line on stderr instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except QAError as error:
            click.echo(f"error: {error}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("\ninterrupted: the previous index is unchanged", err=True)
            ctx.exit(130)


@click.group(cls=QAGroup, invoke_without_command=True)
@seeds_option
@index_option
@model_option
@click.version_option(package_name="qa", prog_name="qa")
@click.pass_context
def main(ctx: click.Context, seeds_dir: Path, index_dir: Path, model: str) -> None:
    """Ask questions about a folder of news articles, offline.

    A bare `qa` opens the chat over --seeds (building the index on first use).
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(chat, seeds_dir=seeds_dir, index_dir=index_dir, model=model)


@main.command()
@seeds_option
@index_option
@model_option
def chat(seeds_dir: Path, index_dir: Path, model: str) -> None:
    """Open the terminal chat."""
    from .ui.app import create_app

    create_app(make_engine(seeds_dir, index_dir, model)).run()


@main.group()
def index() -> None:
    """Build or inspect the index."""


@index.command("build")
@seeds_option
@index_option
@model_option
@click.option("--full", is_flag=True, help="Re-embed every article instead of only changed ones.")
def index_build(seeds_dir: Path, index_dir: Path, model: str, full: bool) -> None:
    """Index the articles: incremental, and atomic (the old index stays until the new is done)."""
    engine = make_engine(seeds_dir, index_dir, model)
    report = _build(engine, full=full)
    click.echo(f"built {index_dir}: {report.summary()}")


@index.command("info")
@index_option
@model_option
def index_info(index_dir: Path, model: str) -> None:
    """Show what an index holds and which model built it."""
    from .store import IndexStore, age_text

    manifest = IndexStore(index_dir).read_manifest()
    counts = manifest.get("counts", {})
    click.echo(f"index:    {index_dir}")
    click.echo(f"articles: {counts.get('articles')}")
    click.echo(f"chunks:   {counts.get('chunks')}")
    meetings = manifest.get("meetings") or {}
    if meetings.get("extracted"):
        click.echo(f"meetings: {meetings.get('records')}")
    built = manifest.get("model", {})
    click.echo(f"model:    {built.get('name')} ({built.get('dimension')}-d)")
    click.echo(f"chunking: {json.dumps(manifest.get('chunking'))}")
    click.echo(f"seeds:    {manifest.get('seeds_dir')}")
    click.echo(f"built:    {manifest.get('created_at')} ({age_text(manifest.get('created_at', ''))})")
    click.echo(f"format:   {manifest.get('format_version')}")
    if built.get("name") != model:
        click.echo(f"warning: this qa uses {model}; rebuild with: qa index build --full", err=True)


@main.command()
@click.argument("question")
@seeds_option
@index_option
@model_option
@click.option("-k", "k", type=click.IntRange(1, 50), default=5, show_default=True,
              help="How many passages to show.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line on stdout.")
@click.option("--since", help="Only articles dated on or after this day (YYYY-MM-DD).")
@click.option("--until", help="Only articles dated on or before this day (YYYY-MM-DD).")
@click.option("--source", help="Only articles whose id (path) starts with this prefix.")
def ask(question: str, seeds_dir: Path, index_dir: Path, model: str, k: int, as_json: bool,
        since: str | None, until: str | None, source: str | None) -> None:
    """Answer QUESTION from the articles; '-' reads one question a line from stdin."""
    from .retrieval import Filters

    filters = Filters(since=_iso_day(since, "--since"), until=_iso_day(until, "--until"),
                      source=source)
    engine = make_engine(seeds_dir, index_dir, model)
    _load(engine)
    questions = (line for line in sys.stdin) if question == "-" else [question]
    for text in questions:
        if not text.strip():
            continue
        answer = engine.ask(text, k=k, filters=filters)
        if as_json:
            click.echo(json.dumps(answer.public(), ensure_ascii=False))
        else:
            click.echo(format_answer(answer))
        sys.stdout.flush()


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
        click.echo(
            f"No index in {engine.index_dir} yet: building it from {engine.seeds_dir} …", err=True
        )
        report = _build(engine)
        click.echo(f"built {engine.index_dir}: {report.summary()}", err=True)
        if warm:
            engine.warm_up()
    elif warm:
        engine.load()
    else:
        engine.load_index()


def _build(engine: Engine, full: bool = False) -> BuildReport:
    progress = _TerminalProgress() if sys.stderr.isatty() else None
    try:
        report = engine.build(full=full, progress=progress)
    finally:
        if progress:
            progress.close()
    for warning in report.skipped:
        click.echo(f"warning: {warning}", err=True)
    return report


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
        if line != self._last:
            sys.stderr.write("\r\033[K" + line)
            sys.stderr.flush()
            self._last = line

    def close(self) -> None:
        if self._last:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


@main.command()
@seeds_option
@index_option
@model_option
@click.option("--person", help="Only meetings with this person (name, surname or role words).")
@click.option("--place", help="Only meetings at this place.")
@click.option("--since", help="Only meetings dated on or after this day (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="One JSON record a line on stdout.")
def meetings(seeds_dir: Path, index_dir: Path, model: str, person: str | None, place: str | None,
             since: str | None, as_json: bool) -> None:
    """Who met whom, where, when and why: the meetings found in the articles, by date."""
    from .meetings import Meeting, filter_meetings, group_meetings

    engine = make_engine(seeds_dir, index_dir, model)
    _load(engine, warm=False)
    records = [Meeting.from_dict(r) for r in engine.meetings()]
    found = filter_meetings(records, person=person, place=place, since=_iso_day(since, "--since"))
    events = group_meetings(found)
    if as_json:
        for event in events:
            click.echo(json.dumps({**event.meeting.to_dict(), "sources": event.sources}, ensure_ascii=False))
        return
    if not events:
        click.echo("No meetings found." if records else "No meetings reported in the articles.", err=True)
        return
    click.echo(format_meetings(events, engine))


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


class _NullFile:
    def write(self, _text: str) -> int:
        return 0

    def flush(self) -> None:
        pass


@main.command("eval")
@click.argument("questions_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@seeds_option
@index_option
@model_option
@click.option("-k", "k", type=click.IntRange(1, 50), default=5, show_default=True)
@click.option("--show-misses", type=int, default=20, show_default=True)
def evaluate(questions_file: Path, seeds_dir: Path, index_dir: Path, model: str, k: int,
             show_misses: int) -> None:
    """Score answers on QUESTIONS_FILE (JSONL: id, question, answers, gold)."""
    from .evaluation import format_report, load_questions, run_questions, score

    try:
        questions = load_questions(questions_file)
    except ValueError as error:
        raise QAError(str(error)) from None
    engine = make_engine(seeds_dir, index_dir, model)
    _load(engine)
    results = run_questions(engine, questions, k=k)
    click.echo(format_report(score(results, k=k), results, show_misses=show_misses))


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
        click.echo(eval_sets.evaluate_gold(gold, extract, show_errors))
        return
    click.echo(eval_sets.run_all(extract, detect, show_errors))
