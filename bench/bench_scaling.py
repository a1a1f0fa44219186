"""Ingest throughput with 1 and 2 worker processes (and a 2-worker Dask LocalCluster), on the same texts.

Each run ingests the corpus into a fresh DuckDB file; the model loading of the workers is included in the time
of their first batch, so each engine is first warmed up on a few documents in a throw-away store. Scaling
efficiency = (rate with 2 workers / rate with 1 worker) / 2. On a machine with 2 cores that also runs other work,
expect noise: run it twice.

Usage: python bench/bench_scaling.py [--corpus DIR] [--limit N] [--batch-size B]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import load_corpus

from newsgraph.config import Settings
from newsgraph.engines import DaskEngine, LocalEngine
from newsgraph.store.db import Store
from newsgraph.store.ingest import ingest_sources


def run(engine, corpus: Path, warm: Path, folder: Path, label: str, batch: int) -> float:
    with Store(folder / f"warm-{label}.duckdb") as store:
        ingest_sources([str(warm)], store, batch_size=batch, engine=engine)
    began = time.perf_counter()
    with Store(folder / f"{label}.duckdb") as store:
        summary = ingest_sources([str(corpus)], store, batch_size=batch, engine=engine)
    seconds = time.perf_counter() - began
    engine.close()
    rate = summary.stored / seconds
    print(f"{label:22} {summary.stored} articles in {seconds:6.1f} s = {rate:5.2f} articles/s")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--batch-size", type=int, default=8)
    args = parser.parse_args()
    texts = load_corpus(args.corpus, args.limit)
    folder = Path(tempfile.mkdtemp(prefix="newsgraph-scaling-"))
    corpus, warm = folder / "corpus.jsonl", folder / "warm.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{n}", "text": t}) + "\n" for n, t in enumerate(texts)))
    warm.write_text("".join(json.dumps({"id": f"w{n}", "text": f"Warm-up {n}. " + t[:400]}) + "\n"
                            for n, t in enumerate(texts[:8])))
    print(f"{len(texts)} documents; os.cpu_count() = {os.cpu_count()}; load average {os.getloadavg()[0]:.2f}")
    one = run(LocalEngine(Settings(), 1), corpus, warm, folder, "local, 1 worker", args.batch_size)
    two = run(LocalEngine(Settings(), 2), corpus, warm, folder, "local, 2 workers", args.batch_size)
    dask = run(DaskEngine(Settings(), workers=2), corpus, warm, folder, "dask, 2 workers", args.batch_size)
    print(f"scaling efficiency 1 -> 2 local workers: {two / one / 2:.0%}; dask 2 workers: {dask / one / 2:.0%}; "
          f"load average now {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
