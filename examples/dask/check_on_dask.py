"""Judge a register partition by partition on a Dask cluster (the ``dask`` extra).

``dangvien.partition`` splits a register by grassroots organisation into
plain, picklable partitions; judging one is a plain function call.  So any
engine that maps a function over values runs a check: here Dask's
distributed scheduler, first through its ``concurrent.futures`` executor
(the same call as ``dangvien check --jobs N``), then with ``client.map``
and the partitions scattered to the workers once.  Both give exactly what
``dangvien.rules.check`` gives on one core.

Run it (``pip install "dangvien[dask]"``)::

    python examples/dask/check_on_dask.py                 # a local cluster of 2 processes
    python examples/dask/check_on_dask.py tcp://host:8786 # an existing scheduler
"""

from __future__ import annotations

import sys
from datetime import date

from distributed import Client, LocalCluster

from dangvien import partition as pt
from dangvien.findings import Finding
from dangvien.model import Dataset
from dangvien.rules import resolve_as_of


def check_with_executor(client: Client, dataset: Dataset, as_of: date) -> list[Finding]:
    """The check mapped through Dask's ``concurrent.futures`` executor."""
    split = pt.partition(dataset)
    parts = pt.map_partitions(
        pt.check_partition, split.partitions, executor=client.get_executor(), as_of=as_of
    )
    # Plans above the grassroots count cells of several partitions: judged on the whole.
    rest = pt.check_plans(dataset, split.plans, as_of=as_of)
    return pt.merge_checks([*parts, rest])


def check_with_map(client: Client, dataset: Dataset, as_of: date) -> list[Finding]:
    """The check with ``client.map`` over partitions scattered to the workers."""
    split = pt.partition(dataset)
    scattered = client.scatter(list(split.partitions))
    futures = client.map(pt.check_partition, scattered, as_of=as_of, pure=False)
    parts = client.gather(futures)
    rest = pt.check_plans(dataset, split.plans, as_of=as_of)
    return pt.merge_checks([*parts, rest])


def main(address: str | None = None) -> int:
    """Check a small synthetic province on a cluster; print how many findings, as one core does."""
    from dangvien.rules import check
    from dangvien.synthetic import generate_province

    dataset = generate_province(communes=4, members=2000, seed="dask")
    day = resolve_as_of(dataset, None).date
    cluster = None if address else LocalCluster(n_workers=2, threads_per_worker=1)
    with Client(address or cluster) as client:
        on_dask = check_with_executor(client, dataset, day)
        mapped = check_with_map(client, dataset, day)
    if cluster is not None:
        cluster.close()
    serial = check(dataset, as_of=day)
    same = serial == on_dask == mapped
    print(f"{len(serial)} findings on one core, {len(on_dask)} on Dask, the same: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else None))
