"""The Long Thành notebook runs, and its two plots become the documentation's PNGs."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("polars")
pytest.importorskip("matplotlib")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "examples" / "long-thanh-fulfilment.ipynb"
STATIC = ROOT / "docs" / "_static"
PLOTS = {"plot-fulfilment": "long-thanh-fulfilment.png", "plot-funnel": "long-thanh-funnel.png"}


def _write_if_changed(path: Path, data: bytes) -> None:
    if not path.exists() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_notebook_runs_and_saves_plots() -> None:
    """The notebook executes without error; the tagged plot cells' PNGs go to docs/_static."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    found: dict[str, bytes] = {}
    for cell in nb.cells:
        for tag in cell.get("metadata", {}).get("tags", []):
            if tag in PLOTS:
                pngs = [
                    o["data"]["image/png"]
                    for o in cell.get("outputs", [])
                    if "image/png" in o.get("data", {})
                ]
                assert pngs, f"no PNG output in the cell tagged {tag}"
                found[tag] = base64.b64decode(pngs[0])
    assert set(PLOTS) == set(found)
    for tag, data in found.items():
        assert data.startswith(b"\x89PNG")
        _write_if_changed(STATIC / PLOTS[tag], data)
    text = "".join(
        o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
    )
    assert "PLAN-HEADLINE-SUM" in text
