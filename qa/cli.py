"""The ``qa`` command: a thin click wrapper over the Engine.

Heavy modules (the engine, torch, the UI) are imported inside the commands so that
``qa --help`` answers at once.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .cli_loading import build, load, safe_echo
from .errors import QAError
from .exports import FORMATS
from .models import DEFAULT_MODEL
from .sanitize import json_line, terminal_safe
from .settings import DEFAULT_K, MAX_K, Settings, prepare_collection, resolve
from .terminal import format_answer, input_lines

if TYPE_CHECKING:
    from .engine import Engine
    from .models import Answer


seeds_option = click.option(
    "--seeds", "seeds_dir", type=click.Path(path_type=Path), default=None, envvar="QA_SEEDS",
    help="Folder of articles (.txt, .md, .html, .jsonl, .rss), read recursively. [env QA_SEEDS; default: "
         "$QA_HOME/articles, the config file's, ./seeds in a qa checkout, else your collection]",
)
index_option = click.option(
    "--index", "index_dir", type=click.Path(path_type=Path), default=None, envvar="QA_INDEX",
    help="Folder of the built index. [env QA_INDEX; default: beside the articles, see --seeds]",
)
k_option = click.option("-k", "k", type=click.IntRange(1, MAX_K), default=None,
                        help=f"How many passages to show. [default: the config file's, else {DEFAULT_K}]")


def settings_for(seeds_dir: Path | None, index_dir: Path | None, k: int | None = None) -> Settings:
    # `qa --seeds X index build` and `qa index build --seeds X` mean the same.
    ctx = click.get_current_context(silent=True)
    outer = ctx.find_root().params if ctx else {}
    return resolve(seeds=seeds_dir or outer.get("seeds_dir"), index=index_dir or outer.get("index_dir"), k=k)


def make_engine(settings: Settings) -> Engine:
    from .engine import Engine

    prepare_collection(settings)
    return Engine(seeds_dir=settings.articles, index_dir=settings.index, backend=settings.encoder)


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
def main(ctx: click.Context, seeds_dir: Path | None, index_dir: Path | None) -> None:
    """Ask questions about a folder of news articles, offline.

    A bare `qa` opens the chat over your articles (building the index on first use).
    `qa config` shows which folders are used and why.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(chat, seeds_dir=seeds_dir, index_dir=index_dir)


@main.command()
@seeds_option
@index_option
def chat(seeds_dir: Path | None, index_dir: Path | None) -> None:
    """Open the terminal chat."""
    from .ui.app import create_app

    settings = settings_for(seeds_dir, index_dir)
    create_app(make_engine(settings), k=settings.k).run()


@main.command("config")
@seeds_option
@index_option
def show_config(seeds_dir: Path | None, index_dir: Path | None) -> None:
    """Show the folders, encoder and k in use, and where each comes from."""
    from .settings import config_path

    settings = settings_for(seeds_dir, index_dir)
    path = config_path()
    echo = safe_echo
    echo(f"config:   {path}{'' if path.exists() else ' (none)'}")
    echo(f"articles: {settings.articles}  ({settings.origins['articles']})")
    echo(f"index:    {settings.index}  ({settings.origins['index']})")
    echo(f"encoder:  {settings.encoder or 'default'}")
    echo(f"k:        {settings.k}")


@main.command("mcp")
@seeds_option
@index_option
def mcp_server(seeds_dir: Path | None, index_dir: Path | None) -> None:
    """Serve ask, search, meetings and article to MCP clients over stdio."""
    from .mcp_server import create_server

    settings = settings_for(seeds_dir, index_dir)
    create_server(make_engine(settings), k=settings.k).run("stdio")


@main.group()
def index() -> None:
    """Build or inspect the index."""


@index.command("build")
@seeds_option
@index_option
@click.option("--full", is_flag=True, help="Re-embed every article instead of only changed ones.")
@click.option("--vector-index", type=click.Choice(["exact", "ivf"]), default=None,
              help="Dense search: exact, or IVF-PQ for large collections (kept by later builds).")
def index_build(seeds_dir: Path | None, index_dir: Path | None, full: bool, vector_index: str | None) -> None:
    """Index the articles: incremental, and atomic (the old index stays until the new is done)."""
    engine = make_engine(settings_for(seeds_dir, index_dir))
    engine.vector_index = vector_index
    report = build(engine, full=full)
    click.echo(terminal_safe(f"built {engine.index_dir}: {report.summary()}"))


@index.command("watch")
@seeds_option
@index_option
def index_watch(seeds_dir: Path | None, index_dir: Path | None) -> None:
    """Rebuild the index whenever articles are added, changed or removed (ctrl+c stops).

    An open chat, and `qa mcp`, switch to each new index without a restart.
    """
    from .watch import watch_articles

    engine = make_engine(settings_for(seeds_dir, index_dir))
    watch_articles(engine, say=lambda line: safe_echo(line))


@main.command()
@click.argument("items", nargs=-1, required=True, metavar="PATH|URL...")
@seeds_option
@index_option
@click.pass_context
def add(ctx: click.Context, items: tuple[str, ...], seeds_dir: Path | None, index_dir: Path | None) -> None:
    """Copy files or folders, or fetch web pages and feeds, into the articles folder; then
    update the index (only what changed is embedded).

    An item that holds no article is not added: one error line names it, the others go on.
    """
    from .ingest.add import add_item

    settings = settings_for(seeds_dir, index_dir)
    seeds_dir, index_dir = settings.articles, settings.index
    if seeds_dir.exists() and not seeds_dir.is_dir():
        raise QAError(f"{seeds_dir} is a file, not a folder of articles: pass --seeds FOLDER")
    seeds_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for item in items:
        try:
            added = add_item(item, seeds_dir)
        except QAError as error:
            safe_echo(f"error: {error}", err=True)
            failed += 1
            continue
        what = f"{added.articles} article{'s' if added.articles != 1 else ''}"
        verb = "added" if added.copied else "already in the articles folder:"
        safe_echo(f"{verb} {item} -> {added.path} ({what})")
    if failed < len(items):
        report = build(make_engine(settings))
        safe_echo(f"built {index_dir}: {report.summary()}")
    if failed:
        ctx.exit(1)


@index.command("info")
@index_option
def index_info(index_dir: Path | None) -> None:
    """Show what an index holds and which model built it."""
    from .embedding import embedder_for
    from .store import IndexStore, age_text, vector_index_of

    settings = settings_for(None, index_dir)
    index_dir = settings.index
    manifest = IndexStore(index_dir).read_manifest()
    counts = manifest.get("counts", {})
    echo = safe_echo
    echo(f"index:    {index_dir}")
    echo(f"articles: {counts.get('articles')}")
    echo(f"chunks:   {counts.get('chunks')}")
    meetings = manifest.get("meetings") or {}
    if meetings.get("extracted"):
        echo(f"meetings: {meetings.get('records')}")
    built = manifest.get("model", {})
    echo(f"model:    {built.get('name')} ({built.get('dimension')}-d)")
    echo(f"chunking: {json.dumps(manifest.get('chunking'))}")
    segments = manifest.get("segments") or []
    echo(f"vectors:  {vector_index_of(manifest)} search; {len(segments)} segment(s)")
    echo(f"seeds:    {manifest.get('seeds_dir')}")
    echo(f"built:    {manifest.get('created_at')} ({age_text(manifest.get('created_at', ''))})")
    echo(f"format:   {manifest.get('format_version')}")
    expected = embedder_for(DEFAULT_MODEL, settings.encoder).name  # the model and its encoder backend
    if built.get("name") != expected:
        echo(f"warning: this qa uses {expected}; rebuild with: qa index build --full", err=True)


@index.command("verify")
@index_option
def index_verify(index_dir: Path) -> None:
    """Deep check: every file's checksum against the one written with it, then a full load."""
    from .store import IndexStore

    safe_echo(f"index {index_dir} is sound: {IndexStore(index_dir).verify()}")


@main.command()
@click.argument("question")
@seeds_option
@index_option
@k_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line on stdout.")
@click.option("--since", help="Only articles dated on or after this day (YYYY-MM-DD).")
@click.option("--until", help="Only articles dated on or before this day (YYYY-MM-DD).")
@click.option("--source", help="Only articles whose id (path) starts with this prefix.")
def ask(question: str, seeds_dir: Path | None, index_dir: Path | None, k: int | None, as_json: bool,
        since: str | None, until: str | None, source: str | None) -> None:
    """Answer QUESTION from the articles; '-' reads one question a line from stdin.

    With '-', every input line (blank ones too) gets exactly one output: a question that fails
    gives {"question": ..., "error": ...} and the next line is answered.
    """
    from .retrieval import Filters

    filters = Filters(since=_iso_day(since, "--since"), until=_iso_day(until, "--until"),
                      source=source)
    settings = settings_for(seeds_dir, index_dir, k)
    k = settings.k
    engine = make_engine(settings)
    load(engine)
    if question != "-":
        _print_answer(engine.ask(question, k=k, filters=filters), as_json)
        return
    for text in input_lines(sys.stdin):
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


def _iso_day(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    from .articles import parse_date

    day = parse_date(value)
    if day is None:
        raise click.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)", param_hint=option)
    return day


@main.command()
@seeds_option
@index_option
@click.option("--person", help="Only meetings with this person (name, surname or role words).")
@click.option("--place", help="Only meetings at this place.")
@click.option("--since", help="Only meetings dated on or after this day (YYYY-MM-DD).")
@click.option("--until", help="Only meetings dated on or before this day (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="text (default), json (one record a line), csv or md; all with citations.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
def meetings(seeds_dir: Path | None, index_dir: Path | None, person: str | None, place: str | None,
             since: str | None, until: str | None, fmt: str | None, as_json: bool) -> None:
    """Who met whom, where, when and why: the meetings found in the articles, by date."""
    from .exports import as_text, meeting_record, render

    engine = make_engine(settings_for(seeds_dir, index_dir))
    load(engine, warm=False)
    events = engine.meeting_events(person=person, place=place, since=_iso_day(since, "--since"),
                                   until=_iso_day(until, "--until"))
    records = [meeting_record(event, engine) for event in events]
    fmt = fmt or ("json" if as_json else "text")
    if fmt != "text":
        click.echo(render(records, fmt), nl=False)
    elif records:
        click.echo(terminal_safe(as_text(records)))
    else:
        click.echo("No meetings found." if engine.meetings() else "No meetings reported in the articles.",
                   err=True)


@main.command("eval")
@click.argument("questions_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@seeds_option
@index_option
@k_option
@click.option("--show-misses", type=int, default=20, show_default=True)
def evaluate(questions_file: Path, seeds_dir: Path | None, index_dir: Path | None,
             k: int | None, show_misses: int) -> None:
    """Score answers on QUESTIONS_FILE (JSONL: id, question, answers, gold)."""
    from .evaluation import format_report, load_questions, run_questions, score

    try:
        questions = load_questions(questions_file)
    except ValueError as error:
        raise QAError(str(error)) from None
    settings = settings_for(seeds_dir, index_dir, k)
    k = settings.k
    engine = make_engine(settings)
    load(engine)
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
