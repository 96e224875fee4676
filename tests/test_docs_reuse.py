"""docs/reuse.md walks through the district example: each output is what it prints now."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytest.importorskip("polars")

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "scripts" / "run_doc_examples.py"


def _runner():
    spec = importlib.util.spec_from_file_location("run_doc_examples", RUNNER)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reuse_page_outputs_are_current() -> None:
    """Every output printed in docs/reuse.md is what its command or snippet prints now
    (regenerate with `python scripts/run_doc_examples.py docs/reuse.md --write`)."""
    _fresh, pairs = _runner().run_page(ROOT / "docs" / "reuse.md")
    assert len(pairs) >= 10
    for expected, actual in pairs:
        assert expected == actual


def test_reuse_page_is_in_the_toctree() -> None:
    """The page is reachable from the index."""
    assert "\nreuse\n" in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
