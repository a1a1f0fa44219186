"""``nlp.intervals``: each question answered by binary search is the answer a scan of every span gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsgraph.nlp.intervals import Intervals

SPAN = st.tuples(st.integers(0, 30), st.integers(0, 8)).map(lambda t: (t[0], t[0] + t[1]))
SPANS = st.lists(SPAN, max_size=12)


def _index(spans: list[tuple[int, int]]) -> Intervals[int]:
    return Intervals((s, e, n) for n, (s, e) in enumerate(spans))


@given(spans=SPANS, span=SPAN)
def test_contain_is_a_strict_part_of_one(spans: list[tuple[int, int]], span: tuple[int, int]) -> None:
    start, end = span
    scan = any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans)
    assert _index(spans).contain(start, end) == scan


@given(spans=SPANS, span=SPAN)
def test_overlap_shares_a_position(spans: list[tuple[int, int]], span: tuple[int, int]) -> None:
    start, end = span
    scan = any(s < end and start < e for s, e in spans)
    assert _index(spans).overlap(start, end) == scan


@given(spans=SPANS, span=SPAN)
def test_starting_in_gives_the_items_in_order(spans: list[tuple[int, int]], span: tuple[int, int]) -> None:
    start, end = span
    index = _index(spans)
    found = index.starting_in(start, end)
    assert sorted(found) == [n for n, (s, _) in enumerate(spans) if start <= s < end]
    assert [spans[n] for n in found] == sorted(spans[n] for n in found)  # in order of their start (and end)
    assert list(index) == sorted(spans) and len(index) == len(spans)
