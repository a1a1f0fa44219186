"""Analysis records → rows of the store's tables (plain dicts, loaded in bulk through Arrow by ``Store.write``)."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from newsgraph.dates import parse_day
from newsgraph.readers.files import InputDoc

DAY = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(?:T.*)?$")
WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
KNOWN = {
    "times": {"start", "end", "text", "type", "value"},
    "amounts": {"start", "end", "text", "value", "unit", "object", "date"},
    "places": {"start", "end", "text", "name", "country", "lat", "lon", "geonameid", "metonymy"},
}


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
    return {"article_id": item.article_id, "doc_id": item.doc.id, "source": item.source, "code": error["code"],
            "message": error["message"], "ingested_at": now, "batch_id": batch_id}


def _span_row(aid: str, item: dict[str, Any], table: str) -> dict[str, Any]:
    row = {"article_id": aid, "start_char": item["start"], "end_char": item["end"],
           **{k: v for k, v in item.items() if k in KNOWN[table] and k not in {"start", "end"}}}
    if row.get("date") is not None:
        row["date"] = str(row["date"])  # an amount's year may come as a number
    extra = {k: v for k, v in item.items() if k not in KNOWN[table]}
    row["extra"] = json.dumps(extra) if extra else None
    return row


def _text(text: str, span: list[int] | tuple[int, int] | None) -> str | None:
    return text[span[0] : span[1]] if span else None


def _tone_columns(tone: dict[str, Any] | None) -> dict[str, Any]:
    tone = tone or {}
    return {"tone": tone.get("tone"), "tone_positive": tone.get("positive"), "tone_negative": tone.get("negative"),
            "tone_polarity": tone.get("polarity"), "word_count": tone.get("words")}


def _place_columns(event: dict[str, Any]) -> dict[str, Any]:
    """Where the event's place came from and, when the record says, which words of the text name it."""
    detail = event.get("place_detail") or {}
    how = event.get("place_how") or ("clause" if event.get("place") else None)
    return {"place_how": how, "place_start": detail.get("start"), "place_end": detail.get("end")}


def article_rows(item: Analyzed, story_id: str, similarity: float, minhash: bytes, now: dt.datetime,
                 batch_id: int) -> dict[str, list[dict[str, Any]]]:
    rec, aid = item.record, item.article_id
    text = rec["text"]
    published = parse_day(rec.get("published"))
    actors = rec["actors"]
    out: dict[str, list[dict[str, Any]]] = {
        "articles": [{
            "article_id": aid, "doc_id": item.doc.id, "source": item.source, "url": item.doc.url,
            "title": item.doc.title, "published": published, "text": text, "n_chars": len(text),
            "story_id": story_id, "similarity": similarity, "minhash": minhash, "ingested_at": now,
            "batch_id": batch_id, **_tone_columns(rec.get("tone")),
        }],
        "actors": [{"article_id": aid, "actor_id": key, "name": a.get("name"), "kind": a.get("kind"),
                    "country": a.get("country"), "sector": a.get("sector"), "description": a.get("description")}
                   for key, a in actors.items()],
        "mentions": [{"article_id": aid, "mention_no": n, "start_char": m["start"], "end_char": m["end"],
                      "text": m["text"], "label": m["label"], "actor_id": m["actor"],
                      "actor_group": m.get("group"), "how": m.get("how")}
                     for n, m in enumerate(rec["mentions"])],
        "quotes": [],
        "events": [],
        "event_dyads": [],
        "times": [_span_row(aid, t, "times") for t in rec["times"]],
        "amounts": [_span_row(aid, a, "amounts") for a in rec["amounts"]],
        "places": [_span_row(aid, p, "places") for p in rec["places"]],
    }
    for n, q in enumerate(rec["quotes"]):
        speaker, addressee = q.get("speaker") or {}, q.get("addressee") or {}
        out["quotes"].append({
            "article_id": aid, "quote_no": n, "kind": q["kind"], "content": [list(c) for c in q["content"]],
            "content_text": " … ".join(text[a:b] for a, b in q["content"]), "cue_start": (q.get("cue") or [None])[0],
            "cue_end": (q.get("cue") or [None, None])[1], "cue_text": _text(text, q.get("cue")),
            "speaker_text": speaker.get("text"), "speaker_start": speaker.get("start"),
            "speaker_end": speaker.get("end"), "speaker_actor": speaker.get("actor"),
            "addressee_text": addressee.get("text"), "addressee_start": addressee.get("start"),
            "addressee_end": addressee.get("end"), "addressee_actor": addressee.get("actor"),
            "speaker_description": q.get("speaker_description"), "how": q.get("how"),
        })
    for n, e in enumerate(rec["events"]):
        day = event_day(e.get("date"), rec.get("published"))
        out["events"].append({
            "article_id": aid, "event_no": n, "source": e["source"], "target": e["target"], "cameo": e["cameo"],
            "cameo_root": e["cameo"][:2], "plover": e["plover"], "mode": e.get("mode"), "context": e.get("context"),
            "goldstein": e["goldstein"], "quad_class": e["quad_class"], "trigger_start": e["trigger"][0],
            "trigger_end": e["trigger"][1], "trigger_text": _text(text, e["trigger"]),
            "sentence_start": e["sentence"][0], "sentence_end": e["sentence"][1],
            "sentence_text": _text(text, e["sentence"]), "date": e.get("date"), "day": day,
            "date_how": e.get("date_how"), "place": e.get("place"), "negated": e["negated"],
            "modality": e["modality"], "reported_by": e.get("reported_by"), "pattern": e.get("pattern"),
            "embedded": e.get("embedded"), "evidence": json.dumps(e.get("evidence")) if e.get("evidence") else None,
            "published": published, "story_id": story_id, "tone": e.get("tone"),
            "mentions": 1 + len(e.get("also") or []), **_place_columns(e),
        })
        pairs: set[tuple[str | None, str | None]] = set()
        for src in e["source"] or [None]:
            for tgt in e["target"] or [None]:
                countries = ((actors.get(src) or {}).get("country") if src else None,
                             (actors.get(tgt) or {}).get("country") if tgt else None)
                out["event_dyads"].append({
                    "article_id": aid, "event_no": n, "story_id": story_id, "day": day, "source_actor": src,
                    "target_actor": tgt, "source_country": countries[0], "target_country": countries[1],
                    "cameo": e["cameo"], "cameo_root": e["cameo"][:2], "plover": e["plover"],
                    "quad_class": e["quad_class"], "goldstein": e["goldstein"], "negated": e["negated"],
                    "modality": e["modality"], "pair_first": countries not in pairs,
                })
                pairs.add(countries)
    return out
