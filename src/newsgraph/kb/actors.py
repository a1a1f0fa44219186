"""The actor knowledge base, read from the YAML/CSV files in ``data/`` plus any user files layered on top.

Files (documented in ``data/README.md``):
  countries.yaml   states: codes, names, aliases, demonyms, capitals and seats of power
  blocs.yaml       regions, alliances and international organisations
  people.csv       people with dated offices (roles: leader, head_of_state, head_of_government, ...)
  sectors.yaml     sector codes with the role nouns that imply them, and role nouns for offices

A user file is YAML with any of the keys ``countries``, ``blocs``, ``people`` (same fields as the CSV columns,
``aliases`` and ``roles`` as lists) and ``sectors``; an entry whose code/id/name matches a shipped one replaces it.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newsgraph.cache import cached, digest
from newsgraph.errors import ErrorCode, SetupError
from newsgraph.kb.keys import ROLES, check_keys

EAST_ASIAN_SURNAME_FIRST = frozenset({"CHN", "TWN", "PRK", "KOR", "VNM", "HKG", "MAC"})


@dataclass(frozen=True)
class Actor:
    """One row of the record's ``actors`` table."""

    id: str
    name: str
    kind: str  # state | bloc | igo | person | organisation | group
    country: str | None
    sector: str | None
    description: str | None = None

    def as_record(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "sector": self.sector,
        }
        if self.description:
            out["description"] = self.description
        return out


@dataclass(frozen=True)
class Term:
    roles: frozenset[str]
    office: str
    start: str
    end: str | None

    def covers(self, date: str) -> bool:
        day = _as_day(date)
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str
    terms: list[Term] = field(default_factory=list)

    def actor(self) -> Actor:
        return Actor(self.id, self.name, "person", self.country, self.sector)

    def holds(self, role: str, date: str | None) -> bool:
        return any(role in t.roles and (date is None or t.covers(date)) for t in self.terms)



@dataclass(frozen=True)
class NameHit:
    """What a surface form can mean: ``kind`` is state, demonym, capital, seat, bloc, bloc_demonym or person."""

    kind: str
    target: str  # a state code, bloc id or person id
    sector: str | None = None


def normalize(text: str) -> str:
    """The key a surface form is indexed under: lower case, straight apostrophes, no leading 'the'."""
    text = text.replace("’", "'").replace("‘", "'").replace("\u2011", "-").strip().lower()
    text = re.sub(r"\s+", " ", text)
    if text.startswith("the "):
        text = text[4:]
    return text


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", normalize(name)).strip("_")


def _as_day(date: str) -> str:
    """A TIMEX-style date as one comparable day: a year becomes its middle, a month its middle."""
    if re.fullmatch(r"\d{4}", date):
        return f"{date}-07-01"
    if re.fullmatch(r"\d{4}-\d{2}", date):
        return f"{date}-15"
    return date[:10]


class KnowledgeBase:
    """Names to actors, roles to office holders, role nouns to sectors."""

    def __init__(self) -> None:
        self.states: dict[str, dict[str, Any]] = {}
        self.blocs: dict[str, dict[str, Any]] = {}
        self.people: dict[str, Person] = {}
        self.sector_names: dict[str, str] = {}
        self.sector_nouns: dict[str, str] = {}
        self.role_nouns: dict[str, list[tuple[str, frozenset[str] | None]]] = defaultdict(list)
        self.names: dict[str, list[NameHit]] = defaultdict(list)
        self.surnames: dict[str, list[str]] = defaultdict(list)
        self.acronyms: set[str] = set()  # keys written in capitals in the data ("US", "WHO"): match only so

    # ---- building -------------------------------------------------------------------------------------
    def add_states(self, entries: Iterable[Mapping[str, Any]]) -> None:
        """Add or replace states; an entry with ``extend: true`` adds its names to an existing state instead."""
        for entry in entries:
            code = str(entry["code"]).upper()
            if entry.get("extend") and code in self.states:
                known = self.states[code]
                extra = [entry.get("name"), *(entry.get("aliases") or [])]
                known["aliases"] = [*(known.get("aliases") or []), *(n for n in extra if n)]
                known["demonyms"] = [*(known.get("demonyms") or []), *(entry.get("demonyms") or [])]
                continue
            self.states[code] = dict(entry, code=code)

    def add_blocs(self, entries: Iterable[Mapping[str, Any]]) -> None:
        for entry in entries:
            self.blocs[str(entry["id"])] = dict(entry)

    def add_person_row(self, row: Mapping[str, Any]) -> None:
        name = str(row["name"]).strip()
        country = str(row["country"]).strip().upper()
        sector = str(row.get("sector") or "GOV").strip().upper()
        pid = f"{country}.{sector}.{slug(name)}"
        aliases = _as_list(row.get("aliases"), sep="|")
        roles = frozenset(r for r in _as_list(row.get("roles"), sep="|") if r)
        unknown = roles - set(ROLES)
        if unknown:
            raise SetupError(ErrorCode.DATA_FILE, f"person {name!r}: unknown roles {sorted(unknown)}")
        person = self.people.get(pid) or Person(pid, name, tuple(aliases), country, sector)
        person.aliases = tuple(dict.fromkeys((*person.aliases, *aliases)))
        start = str(row.get("start") or "0000-01-01")
        end = str(row["end"]) if row.get("end") else None
        person.terms.append(Term(roles, str(row.get("office") or ""), start, end))
        self.people[pid] = person

    def add_sectors(self, data: Mapping[str, Any]) -> None:
        for code, spec in data.items():
            if code == "roles":
                for role, phrases in (spec or {}).items():
                    for item in phrases or []:
                        if isinstance(item, Mapping):
                            countries = frozenset(c.upper() for c in item.get("countries") or []) or None
                            self.role_nouns[normalize(str(item["phrase"]))].append((role, countries))
                        else:
                            self.role_nouns[normalize(str(item))].append((role, None))
                continue
            self.sector_names[code] = str(spec.get("name", code))
            for noun in spec.get("nouns") or []:
                self.sector_nouns[normalize(str(noun))] = code

    def index(self) -> None:
        """(Re)build the name index from the tables. Call after the last ``add_*``."""
        self.names.clear()
        self.surnames.clear()
        for code, st in self.states.items():
            for name in [st.get("name"), *(st.get("aliases") or [])]:
                self._index(name, NameHit("state", code))
            for name in st.get("demonyms") or []:
                self._index(name, NameHit("demonym", code))
            for name in [st.get("capital"), *(st.get("capital_aliases") or [])]:
                self._index(name, NameHit("capital", code, "GOV"))
            for name, sector in (st.get("seats") or {}).items():
                self._index(name, NameHit("seat", code, str(sector)))
        for bid, bloc in self.blocs.items():
            for name in [bloc.get("name"), *(bloc.get("aliases") or [])]:
                self._index(name, NameHit("bloc", bid))
            for name in bloc.get("demonyms") or []:
                self._index(name, NameHit("bloc_demonym", bid))
            for name, sector in (bloc.get("seats") or {}).items():
                self._index(name, NameHit("seat", bid, str(sector)))
        for pid, person in self.people.items():
            for name in (person.name, *person.aliases):
                self._index(name, NameHit("person", pid))
            for short in short_names(person.name, person.country):
                self.surnames[normalize(short)].append(pid)

    def _index(self, name: Any, hit: NameHit) -> None:
        if not name:
            return
        key = normalize(str(name))
        letters = re.sub(r"[^A-Za-z]", "", str(name))
        if letters.isupper() and len(letters) <= 6:
            self.acronyms.add(key)
            self.acronyms.add(key.replace(".", ""))
        if hit not in self.names[key]:
            self.names[key].append(hit)
        if "." in key:  # "U.S." is also written "US"
            bare = key.replace(".", "")
            if bare and hit not in self.names[bare] and len(bare) > 1:
                self.names[bare].append(hit)

    # ---- queries --------------------------------------------------------------------------------------
    def lookup(self, text: str) -> list[NameHit]:
        return self.names.get(normalize(text), [])

    def surface_forms(self) -> list[str]:
        """Every indexed name, for a phrase matcher."""
        return list(self.names)

    def state_actor(self, code: str, sector: str | None = None) -> Actor:
        if code in self.blocs:
            return self.bloc_actor(code)
        st = self.states.get(code, {})
        name = str(st.get("name", code))
        if sector:
            label = self.sector_names.get(sector, sector).lower()
            return Actor(f"{code}.{sector}", f"{name} ({label})", "group", code, sector)
        return Actor(code, name, "state", code, None)

    def bloc_actor(self, bid: str) -> Actor:
        bloc = self.blocs[bid]
        kind = {"region": "bloc", "organisation": "organisation", "group": "group"}.get(str(bloc.get("kind")), "igo")
        return Actor(bid, str(bloc.get("name", bid)), kind, str(bloc.get("country") or bid), bloc.get("sector"))

    def people_by_surname(self, short: str, date: str | None, countries: Iterable[str] = ()) -> list[Person]:
        """People whose short name is ``short``: those in office at ``date`` first, then those of ``countries``."""
        found = [self.people[p] for p in self.surnames.get(normalize(short), [])]
        if len(found) <= 1:
            return found
        wanted = set(countries)
        return sorted(
            found,
            key=lambda p: (
                not any(t.covers(date) for t in p.terms) if date else False,
                p.country not in wanted,
            ),
        )

    def in_office_near(self, pid: str, date: str, years: int = 2) -> bool:
        """Did the person hold any office within ``years`` of ``date``?"""
        day = _as_day(date)
        year = int(day[:4])
        low, high = f"{year - years}{day[4:]}", f"{year + years}{day[4:]}"
        return any(t.start <= high and (t.end is None or t.end >= low) for t in self.people[pid].terms)

    def office_holder(self, country: str, role: str, date: str | None) -> Person | None:
        """Who held ``role`` for ``country`` at ``date`` (a TIMEX date; None means 'any time, latest')."""
        holders = [p for p in self.people.values() if p.country == country and p.holds(role, date)]
        if not holders:
            return None
        return max(holders, key=lambda p: max(t.start for t in p.terms if role in t.roles))

    def sector_for(self, noun: str) -> str | None:
        key = normalize(noun)
        if key in self.sector_nouns:
            return self.sector_nouns[key]
        singular = _singular(key)
        return self.sector_nouns.get(singular) if singular else None

    def role_for(self, noun: str, country: str | None) -> str | None:
        key = normalize(noun)
        options = self.role_nouns.get(key) or self.role_nouns.get(_singular(key) or "", [])
        for role, countries in options:
            if countries is None or (country and country in countries):
                return role
        return None

    def dyad_code(self, code: str) -> str:
        """The country-level code of a state or bloc id ("EU" → "EUR", "NATO" → "NAT", "CHN" → "CHN")."""
        return self.country_of_bloc(code) if code in self.blocs else code

    def country_of_bloc(self, bid: str) -> str:
        return str(self.blocs[bid].get("country") or bid)


def short_names(name: str, country: str) -> list[str]:
    """The short forms a report uses after first mention: the surname (first token for East Asian names)."""
    tokens = [t for t in re.split(r"\s+", name.strip()) if t]
    if len(tokens) < 2:
        return []
    if country in EAST_ASIAN_SURNAME_FIRST:
        return [tokens[0]]
    particles = {"bin", "al", "de", "van", "von", "da", "di", "el", "ibn", "la", "le", "du", "der"}
    last = tokens[-1]
    if len(tokens) >= 3 and tokens[-2].lower() in particles:
        return [" ".join(tokens[-2:]), last]
    return [last]


def _singular(noun: str) -> str | None:
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith(("ches", "shes", "sses", "xes")):
        return noun[:-2]
    if noun.endswith("s") and not noun.endswith("ss") and len(noun) > 3:
        return noun[:-1]
    return None


def _as_list(value: Any, sep: str) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).split(sep) if v.strip()]


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path | Any, section: str | None = None) -> Any:
    """A YAML file of the knowledge base; its keys are checked first (``section`` names what a top-level list
    holds; None: a user file of sections), so a misspelt key stops the run with E012 naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
        check_keys(path, yaml.compose(text, Loader=_LOADER), section)
        return yaml.load(text, Loader=_LOADER)
    except (OSError, yaml.YAMLError) as err:
        raise SetupError(ErrorCode.DATA_FILE, f"{path}: {err}") from err


def _data_dir() -> Any:
    return resources.files("newsgraph.kb") / "data"


def load_user_file(kb: KnowledgeBase, path: str | Path) -> None:
    data = _read_yaml(Path(path))
    if not isinstance(data, Mapping):
        raise SetupError(ErrorCode.DATA_FILE, f"{path}: expected a mapping with countries/blocs/people/sectors")
    try:
        kb.add_states(data.get("countries") or [])
        kb.add_blocs(data.get("blocs") or [])
        for row in data.get("people") or []:
            kb.add_person_row(row)
        if data.get("sectors"):
            kb.add_sectors(data["sectors"])
    except (KeyError, TypeError, AttributeError) as err:
        raise SetupError(ErrorCode.DATA_FILE, f"{path}: {err!r}") from err


@lru_cache(maxsize=8)
def load_kb(extra_files: tuple[str, ...] = ()) -> KnowledgeBase:
    """The shipped knowledge base with ``extra_files`` layered on top (cached per combination in this process,
    and compiled on disk: see ``newsgraph.cache``)."""
    data = _data_dir()
    sources = [data / "countries.yaml", data / "blocs.yaml", data / "sectors.yaml", data / "people.csv",
               *(Path(path) for path in extra_files if Path(path).is_file())]
    name = "kb+" + digest(extra_files)[:12] if extra_files else "kb"
    return cached(name, [*sources, *extra_files], lambda: _build_kb(extra_files))


def _build_kb(extra_files: tuple[str, ...]) -> KnowledgeBase:
    kb = KnowledgeBase()
    data = _data_dir()
    kb.add_states(_read_yaml(data / "countries.yaml", "countries") or [])
    kb.add_blocs(_read_yaml(data / "blocs.yaml", "blocs") or [])
    kb.add_sectors(_read_yaml(data / "sectors.yaml", "sectors") or {})
    with (data / "people.csv").open("r", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            kb.add_person_row(row)
    for path in extra_files:
        load_user_file(kb, path)
    kb.index()
    return kb
