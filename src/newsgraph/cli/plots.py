"""``newsgraph plot``: the store's charts — a dyad over time, the country network, the world map — as PNG, SVG
or PDF (by the file's suffix), drawn by ``analysis.plot``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from newsgraph.errors import NewsgraphError
from newsgraph.vocab import DEFAULT_STORE

err_console = Console(stderr=True)
plot_app = typer.Typer(no_args_is_help=True, help="Charts of the store (PNG, SVG or PDF by the file's suffix).")
DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB store file.")]
SinceOption = Annotated[str | None, typer.Option(help="From this period on: YYYY, YYYY-MM or YYYY-MM-DD.")]
UntilOption = Annotated[str | None, typer.Option(help="Up to the end of this period: YYYY, YYYY-MM or YYYY-MM-DD.")]


def _fail(err: Exception, code: int = 2) -> typer.Exit:
    err_console.print(f"[bold red]error[/] {err}")
    return typer.Exit(code)


def _open(db: Path) -> Any:
    from newsgraph.store.db import Store

    try:
        store = Store(db, read_only=True)
        _ = store.con
        return store
    except NewsgraphError as err:
        raise _fail(err) from err


@plot_app.command("dyad")
def plot_dyad(
    a: Annotated[str, typer.Argument(help="First country code.")],
    b: Annotated[str, typer.Argument(help="Second country code.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The image file (.png, .svg, .pdf).")] = Path(
        "dyad.png"),
    db: DbOption = Path(DEFAULT_STORE),
    by: Annotated[str, typer.Option(help="day, week, month, quarter or year.")] = "month",
    since: SinceOption = None,
    until: UntilOption = None,
) -> None:
    """The relation between two countries over time: events by QuadClass each way, and mean Goldstein."""
    from newsgraph.analysis.plot import dyad_chart

    with _open(db) as store:
        try:
            n = dyad_chart(store, a, b, output, by, since, until)
        except ValueError as err:
            raise _fail(err) from err
    err_console.print(f"wrote {output} ({n} events)")


@plot_app.command("network")
def plot_network(
    output: Annotated[Path, typer.Option("--output", "-o", help="The image file (.png, .svg, .pdf).")] = Path(
        "network.png"),
    db: DbOption = Path(DEFAULT_STORE),
    since: SinceOption = None,
    until: UntilOption = None,
    min_events: Annotated[int, typer.Option(help="Leave out pairs with fewer events.")] = 1,
    top: Annotated[int, typer.Option(help="At most this many countries (the most active).")] = 40,
) -> None:
    """Countries as nodes, events as edges coloured from conflict (red) to cooperation (green)."""
    from newsgraph.analysis.plot import network_chart

    with _open(db) as store:
        try:
            nodes, edges = network_chart(store, output, since, until, min_events, top)
        except ValueError as err:
            raise _fail(err) from err
    err_console.print(f"wrote {output} ({nodes} countries, {edges} edges)")


@plot_app.command("map")
def plot_map(
    output: Annotated[Path, typer.Option("--output", "-o", help="The image file (.png, .svg, .pdf).")] = Path(
        "map.png"),
    db: DbOption = Path(DEFAULT_STORE),
    since: SinceOption = None,
    until: UntilOption = None,
    plover: Annotated[str | None, typer.Option(help="Only this PLOVER event type, e.g. ASSAULT.")] = None,
    quad: Annotated[int | None, typer.Option(help="Only this QuadClass 1-4.")] = None,
    metric: Annotated[str, typer.Option(help="Shade countries by events (count) or goldstein (mean).")] = "events",
) -> None:
    """A world map: countries shaded by their events or mean Goldstein value, event places as dots (offline)."""
    from newsgraph.analysis.plot import map_chart

    with _open(db) as store:
        try:
            countries, places = map_chart(store, output, since, until, plover, quad, metric)
        except ValueError as err:
            raise _fail(err) from err
    err_console.print(f"wrote {output} ({countries} countries shaded, {places} event places)")
