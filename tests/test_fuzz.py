"""A sample of the fuzz corpus (issue 12) through ``analyze`` (files, JSONL, stdin) and ``ingest`` twice, as
``make fuzz`` runs the whole of it: no run fails, one record per input in order, every good document analysed
and stored, every outcome one its case allows, and the second ingest adds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzz.hostile import generate
from fuzz.run import fuzz


@pytest.mark.slow
def test_fuzz_sample(tmp_path: Path) -> None:
    cases = generate(240, seed=20240516, long_sizes=(150_000,))
    assert sum(case.good for case in cases) == 120
    report = fuzz(cases, tmp_path, stdin_lines=80)
    assert not report.crashes, "\n".join(report.lines())
    assert not report.problems, "\n".join(report.lines())
    assert report.lost == 0, "\n".join(report.lines())
    assert report.codes["ok"] >= 120
