"""The place stage's data files (``data/`` beside this module), read and checked: a malformed file or an unknown
key stops the run with E012, naming the file and the line.

  country_points.csv         iso3, lat, lon, source: the points of countries whose cities give a poor centre
  us_state_abbreviations.csv state, form: AP-style abbreviations of US states ("Ky.", "N.Y.")
  admin_areas.yaml           first-level areas outside the US by country: names and an anchor city
  macro_regions.yaml         macro-regions, oceans, seas, ranges with their points; blocs that name them
  place_cues.yaml            words around a name that make it a place ("Danbury police", "in Lanexa")
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from newsgraph.errors import ErrorCode, SetupError

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class MacroRegion:
    names: tuple[str, ...]
    kind: str
    lat: float
    lon: float
    country: str | None


@dataclass(frozen=True)
class PlaceCues:
    after: frozenset[str]
    before: frozenset[str]
    of_nouns: frozenset[str]


REGION_KINDS = frozenset({"region", "ocean", "sea", "gulf", "strait", "canal", "lake", "peninsula", "mountains",
                          "desert", "river"})


def _fail(name: str, line: int | None, detail: str) -> SetupError:
    where = f"{name} line {line}" if line else name
    return SetupError(ErrorCode.DATA_FILE, f"{where}: {detail}")


def _rows(name: str, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """The rows of a CSV data file (comment lines start with #), each with its line number."""
    text = (DATA / name).read_text(encoding="utf-8")
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    if not lines or tuple(lines[0][1].split(",")) != columns:
        raise _fail(name, lines[0][0] if lines else None, f"expected the header {','.join(columns)}")
    out = []
    for n, line in lines[1:]:
        values = next(csv.reader(io.StringIO(line)))
        if len(values) != len(columns) or not all(v.strip() for v in values):
            raise _fail(name, n, f"expected {len(columns)} non-empty values, got {values}")
        out.append((n, dict(zip(columns, (v.strip() for v in values), strict=True))))
    return out


def _yaml(name: str) -> Any:
    """A YAML data file, its mappings' line numbers kept under the key ``__line__``."""

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # libyaml when built
        pass

    def mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
        value = loader.construct_mapping(node, deep=True)
        value["__line__"] = node.start_mark.line + 1
        return value

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    try:
        return yaml.load((DATA / name).read_text(encoding="utf-8"), Loader=Loader)
    except yaml.YAMLError as err:
        raise _fail(name, None, str(err)) from err


def _check_keys(name: str, entry: Any, allowed: set[str], required: set[str]) -> None:
    if not isinstance(entry, dict):
        raise _fail(name, None, f"expected a mapping, got {entry!r}")
    keys = set(entry) - {"__line__"}
    if keys - allowed:
        raise _fail(name, entry.get("__line__"), f"unknown key(s) {sorted(keys - allowed)}; known: {sorted(allowed)}")
    if required - keys:
        raise _fail(name, entry.get("__line__"), f"missing key(s) {sorted(required - keys)}")


def _number(name: str, entry: dict[str, Any], key: str, low: float, high: float) -> float:
    value = entry[key]
    if not isinstance(value, int | float) or not low <= value <= high:
        raise _fail(name, entry.get("__line__"), f"{key} must be a number in [{low}, {high}], not {value!r}")
    return float(value)


def _names(name: str, entry: dict[str, Any]) -> tuple[str, ...]:
    names = entry["names"]
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
        raise _fail(name, entry.get("__line__"), f"names must be a list of strings, not {names!r}")
    return tuple(names)


@lru_cache(maxsize=1)
def country_points() -> dict[str, tuple[float, float]]:
    name = "country_points.csv"
    out = {}
    for n, row in _rows(name, ("iso3", "lat", "lon", "source")):
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError as err:
            raise _fail(name, n, str(err)) from err
        if len(row["iso3"]) != 3 or not -90 <= lat <= 90 or not -180 <= lon <= 180 or \
                row["source"] not in {"geonames", "factbook"}:
            raise _fail(name, n, f"bad row {row}")
        out[row["iso3"]] = (lat, lon)
    return out


@lru_cache(maxsize=1)
def us_state_abbreviations() -> list[tuple[str, str]]:
    return [(row["state"], row["form"]) for _, row in _rows("us_state_abbreviations.csv", ("state", "form"))]


@lru_cache(maxsize=1)
def admin_areas() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """ISO2 -> [(names, anchor city)]."""
    name = "admin_areas.yaml"
    data = _yaml(name)
    if not isinstance(data, dict):
        raise _fail(name, None, "expected a mapping of country codes")
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for iso2, entries in data.items():
        if iso2 == "__line__":
            continue
        if not isinstance(entries, list):
            raise _fail(name, data.get("__line__"), f"{iso2}: expected a list of areas")
        for entry in entries:
            _check_keys(name, entry, {"names", "anchor"}, {"names", "anchor"})
            out.setdefault(str(iso2), []).append((_names(name, entry), str(entry["anchor"])))
    return out


@lru_cache(maxsize=1)
def macro_regions() -> tuple[list[MacroRegion], dict[str, str]]:
    """The regions, and the knowledge-base blocs mapped to the name of the place they cover."""
    name = "macro_regions.yaml"
    data = _yaml(name)
    _check_keys(name, data, {"blocs", "regions"}, {"blocs", "regions"})
    regions = []
    for entry in data["regions"]:
        _check_keys(name, entry, {"names", "kind", "lat", "lon", "country"}, {"names", "kind", "lat", "lon"})
        if entry["kind"] not in REGION_KINDS:
            raise _fail(name, entry["__line__"], f"kind {entry['kind']!r} is not one of {sorted(REGION_KINDS)}")
        regions.append(MacroRegion(_names(name, entry), entry["kind"], _number(name, entry, "lat", -90, 90),
                                   _number(name, entry, "lon", -180, 180), entry.get("country")))
    blocs = {str(k): str(v) for k, v in data["blocs"].items() if k != "__line__"}
    known = {n for r in regions for n in r.names} | CONTINENTS
    unknown = sorted(v for v in blocs.values() if v not in known)
    if unknown:
        raise _fail(name, data["blocs"].get("__line__"), f"blocs name places that are not listed: {unknown}")
    return regions, blocs


CONTINENTS = frozenset({"Africa", "Asia", "Europe", "North America", "Oceania", "South America", "Antarctica"})


@lru_cache(maxsize=1)
def place_cues() -> PlaceCues:
    name = "place_cues.yaml"
    data = _yaml(name)
    _check_keys(name, data, {"after", "before", "of_nouns"}, {"after", "before", "of_nouns"})
    words = {}
    for key in ("after", "before", "of_nouns"):
        if not isinstance(data[key], list) or not all(isinstance(w, str) for w in data[key]):
            raise _fail(name, data["__line__"], f"{key} must be a list of words")
        words[key] = frozenset(w.lower() for w in data[key])
    return PlaceCues(**words)
