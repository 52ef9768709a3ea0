"""The package's shape, drawn from its code: the layers import only downwards, no cycle.

Every ``import`` of a footstats module (at the top of a module or inside a function) is an
edge of the import graph. Layers, from the bottom: the shared vocabulary (``columns``,
``errors``, ``routine``, ``core``), ``importers``, ``reading``, ``metrics``, ``writing``,
``charts``, ``report``, and the front ends (``cli``, ``app``, ``dask``, ``synthetic``). A
module may import its own subpackage or a lower layer, never a higher one; the graph has
no cycle; no module imports a ``_private`` name of another subpackage.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "footstats"
LAYERS = {
    "footstats": 0,
    "footstats.columns": 0,
    "footstats.errors": 0,
    "footstats.routine": 0,
    "footstats.core": 0,
    "footstats.importers": 1,
    "footstats.reading": 2,
    "footstats.metrics": 3,
    "footstats.writing": 4,
    "footstats.charts": 5,
    "footstats.report": 6,
    "footstats.cli": 7,
    "footstats.app": 7,
    "footstats.notebook": 7,
    "footstats.dask": 7,
    "footstats.synthetic": 7,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str, path: Path) -> list[tuple[str, str, int]]:
    """(imported module, imported name or "", line) of every footstats import in a module."""
    found = []
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [
                (a.name, "", node.lineno) for a in node.names if a.name.startswith("footstats")
            ]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            if base == "footstats" or base.startswith("footstats."):
                found += [(base, a.name, node.lineno) for a in node.names]
    return found


def layer(module: str) -> tuple[str, int]:
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        head = ".".join(parts[:n])
        if head in LAYERS and (n > 1 or module == "footstats"):
            return head, LAYERS[head]
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def edges() -> list[tuple[str, str, str, int]]:
    """(importer, imported module, imported name, line): a name that is itself a module
    (``from footstats.charts import plots``) is an edge to that module."""
    known = modules()
    out = []
    for name, path in known.items():
        for target, imported, line in imports(name, path):
            if imported and f"{target}.{imported}" in known:
                target, imported = f"{target}.{imported}", ""
            out.append((name, target, imported, line))
    return out


def test_every_module_is_in_a_layer():
    for name in modules():
        layer(name)


def test_imports_only_go_down():
    upward = [
        f"{source}:{line} imports {target} ({layer(target)[0]} is above {layer(source)[0]})"
        for source, target, _, line in edges()
        if layer(target)[1] > layer(source)[1]
        and layer(target)[0] != "footstats"  # the package root: its lazy public names
    ]
    assert upward == []


def test_only_the_package_root_is_imported_from_the_root():
    """``from footstats import x`` inside the package would reach a public name through the
    lazy export table, hiding the real dependency from readers and from this test."""
    through_root = [
        f"{source}:{line} imports {imported} from the package root"
        for source, target, imported, line in edges()
        if target == "footstats" and imported not in ("", "__version__")
    ]
    assert through_root == []


def test_no_import_cycle():
    graph: dict[str, set[str]] = {}
    for source, target, _, _ in edges():
        if target != source:
            graph.setdefault(source, set()).add(target)
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*stack[stack.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def test_no_private_name_from_another_subpackage():
    private = [
        f"{source}:{line} imports {target}.{imported}"
        for source, target, imported, line in edges()
        if (_private(imported) or any(_private(p) for p in target.split(".")[1:]))
        and layer(target)[0] != layer(source)[0]
    ]
    assert private == []


@pytest.mark.parametrize("name", ["footstats"])
def test_import_footstats_loads_no_pandas(name):
    import subprocess
    import sys

    code = f"import sys, {name}; print('pandas' in sys.modules, 'matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
