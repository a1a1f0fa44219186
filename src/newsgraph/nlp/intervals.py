"""Spans of a document (token or character offsets, ``[start, end)``) asked about in logarithmic time.

A stage that asks, for each of its items, "is this inside a name?", "does this overlap a time expression?" or
"which time expressions are in this sentence?" by scanning every other span is quadratic: on a document of a
million characters (tens of thousands of places, amounts and times) that is minutes. ``Intervals`` sorts the
spans once and answers each question by binary search over their starts, with the furthest end reached so far.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


class Intervals(Generic[T]):
    """``[start, end)`` spans, each with an item, sorted by (start, end)."""

    def __init__(self, spans: Iterable[tuple[int, int, T]]) -> None:
        ordered = sorted(spans, key=lambda s: (s[0], s[1]))
        self.starts = [s for s, _, _ in ordered]
        self.ends = [e for _, e, _ in ordered]
        self.items = [item for _, _, item in ordered]
        self.reach = list(accumulate(self.ends, max))  # the furthest end among the spans up to each one

    def __len__(self) -> int:
        return len(self.starts)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.starts, self.ends, strict=True)

    def contain(self, start: int, end: int) -> bool:
        """Is ``[start, end)`` a strict part of one of the spans (inside it, and not the same span)?"""
        earlier = bisect_left(self.starts, start)  # spans starting before ``start`` hold it if they reach ``end``
        if earlier and self.reach[earlier - 1] >= end:
            return True
        same = bisect_right(self.starts, start)  # spans starting at ``start`` hold it if they end later
        return any(self.ends[i] > end for i in range(earlier, same))

    def overlap(self, start: int, end: int) -> bool:
        """Does ``[start, end)`` share a position with one of the spans?"""
        before = bisect_left(self.starts, end)  # the spans starting before ``end``
        return before > 0 and self.reach[before - 1] > start

    def starting_in(self, start: int, end: int) -> list[T]:
        """The items of the spans that start in ``[start, end)``, in order."""
        return self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)]
