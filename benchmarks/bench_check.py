"""Benchmark a full rule check and a ``due`` listing on a province-size register.

Usage::

    python benchmarks/bench_check.py                  # the province: 130 communes, ~250 000 people
    python benchmarks/bench_check.py --members 20000 --communes 10
    python benchmarks/bench_check.py --profile check  # cProfile of one check, top 25 by own time

The register is generated in memory by :func:`dangvien.synthetic.generate_province`
(obviously synthetic people), then ``check`` and ``due`` run on one core.  Every
timed run is cold: it gets a fresh copy of the records, so nothing computed by an
earlier run (timelines, per-record indexes) is reused.  Reported: people per
second, wall time (best of ``--repeat``), the findings found, and the peak memory
(the process's maximum resident set, and the peak Python allocations of one check
measured by tracemalloc when ``--tracemalloc`` is given).  ``--freeze`` calls
``gc.freeze()`` once the register is built, as a command could after loading it.

Targets: ``check`` at least 50 000 people/s; ``due`` at least 5 times faster than
``check``.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pstats
import resource
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any

from dangvien.model.register import Dataset, Record
from dangvien.rules import check, due
from dangvien.synthetic import generate_province

AS_OF = date(2025, 12, 31)
WINDOW = (date(2026, 1, 1), date(2026, 3, 31))
CHECK_TARGET = 50_000  # people per second
DUE_RATIO_TARGET = 5.0  # due at least this many times faster than check


def _rss_mb() -> float:
    """The process's peak resident set so far, in MB (Linux reports kB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def _fresh(dataset: Dataset) -> Dataset:
    """A copy with fresh records: nothing cached (timelines, indexes) from an earlier run."""
    return Dataset(
        organization=dataset.organization,
        plans=dataset.plans,
        records=tuple(Record(r.person, r.events) for r in dataset.records),
    )


def _best(func: Callable[[Dataset], Any], dataset: Dataset, repeat: int) -> tuple[float, Any]:
    """Return the best wall time of *repeat* cold runs (each on a fresh copy) and the result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        data = _fresh(dataset)
        gc.collect()
        t0 = time.perf_counter()
        result = func(data)
        best = min(best, time.perf_counter() - t0)
    return best, result


def _traced_peak_mb(func: Callable[[Dataset], Any], dataset: Dataset) -> float:
    """Peak Python allocations of one cold run, the dataset itself excluded."""
    data = _fresh(dataset)
    gc.collect()
    tracemalloc.start()
    func(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024 / 1024


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print a report (text or JSON)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--communes", type=int, default=130)
    ap.add_argument("--members", type=int, default=250_000)
    ap.add_argument("--seed", default="bench")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--tracemalloc", action="store_true", help="also trace one check's peak")
    ap.add_argument("--profile", choices=("check", "due"), help="cProfile one run instead")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument(
        "--freeze",
        action="store_true",
        help="gc.freeze() after generating, as a command could after loading the dataset",
    )
    args = ap.parse_args(argv)

    rss0 = _rss_mb()
    t0 = time.perf_counter()
    dataset = generate_province(communes=args.communes, members=args.members, seed=args.seed)
    generated = time.perf_counter() - t0
    people = len(dataset)
    rss_data = _rss_mb()
    if args.freeze:
        # The register lives as long as the process: keep the cyclic GC from
        # traversing its millions of objects again and again.
        gc.collect()
        gc.freeze()

    def run_check(data: Dataset) -> Any:
        return check(data, as_of=AS_OF)

    def run_due(data: Dataset) -> Any:
        return due(data, *WINDOW, as_of=AS_OF)

    if args.profile:
        prof = cProfile.Profile()
        prof.runcall(run_check if args.profile == "check" else run_due, _fresh(dataset))
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
        return 0

    t_check, findings = _best(run_check, dataset, args.repeat)
    t_due, items = _best(run_due, dataset, args.repeat)
    rss_peak = _rss_mb()
    traced = _traced_peak_mb(run_check, dataset) if args.tracemalloc else None

    rate = people / t_check
    ratio = t_check / t_due
    report = {
        "people": people,
        "communes": args.communes,
        "generate_s": round(generated, 2),
        "check_s": round(t_check, 3),
        "check_people_per_s": round(rate),
        "check_target_people_per_s": CHECK_TARGET,
        "check_vs_target": round(rate / CHECK_TARGET, 2),
        "due_s": round(t_due, 3),
        "due_speedup_over_check": round(ratio, 1),
        "due_speedup_target": DUE_RATIO_TARGET,
        "findings": dict(Counter(f.severity.value for f in findings)),
        "due_items": len(items),
        "due_overdue": sum(i.overdue for i in items),
        "rss_before_mb": round(rss0),
        "rss_with_dataset_mb": round(rss_data),
        "rss_peak_mb": round(rss_peak),
        "check_traced_peak_mb": None if traced is None else round(traced, 1),
        "gc_frozen": args.freeze,
        "python": sys.version.split()[0],
    }
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    ok_check = "OK" if rate >= CHECK_TARGET else "BELOW TARGET"
    ok_due = "OK" if ratio >= DUE_RATIO_TARGET else "BELOW TARGET"
    print(
        f"register: {people:,} people in {args.communes} communes "
        f"(generated in {generated:.1f} s){'; gc frozen' if args.freeze else ''}"
    )
    print(
        f"check:    {t_check:.3f} s  → {rate:,.0f} people/s  "
        f"(target {CHECK_TARGET:,}: {rate / CHECK_TARGET:.2f}×, {ok_check})"
    )
    print(
        f"due:      {t_due:.3f} s  → {ratio:.1f}× faster than check "
        f"(target {DUE_RATIO_TARGET:.0f}×, {ok_due})"
    )
    print(
        f"findings: {report['findings']}; due items: {len(items)} ({report['due_overdue']} overdue)"
    )
    print(
        f"memory:   peak RSS {rss_peak:,.0f} MB (dataset {rss_data - rss0:,.0f} MB)"
        + ("" if traced is None else f"; one check allocates at most {traced:,.1f} MB")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
