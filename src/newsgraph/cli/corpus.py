"""The corpus commands of ``newsgraph``: ingest into a DuckDB store, query, chart and export it."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from newsgraph.cli.layout import Section, clip, show
from newsgraph.cli.options import PublishedOption, TimeBudgetOption
from newsgraph.cli.plots import plot_app
from newsgraph.errors import NewsgraphError
from newsgraph.vocab import ACTOR_KINDS, DEFAULT_STORE, INGEST_BATCH, MODALITIES, QUADS

if TYPE_CHECKING:
    import pyarrow as pa  # imported by the commands that print query results, never by ingest

    from newsgraph.config import Settings

DB_HELP = "The DuckDB store file."
DbOption = Annotated[Path, typer.Option("--db", help=DB_HELP)]
err_console = Console(stderr=True)


class Out(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    parquet = "parquet"


FormatOption = Annotated[Out, typer.Option("--format", "-f", help="table (terminal), csv, json (lines) or parquet.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (needed for parquet).")]
SinceOption = Annotated[str | None, typer.Option(help="From this period on: YYYY, YYYY-MM or YYYY-MM-DD.")]
UntilOption = Annotated[str | None, typer.Option(help="Up to the end of this period: YYYY, YYYY-MM or YYYY-MM-DD.")]
LimitOption = Annotated[int, typer.Option(help="At most this many rows (0: all).")]
QUAD_HELP = "QuadClass: " + ", ".join(f"{q.code} {q.label}" for q in QUADS) + "."


def _fail(err: Exception, code: int = 2) -> typer.Exit:
    err_console.print(f"[bold red]error[/] {err}")
    return typer.Exit(code)


def _open(db: Path, read_only: bool = True) -> Any:
    from newsgraph.store.db import Store

    try:
        store = Store(db, read_only=read_only)
        _ = store.con
        return store
    except NewsgraphError as err:
        raise _fail(err) from err


def emit(table: pa.Table, fmt: Out, output: Path | None, title: str = "", heading: str = "{0}") -> None:
    """Print or write ``table`` in the chosen format; a table on the terminal is laid out for its width
    (``cli.layout``: one block per row, headed by ``heading``, when the columns do not fit)."""
    if fmt is Out.parquet:
        if output is None:
            raise _fail(ValueError("--format parquet needs --output FILE"))
        import pyarrow.parquet as pq

        pq.write_table(table, output)
        err_console.print(f"wrote {table.num_rows} rows to {output}")
        return
    if fmt is Out.csv:
        import pyarrow.csv as pacsv

        if output is not None:
            pacsv.write_csv(table, output)
            err_console.print(f"wrote {table.num_rows} rows to {output}")
        else:
            import pyarrow as pa

            sink = pa.BufferOutputStream()
            pacsv.write_csv(table, sink)
            sys.stdout.write(sink.getvalue().to_pybytes().decode("utf-8"))
        return
    if fmt is Out.json:
        lines = "".join(json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in table.to_pylist())
        if output is not None:
            output.write_text(lines, encoding="utf-8")
            err_console.print(f"wrote {table.num_rows} rows to {output}")
        else:
            sys.stdout.write(lines)
        return
    rows = [["" if v is None else _short(v) for v in row.values()] for row in table.to_pylist()]
    show(Section(title, list(table.column_names), rows, heading), Console())
    if table.num_rows == 0:
        err_console.print("no rows")


def _short(value: Any, width: int = 160) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return clip(text, width)


def _corpus(db: Path) -> Any:
    """The store as the Python API opens it (``newsgraph.open``), read-only: the query commands go through it."""
    import newsgraph

    try:
        corpus = newsgraph.open(db)
        _ = corpus.store.con
        return corpus
    except NewsgraphError as err:
        raise _fail(err) from err


def _limit(limit: int) -> int | None:
    return limit if limit > 0 else None


# ---- ingest ---------------------------------------------------------------------------------------------------
PatternsOption = Annotated[list[Path] | None, typer.Option(
    "--patterns", help="Extra event pattern file (YAML, see nlp/events/data/README.md); repeatable.")]


def with_patterns(settings: Settings, patterns: list[Path] | None) -> Settings:
    """``settings`` with the user's pattern files added after those of newsgraph.toml."""
    extra = tuple(str(p) for p in patterns or [])
    return settings.with_overrides(pattern_files=(*settings.pattern_files, *extra)) if extra else settings


def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, globs (quote them), .jsonl corpora, "
                                                     "RSS/Atom feeds (files or URLs), article URLs, or -.")],
    db: DbOption = Path(DEFAULT_STORE),
    published: PublishedOption = None,
    fetch: Annotated[bool, typer.Option(help="Download each feed item's page instead of using the feed's text.")] = (
        False),
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a download.")] = 20.0,
    max_bytes: Annotated[int, typer.Option(help="Largest page or feed downloaded, in bytes.")] = 8 * 1024 * 1024,
    batch_size: Annotated[int, typer.Option(help="Articles analysed and committed together.")] = INGEST_BATCH,
    model: Annotated[str | None, typer.Option(help="spaCy model name or path.")] = None,
    actors: Annotated[list[Path] | None, typer.Option("--actors", help="Extra actor file (YAML); repeatable.")] = None,
    patterns: PatternsOption = None,
    config: Annotated[Path | None, typer.Option(help="TOML settings file (default: ./newsgraph.toml).")] = None,
    hold: Annotated[bool, typer.Option(help="Keep the store open for the whole run (a little faster; readers "
                                            "wait until it ends).")] = False,
    quiet: Annotated[bool, typer.Option(help="No progress bar.")] = False,
    workers: Annotated[int, typer.Option(help="Analyse in N local worker processes (each loads the model once).")] = (
        1),
    engine: Annotated[str, typer.Option(help="serial, local (N processes, see --workers) or dask.")] = "",
    scheduler: Annotated[str | None, typer.Option(
        help="Dask scheduler address, e.g. tcp://host:8786 (default with --engine dask: a local cluster of "
             "--workers processes).")] = None,
    only: Annotated[str | None, typer.Option(help="Only these stages and what they need, e.g. events,quotes.")] = None,
    time_budget: TimeBudgetOption = None,
    out: Annotated[tuple[str, Path] | None, typer.Option(
        help="parquet DIR: write the tables as Parquet partitioned by batch (DIR/batch=<id>/<table>.parquet) "
             "instead of a DuckDB file.")] = None,
) -> None:
    """Analyse a corpus into the store: idempotent (stored articles are skipped), resumable (batches are atomic)."""
    from newsgraph.store.ingest import IngestOptions, ingest_corpus

    if out is not None and out[0] != "parquet":
        raise _fail(ValueError(f"--out knows only parquet, not {out[0]!r}"))
    options = IngestOptions(
        published=published, fetch=fetch, timeout=timeout, max_bytes=max_bytes, batch_size=batch_size, model=model,
        actor_files=tuple(str(p) for p in actors or []), config=config, hold=hold, workers=workers, engine=engine,
        scheduler=scheduler, only=only, parquet=out[1] if out is not None else None, time_budget=time_budget)
    if out is None:
        _open(db, read_only=False).close()  # a store that cannot be written stops the run before the model loads
    progress, on_progress = _progress(inputs, quiet)
    try:
        with progress:
            run = ingest_corpus(inputs, db, options, on_progress)
    except (NewsgraphError, ValueError) as err:
        raise _fail(err) from err
    _print_summary(run, str(out[1] if out else db))
    if run.summary.errors and out is None:

        with _corpus(db) as corpus:
            emit(corpus.errors(True, min(run.summary.errors, 10)), Out.table, None, "latest errors")


def _progress(inputs: list[str], quiet: bool) -> tuple[Any, Any]:
    """A progress bar (articles/s, ETA) and the callback that moves it."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from newsgraph.store.ingest import IngestSummary, estimate_total

    columns = [TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.1f} articles/s"), TimeElapsedColumn(), TextColumn("ETA"),
               TimeRemainingColumn()]
    progress = Progress(*columns, console=err_console, disable=quiet, transient=False)
    task = progress.add_task("ingest", total=None if quiet else estimate_total(inputs), rate=0.0)

    def on_progress(s: IngestSummary) -> None:
        progress.update(task, completed=s.seen, rate=s.seen / s.seconds if s.seconds else 0.0)

    return progress, on_progress


def _print_summary(run: Any, where: str) -> None:
    summary = run.summary
    view = Table(title=f"ingest into {where}", show_header=False)
    view.add_row("documents read", f"{summary.seen:,}")
    view.add_row("new articles stored", f"{summary.stored:,} ({summary.rate:.1f} articles/s)")
    view.add_row("already stored, skipped", f"{summary.skipped:,}")
    view.add_row("copies of a stored story", f"{summary.copies:,}")
    view.add_row("errors stored", f"{summary.errors:,}" + (
        "  (" + ", ".join(f"{c}: {n}" for c, n in sorted(summary.error_codes.items())) + ")" if summary.errors
        else ""))
    view.add_row("time", f"{summary.seconds:.1f} s ({run.engine} engine" + (
        f", {run.workers} workers)" if run.engine != "serial" else ")"))
    Console().print(view)


# ---- queries -------------------------------------------------------------------------------------------------
def events(
    db: DbOption = Path(DEFAULT_STORE),
    source: Annotated[str | None, typer.Option(help="Source country/bloc code, actor id or part of a name.")] = None,
    target: Annotated[str | None, typer.Option(help="Target country/bloc code, actor id or part of a name.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    plover: Annotated[str | None, typer.Option(help="PLOVER event type, e.g. SUPPORT, ACCUSE, ASSAULT.")] = None,
    cameo: Annotated[str | None, typer.Option(help="CAMEO code or prefix, e.g. 11 or 0874.")] = None,
    quad: Annotated[int | None, typer.Option(help=QUAD_HELP)] = None,
    modality: Annotated[str | None, typer.Option(help=", ".join(MODALITIES) + ".")] = None,
    article: Annotated[str | None, typer.Option(help="Only this article (its id or article_id).")] = None,
    copies: Annotated[bool, typer.Option(help="Include events of near-duplicate copies of a story.")] = False,
    limit: LimitOption = 50,
    offset: Annotated[int, typer.Option(help="Skip this many rows (paging).")] = 0,
    fmt: FormatOption = Out.table,
    output: OutputOption = None,
) -> None:
    """Events (who did what to whom), one row per source and target, newest first."""

    with _corpus(db) as corpus:
        try:
            table = corpus.events(True, source=source, target=target, since=since, until=until, plover=plover,
                                  cameo=cameo, quad_class=quad, modality=modality, article=article, copies=copies,
                                  limit=_limit(limit), offset=offset)
        except ValueError as err:
            raise _fail(err) from err
    if fmt is Out.table:
        table = table.select(["day", "source", "cameo", "plover", "target", "modality", "negated", "trigger_text",
                              "doc_id", "reports"])
    emit(table, fmt, output, "events", heading="{0} {1} → {4}")


def quotes(
    db: DbOption = Path(DEFAULT_STORE),
    speaker: Annotated[str | None, typer.Option(help="Speaker: actor name (or part), actor id, country code or the "
                                                     "words of the text.")] = None,
    addressee: Annotated[str | None, typer.Option(help="Addressee, matched like --speaker.")] = None,
    contains: Annotated[str | None, typer.Option(help="Only quotes whose content contains this text.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    article: Annotated[str | None, typer.Option(help="Only this article (its id or article_id).")] = None,
    limit: LimitOption = 50,
    offset: Annotated[int, typer.Option(help="Skip this many rows (paging).")] = 0,
    fmt: FormatOption = Out.table,
    output: OutputOption = None,
) -> None:
    """Attributed quotations: who said what, to whom, in which article."""

    with _corpus(db) as corpus:
        try:
            table = corpus.quotes(True, speaker=speaker, addressee=addressee, contains=contains, since=since,
                                  until=until, article=article, limit=_limit(limit), offset=offset)
        except ValueError as err:
            raise _fail(err) from err
    if fmt is Out.table:
        table = table.select(["published", "speaker", "cue_text", "addressee", "kind", "content_text", "doc_id"])
    emit(table, fmt, output, "quotes", heading="{1} ({0})")


def actors_command(
    db: DbOption = Path(DEFAULT_STORE),
    kind: Annotated[str | None, typer.Option(help=", ".join(ACTOR_KINDS) + ".")] = None,
    country: Annotated[str | None, typer.Option(help="Country or bloc code.")] = None,
    name: Annotated[str | None, typer.Option(help="Part of the name, or the actor id.")] = None,
    limit: LimitOption = 50,
    fmt: FormatOption = Out.table,
    output: OutputOption = None,
) -> None:
    """The actors of the corpus, most mentioned first, with what they did, had done to them and said."""

    with _corpus(db) as corpus:
        table = corpus.actors(True, kind=kind, country=country, name=name, limit=_limit(limit))
    emit(table, fmt, output, "actors", heading="{1} [{0}]")


def dyads(
    countries: Annotated[list[str] | None, typer.Argument(help="Country or bloc codes (none: every pair).")] = None,
    db: DbOption = Path(DEFAULT_STORE),
    by: Annotated[str, typer.Option(help="day, week, month, quarter or year.")] = "month",
    since: SinceOption = None,
    until: UntilOption = None,
    copies: Annotated[bool, typer.Option(help="Count every copy of a story.")] = False,
    all_modalities: Annotated[bool, typer.Option(help="Count intents, threats, denials and negated events too.")] = (
        False),
    fmt: FormatOption = Out.table,
    output: OutputOption = None,
) -> None:
    """Directed-dyad series: events by QuadClass, Goldstein total and mean, per period and country pair."""

    with _corpus(db) as corpus:
        try:
            table = corpus.dyads(countries or [], True, by=by, since=since, until=until, copies=copies,
                                 all_modalities=all_modalities)
        except ValueError as err:
            raise _fail(err) from err
    emit(table, fmt, output, f"dyads by {by}", heading="{0} {1} → {2}")


def sql(
    statement: Annotated[str, typer.Argument(help="A SQL query (the store is opened read-only).")],
    db: DbOption = Path(DEFAULT_STORE),
    fmt: FormatOption = Out.table,
    output: OutputOption = None,
) -> None:
    """Read-only SQL over the store's tables (articles, actors, mentions, quotes, events, event_dyads, times,
    amounts, places, errors): one SELECT or EXPLAIN; no file beyond the store is read or written."""
    import duckdb

    from newsgraph.store.db import Store

    try:
        with Store(db, read_only=True, sandbox=True) as store:
            table = store.read_only_query(statement)
    except (duckdb.Error, NewsgraphError) as err:
        raise _fail(err) from err
    emit(table, fmt, output)


def export(
    what: Annotated[str, typer.Argument(help="events, or a table: articles, actors, mentions, quotes, "
                                             "event_dyads, times, amounts, places, errors.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    db: DbOption = Path(DEFAULT_STORE),
    fmt: Annotated[str, typer.Option("--format", "-f", help="gdelt or plover (events only), csv, parquet, json.")] = (
        "csv"),
    header: Annotated[bool, typer.Option(help="A header line in the GDELT file (GDELT's own files have none).")] = (
        False),
) -> None:
    """Export events as GDELT 2.0 event rows or PLOVER JSON, or any table as CSV, Parquet or JSON lines."""
    with _corpus(db) as corpus:
        try:
            rows = corpus.export(what, output, fmt, header)
        except (ValueError, KeyError) as err:
            raise _fail(err) from err
    err_console.print(f"wrote {rows:,} rows to {output}")


def errors_command(
    db: DbOption = Path(DEFAULT_STORE),
    limit: LimitOption = 50,
    fmt: FormatOption = Out.table,
    output: OutputOption = None,
) -> None:
    """Documents that could not be analysed, with their error code and message."""

    with _corpus(db) as corpus:
        table = corpus.errors(True, _limit(limit))
    emit(table, fmt, output, "errors")


def info(db: DbOption = Path(DEFAULT_STORE)) -> None:
    """What the store holds: articles, stories, events, quotes, actors, errors."""

    with _corpus(db) as corpus:
        counts = corpus.overview()
    view = Table(title=str(db), show_header=False)
    for key, value in counts.items():
        view.add_row(key, f"{value:,}")
    Console().print(view)


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(events)
    app.command()(quotes)
    app.command("actors")(actors_command)
    app.command()(dyads)
    app.command()(sql)
    app.command()(export)
    app.command("errors")(errors_command)
    app.command()(info)
    app.add_typer(plot_app, name="plot")
