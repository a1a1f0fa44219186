"""Location metonymy against the gold sets in ``../shared/gold/geo/metonymy/``: does the place stage call a name
metonymic ("Mexico won", "talks with Iran") where annotators did, and literal ("in Mexico") where they did?

  ReLocaR   ``ReLocaR_Train.xml``: ``<sample number>… <loc reading="lit|met">Name</loc> …</sample>``, one
            Wikipedia sentence and one name per sample;
  SemEval   ``SemEval.train.xml`` (SemEval-2007 task 8, countries): ``<sample id><par>… <annot><location
            reading="literal|metonymic|mixed">Name</location></annot> …</par></sample>``, a BNC paragraph and one
            name per sample, with SGML entities declared in the file's DTD (``&equo;``, ``&dollar;``).

Each sample is analysed on its own (with the stages places need). The name is predicted metonymic when a place
that overlaps it has ``metonymy: true``, literal otherwise (also when no place overlaps it). Scores: accuracy
over the literal and metonymic samples, precision, recall and F1 of the metonymic class; mixed readings are left
out. Both sets are train splits: the rules were tuned on ReLocaR; SemEval is reported as it comes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.readers.files import InputDoc

GOLD_FILES = {"relocar": "ReLocaR_Train.xml", "semeval": "SemEval.train.xml"}
READINGS = {"lit": "literal", "literal": "literal", "met": "metonymic", "metonymic": "metonymic", "mixed": "mixed"}
#: how the SemEval DTD's typographic entities read in plain text (the others are taken from the DTD)
TYPOGRAPHY = {"mdash": "—", "ndash": "–", "hellip": "…", "bquo": '"', "equo": '"', "lsqb": "[", "rsqb": "]"}


@dataclass(frozen=True)
class Sample:
    id: str
    text: str
    start: int  # the name's characters in ``text``
    end: int
    reading: str  # literal | metonymic | mixed


def _entities(raw: str) -> dict[str, str]:
    """The DTD's entity declarations ``<!ENTITY name "value">`` (commented-out ones skipped), values unescaped."""
    body = re.sub(r"<!--.*?-->", "", raw[: raw.find("<sampletexts")], flags=re.S)
    found = {m.group(1): html.unescape(m.group(3)) for m in re.finditer(r"<!ENTITY\s+(\w+)\s+(['\"])(.*?)\2\s*>",
                                                                         body)}
    return {**found, **TYPOGRAPHY}


def _plain(fragment: str, entities: dict[str, str]) -> str:
    """Text without tags, with entities replaced and spaces kept as they are."""
    text = re.sub(r"<[^>]+>", "", fragment)
    return re.sub(r"&(\w+);", lambda m: entities.get(m.group(1), html.unescape(m.group(0))), text)


def _sample(sid: str, before: str, name: str, after: str, reading: str, entities: dict[str, str]) -> Sample:
    left, middle, right = (_plain(part, entities) for part in (before, name, after))
    inner = middle.strip()
    start = len(left) + (len(middle) - len(middle.lstrip()))
    return Sample(sid, left + middle + right, start, start + len(inner), READINGS[reading])


def read_relocar(path: Path) -> list[Sample]:
    raw = path.read_text(encoding="utf-8")
    out = []
    for m in re.finditer(r'<sample number="(\d+)">(.*?)</sample>', raw, flags=re.S):
        loc = re.search(r'<loc reading="(\w+)">(.*?)</loc>', m.group(2), flags=re.S)
        if loc is not None:
            body = m.group(2)
            out.append(_sample(m.group(1), body[: loc.start()], loc.group(2), body[loc.end():], loc.group(1), {}))
    return out


def read_semeval(path: Path) -> list[Sample]:
    raw = path.read_text(encoding="latin-1")  # the file declares ISO-8859-1
    entities = _entities(raw)
    out = []
    for m in re.finditer(r'<sample id="([^"]+)"[^>]*>.*?<par>(.*?)</par>', raw, flags=re.S):
        loc = re.search(r'<location reading="(\w+)"[^>]*>(.*?)</location>', m.group(2), flags=re.S)
        if loc is not None and loc.group(1) in READINGS:
            body = m.group(2)
            out.append(_sample(m.group(1), body[: loc.start()], loc.group(2), body[loc.end():], loc.group(1),
                               entities))
    return out


def _check_offsets(samples: list[Sample]) -> list[Sample]:
    return [s for s in samples if s.text[s.start : s.end].strip() and s.end > s.start]


def predicted_metonymic(sample: Sample, record: dict[str, Any]) -> bool:
    return any(p["start"] < sample.end and sample.start < p["end"] and p.get("metonymy")
               for p in record.get("places") or [])


def score_metonymy(samples: Sequence[Sample], records: Iterable[dict[str, Any]],
                   errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    tp = fp = fn = tn = mixed = 0
    for sample, record in zip(samples, records, strict=True):
        if sample.reading == "mixed":
            mixed += 1
            continue
        predicted, gold = predicted_metonymic(sample, record), sample.reading == "metonymic"
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
        tn += not predicted and not gold
        if errors is not None and predicted != gold:
            found = [p for p in record.get("places") or [] if p["start"] < sample.end and sample.start < p["end"]]
            errors.append({"id": sample.id, "gold": sample.reading, "name": sample.text[sample.start : sample.end],
                           "place_found": bool(found),
                           "context": sample.text[max(0, sample.start - 100) : sample.end + 100].replace("\n", " ")})
    total = tp + fp + fn + tn
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"samples": total, "mixed": mixed, "literal": tn + fp, "metonymic": tp + fn,
            "accuracy": (tp + tn) / total if total else 0.0, "met_p": p, "met_r": r,
            "met_f1": 2 * p * r / (p + r) if p + r else 0.0}


def evaluate_metonymy(analyzer: Any, path: Path, limit: int | None = None,
                      errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Analyse the first ``limit`` samples of one gold file with ``analyzer`` and score them."""
    reader = read_semeval if "semeval" in path.name.lower() else read_relocar
    samples = _check_offsets(reader(path))[:limit]
    records = analyzer.analyze(InputDoc(f"{path.stem}-{s.id}", s.text, None) for s in samples)
    return score_metonymy(samples, records, errors)


def gold_paths(root: Path) -> dict[str, Path]:
    return {key: root / name for key, name in GOLD_FILES.items() if (root / name).exists()}


def format_metonymy_scores(scores: dict[str, Any]) -> str:
    s = scores
    return (f"{s['samples']} samples ({s['literal']} literal, {s['metonymic']} metonymic, {s['mixed']} mixed left "
            f"out): accuracy {s['accuracy']:.1%}; metonymic P {s['met_p']:.1%} R {s['met_r']:.1%} "
            f"F1 {s['met_f1']:.1%}")
