"""The geoparsing scorer: its reader and its arithmetic on a small file written here, and one run on the gold."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.evaluate.places import (
    GOLD_FILES,
    _published,
    evaluate_places,
    format_place_scores,
    gold_paths,
    haversine_km,
    read_gold,
    score_places,
)

TEXT_A = "Flooding hit Springfield on Monday. Officials in Paris said the Turkish team was safe."
TEXT_B = "Nothing happened in Smallville."


def _toponym(phrase: str, start: int, gaz: str = "") -> str:
    return (f"<toponym><phrase>{phrase}</phrase><start>{start}</start><end>{start + len(phrase)}</end>{gaz}"
            "</toponym>")


def _gaz(gid: int, name: str, lat: float, lon: float, country_gid: int, country: str) -> str:
    return (f'<gaztag geonameid="{gid}"><name>{name}</name><fclass>P</fclass><fcode>PPL</fcode><lat>{lat}</lat>'
            f'<lon>{lon}</lon><country geonameid="{country_gid}">{country}</country></gaztag>')


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    springfield = _gaz(4250542, "Springfield", 39.80172, -89.64371, 6252001, "United States")
    paris = _gaz(2988507, "Paris", 48.85341, 2.3488, 3017382, "France")
    turkey = ('<gaztag geonameid="298795"><name>Turkey</name><fclass>A</fclass><fcode>PCLI</fcode><lat>39</lat>'
              '<lon>35</lon><country geonameid="298795">Turkey</country></gaztag>')
    articles = (
        f'<article docid="a1"><dltime>2016-12-19 10:00:00</dltime><text><![CDATA[{TEXT_A}]]></text><toponyms>'
        + _toponym("Springfield", TEXT_A.index("Springfield"), springfield)
        + _toponym("Paris", TEXT_A.index("Paris") + 2, paris)  # offsets two characters off: realigned
        + _toponym("Turkish", TEXT_A.index("Turkish"), turkey)
        + _toponym("Atlantis", 3)  # not in the text: dropped
        + "</toponyms></article>"
        f'<article docid="a2"><dltime>Wed Nov 23, 2016 | 4:58pm EST</dltime><text><![CDATA[{TEXT_B}]]></text><toponyms>'
        + _toponym("Smallville", TEXT_B.index("Smallville"))  # no gazetteer entry: no coordinates
        + "</toponyms></article>"
    )
    path = tmp_path / "TR-News.xml"
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<articles>{articles}</articles>\n', encoding="utf-8")
    return path


def test_reader(gold_file: Path) -> None:
    first, second = read_gold(gold_file)
    assert (first.id, first.published, second.published) == ("a1", "2016-12-19", "2016-11-23")
    assert [t.phrase for t in first.toponyms] == ["Springfield", "Paris", "Turkish"]
    assert (first.realigned, first.unaligned) == (1, 1)
    for top in first.toponyms:
        assert first.text[top.start : top.end] == top.phrase
    assert [t.country for t in first.toponyms] == ["USA", "FRA", "TUR"]  # from the GeoNames ids
    (smallville,) = second.toponyms
    assert not smallville.has_coords and smallville.country is None


@pytest.mark.parametrize(("dltime", "day"), [
    ("2009-03-20 12:24:52.002364-05", "2009-03-20"), ("17 December 2016", "2016-12-17"),
    ("Dec 5, 2016 9:05 AM ET", "2016-12-05"), ("Nov. 30, 2016 MST", "2016-11-30"), ("", None), ("soon", None),
])
def test_download_time_as_a_day(dltime: str, day: str | None) -> None:
    assert _published(dltime) == day


def test_haversine() -> None:
    assert haversine_km(48.8566, 2.3522, 48.8566, 2.3522) == 0.0
    assert 335 < haversine_km(48.8566, 2.3522, 51.5074, -0.1278) < 350  # Paris to London
    assert 19_900 < haversine_km(0.0, 0.0, 0.0, 180.0) < 20_100  # half the equator


def _place(text: str, phrase: str, lat: float | None, lon: float | None, country: str | None,
           metonymy: bool = False) -> dict:
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase), "text": phrase, "name": phrase, "country": country,
            "lat": lat, "lon": lon, "geonameid": None, "metonymy": metonymy}


def test_scores(gold_file: Path) -> None:
    articles = read_gold(gold_file)
    records = [
        {"places": [
            _place(TEXT_A, "Springfield", 42.1, -72.59, "USA"),  # Springfield, Mass.: right country, far off
            _place(TEXT_A, "Paris", 48.86, 2.35, "FRA", metonymy=True),  # right
            _place(TEXT_A, "Flooding", None, None, None),  # not a gold toponym
        ]},
        {"places": [_place(TEXT_B, "Smallville", 38.0, -97.0, "USA")]},  # found; its gold has no coordinates
    ]
    errors: list[dict] = []
    s = score_places(articles, records, errors)
    assert (s["gold"], s["gold_coords"], s["gold_no_coords"], s["gold_demonyms"]) == (4, 3, 1, 1)
    assert s["found_share"] == 3 / 4  # Turkish is missed
    assert s["acc161"] == 1 / 3  # Paris only, of the three with coordinates
    assert s["acc161_found"] == 1 / 2
    assert s["acc161_no_demonyms"] == 1 / 2 and s["found_no_demonyms"] == 3 / 3
    assert s["country_accuracy"] == 2 / 3  # Springfield and Paris, not Turkish
    assert s["precision"] == 3 / 4
    assert (s["metonymy"], s["metonymy_on_gold"]) == (1, 1.0)
    assert 700 < s["median_km"] < 750  # the middle of ~1 km (Paris) and ~1,450 km (the wrong Springfield)
    kinds = sorted((e["kind"], e["phrase"]) for e in errors)
    assert kinds == [("far", "Springfield"), ("missed", "Turkish"), ("spurious", "Flooding")]
    lines = format_place_scores(s)
    assert any("33.3%" in line for line in lines)


def test_gold_paths_skip_absent_files(tmp_path: Path, gold_file: Path) -> None:
    assert gold_paths(gold_file.parent) == {"trnews": gold_file}
    assert gold_paths(tmp_path / "nowhere") == {}


@pytest.mark.parametrize("key", sorted(GOLD_FILES))
def test_real_gold(analyzer, shared: Path, key: str) -> None:
    path = shared / "gold" / "geo" / GOLD_FILES[key]
    if not path.exists():
        pytest.skip(f"no geoparsing gold at {path}")
    scores = evaluate_places(analyzer, path, limit=5)
    for name in ("acc161", "found_share", "acc161_found", "country_accuracy", "precision", "acc161_no_demonyms",
                 "found_no_demonyms", "median_km", "gold", "gold_no_coords", "predicted", "articles"):
        assert name in scores
    assert scores["articles"] == 5
