"""The record: every span indexes ``text`` and every record validates, for any input (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.pipeline.record import validate_record

PIECES = st.sampled_from([
    "Vladimir Putin", "Xi", "said", "told", "“", "”", '"', "''", "’s", "Beijing", "Washington", "the Kremlin",
    "condemned", "urged", "to impose sanctions on", "Chinese firms", "the two leaders", "he", "it", "they",
    "last month", "on Thursday", "$240 billion", "in 2023", "met in Kyiv", "\n", ". ", ", ", ":", "—", "…",
    "according to", "the West", "NATO", "was rejected by", "would", "not", "if", "Hoo Tiang Boon,",
    "a professor at", "University", "12%", "US", "us", "Who",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(min_size=1, max_size=12)), min_size=1, max_size=40).map(" ".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS, published=st.one_of(st.none(), st.just("2024-05-16")))
def test_any_text_gives_a_valid_record(analyze, text: str, published: str | None) -> None:
    rec = analyze(text, published)
    assert rec["text"] == text
    assert validate_record(rec) == []


def test_the_text_is_kept_unchanged(analyze) -> None:
    text = "  Xi told Putin: “Together.”\r\n\nBeijing said so.\t"
    rec = analyze(text)
    assert rec["text"] == text
    assert validate_record(rec) == []


def test_a_released_doc_gives_the_same_record_and_lets_its_extensions_go(analyzer) -> None:
    from newsgraph.pipeline.record import to_record
    from newsgraph.readers.files import InputDoc

    item = InputDoc("r", "Xi told Putin in Beijing on Thursday that China would buy more Russian gas.", "2024-05-16")
    kept, released = analyzer.nlp(item.text), analyzer.nlp(item.text)
    for doc in (kept, released):
        doc._.ng_published = item.published
    assert to_record(released, item, release=True) == to_record(kept, item)
    assert kept.user_data and not released.user_data


def test_the_heap_gives_back_on_this_machine() -> None:
    import sys

    from newsgraph.heap import _trim, give_back

    assert isinstance(give_back(), bool)
    if sys.platform == "linux":
        assert _trim() is not None  # glibc: the long-document path relies on it to stay under its peak
