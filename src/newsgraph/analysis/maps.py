"""The world map of a store: what the web UI's Map page and ``newsgraph plot map`` draw.

* **Countries** shaded by how many events they took part in (as source or target country; asserted,
  non-negated events, once per story and once per country — ``query.country_activity``) or by the mean
  Goldstein value of those events.
* **Event places** as points sized by the number of events that happened there (``query.event_places``).

Outlines come from ``kb.geo`` (Natural Earth 1:110m shapes in an installed package); they are projected here
with the Equal Earth projection (Šavrič, Patterson and Jenny, 2018: an equal-area pseudocylindrical projection,
so a large country does not look larger than it is), to plane coordinates with x east and y north, in units of
the Earth's radius. The web UI draws them as SVG, ``plot map`` with matplotlib.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from newsgraph.analysis import query
from newsgraph.kb.geo import countries, outlines
from newsgraph.store.db import Store

METRICS = ("events", "goldstein")
# Equal Earth's polynomial coefficients
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """(longitude, latitude) in degrees → Equal Earth (x, y) on a sphere of radius 1."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


#: the projected world's extent: x within ±X_MAX, y within ±Y_MAX
X_MAX = equal_earth(180.0, 0.0)[0]
Y_MAX = equal_earth(0.0, 90.0)[1]


def _area(ring: list[tuple[float, float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


@lru_cache(maxsize=1)
def projected_outlines() -> list[tuple[str, list[list[tuple[float, float]]]]]:
    """(ISO alpha-3, projected rings) for every country with an outline, largest first — so that a country
    inside another (Lesotho in South Africa) is drawn after, and so on top of, it."""
    shapes = [(iso3, [[equal_earth(lon, lat) for lon, lat in ring] for ring in rings])
              for iso3, rings in outlines().items()]
    return sorted(shapes, key=lambda item: (-sum(_area(r) for r in item[1]), item[0]))


@dataclass
class WorldMap:
    """What a map shows: per country its events and mean Goldstein, and the event places."""

    metric: str = "events"
    countries: dict[str, dict[str, Any]] = field(default_factory=dict)
    places: list[dict[str, Any]] = field(default_factory=list)
    dyads: list[dict[str, Any]] = field(default_factory=list)

    @property
    def peak(self) -> int:
        return max((int(c["events"]) for c in self.countries.values()), default=0)

    def value(self, iso3: str) -> float | None:
        row = self.countries.get(iso3)
        if row is None:
            return None
        return float(row["events"]) if self.metric == "events" else row["goldstein_mean"]


def world_map(store: Store, since: str | None = None, until: str | None = None, plover: str | None = None,
              quad_class: int | None = None, metric: str = "events", top_dyads: int = 15) -> WorldMap:
    """The map of the events between ``since`` and ``until`` (optionally of one PLOVER type or QuadClass)."""
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {', '.join(METRICS)}, not {metric!r}")
    names = countries()
    active = query.country_activity(store, since, until, plover, quad_class).to_pylist()
    known = {r["actor_id"]: r["name"] for r in store.query(
        "SELECT actor_id, mode(name) AS name FROM actors WHERE actor_id IN (SELECT unnest(?)) GROUP BY actor_id",
        [[row["country"] for row in active]]).to_pylist()}
    for row in active:
        geo = names.get(row["country"])
        row["name"] = known.get(row["country"]) or (geo.name if geo else row["country"])
        row["actor"] = row["country"] in known  # the country is an actor of its own: it has a page
    places = query.event_places(store, since, until, plover, quad_class).to_pylist()
    dyads = query.network(store, since=since, until=until, plover=plover, quad_class=quad_class).to_pylist()
    return WorldMap(metric, {row["country"]: row for row in active}, places, dyads[:top_dyads])
