"""CAMEO codes with Goldstein values and QuadClass, and their PLOVER type, mode and context (``data/cameo.csv``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from newsgraph.errors import ErrorCode, SetupError


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str
    mode: str | None
    context: tuple[str, ...]


class Ontology:
    def __init__(self, codes: dict[str, CameoCode]) -> None:
        self.codes = codes

    def get(self, code: str) -> CameoCode:
        """The entry for ``code``; an unknown 4-digit or 3-digit code falls back to its parent."""
        probe = code
        while probe:
            if probe in self.codes:
                return self.codes[probe]
            probe = probe[:-1] if len(probe) > 2 else ""
        raise SetupError(ErrorCode.DATA_FILE, f"unknown CAMEO code {code!r}")

    def __contains__(self, code: str) -> bool:
        return code in self.codes


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    path = resources.files("newsgraph.kb") / "data" / "cameo.csv"
    codes: dict[str, CameoCode] = {}
    with path.open("r", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            try:
                code = row["code"].strip()
                codes[code] = CameoCode(
                    code=code,
                    name=row["name"].strip(),
                    goldstein=float(row["goldstein"]),
                    quad_class=int(row["quad_class"]),
                    plover=row["plover"].strip().upper(),
                    mode=(row.get("mode") or "").strip() or None,
                    context=tuple(c.strip() for c in (row.get("context") or "").split(";") if c.strip()),
                )
            except (KeyError, ValueError, AttributeError) as err:
                raise SetupError(ErrorCode.DATA_FILE, f"cameo.csv row {row}: {err!r}") from err
    return Ontology(codes)


@lru_cache(maxsize=1)
def plover_types() -> frozenset[str]:
    """The names of the current PLOVER event types (``data/plover.yaml``)."""
    path = resources.files("newsgraph.kb") / "data" / "plover.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return frozenset(str(t["name"]).upper() for t in data["types"])
    except (yaml.YAMLError, KeyError, TypeError) as err:
        raise SetupError(ErrorCode.DATA_FILE, f"plover.yaml: {err!r}") from err
