"""The package layout shows the pipeline: each layer imports only the layers below it, and no module imports
itself back through others (no cycle), counting imports inside functions too."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "newsgraph"

#: top to bottom; a unit may import its own modules and any unit on a later line, never one on its line or above
LAYERS: list[set[str]] = [
    {"cli"},
    {"web"},
    {"analysis"},
    {"store"},
    {"engines", "evaluate"},
    {"pipeline"},
    {"nlp"},
    {"kb"},
    {"readers", "config", "dates"},
    {"vocab", "errors"},
]
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, name: str) -> set[str]:
    """Every ``newsgraph`` module ``path`` imports, at module level or inside a function."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("newsgraph."))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # a relative import: climb from this module's package
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            if base.startswith("newsgraph"):
                found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _graph() -> nx.DiGraph:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        for target in _imports(path, name):
            while target not in modules and "." in target:  # ``from pkg.mod import function`` -> pkg.mod
                target = target.rsplit(".", 1)[0]
            if target in modules and target != name:
                graph.add_edge(name, target)
    return graph


def _unit(module: str) -> str:
    return module.split(".")[1] if "." in module else ""


def test_every_unit_has_a_layer() -> None:
    units = {_unit(m) for m in _graph().nodes if _unit(m)}
    assert units <= set(RANK), f"place these in LAYERS: {sorted(units - set(RANK))}"


def test_no_import_goes_up_or_sideways() -> None:
    wrong = []
    for source, target in _graph().edges:
        a, b = _unit(source), _unit(target)
        if not a or a == b:  # the package root only re-exports lazily; a unit may use its own modules
            continue
        if RANK[a] >= RANK[b]:
            wrong.append(f"{source} -> {target}")
    assert not wrong, "imports against the layering:\n" + "\n".join(sorted(wrong))


def test_no_import_cycle() -> None:
    cycles = list(nx.simple_cycles(_graph()))
    assert not cycles, f"import cycles: {cycles[:5]}"
