"""No output of the command shows personal data unless ``--reveal`` asks for it.

On the Long Thành and district examples given a party card number and a
personal-record number for every person (and the card numbers on their
card-issued events), every command in every format and both languages
(the district's report at every level, with ``--org``, ``--plan``,
``--decimals`` and ``--rounding``) prints or writes none of the card
numbers, record numbers or full birth dates; with ``--reveal`` the output
is the same, since none of those commands lists personal data.  The one
place a command shows a personal value is the report of bad data: on
registers with bad personal cells (hypothesis draws them, in CSV files and
in a workbook), every command masks each bad value, and ``--reveal`` shows
each one.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangvien.cli import EXIT_BAD_DATA, main
from dangvien.io import load_dataset, save_dataset
from dangvien.model import Dataset, Person, Record, Sex
from dangvien.model import events as ev

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE = EXAMPLES / "long-thanh"
DISTRICT = EXAMPLES / "district"
LANGS = ("vi", "en")
DUE = ("--from", "2024-01-01", "--to", "2026-12-31")


@attrs.frozen
class Secrets:
    """The personal values of the register, in the forms an output could show them."""

    strings: frozenset[str]
    births: frozenset[date]

    def found_in(self, text: str) -> list[str]:
        """Return the secrets *text* holds (birth dates as dd/mm/yyyy, ISO, or iCalendar).

        The text is cut into words and dates once, then looked up: a secret
        shows as a word of its own (``70000001``, ``NA000001``).
        """
        words = set(re.findall(r"[0-9A-Za-z]+", text))
        found = sorted(self.strings & words)
        days = {f"{d:%d/%m/%Y}" for d in self.births} | {d.isoformat() for d in self.births}
        found += sorted(days & set(re.findall(r"[0-9]{2}/[0-9]{2}/[0-9]{4}", text)))
        found += sorted(days & set(re.findall(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text)))
        ical = {f"{d:%Y%m%d}" for d in self.births}
        found += sorted(ical & set(re.findall(r"DATE:([0-9]{8})", text)))
        return found


def _with_numbers(dataset: Dataset) -> Dataset:
    """Give person n the card number 7000000n and the record number NA00000n; cards too."""
    records = []
    for n, r in enumerate(dataset.records, start=1):
        card, dossier = f"7{n:07d}", f"NA{n:06d}"
        person = attrs.evolve(r.person, card_no=card, dossier_no=dossier)
        events = tuple(
            attrs.evolve(e, card_no=card) if isinstance(e, ev.CardIssued) else e for e in r.events
        )
        records.append(Record(person, events))
    return attrs.evolve(dataset, records=tuple(records))


def _acts_dates(dataset: Dataset) -> set[date]:
    """Every date the register holds besides birth dates (any may be printed as itself)."""
    out = {dataset.data_as_of} if dataset.data_as_of else set()
    for r in dataset.records:
        for e in r.events:
            out |= {v for v in attrs.asdict(e, recurse=False).values() if isinstance(v, date)}
    return out


def _prepare(source: Path, target: Path) -> tuple[Path, Secrets, tuple[str, ...]]:
    """Copy *source* to *target* with numbers; return it, its secrets and its people's ids."""
    shutil.copytree(source, target)
    dataset = _with_numbers(load_dataset(source))
    save_dataset(dataset, target)
    assert dataset == load_dataset(target)  # the register is saved in full
    strings = {r.person.card_no for r in dataset.records} | {
        r.person.dossier_no for r in dataset.records
    }
    # A birth date that is also the date of some act may be printed as that act's date.
    others = _acts_dates(dataset) | {
        date.fromisoformat(d)
        for name in ("organization.toml", "plans.toml")
        for d in re.findall(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", (source / name).read_text("utf-8"))
    }
    births = {r.person.birth_date for r in dataset.records} - others
    # Most people's birth dates are secrets to look for (1,367 distinct ones of the
    # district's 1,898 people; 279 of Long Thành's 293).
    assert len(births) > 0.7 * len(dataset.records)
    ids = tuple(r.person.id for r in dataset.records)
    return target, Secrets(frozenset(s for s in strings if s), frozenset(births)), ids


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Secrets, tuple[str, ...]]:
    """The Long Thành example with numbers, its secrets and its people's ids."""
    return _prepare(EXAMPLE, tmp_path_factory.mktemp("personal") / "long-thanh")


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Secrets, tuple[str, ...]]:
    """The district example (1,898 people, plans at every level) with numbers."""
    return _prepare(DISTRICT, tmp_path_factory.mktemp("personal") / "district")


def run(*argv: str) -> tuple[int, str, str]:
    """Run the command in-process; return the exit status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(list(argv), out)
    return code, out.getvalue(), err.getvalue()


def _text_of(path: Path) -> str:
    """The text a file holds: a workbook's cells (dates in every form), a document's XML."""
    if path.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path)
        cells = []
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                for v in row:
                    if isinstance(v, datetime):
                        v = v.date()
                    if isinstance(v, date):
                        cells += [f"{v:%d/%m/%Y}", v.isoformat()]
                    elif v is not None:
                        cells.append(str(v))
        return "\n".join(cells)
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
    return path.read_text(encoding="utf-8")


def _outputs(argv: tuple[str, ...], tmp: Path) -> Iterator[tuple[str, str]]:
    """Run *argv* masked, then with --reveal; yield each run's output text."""
    for reveal in ((), ("--reveal",)):
        target = tmp / f"out{len(reveal)}"
        writes = "--format" in argv and argv[argv.index("--format") + 1] in (
            "ics",
            "xlsx",
            "docx",
        )
        extra = ("--output", str(target.with_suffix("." + argv[argv.index("--format") + 1])))
        code, out, err = run(*reveal, *argv, *(extra if writes else ()))
        assert code in (0, 1), err  # check exits 1 when it finds violations
        text = out + err
        if writes:
            text += _text_of(target.with_suffix("." + argv[argv.index("--format") + 1]))
        yield ("revealed" if reveal else "masked"), text


COMMANDS = [
    *[("show", "--format", f, "--lang", lang) for f in ("text", "json") for lang in LANGS],
    *[("check", "--format", f, "--lang", lang) for f in ("text", "json") for lang in LANGS],
    *[
        ("due", *DUE, "--format", f, "--lang", lang)
        for f in ("text", "json", "ics")
        for lang in LANGS
    ],
    *[
        ("report", "--format", f, "--lang", lang)
        for f in ("text", "json", "html", "xlsx", "docx")
        for lang in LANGS
    ],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_no_command_shows_personal_data_and_reveal_changes_nothing(
    command: tuple[str, ...], example: tuple[Path, Secrets, tuple[str, ...]], tmp_path: Path
) -> None:
    """Masked, no card or record number or full birth date shows; --reveal prints the same."""
    root, secrets, _ = example
    name, *options = command
    argv = (name, str(root), *options)
    outputs = dict(_outputs(argv, tmp_path))
    assert [] == secrets.found_in(outputs["masked"])
    if options[options.index("--format") + 1] in ("text", "json", "html"):
        # Nothing personal is listed, so revealing changes nothing.
        assert outputs["masked"] == outputs["revealed"]
    assert [] == secrets.found_in(outputs["revealed"])


#: The district's report at every level and with each of its options, in every
#: format; the Word report of one commune only (the district's takes long).
DISTRICT_COMMANDS = [
    ("show", "--format", "json", "--lang", "en"),
    ("check", "--format", "text", "--lang", "vi"),
    ("check", "--format", "json", "--lang", "en"),
    ("due", *DUE, "--format", "text", "--lang", "en"),
    ("due", *DUE, "--format", "json", "--lang", "vi"),
    ("due", *DUE, "--format", "ics", "--lang", "vi"),
    ("report", "--format", "text", "--lang", "vi"),
    ("report", "--format", "json", "--lang", "en"),
    ("report", "--format", "html", "--lang", "vi"),
    ("report", "--format", "xlsx", "--lang", "en", "--decimals", "2", "--rounding", "truncate"),
    ("report", "--format", "docx", "--lang", "vi", "--org", "x01"),
    ("report", "--format", "text", "--lang", "en", "--org", "x01", "--year", "2024"),
    ("report", "--format", "json", "--lang", "vi", "--plan", "kh-x01", "--org", "x01"),
    ("report", "--format", "text", "--lang", "en", "--decimals", "0", "--rounding", "half-even"),
]


@pytest.mark.parametrize("command", DISTRICT_COMMANDS, ids=" ".join)
def test_no_district_command_shows_personal_data(
    command: tuple[str, ...], district: tuple[Path, Secrets, tuple[str, ...]], tmp_path: Path
) -> None:
    """Levels, subtotals, claims and breakdowns too: nothing personal, masked or revealed."""
    root, secrets, _ = district
    name, *options = command
    outputs = dict(_outputs((name, str(root), *options), tmp_path))
    assert [] == secrets.found_in(outputs["masked"])
    assert [] == secrets.found_in(outputs["revealed"])
    if options[options.index("--format") + 1] in ("text", "json", "html"):
        assert outputs["masked"] == outputs["revealed"]


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_explain_shows_no_personal_data(
    data: st.DataObject, example: tuple[Path, Secrets, tuple[str, ...]], tmp_path: Path
) -> None:
    """explain, for any person, format and language: nothing personal, masked or revealed."""
    root, secrets, ids = example
    person = data.draw(st.sampled_from(ids), label="person")
    fmt = data.draw(st.sampled_from(("text", "json")), label="format")
    lang = data.draw(st.sampled_from(LANGS), label="lang")
    outputs = dict(
        _outputs(("explain", str(root), person, "--format", fmt, "--lang", lang), tmp_path)
    )
    assert [] == secrets.found_in(outputs["masked"])
    assert outputs["masked"] == outputs["revealed"]


def test_commands_without_a_dataset_take_reveal_too() -> None:
    """rules and calendar accept --reveal before or after the command, and print the same."""
    for argv in (("rules", "--format", "json"), ("calendar", "add", "2025-04-29", "3")):
        plain = run(*argv)
        assert plain == run("--reveal", *argv) == run(*argv[:1], "--reveal", *argv[1:])


# --- bad personal cells ------------------------------------------------------------------

ORGANIZATION = """\
id = "xa"
name = "Đảng bộ xã Thử Nghiệm"
level = "xã"

[[cells]]
id = "cb01"
name = "Xóm Đông"
kind = "xóm"
"""

#: Every command that reads a dataset, with the arguments it needs besides it.
DATASET_COMMANDS = {"show": (), "check": (), "explain": ("P1",), "due": DUE, "report": ()}

#: Too short or too long for a card number; a 7-character record number; a
#: day that February does not have.
BAD_CARDS = st.from_regex(r"[1-9][0-9]{6}|[1-9][0-9]{8,9}", fullmatch=True)
BAD_DOSSIERS = st.from_regex(r"[A-Z]{2}[0-9]{5}|[0-9]{5}[A-Z]{2}", fullmatch=True)
BAD_BIRTHS = st.builds(
    lambda day, year, iso: f"{year}-02-{day}" if iso else f"{day}/02/{year}",
    st.sampled_from((30, 31)),
    st.integers(1930, 2005),
    st.booleans(),
)


def _csv_register(root: Path, card: str, dossier: str, birth: str) -> None:
    (root / "organization.toml").write_text(ORGANIZATION, encoding="utf-8")
    (root / "people.csv").write_text(
        "id,full_name,birth_date,sex,cell,card_no,dossier_no\n"
        f"P1,Người Thử Nghiệm Một,1980-01-02,nam,cb01,{card},\n"
        f"P2,Người Thử Nghiệm Hai,1981-03-04,nữ,cb01,,{dossier}\n"
        f"P3,Người Thử Nghiệm Ba,{birth},nam,cb01,,\n",
        encoding="utf-8",
    )


def _workbook_register(root: Path, card: str, dossier: str, birth: str) -> None:
    import openpyxl

    from dangvien.io.workbook import save_workbook

    (root / "organization.toml").write_text(ORGANIZATION, encoding="utf-8")
    org = load_dataset(root).organization
    people = [
        Person(f"P{n}", f"Người Thử Nghiệm {n}", date(1980 + n, 1, 2), Sex.MALE, cell="cb01")
        for n in (1, 2, 3)
    ]
    book = root / "danh-sach.xlsx"
    save_workbook(Dataset(org, records=tuple(Record(p) for p in people)), book)
    wb = openpyxl.load_workbook(book)
    sheet = wb["Danh sách"]
    header_row = next(
        r for r in sheet.iter_rows(max_row=10) if any(c.value == "Họ và tên" for c in r)
    )
    column = {c.value: c.column for c in header_row if c.value}
    first = header_row[0].row + 1
    sheet.cell(first, column["Số thẻ đảng viên"], int(card))  # typed as a number
    sheet.cell(first + 1, column["Số lý lịch"], dossier)
    sheet.cell(first + 2, column["Ngày sinh"], birth)
    wb.save(book)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    card=BAD_CARDS,
    dossier=BAD_DOSSIERS,
    birth=BAD_BIRTHS,
    layout=st.sampled_from(("csv", "xlsx")),
    command=st.sampled_from(sorted(DATASET_COMMANDS)),
    fmt=st.sampled_from(("text", "json")),
    lang=st.sampled_from(LANGS),
)
def test_bad_personal_cells_are_reported_masked_unless_revealed(
    card: str,
    dossier: str,
    birth: str,
    layout: str,
    command: str,
    fmt: str,
    lang: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Each bad value is reported on its row; masked it never shows, revealed each one does.

    Every command that reads a dataset, in either format: the report of bad
    data is the one place a command shows a personal value, so it is where
    ``--reveal`` shows it.
    """
    root = tmp_path_factory.mktemp("bad")
    (_csv_register if layout == "csv" else _workbook_register)(root, card, dossier, birth)
    argv = (command, str(root), *DATASET_COMMANDS[command], "--format", fmt, "--lang", lang)
    code, out, masked = run(*argv)
    assert (EXIT_BAD_DATA, "") == (code, out)
    for value in (card, dossier, birth):
        assert value not in masked
    assert "3 " in masked  # three issues, each on its own row
    code, out, revealed = run("--reveal", *argv)
    assert (EXIT_BAD_DATA, "") == (code, out)
    for value in (card, dossier, birth):
        assert value in revealed
