"""The tables ``bench/bench.py`` prints, and the targets of issue 16 checked against them."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

#: issue 16's targets, as ratios measured in one run
COLD_EXTRA_S = 1.0  # cold start for one article: at most bare spaCy's + 1.0 s
STEADY_RATIO = 0.90  # analyze's articles/s at least 0.90 x bare spaCy's
INGEST_RATIO = 0.85  # ingest's articles/s at least 0.85 x bare spaCy's
RSS_MB = 500  # peak RSS per process at default settings, for any number of articles


def _words(texts: list[str], n: int) -> int:
    return sum(len(t.split()) for t in texts[:n])


def _spread(result: dict[str, Any]) -> str:
    low, high = result["spread"]
    return f"{low:.1f}-{high:.1f}" if high > low else "-"


def cold_table(result: dict[str, Any], first: dict[str, Any] | None = None) -> tuple[Table, list[str]]:
    spacy, ours = result["spacy"], result["newsgraph"]
    table = Table(title="cold start, one article (whole process: start, load, analyse, exit)")
    for column in ("side", "CPU s", "spread", "peak RSS MB"):
        table.add_column(column, justify="left" if column == "side" else "right")
    table.add_row("bare spaCy", f"{spacy['total_cpu']:.2f}", _spread(spacy), f"{spacy['peak_rss_mb']:.0f}")
    table.add_row("newsgraph analyze", f"{ours['total_cpu']:.2f}", _spread(ours), f"{ours['peak_rss_mb']:.0f}")
    extra = ours["total_cpu"] - spacy["total_cpu"]
    lines = [f"cold start: newsgraph {ours['total_cpu']:.2f} s = bare spaCy + {extra:.2f} s "
             f"(ratio {ours['total_cpu'] / spacy['total_cpu']:.2f}); target <= + {COLD_EXTRA_S:.1f} s: "
             f"{_verdict(extra <= COLD_EXTRA_S)}"]
    if first is not None:
        table.add_row("newsgraph, first run", f"{first['total_cpu']:.2f}", "-", f"{first['peak_rss_mb']:.0f}")
        lines.append(f"first run on a machine (empty cache folder: the gazetteer and compiled files are built): "
                     f"{first['total_cpu']:.2f} s, peak RSS {first['peak_rss_mb']:.0f} MB; target <= "
                     f"{RSS_MB} MB: {_verdict(first['peak_rss_mb'] <= RSS_MB)}")
    return table, lines


def steady_table(texts: list[str], n: int, result: dict[str, Any]) -> tuple[Table, list[str]]:
    words = _words(texts, n)
    table = Table(title=f"{n} articles ({words:,} words), streamed after start-up")
    for column in ("side", "CPU s", "spread", "articles/s", "words/s", "x spaCy", "whole run art/s", "x spaCy ",
                   "peak RSS MB"):
        table.add_column(column, justify="left" if column == "side" else "right")
    base = result["spacy"]
    for side, label in (("spacy", "bare spaCy nlp.pipe"), ("analyze", "newsgraph analyze"),
                        ("ingest", "newsgraph ingest")):
        r = result[side]
        table.add_row(label, f"{r['cpu']:.1f}", _spread(r), f"{n / r['cpu']:.2f}", f"{words / r['cpu']:,.0f}",
                      f"{base['cpu'] / r['cpu']:.2f}", f"{n / r['total_cpu']:.2f}",
                      f"{base['total_cpu'] / r['total_cpu']:.2f}", f"{r['peak_rss_mb']:.0f}")
    analyze, ingest = base["cpu"] / result["analyze"]["cpu"], base["cpu"] / result["ingest"]["cpu"]
    store = result["ingest"]["store_cpu"] / result["ingest"]["cpu"]
    lines = [f"{n} articles, separate processes: analyze at {analyze:.2f} x bare spaCy's articles/s, ingest at "
             f"{ingest:.2f} x, writing to the store {store:.1%} of ingest's CPU time"]
    paired = result.get("paired")
    if paired:
        analyze = paired["spacy"] / paired["analyze"]
        ingest = paired["spacy"] / (paired["analyze"] + paired["store"])
        lines.append(f"{n} articles, paired in one process (bare spaCy {paired['spacy']:.1f} s, analyze "
                     f"{paired['analyze']:.1f} s, + store {paired['store']:.1f} s): analyze at {analyze:.2f} x "
                     f"(target >= {STEADY_RATIO:.2f}: {_verdict(analyze >= STEADY_RATIO)}); ingest at {ingest:.2f} x "
                     f"(target >= {INGEST_RATIO:.2f}: {_verdict(ingest >= INGEST_RATIO)})")
    errors = result["analyze"].get("errors") or 0
    if errors:
        lines.append(f"note: analyze returned {errors} error record(s) (documents rejected before parsing)")
    return table, lines


def memory_table(sizes: list[int], results: dict[str, Any]) -> tuple[Table, list[str]]:
    table = Table(title="peak RSS MB by number of articles (default settings)")
    table.add_column("side")
    for n in sizes:
        table.add_column(str(n), justify="right")
    rows = {"bare spaCy": ("spacy",), "newsgraph analyze": ("newsgraph", "analyze"), "newsgraph ingest": ("ingest",)}
    worst = 0.0
    for label, keys in rows.items():
        cells = []
        for n in sizes:
            found = next((results[str(n)][k] for k in keys if k in results[str(n)]), None)
            cells.append("-" if found is None else f"{found['peak_rss_mb']:.0f}")
            if found is not None and label != "bare spaCy":
                worst = max(worst, found["peak_rss_mb"])
        table.add_row(label, *cells)
    return table, [f"peak RSS of newsgraph at most {worst:.0f} MB (target <= {RSS_MB} MB: {_verdict(worst <= RSS_MB)})"]


def long_table(result: dict[str, Any]) -> tuple[Table, list[str]]:
    chars = result["analyze"]["chars"]
    table = Table(title=f"one document of {chars:,} characters (as long as max_chars admits), after start-up")
    for column in ("side", "CPU s", "characters/s", "peak RSS MB"):
        table.add_column(column, justify="left" if column == "side" else "right")
    for side in ("analyze", "ingest"):
        r = result[side]
        table.add_row(f"newsgraph {side}", f"{r['cpu']:.1f}", f"{chars / r['cpu']:,.0f}", f"{r['peak_rss_mb']:.0f}")
    worst = max(result[side]["peak_rss_mb"] for side in ("analyze", "ingest"))
    return table, [f"one document of {chars:,} characters: peak RSS at most {worst:.0f} MB "
                   f"(target <= {RSS_MB} MB: {_verdict(worst <= RSS_MB)})"]


def stage_table(stages: dict[str, Any]) -> Table:
    times: dict[str, float] = stages["stages"]
    parse = sum(v for k, v in times.items() if not k.startswith("newsgraph_"))
    ours = sum(v for k, v in times.items() if k.startswith("newsgraph_"))
    table = Table(title=f"CPU time per stage, one document at a time, {stages['documents']} articles")
    for column in ("stage", "CPU s", "share of spaCy's", "share of all"):
        table.add_column(column, justify="left" if column == "stage" else "right")
    for name, seconds in sorted(times.items(), key=lambda kv: -kv[1]):
        if name.startswith("newsgraph_"):
            table.add_row(name, f"{seconds:.2f}", f"{seconds / parse:.1%}", f"{seconds / (parse + ours):.1%}")
    table.add_row("all newsgraph stages", f"{ours:.2f}", f"{ours / parse:.1%}", f"{ours / (parse + ours):.1%}")
    table.add_row("spaCy's components", f"{parse:.2f}", "100%", f"{parse / (parse + ours):.1%}")
    return table


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def report(texts: list[str], sizes: list[int], results: dict[str, Any], json_path: Path | None) -> None:
    console = Console(width=max(Console().width, 120))
    before, after = results["load_before"], results["load_after"]
    console.print(f"model {results['model']}; os.cpu_count() = {os.cpu_count()}; load average "
                  f"{before[0]:.1f} before, {after[0]:.1f} after; CPU = user + system seconds of each child process")
    steady = [results[str(n)] for n in sizes if n > 1]
    if steady:
        first = steady[0]
        console.print(f"batches: at most {first['analyze']['batch_size']} documents and "
                      f"{first['spacy'].get('batch_chars', 0):,} characters (bare spaCy gets the same batches); "
                      f"ingest commits {first['ingest']['batch_size']} documents at a time")
    lines: list[str] = []
    for n in sizes:
        if n == 1:
            table, found = cold_table(results["1"], results.get("first"))
        else:
            table, found = steady_table(texts, n, results[str(n)])
        console.print(table)
        lines += found
    table, found = memory_table(sizes, results)
    console.print(table)
    lines += found
    if "long" in results:
        table, found = long_table(results["long"])
        console.print(table)
        lines += found
    if "stages" in results:
        console.print(stage_table(results["stages"]))
    for line in lines:
        console.print(line)
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps({"sizes": sizes, **results}, indent=2) + "\n", encoding="utf-8")
        console.print(f"wrote {json_path}")
