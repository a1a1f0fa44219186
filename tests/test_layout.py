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
    {"readers", "config"},
    {"dates", "vocab", "errors", "cache", "heap"},
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


#: the limits of issue 17: a function a reader takes in at once, a file that is one step
MAX_FUNCTION_LINES, MAX_FILE_LINES = 60, 400
#: what still exceeds them, waiting for its owner to split it: these lists may only shrink
LONG_FUNCTIONS: set[str] = set()
LARGE_FILES: set[str] = set()


def _sizes() -> tuple[dict[str, int], dict[str, int]]:
    functions, files = {}, {}
    for path in PACKAGE.rglob("*.py"):
        name = path.relative_to(PACKAGE).as_posix()
        text = path.read_text(encoding="utf-8")
        files[name] = len(text.splitlines())
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                functions[f"{name}:{node.name}"] = max(functions.get(f"{name}:{node.name}", 0),
                                                       (node.end_lineno or node.lineno) - node.lineno + 1)
    return functions, files


def test_functions_and_files_are_short() -> None:
    functions, files = _sizes()
    long = {f"{name} ({n} lines)" for name, n in functions.items()
            if n > MAX_FUNCTION_LINES and name not in LONG_FUNCTIONS}
    large = {f"{name} ({n} lines)" for name, n in files.items() if n > MAX_FILE_LINES and name not in LARGE_FILES}
    assert not long, f"split these functions (at most {MAX_FUNCTION_LINES} lines): {sorted(long)}"
    assert not large, f"make these packages whose files name their steps (at most {MAX_FILE_LINES}): {sorted(large)}"


def test_the_allow_lists_only_shrink() -> None:
    functions, files = _sizes()
    done = {n for n in LONG_FUNCTIONS if functions.get(n, 0) <= MAX_FUNCTION_LINES}
    done |= {n for n in LARGE_FILES if files.get(n, 0) <= MAX_FILE_LINES}
    assert not done, f"within the limits now: take {sorted(done)} off the allow-list"
