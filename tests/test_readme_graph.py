"""The README's module graph is the code's: parsed from its block and compared with the
imports that tests/test_imports.py reads from the source.

The block's format, one statement per line (or several separated by ``;``):

    source ─→ target, target, …        (a trailing parenthesised comment is ignored)
    source, source: no bot imports

A name is a module (``app``, ``sources/poller``), a whole package folded into one node
(``storage/``: every module in it not named on its own), or a package's own ``__init__``
(``delivery/__init__``) when its modules are listed one by one; ``pkg/{a, b}`` stands for
``pkg/a, pkg/b``. Every node appears once as a source, so the block lists every module and
every edge between nodes (imports inside one node are not drawn). The root package (its
version) and ``__main__`` are left out.
"""

from __future__ import annotations

import re
from pathlib import Path

from test_imports import module_graph

README = Path(__file__).resolve().parents[1] / "README.md"
ARROW = "─→"
NOTHING = ": no bot imports"


def graph_block(text: str) -> str:
    """The fenced block after the "Module graph:" paragraph."""
    start = text.index("Module graph:")
    fence = text.index("```\n", start) + 4
    return text[fence : text.index("```", fence)]


def _names(part: str) -> list[str]:
    part = re.sub(r"\s+\(.*\)\s*$", "", part.strip())  # a trailing comment
    part = re.sub(
        r"([\w/]*)\{([^}]*)\}",
        lambda m: ", ".join(m.group(1) + inner.strip() for inner in m.group(2).split(",")),
        part,
    )
    return [name.strip() for name in part.split(",") if name.strip()]


def parse(block: str) -> dict[str, set[str]]:
    """{node: the nodes it imports}, as the README draws them."""
    graph: dict[str, set[str]] = {}
    for line in block.splitlines():
        for statement in filter(None, (s.strip() for s in line.split(";"))):
            if statement.endswith(NOTHING):
                sources, targets = _names(statement.removesuffix(NOTHING)), []
            else:
                left, arrow, right = statement.partition(ARROW)
                assert arrow, f"no {ARROW} in {statement!r}"
                sources, targets = _names(left), _names(right)
            for source in sources:
                assert source not in graph, f"{source} is drawn twice"
                graph[source] = set(targets)
    return graph


def _path(module: str) -> str:
    return module.removeprefix("bot.").replace(".", "/")


def node_of(module: str, nodes: set[str], packages: set[str]) -> str:
    """The README node that holds a module (its own, else its folded package's)."""
    path = _path(module)
    if module in packages and f"{path}/__init__" in nodes:
        return f"{path}/__init__"
    if path in nodes:
        return path
    parts = path.split("/")
    for size in range(len(parts), 0, -1):
        folded = "/".join(parts[:size]) + "/"
        if folded in nodes:
            return folded
    raise AssertionError(f"bot.{path.replace('/', '.')} is in no node of the README's graph")


def real_graph(nodes: set[str]) -> dict[str, set[str]]:
    """The code's imports, folded onto the README's nodes."""
    modules = module_graph()
    packages = {name for name in modules if name != "bot" and _is_package(name)}
    graph: dict[str, set[str]] = {node: set() for node in nodes}
    for module, edges in modules.items():
        if module in ("bot", "bot.__main__"):
            continue
        source = node_of(module, nodes, packages)
        for target in edges:
            if target == "bot":
                continue
            node = node_of(target, nodes, packages)
            if node != source:
                graph[source].add(node)
    return graph


def _is_package(module: str) -> bool:
    root = Path(__file__).resolve().parents[1]
    return (root / "bot" / _path(module) / "__init__.py").is_file()


def describe(graph: dict[str, set[str]]) -> str:
    return "\n".join(
        f"{source} {ARROW} {', '.join(sorted(targets))}" if targets else f"{source}{NOTHING}"
        for source, targets in sorted(graph.items())
    )


def test_parse_reads_the_format() -> None:
    block = "a ─→ b, pkg/{c, d}   (why)\ne ─→ pkg/; f, g: no bot imports\n"
    assert parse(block) == {
        "a": {"b", "pkg/c", "pkg/d"},
        "e": {"pkg/"},
        "f": set(),
        "g": set(),
    }


def test_readme_module_graph_matches_the_imports() -> None:
    drawn = parse(graph_block(README.read_text(encoding="utf-8")))
    real = real_graph(set(drawn))
    missing = {s: sorted(real[s] - drawn[s]) for s in drawn if real[s] - drawn[s]}
    extra = {s: sorted(drawn[s] - real[s]) for s in drawn if drawn[s] - real[s]}
    assert not missing and not extra, (
        f"README's module graph differs from the code: not drawn {missing}, drawn but not "
        f"imported {extra}. The code's graph on the README's nodes:\n{describe(real)}"
    )
