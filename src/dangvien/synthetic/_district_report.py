"""The district's nine-month report of 2024, its figures computed from the register."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from fractions import Fraction
from typing import Final

from dangvien.model import events as ev
from dangvien.model.org import Organization
from dangvien.model.plan import Claim, ResultReport, Rounding, UnitResult
from dangvien.model.register import Record

_FIRST: Final = date(2024, 1, 1)
_LAST: Final = date(2024, 9, 30)
_REPORT_DATE: Final = date(2024, 10, 8)
_NUMBER: Final = "85-BC/HU"
_TITLE: Final = "Báo cáo kết quả công tác phát triển đảng viên 9 tháng đầu năm 2024"


def _count(records: Sequence[Record], cells: set[str], first: date, last: date) -> int:
    """Admission decisions dated first…last in *cells* (the cell of the resolution before)."""
    n = 0
    for r in records:
        for e in r.of_type(ev.AdmissionDecision):
            if first <= e.date <= last and r.cell_at(e.date) in cells:
                n += 1
    return n


def _printed(hundredths: int) -> str:
    """A percentage in hundredths as a Vietnamese document prints it: 7438 → ``74,38``."""
    return f"{hundredths // 100},{hundredths % 100:02d}"


def district_report(
    tree: Organization, records: Sequence[Record], allocations: Mapping[str, int]
) -> ResultReport:
    """The district's nine-month report of 2024, its figures computed from *records*.

    Right: the count, the "trên" bound, the truncated percentage, the target total.
    Wrong on purpose: the table's printed total (one more than its rows), the number
    of units above 50 % (one more), and one commune's percentage rounded half up
    although the report truncates.
    """
    district = tree.children[0]
    rows: list[UnitResult] = []
    per_unit: dict[str, int] = {}
    for node in district.children:
        n = _count(records, {c.id for c in node.cells}, _FIRST, _LAST)
        per_unit[node.id] = n
        rows.append(UnitResult(node.aliases[0], n))
    school = district.cells[0]
    per_unit[school.id] = _count(records, {school.id}, _FIRST, _LAST)
    rows.append(UnitResult(school.name, per_unit[school.id]))
    total = sum(per_unit.values())
    target = sum(allocations.values())
    above = sum(1 for u, n in per_unit.items() if allocations[u] and n * 100 > 50 * allocations[u])
    truncated = _printed(math.floor(Fraction(total * 100, target) * 100))
    claims = [
        Claim(f"9 tháng đầu năm 2024, toàn Đảng bộ kết nạp được {total} đảng viên", admitted=total),
        Claim(f"kết nạp trên {total - 5} đảng viên", admitted=total - 5, above=True),
        Claim(f"đạt {truncated}% chỉ tiêu năm", percent=truncated),
        Claim(f"tổng chỉ tiêu năm 2024 là {target}", target=target, year=2024),
        # Wrong on purpose: one unit more than counted.
        Claim(f"{above + 1} đơn vị đạt trên 50% chỉ tiêu", units=above + 1, threshold="50"),
    ]
    for node in district.children:
        a, n = allocations[node.id], per_unit[node.id]
        exact = Fraction(n * 100, a) if a else None
        if exact is None or math.floor(exact * 100) == math.floor(exact * 100 + Fraction(1, 2)):
            continue
        # Wrong on purpose: rounded half up although the report truncates.
        up = _printed(math.floor(exact * 100 + Fraction(1, 2)))
        unit = node.aliases[0]
        claims.append(Claim(f"{unit} đạt {up}%", unit=unit, percent=up))
        break
    return ResultReport(
        date=_REPORT_DATE,
        as_of=_LAST,
        number=_NUMBER,
        title=_TITLE,
        results=tuple(rows),
        stated_total=total + 1,  # wrong on purpose: one more than its rows
        claims=tuple(claims),
        rounding=Rounding.TRUNCATE,
    )
