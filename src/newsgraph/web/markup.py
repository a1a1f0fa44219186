"""An article's text with what was read from it marked: the spans, their details, and the escaped HTML.

The input is the rows of one article as the store holds them (``store.query.article``), or as
``store.rows.article_rows`` makes them from a fresh record (the Analyse page): one shape, one renderer.

Spans overlap (an actor inside a quotation, a trigger inside a quotation), so the text is cut at every span
boundary into segments, and each segment is one ``<span>`` naming every mark that covers it. Each segment's text
is escaped on its own; the only markup we write is our own tags with our own ids and a fixed set of class names,
so nothing from an article can become a tag or an attribute.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from newsgraph.vocab import QUAD_LABELS

KINDS = ("actor", "quote", "speaker", "addressee", "cue", "trigger", "time", "amount", "place")


@dataclass
class Mark:
    """One marked span: ``details`` are (label, value) pairs shown when the mark is selected."""

    id: str
    kind: str
    start: int
    end: int
    title: str
    details: list[tuple[str, str]] = field(default_factory=list)
    link: str | None = None  # a page about what the mark stands for (an actor, an event)


def _name(actors: dict[str, dict[str, Any]], actor_id: str | None) -> str:
    if not actor_id:
        return "—"
    actor = actors.get(actor_id) or {}
    return f"{actor.get('name') or actor_id} ({actor_id})"


def _pairs(**values: Any) -> list[tuple[str, str]]:
    return [(k.replace("_", " "), ", ".join(map(str, v)) if isinstance(v, list) else str(v))
            for k, v in values.items() if v not in (None, "", [])]


#: columns of a span row shown on their own (or not at all) rather than among its further details
_SHOWN = frozenset({"article_id", "start_char", "end_char", "text", "type", "value", "unit", "object", "date",
                    "name", "country", "lat", "lon", "geonameid", "metonymy"})


def _extra(row: dict[str, Any]) -> dict[str, Any]:
    """The further fields of a time, amount or place row (its "how", an amount's kind and hedge, a demonym…)."""
    return {k: v for k, v in row.items() if k not in _SHOWN and v is not None}


def _evidence_how(event: dict[str, Any]) -> str:
    raw = event.get("evidence")
    evidence = json.loads(raw) if isinstance(raw, str) else raw or {}
    paths = [f"{side}: {item.get('text')} ({item.get('mention')}; {item.get('path')})"
             for side in ("source", "target") for item in evidence.get(side, []) if isinstance(item, dict)]
    return "; ".join(paths)


def actor_marks(parts: dict[str, Any], actors: dict[str, dict[str, Any]]) -> list[Mark]:
    out = []
    for m in parts["mentions"]:
        actor = actors.get(m["actor_id"] or "") or {}
        out.append(Mark(f"m{m['mention_no']}", "actor", m["start_char"], m["end_char"],
                        f"actor: {_name(actors, m['actor_id'])}",
                        _pairs(words=m["text"], actor=_name(actors, m["actor_id"]), kind=actor.get("kind"),
                               country=actor.get("country"), sector=actor.get("sector"), label=m["label"],
                               group=m.get("actor_group"), how=m.get("how")),
                        f"/actor/{quote(m['actor_id'], safe='')}" if m["actor_id"] else None))
    return out


def quote_marks(parts: dict[str, Any], actors: dict[str, dict[str, Any]]) -> list[Mark]:
    out = []
    for q in parts["quotes"]:
        n = q["quote_no"]
        who = _pairs(quote=f"#{n + 1} ({q['kind']})", speaker=f"{q['speaker_text'] or '—'} → "
                     f"{_name(actors, q['speaker_actor'])}", addressee=(
                         f"{q['addressee_text']} → {_name(actors, q['addressee_actor'])}" if q["addressee_text"]
                         else None), cue=q.get("cue_text"), how=q.get("how"))
        for k, (start, end) in enumerate(q["content"] or []):
            out.append(Mark(f"q{n}c{k}", "quote", start, end, f"quote #{n + 1}", who, f"#quote-{n}"))
        if q.get("cue_start") is not None:
            out.append(Mark(f"q{n}cue", "cue", q["cue_start"], q["cue_end"], f"cue of quote #{n + 1}", who,
                            f"#quote-{n}"))
        for role in ("speaker", "addressee"):
            if q.get(f"{role}_start") is not None:
                out.append(Mark(f"q{n}{role}", role, q[f"{role}_start"], q[f"{role}_end"],
                                f"{role} of quote #{n + 1}", who, f"#quote-{n}"))
    return out


def event_marks(parts: dict[str, Any], actors: dict[str, dict[str, Any]]) -> list[Mark]:
    out = []
    for e in parts["events"]:
        n = e["event_no"]
        details = _pairs(
            event=f"#{n + 1}", who=" + ".join(_name(actors, a) for a in e["source"] or []) + " → "
            + " + ".join(_name(actors, a) for a in e["target"] or []) or None,
            CAMEO=e["cameo"], PLOVER=f"{e['plover']}" + (f" ({e['mode']})" if e.get("mode") else ""),
            Goldstein=e["goldstein"], QuadClass=f"{e['quad_class']} {QUAD_LABELS.get(e['quad_class'], '')}",
            date=e.get("date"), date_how=e.get("date_how"), place=e.get("place"), modality=e["modality"],
            negated="yes" if e["negated"] else None, reported_by=_name(actors, e.get("reported_by"))
            if e.get("reported_by") else None, rule=e.get("pattern"), how=_evidence_how(e))
        out.append(Mark(f"e{n}", "trigger", e["trigger_start"], e["trigger_end"],
                        f"event #{n + 1}: {e['cameo']} {e['plover']}", details, f"#event-{n}"))
    return out


def span_marks(parts: dict[str, Any]) -> list[Mark]:
    out = []
    for n, t in enumerate(parts["times"]):
        out.append(Mark(f"t{n}", "time", t["start_char"], t["end_char"], f"time: {t['value']}",
                        _pairs(**{**_extra(t), "words": t["text"], "type": t["type"], "value": t["value"]})))
    for n, a in enumerate(parts["amounts"]):
        out.append(Mark(f"n{n}", "amount", a["start_char"], a["end_char"], f"amount: {a['value']} {a['unit']}",
                        _pairs(**{**_extra(a), "words": a["text"], "value": a["value"], "unit": a["unit"],
                                  "object": a.get("object"), "year": a.get("date")})))
    for n, p in enumerate(parts["places"]):
        out.append(Mark(f"p{n}", "place", p["start_char"], p["end_char"], f"place: {p['name']}",
                        _pairs(**{**_extra(p), "words": p["text"], "place": p["name"], "country": p.get("country"),
                                  "lat": p.get("lat"), "lon": p.get("lon"), "geonameid": p.get("geonameid"),
                                  "metonymy": "yes" if p.get("metonymy") else None})))
    return out


def actor_table(parts: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["actor_id"]: a for a in parts["actors"]}


def marks_of(parts: dict[str, Any]) -> list[Mark]:
    """Every mark of one article, in text order (a span outside the text is dropped, not trusted)."""
    actors = actor_table(parts)
    n_chars = len(parts["articles"][0]["text"])
    marks = [*actor_marks(parts, actors), *quote_marks(parts, actors), *event_marks(parts, actors),
             *span_marks(parts)]
    good = [m for m in marks if 0 <= m.start < m.end <= n_chars]
    return sorted(good, key=lambda m: (m.start, -m.end, m.id))


def render(text: str, marks: list[Mark]) -> Markup:
    """The text as HTML: every segment escaped, covered segments wrapped in a span naming their marks."""
    opening: dict[int, list[Mark]] = {}
    closing: dict[int, list[str]] = {}
    for mark in marks:
        opening.setdefault(mark.start, []).append(mark)
        closing.setdefault(mark.end, []).append(mark.id)
    cuts = sorted({0, len(text), *opening, *closing})
    active: dict[str, Mark] = {}
    pieces: list[str] = []
    for start, end in pairwise(cuts):
        for done in closing.get(start, []):
            active.pop(done, None)
        active.update((m.id, m) for m in opening.get(start, []))
        chunk = escape(text[start:end])
        if not active:
            pieces.append(chunk)
            continue
        covering = sorted(active.values(), key=lambda m: (m.start, -m.end, m.id))
        kinds = " ".join(sorted({f"k-{m.kind}" for m in covering if m.kind in KINDS}))
        ids = " ".join(m.id for m in covering)
        titles = "; ".join(m.title for m in covering)
        pieces.append(f'<span class="mk {kinds}" data-marks="{escape(ids)}" title="{escape(titles)}" '
                      f'tabindex="0">{chunk}</span>')
    return Markup("".join(pieces))
