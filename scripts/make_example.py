"""Regenerate the synthetic register of the Long Thành example, or write a synthetic province.

The organisation and the plan of ``examples/long-thanh`` are transcribed by
hand (``organization.toml``, ``plans.toml``); this script only rewrites the
generated ``people.csv`` and ``events.csv`` beside them, from those two files,
the fixed seed :data:`SEED` and the example's own shape of history
(:func:`long_thanh_profile`: the cells the plan names), with the three planted
mistakes.  The register is generated as of 31 December of :data:`END`, which
must be the ``data_as_of`` of ``organization.toml``.

Usage::

    python scripts/make_example.py                  # rewrite the example's CSV files
    python scripts/make_example.py --check          # exit 1 if they differ from a fresh run
    python scripts/make_example.py --province OUT_DIR [--communes 130] [--members 250000]

``--province`` writes a synthetic province (all four files) to OUT_DIR, which
must lie outside the repository.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from dangvien.io import load_dataset, save_dataset
from dangvien.model import Dataset
from dangvien.synthetic import (
    HistoryProfile,
    generate_province,
    generate_register,
    planted_mistakes,
)

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "long-thanh"
#: The seed of the example: the plan's date.
SEED = 20230608
START, END = 2019, 2025
TRANSCRIBED = ("organization.toml", "plans.toml")
GENERATED = ("people.csv", "events.csv")

#: The six cells the Long Thành plan names as having admitted nobody for years
#: (section I.2.1 of the plan), as the plan prints them.
LONG_THANH_QUIET_CELLS = (
    "Văn Tràng",
    "Phú Thọ",
    "Phan Thanh",
    "Bắc Sơn",
    "Giáp Ngói",
    "Rú Đất",
)

#: The cells the plan praises for their sourcing work (section I.1).
LONG_THANH_FAVOURED_CELLS = (
    "Văn Trai",
    "Quang Trung",
    "Vạn Tràng",
    "Điện Yên",
    "Trạm Y tế",
    "Trường mầm non",
    "Trường Tiểu học",
)


def long_thanh_profile() -> HistoryProfile:
    """Return the profile matching the Long Thành plan of 8 June 2023.

    Three to five recognitions a year before 2023 (section I.1 of the plan),
    no admission in the six cells the plan names (section I.2.1), more
    admissions in the cells it praises, and four to eight admissions a year
    from 2023: well below the table's 21.
    """
    return HistoryProfile(
        plan_year=2023,
        recognitions_per_year=(3, 5),
        admissions_per_year=(4, 8),
        quiet_cells=LONG_THANH_QUIET_CELLS,
        favoured_cells=LONG_THANH_FAVOURED_CELLS,
    )


def example_dataset(directory: Path = EXAMPLE) -> Dataset:
    """Generate the example's register from the transcribed TOML files in *directory*.

    Raises:
        ValueError: when the ``data_as_of`` of ``organization.toml`` is not
            the date the register is generated as of.
    """
    with tempfile.TemporaryDirectory() as tmp:
        for name in TRANSCRIBED:
            shutil.copyfile(directory / name, Path(tmp) / name)
        transcribed = load_dataset(tmp)
    dataset = generate_register(
        transcribed.organization,
        seed=SEED,
        start=START,
        end=END,
        plans=transcribed.plans,
        profile=long_thanh_profile(),
        mistakes=True,
    )
    if transcribed.data_as_of != dataset.data_as_of:
        msg = (
            f"{directory / 'organization.toml'}: data_as_of = {transcribed.data_as_of}, "
            f"sổ sinh ra đến ngày / the register is generated as of {dataset.data_as_of}"
        )
        raise ValueError(msg)
    return dataset


def write_register(dataset: Dataset, directory: Path) -> None:
    """Write only ``people.csv`` and ``events.csv`` of *dataset* into *directory*."""
    with tempfile.TemporaryDirectory() as tmp:
        save_dataset(dataset, tmp)
        for name in GENERATED:
            shutil.copyfile(Path(tmp) / name, directory / name)


def regenerate(source: Path = EXAMPLE, target: Path | None = None) -> Dataset:
    """Generate from the TOML files in *source* and write the CSV files to *target*."""
    dataset = example_dataset(source)
    write_register(dataset, target or source)
    return dataset


def _inside_repo(path: Path) -> bool:
    resolved = path.resolve()
    return resolved == REPO or REPO in resolved.parents


def _check() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        regenerate(EXAMPLE, Path(tmp))
        stale = [
            n
            for n in GENERATED
            if not (EXAMPLE / n).is_file()
            or (EXAMPLE / n).read_bytes() != (Path(tmp) / n).read_bytes()
        ]
    for name in stale:
        print(f"{EXAMPLE / name}: khác bản sinh lại / differs from a fresh run", file=sys.stderr)
    return 1 if stale else 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument(
        "--province",
        type=Path,
        metavar="OUT_DIR",
        help="write a synthetic province to OUT_DIR (outside the repository)",
    )
    parser.add_argument("--communes", type=int, default=130)
    parser.add_argument("--members", type=int, default=250_000)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.province is None:
        if args.check:
            return _check()
        dataset = regenerate()
        print(
            f"{EXAMPLE}: {len(dataset)} người / people, "
            f"{sum(len(r.events) for r in dataset)} sự kiện / events"
        )
        for m in planted_mistakes(dataset):
            print(f"  lỗi cố ý / planted: {m.rule} {m.person_id} {m.date.isoformat()}")
        return 0
    if _inside_repo(args.province):
        parser.error(f"{args.province} nằm trong kho mã / is inside the repository")
    started = time.perf_counter()
    dataset = generate_province(communes=args.communes, members=args.members, seed=args.seed)
    generated = time.perf_counter() - started
    save_dataset(dataset, args.province)
    total = time.perf_counter() - started
    events = sum(len(r.events) for r in dataset)
    print(
        f"{args.province}: {len(dataset)} người / people, {events} sự kiện / events; "
        f"sinh {generated:.1f} s, ghi xong sau {total:.1f} s / generated in {generated:.1f} s, "
        f"written after {total:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
