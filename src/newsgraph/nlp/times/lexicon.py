"""The time stage's words, read from ``nlp/data/times.yaml`` (see its comments) and checked as they are read.

Every section has a shape: a mapping of words to numbers or to codes, a list of words, or (for holidays) a
mapping of names to rules. A section, key or field the loader does not know, or a value of the wrong kind, is a
``SetupError`` E012 naming the file and the line, so that a typo in a user's edit is found at once instead of
silently doing nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from newsgraph.errors import ErrorCode, SetupError

#: each section's shape: "int" / "str" (a mapping of words to integers / strings), "list" (of words),
#: "holidays" (names to rules)
SECTIONS: dict[str, str] = {
    "months": "int", "weekdays": "int", "seasons": "str", "season_starts": "int", "parts_of_day": "str",
    "units": "str", "quarter_ordinals": "int", "decade_words": "int", "set_words": "str", "day_words": "int",
    "day_anaphora": "int", "year_anaphora": "list", "present_ref": "list", "past_ref": "list",
    "future_ref": "list", "future_if_future_tense": "list", "holidays": "holidays", "future_verbs": "list",
    "scheduling_verbs": "list", "lead_words": "list", "split_words": "list", "vague_counts": "list",
}
HOLIDAY_FIELDS = frozenset({"month", "day", "weekday", "nth", "plus_days"})
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Holiday:
    """A holiday's rule: a fixed ``day`` of ``month``, or the ``nth`` ``weekday`` (0 = Monday) of ``month``
    (-1: the last one) moved on by ``plus_days``."""

    month: int
    day: int | None = None
    weekday: int | None = None
    nth: int = 1
    plus_days: int = 0


@dataclass(frozen=True)
class TimeLexicon:
    months: dict[str, int]
    weekdays: dict[str, int]  # 0 = Monday, as ``datetime.date.weekday``
    seasons: dict[str, str]
    season_starts: dict[str, int]
    parts_of_day: dict[str, str]
    units: dict[str, str]
    quarter_ordinals: dict[str, int]
    decade_words: dict[str, int]
    set_words: dict[str, str]
    day_words: dict[str, int]
    day_anaphora: dict[str, int]
    year_anaphora: frozenset[str]
    present_ref: frozenset[str]
    past_ref: frozenset[str]
    future_ref: frozenset[str]
    future_if_future_tense: frozenset[str]
    holidays: dict[str, Holiday]
    future_verbs: frozenset[str]
    scheduling_verbs: frozenset[str]
    lead_words: frozenset[str]
    split_words: frozenset[str]
    vague_counts: frozenset[str]


def _fail(name: str, node: Node, message: str) -> SetupError:
    return SetupError(ErrorCode.DATA_FILE, f"{name}, line {node.start_mark.line + 1}: {message}")


def _check_scalar(name: str, node: Node, kind: str, where: str) -> None:
    if not isinstance(node, ScalarNode):
        raise _fail(name, node, f"{where}: expected a single value")
    if kind == "int" and node.tag != "tag:yaml.org,2002:int":
        raise _fail(name, node, f"{where}: expected a whole number, not {node.value!r}")
    if kind == "str" and node.tag != "tag:yaml.org,2002:str":
        raise _fail(name, node, f"{where}: expected a word, not {node.value!r}")


def _check_holiday(name: str, key: str, node: Node) -> None:
    if not isinstance(node, MappingNode):
        raise _fail(name, node, f"holiday {key!r}: expected a mapping of {sorted(HOLIDAY_FIELDS)}")
    fields = {}
    for field_node, value in node.value:
        field = field_node.value
        if field not in HOLIDAY_FIELDS:
            raise _fail(name, field_node, f"holiday {key!r}: unknown field {field!r}; known: {sorted(HOLIDAY_FIELDS)}")
        _check_scalar(name, value, "str" if field == "weekday" else "int", f"holiday {key!r} {field}")
        if field == "weekday" and value.value not in WEEKDAY_NAMES:
            raise _fail(name, value, f"holiday {key!r}: weekday {value.value!r} is not one of {WEEKDAY_NAMES}")
        fields[field] = value
    if "month" not in fields or ("day" in fields) == ("weekday" in fields):
        raise _fail(name, node, f"holiday {key!r}: give `month` and either `day` or `weekday`")


def check(name: str, root: Node | None) -> None:
    """Raise E012 (naming ``name`` and the line) unless ``root`` has the shape ``SECTIONS`` describes."""
    if root is None:
        return
    if not isinstance(root, MappingNode):
        raise _fail(name, root, "expected a mapping of sections")
    for key_node, node in root.value:
        section = key_node.value
        shape = SECTIONS.get(section)
        if shape is None:
            raise _fail(name, key_node, f"unknown section {section!r}; known: {', '.join(SECTIONS)}")
        if shape == "list":
            if not isinstance(node, SequenceNode):
                raise _fail(name, node, f"{section}: expected a list of words")
            for item in node.value:
                _check_scalar(name, item, "str", section)
            continue
        if not isinstance(node, MappingNode):
            raise _fail(name, node, f"{section}: expected a mapping")
        for item_key, value in node.value:
            if shape == "holidays":
                _check_holiday(name, item_key.value, value)
            else:
                _check_scalar(name, value, shape, f"{section} {item_key.value!r}")


def read(name: str, text: str) -> dict[str, Any]:
    """The sections of one lexicon file, checked."""
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML was built with it
        check(name, yaml.compose(text, Loader=loader))
        data = yaml.load(text, Loader=loader) or {}
    except yaml.YAMLError as err:
        raise SetupError(ErrorCode.DATA_FILE, f"{name}: {err}") from err
    return dict(data)


def _holiday(rule: dict[str, Any]) -> Holiday:
    weekday = rule.get("weekday")
    return Holiday(month=rule["month"], day=rule.get("day"),
                   weekday=WEEKDAY_NAMES.index(weekday) if weekday else None, nth=rule.get("nth", 1),
                   plus_days=rule.get("plus_days", 0))


def build(data: dict[str, Any]) -> TimeLexicon:
    values: dict[str, Any] = {}
    for section, shape in SECTIONS.items():
        raw: Any = data.get(section) or ({} if shape != "list" else [])
        if shape == "list":
            values[section] = frozenset(str(w).lower() for w in raw)
        elif shape == "holidays":
            values[section] = {str(k).lower(): _holiday(v) for k, v in raw.items()}
        else:  # words are matched in lower case; season codes are keys as written
            values[section] = {(str(k) if section == "season_starts" else str(k).lower()): v for k, v in raw.items()}
    values["weekdays"] = {k: v - 1 for k, v in values["weekdays"].items()}
    return TimeLexicon(**values)


def load_lexicon(path: str | Path | None = None) -> TimeLexicon:
    """The lexicon in ``path``, by default the shipped ``nlp/data/times.yaml``."""
    if path is None:
        return build(read("times.yaml", (resources.files("newsgraph.nlp") / "data" / "times.yaml").read_text("utf-8")))
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise SetupError(ErrorCode.DATA_FILE, f"time lexicon {path}: {err}") from err
    return build(read(str(path), text))


#: the shipped lexicon, read once when the stage is imported
LEX = load_lexicon()
