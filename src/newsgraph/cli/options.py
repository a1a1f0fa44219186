"""Checks of command options shared by the commands: a bad option is the command's error (exit code 2, before
anything is read, analysed or stored), never an error record of each document."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from newsgraph.errors import ErrorCode


def check_date(value: str | None) -> str | None:
    """``--published``: a real day written ``YYYY-MM-DD`` in ASCII digits, or nothing."""
    if value is None:
        return None
    try:
        if len(value) == 10 and value.isascii():
            return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise typer.BadParameter(f"[{ErrorCode.BAD_DATE.value}] expected a real day written YYYY-MM-DD, got {value!r}")


TimeBudgetOption = Annotated[float | None, typer.Option(
    min=0, help="Seconds one document may take to analyse before it becomes an E018 error record (0: no limit; "
                "default 300, or time_budget in newsgraph.toml).")]

PublishedOption = Annotated[str | None, typer.Option(
    help="Publication date YYYY-MM-DD for documents that give none.", callback=check_date)]
