"""How fast the store answers a dyad query over a large event table.

Generates ``--events`` rows (default 10 million) of ``event_dyads`` in a fresh DuckDB file — 60 countries with a
skewed (Zipf-like) activity, days over ten years, CAMEO roots and QuadClasses, Goldstein values, a share of
near-duplicate copies, non-asserted and negated events — then times the queries analysts run most:

  dyads CHN RUS USA --by month     three countries, all years
  dyads --by year                  every pair
  dyads CHN RUS --by week --since 2020

Each query runs ``--repeat`` times after one warm-up; the best and the median are printed. The target (issue 6)
is under one second for a dyad query over 10 million events.

Usage: python bench/bench_store.py [--events N] [--repeat R] [--db PATH] [--keep]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from newsgraph.analysis import query
from newsgraph.store.db import Store

COUNTRIES = ["USA", "CHN", "RUS", "UKR", "ISR", "IRN", "GBR", "FRA", "DEU", "JPN", "IND", "PAK", "TUR", "SAU",
             "EGY", "SYR", "IRQ", "AFG", "PRK", "KOR", "TWN", "BRA", "MEX", "VEN", "NGA", "ZAF", "KEN", "ETH",
             "SDN", "YEM", "LBN", "PSE", "QAT", "ARE", "POL", "BLR", "HUN", "ITA", "ESP", "CAN", "AUS", "IDN",
             "PHL", "VNM", "THA", "MMR", "BGD", "LKA", "NPL", "KAZ", "UZB", "ARM", "AZE", "GEO", "SRB", "GRC",
             "CUB", "COL", "ARG", "CHL"]


def generate(db: Path, n: int) -> float:
    started = time.perf_counter()
    with Store(db) as store:
        con = store.con
        con.execute("CREATE TEMP TABLE c AS SELECT unnest(?::VARCHAR[]) AS code, generate_subscripts(?::VARCHAR[], 1) "
                    "AS k", [COUNTRIES, COUNTRIES])
        con.execute(f"""
            INSERT INTO event_dyads
            SELECT 'a' || (i // 8) AS article_id, (i % 8)::INTEGER AS event_no,
                   CASE WHEN random() < 0.15 THEN 'a' || ((i // 8) - 1) ELSE 'a' || (i // 8) END AS story_id,
                   DATE '2015-01-01' + CAST(floor(random() * 3650) AS INTEGER) AS day,
                   s.code || '.GOV' AS source_actor, t.code AS target_actor, s.code AS source_country,
                   t.code AS target_country, root || '0' AS cameo, root AS cameo_root, 'CONSULT' AS plover,
                   CASE WHEN root < '06' THEN 1 WHEN root < '09' THEN 2 WHEN root < '14' THEN 3 ELSE 4 END
                     AS quad_class,
                   round(random() * 20 - 10, 1) AS goldstein, random() < 0.03 AS negated,
                   CASE WHEN random() < 0.1 THEN 'intent' ELSE 'asserted' END AS modality,
                   random() < 0.95 AS pair_first
            FROM (SELECT i, lpad(CAST(1 + floor(random() * 20) AS VARCHAR), 2, '0') AS root,
                         1 + CAST(floor(60 * pow(random(), 2.5)) AS INTEGER) AS sk,
                         1 + CAST(floor(60 * pow(random(), 2.5)) AS INTEGER) AS tk
                  FROM range({int(n)}) r(i)) g
            JOIN c s ON s.k = g.sk JOIN c t ON t.k = g.tk""")
        rows = store.scalar("SELECT count(*) FROM event_dyads")
    print(f"generated {rows:,} event rows in {time.perf_counter() - started:.1f} s ({db})")
    return time.perf_counter() - started


def timed(label: str, run, repeat: int) -> None:
    run()  # warm-up: first read of the file's pages
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - began)
    print(f"{label:45} best {min(times):.3f} s  median {statistics.median(times):.3f} s  ({result.num_rows} rows)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the generated file")
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="newsgraph-store-bench-")) / "events.duckdb"
    if not db.exists():
        generate(db, args.events)
    print(f"os.cpu_count() = {os.cpu_count()}; DuckDB threads = default")
    with Store(db, read_only=True) as store:
        timed("dyads CHN RUS USA --by month", lambda: query.dyads(store, ["CHN", "RUS", "USA"], by="month"),
              args.repeat)
        timed("dyads (every pair) --by year", lambda: query.dyads(store, [], by="year"), args.repeat)
        timed("dyads CHN RUS --by week --since 2020",
              lambda: query.dyads(store, ["CHN", "RUS"], by="week", since="2020"), args.repeat)
    if not args.keep and args.db is None:
        db.unlink()


if __name__ == "__main__":
    main()
