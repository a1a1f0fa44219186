"""The ``newsgraph watch`` command: keep a store current with its feeds (``store.watch``)."""

from __future__ import annotations

import datetime as dt
import re
import signal
from pathlib import Path
from types import FrameType
from typing import Annotated, Any

import typer
from rich.console import Console

from newsgraph.cli.options import PublishedOption
from newsgraph.errors import NewsgraphError
from newsgraph.vocab import DEFAULT_STORE, INGEST_BATCH

err_console = Console(stderr=True, highlight=False)
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: str) -> float:
    """``"15m"`` → 900.0; ``s``, ``m``, ``h``, ``d`` or plain seconds."""
    match = _DURATION.match(value)
    if not match or float(match.group(1)) <= 0:
        raise typer.BadParameter(f"expected a duration such as 30s, 15m, 2h or 1d, not {value!r}")
    return float(match.group(1)) * _UNIT[match.group(2) or "s"]


def watch(
    inputs: Annotated[list[str], typer.Argument(help="Feed or page URLs, feed files or directories to watch.")],
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store file.")] = Path(DEFAULT_STORE),
    every: Annotated[str, typer.Option(help="Time from one round's start to the next: 30s, 15m, 2h, 1d.")] = "15m",
    rounds: Annotated[int | None, typer.Option(help="Stop after this many rounds (default: until stopped).")] = None,
    max_backoff: Annotated[str, typer.Option(help="Longest wait before retrying a feed that keeps failing.")] = "6h",
    fetch: Annotated[bool, typer.Option(help="Download each feed item's page instead of using the feed's text.")] = (
        False),
    published: PublishedOption = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a download.")] = 20.0,
    max_bytes: Annotated[int, typer.Option(help="Largest page or feed downloaded, in bytes.")] = 8 * 1024 * 1024,
    batch_size: Annotated[int, typer.Option(help="Articles analysed and committed together.")] = INGEST_BATCH,
    model: Annotated[str | None, typer.Option(help="spaCy model name or path.")] = None,
    actors: Annotated[list[Path] | None, typer.Option("--actors", help="Extra actor file (YAML); repeatable.")] = None,
    config: Annotated[Path | None, typer.Option(help="TOML settings file (default: ./newsgraph.toml).")] = None,
) -> None:
    """Keep a store current: fetch the feeds, ingest what is new, sleep, repeat; one log line per round.
    Ctrl-C or SIGTERM stops after the batch in flight is stored (a second one stops at once)."""
    from newsgraph.config import load_settings
    from newsgraph.engines import SerialEngine
    from newsgraph.pipeline.analyzer import Analyzer
    from newsgraph.readers.sources import FetchLimits
    from newsgraph.store.db import Store
    from newsgraph.store.watch import Round, Watcher

    period, backoff = parse_duration(every), parse_duration(max_backoff)
    try:
        settings = load_settings(config, model=model)
        extra = tuple(str(p) for p in actors or [])
        if extra:
            settings = settings.with_overrides(actor_files=(*settings.actor_files, *extra))
        settings = settings.with_overrides(batch_size=batch_size)
        store = Store(db, read_only=False)
        _ = store.con  # fail now, not at the first round, when the store cannot be used
        store.close()
    except NewsgraphError as err:
        err_console.print(f"[bold red]error[/] {err}")
        raise typer.Exit(2) from err

    def log_round(result: Round) -> None:
        err_console.print(f"{dt.datetime.now().isoformat(timespec='seconds')} {result.line()}", markup=False,
                          soft_wrap=True)

    engine = SerialEngine(lambda: Analyzer(settings).analyze)
    watcher = Watcher(inputs, store, engine, every=period, published=published, fetch=fetch,
                      limits=FetchLimits(timeout, max_bytes), batch_size=batch_size, max_backoff=backoff,
                      on_round=log_round)
    previous = _on_stop_signals(watcher)
    err_console.print(f"watching {len(inputs)} input(s) every {every} into {db} (Ctrl-C or SIGTERM stops)")
    try:
        done = watcher.run(rounds)
    except NewsgraphError as err:
        err_console.print(f"[bold red]error[/] {err}")
        raise typer.Exit(2) from err
    finally:
        engine.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    stored = sum(r.new for r in done)
    err_console.print(f"stopped after {len(done)} round(s): {stored} new article(s) stored in {db}")


def _on_stop_signals(watcher: Any) -> dict[int, Any]:
    """Ctrl-C and SIGTERM ask ``watcher`` to stop after the batch in flight; a second signal stops at once
    (a batch is one transaction, so even that loses only the batch in flight)."""

    def handler(signum: int, frame: FrameType | None) -> None:
        if watcher.stopping:
            raise KeyboardInterrupt
        err_console.print(f"{signal.Signals(signum).name}: stopping after the batch in flight")
        watcher.stop()

    previous: dict[int, Any] = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        previous[sig] = signal.getsignal(sig)
        signal.signal(sig, handler)
    return previous


def register(app: typer.Typer) -> None:
    app.command()(watch)
