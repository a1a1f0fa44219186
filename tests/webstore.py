"""A store for the web UI tests: the bundled examples plus two hostile articles whose text and title carry HTML
and script, ingested through the real pipeline (``newsgraph.store.ingest.ingest_sources``)."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn

from newsgraph.store.db import Store
from newsgraph.store.ingest import ingest_sources

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_TEXT = (
    "<script>alert('newsgraph-xss')</script> Kenya and Ethiopia signed a trade agreement in Nairobi on Tuesday, "
    "officials said. <img src=x onerror=\"alert('img-xss')\"> President William Ruto said the deal would "
    "create thousands of jobs on both sides of the border, and Ethiopia's prime minister Abiy Ahmed praised "
    "Kenya for its support.\n")
HOSTILE_TITLE = "<script>alert('title-xss')</script> Trade deal"
HOSTILE_ID = "hostile-2024-08-01"


def build_web_store(folder: Path, analyzer) -> Path:
    """Ingest examples/ and the hostile articles into ``folder/web.duckdb``; returns the store's path."""
    inputs = folder / "inputs"
    shutil.copytree(ROOT / "examples", inputs)
    (inputs / "README.md").unlink()
    (inputs / "2024-08-02_hostile.txt").write_text(HOSTILE_TEXT.replace("Tuesday", "Thursday"), encoding="utf-8")
    record = {"id": HOSTILE_ID, "text": HOSTILE_TEXT, "published": "2024-08-01", "title": HOSTILE_TITLE, "url": (
        "javascript:alert('url-xss')")}
    (inputs / "hostile.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = folder / "web.duckdb"
    with Store(db) as store:
        summary = ingest_sources([str(inputs)], store, lambda: analyzer.analyze, batch_size=16)
    assert summary.stored >= 11 and summary.errors == 0, summary
    return db


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Serve ``app`` with a real uvicorn server on a free local port, in a thread; yields its base URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
