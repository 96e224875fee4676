"""The API reference of dangvien, generated from the modules' ``__all__``.

Every public name is documented exactly once, at its *home*: the most public
module that exports it (``dangvien.model.Dataset`` rather than
``dangvien.model.register.Dataset`` or ``dangvien.Dataset``).  The pages are
written at build time, one per top-level module of the package, into
``docs/api/`` (git-ignored), so a name or a module added to an ``__all__``
appears without anyone editing the docs.

- :func:`public_modules` walks the package: every module without a private
  (``_``) part in its dotted name.
- :func:`definer` follows ``from … import`` statements in the source to the
  module that binds a name (identity would merge equal constants such as two
  ``"organization.toml"`` strings).
- :func:`homes` picks each object's home among the modules exporting it.
- ``autodoc-skip-member`` keeps exactly the names homed in a module (even an
  undocumented constant or ``__version__``) and skips re-exports.
- ``missing-reference`` resolves a reference to any exporting or defining
  path (``dangvien.rules._base.Rule``, as type hints write it) to the home.

The tests import this module to check that the built reference has an entry
for every public name (``tests/test_docs_api.py``).
"""

from __future__ import annotations

import ast
import enum
import importlib
import importlib.util
import inspect
import pkgutil
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from sphinx.util import logging

LOGGER = logging.getLogger(__name__)

PACKAGE = "dangvien"
# Data, not code; the module run by ``python -m dangvien``.
SKIPPED = frozenset({"dangvien.schemas", "dangvien.__main__"})

Key = tuple[str, str]  # (defining module, name bound there)


def _private(module: str) -> bool:
    return any(part.startswith("_") for part in module.split("."))


@cache
def public_modules() -> tuple[str, ...]:
    """Every public module of the package, the package first, then sorted."""
    package = importlib.import_module(PACKAGE)
    found = [PACKAGE]
    for info in pkgutil.walk_packages(package.__path__, PACKAGE + "."):
        if not _private(info.name) and info.name not in SKIPPED:
            found.append(info.name)
    return (PACKAGE, *sorted(found[1:]))


def exports(module: str) -> tuple[str, ...]:
    """The names in *module*'s ``__all__`` (none when it has no ``__all__``)."""
    return tuple(getattr(importlib.import_module(module), "__all__", ()))


@cache
def _tree(module: str) -> ast.Module | None:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return None
    return ast.parse(Path(spec.origin).read_text(encoding="utf-8"))


def _absolute(module: str, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    spec = importlib.util.find_spec(module)
    is_package = spec is not None and spec.submodule_search_locations is not None
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # the parent is a module, not a package
        return False


MODULE = "<module>"  # the name part of a key that stands for a whole module


@cache
def definer(module: str, name: str) -> Key:
    """Where *name*, as bound in *module*, comes from: ``(module, name)`` bound there.

    Imports are followed through dangvien's modules; a name imported from
    outside dangvien gives its source (``("typing", "Final")``), and a name
    bound to a module gives ``(that module, MODULE)``.
    """
    tree = _tree(module)
    found: Key = (module, name)
    if tree is None:
        return found
    for node in tree.body:  # the last top-level binding wins, as at run time
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    source = _absolute(module, node)
                    if _is_module(f"{source}.{alias.name}"):
                        found = (f"{source}.{alias.name}", MODULE)
                    elif source == PACKAGE or source.startswith(PACKAGE + "."):
                        found = definer(source, alias.name)
                    else:
                        found = (source, alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if (alias.asname or alias.name.split(".")[0]) == name:
                    found = (alias.name if alias.asname else name, MODULE)
        elif isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            if node.name == name:
                found = (module, name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                found = (module, name)
    return found


def _ours(key: Key) -> bool:
    return key[1] != MODULE and (key[0] == PACKAGE or key[0].startswith(PACKAGE + "."))


def _rank(module: str, key: Key) -> tuple[int, int, int, int, str]:
    # A full name that is also a module's (the function dangvien.report.formats
    # beside the module) cannot be a home.  The top-level package only
    # re-exports a selection: never a home while a module exports the name
    # too.  Then the shortest path; then the module that holds the
    # definition; then alphabetical.
    clash = 1 if f"{module}.{key[1]}" in public_modules() else 0
    top = 1 if module == PACKAGE else 0
    holds = 0 if key[0] == module or key[0].startswith(module + ".") else 1
    return (clash, top, module.count("."), holds, module)


@cache
def homes() -> dict[Key, str]:
    """Each exported object (by its definer) and the module where it is documented."""
    exporters: dict[Key, list[str]] = {}
    for module in public_modules():
        for name in exports(module):
            exporters.setdefault(definer(module, name), []).append(module)
    return {key: min(mods, key=lambda m: _rank(m, key)) for key, mods in exporters.items()}


def home_of(module: str, name: str) -> str:
    """The full name under which ``module.name`` is documented."""
    key = definer(module, name)
    return f"{homes()[key]}.{name}"


def public_names() -> dict[str, str]:
    """Every ``module.name`` of every public ``__all__``, and its documented full name."""
    return {
        f"{module}.{name}": home_of(module, name)
        for module in public_modules()
        for name in exports(module)
    }


def homed(module: str) -> tuple[str, ...]:
    """The names documented in *module* (its own ``__all__`` minus re-exports)."""
    return tuple(n for n in exports(module) if home_of(module, n) == f"{module}.{n}")


def pages() -> dict[str, list[str]]:
    """Top-level module → its public modules, in order (a page each top-level module)."""
    out: dict[str, list[str]] = {}
    for module in public_modules():
        out.setdefault(".".join(module.split(".")[:2]), []).append(module)
    return out


def _attr_docs(module: str) -> dict[str, list[str]]:
    from sphinx.pycode import ModuleAnalyzer

    try:
        found = ModuleAnalyzer.for_module(module).find_attr_docs()
    except Exception:  # no source to analyse
        return {}
    return {name: lines for (scope, name), lines in found.items() if scope == ""}


def _entry(module: str, name: str) -> str:
    """The autodoc directive documenting ``module.name``."""
    obj = getattr(importlib.import_module(module), name)
    full = f"{module}.{name}"
    if isinstance(obj, type) and issubclass(obj, BaseException):
        return f".. autoexception:: {full}\n   :members:\n   :show-inheritance:\n"
    if (
        isinstance(obj, type)
        and issubclass(obj, enum.Enum)
        and "Attributes:" not in (obj.__doc__ or "")
    ):  # members without a docstring of their own are still listed
        return f".. autoclass:: {full}\n   :members:\n   :undoc-members:\n"
    if isinstance(obj, type):
        return f".. autoclass:: {full}\n   :members:\n"
    if inspect.isroutine(obj):
        return f".. autofunction:: {full}\n"
    # Data: its #: comment is read where it is defined.  The value is shown
    # when it is short, or when there is no comment to say what it is (a
    # parameter key shows its titles).
    key = definer(module, name)
    doc = _attr_docs(key[0]).get(key[1], [])
    out = f".. autodata:: {full}\n"
    if len(repr(obj)) > (70 if doc else 400) or isinstance(obj, TypeVar):
        out += "   :no-value:\n"
    if key[0] != module and doc:
        out += "\n" + "".join(f"   {line}\n" for line in doc)
    return out


def render_page(top: str, modules: Iterable[str]) -> str:
    """The Markdown of one API page: the top module, then each submodule as a section."""
    out = [f"# `{top}`\n", "<!-- generated by docs/_ext/dangvien_api.py; do not edit -->\n"]
    for module in modules:
        if module != top:
            out.append(f"## `{module}`\n")
        body = f".. automodule:: {module}\n   :no-members:\n\n"
        body += "\n".join(_entry(module, name) for name in homed(module))
        out.append(f"```{{eval-rst}}\n{body}```\n")
        if module == PACKAGE:
            out.append(_reexports())
    return "\n".join(out)


def _reexports() -> str:
    rows = [
        f"| `{name}` | {{py:obj}}`{home_of(PACKAGE, name)}` |"
        for name in exports(PACKAGE)
        if home_of(PACKAGE, name) != f"{PACKAGE}.{name}"
    ]
    head = (
        "Re-exported here for convenience, documented where they live:\n\n"
        "| name | documented as |\n|---|---|\n"
    )
    return head + "\n".join(rows) + "\n"


def write_pages(directory: Path) -> list[str]:
    """Write the API pages into *directory* (only files whose text changed); return the names."""
    directory.mkdir(exist_ok=True)
    names = []
    for top, modules in pages().items():
        path = directory / f"{top}.md"
        text = render_page(top, modules)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        names.append(path.stem)
    for stale in directory.glob(f"{PACKAGE}*.md"):
        if stale.stem not in names:
            stale.unlink()
    return names


# --- Sphinx hooks -----------------------------------------------------------------


@cache
def _split(target: str) -> tuple[str, list[str]] | None:
    parts = target.split(".")
    for i in range(len(parts), 0, -1):
        module = ".".join(parts[:i])
        if module != PACKAGE and not module.startswith(PACKAGE + "."):
            return None
        try:
            importlib.import_module(module)
        except ImportError:
            continue
        return module, parts[i:]
    return None


@cache
def resolve(target: str) -> tuple[str, Any] | None:
    """The documented full name of a reference to *target*, and the object, if public."""
    split = _split(target)
    if split is None or not split[1]:
        return None
    module, rest = split
    key = definer(module, rest[0])
    if key[1] == MODULE:  # through a module alias: ev.EventKind
        return resolve(".".join([key[0], *rest[1:]])) if rest[1:] else None
    obj: Any = importlib.import_module(key[0]) if _ours(key) else None
    for attr in [key[1], *rest[1:]]:
        obj = getattr(obj, attr, None)
    if isinstance(obj, TypeVar):
        return target, obj
    if key not in homes():
        return None
    return ".".join([homes()[key], key[1], *rest[1:]]), obj


def _missing_reference(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve a reference to any path of a public name; flag one to a private name."""
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"].lstrip("~.")
    tries = [target]
    if node.get("py:module"):
        tries.append(f"{node['py:module']}.{target}")
    domain = env.get_domain("py")
    for candidate in tries:
        found = resolve(candidate)
        if found is None:
            if _split(candidate) is not None and _private_target(app, node, candidate):
                return None  # warned
            continue
        full, obj = found
        if isinstance(obj, TypeVar):
            return contnode  # type variables have no entry; shown as text
        for typ in (node["reftype"], "obj"):
            ref = domain.resolve_xref(env, node["refdoc"], app.builder, typ, full, node, contnode)
            if ref is not None:
                return ref
    return None


def _private_target(app: Any, node: Any, candidate: str) -> bool:
    """Warn about a relative reference to a dangvien name no public module exports.

    Absolute ones are warned about by Sphinx itself (nitpicky); a relative one
    (``:func:`_helper```) would pass the ignore pattern for names outside
    dangvien, so it is flagged here unless conf.py's ``nitpick_ignore`` lists it.
    """
    module, rest = _split(candidate)  # type: ignore[misc]
    if not rest or not hasattr(importlib.import_module(module), rest[0]):
        return False
    if candidate == node["reftarget"].lstrip("~."):
        return False  # absolute: Sphinx reports it
    key = definer(module, rest[0])
    if not _ours(key):
        return False  # a name from outside dangvien (typing.Final, datetime)
    full = ".".join([*key, *rest[1:]])
    if (node["refdomain"] + ":" + node["reftype"], full) in app.config.nitpick_ignore:
        return False
    LOGGER.warning("reference to %s, which no public module exports", full, location=node)
    return True


def _process_docstring(
    app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """Drop the docstring a constant inherits from its type (a dict's, a tuple's)."""
    if what in ("data", "attribute") and not isinstance(obj, type) and lines:
        inherited = inspect.getdoc(type(obj)) or ""
        if "\n".join(lines).strip() == inherited.strip():
            lines.clear()


def _write(app: Any) -> None:
    write_pages(Path(app.srcdir) / "api")


def setup(app: Any) -> dict[str, Any]:
    """Register the hooks with Sphinx."""
    app.connect("builder-inited", _write)
    app.connect("missing-reference", _missing_reference)
    # Before napoleon (priority 500) rewrites the inherited text.
    app.connect("autodoc-process-docstring", _process_docstring, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
