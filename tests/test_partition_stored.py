"""A register kept in partitions: written, read whole, streamed; the same results as whole.

The stored register (``parts/<key>/``) is judged one partition at a time
(:func:`dangvien.partition.check_stored`); every test compares with the
whole register judged by :func:`dangvien.rules.check` and ``dangvien check``.
"""

from __future__ import annotations

import functools
import os
import shutil
from datetime import date
from io import StringIO
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.test_partition import AS_OF, moved

from dangvien import partition as pt
from dangvien.cli import EXIT_BAD_DATA, EXIT_OK, EXIT_USAGE, main
from dangvien.errors import UsageError
from dangvien.io import DatasetError, _atomic, load_dataset, read_dataset
from dangvien.io.parts import part_key, part_name
from dangvien.model.register import Dataset
from dangvien.rules import check, due
from dangvien.synthetic import generate_district

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DUE = (date(2026, 1, 1), date(2026, 6, 30))
#: A person of each example, for explain.
PERSON = {"long-thanh": "LT-0007", "district": "X02-0003"}


@functools.cache
def _moved() -> Dataset:
    return attrs.evolve(moved(), data_as_of=AS_OF)


@functools.cache
def _district() -> Dataset:
    # Commune plans and the district's plans (judged on the whole).
    return generate_district(seed=3, communes=20, end=2024)


@pytest.fixture(scope="module")
def stored_moved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("stored") / "moved"
    pt.save_partitioned(_moved(), root)
    return root


def _cli(*argv: str) -> tuple[int, str]:
    out = StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue()


# --- the layout ---------------------------------------------------------------------


def test_the_layout_holds_each_person_once_as_home(stored_moved: Path) -> None:
    """One directory per partition, each person once as its own; guests come from elsewhere."""
    names = sorted(os.listdir(stored_moved / "parts"))
    split = pt.partition(_moved())
    assert names == sorted(part_name(p.key) for p in split.partitions)
    stored = pt.open_partitions(stored_moved)
    homes: list[str] = []
    guests = 0
    for key in stored.parts:
        part, issues = stored.load(key)
        assert issues == ()
        homes.extend(r.person.id for r in part.records)
        assert not {r.person.id for r in part.guests} & {r.person.id for r in part.records}
        guests += len(part.guests)
    assert sorted(homes) == sorted(r.person.id for r in _moved().records)
    assert guests > 0  # the moves made guests, written under guests/
    assert any((stored_moved / "parts" / n / "guests" / "events.csv").exists() for n in names)


def test_read_whole_gives_the_same_people_and_findings(stored_moved: Path) -> None:
    """load_dataset reads every partition's own people: the same register, the same check."""
    whole = load_dataset(stored_moved)
    assert sorted(whole.records, key=lambda r: r.person.id) == sorted(
        _moved().records, key=lambda r: r.person.id
    )
    assert check(whole) == check(_moved())


# --- streamed results equal whole results --------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_streamed_check_and_due_equal_the_whole(stored_moved: Path, jobs: int) -> None:
    """Findings and due items, with their order, are those of the whole register."""
    stored = pt.open_partitions(stored_moved)
    expected = check(_moved())
    assert expected  # findings to compare
    assert pt.check_stored(stored, jobs=jobs) == expected
    items = due(_moved(), *DUE)
    assert items
    assert pt.due_stored(stored, *DUE, jobs=jobs) == items


def test_explain_reads_one_partition_and_says_what_the_whole_says(stored_moved: Path) -> None:
    """The movers, the people they introduced and others: the same evaluations."""
    from dangvien.errors import UnknownIdError
    from dangvien.rules import explain

    stored = pt.open_partitions(stored_moved)
    split = pt.partition(_moved())
    guests = {r.person.id for p in split.partitions for r in p.guests}
    sample = sorted(guests)[:8] + [r.person.id for r in _moved().records[::97]]
    for pid in sample:
        record, found = pt.explain_stored(stored, pid)
        assert record == _moved().record(pid)
        assert found == explain(_moved(), pid)
    assert pt.find_person(stored, "NO-SUCH-PERSON") is None
    with pytest.raises(UnknownIdError):
        pt.explain_stored(stored, "NO-SUCH-PERSON")


def test_plans_above_the_grassroots_are_judged_scope_by_scope(tmp_path: Path) -> None:
    """A district's plans count every commune's people: streamed, the findings are the same."""
    data = _district()
    root = tmp_path / "district"
    pt.save_partitioned(data, root)
    stored = pt.open_partitions(root)
    assert [i for i, k in enumerate(stored.plan_keys()) if k is None]  # district plans
    assert [k for k in stored.plan_keys() if k is not None]  # commune plans
    for day in (date(2024, 6, 30), date(2024, 12, 31)):
        assert pt.check_stored(stored, as_of=day) == check(data, as_of=day)


def test_a_plan_of_an_organisation_without_cells_is_judged_as_on_the_whole(tmp_path: Path) -> None:
    """Its scope holds no partition: it is still judged on a register, not on none."""
    from dangvien.model.org import Organization, OrgLevel

    data = _district()
    empty = Organization("x99", "Đảng bộ xã Trống", OrgLevel.COMMUNE)
    root = attrs.evolve(data.organization, children=(*data.organization.children, empty))
    plan = next(p for p in data.plans if p.organization != data.organization.id)
    extra = attrs.evolve(plan, id=plan.id + "-x99", organization="x99")
    data = attrs.evolve(data, organization=root, plans=(*data.plans, extra))
    pt.save_partitioned(data, tmp_path / "d")
    day = date(2024, 12, 31)
    whole = check(data, as_of=day)
    assert [f for f in whole if f.subject == extra.id]  # the plan is judged
    assert pt.check_stored(pt.open_partitions(tmp_path / "d"), as_of=day) == whole


@pytest.mark.parametrize("example", ["long-thanh", "district"])
@pytest.mark.parametrize(
    "command",
    [
        ("check", "--format", "json"),
        ("check",),
        ("due", "--from", "2025-01-01", "--to", "2025-12-31", "--format", "json"),
        ("due", "--from", "2025-01-01", "--to", "2025-12-31", "--format", "ics"),
        ("report", "--format", "json"),
        ("show",),
        ("explain", "{person}"),
        ("explain", "nobody"),
    ],
    ids=["check-json", "check", "due-json", "due-ics", "report", "show", "explain", "unknown"],
)
def test_the_command_prints_the_same_on_a_split_register(
    tmp_path: Path, example: str, command: tuple[str, ...]
) -> None:
    """`dangvien split` then any command: the output of the whole register, byte for byte."""
    split = tmp_path / "split"
    status, said = _cli("split", str(EXAMPLES / example), str(split), "--lang", "en")
    assert status == EXIT_OK
    assert "partition" in said
    name, *options = command
    options = [o.replace("{person}", PERSON[example]) for o in options]

    def run(dataset: Path, *more: str) -> tuple[int, str, bytes]:
        if "ics" not in options:
            return (*_cli(name, str(dataset), *options, *more), b"")
        out = tmp_path / "due.ics"  # a file format: written, not printed
        status, said = _cli(name, str(dataset), *options, *more, "--output", str(out))
        return status, said, out.read_bytes()

    whole = run(EXAMPLES / example)
    assert whole[1] or whole[2] or whole[0] == EXIT_USAGE
    assert run(split) == whole
    if name in ("check", "due"):
        assert run(split, "--jobs", "2") == whole


# --- bad partitions ------------------------------------------------------------------


@pytest.fixture
def damaged(stored_moved: Path, tmp_path: Path) -> Path:
    root = tmp_path / "damaged"
    shutil.copytree(stored_moved, root)
    return root


def _issues(root: Path) -> list[tuple[str, object, object, object, str]]:
    with pytest.raises(DatasetError) as exc:
        pt.check_stored(pt.open_partitions(root))
    return [(i.file, i.row, i.column, i.value, i.reason.key) for i in exc.value.issues]


def _rows(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").splitlines()


def test_a_bad_value_is_reported_at_its_partition_file_row_and_column(damaged: Path) -> None:
    """The issue names parts/<key>/events.csv, the row a spreadsheet shows, the column."""
    events = damaged / "parts" / "tn002" / "events.csv"
    lines = _rows(events)
    header = lines[0].split(",")
    fields = lines[4].split(",")
    fields[header.index("date")] = "2024-02-30"
    lines[4] = ",".join(fields)
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = _issues(damaged)
    assert found == [("parts/tn002/events.csv", 5, "date", "2024-02-30", found[0][4])]
    # Read whole, the same issue, once.
    whole = read_dataset(damaged).issues
    assert [(i.file, i.row, i.column) for i in whole] == [("parts/tn002/events.csv", 5, "date")]


def test_after_an_issue_partitions_are_read_but_not_judged(
    damaged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every issue is still reported; judging stops, since its findings would be thrown away."""
    first = damaged / "parts" / "tn001" / "people.csv"
    lines = _rows(first)
    first.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")  # a duplicate row
    last = damaged / "parts" / "tn003" / "events.csv"
    last.write_text(last.read_text(encoding="utf-8-sig") + "X,2024-02-30\n", encoding="utf-8")
    judged: list[str] = []
    real = pt.check_partition

    def counting(part: pt.Partition, **options: object) -> pt.CheckPart:
        judged.append(part.key)
        return real(part, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(pt, "check_partition", counting)
    files = {f for f, *_ in _issues(damaged)}
    assert files == {"parts/tn001/people.csv", "parts/tn003/events.csv"}
    assert judged == []


def test_a_person_in_two_partitions_is_reported_once_at_the_second_row(damaged: Path) -> None:
    """Copied into another commune's people.csv: one issue, at that row, naming the first."""
    source = _rows(damaged / "parts" / "tn001" / "people.csv")
    target = damaged / "parts" / "tn003" / "people.csv"
    lines = _rows(target)
    target.write_text("\n".join([*lines, source[1]]) + "\n", encoding="utf-8")
    pid = source[1].split(",")[0]
    expected = [("parts/tn003/people.csv", len(lines) + 1, "id", pid, "io.parts.duplicate")]
    assert _issues(damaged) == expected
    assert [
        (i.file, i.row, i.column, i.value, i.reason.key) for i in read_dataset(damaged).issues
    ] == expected


def test_a_person_in_the_wrong_partition_is_reported_at_the_cell(damaged: Path) -> None:
    """Moved (not copied) to another partition: their cell is another partition's."""
    src = damaged / "parts" / "tn001" / "people.csv"
    source = _rows(src)
    moved_row = source.pop(1)
    src.write_text("\n".join(source) + "\n", encoding="utf-8")
    target = damaged / "parts" / "tn003" / "people.csv"
    lines = _rows(target)
    target.write_text("\n".join([*lines, moved_row]) + "\n", encoding="utf-8")
    # Their events go with them.
    pid = moved_row.split(",")[0]
    old, new = (
        damaged / "parts" / "tn001" / "events.csv",
        damaged / "parts" / "tn003" / "events.csv",
    )
    theirs = [e for e in _rows(old) if e.startswith(pid + ",")]
    assert theirs
    old.write_text("\n".join(e for e in _rows(old) if e not in theirs) + "\n", encoding="utf-8")
    new.write_text("\n".join([*_rows(new), *theirs]) + "\n", encoding="utf-8")
    cell = moved_row.split(",")[_rows(target)[0].split(",").index("cell")]
    assert _issues(damaged) == [
        ("parts/tn003/people.csv", len(lines) + 1, "cell", cell, "partition.misplaced")
    ]


def test_strangers_in_parts_and_files_beside_it_are_reported(damaged: Path) -> None:
    """A directory named after no organisation, a file in parts/, a people.csv beside parts/."""
    (damaged / "parts" / "nowhere").mkdir()
    (damaged / "parts" / "notes.txt").write_text("x", encoding="utf-8")
    shutil.copy(damaged / "parts" / "tn001" / "people.csv", damaged / "people.csv")
    keys = [k for *_, k in _issues(damaged)]
    assert keys == ["io.parts.beside", "io.parts.not_a_directory", "io.parts.unknown"]
    status, _ = _cli("check", str(damaged))
    assert status == EXIT_BAD_DATA


def test_the_command_lists_every_issue_once_without_a_traceback(
    damaged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (damaged / "parts" / "nowhere").mkdir()
    status, out = _cli("check", str(damaged), "--lang", "en", "--jobs", "2")
    err = capsys.readouterr().err
    assert (status, out) == (EXIT_BAD_DATA, "")
    assert err.count("parts/nowhere") == 1
    assert "Traceback" not in err


# --- writing -------------------------------------------------------------------------


def test_split_refuses_a_directory_in_use(tmp_path: Path) -> None:
    """A directory holding anything but a split register is left alone."""
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "mine.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(UsageError):
        pt.save_partitioned(_moved(), busy)
    assert os.listdir(busy) == ["mine.txt"]
    status, _ = _cli("split", str(EXAMPLES / "long-thanh"), str(busy))
    assert status == EXIT_USAGE


def test_ids_differing_only_in_case_are_refused(tmp_path: Path) -> None:
    """Two partitions A1 and a1 would be one directory on Windows and macOS: nothing written."""
    from dangvien.io.parts import write_partitioned

    org = _moved().organization
    with pytest.raises(UsageError, match="a1"):
        write_partitioned(tmp_path / "x", org, (), None, [("A1", (), ()), ("a1", (), ())])
    assert os.listdir(tmp_path) == []


def test_writing_replaces_a_split_register_or_leaves_it_whole(
    stored_moved: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written again: replaced.  A failure half-way: the old one intact, no leftovers."""
    root = tmp_path / "again"
    shutil.copytree(stored_moved, root)
    before = {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    calls = {"n": 0}
    real = _atomic._write

    def failing(fd: int, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError(28, "No space left on device")
        real(fd, data)

    monkeypatch.setattr(_atomic, "_write", failing)
    with pytest.raises(OSError, match="No space"):
        pt.save_partitioned(_district(), root)
    after = {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(os.listdir(tmp_path)) == ["again"]
    monkeypatch.setattr(_atomic, "_write", real)
    pt.save_partitioned(_district(), root)
    assert load_dataset(root).organization == _district().organization
    assert sorted(os.listdir(tmp_path)) == ["again"]


# --- names ---------------------------------------------------------------------------


@given(st.text(min_size=1, max_size=20))
def test_any_key_is_one_safe_path_component(key: str) -> None:
    """Percent-encoding: no separator, no dot directory, and the key comes back."""
    name = part_name(key)
    assert not {"/", "\\", "\x00"} & set(name)
    assert not name.startswith(".")
    assert name != "@none"
    assert part_key(name) == key


# --- generated kept in partitions ----------------------------------------------------


def _files(root: Path) -> dict[Path, bytes]:
    return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_province_written_commune_by_commune_is_the_generated_province(tmp_path: Path) -> None:
    """write_province writes generate_province's people, one partition per commune."""
    from dangvien.synthetic import generate_province, write_province

    root = tmp_path / "province"
    count = write_province(root, communes=3, members=600, seed="stream")
    whole = generate_province(communes=3, members=600, seed="stream")
    assert count == len(whole)
    assert sorted(os.listdir(root / "parts")) == ["tn001", "tn002", "tn003"]
    assert load_dataset(root) == whole
    assert pt.check_stored(pt.open_partitions(root)) == check(whole)
    # Communes generated on two processes: the same files.
    again = tmp_path / "again"
    assert write_province(again, communes=3, members=600, seed="stream", jobs=2) == count
    assert _files(again) == _files(root)


# --- fuzzed partitions ---------------------------------------------------------------


@functools.cache
def _small_stored() -> dict[str, bytes]:
    """A small split register (two communes), as file bytes."""
    import tempfile

    from dangvien.synthetic import generate_province

    data = generate_province(communes=2, members=120, seed=1)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "small"
        pt.save_partitioned(data, root)
        return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@st.composite
def _damaged_files(draw: st.DrawFn) -> dict[str, bytes]:
    files = dict(_small_stored())
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(sorted(files)))
        data = bytearray(files[name])
        kind = draw(st.sampled_from(["flip", "insert", "delete", "move", "stray"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "move" and name.startswith("parts/"):
            # The file goes to another (maybe unknown) partition's directory.
            other = draw(st.sampled_from(["tn001", "tn002", "nowhere", "@none", "%2E."]))
            del files[name]
            name = "/".join(["parts", other, *name.split("/")[2:]])
        elif kind == "stray":
            name = draw(st.sampled_from(["people.csv", "parts/notes.txt", "parts/tn001/x.csv"]))
        files[name] = bytes(data)
    return files


@given(files=_damaged_files())
def test_damaged_partitions_give_findings_or_issues(
    tmp_path_factory: pytest.TempPathFactory, files: dict[str, bytes]
) -> None:
    """Whatever the damage: findings, or DatasetError with printable issues; never a crash."""
    root = tmp_path_factory.mktemp("fuzz")
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    error = None
    try:
        pt.check_stored(pt.open_partitions(root))
    except DatasetError as exc:
        error = exc
    if error is not None:
        assert error.issues
        for line in str(error).split("\n"):
            assert line.isprintable(), repr(line)
    status, _ = _cli("check", str(root))
    assert status in (EXIT_OK, 1, EXIT_BAD_DATA)
