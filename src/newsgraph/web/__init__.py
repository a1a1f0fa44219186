"""The local web UI and JSON API over a newsgraph store (``newsgraph serve``)."""

from newsgraph.web.app import create_app

__all__ = ["create_app"]
