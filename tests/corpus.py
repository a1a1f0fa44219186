"""A corpus written from templates for the store tests: short reports of invented interactions between real
states, each with its publication date, as JSONL. Deterministic for a given seed."""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STATES = [("France", "Paris"), ("Germany", "Berlin"), ("Japan", "Tokyo"), ("Brazil", "Brasilia"),
          ("Kenya", "Nairobi"), ("Indonesia", "Jakarta"), ("Canada", "Ottawa"), ("Mexico", "Mexico City"),
          ("Egypt", "Cairo"), ("Poland", "Warsaw"), ("Vietnam", "Hanoi"), ("Nigeria", "Abuja")]

OPENINGS = [
    "{a} condemned {b} on Tuesday over the detention of two of its citizens.",
    "{a} imposed new sanctions on {b} after a dispute over fishing rights.",
    "{a} pledged $40 million in humanitarian aid to {b} on Monday.",
    "The foreign minister of {a} met her counterpart from {b} in {cap_b} on Wednesday.",
    "{a} accused {b} of violating the airspace of its northern provinces.",
    "{a} signed a trade agreement with {b} on Thursday.",
    "{a} expelled three diplomats from {b} on Friday.",
    "{a} praised {b} for its help after the floods.",
]
FOLLOW_UPS = [
    "Officials in {cap_a} said talks would continue next month.",
    "\u201cWe expect a clear answer,\u201d the spokesman for {a}'s foreign ministry told reporters.",
    "The government of {b} did not comment.",
    "Trade between the two countries reached $12 billion last year.",
    "Analysts said relations had been uneven since 2021.",
]


def make_articles(n: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    start = dt.date(2024, 1, 1)
    out = []
    for i in range(n):
        (a, cap_a), (b, cap_b) = rng.sample(STATES, 2)
        values = {"a": a, "b": b, "cap_a": cap_a, "cap_b": cap_b}
        lines = [rng.choice(OPENINGS).format(**values), *(f.format(**values) for f in rng.sample(FOLLOW_UPS, 2))]
        published = start + dt.timedelta(days=rng.randrange(0, 360))
        # a serial number keeps every article distinct even when the same template and pair come up twice
        text = f"{lines[0]}\n\n{lines[1]} {lines[2]}\n\nReport number {i + 1}."
        out.append({"id": f"gen-{i:04d}", "text": text, "published": published.isoformat(),
                    "title": lines[0][:60], "url": f"https://example.org/news/{i}"})
    return out


def write_jsonl(path: Path, articles: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows of a store, sorted, without the columns that record when and in which batch they were
    written: two stores with equal snapshots hold the same analysis."""
    from newsgraph.store.db import Store
    from newsgraph.store.schema import ARTICLE_TABLES

    out = {}
    with Store(db, read_only=True) as store:
        for table in ARTICLE_TABLES:
            columns = [c[0] for c in store.con.execute(f"DESCRIBE {table}").fetchall()
                       if c[0] not in {"ingested_at", "batch_id", "minhash"}]
            out[table] = sorted(store.con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall(),
                                key=repr)
    return out


@contextmanager
def holding_store(db: Path) -> Iterator[int]:
    """A second process that opens ``db`` for writing and keeps it, as a running ingest would; yields its PID."""
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import time
        from newsgraph.store.db import Store
        store = Store({str(db)!r})
        store.con
        print("holding", flush=True)
        time.sleep(120)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        yield holder.pid
    finally:
        holder.kill()
        holder.wait()
