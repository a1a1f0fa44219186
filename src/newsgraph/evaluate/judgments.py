"""The judgments of the audited real-news event set: their file format, checked line by line, and how the sample
of articles was drawn. One JSON line judges one trigger of a real article of ``../shared/gold/geo/`` by gold file,
article id and character offsets (the text stays in ``../shared``); ``tests/data/audit/README.md`` gives the
judging rules. Scoring is in :mod:`newsgraph.evaluate.audit`.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.vocab import Modality

GOLD_FILES = ("TR-News.xml", "lgl.xml")
SPLITS = ("tune", "heldout")
#: what makes a judged trigger no political interaction (README of the judgments)
CAUSES = ("other-sense", "generic", Modality.HYPOTHETICAL.value, "negated", "non-political", "movement-no-host",
          "background", "no-interaction", "place-as-actor", "reporter-as-participant")
#: how a resolution says a place name stood for the actor ("a Paris man", "London rally", "arrested in Syria")
PLACE_MENTIONS = ("capital-metonymy", "placed-by-sentence", "place")
#: judged-false causes a system may instead mark on the event itself (negation, a modality other than asserted)
QUALIFIABLE = frozenset({"generic", Modality.HYPOTHETICAL.value, "negated", "background"})
#: triggers wanted per gold file and split (the set was drawn with seed 13 from the output of main at 574bce8)
QUOTAS = {"TR-News.xml": {"tune": 150, "heldout": 55}, "lgl.xml": {"tune": 160, "heldout": 55}}
SEED = 13

SIDE_KEYS = frozenset({"codes", "spans", "who", "optional"})
KEYS = frozenset({"file", "article", "split", "trigger", "word", "event", "roots", "source", "target", "mutual",
                  "cause", "reason", "system"})
REQUIRED = frozenset({"file", "article", "split", "trigger", "word", "event", "reason", "system"})


@dataclass(frozen=True)
class Side:
    """A judged source or target: the codes that are right for it (empty: the text names no such party) and the
    character spans of the words that name it."""

    codes: frozenset[str] = frozenset()
    spans: tuple[tuple[int, int], ...] = ()
    who: str = ""
    optional: bool = False


@dataclass(frozen=True)
class Judgment:
    file: str
    article: str
    split: str
    trigger: tuple[int, int]
    word: str
    event: bool
    reason: str
    roots: frozenset[str] = frozenset()
    source: Side = field(default_factory=Side)
    target: Side = field(default_factory=Side)
    mutual: bool = False
    cause: str | None = None
    system: tuple[dict[str, Any], ...] = ()


def _bad(path: Path, line: int, detail: str) -> NewsgraphError:
    return NewsgraphError(ErrorCode.DATA_FILE, f"{path}, line {line}: {detail}")


def _side(raw: Any, path: Path, line: int) -> Side:
    if raw is None:
        return Side()
    if not isinstance(raw, dict) or set(raw) - SIDE_KEYS:
        raise _bad(path, line, f"a side takes only {sorted(SIDE_KEYS)}: {raw!r}")
    spans = tuple((int(a), int(b)) for a, b in raw.get("spans", []))
    return Side(frozenset(raw.get("codes", [])), spans, str(raw.get("who", "")), bool(raw.get("optional", False)))


def _judgment(raw: Any, path: Path, line: int) -> Judgment:
    if not isinstance(raw, dict):
        raise _bad(path, line, "a judgment is a JSON object")
    unknown, missing = set(raw) - KEYS, REQUIRED - set(raw)
    if unknown or missing:
        raise _bad(path, line, f"unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    if raw["split"] not in SPLITS:
        raise _bad(path, line, f"split must be one of {SPLITS}")
    if raw["event"]:
        if not raw.get("roots") or raw.get("cause"):
            raise _bad(path, line, "an event has roots and no cause")
    elif raw.get("cause") not in CAUSES:
        raise _bad(path, line, f"a judged-false trigger needs a cause among {CAUSES}")
    start, end = raw["trigger"]
    return Judgment(raw["file"], str(raw["article"]), raw["split"], (int(start), int(end)), raw["word"],
                    bool(raw["event"]), raw["reason"], frozenset(raw.get("roots") or ()),
                    _side(raw.get("source"), path, line), _side(raw.get("target"), path, line),
                    bool(raw.get("mutual", False)), raw.get("cause"), tuple(raw["system"]))


def load_judgments(path: Path) -> list[Judgment]:
    """The judged triggers of ``path`` (JSON lines); a malformed line is E012 naming the file and line."""
    out = []
    for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not text.strip():
            continue
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as err:
            raise _bad(path, n, f"not JSON: {err}") from err
        try:
            out.append(_judgment(raw, path, n))
        except (TypeError, ValueError, KeyError) as err:
            raise _bad(path, n, f"malformed: {err}") from err
    return out


# ---- drawing the sample --------------------------------------------------------------------------------------
def draw_sample(triggers: dict[str, list[tuple[str, int]]], seed: int = SEED,
                quotas: dict[str, dict[str, int]] = QUOTAS) -> dict[str, dict[str, list[str]]]:
    """Articles per gold file and split: the articles that have coded events, in a seeded random order, go to
    ``tune`` until it holds its quota of triggers, then to ``heldout`` until that holds its own (every trigger of
    a chosen article is judged)."""
    chosen: dict[str, dict[str, list[str]]] = {}
    for name, articles in triggers.items():
        order = [(art, n) for art, n in articles if n > 0]
        random.Random(f"{seed}:{name}").shuffle(order)
        chosen[name] = {split: [] for split in SPLITS}
        taken = dict.fromkeys(SPLITS, 0)
        for art, n in order:
            split = next((s for s in SPLITS if taken[s] < quotas[name][s]), None)
            if split is None:
                break
            chosen[name][split].append(art)
            taken[split] += n
    return chosen
