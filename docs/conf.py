"""Sphinx configuration for dangvien's documentation."""

from __future__ import annotations

import sys
from pathlib import Path

# The local extension that writes the API reference (docs/_ext/dangvien_api.py).
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "dangvien"
author = "dangvien contributors"
copyright = "2026, dangvien contributors"
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinxcontrib.mermaid",
    "dangvien_api",
]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_fence_as_directive = ["mermaid"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_ext"]
html_theme = "furo"
html_title = "dangvien"
autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
nitpicky = True
nitpick_ignore_regex = [
    # Names outside dangvien (the standard library, attrs, cattrs, polars,
    # matplotlib, Hypothesis) are shown unlinked: intersphinx would fetch
    # inventories over the network, which CI does not have.
    ("py:.*", r"(?!dangvien\b).*"),
]
nitpick_ignore = [
    # Private names in the docstrings and signatures of modules other
    # engineers own (io, model, rules); shown unlinked until those modules
    # export them or stop mentioning them.
    ("py:mod", "dangvien.io._headers"),
    ("py:data", "dangvien.io._headers.EVENT_HEADERS"),
    ("py:class", "dangvien.io._headers.HeaderMapping"),
    ("py:class", "dangvien._text.NameLookup"),
    ("py:class", "dangvien.rules._facts.CellRoster"),
    # A class constant without a docstring of its own (model.events).
    ("py:attr", "dangvien.model.events.Event.TYPE"),
]
suppress_warnings = ["myst.xref_missing"]
