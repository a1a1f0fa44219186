"""Shared fixtures: the real pipeline, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.pipeline.analyzer import Analyzer
from newsgraph.readers.files import InputDoc

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture(scope="session")
def analyze(analyzer: Analyzer):
    """analyze(text, published=...) -> record, through the real pipeline."""

    def run(text: str, published: str | None = "2024-05-16", doc_id: str = "t") -> dict:
        return analyzer.analyze_one(InputDoc(doc_id, text, published))

    return run


@pytest.fixture(scope="session")
def shared() -> Path:
    return SHARED
