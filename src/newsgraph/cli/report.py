"""A readable terminal report of one analysis record (rich)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsgraph.cli.layout import WIDE, Section, clip, show, wrap


def _actor_label(record: dict[str, Any], aid: str | None, ids: bool = True) -> str:
    if not aid:
        return "?"
    actor = record["actors"].get(aid, {})
    name = actor.get("name", aid)
    return f"{name} [{aid}]" if ids and name != aid else name


def _names(record: dict[str, Any], ids: list[str], with_ids: bool = True) -> str:
    return ", ".join(_actor_label(record, a, with_ids) for a in ids) or "—"


def sections(record: dict[str, Any], width: int) -> list[Section]:
    """The report of one record as sections of plain strings; below ``WIDE`` columns an event's or a quote's
    actors are named without their ids (the actors section lists them) and quotes are clipped sooner."""
    wide = width >= WIDE
    return [_actors(record), _quotes(record, wide), _events(record, wide), _details(record)]


def _actors(record: dict[str, Any]) -> Section:
    counts: dict[str, int] = {}
    for m in record["mentions"]:
        for aid in m.get("group") or ([m["actor"]] if m["actor"] else []):
            counts[aid] = counts.get(aid, 0) + 1
    rows = [[aid, a["name"], a["kind"], a["country"] or "", a["sector"] or "", str(counts.get(aid, 0))]
            for aid, a in sorted(record["actors"].items(), key=lambda kv: -counts.get(kv[0], 0))]
    return Section("Actors", ["id", "name", "kind", "country", "sector", "mentions"], rows, heading="{1} [{0}]")


def _quotes(record: dict[str, Any], wide: bool) -> Section:
    text = record["text"]
    rows = []
    for q in record["quotes"]:
        who = (q["speaker"] or {}).get("text", "?")
        actor = (q["speaker"] or {}).get("actor")
        if actor and wide:
            who += f" ({actor})"
        elif actor and _actor_label(record, actor, False) != who:
            who += f" ({_actor_label(record, actor, False)})"
        if q["addressee"]:
            who += f" → {q['addressee']['text']}"
        content = " … ".join(text[a:b] for a, b in q["content"])
        cue = text[q["cue"][0] : q["cue"][1]] if q["cue"] else q["how"]
        rows.append([q["kind"], who, clip(content, 300 if wide else 240), cue])
    return Section("Quotations", ["kind", "speaker → addressee", "content", "cue"], rows, heading="{1}")


def _events(record: dict[str, Any], wide: bool) -> Section:
    rows = []
    for e in record["events"]:
        modality = e["modality"] + (" (negated)" if e["negated"] else "")
        rows.append([f"{_names(record, e['source'], wide)} → {_names(record, e['target'], wide)}",
                     f"{e['cameo']} {_cameo_name(e['cameo'])}", f"{e['plover']} {e['mode'] or ''}".strip(),
                     str(e["date"] or ""), str(e["place"] or ""), modality, e["trigger_text"],
                     "" if e.get("tone") is None else f"{e['tone']:+.1f}"])
    return Section("Events", ["source → target", "CAMEO", "PLOVER", "date", "place", "modality", "trigger", "tone"],
                   rows)


def _details(record: dict[str, Any]) -> Section:
    rows = []
    for t in record["times"]:
        rows.append([f"time/{t['type']}", t["text"], str(t["value"]), t["how"]])
    for a in record["amounts"]:
        rows.append(["amount", a["text"], f"{a['value']} {a['unit'] or ''}".strip(),
                     f"object={a['object']} date={a['date']}"])
    for p in record["places"]:
        coords = f"{p['lat']:.2f},{p['lon']:.2f}" if p["lat"] is not None else ""
        rows.append(["place", p["text"], f"{p['name']} {p['country'] or ''} {coords}".strip(),
                     ("government (metonymy) " if p["metonymy"] else "") + f"geonames={p['geonameid']}"])
    return Section("Times, amounts and places", ["kind", "text", "value", "detail"], rows, heading="{0} {1}")


def title_of(record: dict[str, Any]) -> str:
    """The report's first line: the document, its date and the article's tone."""
    title = f"{record['id']} · published {record.get('published') or 'unknown'}"
    if record.get("tone"):
        t = record["tone"]
        title += f" · tone {t['tone']:+.1f} ({t['positive']:.1f}% positive, {t['negative']:.1f}% negative words)"
    return title


def render(record: dict[str, Any], console: Console) -> None:
    """Print the report of ``record`` laid out for ``console.width`` (see ``cli.layout``)."""
    console.rule()
    for line in wrap(title_of(record), console.width):
        console.print(Text(line, style="bold"), soft_wrap=True)
    if record.get("error"):
        err = record["error"]
        console.print(Text(f"[{err['code']}] {err['message']}", style="bold red"))
        return
    for section in sections(record, console.width):
        show(section, console)


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
