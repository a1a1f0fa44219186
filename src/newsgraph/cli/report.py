"""A readable terminal report of one analysis record (rich)."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text


def _actor_label(record: dict[str, Any], aid: str | None) -> str:
    if not aid:
        return "?"
    actor = record["actors"].get(aid, {})
    return f"{actor.get('name', aid)} [{aid}]"


def _names(record: dict[str, Any], ids: list[str]) -> str:
    return ", ".join(_actor_label(record, a) for a in ids) or "—"


def render(record: dict[str, Any], console: Console) -> None:
    title = f"{record['id']}  published {record.get('published') or 'unknown'}"
    if record.get("error"):
        err = record["error"]
        console.print(Panel(Text(f"[{err['code']}] {err['message']}", style="bold red"), title=title))
        return
    text = record["text"]
    parts: list[Any] = []

    actors = Table(title="Actors", show_lines=False, expand=True)
    for col in ("id", "name", "kind", "country", "sector", "mentions"):
        actors.add_column(col)
    counts: dict[str, int] = {}
    for m in record["mentions"]:
        for aid in m.get("group") or ([m["actor"]] if m["actor"] else []):
            counts[aid] = counts.get(aid, 0) + 1
    for aid, a in sorted(record["actors"].items(), key=lambda kv: -counts.get(kv[0], 0)):
        actors.add_row(aid, a["name"], a["kind"], a["country"] or "", a["sector"] or "", str(counts.get(aid, 0)))
    parts.append(actors)

    quotes = Table(title="Quotations", expand=True)
    for col in ("kind", "speaker → addressee", "content", "cue"):
        quotes.add_column(col)
    for q in record["quotes"]:
        who = (q["speaker"] or {}).get("text", "?")
        if q["speaker"] and q["speaker"]["actor"]:
            who += f" ({q['speaker']['actor']})"
        if q["addressee"]:
            who += f" → {q['addressee']['text']}"
        content = " … ".join(text[a:b] for a, b in q["content"])
        cue = text[q["cue"][0] : q["cue"][1]] if q["cue"] else q["how"]
        quotes.add_row(q["kind"], who, content[:300], cue)
    parts.append(quotes)

    events = Table(title="Events", expand=True)
    for col in ("source → target", "CAMEO", "PLOVER", "date", "place", "modality", "trigger"):
        events.add_column(col)
    for e in record["events"]:
        modality = e["modality"] + (" (negated)" if e["negated"] else "")
        events.add_row(f"{_names(record, e['source'])} → {_names(record, e['target'])}",
                       f"{e['cameo']} {_cameo_name(e['cameo'])}", f"{e['plover']} {e['mode'] or ''}".strip(),
                       str(e["date"] or ""), str(e["place"] or ""), modality, e["trigger_text"])
    parts.append(events)

    times = Table(title="Times, amounts and places", expand=True)
    for col in ("kind", "text", "value", "detail"):
        times.add_column(col)
    for t in record["times"]:
        times.add_row(f"time/{t['type']}", t["text"], str(t["value"]), t["how"])
    for a in record["amounts"]:
        times.add_row("amount", a["text"], f"{a['value']} {a['unit'] or ''}", f"object={a['object']} date={a['date']}")
    for p in record["places"]:
        coords = f"{p['lat']:.2f},{p['lon']:.2f}" if p["lat"] is not None else ""
        times.add_row("place", p["text"], f"{p['name']} {p['country'] or ''} {coords}".strip(),
                      ("government (metonymy)" if p["metonymy"] else "") + f" geonames={p['geonameid']}")
    parts.append(times)
    console.print(Panel(Group(*parts), title=title))


def render_explanation(record: dict[str, Any], console: Console, only: int | None = None) -> None:
    """Why each event is there: the trigger and its pattern, each argument's words and parse path, the date's
    source, the modality."""
    text = record["text"]
    if record.get("error"):
        render(record, console)
        return
    for n, e in enumerate(record["events"]):
        if only is not None and n != only:
            continue
        table = Table(show_header=False, expand=True, title=f"event {n}")
        table.add_column("what", style="bold")
        table.add_column("why")
        table.add_row("sentence", text[e["sentence"][0] : e["sentence"][1]].strip())
        table.add_row("trigger", f"{e['trigger_text']!r} at {e['trigger']} matched pattern {e['pattern']}")
        table.add_row("code", f"CAMEO {e['cameo']} {_cameo_name(e['cameo'])}; PLOVER {e['plover']} "
                              f"{e['mode'] or ''}; Goldstein {e['goldstein']}; QuadClass {e['quad_class']}")
        for side in ("source", "target"):
            items = (e.get("evidence") or {}).get(side) or []
            lines = [f"{_actor_label(record, it['actor'])} ← {it['text']!r} ({it['mention']}); path: {it['path']}"
                     for it in items] or ["none found"]
            table.add_row(side, "\n".join(lines))
        table.add_row("date", f"{e['date']} (from {e['date_how']})")
        table.add_row("place", str(e["place"]))
        extra = [f"modality {e['modality']}", "negated" if e["negated"] else "not negated"]
        if e.get("reported_by"):
            extra.append(f"reported by {_actor_label(record, e['reported_by'])}")
        if e.get("embedded"):
            extra.append("embedded in another event")
        if e.get("also"):
            extra.append(f"also told at {e['also']}")
        table.add_row("status", "; ".join(extra))
        console.print(table)


def _cameo_name(code: str) -> str:
    from newsgraph.kb.ontology import load_ontology

    try:
        return load_ontology().get(code).name
    except Exception:  # an unknown code still prints
        return ""
