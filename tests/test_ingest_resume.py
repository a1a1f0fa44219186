"""Resumable ingest: ``newsgraph ingest`` killed with SIGKILL at random moments, three times, then run to the end,
stores exactly the rows an uninterrupted run stores — none missing, none twice. Also: feeds over a real local
HTTP server, with ``--fetch`` downloading each item's page under a size limit."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from corpus import make_articles, snapshot, write_jsonl
from newsgraph.errors import NewsgraphError
from newsgraph.readers.sources import FetchLimits
from newsgraph.store.db import Store
from newsgraph.store.ingest import ingest_sources

ROOT = Path(__file__).resolve().parent.parent


def _ingest_command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "newsgraph.cli", "ingest", str(corpus), "--db", str(db), "--batch-size", "8",
            "--quiet"]


def _stored(db: Path) -> int:
    """Articles committed so far, read between the ingest's batches (0 while the file is new or busy)."""
    try:
        with Store(db, read_only=True, wait=0.2) as store:
            return int(store.counts()["articles"])
    except NewsgraphError:
        return 0


def test_killed_ingest_resumes_to_exactly_the_right_rows(tmp_path: Path, analyzer) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", make_articles(300, seed=11))
    reference = tmp_path / "reference.duckdb"
    with Store(reference) as store:
        ingest_sources([str(corpus)], store, lambda: analyzer.analyze, batch_size=8)
    expected = snapshot(reference)

    db = tmp_path / "killed.duckdb"
    rng = random.Random(2024)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    stored_before = []
    for _ in range(3):
        start = _stored(db)
        target = start + rng.randrange(8, 24)  # kill once a few more batches are in, then at a random moment
        process = subprocess.Popen(_ingest_command(corpus, db), cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 300
        while process.poll() is None and _stored(db) < target and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(rng.uniform(0.0, 0.3))  # in the middle of analysing or of writing the next batch
        assert process.poll() is None, "the ingest finished before it could be killed"
        process.send_signal(signal.SIGKILL)
        process.wait()
        stored_before.append(_stored(db))
    assert stored_before == sorted(stored_before) and 0 < stored_before[-1] < 300
    done = subprocess.run(_ingest_command(corpus, db), cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    assert snapshot(db) == expected


# ---- feeds over HTTP --------------------------------------------------------------------------------------------
PAGE = """<html><head><title>{title}</title><meta name="date" content="2024-06-0{n}"></head><body>
<nav>Home | World | Business</nav><article><h1>{title}</h1>
<p>{body}</p><p>Officials in both capitals said further talks were planned for the autumn.</p></article>
<footer>Copyright Example News</footer></body></html>"""
BODIES = ["Canada pledged $25 million in humanitarian aid to Sudan on Tuesday, the foreign ministry said.",
          "Japan and the Philippines signed a defence agreement in Manila on Wednesday.",
          "Poland condemned Belarus on Thursday over repeated violations of its airspace."]


def _feed(base: str) -> str:
    items = "".join(
        f"<item><title>Story {n}</title><link>{base}/story/{n}</link><guid>{base}/story/{n}</guid>"
        f"<pubDate>Tue, 0{n} Jun 2024 10:00:00 GMT</pubDate><description>{body}</description></item>"
        for n, body in enumerate(BODIES, start=1))
    items += (f"<item><title>Big</title><link>{base}/big</link><guid>{base}/big</guid>"
              "<description>A page too large to fetch.</description></item>")
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example</title>{items}</channel></rss>'


@pytest.fixture
def news_server() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/feed.xml":
                body, kind = _feed(base).encode(), "application/rss+xml"
            elif self.path.startswith("/story/"):
                n = int(self.path.rsplit("/", 1)[1])
                body, kind = PAGE.format(title=f"Story {n}", body=BODIES[n - 1], n=n).encode(), "text/html"
            elif self.path == "/big":
                body, kind = b"<html><body><p>" + b"x " * 300_000 + b"</p></body></html>", "text/html"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def test_feed_items_and_fetched_pages(news_server: str, tmp_path: Path, analyzer) -> None:
    with Store(tmp_path / "feed.duckdb") as store:
        summary = ingest_sources([f"{news_server}/feed.xml"], store, lambda: analyzer.analyze)
        assert summary.stored == 4 and summary.errors == 0  # the feed's own descriptions
        rows = store.con.execute("SELECT published FROM articles WHERE url LIKE '%/story/%' ORDER BY url").fetchall()
        assert [str(p) for (p,) in rows] == ["2024-06-01", "2024-06-02", "2024-06-03"]
    with Store(tmp_path / "fetched.duckdb") as store:
        summary = ingest_sources([f"{news_server}/feed.xml", f"{news_server}/missing"], store, lambda: analyzer.analyze,
                         fetch=True, limits=FetchLimits(timeout=10, max_bytes=100_000))
        assert summary.stored == 3
        errors = store.con.execute("SELECT doc_id, code, message FROM errors ORDER BY doc_id").fetchall()
        assert [e[1] for e in errors] == ["E017", "E017"]  # the oversized page and the 404
        assert any("100,000" in e[2] for e in errors) and any("404" in e[2] for e in errors)
        texts = [r[0] for r in store.con.execute("SELECT text FROM articles").fetchall()]
        assert all("further talks" in t and "Copyright" not in t for t in texts)  # the page's article text
        events = store.con.execute("SELECT count(*) FROM event_dyads WHERE source_country = 'CAN'").fetchall()
        assert events[0][0] >= 1
