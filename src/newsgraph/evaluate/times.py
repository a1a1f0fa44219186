"""Time expressions against TimeML gold (TempEval-3 format), scored as TempEval-3 scores them (issue 5).

  1. reading: every ``*.tml`` file under a folder (recursively). A document's text is what ``<TEXT>`` holds
     with the tags stripped; gold TIMEX3 offsets index that plain text. The document creation time
     (``<DCT>``, or any TIMEX3 whose ``functionInDocument`` is CREATION_TIME) anchors the run as the
     publication date and is not itself gold. Empty (non-consuming) TIMEX3 tags are not gold either;
  2. matching: relaxed, as TempEval-3's "relaxed match": a predicted and a gold expression match when their
     characters overlap; pairs are made one-to-one, largest overlap first;
  3. scores: span precision, recall and F1 over the matches (and a strict span F1, counting only matches
     with identical offsets); value accuracy, the share of matched pairs whose normalised values are equal
     (``canonical_value``: "1968-XX" equals "1968", "2000-W7" equals "2000-W07"); value F1 = span F1 x value
     accuracy (TempEval-3's attribute F1); type accuracy likewise. ``all_*`` counts every type (DATE, TIME,
     DURATION, SET); ``date_*`` only gold DATE expressions: their recall over gold DATEs, their precision over
     the predictions that either match a gold DATE or match nothing and were typed DATE (a prediction matched
     to a gold DURATION is neither right nor wrong for DATE).

Scores are also given for each part of the corpus (the first folder level: TBAQ's ``TimeBank/`` and
``AQUAINT/``), so that rules tuned on one part can be checked on the other. ``evaluate_times`` also reports the
pipeline's seconds per document, and with ``errors=True`` lists every miss,
spurious prediction and wrong value so that they can be studied.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from newsgraph.readers.files import InputDoc

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass
class TimeMLDoc:
    name: str
    text: str
    dct: str | None
    timexes: list[GoldTimex]


@dataclass(frozen=True)
class TimeError:
    """One disagreement: ``kind`` is "missed", "spurious", "value" or "type"; absent sides are None."""

    doc: str
    kind: str
    gold_text: str | None
    gold_type: str | None
    gold_value: str | None
    pred_text: str | None
    pred_type: str | None
    pred_value: str | None
    context: str


def _dct(root: ET.Element) -> str | None:
    for node in root.iter("TIMEX3"):
        if node.get("functionInDocument") == "CREATION_TIME":
            value = node.get("value") or ""
            return value[:10] if ISO_DAY.match(value) else None
    return None


def _flatten(node: ET.Element, parts: list[str], found: list[tuple[int, int, ET.Element]], offset: int) -> int:
    """Append ``node``'s text (tags stripped) to ``parts``; collect the TIMEX3 it holds with their offsets."""
    start = offset
    if node.text:
        parts.append(node.text)
        offset += len(node.text)
    for child in node:
        offset = _flatten(child, parts, found, offset)
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    if node.tag == "TIMEX3" and offset > start and node.get("functionInDocument") != "CREATION_TIME":
        found.append((start, offset, node))
    return offset


def read_timeml(path: Path) -> TimeMLDoc:
    root = ET.parse(path).getroot()
    body = root.find("TEXT")
    if body is None:
        raise ValueError(f"{path}: no <TEXT> element")
    parts: list[str] = []
    found: list[tuple[int, int, ET.Element]] = []
    _flatten(body, parts, found, 0)
    text = "".join(parts)
    gold = [GoldTimex(a, b, text[a:b], node.get("type") or "DATE", node.get("value") or None)
            for a, b, node in sorted(found, key=lambda item: item[0])]
    return TimeMLDoc(path.stem, text, _dct(root), gold)


def load_timeml(folder: Path) -> Iterator[TimeMLDoc]:
    for path in sorted(folder.rglob("*.tml")):
        yield read_timeml(path)


def split_of(folder: Path, path: Path) -> str:
    """The part of the corpus a file belongs to: its first folder under ``folder`` (TempEval-3's TBAQ holds
    ``TimeBank/`` and ``AQUAINT/``), or "" for a file directly in it."""
    parts = path.relative_to(folder).parts
    return parts[0] if len(parts) > 1 else ""


def match(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of overlapping spans, largest overlap first."""
    pairs = []
    for g, (gs, ge) in enumerate(gold):
        for p, (ps, pe) in enumerate(pred):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                pairs.append((-overlap, g, p))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, g, p in sorted(pairs):
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            out.append((g, p))
    return sorted(out)


def canonical_value(value: str | None) -> str:
    """One spelling per TIMEX3 value: trailing unspecified parts dropped ("1968-XX" and "1998-XX-XX" name the
    year, "199X" the decade "199"), week numbers zero-padded ("2000-W7" is "2000-W07")."""
    text = (value or "").strip().upper()
    text = re.sub(r"(-XX)+$", "", text)
    text = re.sub(r"^(\d{2,3})X+$", r"\1", text)
    return re.sub(r"-W(\d)(?!\d)", r"-W0\1", text)


def same_value(a: str | None, b: str | None) -> bool:
    return canonical_value(a) == canonical_value(b)


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    matched: int = 0
    strict: int = 0
    value_ok: int = 0
    type_ok: int = 0
    date_gold: int = 0
    date_pred: int = 0
    date_matched: int = 0
    date_value_ok: int = 0

    def add(self, other: Counts) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    return re.sub(r"\s+", " ", f"{text[max(0, start - width):start]}[{text[start:end]}]{text[end:end + width]}")


def score_document(doc: TimeMLDoc, times: list[dict[str, Any]],
                   errors: list[TimeError] | None = None) -> Counts:
    gold = doc.timexes
    pairs = match([(g.start, g.end) for g in gold], [(t["start"], t["end"]) for t in times])
    counts = Counts(gold=len(gold), pred=len(times), matched=len(pairs))
    counts.date_gold = sum(g.type == "DATE" for g in gold)
    matched_pred = {p for _, p in pairs}
    counts.date_pred = sum(t["type"] == "DATE" for n, t in enumerate(times) if n not in matched_pred)
    for g_i, p_i in pairs:
        g, t = gold[g_i], times[p_i]
        value_ok = same_value(g.value, t["value"])
        counts.value_ok += value_ok
        counts.type_ok += g.type == t["type"]
        counts.strict += (g.start, g.end) == (t["start"], t["end"])
        if g.type == "DATE":
            counts.date_pred += 1
            counts.date_matched += 1
            counts.date_value_ok += value_ok
        if errors is not None and (not value_ok or g.type != t["type"]):
            errors.append(_error(doc, "value" if not value_ok else "type", g, t))
    if errors is not None:
        matched_gold = {g for g, _ in pairs}
        errors.extend(_error(doc, "missed", g, None) for n, g in enumerate(gold) if n not in matched_gold)
        errors.extend(_error(doc, "spurious", None, t) for n, t in enumerate(times) if n not in matched_pred)
    return counts


def _error(doc: TimeMLDoc, kind: str, g: GoldTimex | None, t: dict[str, Any] | None) -> TimeError:
    start = g.start if g else t["start"] if t else 0
    end = g.end if g else t["end"] if t else 0
    return TimeError(doc.name, kind, g.text if g else None, g.type if g else None, g.value if g else None,
                     t["text"] if t else None, t["type"] if t else None, t["value"] if t else None,
                     _context(doc.text, start, end))


def _prf(correct: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = correct / n_pred if n_pred else 0.0
    r = correct / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def scores_from_counts(c: Counts) -> dict[str, float]:
    p, r, f1 = _prf(c.matched, c.pred, c.gold)
    strict_f1 = _prf(c.strict, c.pred, c.gold)[2]
    dp, dr, df1 = _prf(c.date_matched, c.date_pred, c.date_gold)
    value_acc = c.value_ok / c.matched if c.matched else 0.0
    date_value_acc = c.date_value_ok / c.date_matched if c.date_matched else 0.0
    type_acc = c.type_ok / c.matched if c.matched else 0.0
    return {
        "all_span_p": p, "all_span_r": r, "all_span_f1": f1, "all_strict_f1": strict_f1,
        "all_value_acc": value_acc, "all_value_f1": f1 * value_acc,
        "all_type_acc": type_acc, "all_type_f1": f1 * type_acc,
        "date_span_p": dp, "date_span_r": dr, "date_span_f1": df1,
        "date_value_acc": date_value_acc, "date_value_f1": df1 * date_value_acc,
    }


def evaluate_times(analyzer: Any, folder: Path, limit: int | None = None,
                   errors: bool = False) -> dict[str, Any]:
    """Scores (flat floats and counts) for the TimeML files under ``folder``; with ``errors`` also an
    ``"errors"`` list of ``TimeError``."""
    folder = Path(folder)
    paths = sorted(folder.rglob("*.tml"))[:limit]
    docs = [read_timeml(path) for path in paths]
    found: list[TimeError] | None = [] if errors else None
    total = Counts()
    parts: dict[str, Counts] = {}
    failed = 0
    began = time.perf_counter()
    records = analyzer.analyze(InputDoc(d.name, d.text, d.dct) for d in docs)
    for path, doc, record in zip(paths, docs, records, strict=True):
        failed += "error" in record
        counts = score_document(doc, record["times"], found)
        total.add(counts)
        parts.setdefault(split_of(folder, path), Counts()).add(counts)
    seconds = time.perf_counter() - began
    out: dict[str, Any] = {
        "documents": len(docs), "failed": failed, "gold": total.gold, "predicted": total.pred,
        "matched": total.matched, "date_gold": total.date_gold, "date_predicted": total.date_pred,
        "date_matched": total.date_matched, **scores_from_counts(total),
        "seconds_per_doc": seconds / len(docs) if docs else 0.0,
        "splits": {name: scores_from_counts(c) for name, c in sorted(parts.items()) if name and len(parts) > 1},
    }
    for name, scores in out["splits"].items():  # flat too, for the floors: "timebank_date_value_f1"
        out.update({f"{name.lower()}_{key}": value for key, value in scores.items()})
    if found is not None:
        out["errors"] = found
    return out


def format_time_scores(scores: dict[str, Any]) -> list[str]:
    def row(label: str, prefix: str, found: dict[str, Any] = scores) -> str:
        return (f"{label:<5} span P {found[prefix + '_span_p']:.3f}  R {found[prefix + '_span_r']:.3f}  "
                f"F1 {found[prefix + '_span_f1']:.3f}   value acc {found[prefix + '_value_acc']:.3f}  "
                f"value F1 {found[prefix + '_value_f1']:.3f}")

    return [
        f"{scores['documents']} documents ({scores['failed']} failed), {scores['gold']} gold / "
        f"{scores['predicted']} predicted / {scores['matched']} matched time expressions "
        f"({scores['date_gold']} gold DATE)",
        row("DATE", "date"),
        row("all", "all"),
        f"strict (exact) span F1 {scores['all_strict_f1']:.3f}",
        f"type accuracy {scores['all_type_acc']:.3f}  type F1 {scores['all_type_f1']:.3f}",
        f"{scores['seconds_per_doc'] * 1000:.1f} ms per document",
        *(line for name, part in scores.get("splits", {}).items()
          for line in (f"{name}:", "  " + row("DATE", "date", part), "  " + row("all", "all", part))),
    ]


def format_errors(found: Iterable[TimeError]) -> list[str]:
    """One line per error: kind, gold (type value text), prediction, and the text around it."""
    lines = []
    for e in found:
        gold = f"{e.gold_type} {e.gold_value} {e.gold_text!r}" if e.gold_text is not None else "-"
        pred = f"{e.pred_type} {e.pred_value} {e.pred_text!r}" if e.pred_text is not None else "-"
        lines.append(f"{e.doc}\t{e.kind}\tgold {gold}\tpred {pred}\t{e.context}")
    return lines
