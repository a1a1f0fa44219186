"""Reading the stage's YAML data files so that every mistake is reported with its file and line.

Values are read as strings (``on``, ``071`` and ``no`` stay words and codes; YAML 1.1 would make them a boolean,
the number 57 and false); only ``true`` and ``false`` are booleans. A mapping becomes an ``Entry`` that remembers
the line of each key, a sequence an ``Items`` that remembers the line of each item.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

import yaml

from newsgraph.errors import ErrorCode, SetupError

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _WordsLoader(_BaseLoader):
    """Only ``true``/``false`` are resolved to something other than a string."""


_WordsLoader.yaml_implicit_resolvers = {}
_WordsLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


class Entry(dict[str, Any]):
    """A YAML mapping with the line (1-based) of the mapping and of each key."""

    line: int = 0
    lines: dict[str, int]


class Items(list[Any]):
    """A YAML sequence with the line of the sequence and of each item."""

    line: int = 0
    lines: list[int]


class DataFileError(SetupError):
    def __init__(self, where: str, line: int, message: str) -> None:
        super().__init__(ErrorCode.DATA_FILE, f"{where} line {line}: {message}")


def read(path: Path | Any, where: str) -> Any:
    """The YAML document at ``path`` (a path or an importlib resource) as Entry/Items/str/bool values."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise SetupError(ErrorCode.DATA_FILE, f"{where}: {err}") from err
    try:
        node = yaml.compose(text, Loader=_WordsLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise DataFileError(where, mark.line + 1 if mark else 0, f"not valid YAML: {err}") from err
    return _value(node, where) if node is not None else Entry()


def _value(node: yaml.Node, where: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        entry = Entry()
        entry.line, entry.lines = node.start_mark.line + 1, {}
        for key_node, value_node in node.value:
            key = _value(key_node, where)
            if not isinstance(key, str):
                raise DataFileError(where, key_node.start_mark.line + 1, f"a key must be a word, not {key!r}")
            if key in entry:
                raise DataFileError(where, key_node.start_mark.line + 1, f"{key!r} is given twice")
            entry[key] = _value(value_node, where)
            entry.lines[key] = key_node.start_mark.line + 1
        return entry
    if isinstance(node, yaml.SequenceNode):
        items = Items(_value(n, where) for n in node.value)
        items.line, items.lines = node.start_mark.line + 1, [n.start_mark.line + 1 for n in node.value]
        return items
    if node.tag.endswith(":bool"):
        return node.value == "true"
    return str(node.value)


def check_keys(entry: Any, where: str, line: int, allowed: Collection[str], required: Collection[str] = ()) -> Entry:
    """``entry`` as an Entry whose keys are all allowed and include the required ones."""
    if not isinstance(entry, Entry):
        raise DataFileError(where, line, f"expected a mapping of {', '.join(sorted(allowed))}, got {entry!r}")
    for key in entry:
        if key not in allowed:
            raise DataFileError(where, entry.lines[key], f"unknown key {key!r} (known: {', '.join(sorted(allowed))})")
    missing = sorted(set(required) - set(entry))
    if missing:
        raise DataFileError(where, entry.line, f"missing {', '.join(missing)}")
    return entry


def words(value: Any, where: str, line: int, what: str) -> list[str]:
    """A word or a list of words."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(w, str) and w.strip() for w in items):
        raise DataFileError(where, line, f"{what} must be a word or a list of words, not {value!r}")
    return [w.strip() for w in items]


def flag(entry: Entry, key: str, where: str) -> bool:
    value = entry.get(key, False)
    if not isinstance(value, bool):
        raise DataFileError(where, entry.lines[key], f"{key} must be true or false, not {value!r}")
    return value


def line_of(entry: Entry, key: str) -> int:
    return entry.lines.get(key, entry.line)
