"""``newsgraph watch`` against a real local HTTP server whose feeds change between rounds (issue 18, item 3):
new items are ingested, old ones skipped, bad items stored as error rows, a failing feed backs off while the
others go on, and a real SIGTERM stops the command after the batch in flight is stored."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
import typer

from corpus import make_articles
from newsgraph.cli.watch import parse_duration
from newsgraph.engines import SerialEngine
from newsgraph.store.db import Store
from newsgraph.store.watch import Round, Watcher

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = make_articles(12, seed=18)


class FeedServer:
    """A feed at /feed.xml whose items the test sets; /down.xml answers 503; ``fetched`` is set on each fetch."""

    def __init__(self) -> None:
        self.items: list[dict[str, str]] = []
        self.fetched = threading.Event()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/down.xml":
                    self.send_error(503)
                    return
                if self.path != "/feed.xml":
                    self.send_error(404)
                    return
                body = owner.rss().encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                owner.fetched.set()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def rss(self) -> str:
        entries = "".join(
            f"<item><title>{escape(a['title'])}</title><link>{escape(a['url'])}</link><guid>{a['id']}</guid>"
            f"<pubDate>{format_datetime(_day(a['published']))}</pubDate>"
            f"<description>{escape(a['text'])}</description></item>" for a in self.items)
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>test wire</title>'
                f"<link>{self.url}</link><description>invented reports</description>{entries}</channel></rss>")


def _day(iso: str) -> Any:
    import datetime as dt

    return dt.datetime.fromisoformat(iso).replace(tzinfo=dt.UTC)


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    server = FeedServer()
    thread = threading.Thread(target=server.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.server.shutdown()


def counts(db: Path) -> tuple[int, int]:
    with Store(db, read_only=True) as store:
        return int(store.scalar("SELECT count(*) FROM articles")), int(store.scalar("SELECT count(*) FROM errors"))


@pytest.mark.slow
def test_rounds_ingest_what_is_new_and_back_off_a_failing_feed(feeds: FeedServer, tmp_path: Path,
                                                               analyzer: Any) -> None:
    empty = {**ARTICLES[2], "id": "empty-item", "text": "", "url": "https://example.org/news/empty"}
    feeds.items = [ARTICLES[0], ARTICLES[1], empty]
    now = [0.0]
    every = 60.0

    def next_round(result: Round) -> None:  # the feed changes between rounds; the clock moves one period on
        if result.number == 1:
            feeds.items = [ARTICLES[3], *feeds.items, ARTICLES[4]]
        now[0] += every

    db = tmp_path / "watch.duckdb"
    watcher = Watcher([f"{feeds.url}/feed.xml", f"{feeds.url}/down.xml"], Store(db),
                      SerialEngine(lambda: analyzer.analyze), every=every, batch_size=2, on_round=next_round,
                      clock=lambda: now[0])
    rounds = watcher.run(rounds=4)
    first, second, third, _ = rounds
    assert (first.new, first.errors, first.skipped) == (2, 1, 0)  # the empty item is an error row
    assert (second.new, second.errors, second.skipped) == (2, 0, 3)  # only the two new items are analysed
    assert (third.new, third.skipped) == (0, 5)
    # the 503 feed: tried in rounds 1 and 2, then it waits two periods (round 3 skips it), tried again in round 4
    assert [len(r.failed) for r in rounds] == [1, 1, 0, 1]
    assert [r.deferred for r in rounds] == [0, 0, 1, 0]
    assert "E017" in first.failed[0] and "503" in first.failed[0]
    assert "2 new" in first.line() and "1 feeds failed" in first.line()
    assert counts(db) == (4, 1)
    with Store(db, read_only=True) as store:
        assert store.scalar("SELECT code FROM errors") == "E001"
        urls = {r[0] for r in store.con.execute("SELECT url FROM articles").fetchall()}
    assert urls == {a["url"] for a in (ARTICLES[0], ARTICLES[1], ARTICLES[3], ARTICLES[4])}


def test_stop_ends_the_sleep_at_once(feeds: FeedServer, tmp_path: Path) -> None:
    feeds.items = []
    watcher = Watcher([f"{feeds.url}/feed.xml"], Store(tmp_path / "idle.duckdb"),
                      SerialEngine(lambda: pytest.fail("nothing new: no analyzer needed")), every=3600)
    threading.Timer(0.5, watcher.stop).start()
    started = time.monotonic()
    rounds = watcher.run()
    assert len(rounds) == 1 and rounds[0].new == 0
    assert time.monotonic() - started < 30


def test_durations() -> None:
    assert parse_duration("15m") == 900 and parse_duration("30s") == 30 and parse_duration("2h") == 7200
    assert parse_duration("90") == 90 and parse_duration("1d") == 86400
    for bad in ("", "0", "5 minutes", "-1m"):
        with pytest.raises(typer.BadParameter):
            parse_duration(bad)


def _watch(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "watch", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")


@pytest.mark.slow
def test_sigterm_keeps_the_batch_in_flight_and_a_rerun_continues(feeds: FeedServer, tmp_path: Path) -> None:
    # the first batch's two reports are long, so that analysing them outlasts the pause below whatever the
    # speed of the machine and of the model's start-up
    feeds.items = [{**a, "text": "\n\n".join([a["text"]] * 150)} for a in ARTICLES[:2]] + ARTICLES[2:6]
    db = tmp_path / "term.duckdb"
    proc = _watch(f"{feeds.url}/feed.xml", "--db", str(db), "--every", "1h", "--batch-size", "2")
    try:
        assert feeds.fetched.wait(120), "the feed was never fetched"
        time.sleep(1.5)  # the first batch is read; the model is still loading or analysing it
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=240)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "SIGTERM: stopping after the batch in flight" in err
    assert "round 1" in err and "2 new" in err and "stopped" in err
    assert counts(db) == (2, 0)  # the batch in flight was stored, nothing after it was started

    # a second run takes the rest; SIGTERM while it sleeps ends it at once
    proc = _watch(f"{feeds.url}/feed.xml", "--db", str(db), "--every", "1h")
    try:
        assert proc.stderr is not None
        lines = []
        for line in proc.stderr:
            lines.append(line)
            if "round 1" in line:
                break
        assert "4 new" in lines[-1] and "2 skipped" in lines[-1], lines
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "stopped after 1 round(s): 4 new article(s)" in err
    assert counts(db) == (6, 0)
