"""Shared fixtures: the real pipeline, loaded once per test session; and the test tiers.

Tiers (markers registered in pyproject.toml): ``model`` for tests that load the spaCy model — through the
``analyzer``/``analyze`` fixtures, by building an ``Analyzer``, or by starting a newsgraph process — ``eval`` for
the scorers over the gold sets, ``browser`` for chromium. They are set here at collection, so a new test falls
into its tier by what it uses. ``make test-fast`` runs the rest (``-m "not model and not eval and not browser
and not slow"``): the syntax helpers, record model, store, vocabulary and layout on hand-built data.
"""

from __future__ import annotations

import inspect
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


#: fixtures that load the model, and words in a test (or a fixture of its module) that do so or start newsgraph
MODEL_FIXTURES = frozenset({"analyzer", "analyze"})
MODEL_CODE = ("Analyzer(", "run_cli(", "subprocess.", "_watch(", "_ingest_command(", "build_web_store(")


def _loads_model(item: pytest.Item) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    if names & MODEL_FIXTURES:
        return True
    module = getattr(item, "module", None)
    functions = [getattr(item, "function", None)]
    functions += [getattr(module, n, None) for n in names]  # module fixtures are plain functions underneath
    for function in functions:
        target = getattr(function, "__wrapped__", function)
        try:
            source = inspect.getsource(target) if callable(target) else ""
        except (OSError, TypeError):
            continue
        if any(word in source for word in MODEL_CODE):
            return True
    return False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        module = item.module.__name__ if getattr(item, "module", None) else ""
        if _loads_model(item):
            item.add_marker(pytest.mark.model)
        if module.startswith("test_eval_"):
            item.add_marker(pytest.mark.eval)
        if module == "test_browser":
            item.add_marker(pytest.mark.browser)
