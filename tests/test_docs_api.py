"""The API reference has an entry for every public name (docs/_ext/dangvien_api.py).

The reference is written at each Sphinx build from the modules' ``__all__``;
these tests check what it writes without running Sphinx (CI builds the site
with ``-W -n``, so an entry autodoc cannot fill fails there).
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import re
import sys
from pathlib import Path

import pytest

import dangvien

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _extension():
    spec = importlib.util.spec_from_file_location("dangvien_api", DOCS / "_ext" / "dangvien_api.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("dangvien_api", module)
    spec.loader.exec_module(module)
    return module


api = _extension()


def public_modules() -> list[str]:
    """Every module of dangvien without a private part, found here independently."""
    found = ["dangvien"]
    for info in pkgutil.walk_packages(dangvien.__path__, "dangvien."):
        if not any(p.startswith("_") for p in info.name.split(".")):
            found.append(info.name)
    return [m for m in found if m not in ("dangvien.schemas", "dangvien.__main__")]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> str:
    """The text of every API page, as a build writes them."""
    directory = tmp_path_factory.mktemp("api")
    names = api.write_pages(directory)
    return "\n".join((directory / f"{n}.md").read_text(encoding="utf-8") for n in names)


def _entries(text: str) -> list[str]:
    return re.findall(r"^\.\. auto(?:class|exception|function|data):: (\S+)$", text, re.M)


def _object(full: str) -> object:
    module, _, name = full.rpartition(".")
    return getattr(importlib.import_module(module), name)


def test_every_public_module_has_a_section(pages) -> None:
    """Each public module's docstring is on a page (``automodule``), new modules included."""
    missing = [m for m in public_modules() if f".. automodule:: {m}\n" not in pages]
    assert [] == missing


def test_every_public_name_has_an_entry(pages) -> None:
    """Each name of each public ``__all__`` is documented, as itself, under one full name."""
    entries = _entries(pages)
    by_name: dict[str, list[str]] = {}
    for full in entries:
        by_name.setdefault(full.rpartition(".")[2], []).append(full)
    missing = []
    for module in public_modules():
        exported = importlib.import_module(module)
        for name in getattr(exported, "__all__", ()):
            obj = getattr(exported, name)
            if not any(_object(full) is obj for full in by_name.get(name, [])):
                missing.append(f"{module}.{name}")
    assert [] == missing


def test_each_name_is_documented_once(pages) -> None:
    """No full name has two entries: a re-export points to the one entry."""
    entries = _entries(pages)
    assert sorted(entries) == sorted(set(entries))


def test_the_most_public_module_is_the_home() -> None:
    """Dataset lives in dangvien.model (not register, not the top level); a clash is avoided."""
    assert "dangvien.model.Dataset" == api.home_of("dangvien.model.register", "Dataset")
    assert "dangvien.model.Dataset" == api.home_of("dangvien", "Dataset")
    assert "dangvien.rules.check" == api.home_of("dangvien", "check")
    # dangvien.report.formats is a module: the function formats lives in it.
    assert "dangvien.report.formats.formats" == api.home_of("dangvien.report", "formats")


def test_references_to_defining_modules_reach_the_home() -> None:
    """Type hints name where a class is defined; the reference resolves to its entry."""
    assert "dangvien.model.Dataset" == api.resolve("dangvien.model.register.Dataset")[0]
    assert "dangvien.rules.Rule.lists_due" == api.resolve("dangvien.rules._base.Rule.lists_due")[0]
    assert api.resolve("dangvien._text.NameLookup") is None  # private: no entry


def test_the_site_is_built_nitpicky_with_the_reference() -> None:
    """conf.py loads the extension and nitpicky mode; the index reaches the reference."""
    conf = (DOCS / "conf.py").read_text(encoding="utf-8")
    assert '"dangvien_api"' in conf
    assert "nitpicky = True" in conf
    assert "api/index" in (DOCS / "index.md").read_text(encoding="utf-8")
