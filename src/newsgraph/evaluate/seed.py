"""Scorers against public gold formats. First: coverage of the reference article's expected items.

``score_seed`` reads ``expected.json`` (see ../shared/seed/): for each category it counts the expected items that
the record contains, with the matching rules below, and lists what was missed.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any


def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def _options(value: Any) -> list[Any]:
    if isinstance(value, dict) and "any_of" in value:
        return list(value["any_of"])
    return [value]


def _stem(word: str) -> str:
    word = _norm(word)
    for suffix in ("ing", "ed", "es", "s", "d", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _actor_names(record: dict[str, Any], aid: str | None) -> set[str]:
    if not aid:
        return set()
    actor = record["actors"].get(aid, {})
    return {_norm(actor.get("name", "")), _norm(aid), _norm(str(actor.get("country")))}


def _countries(record: dict[str, Any], ids: list[str]) -> set[str]:
    return {str(record["actors"].get(a, {}).get("country")) for a in ids}


def _actor_found(record: dict[str, Any], item: dict[str, Any]) -> bool:
    want = _norm(item["mention"])
    for m in record["mentions"]:
        text = _norm(m["text"])
        if want not in text and text not in want:
            continue
        for aid in m.get("group") or [m["actor"]]:
            actor = record["actors"].get(aid or "", {})
            if not actor:
                continue
            if "person" in item:
                if _norm(actor["name"]) == _norm(item["person"]):
                    return True
            elif actor.get("country") == item["country"] and (
                    item.get("sector") is None or actor.get("sector") == item.get("sector")):
                return True
    return False


def _speaker_matches(record: dict[str, Any], party: dict[str, Any] | None, wanted: Any) -> bool:
    if party is None:
        return False
    names = _actor_names(record, party.get("actor")) | {_norm(party["text"])}
    for option in _options(wanted):
        opt = _norm(option)
        if any(opt == n or (len(opt) > 6 and opt in n) for n in names):
            return True
    return False


def _quote_found(record: dict[str, Any], item: dict[str, Any]) -> bool:
    text = record["text"]
    for q in record["quotes"]:
        content = _norm(" ".join(text[a:b] for a, b in q["content"]))
        if _norm(item["contains"]) not in content or q["kind"] != item["kind"]:
            continue
        if not _speaker_matches(record, q["speaker"], item["speaker"]):
            continue
        if "addressee" in item and not _speaker_matches(record, q["addressee"], item["addressee"]):
            continue
        return True
    return False


def _cameo_ok(code: str, allowed: list[Any]) -> bool:
    return any(code == a or (len(str(a)) == 2 and code.startswith(str(a))) for a in allowed)


def _event_found(record: dict[str, Any], item: dict[str, Any]) -> bool:
    triggers = {_stem(t) for t in _options(item["trigger"])}
    for e in record["events"]:
        if _stem(e["trigger_text"]) not in triggers:
            continue
        if e["plover"] not in _options(item["plover"]):
            continue
        if "cameo" in item and not _cameo_ok(e["cameo"], _options(item["cameo"])):
            continue
        src, tgt = _countries(record, e["source"]), _countries(record, e["target"])
        want_src, want_tgt = set(item["source"]), set(item["target"])
        direct = want_src <= src and want_tgt <= tgt
        mutual = item.get("mutual") and want_src <= (src | tgt) and want_tgt <= (src | tgt)
        if not (direct or mutual):
            continue
        if "date" in item and e["date"] != item["date"]:
            continue
        if "modality" in item and e["modality"] != item["modality"]:
            continue
        return True
    return False


def _time_found(record: dict[str, Any], item: dict[str, Any]) -> bool:
    want = _norm(item["text"])
    return any(t["value"] == item["value"] and (want in _norm(t["text"]) or _norm(t["text"]) in want)
               for t in record["times"])


def _amount_found(record: dict[str, Any], item: dict[str, Any]) -> bool:
    return any(a["value"] == item["value"] and a["unit"] == item["unit"]
               and ("object" not in item or a["object"] == item["object"]) for a in record["amounts"])


CHECKS = {"actors": _actor_found, "quotes": _quote_found, "events": _event_found, "times": _time_found,
          "amounts": _amount_found}


def score_seed(record: dict[str, Any], expected: dict[str, Any]) -> dict[str, dict[str, Any]]:
    report: dict[str, dict[str, Any]] = {}
    for category, check in CHECKS.items():
        items = expected.get(category, [])
        missed = [item for item in items if not check(record, item)]
        found = len(items) - len(missed)
        report[category] = {"found": found, "total": len(items), "ratio": found / len(items) if items else 1.0,
                            "missed": missed}
    return report


def dataset_digest(*paths: Path) -> str:
    """A digest of the files under ``paths`` (names and bytes), so that a score floor names its data."""
    digest = hashlib.sha256()
    for root in paths:
        files = sorted(p for p in (root.rglob("*") if root.is_dir() else [root]) if p.is_file())
        for path in files:
            digest.update(str(path.relative_to(root.parent)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
