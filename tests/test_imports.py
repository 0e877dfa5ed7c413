"""No import cycles among bot/ modules, found by reading the source (nothing is imported).

The graph has one edge per ``import``/``from … import`` of a bot module, wherever it is
written: at the top of a module, or inside a function. A lazy import inside a function
cannot fail at import time, but two modules that reach into each other are still one
tangle to read and to change, and the lazy import usually exists only to dodge the
cycle; so lazy edges count too. Imports under ``if TYPE_CHECKING:`` do not: they never
run, and they are how a typed field names a class from a module that depends on this
one (``Services.delivery: DeliveryWorker``).

``from pkg import name`` is an edge to ``pkg.name`` when that is a module, else to
``pkg``; importing a submodule does not add an edge to its parent package (Python
initialises parents first, so that is never a cycle by itself).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "bot"

# Lazy edges tolerated for now, each with the reason. The test below fails when one is
# no longer in the code, so the list only ever shrinks.
KNOWN_LAZY: dict[tuple[str, str], str] = {}


def module_names() -> dict[str, Path]:
    found = {}
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every import node with whether it is lazy (inside a function), skipping TYPE_CHECKING."""

    def walk(node: ast.AST, lazy: bool) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for stmt in child.orelse:
                    yield from walk(stmt, lazy)
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child, lazy
            inner = lazy or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            yield from walk(child, inner)

    yield from walk(tree, False)


def _package_of(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def module_graph() -> dict[str, dict[str, bool]]:
    """{module: {imported bot module: lazy}}; an edge is lazy only if every import of it is."""
    modules = module_names()
    graph: dict[str, dict[str, bool]] = {name: {} for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node, lazy in _imports(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = _package_of(name, path).split(".")
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    targets.append(sub if sub in modules else base)
            for target in targets:
                if target in modules and target != name:
                    graph[name][target] = graph[name].get(target, True) and lazy
    return graph


def find_cycles(graph: dict[str, dict[str, bool]]) -> list[list[str]]:
    """One cycle per strongly connected component with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def _without_known(graph: dict[str, dict[str, bool]]) -> dict[str, dict[str, bool]]:
    return {
        name: {t: lazy for t, lazy in edges.items() if not (lazy and (name, t) in KNOWN_LAZY)}
        for name, edges in graph.items()
    }


def test_graph_sees_the_package() -> None:
    graph = module_graph()
    assert "bot.app" in graph and "bot.config" in graph["bot.app"]
    assert "bot.storage.db" in graph["bot.storage.articles"]


def test_no_import_cycles() -> None:
    cycles = find_cycles(_without_known(module_graph()))
    assert not cycles, "import cycles among bot/ modules: " + "; ".join(
        " <-> ".join(c) for c in cycles
    )


def test_known_lazy_edges_still_exist() -> None:
    graph = module_graph()
    stale = [edge for edge in KNOWN_LAZY if not graph.get(edge[0], {}).get(edge[1], False)]
    assert not stale, f"no longer lazy imports, delete them from KNOWN_LAZY: {stale}"


def test_cycle_finder_finds_a_lazy_cycle() -> None:
    graph = {"a": {"b": False}, "b": {"c": True}, "c": {"a": False}, "d": {"a": False}}
    assert find_cycles(graph) == [["a", "b", "c"]]
    assert find_cycles({"a": {"b": False}, "b": {}}) == []
