"""The benchmark script runs: every stage on a tiny register, whole and split.

Figures are not checked (they belong to ``docs/benchmarks.md``, measured
on purpose); what is checked is that each stage runs, reports what the
documentation reads from it, and judges the targets it can.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("polars", reason="the benchmark compares with polars (the fast extra)")

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench.py"


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("split", [False, True], ids=["whole", "split"])
def test_every_stage_runs_on_a_tiny_register(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], split: bool
) -> None:
    bench = _bench()
    stages = ["polars", "cli-check", "cli-due"]
    stages += ["api-check-stored"] if split else ["api-load", "api-check", "profile-check"]
    argv = ["--people", "600", "--data", str(tmp_path), "--stages", *stages, "--jobs", "1", "2"]
    assert bench.main([*argv, *(["--split"] if split else []), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["partitioned"] is split
    assert figures["people"] > 500
    rows = {r["stage"]: r for r in figures["rows"]}
    expected = {"cli-check", "cli-check --jobs 2", "cli-due", "cli-due --jobs 2"}
    assert expected <= set(rows)
    assert all(r["seconds"] > 0 and r["peak_mb"] > 0 for r in rows.values())
    check = rows["api-check-stored" if split else "api-check"]
    assert check["people_per_s"] > 0
    # The one-core check target is judged whatever the size (and missed here, so said).
    assert any(t.startswith(("check, one core", "streamed check")) for t in figures["targets"])
    if not split:
        shares = dict(rows["profile-check"]["profile"])
        assert any(m.startswith("dangvien/rules/") for m in shares)
        assert 50 < sum(shares.values()) <= 100.1
        assert any(t.startswith("load vs polars") for t in figures["targets"])
