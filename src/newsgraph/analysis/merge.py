"""One event, many articles: merge the events of many records into corpus events.

GDELT publishes one record per article per event, so a kidnapping that 150 articles report becomes 150 events.
Here two events are the same when

  1. they have the same source and the same target at actor level (the same people, groups or states),
  2. the same CAMEO root (a "condemn" 111 and an "accuse" 112 of the same dyad are one verbal conflict),
  3. the same modality and negation (an announced strike is not the strike), and
  4. dates that agree: both at day precision and at most ``window_days`` apart, or one date contains the other
     ("2024-05" contains "2024-05-16"); an event without a date joins an equal event with one.

A corpus event keeps every mention (article id and trigger), the number of articles, the earliest date at the
finest precision reported, and the most frequent CAMEO code of its mentions.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from newsgraph.dates import iso_day


@dataclass
class CorpusEvent:
    source: tuple[str, ...]
    target: tuple[str, ...]
    root: str
    modality: str
    negated: bool
    dates: list[str] = field(default_factory=list)
    codes: Counter[str] = field(default_factory=Counter)
    mentions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        return sorted({m["article"] for m in self.mentions})

    @property
    def date(self) -> str | None:
        if not self.dates:
            return None
        finest = max(len(d) for d in self.dates)
        return min(d for d in self.dates if len(d) == finest)

    def as_record(self) -> dict[str, Any]:
        return {"source": list(self.source), "target": list(self.target), "cameo": self.codes.most_common(1)[0][0],
                "root": self.root, "modality": self.modality, "negated": self.negated, "date": self.date,
                "articles": self.articles, "article_count": len(self.articles), "mention_count": len(self.mentions),
                "mentions": self.mentions}


def _day(value: str) -> dt.date | None:
    return iso_day(value)


def dates_agree(a: str | None, b: str | None, window_days: int) -> bool:
    if a is None or b is None:
        return True
    if a.startswith(b) or b.startswith(a):
        return True
    da, db = _day(a), _day(b)
    return da is not None and db is not None and abs((da - db).days) <= window_days


def merge_events(records: Iterable[dict[str, Any]], window_days: int = 2) -> list[CorpusEvent]:
    """Corpus events from analysis records, in order of first mention."""
    clusters: dict[tuple[Any, ...], list[CorpusEvent]] = {}
    order: list[CorpusEvent] = []
    for record in records:
        for n, event in enumerate(record.get("events") or []):
            key = (tuple(sorted(event["source"])), tuple(sorted(event["target"])), event["cameo"][:2],
                   event["modality"], event["negated"])
            date = event.get("date")
            mention = {"article": record["id"], "event": n, "trigger": event.get("trigger_text"), "date": date,
                       "cameo": event["cameo"]}
            for cluster in clusters.get(key, []):
                if all(dates_agree(date, d, window_days) for d in cluster.dates):
                    break
            else:
                cluster = CorpusEvent(key[0], key[1], key[2], key[3], key[4])
                clusters.setdefault(key, []).append(cluster)
                order.append(cluster)
            cluster.mentions.append(mention)
            cluster.codes[event["cameo"]] += 1
            if date:
                cluster.dates.append(date)
    return order
