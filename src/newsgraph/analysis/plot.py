"""Charts of the store, drawn with matplotlib (Agg backend: no display needed) and networkx for the layout.

* ``dyad_chart``: the relation between two countries over time — events per period by QuadClass in both
  directions (bars), and the mean Goldstein value of each direction (lines).
* ``network_chart``: countries as nodes (size: events they take part in), events as directed edges (width:
  count; colour: mean Goldstein value from conflict red to cooperation green).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx

from newsgraph.analysis import query
from newsgraph.store.db import Store
from newsgraph.vocab import QUADS


def dyad_chart(store: Store, a: str, b: str, out: Path, by: str = "month", since: str | None = None,
               until: str | None = None) -> int:
    """Draw the A–B series to ``out``; returns the number of events drawn."""
    series = query.dyad_series(query.dyads(store, [a, b], by=by, since=since, until=until).to_pylist(), a, b)
    a, b, periods = series.a, series.b, series.periods
    fig, (bars, lines) = plt.subplots(2, 1, figsize=(10, 6.5), sharex=True, height_ratios=[3, 2])
    total = 0
    if periods:
        x = {p: n for n, p in enumerate(periods)}
        width = 0.4
        for offset, (src, tgt) in zip((-width / 2, width / 2), series.directions, strict=True):
            rows = series.rows[(src, tgt)]
            bottom = [0.0] * len(periods)
            for quad in QUADS:
                heights = [float(rows[p][quad.key]) if p in rows else 0.0 for p in periods]
                bars.bar([x[p] + offset for p in periods], heights, width, bottom=bottom, color=quad.colour,
                         edgecolor="white", linewidth=0.5,
                         label=quad.label if src == a else None, hatch=None if src == a else "//")
                bottom = [s + h for s, h in zip(bottom, heights, strict=True)]
            total += sum(int(r["events"]) for r in rows.values())
            means = [rows[p]["goldstein_mean"] if p in rows else None for p in periods]
            points = [(x[p], m) for p, m in zip(periods, means, strict=True) if m is not None]
            if points:
                lines.plot(*zip(*points, strict=True), marker="o", label=f"{src} → {tgt}")
        bars.set_xticks(range(len(periods)), periods, rotation=45, ha="right")
        lines.axhline(0, color="grey", linewidth=0.8)
        lines.legend(loc="best", fontsize=8)
        bars.legend(loc="upper left", fontsize=8, title=f"left: {a} → {b}, right (hatched): {b} → {a}",
                    title_fontsize=8)
    else:
        bars.text(0.5, 0.5, "no events between these countries in the store", ha="center", va="center",
                  transform=bars.transAxes)
    bars.set_ylabel(f"events per {by}")
    lines.set_ylabel("mean Goldstein")
    lines.set_ylim(-10.5, 10.5)
    bars.set_title(f"{a} and {b}: events by QuadClass (asserted, one per story)")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return total


def network_chart(store: Store, out: Path, since: str | None = None, until: str | None = None,
                  min_events: int = 1, top: int = 40) -> tuple[int, int]:
    """Draw the country network to ``out``; returns (nodes, edges) drawn."""
    edges = query.network(store, since=since, until=until, min_events=min_events).to_pylist()
    graph = nx.DiGraph()
    for e in edges:
        graph.add_edge(e["source_country"], e["target_country"], events=int(e["events"]),
                       goldstein=float(e["goldstein_mean"] or 0.0))
    if graph.number_of_nodes() > top:  # keep the most active countries readable
        weight = {n: sum(d["events"] for *_, d in graph.edges(n, data=True)) +
                  sum(d["events"] for *_, d in graph.in_edges(n, data=True)) for n in graph.nodes}
        keep = sorted(weight, key=lambda n: -weight[n])[:top]
        graph = graph.subgraph(keep).copy()
    fig, ax = plt.subplots(figsize=(10, 8))
    if graph.number_of_nodes():
        layout = nx.spring_layout(graph, seed=7, k=1.2)
        activity = {n: sum(d["events"] for *_, d in graph.edges(n, data=True)) +
                    sum(d["events"] for *_, d in graph.in_edges(n, data=True)) for n in graph.nodes}
        nx.draw_networkx_nodes(graph, layout, ax=ax, node_color="#dddddd", edgecolors="#555555",
                               node_size=[300 + 60 * activity[n] for n in graph.nodes])
        nx.draw_networkx_labels(graph, layout, ax=ax, font_size=9)
        cmap = plt.get_cmap("RdYlGn")
        data = list(graph.edges(data=True))
        nx.draw_networkx_edges(
            graph, layout, ax=ax, edgelist=[(u, v) for u, v, _ in data], arrows=True, arrowsize=14,
            connectionstyle="arc3,rad=0.12", width=[1 + d["events"] ** 0.5 for *_, d in data],
            edge_color=[cmap((d["goldstein"] + 10) / 20) for *_, d in data])
        sm = plt.cm.ScalarMappable(cmap=cmap, norm=plt.Normalize(-10, 10))
        fig.colorbar(sm, ax=ax, shrink=0.6, label="mean Goldstein (conflict − / cooperation +)")
    else:
        ax.text(0.5, 0.5, "no events between countries in the store", ha="center", va="center")
    span = " to ".join(v for v in (since or "start", until or "now"))
    ax.set_title(f"Who acts on whom: countries and events ({span})")
    ax.axis("off")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return graph.number_of_nodes(), graph.number_of_edges()


def map_chart(store: Store, out: Path, since: str | None = None, until: str | None = None,
              plover: str | None = None, quad_class: int | None = None, metric: str = "events") -> tuple[int, int]:
    """Draw the world map (``analysis.maps``) to ``out``; returns (countries shaded, event places drawn)."""
    from matplotlib.collections import PolyCollection
    from matplotlib.colors import Normalize, PowerNorm

    from newsgraph.analysis.maps import X_MAX, Y_MAX, equal_earth, projected_outlines, world_map

    world = world_map(store, since, until, plover, quad_class, metric)
    norm: Normalize
    if metric == "events":
        cmap, norm = plt.get_cmap("Blues"), PowerNorm(0.5, vmin=0, vmax=max(world.peak, 1))
        label = "events (asserted, once per story)"
    else:
        cmap, norm = plt.get_cmap("RdYlGn"), Normalize(-10, 10)
        label = "mean Goldstein (conflict − / cooperation +)"
    fig, ax = plt.subplots(figsize=(12, 6.4))
    edge = [equal_earth(180.0, lat) for lat in range(-90, 91, 5)] + [equal_earth(-180.0, lat)
                                                                      for lat in range(90, -91, -5)]
    ax.fill(*zip(*edge, strict=True), color="#f4f8fb", zorder=0)
    polygons, colours, shaded = [], [], 0
    for code, rings in projected_outlines():
        value = world.value(code)
        shaded += value is not None
        for ring in rings:
            polygons.append(ring)
            colours.append("#e4e4e4" if value is None else cmap(norm(value)))
    ax.add_collection(PolyCollection(polygons, facecolors=colours, edgecolors="white", linewidths=0.3, zorder=1))
    if world.places:
        top = max(int(p["events"]) for p in world.places)
        xy = [equal_earth(float(p["lon"]), float(p["lat"])) for p in world.places]
        sizes = [20 + 180 * (int(p["events"]) / top) ** 0.5 for p in world.places]
        ax.scatter([x for x, _ in xy], [y for _, y in xy], s=sizes, color="#d95f02", alpha=0.75, edgecolors="white",
                   zorder=2)
        for p, (x, y) in list(zip(world.places, xy, strict=True))[:10]:
            ax.annotate(str(p["place"]), (x, y), xytext=(4, 4), textcoords="offset points", fontsize=7, zorder=3)
    fig.colorbar(plt.cm.ScalarMappable(cmap=cmap, norm=norm), ax=ax, shrink=0.6, label=label)
    ax.set_xlim(-X_MAX * 1.01, X_MAX * 1.01)
    ax.set_ylim(-Y_MAX * 1.01, Y_MAX * 1.01)
    ax.set_aspect("equal")
    ax.axis("off")
    span = " to ".join(v for v in (since or "start", until or "now"))
    what = " · ".join(v for v in (plover, f"QuadClass {quad_class}" if quad_class else None) if v)
    ax.set_title(f"Where events happened ({span}{', ' + what if what else ''}): countries by "
                 f"{'event count' if metric == 'events' else 'mean Goldstein'}, dots at event places")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return shaded, len(world.places)
