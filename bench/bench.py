"""Throughput and peak memory of ``newsgraph analyze`` against bare spaCy, same model, same texts.

What it measures
    Two sides, each in its own fresh Python process so that its peak resident memory is its own:

    spacy      ``spacy.load(model)`` then ``list(nlp.pipe(texts, batch_size=32))``: the parse alone.
    newsgraph  ``Analyzer()`` then ``list(analyzer.analyze(InputDoc(...) for each text))``: the same parse
               plus every newsgraph stage (actors, coreference, times, amounts, places, quotes, events) and
               the conversion of each ``Doc`` to the analysis record.
    ingest     ``newsgraph ingest`` of the same texts (written to a JSONL file first) into a fresh DuckDB file:
               reading, hashing, analysis, near-duplicate detection and the batched Arrow loads; the time spent
               in ``Store.write`` is reported as the "store" stage.

    "load" is the time to build the pipeline plus one warm-up document (which pays for data loaded lazily on
    first use, such as the gazetteer). It is reported, and excluded from throughput. Each timed pass runs over
    the whole corpus; with ``--repeat R`` the best of R passes is kept.

How to read it
    articles/s and words/s are throughput on this machine (words = whitespace-separated tokens). The ratio
    is spaCy articles/s divided by newsgraph articles/s: 1.50 means newsgraph takes 1.5 times as long as the
    parse alone, i.e. its own stages cost +50% on top of spaCy. Peak RSS is the largest resident memory of
    each process over its whole life (model, data, and the parsed documents held in memory at once).
    Documents newsgraph rejects before parsing (e.g. not English, too large) are counted and shown: they make
    its side look faster than it is.

Usage
    python bench/bench.py [--corpus DIR] [--limit N] [--repeat R] [--json PATH]

By default the corpus is ``../shared/gold/polnear/dev/text/*.txt`` (real news articles, relative to the repo
root) when that folder exists, else the bundled ``examples/`` texts repeated to at least 50 documents.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLD_TEXTS = ROOT.parent / "shared" / "gold" / "polnear" / "dev" / "text"
EXAMPLES = ROOT / "examples"
MIN_FALLBACK_DOCS = 50
SIDES = ("spacy", "newsgraph", "ingest")


def load_corpus(corpus: Path | None, limit: int | None) -> list[str]:
    """The texts to run on, in a stable order."""
    if corpus is None and GOLD_TEXTS.is_dir():
        corpus = GOLD_TEXTS
    if corpus is not None:
        texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
        jsonl = EXAMPLES / "articles.jsonl"
        if jsonl.exists():
            lines = jsonl.read_text(encoding="utf-8").splitlines()
            texts += [json.loads(line)["text"] for line in lines if line.strip()]
        if texts:
            texts = texts * -(-MIN_FALLBACK_DOCS // len(texts))
    if not texts:
        raise SystemExit(f"no .txt texts found in {corpus or EXAMPLES}")
    return texts[:limit] if limit else texts


def peak_rss_mb() -> float:
    """Peak resident memory of this process, in MB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def best_time(run: Callable[[], list[Any]], repeat: int) -> tuple[float, list[Any]]:
    """The shortest of ``repeat`` timed calls of ``run``, and the output of the last one."""
    best, output = float("inf"), []
    for _ in range(repeat):
        start = time.perf_counter()
        output = run()
        best = min(best, time.perf_counter() - start)
    return best, output


def measure_spacy(texts: list[str], repeat: int) -> dict[str, Any]:
    import spacy

    from newsgraph.nlp.build import resolve_model

    start = time.perf_counter()
    model = resolve_model("")
    nlp = spacy.load(model)
    nlp.max_length = max(nlp.max_length, max(map(len, texts)) + 1)
    list(nlp.pipe(texts[:1]))
    load = time.perf_counter() - start
    seconds, _ = best_time(lambda: list(nlp.pipe(texts, batch_size=32)), repeat)
    return {"model": model, "load_s": load, "seconds": seconds, "errors": 0}


def measure_newsgraph(texts: list[str], repeat: int) -> dict[str, Any]:
    from newsgraph.nlp.build import resolve_model
    from newsgraph.pipeline.analyzer import Analyzer
    from newsgraph.readers.files import InputDoc

    def docs(batch: list[str]) -> list[InputDoc]:
        return [InputDoc(f"doc{n}", text, None) for n, text in enumerate(batch)]

    start = time.perf_counter()
    analyzer = Analyzer()
    list(analyzer.analyze(docs(texts[:1])))
    load = time.perf_counter() - start
    seconds, records = best_time(lambda: list(analyzer.analyze(docs(texts))), repeat)
    errors = sum(bool(r.get("error")) for r in records)
    model = resolve_model(analyzer.settings.model)
    return {"model": model, "load_s": load, "seconds": seconds, "errors": errors,
            "stages": stage_seconds(analyzer, texts)}


def measure_ingest(texts: list[str], repeat: int) -> dict[str, Any]:
    import tempfile

    from newsgraph.nlp.build import resolve_model
    from newsgraph.pipeline.analyzer import Analyzer
    from newsgraph.readers.files import InputDoc
    from newsgraph.store.db import Store
    from newsgraph.store.ingest import ingest_sources

    start = time.perf_counter()
    analyzer = Analyzer()
    list(analyzer.analyze([InputDoc("warm-up", texts[0], None)]))
    load = time.perf_counter() - start
    folder = Path(tempfile.mkdtemp(prefix="newsgraph-bench-"))
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"doc{n}", "text": t}) + "\n" for n, t in enumerate(texts)),
                      encoding="utf-8")
    best, store_seconds, stored, errors = float("inf"), 0.0, 0, 0
    for attempt in range(repeat):
        store = Store(folder / f"bench-{attempt}.duckdb")
        writes = [0.0]
        original = store.write

        def timed_write(*a: Any, _original: Any = original, _writes: list[float] = writes, **kw: Any) -> Any:
            began = time.perf_counter()
            try:
                return _original(*a, **kw)
            finally:
                _writes[0] += time.perf_counter() - began

        store.write = timed_write  # type: ignore[method-assign]
        began = time.perf_counter()
        summary = ingest_sources([str(corpus)], store, lambda: analyzer.analyze,
                                 batch_size=analyzer.settings.batch_size)
        seconds = time.perf_counter() - began
        if seconds < best:
            best, store_seconds, stored, errors = seconds, writes[0], summary.stored, summary.errors
    return {"model": resolve_model(analyzer.settings.model), "load_s": load, "seconds": best, "errors": errors,
            "stored": stored, "store_s": store_seconds}


def stage_seconds(analyzer: Any, texts: list[str]) -> dict[str, float]:
    """Seconds spent in each pipeline component, one document at a time (so spaCy's own components run
    unbatched here: compare the stages with each other, not with the throughput above)."""
    totals: dict[str, float] = {}
    for text in texts:
        doc = analyzer.nlp.make_doc(text)
        for name, proc in analyzer.nlp.pipeline:
            start = time.perf_counter()
            doc = proc(doc)
            totals[name] = totals.get(name, 0.0) + time.perf_counter() - start
    return totals


def run_side(side: str, args: argparse.Namespace) -> dict[str, Any]:
    """Run one side in a fresh process and return what it measured."""
    command = [sys.executable, str(Path(__file__).resolve()), "--side", side, "--repeat", str(args.repeat)]
    if args.corpus is not None:
        command += ["--corpus", str(args.corpus)]
    if args.limit:
        command += ["--limit", str(args.limit)]
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, check=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def report(texts: list[str], results: dict[str, dict[str, Any]], json_path: Path | None) -> None:
    from rich.console import Console
    from rich.table import Table

    words = sum(len(t.split()) for t in texts)
    for result in results.values():
        result["articles_per_s"] = len(texts) / result["seconds"]
        result["words_per_s"] = words / result["seconds"]
    ratio = results["spacy"]["articles_per_s"] / results["newsgraph"]["articles_per_s"]

    console = Console()
    console.print(f"{len(texts)} documents, {words:,} words; model {results['spacy']['model']}; "
                  f"os.cpu_count() = {os.cpu_count()}")
    table = Table(title="newsgraph vs bare spaCy")
    for column in ("side", "articles/s", "words/s", "load s", "peak RSS MB"):
        table.add_column(column, justify="left" if column == "side" else "right")
    for side in SIDES:
        r = results[side]
        table.add_row(side, f"{r['articles_per_s']:.2f}", f"{r['words_per_s']:,.0f}", f"{r['load_s']:.2f}",
                      f"{r['peak_rss_mb']:.0f}")
    console.print(table)
    overhead = (ratio - 1) * 100
    console.print(f"newsgraph stages cost {overhead:+.0f}% on top of spaCy's own parse (ratio {ratio:.2f}); "
                  f"analyze runs at {1 / ratio:.2f} x spaCy's articles/s")
    ingest = results["ingest"]
    vs_spacy = ingest["articles_per_s"] / results["spacy"]["articles_per_s"]
    vs_analyze = ingest["articles_per_s"] / results["newsgraph"]["articles_per_s"]
    console.print(f"ingest into a fresh DuckDB file runs at {vs_spacy:.2f} x spaCy's articles/s and {vs_analyze:.2f} x "
                  f"analyze's; writing to the store took {ingest['store_s']:.2f} s of {ingest['seconds']:.2f} s "
                  f"({ingest['store_s'] / ingest['seconds']:.1%}), {ingest['stored']} articles stored")
    stages = results["newsgraph"].get("stages") or {}
    parse = sum(v for k, v in stages.items() if not k.startswith("newsgraph_"))
    if parse:
        shares = Table(title="time per stage, one document at a time (share of spaCy's own components)")
        for column in ("stage", "seconds", "share"):
            shares.add_column(column, justify="left" if column == "stage" else "right")
        for name, seconds in stages.items():
            if name.startswith("newsgraph_"):
                shares.add_row(name, f"{seconds:.2f}", f"{seconds / parse:.1%}")
        ours = sum(v for k, v in stages.items() if k.startswith("newsgraph_"))
        shares.add_row("all newsgraph stages", f"{ours:.2f}", f"{ours / parse:.1%}")
        shares.add_row("spaCy's components", f"{parse:.2f}", "100%")
        console.print(shares)
    if results["newsgraph"]["errors"]:
        console.print(f"note: newsgraph returned {results['newsgraph']['errors']} error record(s) "
                      "(documents rejected before parsing)")
    if json_path is not None:
        summary = {"documents": len(texts), "words": words, "cpu_count": os.cpu_count(), "ratio": ratio,
                   "sides": results}
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        console.print(f"wrote {json_path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="a folder of .txt files (default: see above)")
    parser.add_argument("--limit", type=int, help="use only the first N documents")
    parser.add_argument("--repeat", type=int, default=1, help="run each measurement R times, keep the best")
    parser.add_argument("--json", type=Path, help="also write the numbers as JSON to this path")
    parser.add_argument("--side", choices=SIDES, help=argparse.SUPPRESS)  # internal: one side, in a child
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    texts = load_corpus(args.corpus, args.limit)
    if args.side is not None:
        measure = {"spacy": measure_spacy, "newsgraph": measure_newsgraph, "ingest": measure_ingest}[args.side]
        result = measure(texts, args.repeat)
        result["peak_rss_mb"] = peak_rss_mb()
        print(json.dumps(result))
        return
    results = {side: run_side(side, args) for side in SIDES}
    report(texts, results, args.json)


if __name__ == "__main__":
    main()
