"""The package's parts import one way: base, ontology, then graph and loaders side by side,
queries (and the datasets), rendering, the command line. No part imports one above it, and
no two parts of one layer import each other."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Each part of the package and its layer; a part may import only parts of lower layers.
LAYERS = {
    "": 0,  # lianjie/__init__.py: the version
    "base": 0,
    "ontology": 1,
    "graph": 2,
    "loaders": 2,
    "queries": 3,
    "datasets": 3,
    "render": 4,
    "viz": 4,
    "cli": 5,
}
#: Folders of the repository that are not part of the package.
OUTSIDE = {"tests", "benchmarks", "notebooks", "scripts", "docs", ".venv", ".git", ".ci"}


def _module_of(path: Path, root: Path) -> list[str]:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _imported(tree: ast.AST, module: list[str], is_package: bool) -> list[tuple[int, list[str]]]:
    """Every module of the package an import names, as parts below ``lianjie``, with its line."""
    out = []
    package = module if is_package else module[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "lianjie" or alias.name.startswith("lianjie."):
                    out.append((node.lineno, alias.name.split(".")[1:]))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = base + (node.module.split(".") if node.module else [])
            elif node.module and (node.module == "lianjie" or node.module.startswith("lianjie.")):
                target = node.module.split(".")[1:]
            else:
                continue
            if not target:  # ``from .. import x``: x may be a part
                out += [(node.lineno, [alias.name]) for alias in node.names if alias.name in LAYERS]
                out.append((node.lineno, []))
            else:
                out.append((node.lineno, target))
    return out


def violations(root: Path) -> list[str]:
    """Every import of the package at ``root`` that points up a layer or sideways between parts."""
    found = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if rel.parts[0] in OUTSIDE:
            continue
        module = _module_of(path, root)
        part = module[0] if module else ""
        if part not in LAYERS:
            found.append(f"{rel}: part {part!r} has no layer in tests/test_layers.py")
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, target in _imported(tree, module, path.name == "__init__.py"):
            other = target[0] if target else ""
            if other not in LAYERS or other == part:
                continue
            if LAYERS[other] >= LAYERS[part]:
                who, whom = f"{part or 'lianjie'} (layer {LAYERS[part]})", f"{other} (layer {LAYERS[other]})"
                found.append(f"{rel}:{line}: {who} imports {whom}")
    return found


def test_no_part_imports_one_above_it_or_beside_it():
    assert violations(ROOT) == []


def test_an_upward_or_sideways_import_is_caught(tmp_path):
    """The check has teeth: planted imports that break the layering are each reported."""
    for part in ("base", "graph", "loaders", "queries"):
        (tmp_path / part).mkdir()
        (tmp_path / part / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "__init__.py").write_text("__version__ = '0'\n", encoding="utf-8")
    (tmp_path / "base" / "errors.py").write_text("from ..graph import store\n", encoding="utf-8")
    (tmp_path / "graph" / "store.py").write_text(
        "from .. import __version__\nfrom ..base import errors\n\n\ndef f():\n    from lianjie.loaders import x\n",
        encoding="utf-8",
    )
    (tmp_path / "loaders" / "x.py").write_text("from ..base.errors import E\n", encoding="utf-8")
    (tmp_path / "queries" / "q.py").write_text("from ..graph import store\nfrom ..loaders import x\n", encoding="utf-8")
    assert violations(tmp_path) == [
        "base/errors.py:1: base (layer 0) imports graph (layer 2)",
        "graph/store.py:6: graph (layer 2) imports loaders (layer 2)",
    ]
