"""The one edge: a processed ``Doc`` (or a failed input) becomes the analysis record of ../shared/CONTRACT.md.

``validate_record`` checks a record against the contract; tests and ``newsgraph eval`` use it.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

from newsgraph.errors import NewsgraphError
from newsgraph.nlp.common import doc_text
from newsgraph.nlp.tone import tone
from newsgraph.readers.files import InputDoc
from newsgraph.vocab import MODALITIES, PLACE_HOWS, QUOTE_KINDS

#: TIMEX3 values: dates to the day or time of day, weeks (and weekends), quarters, halves, seasons, decades and
#: centuries, the REF values, durations ("P3Y", "P2Y6M", "PT5H") and sets or partly known dates ("XXXX-WXX-1").
TIMEX = re.compile(
    r"^(\d{4}(-\d{2}(-\d{2}(T(\d{2}:\d{2}|MO|AF|EV|NI))?)?|-W\d{2}(-WE)?|-Q[1-4]|-H[12]|-(SP|SU|FA|WI))?|\d{2,3}"
    r"|PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|P(\d+|X)(Y|M|W|D|Q|DE|CE|WE)(\d+[MD])?(T\d+H)?|PT(\d+|X)[HMS](\d+M)?"
    r"|XX(XX(-WXX(-[1-7]|-WE)?|-\d{2}(-\d{2})?|-XX(-XX)?|-Q[1-4X]|-(SP|SU|FA|WI))?|X)?(T(MO|AF|EV|NI))?)$")


def empty_record(meta: InputDoc) -> dict[str, Any]:
    return {"id": meta.id, "published": meta.published, "title": meta.title, "url": meta.url, "text": meta.text,
            "tone": None, "actors": {}, "mentions": [], "quotes": [], "events": [], "times": [], "amounts": [],
            "places": []}


def error_record(meta: InputDoc, error: NewsgraphError) -> dict[str, Any]:
    record = empty_record(meta)
    record["error"] = {"code": error.code.value, "message": error.message}
    return record


def to_record(doc: Doc, meta: InputDoc) -> dict[str, Any]:
    record = empty_record(meta)
    actors = doc._.ng_actors or {}
    record["actors"] = {aid: {k: v for k, v in a.items() if k != "id"} for aid, a in actors.items()}
    record["mentions"] = [
        {"start": m["start"], "end": m["end"], "text": m["text"], "label": m["label"], "actor": m["actor"],
         **({"group": m["group"]} if len(m["group"]) > 1 else {}), "how": m["how"]}
        for m in doc._.ng_mentions or []
    ]
    record["quotes"] = [
        {"kind": q["kind"], "content": [list(c) for c in q["content"]], "cue": list(q["cue"]) if q["cue"] else None,
         "speaker": q["speaker"], "addressee": q["addressee"], "speaker_description": q["speaker_description"],
         "how": q["how"]}
        for q in doc._.ng_quotes or []
    ]
    text = doc_text(doc)
    record["events"] = [
        {"source": e["source"], "target": e["target"], "cameo": e["cameo"], "plover": e["plover"],
         "mode": e["mode"], "context": e["context"], "goldstein": e["goldstein"], "quad_class": e["quad_class"],
         "trigger": list(e["trigger"]), "trigger_text": text[e["trigger"][0] : e["trigger"][1]],
         "sentence": list(e["sentence"]), "date": e["date"], "date_how": e["date_how"], "place": e["place"],
         "place_how": e.get("place_how") or ("clause" if e["place"] else "none"), "place_detail": e.get("place_detail"),
         "negated": e["negated"], "modality": e["modality"], "reported_by": e["reported_by"],
         "pattern": e["pattern"], "also": [list(t) for t in e["also"]], "embedded": e["embedded"],
         "evidence": e["evidence"]}
        for e in doc._.ng_events or []
    ]
    record["tone"] = tone(text).as_dict()  # GDELT's tone: positive minus negative share of words (nlp/tone.py)
    for event in record["events"]:
        event["tone"] = tone(text[event["sentence"][0] : event["sentence"][1]]).tone
    record["times"] = [{k: v for k, v in t.items() if k != "tok"} for t in doc._.ng_times or []]
    record["amounts"] = [{k: v for k, v in a.items() if k != "tok"} for a in doc._.ng_amounts or []]
    record["places"] = [{k: v for k, v in p.items() if k != "tok"} for p in doc._.ng_places or []]
    used = _referenced(record)  # a stage may re-place an actor ("UNK.GOV" -> "UGA.GOV"): drop the orphans
    record["actors"] = {aid: a for aid, a in record["actors"].items() if aid in used}
    return record


def _referenced(record: dict[str, Any]) -> set[str]:
    used = {a for m in record["mentions"] for a in [m["actor"], *m.get("group", [])] if a}
    used |= {p["actor"] for q in record["quotes"] for p in (q["speaker"], q["addressee"]) if p and p["actor"]}
    used |= {a for e in record["events"] for a in e["source"] + e["target"]}
    return used


def validate_record(rec: dict[str, Any]) -> list[str]:
    """Problems with ``rec`` against the contract (an empty list means valid)."""
    problems: list[str] = []
    text = rec.get("text")
    if not isinstance(text, str):
        return ["text is not a string"]
    for key in ("id", "published", "actors", "mentions", "quotes", "events", "times", "amounts", "places"):
        if key not in rec:
            problems.append(f"missing {key}")
    if problems:
        return problems
    n = len(text)

    def span_ok(where: str, start: Any, end: Any, expect: str | None = None) -> None:
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= n):
            problems.append(f"{where}: bad span [{start}, {end}]")
        elif expect is not None and text[start:end] != expect:
            problems.append(f"{where}: text {expect!r} != {text[start:end]!r}")

    actors = rec["actors"]
    for aid, actor in actors.items():
        for field in ("name", "kind", "country", "sector"):
            if field not in actor:
                problems.append(f"actor {aid}: missing {field}")
    for i, m in enumerate(rec["mentions"]):
        span_ok(f"mention {i}", m["start"], m["end"], m["text"])
        if m["actor"] is not None and m["actor"] not in actors:
            problems.append(f"mention {i}: unknown actor {m['actor']}")
    for i, q in enumerate(rec["quotes"]):
        if q["kind"] not in QUOTE_KINDS:
            problems.append(f"quote {i}: kind {q['kind']}")
        for start, end in q["content"]:
            span_ok(f"quote {i} content", start, end)
        if q["cue"] is not None:
            span_ok(f"quote {i} cue", *q["cue"])
        for role in ("speaker", "addressee"):
            party = q[role]
            if party is not None:
                span_ok(f"quote {i} {role}", party["start"], party["end"], party["text"])
                if party["actor"] is not None and party["actor"] not in actors:
                    problems.append(f"quote {i} {role}: unknown actor {party['actor']}")
    for i, e in enumerate(rec["events"]):
        for aid in [*e["source"], *e["target"]]:
            if aid not in actors:
                problems.append(f"event {i}: unknown actor {aid}")
        if not re.fullmatch(r"\d{2,4}", str(e["cameo"])):
            problems.append(f"event {i}: cameo {e['cameo']}")
        if e["quad_class"] not in {1, 2, 3, 4}:
            problems.append(f"event {i}: quad_class {e['quad_class']}")
        span_ok(f"event {i} trigger", *e["trigger"])
        span_ok(f"event {i} sentence", *e["sentence"])
        if e["date"] is not None and not TIMEX.match(e["date"]):
            problems.append(f"event {i}: date {e['date']}")
        if e.get("place_how", "none") not in PLACE_HOWS:
            problems.append(f"event {i}: place_how {e['place_how']}")
        if e["modality"] not in MODALITIES:
            problems.append(f"event {i}: modality {e['modality']}")
        for side in ("source", "target"):
            for item in (e.get("evidence") or {}).get(side, []):
                if item["start"] is not None:
                    span_ok(f"event {i} {side} evidence", item["start"], item["end"], item["text"])
    for kind in ("times", "amounts", "places"):
        for i, item in enumerate(rec[kind]):
            span_ok(f"{kind} {i}", item["start"], item["end"], item["text"])
    for i, t in enumerate(rec["times"]):
        if t["value"] is not None and not TIMEX.match(t["value"]):
            problems.append(f"time {i}: value {t['value']}")
    return problems
