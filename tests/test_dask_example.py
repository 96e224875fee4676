"""The Dask example (``examples/dask/check_on_dask.py``) gives the serial check on a cluster."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip(
    "distributed", reason="the dask extra is not installed (pip install 'dangvien[dask]')"
)

from distributed import Client, LocalCluster
from tests.test_partition import AS_OF, moved

from dangvien.rules import check

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "dask" / "check_on_dask.py"


def _example():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("check_on_dask", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_example_on_a_local_cluster_gives_the_serial_findings() -> None:
    """Both ways of mapping on Dask (executor, client.map) give rules.check's findings.

    The register has people moved between communes, so the guests matter.
    """
    example = _example()
    data = moved()
    expected = check(data, as_of=AS_OF)
    assert expected  # findings to compare
    assert date(2025, 12, 31) == AS_OF
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        assert expected == example.check_with_executor(client, data, AS_OF)
        assert expected == example.check_with_map(client, data, AS_OF)
