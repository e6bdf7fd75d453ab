"""The package's folders are its layers (docs/architecture.md): a module imports only from
its own layer or the layers below it, so the map in the docs stays true."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "ppcli"

# lowest first; "history" and "drafts" stand side by side and know nothing of each other
LAYERS: list[tuple[str, ...]] = [
    ("ppcli", "ppcli.i18n", "ppcli.safetext", "ppcli.diagnostics", "ppcli.errors",
     "ppcli.periods", "ppcli.dates"),
    ("ppcli.files",),
    ("ppcli.engine", "ppcli.importer"),  # import reads the registry and the loader only
    ("ppcli.history", "ppcli.drafts"),
    ("ppcli.views",),
    ("ppcli.site",),  # the static site: beside the views, may use them
    ("ppcli.commands",),
    ("ppcli.cli",),
    ("ppcli.__main__",),
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _place(module: str) -> tuple[int, str]:
    """(rank, unit) of a module: the unit is its folder, or itself for a top-level module."""
    best: tuple[int, str] | None = None
    for rank, units in enumerate(LAYERS):
        for unit in units:
            if (module == unit or module.startswith(unit + ".")) and unit != "ppcli" \
                    and (best is None or len(unit) > len(best[1])):
                best = (rank, unit)
    if best is None:
        assert module == "ppcli", f"{module} is in no layer: add it to LAYERS and the docs"
        return 0, "ppcli"
    return best


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):  # imports inside functions count too
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "ppcli":
                found += [(node.lineno, f"ppcli.{a.name}") for a in node.names
                          if a.name != "__version__"]
            elif node.module.startswith("ppcli."):
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("ppcli.")]
    return found


def test_every_module_imports_only_its_own_layer_or_lower() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "templates" in path.relative_to(PACKAGE).parts:
            continue
        name = _module_name(path)
        rank, unit = _place(name)
        for line, imported in _imports(path):
            other_rank, other_unit = _place(imported)
            if other_rank > rank or (other_rank == rank and other_unit != unit
                                     and rank != 0):
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {imported}")
    assert wrong == []


def test_the_rule_catches_an_upward_import(tmp_path: Path) -> None:
    planted = tmp_path / "m.py"
    planted.write_text("def f():\n    from ppcli.cli.options import say\n", encoding="utf-8")
    assert _imports(planted) == [(2, "ppcli.cli.options")]
    assert _place("ppcli.cli.options")[0] > _place("ppcli.files.model")[0]
    assert _place("ppcli.history.semdiff") == (3, "ppcli.history")
    assert _place("ppcli.drafts.render") == (3, "ppcli.drafts")
