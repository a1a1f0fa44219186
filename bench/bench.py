"""Start-up, throughput and peak memory of newsgraph against bare spaCy, same model, same texts, one run.

What it measures (every figure comes from a fresh child process; CPU time = user + system, from the kernel's
accounting of that child, so it holds up on a loaded machine far better than wall-clock time does)
    cold start   one article, start to finish, as a user meets it:
                 spacy      ``python -c "import spacy; nlp = spacy.load(model); nlp(text)"``
                 newsgraph  ``newsgraph analyze article.txt --format jsonl`` (the CLI, output to /dev/null)
                 The caches built once per machine exist — newsgraph's (``$NEWSGRAPH_CACHE``) and Python's
                 bytecode (children run without ``PYTHONDONTWRITEBYTECODE``, as an installed package has its
                 ``.pyc`` files): an untimed run comes first.
    steady state N articles streamed through one process after its start-up and one warm-up article:
                 spacy      ``nlp.pipe`` over the batches newsgraph makes of the same texts (at most
                            ``batch_size`` documents and ``batch_chars`` characters), each Doc dropped at once
                 analyze    ``Analyzer().analyze(...)``, each record JSON-encoded as the CLI writes it
                 ingest     ``newsgraph.store.ingest.ingest`` of a JSONL file into a fresh DuckDB file at the
                            ingest command's default batch size (the time in ``Store.write`` is the "store" share)
                 articles/s = N / CPU seconds of the stream; "whole run" = N / CPU seconds of the whole child,
                 start-up included.
    peak RSS     the largest resident memory of each child over its life (``ru_maxrss``): at 1 article from the
                 cold-start runs, at N from the steady-state runs. It must stay flat as N grows.
    long         ``--long``: one document as long as ``max_chars`` admits (the corpus's texts joined), through
                 analyze and through ingest: its CPU time and peak RSS (the model parses it in pieces).
    stages       each pipeline component's CPU time, one document at a time over the first 84 articles, as a share
                 of spaCy's own components and of the whole.

The sides run interleaved (spacy, analyze, ingest, spacy, ...); with ``--repeat R`` each is run R times and the
lowest CPU time is kept, with the spread printed so the noise is visible. The same process's CPU time varies by
10-30% between runs on a shared machine, more than the difference measured, so the throughput targets are judged
on a paired run as well:
    paired       one process with bare spaCy and newsgraph loaded, taking turns chunk by chunk (about
                 ``zone_chars`` characters each, who goes first alternating) over the same texts: a change in the
                 machine's speed falls on both sides alike. Ingest there = analysis + ``Store.write`` of its records
                 in ingest's batches (reading the JSONL input, about 0.1%, is left out).

Usage
    python bench/bench.py [--sizes 1,84,500] [--repeat R] [--long] [--corpus DIR] [--json PATH]

The corpus: PolNeAR's texts (``../shared/gold/polnear/dev/text`` then ``train/text``, relative to the repository
root, in name order: the first 84 are the dev split) when they exist, else the bundled ``examples/`` repeated.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "gold" / "polnear"
EXAMPLES = ROOT / "examples"
MIN_FALLBACK_DOCS = 50
STEADY_SIDES = ("spacy", "analyze", "ingest")
STAGE_DOCS = 84
BENCH_INGEST_BATCH = int(os.environ.get("BENCH_INGEST_BATCH", "0"))  # 0: the ingest command's default --batch-size
SPACY_COLD = "import spacy, sys; nlp = spacy.load(sys.argv[1]); nlp(open(sys.argv[2], encoding='utf-8').read())"


def load_corpus(corpus: Path | None = None, limit: int | None = None) -> list[str]:
    """The texts to run on, in a stable order."""
    folders = [corpus] if corpus is not None else [POLNEAR / "dev" / "text", POLNEAR / "train" / "text"]
    texts = [p.read_text(encoding="utf-8") for f in folders if f.is_dir() for p in sorted(f.glob("*.txt"))]
    if not texts and corpus is None:
        texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
        texts = texts * -(-MIN_FALLBACK_DOCS // max(1, len(texts)))
    if not texts:
        raise SystemExit(f"no .txt texts found in {corpus or EXAMPLES}")
    return texts[:limit] if limit else texts


# --- the children -------------------------------------------------------------------------------------------


def _cpu() -> float:
    return time.process_time()


def child_spacy(texts: list[str]) -> dict[str, Any]:
    import spacy

    from newsgraph.config import Settings
    from newsgraph.nlp.build import resolve_model

    settings = Settings()
    batch = settings.batch_size
    nlp = spacy.load(resolve_model(""))
    nlp.max_length = max(nlp.max_length, max(map(len, texts)) + 1)
    nlp(texts[0])
    began, wall = _cpu(), time.perf_counter()
    tokens = 0
    for group in _groups(texts, batch, settings.batch_chars):  # the batches newsgraph makes of the same texts
        tokens += sum(len(doc) for doc in nlp.pipe(group, batch_size=len(group)))
    return {"load_cpu": began, "cpu": _cpu() - began, "wall": time.perf_counter() - wall, "tokens": tokens,
            "batch_size": batch, "batch_chars": settings.batch_chars, "model": resolve_model("")}


def _groups(texts: list[str], size: int, chars: int) -> list[list[str]]:
    from newsgraph.pipeline.analyzer import _batches
    from newsgraph.readers.files import InputDoc

    return [[d.text for d in group] for group in _batches(iter(InputDoc("", t) for t in texts), size, chars)]


def long_text(texts: list[str]) -> str:
    """The corpus's texts joined by blank lines, as long as ``max_chars`` admits (less 1%)."""
    from newsgraph.config import Settings

    limit = Settings().max_chars * 99 // 100
    parts: list[str] = []
    length = 0
    for text in texts:
        if length + len(text) + 2 > limit:
            break
        parts.append(text.strip())
        length += len(parts[-1]) + 2
    return "\n\n".join(parts)


def child_long_analyze(texts: list[str]) -> dict[str, Any]:
    return {**child_analyze([long_text(texts)], warm=texts[0]), "chars": len(long_text(texts))}


def child_long_ingest(texts: list[str]) -> dict[str, Any]:
    return {**child_ingest([long_text(texts)], warm=texts[0]), "chars": len(long_text(texts))}


def child_analyze(texts: list[str], warm: str | None = None) -> dict[str, Any]:
    from newsgraph.pipeline.analyzer import Analyzer
    from newsgraph.readers.files import InputDoc

    analyzer = Analyzer()
    analyzer.analyze_one(InputDoc("warm-up", warm or texts[0], None))
    began, wall = _cpu(), time.perf_counter()
    errors = 0
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for record in analyzer.analyze(InputDoc(f"doc{n}", t, None) for n, t in enumerate(texts)):
            errors += bool(record.get("error"))
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {"load_cpu": began, "cpu": _cpu() - began, "wall": time.perf_counter() - wall, "errors": errors,
            "batch_size": analyzer.settings.batch_size}


def child_ingest(texts: list[str], warm: str | None = None) -> dict[str, Any]:
    from newsgraph.config import Settings
    from newsgraph.pipeline.analyzer import Analyzer
    from newsgraph.readers.files import InputDoc
    from newsgraph.store.db import Store
    from newsgraph.store.ingest import ingest_sources
    from newsgraph.vocab import INGEST_BATCH

    batch = BENCH_INGEST_BATCH or INGEST_BATCH
    analyzer = Analyzer(Settings().with_overrides(batch_size=batch))
    analyzer.analyze_one(InputDoc("warm-up", warm or texts[0], None))
    folder = Path(tempfile.mkdtemp(prefix="newsgraph-bench-"))
    corpus = folder / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        handle.writelines(json.dumps({"id": f"doc{n}", "text": t}) + "\n" for n, t in enumerate(texts))
    store = Store(folder / "bench.duckdb")
    writes = [0.0]
    original = store.write

    def timed_write(*args: Any, **kwargs: Any) -> Any:
        start = _cpu()
        try:
            return original(*args, **kwargs)
        finally:
            writes[0] += _cpu() - start

    store.write = timed_write  # type: ignore[method-assign]
    began, wall = _cpu(), time.perf_counter()
    summary = ingest_sources([str(corpus)], store, lambda: analyzer.analyze, batch_size=batch)
    return {"load_cpu": began, "cpu": _cpu() - began, "wall": time.perf_counter() - wall, "store_cpu": writes[0],
            "stored": summary.stored, "errors": summary.errors, "batch_size": batch}


def child_paired(texts: list[str]) -> dict[str, Any]:
    """Bare spaCy and newsgraph in one process, taking turns chunk by chunk over the same texts (who goes first
    alternates), so that a change in the machine's speed during the run falls on both alike. A chunk is about
    ``zone_chars`` characters of the batches newsgraph makes (the analyser runs it in one memory zone, as it runs
    a stream; bare spaCy runs it plainly). Ingest's share: the analyser's records written with ``Store.write``
    in ingest's batches, into a fresh DuckDB file."""
    import spacy

    from newsgraph.config import Settings
    from newsgraph.nlp.build import resolve_model
    from newsgraph.pipeline.analyzer import Analyzer
    from newsgraph.readers.files import InputDoc
    from newsgraph.store.db import Store
    from newsgraph.store.ingest import article_id
    from newsgraph.store.rows import Analyzed
    from newsgraph.vocab import INGEST_BATCH

    settings = Settings()
    nlp, analyzer = spacy.load(resolve_model(settings.model)), Analyzer(settings)
    nlp.max_length = max(nlp.max_length, max(map(len, texts)) + 1)
    nlp(texts[0])
    analyzer.analyze_one(InputDoc("warm-up", texts[0], None))
    store = Store(Path(tempfile.mkdtemp(prefix="newsgraph-bench-")) / "paired.duckdb")
    chunks: list[list[list[str]]] = [[]]
    for group in _groups(texts, settings.batch_size, settings.batch_chars):
        if sum(map(len, (t for g in chunks[-1] for t in g))) >= settings.zone_chars:
            chunks.append([])
        chunks[-1].append(group)
    cpu = {"spacy": 0.0, "analyze": 0.0, "store": 0.0}
    done = 0
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for n, chunk in enumerate(chunks):
            for side in ("spacy", "analyze") if n % 2 == 0 else ("analyze", "spacy"):
                start = _cpu()
                if side == "spacy":
                    for group in chunk:  # as bare spaCy is run: no memory zone (newsgraph pays for its own)
                        for _ in nlp.pipe(group, batch_size=len(group)):
                            pass
                    cpu["spacy"] += _cpu() - start
                    continue
                items = [InputDoc(f"doc{done + k}", t, None) for k, t in enumerate(t for g in chunk for t in g)]
                records = list(analyzer.analyze(items))
                sink.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
                cpu["analyze"] += _cpu() - start
                start = _cpu()
                for at in range(0, len(items), INGEST_BATCH):
                    store.write([Analyzed(d, "bench", r, article_id(d, "bench")) for d, r in
                                 zip(items[at : at + INGEST_BATCH], records[at : at + INGEST_BATCH], strict=True)])
                cpu["store"] += _cpu() - start
                done += len(items)
    store.close()
    return {**cpu, "chunks": len(chunks), "documents": done}


def child_stages(texts: list[str]) -> dict[str, Any]:
    from newsgraph.pipeline.analyzer import Analyzer
    from newsgraph.readers.files import InputDoc

    analyzer = Analyzer()
    analyzer.analyze_one(InputDoc("warm-up", texts[0], None))
    totals: dict[str, float] = {}
    for text in texts[:STAGE_DOCS]:
        doc = analyzer.nlp.make_doc(text)
        for name, proc in analyzer.nlp.pipeline:
            start = _cpu()
            doc = proc(doc)
            totals[name] = totals.get(name, 0.0) + _cpu() - start
    return {"stages": totals, "documents": min(len(texts), STAGE_DOCS)}


CHILDREN = {"spacy": child_spacy, "analyze": child_analyze, "ingest": child_ingest, "stages": child_stages,
            "paired": child_paired,
            "long_analyze": child_long_analyze, "long_ingest": child_long_ingest}


# --- the parent ---------------------------------------------------------------------------------------------


def run(command: list[str], stdout: Any = subprocess.PIPE, cache: Path | None = None) -> tuple[str, float, float]:
    """Run ``command``; its stdout, CPU seconds (user + system) and peak RSS in MB, from the kernel. ``cache``:
    newsgraph's cache folder for it (by default the user's)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if cache is not None:
        env["NEWSGRAPH_CACHE"] = str(cache)
    proc = subprocess.Popen(command, cwd=ROOT, stdout=stdout, text=True, env=env)
    out = proc.stdout.read() if proc.stdout is not None else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(command)} failed with exit code {proc.returncode}")
    return out, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def run_child(side: str, n: int, corpus: Path | None) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", side, "--sizes", str(n)]
    if corpus is not None:
        command += ["--corpus", str(corpus)]
    out, cpu, rss = run(command)
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    result.update(total_cpu=cpu, peak_rss_mb=rss)
    return result


def run_cold(side: str, article: Path, model: str, cache: Path | None = None) -> dict[str, Any]:
    if side == "spacy":
        command = [sys.executable, "-c", SPACY_COLD, model, str(article)]
    else:
        command = [sys.executable, "-m", "newsgraph.cli", "analyze", str(article), "--format", "jsonl"]
    with open(os.devnull, "w") as sink:
        _, cpu, rss = run(command, stdout=sink, cache=cache)
    return {"total_cpu": cpu, "peak_rss_mb": rss}


def keep_best(runs: list[dict[str, Any]], key: str) -> dict[str, Any]:
    """The run with the least ``key`` CPU time, with the spread of all runs and the largest peak RSS."""
    best = dict(min(runs, key=lambda r: r[key]))
    best["spread"] = (min(r[key] for r in runs), max(r[key] for r in runs))
    best["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
    return best


def measure(texts: list[str], sizes: list[int], repeat: int, corpus: Path | None, long: bool = False
            ) -> dict[str, Any]:
    from newsgraph.nlp.build import resolve_model

    results: dict[str, Any] = {"load_before": os.getloadavg()}
    folder = Path(tempfile.mkdtemp(prefix="newsgraph-bench-cold-"))
    article = folder / "article.txt"
    article.write_text(texts[0], encoding="utf-8")
    model = resolve_model("")
    # the first run on a machine, with an empty cache folder: it builds the gazetteer and the compiled files
    results["first"] = run_cold("newsgraph", article, model, cache=folder / "empty-cache")
    run_cold("newsgraph", article, model)  # builds the user's caches if they are missing; not timed
    for n in sizes:
        runs: dict[str, list[dict[str, Any]]] = {}
        for _ in range(repeat):
            if n == 1:
                for side in ("spacy", "newsgraph"):
                    runs.setdefault(side, []).append(run_cold(side, article, model))
            else:
                for side in STEADY_SIDES:
                    runs.setdefault(side, []).append(run_child(side, n, corpus))
        key = "total_cpu" if n == 1 else "cpu"
        results[str(n)] = {side: keep_best(found, key) for side, found in runs.items()}
        if n > 1:
            results[str(n)]["paired"] = run_child("paired", n, corpus)
    if any(n > 1 for n in sizes):
        results["stages"] = run_child("stages", min(max(sizes), STAGE_DOCS), corpus)
    if long:
        results["long"] = {side: run_child(f"long_{side}", len(texts), corpus) for side in ("analyze", "ingest")}
    results["load_after"] = os.getloadavg()
    results["model"] = model
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="a folder of .txt files (default: see above)")
    parser.add_argument("--sizes", default="1,84,500", help="numbers of articles to run (1 = cold start)")
    parser.add_argument("--repeat", type=int, default=1, help="run each measurement R times, keep the best")
    parser.add_argument("--long", action="store_true", help="also one document as long as max_chars admits")
    parser.add_argument("--json", type=Path, help="also write the numbers as JSON to this path")
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)  # internal: one side
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.repeat < 1 or not sizes or min(sizes) < 1:
        parser.error("--repeat and every size must be at least 1")
    texts = load_corpus(args.corpus)
    if args.child is not None:
        print(json.dumps(CHILDREN[args.child](texts[: sizes[0]])))
        return
    if max(sizes) > len(texts):
        parser.error(f"the corpus has {len(texts)} texts, fewer than {max(sizes)}")
    results = measure(texts, sizes, args.repeat, args.corpus, args.long)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_report import report

    report(texts, sizes, results, args.json)


if __name__ == "__main__":
    main()
