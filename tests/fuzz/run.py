"""Run the fuzz corpus through newsgraph as a user would, and report (``make fuzz``; a sample in ``make test``).

Four runs, each a fresh ``newsgraph`` process:

1. ``analyze FILE...`` over one file per case, in order;
2. ``analyze CORPUS.jsonl`` over one JSONL line per case that has one;
3. ``analyze -`` with the same JSONL on stdin (all of it, or the first ``stdin_lines``);
4. ``ingest FOLDER`` and the same ``ingest`` again.

Checked: every run exits 0 with no traceback; one record per input, in input order (ids), valid UTF-8 JSON that
``validate_record`` accepts; every good document analysed with actors; every outcome one the case allows; the
store holds one article or error row per file, every good document among the articles, and the second ingest
adds nothing. ``--timing`` also analyses every file in this process, one at a time, for the slowest document
and this process's peak memory.

    python tests/fuzz/run.py --docs 1000 --seed 1 [--long 6] [--huge] [--timing] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from fuzz.hostile import Case, generate, long_sizes  # noqa: E402


@dataclass
class Report:
    documents: int = 0
    runs: int = 0
    crashes: list[str] = field(default_factory=list)  # a run that failed: exit code, traceback, lost records
    problems: list[str] = field(default_factory=list)  # a record that is not what its case allows
    lost: int = 0  # inputs of a run without their record, files the store holds no row of, good ones not stored
    codes: Counter[str] = field(default_factory=Counter)  # outcomes of the file run ("ok" or the error code)
    slowest: tuple[float, str] = (0.0, "")
    peak_rss_mb: float = 0.0  # the largest newsgraph process (the CLI runs)
    peak_run: str = ""  # which run it was
    run_peaks: dict[str, float] = field(default_factory=dict)  # each run's peak, MB
    harness_rss_mb: float = 0.0  # this process after --timing: the analyser plus the whole corpus and its records
    seconds: float = 0.0

    def lines(self) -> list[str]:
        out = [f"documents        {self.documents:,} (in {self.runs} runs: analyze files, JSONL, stdin; ingest twice)",
               f"crashes          {len(self.crashes)}", f"lost documents   {self.lost}",
               f"wrong outcomes   {len(self.problems)}",
               "outcomes         " + ", ".join(f"{code} {n}" for code, n in sorted(self.codes.items()))]
        if self.slowest[1]:
            out.append(f"slowest document {self.slowest[0]:.1f} s ({self.slowest[1]})")
        out.append(f"peak RSS         {self.peak_rss_mb:,.0f} MB (largest newsgraph process: {self.peak_run})")
        out.append("                 " + ", ".join(f"{what} {mb:,.0f}" for what, mb in self.run_peaks.items()))
        if self.harness_rss_mb:
            out.append(f"                 {self.harness_rss_mb:,.0f} MB (this harness: it also holds the corpus)")
        out.append(f"time             {self.seconds:.0f} s")
        return out + [f"  crash: {c}" for c in self.crashes] + [f"  problem: {p}" for p in self.problems[:40]]


def display(name: bytes) -> str:
    """The id newsgraph gives a file of this name: its UTF-8, with other bytes as backslash escapes."""
    return name.decode("utf-8", "backslashreplace")


@dataclass
class Run:
    """One ``newsgraph`` process: its exit code, output and peak resident memory."""

    returncode: int
    stdout: bytes
    stderr: bytes
    peak_mb: float


def _high_water_mb(pid: int) -> float:
    """The process's peak resident memory so far (``VmHWM``), or 0 once it has exited."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def newsgraph(*args: str | bytes, stdin: bytes | None = None, timeout: float = 3600) -> Run:
    """Run the CLI as a user would; its peak memory is its own ``VmHWM``, read every 50 ms while it runs. Not
    the kernel's ``ru_maxrss``: a child started from this harness, which by then holds the corpus and the
    records of the earlier runs, inherits the harness's high-water mark through ``fork``/``exec`` (the runs
    seemed to peak at 835-1,166 MB that way)."""
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", *args], cwd=ROOT, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    out: dict[str, bytes] = {}
    readers = [threading.Thread(target=lambda n=n, p=p: out.__setitem__(n, p.read()), daemon=True)
               for n, p in (("out", proc.stdout), ("err", proc.stderr))]
    for reader in readers:
        reader.start()
    try:
        proc.stdin.write(stdin or b"")
        proc.stdin.close()
    except BrokenPipeError:  # it stopped reading: its exit code and output tell why
        pass
    peak, deadline = 0.0, time.monotonic() + timeout
    while any(reader.is_alive() for reader in readers) and time.monotonic() < deadline:
        peak = max(peak, _high_water_mb(proc.pid))
        time.sleep(0.05)
    if any(reader.is_alive() for reader in readers):
        proc.kill()
        for reader in readers:
            reader.join()
    proc.returncode = proc.wait()
    proc.stdout.close()
    proc.stderr.close()
    return Run(proc.returncode, out["out"], out["err"], peak)


def _peak(report: Report, what: str, run: Run) -> None:
    report.run_peaks[what] = run.peak_mb
    if run.peak_mb > report.peak_rss_mb:
        report.peak_rss_mb, report.peak_run = run.peak_mb, what


def _records(result: Run, what: str, report: Report) -> list[dict[str, Any]]:
    report.runs += 1
    _peak(report, what, result)
    err = result.stderr.decode("utf-8", "replace")
    if result.returncode != 0 or "Traceback" in err:
        report.crashes.append(f"{what}: exit {result.returncode}: {err[-800:]}")
        return []
    try:
        return [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    except (UnicodeDecodeError, json.JSONDecodeError) as bad:
        report.crashes.append(f"{what}: output is not UTF-8 JSON lines: {bad}")
        return []


def _check(records: list[dict[str, Any]], cases: list[Case], what: str, report: Report, jsonl: bool) -> None:
    from newsgraph.pipeline.record import validate_record

    if len(records) != len(cases):
        report.lost += max(len(cases) - len(records), 0)
        report.crashes.append(f"{what}: {len(records)} records for {len(cases)} inputs")
        return
    for record, case in zip(records, cases, strict=True):
        code = (record.get("error") or {}).get("code")
        allowed = case.line_expect if jsonl and case.line_expect is not None else case.expect
        where = f"{what}: {display(case.name)} ({case.kind})"
        if not jsonl and not case.name.endswith(b".jsonl") and record["id"] != display(case.name):
            report.crashes.append(f"{where}: out of order, record {record['id']!r}")
            return
        if code not in allowed:
            report.problems.append(f"{where}: {code or 'analysed'}, expected one of "
                                   f"{sorted(c or 'analysed' for c in allowed)}: {(record.get('error') or {})}")
        if case.good and not record.get("actors"):  # written to name actors: analysed, not just passed
            report.problems.append(f"{where}: a good document without actors")
        if problems := validate_record(record):
            report.problems.append(f"{where}: invalid record {problems[:3]}")


def write_corpus(cases: list[Case], folder: Path) -> tuple[list[Path], Path, list[Case]]:
    files = folder / "files"
    files.mkdir()
    paths = []
    for case in cases:
        path = files / os.fsdecode(case.name)
        path.write_bytes(case.data)
        paths.append(path)
    lined = [c for c in cases if c.line is not None]
    corpus = folder / "corpus.jsonl"
    corpus.write_bytes(b"".join(c.line + b"\n" for c in lined if c.line is not None))
    return paths, corpus, lined


def _ingest(files: Path, db: Path, cases: list[Case], report: Report) -> None:
    import duckdb

    for attempt in (1, 2):
        result = newsgraph("ingest", str(files), "--db", str(db), "--quiet")
        report.runs += 1
        _peak(report, f"ingest #{attempt}", result)
        err = result.stderr.decode("utf-8", "replace")
        if result.returncode != 0 or "Traceback" in err:
            report.lost += len(cases) if attempt == 1 else 0
            report.crashes.append(f"ingest #{attempt}: exit {result.returncode}: {err[-800:]}")
            return
        con = duckdb.connect(str(db), read_only=True)
        articles = {r[0] for r in con.execute("SELECT doc_id FROM articles").fetchall()}
        errors = dict(con.execute("SELECT doc_id, code FROM errors").fetchall())  # ids of JSONL lines may repeat
        counts = tuple(con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM errors)").fetchone())
        con.close()
        if attempt == 1:
            first = counts
            for case in cases:
                name = display(case.name)
                if case.good and name not in articles:
                    report.lost += 1
                    report.problems.append(f"ingest: good document {name} not stored ({errors.get(name)})")
            expected = _identities(files)
            if sum(counts) != expected:
                report.lost += max(expected - sum(counts), 0)
                report.crashes.append(f"ingest: {counts[0]} articles + {counts[1]} errors for {expected} distinct "
                                      f"documents in {len(cases)} files: "
                                      f"{result.stdout.decode('utf-8', 'replace')[-1500:]}")
        elif counts != first:
            report.crashes.append(f"ingest again: {first} -> {counts}: the second ingest added rows")


def _identities(files: Path) -> int:
    """How many distinct documents the store should hold: one per input, except that files whose texts are
    the same (two zero-width-only files, say) are one article, as ``ingest`` identifies an article by the hash
    of its text (a file that cannot be read is identified by its path and error, so each is its own row)."""
    from newsgraph.readers import read_path
    from newsgraph.readers.files import JSONL_SUFFIXES
    from newsgraph.readers.sniff import safe_text
    from newsgraph.store.ingest import article_id

    ids = set()
    for path in sorted(files.iterdir()):
        where = safe_text(str(path))
        for doc in read_path(path):
            ids.add(article_id(doc, where if path.suffix.lower() not in JSONL_SUFFIXES else f"{where}:{doc.id}"))
    return len(ids)


def _timing(paths: list[Path], report: Report) -> None:
    """Each file analysed alone in this process: the slowest document and this process's peak memory (which
    holds the corpus and every run's records too, so it is reported apart from the newsgraph processes')."""
    from newsgraph.pipeline.analyzer import Analyzer
    from newsgraph.readers import read_path

    analyzer = Analyzer()
    for path in paths:
        for doc in read_path(path):
            started = time.monotonic()
            analyzer.analyze_one(doc)
            seconds = time.monotonic() - started
            if seconds > report.slowest[0]:
                report.slowest = (seconds, f"{display(os.fsencode(path.name))}, {path.stat().st_size:,} bytes")
    report.harness_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fuzz(cases: list[Case], folder: Path, stdin_lines: int | None = None, timing: bool = False) -> Report:
    started = time.monotonic()
    report = Report(documents=len(cases))
    paths, corpus, lined = write_corpus(cases, folder)
    records = _records(newsgraph("analyze", *[os.fsencode(p) for p in paths], "--format", "jsonl"),
                       "analyze files", report)
    _check(records, cases, "analyze files", report, jsonl=False)
    report.codes.update((r.get("error") or {}).get("code") or "ok" for r in records)
    from_file = _records(newsgraph("analyze", str(corpus), "--format", "jsonl"), "analyze jsonl", report)
    _check(from_file, lined, "analyze jsonl", report, jsonl=True)
    lines = [line + b"\n" for line in corpus.read_bytes().split(b"\n")[: len(lined)]][: stdin_lines or None]
    piped = _records(newsgraph("analyze", "-", "--format", "jsonl", stdin=b"".join(lines)), "analyze -", report)
    _check(piped, lined[: len(lines)], "analyze -", report, jsonl=True)
    _ingest(folder / "files", folder / "fuzz.duckdb", cases, report)
    if timing:
        _timing(paths, report)
    report.seconds = time.monotonic() - started
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="cases, hostile and good in turn")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--long", type=int, default=6, help="0.5-1 MB documents among them")
    parser.add_argument("--huge", action="store_true", help="and one 20 MB file")
    parser.add_argument("--timing", action="store_true", help="also time each document in this process")
    parser.add_argument("--keep", type=Path, help="write the corpus and the store here and keep them")
    args = parser.parse_args()
    cases = generate(args.docs, args.seed, long_sizes(args.seed, args.long), args.huge)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="newsgraph-fuzz-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        report = fuzz(cases, folder, timing=args.timing)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"newsgraph fuzz corpus, seed {args.seed}")
    for line in report.lines():
        print(line)
    return 1 if report.crashes or report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
