"""The layers of docs/architecture.md, checked against the imports of the code.

Data flows one way: a module may import its own layer and the layers
below it, never one above.  The table here is the one in
docs/architecture.md; a new top-level module must be placed in both.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parent.parent / "src"

#: Each top-level module or package of dangvien and its layer, lowest first.
LAYERS: dict[str, int] = {
    # text, errors, references
    "_text": 0,
    "_gc": 0,
    "_pool": 0,
    "messages": 0,
    "errors": 0,
    "privacy": 0,
    "documents": 0,
    "schemas": 0,  # the shipped JSON Schemas: data, no code
    # model and time
    "model": 1,
    "dates": 1,
    "calendar": 1,
    # law
    "regimes": 2,
    "parameters": 2,
    # files and generators: never judgement or anything above it
    "io": 3,
    "synthetic": 3,
    "strategies": 3,
    # judgement
    "findings": 4,
    "rules": 4,
    "quotas": 4,
    # results, and the partitions a report may be judged in
    "results": 5,
    "partition": 5,
    # renderers
    "output": 6,
    "render": 6,
    "report": 6,
    # surface
    "frames": 7,
    "schema": 7,
    "cli": 7,
    "__main__": 7,
}


def _modules() -> list[Path]:
    return sorted((SRC / "dangvien").rglob("*.py"))


def _top(path: Path) -> str | None:
    """The top-level module a file belongs to (None for the package's own __init__)."""
    parts = path.relative_to(SRC / "dangvien").with_suffix("").parts
    return None if parts == ("__init__",) else parts[0]


def _imported(path: Path) -> set[str]:
    """The top-level dangvien modules *path* imports, anywhere in the file."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            parts = node.module.split(".")
            if parts[0] != "dangvien":
                continue
            if len(parts) > 1:
                found.add(parts[1])
            else:  # from dangvien import privacy, Report: submodules or re-exports
                found.update(a.name for a in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "dangvien" and len(parts) > 1:
                    found.add(parts[1])
    return found


def test_every_module_has_a_layer():
    """A new top-level module is placed in the layer table (and in docs/architecture.md)."""
    unplaced = sorted({t for p in _modules() if (t := _top(p)) is not None} - set(LAYERS))
    assert [] == unplaced


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_nothing_imports_a_higher_layer(path: Path):
    """A module imports only its own layer and the layers below it."""
    top = _top(path)
    if top is None:
        return  # dangvien/__init__.py re-exports the public API of every layer
    higher = sorted(
        name for name in _imported(path) if name in LAYERS and LAYERS[name] > LAYERS[top]
    )
    assert [] == higher


def test_the_check_sees_a_higher_import(tmp_path: Path):
    """The import reader finds the three spellings of an import of dangvien."""
    code = "from dangvien.rules import check\nimport dangvien.cli\nfrom dangvien import report\n"
    module = tmp_path / "m.py"
    module.write_text(code, encoding="utf-8")
    assert {"rules", "cli", "report"} == _imported(module)


def test_architecture_page_names_every_layer_module():
    """docs/architecture.md's table names every top-level module placed here."""
    page = (SRC.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = sorted(
        name for name in LAYERS if name != "__main__" and f"`dangvien.{name}" not in page
    )
    assert [] == missing
