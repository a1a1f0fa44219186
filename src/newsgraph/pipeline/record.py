"""The one edge: a processed ``Doc`` (or a failed input) becomes the analysis record of ../shared/CONTRACT.md,
typed by ``pipeline.model.Record`` and handed on as plain JSON values.

``validate_record`` checks a record against the model (types, codes, TIMEX values, modalities) and against its
own text (every span inside it, every quoted text equal to its span, every actor known); tests and ``newsgraph
eval`` use it.
"""

from __future__ import annotations

from typing import Any

import msgspec
from spacy.tokens import Doc

from newsgraph.errors import NewsgraphError
from newsgraph.nlp.common import doc_text
from newsgraph.nlp.tone import tone
from newsgraph.pipeline.model import Failure, Record
from newsgraph.readers.doc import text_hash
from newsgraph.readers.files import InputDoc
from newsgraph.readers.sniff import safe_text

#: an error record keeps at most this many characters of the text it could not analyse
EXCERPT_CHARS = 500


def empty_record(meta: InputDoc) -> dict[str, Any]:
    return {"id": safe_text(meta.id), "published": meta.published, "title": _safe(meta.title),
            "url": _safe(meta.url), "text": meta.text, "tone": None, "actors": {}, "mentions": [], "quotes": [],
            "events": [], "times": [], "amounts": [], "places": []}


def _safe(value: str | None) -> str | None:
    return safe_text(value) if value is not None else None


def error_record(meta: InputDoc, error: NewsgraphError) -> dict[str, Any]:
    """The record of a document that could not be analysed: nothing extracted; of its text, an excerpt (the
    first ``EXCERPT_CHARS`` characters, made valid Unicode), its length in ``error.chars`` and its hash in
    ``error.text_hash`` (``readers.doc.text_hash``, the store's article id of that text), never the whole of
    a text that may be 20 MB."""
    record = empty_record(meta)
    record["text"] = safe_text(meta.text[:EXCERPT_CHARS])
    record["error"] = msgspec.to_builtins(Failure(
        code=error.code.value, message=safe_text(error.message), chars=len(meta.text),
        text_hash=text_hash(meta.text) if meta.text else None))
    return record


def to_record(doc: Doc, meta: InputDoc, release: bool = False) -> dict[str, Any]:
    """The record of ``doc``: the stages' ``Doc`` extensions converted to ``Record`` (which rejects a field the
    model does not define: add it to ``pipeline.model`` first), as plain values. ``release``: the caller is done
    with ``doc``, whose ``user_data`` (the extensions) is emptied once read, before the conversion."""
    raw = empty_record(meta)
    actors = doc._.ng_actors or {}
    raw["actors"] = {aid: {k: v for k, v in a.items() if k != "id"} for aid, a in actors.items()}
    raw["mentions"] = [
        {"start": m["start"], "end": m["end"], "text": m["text"], "label": m["label"], "actor": m["actor"],
         "group": m["group"] if len(m["group"]) > 1 else [], "how": m["how"]}
        for m in doc._.ng_mentions or []
    ]
    raw["quotes"] = list(doc._.ng_quotes or [])
    text = doc_text(doc)
    raw["events"] = [{**e, "trigger_text": text[e["trigger"][0] : e["trigger"][1]],
                      "place_how": e.get("place_how") or ("clause" if e["place"] else "none"),
                      "place_detail": e.get("place_detail"),
                      "tone": tone(text[e["sentence"][0] : e["sentence"][1]]).tone} for e in doc._.ng_events or []]
    raw["tone"] = tone(text).as_dict()  # GDELT's tone: positive minus negative share of words (nlp/tone.py)
    for part in ("times", "amounts", "places"):
        raw[part] = [{k: v for k, v in item.items() if k != "tok"} for item in getattr(doc._, f"ng_{part}") or []]
    if release:
        doc.user_data.clear()
    record = msgspec.convert(raw, Record)
    del raw  # a long document's record is tens of MB in each form: keep at most two at once
    used = _referenced(record)  # a stage may re-place an actor ("UNK.GOV" -> "UGA.GOV"): drop the orphans
    record.actors = {aid: a for aid, a in record.actors.items() if aid in used}
    data = msgspec.json.encode(record)  # as to_builtins does, but the struct is let go before the plain values
    del record  # are made: a long document's record is tens of MB in each form
    plain: dict[str, Any] = msgspec.json.decode(data)
    return plain


def _referenced(record: Record) -> set[str]:
    used = {a for m in record.mentions for a in [m.actor, *m.group] if a}
    used |= {p.actor for q in record.quotes for p in (q.speaker, q.addressee) if p and p.actor}
    used |= {a for e in record.events for a in e.source + e.target}
    return used


def validate_record(rec: dict[str, Any]) -> list[str]:
    """Problems with ``rec`` against the contract (an empty list means valid)."""
    try:
        record = msgspec.convert(rec, Record)
    except msgspec.ValidationError as err:
        return [str(err)]
    problems: list[str] = []
    text = record.text
    n = len(text)

    def span_ok(where: str, start: int | None, end: int | None, expect: str | None = None) -> None:
        if start is None or end is None or not 0 <= start <= end <= n:
            problems.append(f"{where}: bad span [{start}, {end}]")
        elif expect is not None and text[start:end] != expect:
            problems.append(f"{where}: text {expect!r} != {text[start:end]!r}")

    def actor_ok(where: str, actor: str | None) -> None:
        if actor is not None and actor not in record.actors:
            problems.append(f"{where}: unknown actor {actor}")

    for i, m in enumerate(record.mentions):
        span_ok(f"mention {i}", m.start, m.end, m.text)
        actor_ok(f"mention {i}", m.actor)
    for i, q in enumerate(record.quotes):
        for start, end in q.content:
            span_ok(f"quote {i} content", start, end)
        if q.cue is not None:
            span_ok(f"quote {i} cue", *q.cue)
        for role, party in (("speaker", q.speaker), ("addressee", q.addressee)):
            if party is not None:
                span_ok(f"quote {i} {role}", party.start, party.end, party.text)
                actor_ok(f"quote {i} {role}", party.actor)
    for i, e in enumerate(record.events):
        for aid in [*e.source, *e.target]:
            actor_ok(f"event {i}", aid)
        span_ok(f"event {i} trigger", *e.trigger, e.trigger_text)
        span_ok(f"event {i} sentence", *e.sentence)
        for side, items in (("source", e.evidence.source), ("target", e.evidence.target)):
            for item in items:
                if item.start is not None:
                    span_ok(f"event {i} {side} evidence", item.start, item.end, item.text)
    for kind in ("times", "amounts", "places"):
        for i, item in enumerate(getattr(record, kind)):
            span_ok(f"{kind} {i}", item.start, item.end, item.text)
    return problems
