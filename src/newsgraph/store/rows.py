"""Analysis records → rows of the store's tables (plain dicts, staged as JSON lines and loaded in bulk by
``Store.write``), and rows → records again (``record_from_rows``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from newsgraph.dates import parse_day
from newsgraph.pipeline.model import PARTS, Actor, Amount, Event, Mention, Place, Quote, Record, Time
from newsgraph.readers.files import InputDoc
from newsgraph.readers.sniff import safe_text
from newsgraph.store.columns import convert, flatten, unflatten

DAY = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(?:T.*)?$")
WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass
class Analyzed:
    """One input document after analysis, ready to store."""

    doc: InputDoc
    source: str
    record: dict[str, Any]
    article_id: str




def event_day(date: str | None, published: str | None) -> dt.date | None:
    """The day an event is counted on in a time series: its own date when the text gives a day, month (first
    day) or week (its Monday); the publication day when the text gives no date or "now"; none for a date
    known only to the year or vaguer, which would otherwise pile up on 1 January."""
    if date is None or date == "PRESENT_REF":
        return parse_day(published)
    day = DAY.match(date)
    if day:
        try:
            return dt.date(int(day.group(1)), int(day.group(2)), int(day.group(3) or 1))
        except ValueError:
            return None
    week = WEEK.match(date)
    if week:
        try:
            return dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        except ValueError:
            return None
    return None


def error_row(item: Analyzed, now: dt.datetime, batch_id: int) -> dict[str, Any]:
    error = item.record["error"]
    return {"article_id": item.article_id, "doc_id": safe_text(item.doc.id), "source": safe_text(item.source),
            "code": error["code"], "message": error["message"], "ingested_at": now, "batch_id": batch_id}


def _text(text: str, span: list[int] | tuple[int, int] | None) -> str | None:
    return text[span[0] : span[1]] if span else None


#: the article's tone as the articles table keeps it: record field -> column
TONE_COLUMNS = {"tone": "tone", "positive": "tone_positive", "negative": "tone_negative",
                "polarity": "tone_polarity", "words": "word_count"}


def _tone_columns(tone: dict[str, Any] | None) -> dict[str, Any]:
    return {column: (tone or {}).get(field) for field, column in TONE_COLUMNS.items()}


def _numbered(aid: str, items: list[dict[str, Any]], number: str, struct: type) -> list[dict[str, Any]]:
    return [{"article_id": aid, number: n, **flatten(item, struct)} for n, item in enumerate(items)]


def article_rows(item: Analyzed, story_id: str, similarity: float, minhash: bytes, now: dt.datetime,
                 batch_id: int) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table for one analysed article: the record's parts column for column as the model
    defines them (``store.columns``), plus what the store derives (quoted text, event days, story)."""
    rec, aid = item.record, item.article_id
    text = rec["text"]
    published = parse_day(rec.get("published"))
    out: dict[str, list[dict[str, Any]]] = {
        "articles": [{
            "article_id": aid, "doc_id": safe_text(item.doc.id), "source": safe_text(item.source),
            "url": rec.get("url", item.doc.url), "title": rec.get("title", item.doc.title), "published": published,
            "text": text, "n_chars": len(text),
            "story_id": story_id, "similarity": similarity, "minhash": minhash, "ingested_at": now,
            "batch_id": batch_id, **_tone_columns(rec.get("tone")),
        }],
        "actors": [{"article_id": aid, "actor_id": key, **flatten(a, Actor)} for key, a in rec["actors"].items()],
        "mentions": _numbered(aid, rec["mentions"], "mention_no", Mention),
        "quotes": _numbered(aid, rec["quotes"], "quote_no", Quote),
        "events": _numbered(aid, rec["events"], "event_no", Event),
        **{part: [{"article_id": aid, **flatten(x, struct)} for x in rec[part]]
           for part, struct in (("times", Time), ("amounts", Amount), ("places", Place))},
    }
    for row, q in zip(out["quotes"], rec["quotes"], strict=True):
        row["content_text"] = " … ".join(text[a:b] for a, b in q["content"])
        row["cue_text"] = _text(text, q.get("cue"))
    for row, e in zip(out["events"], rec["events"], strict=True):
        detail = e.get("place_detail") or {}
        row.update(cameo_root=e["cameo"][:2], sentence_text=_text(text, e["sentence"]), published=published,
                   day=event_day(e.get("date"), rec.get("published")), story_id=story_id,
                   mentions=1 + len(e.get("also") or []), place_start=detail.get("start"),
                   place_end=detail.get("end"))
    out["event_dyads"] = [d for row, e in zip(out["events"], rec["events"], strict=True)
                          for d in _dyads(row, e, rec["actors"])]
    return out


def _dyads(row: dict[str, Any], e: dict[str, Any], actors: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per (source actor, target actor) of an event; ``pair_first`` marks the first of each country pair."""
    out = []
    pairs: set[tuple[str | None, str | None]] = set()
    for src in e["source"] or [None]:
        for tgt in e["target"] or [None]:
            countries = ((actors.get(src) or {}).get("country") if src else None,
                         (actors.get(tgt) or {}).get("country") if tgt else None)
            out.append({
                "article_id": row["article_id"], "event_no": row["event_no"], "story_id": row["story_id"],
                "day": row["day"], "source_actor": src, "target_actor": tgt, "source_country": countries[0],
                "target_country": countries[1], "cameo": e["cameo"], "cameo_root": row["cameo_root"],
                "plover": e["plover"], "quad_class": e["quad_class"], "goldstein": e["goldstein"],
                "negated": e["negated"], "modality": e["modality"], "pair_first": countries not in pairs,
            })
            pairs.add(countries)
    return out


def record_from_rows(parts: dict[str, list[dict[str, Any]]]) -> Record:
    """The analysis record back from one article's rows (``analysis.query.article``): the inverse of
    ``article_rows`` for every field of the model."""
    article = parts["articles"][0]
    published = article.get("published")
    tone = {field: article.get(column) for field, column in TONE_COLUMNS.items()}
    raw = {"id": article["doc_id"], "published": published.isoformat() if published else None,
           "title": article.get("title"), "url": article.get("url"), "text": article["text"],
           "tone": None if all(v is None for v in tone.values()) else tone,
           "actors": {r["actor_id"]: unflatten(r, Actor) for r in parts["actors"]},
           **{part: [unflatten(r, struct) for r in parts[part]] for part, struct in PARTS.items()}}
    record: Record = convert(raw, Record)
    return record
