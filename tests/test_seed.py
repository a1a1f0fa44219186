"""The reference article: at least 85% of what a careful analyst reads, in each category.

Reads ../shared/seed/ when present and is skipped otherwise. The per-category counts print with -s and come
from the same scorer as ``newsgraph eval seed``.
"""

from __future__ import annotations

import json

import pytest

from newsgraph.evaluate.seed import score_seed
from newsgraph.pipeline.record import validate_record
from newsgraph.readers.files import read_path


def test_reference_article_coverage(analyzer, shared) -> None:
    article = shared / "seed" / "article.txt"
    expected = shared / "seed" / "expected.json"
    if not article.exists() or not expected.exists():
        pytest.skip("../shared/seed is not present")
    record = analyzer.analyze_one(next(read_path(article, "2024-05-16")))
    assert record["text"] == article.read_text(encoding="utf-8")
    assert validate_record(record) == []
    report = score_seed(record, json.loads(expected.read_text(encoding="utf-8")))
    for category, result in report.items():
        print(f"{category}: {result['found']}/{result['total']}")
        assert result["ratio"] >= 0.85, (category, result["missed"])
