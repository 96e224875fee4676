"""Load, check, due and report at 20k, 250k and 1M people, beside polars reading the same files.

Usage::

    python benchmarks/bench.py --people 20000              # a 10-commune register
    python benchmarks/bench.py --people 250000 --jobs 1 2  # the province, one and two processes
    python benchmarks/bench.py --people 1000000 --stages cli-check
    python benchmarks/bench.py --people 20000 --json       # the figures as JSON
    python benchmarks/bench.py --register DIR --stages polars cli-check  # a register on disk
    python benchmarks/bench.py --people 5600000 --split --stages polars cli-check --jobs 2

The register is generated once by :func:`dangvien.synthetic.generate_province`
(obviously synthetic people, seed ``bench``, about 1 950 people a commune) and
written with :func:`dangvien.io.save_dataset` under ``--data`` (default
``benchmarks/data``, ignored by git); later runs reuse it.  With ``--split``
it is generated commune by commune straight into partitions
(:func:`dangvien.synthetic.write_province`, never held whole), and
``dangvien check``/``due`` then read it one partition at a time.

Every figure comes from a fresh child process, so each stage's peak memory
is its own: the peak resident set of the process and its workers together,
sampled every 20 ms from ``/proc``.  On a shared machine wall times wander,
so each is also given as a ratio to polars reading the same two CSV files
with their types (dates as dates, counts as integers), measured in the same
run (best of three): the ratio is the figure that counts.

Stages:

- ``polars``: polars reads ``people.csv`` and ``events.csv`` with types.
- ``api-load``: :func:`dangvien.io.load_dataset`.
- ``api-check``, ``api-due``, ``api-report``: load, then
  :func:`dangvien.rules.check` (one core: people per second),
  :func:`dangvien.rules.due` (the first quarter after the data's date),
  :func:`dangvien.report.build_report`; the load is timed apart.
- ``api-load+gc``, ``api-check+gc``: the same with the cyclic garbage
  collector left on (``dangvien._gc.paused`` made a no-op), to measure
  what pausing it gains.
- ``cli-check``, ``cli-due``, ``cli-report``: the ``dangvien`` command end to
  end (start-up, load, work, output to ``/dev/null``), with ``--jobs N`` for
  each N of ``--jobs``.
- ``api-check-stored``: :func:`dangvien.partition.check_stored` on a split
  register, one process (each partition read, then judged).
- ``profile-check``: cProfile of :func:`dangvien.rules.check`, own time
  grouped by module: where a check's time goes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE / "data"
STAGES = (
    "polars",
    "api-load",
    "api-check",
    "api-due",
    "api-report",
    "api-load+gc",
    "api-check+gc",
    "cli-check",
    "cli-due",
    "cli-report",
    "api-check-stored",
    "profile-check",
)
#: Targets of issue 12 for the province (250 000 people), on a 2-core machine.
TARGETS = {
    "check_people_per_s": 50_000,
    "load_vs_polars": 3.0,
    "cli_check_jobs2_s": 8.0,
    "cli_report_s": 10.0,
    "cli_check_1m_s": 40.0,
    "cli_check_national_s": 240.0,
    "national_peak_mb": 4096,
}
DUE_WINDOW = ("2026-01-01", "2026-03-31")


# --- the register ------------------------------------------------------------------


def communes_for(people: int) -> int:
    """About 1 950 people a commune, as in the synthetic province (250 000 in 130)."""
    return max(1, round(people / 1923))


def ensure_register(people: int, data: Path, split: bool = False, jobs: int = 1) -> Path:
    """Return the directory of the generated register of *people*, generating it once.

    With *split*, the register is kept in partitions (``province-<N>p``),
    generated commune by commune on *jobs* processes without ever holding
    it whole: how a national-size register is made.
    """
    directory = data / f"province-{people}{'p' if split else ''}"
    stamp = directory / "GENERATED"
    if stamp.exists():
        return directory
    if split:
        from dangvien.synthetic import write_province

        t0 = time.perf_counter()
        communes = communes_for(people)
        n = write_province(directory, communes=communes, members=people, seed="bench", jobs=jobs)
        seconds = round(time.perf_counter() - t0)
        stamp.write_text(json.dumps({"people": n, "communes": communes, "seconds": seconds}) + "\n")
        return directory
    from dangvien.io import save_dataset
    from dangvien.synthetic import generate_province

    t0 = time.perf_counter()
    dataset = generate_province(communes=communes_for(people), members=people, seed="bench")
    save_dataset(dataset, directory)
    seconds = round(time.perf_counter() - t0)
    communes = communes_for(people)
    stamp.write_text(
        json.dumps({"people": len(dataset), "communes": communes, "seconds": seconds}) + "\n"
    )
    return directory


# --- measuring a child -------------------------------------------------------------


def _tree(pid: int) -> list[int]:
    """The process *pid* and all its descendants (Linux /proc)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_ticks(pid: int) -> int:
    """User and system time of *pid* so far, in clock ticks (Linux /proc)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0
    return int(fields[11]) + int(fields[12])  # utime, stime


def measure(cmd: list[str]) -> dict[str, Any]:
    """Run *cmd*; return its wall time, peak memory (tree total) and the JSON it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]
    ticks: dict[int, int] = {}  # every process of the tree seen: its CPU time so far
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            tree = _tree(proc.pid)
            peak[0] = max(peak[0], sum(_rss_kb(p) for p in tree))
            for p in tree:
                ticks[p] = max(ticks.get(p, 0), _cpu_ticks(p))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):  # check exits 1 when it finds violations
        msg = f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}"
        raise RuntimeError(msg)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    # Workers of a fork server are not our children's children in rusage: count them seen.
    cpu = max(cpu, sum(ticks.values()) / os.sysconf("SC_CLK_TCK"))
    result: dict[str, Any] = {"wall_s": wall, "cpu_s": cpu, "peak_mb": peak[0] / 1024}
    last = out.strip().splitlines()[-1:] if out.strip() else []
    if last and last[0].startswith("{"):
        result.update(json.loads(last[0]))
    return result


# --- stages run in the child -------------------------------------------------------


def _polars_schema(columns: tuple[str, ...], dates: set[str], ints: set[str]) -> dict[str, Any]:
    import polars as pl

    return {c: pl.Date if c in dates else pl.Int64 if c in ints else pl.String for c in columns}


def polars_read(directory: Path) -> float:
    """Seconds for polars to read both CSV files with their types (dates, integers)."""
    import polars as pl

    from dangvien.io import EVENT_COLUMNS, PEOPLE_COLUMNS
    from dangvien.io._csv import _EVENT_FIELDS, _PEOPLE_FIELDS
    from dangvien.io._values import parse_date_text, parse_int

    fields = [*_PEOPLE_FIELDS, *(f for fs in _EVENT_FIELDS.values() for f in fs)]
    dates = {"date"} | {f.name for f in fields if f.parse is parse_date_text}
    ints = {f.name for f in fields if f.parse is parse_int}
    people_schema = _polars_schema(PEOPLE_COLUMNS, dates, ints)
    events_schema = _polars_schema(EVENT_COLUMNS, dates, ints)
    t0 = time.perf_counter()
    rows = [0, 0]
    for people_path, events_path in sources(directory):
        rows[0] += pl.read_csv(people_path, schema=people_schema).height
        rows[1] += pl.read_csv(events_path, schema=events_schema).height
    seconds = time.perf_counter() - t0
    assert rows[0] > 0
    assert rows[1] > 0
    return seconds


def sources(directory: Path) -> list[tuple[Path, Path]]:
    """The register's ``people.csv`` and ``events.csv``: one pair, or one per partition."""
    parts = directory / "parts"
    if parts.is_dir():
        return [(d / "people.csv", d / "events.csv") for d in sorted(parts.iterdir())]
    return [(directory / "people.csv", directory / "events.csv")]


def python_loop() -> float:
    """CPU seconds of ten million additions in a Python loop: how fast this machine is now.

    About 0.4 s on an idle modern core; a shared machine's figure shows how
    much slower it runs at the moment of the benchmark.
    """
    c0 = time.process_time()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.process_time() - c0


def child(stage: str, directory: Path) -> dict[str, Any]:
    """Run one API stage in this process; return its figures."""
    if stage == "polars":
        return {"seconds": min(polars_read(directory) for _ in range(3))}
    from datetime import date

    if stage == "api-check-stored":
        # Streamed: one partition read and judged at a time (load included).
        from dangvien.partition import check_stored, open_partitions

        stored = open_partitions(directory)
        t0, c0 = time.perf_counter(), time.process_time()
        found = check_stored(stored)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        people = json.loads((directory / "GENERATED").read_text())["people"]
        return {"seconds": seconds, "stage_cpu_s": cpu, "people": people, "findings": len(found)}
    if stage == "profile-check":
        return profile_check(directory)

    from dangvien.io import load_dataset

    if stage.endswith("+gc"):
        import contextlib

        from dangvien import _gc

        stage = stage[: -len("+gc")]
        _gc.paused = contextlib.nullcontext  # type: ignore[assignment]

    t0, c0 = time.perf_counter(), time.process_time()
    dataset = load_dataset(directory)
    load, load_cpu = time.perf_counter() - t0, time.process_time() - c0
    out: dict[str, Any] = {"load_s": load, "people": len(dataset)}
    t0, c0 = time.perf_counter(), time.process_time()
    if stage == "api-check":
        from dangvien.rules import check

        out["findings"] = len(check(dataset))
    elif stage == "api-due":
        from dangvien.rules import due

        start, end = (date.fromisoformat(d) for d in DUE_WINDOW)
        out["items"] = len(due(dataset, start, end))
    elif stage == "api-report":
        from dangvien.report import build_report

        report = build_report(dataset)
        out["findings"] = len(report.rules.findings)
    out["seconds"] = time.perf_counter() - t0 if stage != "api-load" else load
    out["stage_cpu_s"] = time.process_time() - c0 if stage != "api-load" else load_cpu
    return out


def profile_check(directory: Path) -> dict[str, Any]:
    """cProfile of ``rules.check`` (after the load): own time grouped by module, as shares."""
    import cProfile
    import pstats
    from collections import Counter

    from dangvien.io import load_dataset
    from dangvien.rules import check

    dataset = load_dataset(directory)
    profiler = cProfile.Profile()
    profiler.enable()
    check(dataset)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    own: Counter[str] = Counter()
    for (filename, _, _), (_, _, tottime, _, _) in stats.items():
        if "/dangvien/" in filename:
            key = "dangvien/" + filename.split("/dangvien/", 1)[1]
        elif filename == "~":
            key = "built-ins"
        else:
            where = Path(filename).parent.name
            key = f"other Python ({where})" if where else "generated code (attrs)"
        own[key] += tottime
    total = sum(own.values())
    top = [(k, round(100 * v / total, 1)) for k, v in own.most_common(14)]
    return {"seconds": total, "people": len(dataset), "profile": top}


# --- the driver --------------------------------------------------------------------


def _command(stage: str, directory: Path, jobs: int) -> list[str]:
    if stage.startswith("cli-"):
        cmd = [sys.executable, "-m", "dangvien", stage[4:], str(directory)]
        if stage == "cli-due":
            cmd += ["--from", DUE_WINDOW[0], "--to", DUE_WINDOW[1]]
        if jobs != 1:
            cmd += ["--jobs", str(jobs)]
        return cmd
    return [sys.executable, str(Path(__file__).resolve()), "--child", stage, str(directory)]


def run(
    people: int,
    data: Path,
    stages: list[str],
    jobs: list[int],
    register: Path | None = None,
    split: bool = False,
) -> dict[str, Any]:
    """Measure *stages* on the register of *people* (or the *register* directory given)."""
    directory = register or ensure_register(people, data, split, max(jobs))
    stamp = json.loads((directory / "GENERATED").read_text())
    figures: dict[str, Any] = {
        "people": stamp["people"],
        "communes": stamp.get("communes", communes_for(stamp["people"])),
        "events_mb": round(sum(e.stat().st_size for _, e in sources(directory)) / 2**20),
        "partitioned": (directory / "parts").is_dir(),
        "machine": f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}",
        "python": sys.version.split()[0],
    }
    figures["python_loop_s"] = round(python_loop(), 2)
    polars = measure(_command("polars", directory, 1))
    base = polars["seconds"]
    figures["polars_s"] = round(base, 3)
    rows = []
    for stage in stages:
        if stage == "polars":
            continue
        for n in jobs if stage.startswith("cli-") else [1]:
            m = measure(_command(stage, directory, n))
            seconds = m.get("seconds", m["wall_s"])
            row = {
                "stage": stage if n == 1 else f"{stage} --jobs {n}",
                "seconds": round(seconds, 2),
                "cpu_s": round(m.get("stage_cpu_s", m["cpu_s"]), 2),
                "vs_polars": round(seconds / base, 1),
                "peak_mb": round(m["peak_mb"]),
            }
            if "load_s" in m and not stage.startswith("api-load"):
                row["load_s"] = round(m["load_s"], 2)
            if stage.startswith("api-check"):
                row["people_per_s"] = round(m["people"] / seconds)
                row["people_per_cpu_s"] = round(m["people"] / m["stage_cpu_s"])
            if "profile" in m:
                row["profile"] = m["profile"]
            rows.append(row)
    figures["rows"] = rows
    figures["targets"] = verdicts(figures)
    return figures


def _print(figures: dict[str, Any]) -> None:
    print(
        f"register: {figures['people']:,} people, {figures['communes']} communes, "
        f"events.csv {figures['events_mb']} MB; {figures['machine']}; "
        f"Python {figures['python']}"
    )
    print(f"yardstick: a 10-million-step Python loop takes {figures['python_loop_s']:.2f} CPU s")
    print(f"polars, typed read of the two CSV files: {figures['polars_s']:.3f} s (= 1.0)")
    print(f"{'stage':<24}{'seconds':>9}{'× polars':>10}{'CPU s':>8}{'peak MB':>9}  notes")
    for r in figures["rows"]:
        notes = []
        if "load_s" in r:
            notes.append(f"after a load of {r['load_s']:.2f} s")
        if "people_per_s" in r:
            notes.append(
                f"{r['people_per_s']:,} people/s ({r['people_per_cpu_s']:,} per CPU second)"
            )
        print(
            f"{r['stage']:<24}{r['seconds']:>9.2f}{r['vs_polars']:>10.1f}{r['cpu_s']:>8.2f}"
            f"{r['peak_mb']:>9,}  " + "; ".join(notes)
        )
    for r in figures["rows"]:
        if "profile" in r:
            print("where a check's time goes (cProfile, own time by module):")
            for module, share in r["profile"]:
                print(f"  {share:5.1f} %  {module}")
    found = verdicts(figures)
    if found:
        print("targets (issue 12):")
        for line in found:
            print("  " + line)


def verdicts(figures: dict[str, Any]) -> list[str]:
    """Each target of issue 12 this run measured: met, or missed by how much."""
    people = figures["people"]
    rows = {r["stage"]: r for r in figures["rows"]}
    out = []

    def judge(what: str, measured: float, target: float, unit: str, higher: bool = False) -> None:
        ok = measured >= target if higher else measured <= target
        factor = target / measured if higher else measured / target
        verdict = "met" if ok else f"MISSED by {factor:.1f}×"
        out.append(f"{what}: {measured:,.1f} {unit} (target {target:,} {unit}): {verdict}")

    if "api-load" in rows:
        judge("load vs polars", rows["api-load"]["vs_polars"], TARGETS["load_vs_polars"], "×")
    if "api-check" in rows:
        per_cpu = rows["api-check"]["people_per_cpu_s"]
        judge("check, one core", per_cpu, TARGETS["check_people_per_s"], "people/CPU s", True)
    elif "api-check-stored" in rows:
        per_cpu = rows["api-check-stored"]["people_per_cpu_s"]
        what = "streamed check (reading included), one core"
        judge(what, per_cpu, TARGETS["check_people_per_s"], "people/CPU s", True)
    province = 200_000 <= people <= 300_000
    million = 800_000 <= people <= 1_500_000
    nation = people >= 5_000_000
    for stage, row in rows.items():
        if not stage.startswith("cli-check"):
            continue
        if province and stage == "cli-check --jobs 2":
            target = TARGETS["cli_check_jobs2_s"]
            judge("province `dangvien check --jobs 2`", row["seconds"], target, "s")
        if million:
            judge(f"1 M `dangvien {stage[4:]}`", row["seconds"], TARGETS["cli_check_1m_s"], "s")
        if nation:
            what = f"national `dangvien {stage[4:]}`"
            judge(what, row["seconds"], TARGETS["cli_check_national_s"], "s")
            judge(what + " peak", row["peak_mb"], TARGETS["national_peak_mb"], "MB")
    if province and "cli-report" in rows:
        report = rows["cli-report"]["seconds"]
        judge("province `dangvien report`", report, TARGETS["cli_report_s"], "s")
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or, with ``--child``, one stage of it)."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--people", type=int, default=20_000)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--stages", nargs="*", default=list(STAGES), choices=STAGES)
    ap.add_argument("--jobs", type=int, nargs="*", default=[1])
    ap.add_argument("--json", action="store_true")
    ap.add_argument(
        "--register",
        type=Path,
        help="measure this dataset directory (with a GENERATED stamp) instead of generating one",
    )
    ap.add_argument(
        "--split",
        action="store_true",
        help="generate the register kept in partitions (commune by commune, bounded memory)",
    )
    ap.add_argument("--child", nargs=2, metavar=("STAGE", "DIR"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]))))
        return 0
    figures = run(args.people, args.data, args.stages, args.jobs, args.register, args.split)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        _print(figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
