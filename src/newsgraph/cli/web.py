"""The ``newsgraph serve`` command: the web UI and JSON API over a store, on uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsgraph.vocab import DEFAULT_STORE

err_console = Console(stderr=True)


def serve(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store file.")] = Path(DEFAULT_STORE),
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    wait: Annotated[float, typer.Option(help="Seconds a request waits for a store an ingest is writing before it "
                                             "answers 503.")] = 3.0,
    analysis_timeout: Annotated[float, typer.Option(min=1, help="Seconds an analysis on the Analyse page may take "
                                                                "before the request answers 504.")] = 30.0,
) -> None:
    """Start the web UI and JSON API over the store (FastAPI on uvicorn; the store is read per request)."""
    import uvicorn

    from newsgraph.web import create_app

    if not db.exists():
        err_console.print(f"[bold yellow]note[/] no store at {db} yet: pages will say so until "
                          f"`newsgraph ingest PATH --db {db}` (or the Analyse page's \"Store it\") creates it")
    err_console.print(f"newsgraph serving {db} at http://{host}:{port}/ (Ctrl-C stops)")
    uvicorn.run(create_app(db, wait=wait, analysis_timeout=analysis_timeout), host=host, port=port,
                log_level="warning")


def register(app: typer.Typer) -> None:
    app.command()(serve)
