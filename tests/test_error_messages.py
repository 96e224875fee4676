"""Exception messages come from the catalogue, in Vietnamese and English.

The house rule: user-facing text lives in ``src/dangvien/messages/*.toml``.
An exception message written inline as a bilingual f-string (``"… / …"``)
must not come back; the errors moved to the catalogue carry both languages.
"""

from __future__ import annotations

import ast
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from tests.common import dataset

from dangvien.calendar import WorkCalendar
from dangvien.dates import full_months, parse_date
from dangvien.errors import DataError, UnknownIdError, UsageError
from dangvien.model.stages import Stage
from dangvien.quotas.allocation import AllocationError, allocate
from dangvien.quotas.counting import organization_counts
from dangvien.quotas.fulfilment import PercentStyle, round_decimal
from dangvien.quotas.rates import conversion

SRC = Path(__file__).resolve().parents[1] / "src" / "dangvien"


def _literals(node: ast.AST) -> list[str]:
    """Every string literal under *node*, f-string pieces included."""
    return [
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def _is_inline_bilingual(text: str) -> bool:
    # " / " alone joins two catalogue renderings (f"{t.vi} / {t.en}"); a slash
    # with words around it is a message written in code.
    return " / " in text and any(ch.isalpha() for ch in text.replace(" / ", ""))


def _inline_messages(tree: ast.AST) -> list[int]:
    """Line numbers of bilingual literals raised or assigned to ``msg``."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            checked: ast.AST | None = node.exc
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "msg" for t in node.targets
        ):
            checked = node.value
        else:
            checked = None
        if checked is not None and any(_is_inline_bilingual(s) for s in _literals(checked)):
            lines.append(node.lineno)
    return lines


def test_scan_finds_an_inline_message():
    """The scan is not empty: it flags a raise and a ``msg`` with an inline bilingual text."""
    code = (
        'msg = f"không có {x} / no {x}"\n'
        'raise ValueError("sai / wrong")\n'
        'msg = f"{t.vi} / {t.en}"\n'
        'msg = "a/b"\n'
    )
    assert [1, 2] == _inline_messages(ast.parse(code))


def test_no_inline_bilingual_exception_messages():
    """No module writes an exception message as ``"vi / en"`` in code."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        found += [f"{rel}:{n}" for n in _inline_messages(ast.parse(path.read_text("utf-8")))]
    assert [] == found


def test_calendar_error_in_both_languages():
    """A negative number of working days is misuse, still a ValueError, in vi and en."""
    with pytest.raises(UsageError) as info:
        WorkCalendar.default().add_working_days(date(2025, 4, 25), -1)
    assert isinstance(info.value, ValueError)
    assert "n=-1: số ngày làm việc phải >= 0" == info.value.message_vi
    assert "n=-1: n must be >= 0" == info.value.message_en
    assert "n=-1: số ngày làm việc phải >= 0 / n=-1: n must be >= 0" == str(info.value)


def test_calendar_reversed_years_in_both_languages():
    """A calendar ending before it starts names both years in each language."""
    with pytest.raises(UsageError) as info:
        WorkCalendar(first_year=2020, last_year=2019)
    assert "năm cuối 2019 trước năm đầu 2020" == info.value.message_vi
    assert "last_year 2019 < first_year 2020" == info.value.message_en


def test_calendar_type_error_keeps_its_type():
    """Text where a date is expected stays a TypeError, worded from the catalogue."""
    with pytest.raises(TypeError) as info:
        WorkCalendar(extra_days_off=["2025-04-25"])  # type: ignore[list-item]
    assert not isinstance(info.value, UsageError)
    assert "cần một ngày (date), nhận 2025-04-25 (str) / expected a date, got 2025-04-25 (str)" == (
        str(info.value)
    )


def test_dates_facts_are_dates():
    """The dates of a reversed span show as dd/mm/yyyy, formatted by the catalogue."""
    with pytest.raises(UsageError) as info:
        full_months(date(2023, 6, 8), date(2023, 6, 7))
    assert "ngày cuối 07/06/2023 trước ngày đầu 08/06/2023" == info.value.message_vi
    assert "end 07/06/2023 is before start 08/06/2023" == info.value.message_en


def test_parse_date_is_a_data_error():
    """An impossible date in data is a DataError (a ValueError) with day, month and year."""
    with pytest.raises(DataError) as info:
        parse_date("31/02/2024")
    assert "ngày không tồn tại: “31/02/2024” (ngày 31, tháng 2, năm 2024)" == info.value.message_vi
    assert "no such date: “31/02/2024” (day 31, month 2, year 2024)" == info.value.message_en


def test_allocation_error_in_both_languages():
    """AllocationError is a UsageError (so a ValueError) with both messages."""
    with pytest.raises(AllocationError) as info:
        allocate(1, {"a": 1}, minimum={"a": 3}, maximum={"a": 2})
    assert isinstance(info.value, UsageError)
    assert isinstance(info.value, ValueError)
    assert "a: mức tối thiểu 3 lớn hơn mức tối đa 2" == info.value.message_vi
    assert "a: minimum 3 above maximum 2" == info.value.message_en


def test_allocation_wrong_type_names_the_type():
    """A float weight is refused with its value and its type named."""
    with pytest.raises(AllocationError) as info:
        allocate(1, {"a": 0.5})  # type: ignore[dict-item]
    assert "trọng số của a phải là int hoặc Fraction, nhận 0.5 (float)" == info.value.message_vi
    assert "weight of a must be an int or a Fraction, got 0.5 (float)" == info.value.message_en


def test_rates_errors_in_both_languages():
    """No cohort year and a backward conversion are misuse, in vi and en."""
    with pytest.raises(UsageError) as info:
        conversion(dataset(), Stage.SYMPATHIZER, years=[], as_of=date(2024, 6, 1))
    assert "cần ít nhất một năm" == info.value.message_vi
    assert "at least one cohort year is needed" == info.value.message_en
    with pytest.raises(UsageError) as info:
        conversion(
            dataset(),
            Stage.ADMITTED,
            to_stage=Stage.SYMPATHIZER,
            years=[2023],
            as_of=date(2024, 6, 1),
        )
    # The stages show by their labels in each language.
    assert f"{Stage.SYMPATHIZER.label_vi} không sau {Stage.ADMITTED.label_vi} trong quy trình" == (
        info.value.message_vi
    )
    to_en, from_en = Stage.SYMPATHIZER.label_en, Stage.ADMITTED.label_en
    assert f"{to_en} does not come after {from_en} in the pipeline" == info.value.message_en


def test_fulfilment_places_in_both_languages():
    """Decimals outside 0–2, or negative, are misuse and say so in vi and en."""
    with pytest.raises(UsageError) as info:
        PercentStyle(places=3)
    assert "số chữ số thập phân phải là 0, 1 hoặc 2, nhận 3" == info.value.message_vi
    assert "places must be 0, 1 or 2, got 3" == info.value.message_en
    with pytest.raises(UsageError) as info:
        round_decimal(Fraction(1, 3), -1)
    assert "places=-1: places must be ≥ 0" == info.value.message_en


def test_unknown_organization_is_a_key_error():
    """An unknown organisation id is an UnknownIdError, still a KeyError, in vi and en."""
    with pytest.raises(KeyError) as info:
        organization_counts(dataset(), date(2024, 6, 1), organization="KHONG-CO")
    assert isinstance(info.value, UnknownIdError)
    assert "không có tổ chức “KHONG-CO”" == info.value.message_vi
    assert "no organisation “KHONG-CO”" == info.value.message_en
