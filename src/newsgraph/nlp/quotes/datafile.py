"""Reading the quote stage's data files so that a mistake names its file and line (E012).

- ``read_yaml`` reads a YAML mapping whose keys must be among the ones the caller knows; values stay as YAML
  gives them, and every word is read as a string (``no`` stays the word, not false).
- ``read_yaml_lists`` is the common case: each key holds a list of words (lower-cased, stripped).
- ``read_csv`` reads a CSV file whose header must name exactly known columns (``#`` lines are comments) and
  hands each row to the caller with its line number, so a bad value can be reported where it is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterator
from typing import Any, Protocol

import yaml

from newsgraph.errors import ErrorCode, SetupError


class Readable(Protocol):
    def read_text(self, encoding: str = ...) -> str: ...


class _Words(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML without implicit types: every scalar is a string (read by libyaml when PyYAML was built with it)."""


_Words.yaml_implicit_resolvers = {}


def data_error(where: str, line: int, message: str) -> SetupError:
    return SetupError(ErrorCode.DATA_FILE, f"{where} line {line}: {message}")


def _text(path: Readable, where: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise SetupError(ErrorCode.DATA_FILE, f"{where}: {err}") from err


def read_yaml(path: Readable, where: str, keys: Collection[str]) -> dict[str, Any]:
    """The mapping in ``path``; a key outside ``keys`` is an E012 error naming its line."""
    try:
        node = yaml.compose(_text(path, where), Loader=_Words)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise data_error(where, mark.line + 1 if mark else 0, f"not valid YAML: {err}") from err
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        raise data_error(where, node.start_mark.line + 1, "expected a mapping of named lists")
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        line = key_node.start_mark.line + 1
        if key not in keys:
            raise data_error(where, line, f"unknown key {key!r}; known: {', '.join(sorted(keys))}")
        if key in out:
            raise data_error(where, line, f"{key!r} is given twice")
        out[key] = yaml.load(yaml.serialize(value_node), Loader=_Words)
    return out


def read_yaml_lists(path: Readable, where: str, keys: Collection[str]) -> dict[str, frozenset[str]]:
    """Each key a list of words: ``{key: frozenset(lower-cased words)}``; every key in ``keys`` must be given."""
    data = read_yaml(path, where, keys)
    missing = [k for k in keys if k not in data]
    if missing:
        raise SetupError(ErrorCode.DATA_FILE, f"{where}: missing {', '.join(missing)}")
    out: dict[str, frozenset[str]] = {}
    for key, value in data.items():
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise SetupError(ErrorCode.DATA_FILE, f"{where}: {key} must be a list of words")
        out[key] = frozenset(v.strip().lower() for v in value)
    return out


def read_csv(path: Readable, where: str, columns: Collection[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; the header must name exactly ``columns`` (in any order)."""
    lines = _text(path, where).splitlines()
    numbered = [(n + 1, line) for n, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]
    if not numbered:
        return
    header_line, header = numbered[0]
    names = next(csv.reader([header]))
    unknown = [n for n in names if n not in columns]
    missing = [c for c in columns if c not in names]
    if unknown or missing:
        raise data_error(where, header_line, f"unknown columns {unknown}, missing columns {missing}")
    for line_no, line in numbered[1:]:
        values = next(csv.reader(io.StringIO(line)))
        if len(values) != len(names):
            raise data_error(where, line_no, f"{len(values)} values for {len(names)} columns")
        yield line_no, dict(zip(names, (v.strip() for v in values), strict=True))
