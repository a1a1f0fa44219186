"""Per-document indexes that keep the stages' lookups linear in the length of the text.

A stage that asks, for each event or pronoun, "which time expressions are in this sentence?" or "which quote
holds this word?" by scanning every time, mention or quote of the document does work that grows with the square
of the document's length: nothing on an article, minutes on 10,000 sentences. These helpers build each index
once per document (kept in ``doc.user_data``, rebuilt when the list it indexes is replaced or grows) and
answer each question by bisection or one array look-up.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import numpy
from spacy.tokens import Doc, Span

from newsgraph.nlp.extensions import Mention, Place, Quote, TimeX

_KEY = "ng_lookup"
T = TypeVar("T")


def _cached(doc: Doc, name: str, source: Any, build: Callable[[], Any]) -> Any:
    """The index ``name`` of ``doc``, built by ``build`` unless it was built from this very ``source``."""
    store: dict[str, tuple[Any, int, Any]] = doc.user_data.setdefault(_KEY, {})
    entry = store.get(name)
    if entry is None or entry[0] is not source or entry[1] != len(source):
        entry = store[name] = (source, len(source), build())  # holding ``source`` keeps its id from reuse
    return entry[2]


def _starts(doc: Doc) -> list[int]:
    store = doc.user_data.setdefault(_KEY, {})
    starts: list[int] | None = store.get("sents")
    if starts is None:
        starts = store["sents"] = [s.start for s in doc.sents]
    return starts


def sentence_start(doc: Doc, i: int) -> int:
    """The first token of the sentence holding token ``i`` (``doc[i].sent.start`` without walking the sentence)."""
    starts = _starts(doc)
    return starts[max(bisect_right(starts, i) - 1, 0)] if starts else 0


def sentence_number(doc: Doc, i: int) -> int:
    """The 0-based number of the sentence holding token ``i``."""
    return max(bisect_right(_starts(doc), i) - 1, 0)


def mentions_starting_in(doc: Doc, start: int, end: int) -> list[Mention]:
    """The mentions whose first token is in ``[start, end)``, in ``doc._.ng_mentions`` order."""
    mentions: list[Mention] = doc._.ng_mentions or []

    def build() -> tuple[list[int], list[int]]:
        order = sorted(range(len(mentions)), key=lambda n: mentions[n]["tok"][0])
        return [mentions[n]["tok"][0] for n in order], order

    keys, order = _cached(doc, "mentions", mentions, build)
    return [mentions[n] for n in sorted(order[bisect_left(keys, start) : bisect_left(keys, end)])]


def times_in_sentence(doc: Doc, sent_start: int) -> list[tuple[TimeX, Span]]:
    """The time expressions whose root is in the sentence starting at token ``sent_start``, each with its span,
    in ``doc._.ng_times`` order."""
    times: list[TimeX] = doc._.ng_times or []

    def build() -> dict[int, list[tuple[TimeX, Span]]]:
        groups: dict[int, list[tuple[TimeX, Span]]] = {}
        for t in times:
            span = doc[t["tok"][0] : t["tok"][1]]
            groups.setdefault(sentence_start(doc, span.root.i), []).append((t, span))
        return groups

    groups: dict[int, list[tuple[TimeX, Span]]] = _cached(doc, "times_by_sentence", times, build)
    return groups.get(sent_start, [])


def last_date_between(doc: Doc, start: int, end: int) -> str | None:
    """The value of the last dated DATE expression starting at a character in ``[start, end)``."""
    times: list[TimeX] = doc._.ng_times or []

    def build() -> tuple[list[int], list[str]]:
        dated = sorted(((t["start"], n, t["value"]) for n, t in enumerate(times)
                        if t["type"] == "DATE" and t["value"]))
        return [d[0] for d in dated], [d[2] for d in dated]

    starts, values = _cached(doc, "dates", times, build)
    lo, hi = bisect_left(starts, start), bisect_left(starts, end)
    return values[hi - 1] if hi > lo else None


def places_by_token(doc: Doc) -> dict[int, Place]:
    """First token → place, for the places that stand for a location (no metonymy, no demonym)."""
    places: list[Place] = doc._.ng_places or []
    found: dict[int, Place] = _cached(doc, "places", places, lambda: {
        p["tok"][0]: p for p in places if not (p["metonymy"] or p["demonym"])})
    return found


def quote_holding(doc: Doc, offset: int) -> Quote | None:
    """The first quote (in ``doc._.ng_quotes`` order) with a speaker whose content holds character ``offset``."""
    quotes: list[Quote] = doc._.ng_quotes or []

    def build() -> numpy.ndarray:
        size = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
        owner = numpy.full(size + 1, -1, dtype=numpy.int32)
        for n in range(len(quotes) - 1, -1, -1):  # earlier quotes are written last, so they win
            if quotes[n]["speaker"]:
                for a, b in quotes[n]["content"]:
                    owner[max(a, 0) : max(b, 0)] = n
        return owner

    owner: numpy.ndarray = _cached(doc, "quote_owner", quotes, build)
    n = int(owner[offset]) if 0 <= offset < len(owner) else -1
    return quotes[n] if n >= 0 else None


class GrowingMentions:
    """Indexes over a list of mentions that only grows (coreference appends what it resolves): the mentions
    before a point latest first, and the mention covering a token. Each appended mention is indexed once."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self._keys: list[tuple[int, int]] = []  # (start, -position): read backwards, latest start first
        self._covering: dict[int, Mention] = {}  # token -> the last mention in list order covering it
        self._done = 0

    def _sync(self) -> None:
        for n in range(self._done, len(self.mentions)):
            m = self.mentions[n]
            insort(self._keys, (m["start"], -n))
            for i in range(*m["tok"]):
                self._covering[i] = m
        self._done = len(self.mentions)

    def latest_first(self, offset: int) -> Iterator[Mention]:
        """The mentions starting at or before character ``offset``, latest start first (equal starts in list
        order) — ``sorted(mentions, key=start, reverse=True)`` from ``offset`` down, without sorting."""
        self._sync()
        for pos in range(bisect_right(self._keys, (offset, 1)) - 1, -1, -1):
            yield self.mentions[-self._keys[pos][1]]

    def covering(self, i: int) -> Mention | None:
        """The last mention (in list order) whose tokens include token ``i``."""
        self._sync()
        return self._covering.get(i)


def per_list(doc: Doc, name: str, items: list[Mention], make: Callable[[list[Mention]], T]) -> T:
    """The index ``make(items)`` kept for this very list object and document (built on first use)."""
    table: dict[tuple[str, int], tuple[list[Mention], T]] = doc.user_data.setdefault(_KEY, {}).setdefault(
        "per_list", {})
    entry = table.get((name, id(items)))
    if entry is None or entry[0] is not items:  # the entry holds its list, so ids are not reused
        entry = table[(name, id(items))] = (items, make(items))
    return entry[1]


def growing(doc: Doc, mentions: list[Mention]) -> GrowingMentions:
    """The ``GrowingMentions`` of this very list (one per list object and document)."""
    return per_list(doc, "growing", mentions, GrowingMentions)
