"""Charts as SVG, drawn here so the web UI needs no charting library and no network.

* ``dyad_svg``: two countries over time — per period, a pair of stacked bars (A→B, then B→A) of events by
  QuadClass, and below them the mean Goldstein value of each direction as a line on a fixed -10…+10 scale.
* ``network_svg``: countries on a circle (most active first, clockwise from the top: the same data always
  gives the same picture), events as curved edges — width by count, colour from conflict red through grey to
  cooperation green by mean Goldstein value; A→B and B→A bend to opposite sides so both stay visible.

Every label goes through ``escape``; the SVG is inline in the page and carries no script.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from newsgraph.analysis.query import DyadSeries, dyad_series
from newsgraph.vocab import QUADS, Quad

DIRECTION_COLOURS = ("#2166ac", "#e08214")


def quad_css(quads: tuple[Quad, ...]) -> str:
    """CSS for the QuadClass badges ``.quad.q1`` … ``.q4``: each quad's colour, with dark text on light ones."""
    rules = []
    for q in quads:
        r, g, b = (int(q.colour[i : i + 2], 16) for i in (1, 3, 5))
        text = "#1a1a1a" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#fff"
        rules.append(f".quad.q{q.code} {{ background: {q.colour}; color: {text}; }}")
    return "\n".join(rules) + "\n"


def goldstein_colour(value: float | None) -> str:
    """-10 → red, 0 → grey, +10 → green."""
    v = max(-1.0, min(1.0, (value or 0.0) / 10.0))
    grey, end = (150, 150, 150), ((27, 120, 55) if v >= 0 else (178, 24, 43))
    r, g, b = (round(c0 + (c1 - c0) * abs(v)) for c0, c1 in zip(grey, end, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def _text(x: float, y: float, label: object, anchor: str = "middle", size: int = 11, cls: str = "") -> str:
    extra = f' class="{cls}"' if cls else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}"{extra}>'
            f"{escape(str(label))}</text>")


@dataclass(frozen=True)
class _Frame:
    """Where the parts of the dyad chart go: bars above, the mean-Goldstein lines below, the legend last."""

    width: int
    periods: int
    left: int = 50
    right: int = 20
    top: int = 30
    bar_h: int = 190
    gap: int = 40
    line_h: int = 110

    @property
    def height(self) -> int:
        return self.top + self.bar_h + self.gap + self.line_h + 60

    @property
    def step(self) -> float:
        return (self.width - self.left - self.right) / self.periods

    def centre(self, i: int) -> float:
        return self.left + self.step * (i + 0.5)


def dyad_svg(rows: list[dict[str, Any]], a: str, b: str, width: int = 820) -> Markup:
    """The A–B series (rows of ``query.dyads``) as one SVG; an empty series says so."""
    series = dyad_series(rows, a, b)
    if not series.periods:
        return Markup(f'<svg class="chart" viewBox="0 0 {width} 60" role="img" aria-label="no events">'
                      f'{_text(width / 2, 35, f"no counted events between {a} and {b}")}</svg>')
    frame = _Frame(width, len(series.periods))
    parts = [f'<svg class="chart" viewBox="0 0 {width} {frame.height}" role="img" '
             f'aria-label="{escape(a)} and {escape(b)} over time">']
    parts += _dyad_bars(series, frame, max(r["events"] for r in rows))
    parts += _dyad_lines(series, frame)
    parts += _dyad_legend(series, frame)
    parts.append("</svg>")
    return Markup("".join(parts))


def _dyad_bars(series: DyadSeries, f: _Frame, peak: int) -> list[str]:
    """Per period a pair of stacked bars by QuadClass (A→B left, B→A right), with the period below."""
    a, b = series.a, series.b
    parts = [_text(f.left, 16, f"events per period: left bar {a}→{b}, right bar {b}→{a}", "start", 12)]
    bar_w = max(2.0, min(28.0, f.step * 0.38))
    for frac in (0.0, 0.5, 1.0):
        y = f.top + f.bar_h * (1 - frac)
        parts.append(f'<line x1="{f.left}" x2="{f.width - f.right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        parts.append(_text(f.left - 6, y + 4, round(peak * frac, 1), "end", 10))
    for i, period in enumerate(series.periods):
        centre = f.centre(i)
        for side, (src, tgt) in enumerate(series.directions):
            row = series.row(period, src, tgt)
            if row is None:
                continue
            x = centre - bar_w - 1 if side == 0 else centre + 1
            y = f.top + f.bar_h
            for quad in (q for q in QUADS if row[q.key]):
                h = f.bar_h * row[quad.key] / peak
                y -= h
                parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                             f'fill="{quad.colour}"><title>'
                             f'{escape(f"{period} {src}→{tgt}: {row[quad.key]} {quad.label}")}</title></rect>')
        if len(series.periods) <= 24 or i % math.ceil(len(series.periods) / 24) == 0:
            parts.append(_text(centre, f.height - 38, period[:7], "middle", 10))
    return parts


def _dyad_lines(series: DyadSeries, f: _Frame) -> list[str]:
    """The mean Goldstein value of each direction as a line on a fixed -10…+10 scale."""
    base = f.top + f.bar_h + f.gap
    zero = base + f.line_h / 2
    parts = [_text(f.left, base - 8, "mean Goldstein (-10 conflict … +10 cooperation)", "start", 12),
             f'<line x1="{f.left}" x2="{f.width - f.right}" y1="{zero:.1f}" y2="{zero:.1f}" class="grid"/>']
    for value, y in ((10, base), (0, zero), (-10, base + f.line_h)):
        parts.append(_text(f.left - 6, y + 4, value, "end", 10))
    for (src, tgt), colour in zip(series.directions, DIRECTION_COLOURS, strict=True):
        points = []
        for i, period in enumerate(series.periods):
            row = series.row(period, src, tgt)
            if row is not None and row["goldstein_mean"] is not None:
                y = zero - (f.line_h / 2) * float(row["goldstein_mean"]) / 10
                points.append((f.centre(i), y, period, row["goldstein_mean"]))
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in points)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for x, y, period, value in points:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}">'
                         f"<title>{escape(f'{period} {src}→{tgt}: mean Goldstein {value}')}</title></circle>")
    return parts


def _dyad_legend(series: DyadSeries, f: _Frame) -> list[str]:
    parts = []
    legend_y, x = f.height - 14, float(f.left)
    a, b = series.a, series.b
    for key_colour, label in [*((q.colour, q.label) for q in QUADS),
                              *zip(DIRECTION_COLOURS, (f"{a}→{b}", f"{b}→{a}"), strict=True)]:
        parts.append(f'<rect x="{x:.1f}" y="{legend_y - 9}" width="10" height="10" fill="{key_colour}"/>')
        parts.append(_text(x + 14, legend_y, label, "start", 10))
        x += 14 + 7 * len(label) + 14
    return parts


def network_layout(edges: list[dict[str, Any]], top: int = 30) -> list[tuple[str, int, float, float]]:
    """(country, events, x, y) on a unit circle, most active first from the top, clockwise; ties by code."""
    weight: dict[str, int] = {}
    for e in edges:
        for code in (e["source_country"], e["target_country"]):
            weight[code] = weight.get(code, 0) + int(e["events"])
    ranked = sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    n = len(ranked)
    return [(code, w, math.sin(2 * math.pi * i / n), -math.cos(2 * math.pi * i / n))
            for i, (code, w) in enumerate(ranked)]


def _towards(x: float, y: float, tx: float, ty: float, by: float) -> tuple[float, float]:
    """The point ``by`` units from (x, y) in the direction of (tx, ty)."""
    length = math.hypot(tx - x, ty - y) or 1.0
    return x + (tx - x) * by / length, y + (ty - y) * by / length


def network_svg(edges: list[dict[str, Any]], top: int = 30, size: int = 640) -> Markup:
    """The country network (rows of ``query.network``) as one SVG, nodes linking to actors, edges to dyads."""
    nodes = network_layout(edges, top)
    if not nodes:
        return Markup(f'<svg class="chart" viewBox="0 0 {size} 60" role="img" aria-label="no events">'
                      f'{_text(size / 2, 35, "no counted events in this period")}</svg>')
    centre, radius = size / 2, size / 2 - 60
    where = {code: (centre + radius * x, centre + radius * y) for code, _, x, y in nodes}
    peak_edge = max(int(e["events"]) for e in edges)
    peak_node = max(w for _, w, _, _ in nodes)
    radius_of = {code: 6 + 14 * math.sqrt(w / peak_node) for code, w, _, _ in nodes}
    parts = [f'<svg class="chart network" viewBox="0 0 {size} {size}" role="img" aria-label="country network">']
    for e in edges:
        src, tgt = e["source_country"], e["target_country"]
        if src not in where or tgt not in where:
            continue
        (x1, y1), (x2, y2) = where[src], where[tgt]
        # bend to the right of the direction of travel, so A→B and B→A take opposite sides
        cx, cy = (x1 + x2) / 2 - (y2 - y1) * 0.15, (y1 + y2) / 2 + (x2 - x1) * 0.15
        # start and end on the circles' rims (a quadratic curve leaves towards, and arrives from, its control
        # point), so the arrowhead stays visible
        x1, y1 = _towards(x1, y1, cx, cy, radius_of[src] + 1)
        x2, y2 = _towards(x2, y2, cx, cy, radius_of[tgt] + 2)
        stroke = 1.0 + 5.0 * int(e["events"]) / peak_edge
        label = (f"{src} → {tgt}: {e['events']} events ({e['cooperation']} cooperation, {e['conflict']} "
                 f"conflict), mean Goldstein {e['goldstein_mean']}")
        parts.append(f'<a href="/dyad/{escape(src)}/{escape(tgt)}"><path class="edge" d="M{x1:.1f},{y1:.1f} '
                     f'Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}" fill="none" '
                     f'stroke="{goldstein_colour(e["goldstein_mean"])}" stroke-width="{stroke:.1f}" '
                     f'marker-end="url(#arrow)"><title>{escape(label)}</title></path></a>')
    for code, w, _, _ in nodes:
        x, y = where[code]
        r = radius_of[code]
        out = (radius + r + 14) / radius
        lx, ly = centre + out * (x - centre), centre + out * (y - centre)
        parts.append(f'<a href="/actor/{escape(code)}"><circle class="node" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}">'
                     f"<title>{escape(f'{code}: {w} events')}</title></circle>{_text(lx, ly + 4, code, size=12)}</a>")
    parts.append('<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" '
                 'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" '
                 'fill="#666"/></marker></defs>')
    parts.append("</svg>")
    return Markup("".join(parts))


# ---- the world map ---------------------------------------------------------------------------------------------
NO_DATA = "#e4e4e4"
LOW, HIGH = (222, 235, 247), (8, 69, 148)  # light to dark blue: few to many events


def count_colour(value: float, peak: float) -> str:
    """0 → light blue, ``peak`` → dark blue, on a square-root scale (a few busy countries do not wash out the
    rest)."""
    share = math.sqrt(max(0.0, value) / peak) if peak > 0 else 0.0
    r, g, b = (round(c0 + (c1 - c0) * share) for c0, c1 in zip(LOW, HIGH, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def _map_point(lon: float, lat: float, width: float, height: float) -> tuple[float, float]:
    from newsgraph.analysis.maps import X_MAX, Y_MAX, equal_earth

    x, y = equal_earth(lon, lat)
    return (x + X_MAX) / (2 * X_MAX) * width, (Y_MAX - y) / (2 * Y_MAX) * height


def _globe_path(width: float, height: float) -> str:
    """The outline of the whole Earth in the projection: the meridians ±180° from pole to pole."""
    edge = [_map_point(180.0, lat, width, height) for lat in range(-90, 91, 5)]
    edge += [_map_point(-180.0, lat, width, height) for lat in range(90, -91, -5)]
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in edge) + "Z"


def _country_path(rings: list[list[tuple[float, float]]], width: float, height: float) -> str:
    from newsgraph.analysis.maps import X_MAX, Y_MAX

    parts = []
    for ring in rings:
        points = [((x + X_MAX) / (2 * X_MAX) * width, (Y_MAX - y) / (2 * Y_MAX) * height) for x, y in ring]
        parts.append("M" + "L".join(f"{px:.1f},{py:.1f}" for px, py in points) + "Z")
    return "".join(parts)


def map_svg(world: Any, links: dict[str, str], place_link: str, width: int = 960) -> Markup:
    """The world map of ``world`` (an ``analysis.maps.WorldMap``): countries shaded by its metric, linking to
    ``links[code]``; event places as points sized by their events, linking to ``place_link`` + the place."""
    from urllib.parse import quote

    from newsgraph.analysis.maps import X_MAX, Y_MAX, projected_outlines

    height = round(width * Y_MAX / X_MAX)
    parts = [f'<svg class="chart world-map" viewBox="0 0 {width} {height}" role="img" aria-label="world map">',
             f'<path class="sea" d="{_globe_path(width, height)}"/>']
    peak = world.peak
    for code, rings in projected_outlines():
        value = world.value(code)
        row = world.countries.get(code)
        fill = NO_DATA if value is None else (count_colour(value, peak) if world.metric == "events"
                                              else goldstein_colour(value))
        label = code if row is None else (f"{row['name']} ({code}): {row['events']} events, mean Goldstein "
                                          f"{row['goldstein_mean']}")
        path = (f'<path class="country" data-code="{escape(code)}" d="{_country_path(rings, width, height)}" '
                f'fill="{fill}"><title>{escape(label)}</title></path>')
        parts.append(f'<a href="{escape(links[code])}">{path}</a>' if row is not None and code in links else path)
    top = max((int(p["events"]) for p in world.places), default=0)
    for place in sorted(world.places, key=lambda p: -int(p["events"])):
        x, y = _map_point(float(place["lon"]), float(place["lat"]), width, height)
        r = 3 + 9 * math.sqrt(int(place["events"]) / top)
        label = f"{place['place']}: {place['events']} events, mean Goldstein {place['goldstein_mean']}"
        parts.append(f'<a href="{escape(place_link + quote(str(place["place"]), safe=""))}"><circle class="place" '
                     f'cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"><title>{escape(label)}</title></circle></a>')
    parts.append(_map_legend(world, width, height, peak))
    parts.append("</svg>")
    return Markup("".join(parts))


def _map_legend(world: Any, width: int, height: int, peak: int) -> str:
    x, y = 16.0, height - 26.0
    if world.metric == "events":
        stops = [(count_colour(v, peak), str(v)) for v in sorted({0, max(1, peak // 4), max(1, peak // 2), peak})]
        title = "events (asserted, once per story)"
    else:
        stops = [(goldstein_colour(v), f"{v:+d}") for v in (-10, -5, 0, 5, 10)]
        title = "mean Goldstein (-10 conflict … +10 cooperation)"
    parts = [_text(x, y - 8, title, "start", 11)]
    for colour, label in stops:
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="26" height="10" fill="{colour}" stroke="#999" '
                     f'stroke-width="0.5"/>')
        parts.append(_text(x + 13, y + 22, label, "middle", 10))
        x += 30
    return "".join(parts)
