"""The ``newsgraph`` command: a thin typer layer over the library (``commands`` holds the analysis commands,
``corpus`` the store commands, ``web`` the server, ``report`` the readable rendering of a record)."""

from newsgraph.cli.commands import app, main

__all__ = ["app", "main"]
