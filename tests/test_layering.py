"""Data flows one way: official files -> store -> pure readers -> indicators -> notebooks -> exports.

These tests read the import graph of the package's source files (no import is executed)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "migstats"
STORE_SIDE = {"store", "report", "cli", "figures", "indicators", "synthetic", "maps", "charts"}


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, top-level migstats module) for every import of a migstats module in ``path``."""
    out = []
    rel = path.relative_to(PACKAGE).with_suffix("").parts
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(rel[:-node.level]) if node.level <= len(rel) - 0 else []
                parts = base + (node.module.split(".") if node.module else [])
                if not parts:  # "from .. import x"
                    parts = [a.name for a in node.names]
                    out += [(node.lineno, p) for p in parts]
                    continue
                out.append((node.lineno, parts[0]))
            elif node.module and node.module.startswith("migstats."):
                out.append((node.lineno, node.module.split(".")[1]))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name.split(".")[1]) for a in node.names if a.name.startswith("migstats.")]
    return out


def test_the_readers_import_nothing_from_the_store_or_anything_downstream():
    offenders = []
    for path in sorted((PACKAGE / "sources").glob("*.py")):
        for line, mod in _imports(path):
            if mod in STORE_SIDE or mod in {"registry", "cache", "data", "config"}:
                offenders.append(f"{path.name}:{line} imports {mod}")
    assert offenders == []


def test_indicators_never_load_data():
    offenders = [f"{p.name}:{line} imports {mod}" for p in sorted((PACKAGE / "indicators").glob("*.py"))
                 for line, mod in _imports(p) if mod in {"store", "report", "cli", "synthetic"}]
    assert offenders == []


#: The one deliberate exception: the ``migstats`` command's module (what a batch's worker processes re-import)
#: loads the command line when it runs, not when imported — it is a start-up matter, not a cycle.
LAZY_ON_PURPOSE = {"__main__.py"}


def test_no_module_imports_its_own_package_lazily_inside_a_function():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if str(path.relative_to(PACKAGE)) in LAZY_ON_PURPOSE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.ImportFrom) and (inner.level or (inner.module or "").startswith(
                            "migstats")):
                        offenders.append(f"{path.relative_to(PACKAGE)}:{inner.lineno}")
    assert offenders == []


def test_nothing_is_registered_at_import_time():
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [n for n in tree.body if isinstance(n, ast.Expr | ast.Assign) and isinstance(n.value, ast.Call)
                 and getattr(n.value.func, "attr", getattr(n.value.func, "id", "")) == "register"]
        assert calls == [], path
