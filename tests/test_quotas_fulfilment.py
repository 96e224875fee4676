"""Fulfilment: counting admissions and introductions, exact percentages, roll-up.

Every expected number is worked out by hand in the comments.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangvien.model import events as ev
from dangvien.model.org import Cell, MassOrganization, MassOrgKind, Organization, OrgLevel
from dangvien.model.people import Person, Sex
from dangvien.model.plan import AdmissionTarget, IntroductionTarget, Plan, PlanPeriod
from dangvien.model.register import Dataset, Record
from dangvien.quotas.fulfilment import (
    CellFulfilment,
    CountBy,
    Fulfilment,
    admissions,
    cumulative_fulfilment,
    format_percent,
    fulfilment_by_cell,
    introduction_fulfilment,
    percent,
    roll_up,
    round_half_up,
)

DTN = "Đoàn thanh niên"
COMMUNE = Organization(
    "xa",
    "Đảng bộ xã Thử Nghiệm",
    OrgLevel.COMMUNE,
    cells=(Cell("a", "Chi bộ A"), Cell("b", "Chi bộ B"), Cell("c", "Chi bộ C")),
    mass_organizations=(MassOrganization("dtn", "Đoàn thanh niên", MassOrgKind.YOUTH_UNION),),
)


def person(pid: str, cell: str | None = "a") -> Person:
    return Person(pid, f"Người Thử Nghiệm {pid}", date(1995, 5, 5), Sex.MALE, cell=cell)


def admission(cell: str, decision: date, ceremony: date | None = None) -> list[ev.Event]:
    """A lawful-looking admission voted by *cell* 30 days before the *decision*."""
    events: list[ev.Event] = [
        ev.ListedSympathizer(date=decision - timedelta(days=200), cell=cell),
        ev.ApplicationFiled(date=decision - timedelta(days=100)),
        ev.CellResolution(
            date=decision - timedelta(days=30), cell=cell, votes_for=3, official_members=3
        ),
        ev.AdmissionDecision(date=decision),
    ]
    if ceremony is not None:
        events.append(ev.AdmissionCeremony(date=ceremony, cell=cell))
    return events


def plan(*rows: AdmissionTarget, intro: tuple[IntroductionTarget, ...] = ()) -> Plan:
    return Plan(
        "kh",
        "-KH/ĐU",
        date(2023, 6, 8),
        "BTV",
        "xa",
        "Kế hoạch",
        PlanPeriod(2023, 2025, open_ended=True),
        admission_targets=rows,
        introduction_targets=intro,
    )


def dataset(*records: Record, plans: tuple[Plan, ...] = (), org: Organization = COMMUNE) -> Dataset:
    return Dataset(organization=org, plans=plans, records=records)


def row(rows: tuple[CellFulfilment, ...], cell: str) -> CellFulfilment:
    return next(r for r in rows if r.cell == cell)


class TestPercent:
    def test_target_two_one_admission_is_fifty_percent(self) -> None:
        """Target 2, 1 admitted: exactly 50, shown 50,0% (vi) and 50.0% (en)."""
        f = Fulfilment(target=2, achieved=1)
        assert Fraction(50) == f.percent
        assert Fraction(1, 2) == f.ratio
        assert ("50,0%", "50.0%") == (f.display(), f.display("en"))

    def test_target_zero_gives_none(self) -> None:
        """Target 0: no percentage, shown "không giao chỉ tiêu" / "no target"."""
        f = Fulfilment(target=0, achieved=1)
        assert (None, None, None) == (f.percent, f.ratio, f.met)
        assert ("không giao chỉ tiêu", "no target") == (f.display(), f.display("en"))

    def test_no_target_row_gives_none(self) -> None:
        """No target row (None): no percentage, no shortfall."""
        assert (None, 0) == (
            Fulfilment(target=None, achieved=3).percent,
            Fulfilment(target=None, achieved=3).shortfall,
        )

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (Fraction(100, 3), "33,3%"),  # 33.333… → 33.3
            (Fraction(200, 3), "66,7%"),  # 66.666… → 66.7
            (Fraction(25, 2), "12,5%"),  # exact
            (Fraction(1, 20), "0,1%"),  # 0.05: a tie, rounded up
            (Fraction(1, 4), "0,3%"),  # 0.25 → 0.3 (half up, not half even)
            (Fraction(0), "0,0%"),
            (Fraction(200), "200,0%"),
        ],
    )
    def test_round_half_up_to_one_decimal(self, value: Fraction, expected: str) -> None:
        """Display rounding is half up to one decimal, with a decimal comma in Vietnamese."""
        assert expected == format_percent(value)

    def test_round_half_up_is_exact(self) -> None:
        """round_half_up returns an exact Fraction (0.25 → 3/10)."""
        assert Fraction(3, 10) == round_half_up(Fraction(1, 4))

    def test_percent_of_fraction(self) -> None:
        """percent() takes a fractional achievement: 3/2 of 2 is 75%."""
        assert Fraction(75) == percent(Fraction(3, 2), 2)


class TestCounting:
    def test_counted_by_decision_date_by_default(self) -> None:
        """Decision 20/12/2024, ceremony 10/01/2025: counts in 2024 by default."""
        ds = dataset(Record(person("P"), admission("a", date(2024, 12, 20), date(2025, 1, 10))))
        (adm,) = admissions(ds)
        assert (2024, "a") == (adm.year, adm.cell)

    def test_counted_by_ceremony_date_when_asked(self) -> None:
        """The same admission counts in 2025 by ceremony date."""
        ds = dataset(Record(person("P"), admission("a", date(2024, 12, 20), date(2025, 1, 10))))
        (adm,) = admissions(ds, count_by=CountBy.CEREMONY)
        assert (2025, date(2025, 1, 10)) == (adm.year, adm.date)

    def test_no_ceremony_not_counted_by_ceremony(self) -> None:
        """A decision without a ceremony yet is not counted by ceremony date."""
        ds = dataset(Record(person("P"), admission("a", date(2024, 12, 20))))
        assert () == admissions(ds, count_by=CountBy.CEREMONY)
        assert 1 == len(admissions(ds))

    def test_as_of_excludes_later_events(self) -> None:
        """With as_of 19/12/2024 a decision of 20/12/2024 is not counted."""
        ds = dataset(Record(person("P"), admission("a", date(2024, 12, 20))))
        assert () == admissions(ds, as_of=date(2024, 12, 19))

    def test_cell_is_the_proposing_cell(self) -> None:
        """Proposed by cell a, later managed by b: the admission counts for a."""
        events = [
            *admission("a", date(2024, 5, 1), date(2024, 5, 20)),
            ev.TransferredOut(date=date(2025, 3, 1), destination="x"),
            ev.TransferredIn(date=date(2025, 4, 1), source="x", cell="b"),
        ]
        ds = dataset(Record(person("P", cell="b"), events))
        assert ["a"] == [a.cell for a in admissions(ds)]

    def test_readmission_counts_again(self) -> None:
        """A removal then a re-admission gives two admissions."""
        events = [
            *admission("a", date(2016, 5, 1), date(2016, 5, 20)),
            ev.RecognitionDecision(date=date(2017, 6, 1), official_from=date(2017, 5, 20)),
            ev.Removed(date=date(2019, 1, 10), reason=ev.RemovalReason.REQUESTED),
            ev.ApplicationFiled(date=date(2023, 1, 5)),
            ev.CellResolution(date=date(2023, 3, 1), cell="a", votes_for=3, official_members=3),
            ev.AdmissionDecision(date=date(2023, 4, 1)),
        ]
        ds = dataset(Record(person("P"), events))
        assert [2016, 2023] == [a.year for a in admissions(ds)]


class TestFulfilmentTable:
    def test_hand_worked_year(self) -> None:
        """2024: a has target 2 and 1 admission (50%), b target 0 and 1 (None), c no row."""
        p = plan(AdmissionTarget("Chi bộ A", 2), AdmissionTarget("Chi bộ B", 0))
        ds = dataset(
            Record(person("P1"), admission("a", date(2024, 3, 1))),
            Record(person("P2", "b"), admission("b", date(2024, 7, 1))),
            Record(person("P3", "b"), admission("b", date(2023, 7, 1))),
            plans=(p,),
        )
        rows = fulfilment_by_cell(ds, 2024, plan=p)
        assert [("a", 2, 1), ("b", 0, 1), ("c", None, 0)] == [
            (r.cell, r.target, r.admitted) for r in rows
        ]
        assert Fraction(50) == row(rows, "a").percent
        assert None is row(rows, "b").percent

    def test_unresolved_target_gets_its_own_row(self) -> None:
        """A target naming no cell is listed after the cells with cell None."""
        p = plan(AdmissionTarget("Chi bộ Z", 4))
        rows = fulfilment_by_cell(dataset(plans=(p,)), 2024, plan=p)
        assert (None, "Chi bộ Z", 4) == (rows[-1].cell, rows[-1].name, rows[-1].target)

    def test_without_plan_uses_covering_plan(self) -> None:
        """Without a plan argument the plan covering the year gives the targets."""
        p = plan(AdmissionTarget("Chi bộ A", 2))
        rows = fulfilment_by_cell(dataset(plans=(p,)), 2026)
        assert 2 == row(rows, "a").target

    def test_cumulative_over_period(self) -> None:
        """2023–2025, target 2 a year: cumulative target 6; admissions 2023, 2025 → 2 (33.3%)."""
        p = plan(AdmissionTarget("Chi bộ A", 2))
        ds = dataset(
            Record(person("P1"), admission("a", date(2023, 3, 1))),
            Record(person("P2"), admission("a", date(2025, 3, 1))),
            Record(person("P3"), admission("a", date(2022, 3, 1))),  # before the plan
            plans=(p,),
        )
        a = row(cumulative_fulfilment(ds, p, 2025), "a")
        assert (2023, 2025, 6, 2, "33,3%") == (
            a.first_year,
            a.last_year,
            a.target,
            a.admitted,
            a.display(),
        )

    def test_cumulative_open_ended_to_2026(self) -> None:
        """Open-ended, through 2026: four years of target 2 = 8."""
        p = plan(AdmissionTarget("Chi bộ A", 2))
        assert 8 == row(cumulative_fulfilment(dataset(plans=(p,)), p, 2026), "a").target

    def test_introductions_by_id_and_name(self) -> None:
        """Introductions naming the organisation by id or by name count together: 2 of 5."""
        p = plan(intro=(IntroductionTarget("Đoàn thanh niên", 5),))
        ds = dataset(
            Record(person("P1"), [ev.Introduced(date=date(2024, 2, 1), organization="dtn")]),
            Record(person("P2"), [ev.Introduced(date=date(2024, 3, 1), organization=DTN)]),
            Record(person("P3"), [ev.Introduced(date=date(2023, 3, 1), organization="dtn")]),
            plans=(p,),
        )
        (r,) = introduction_fulfilment(ds, 2024, plan=p)
        assert ("dtn", 5, 2, Fraction(40)) == (r.organization, r.target, r.introduced, r.percent)


PROVINCE = Organization(
    "tinh",
    "Đảng bộ tỉnh",
    OrgLevel.PROVINCE,
    children=(
        Organization(
            "huyen",
            "Đảng bộ huyện",
            OrgLevel.DISTRICT,
            children=(
                Organization(
                    "x1", "Xã 1", OrgLevel.COMMUNE, cells=(Cell("a", "A"), Cell("b", "B"))
                ),
                Organization("x2", "Xã 2", OrgLevel.COMMUNE, cells=(Cell("c", "C"),)),
            ),
        ),
    ),
)


def cells_rows(targets: dict[str, int | None], admitted: dict[str, int]) -> list[CellFulfilment]:
    return [
        CellFulfilment(
            cell=k, name=k, first_year=2024, last_year=2024, target=t, achieved=admitted.get(k, 0)
        )
        for k, t in targets.items()
    ]


class TestRollUp:
    def test_hand_worked_tree(self) -> None:
        """Xã 1: 2+1 target, 1+0 admitted; Xã 2: 3 and 3; district and province: 6 and 4."""
        rows = cells_rows({"a": 2, "b": 1, "c": 3}, {"a": 1, "c": 3})
        got = {t.organization: (t.target, t.admitted, t.depth) for t in roll_up(rows, PROVINCE)}
        assert {"tinh": (6, 4, 0), "huyen": (6, 4, 1), "x1": (3, 1, 2), "x2": (3, 3, 2)} == got

    def test_no_target_anywhere_gives_none(self) -> None:
        """A commune whose cells have no target row has target None."""
        rows = cells_rows({"a": None, "b": None, "c": 1}, {"a": 2})
        got = {t.organization: t.target for t in roll_up(rows, PROVINCE)}
        assert (None, 1, 1) == (got["x1"], got["x2"], got["tinh"])


# --- properties ----------------------------------------------------------------------

CELLS = ("a", "b", "c")
YEARS = range(2020, 2026)


@st.composite
def datasets(draw: st.DrawFn) -> tuple[Dataset, Plan]:
    """A commune with random admissions (0–2 per person) and random targets 0–3."""
    records = []
    for i in range(draw(st.integers(0, 12))):
        cell = draw(st.sampled_from((*CELLS, "elsewhere")))
        first = draw(st.dates(date(2020, 3, 1), date(2025, 12, 31)))
        events = admission(cell, first, first + timedelta(days=draw(st.integers(0, 40))))
        if draw(st.booleans()):
            events += [
                ev.RecognitionDecision(date=first + timedelta(days=400)),
                ev.Removed(date=first + timedelta(days=500), reason=ev.RemovalReason.REQUESTED),
            ]
            again = first + timedelta(days=draw(st.integers(700, 900)))
            events += [
                ev.ApplicationFiled(date=again - timedelta(days=60)),
                ev.CellResolution(
                    date=again - timedelta(days=20), cell=cell, votes_for=3, official_members=3
                ),
                ev.AdmissionDecision(date=again),
            ]
        records.append(Record(person(f"P{i}", cell), events))
    rows = tuple(
        AdmissionTarget(f"Chi bộ {c.upper()}", draw(st.integers(0, 3)))
        for c in CELLS
        if draw(st.booleans())
    )
    p = plan(*rows)
    return dataset(*records, plans=(p,)), p


class TestProperties:
    @settings(max_examples=60, deadline=None)
    @given(datasets(), st.sampled_from(list(YEARS)), st.sampled_from(list(CountBy)))
    def test_counts_never_exceed_admissions(
        self, data: tuple[Dataset, Plan], year: int, count_by: CountBy
    ) -> None:
        """The table's admissions are those of the year in known cells, never more."""
        ds, p = data
        items = admissions(ds, count_by=count_by)
        rows = fulfilment_by_cell(ds, year, plan=p, count_by=count_by)
        in_year = [a for a in items if a.year == year]
        assert sum(r.admitted for r in rows) <= len(in_year)
        assert sum(r.admitted for r in rows) == sum(a.cell in CELLS for a in in_year)

    @settings(max_examples=60, deadline=None)
    @given(datasets(), st.sampled_from(list(YEARS)))
    def test_roll_up_equals_sum_of_leaves(self, data: tuple[Dataset, Plan], year: int) -> None:
        """The commune's roll-up is the sum of its cells' targets and admissions."""
        ds, p = data
        rows = fulfilment_by_cell(ds, year, plan=p)
        (total,) = roll_up(rows, COMMUNE)
        targets = [r.target for r in rows if r.target is not None]
        assert (sum(targets) if targets else None) == total.target
        assert sum(r.admitted for r in rows) == total.admitted

    @settings(max_examples=60, deadline=None)
    @given(datasets(), st.sampled_from(list(YEARS)))
    def test_percentages_are_exact_and_consistent(
        self, data: tuple[Dataset, Plan], year: int
    ) -> None:
        """percent is the exact Fraction 100·admitted/target, None without a positive target."""
        ds, p = data
        for r in fulfilment_by_cell(ds, year, plan=p):
            if r.target:
                assert isinstance(r.percent, Fraction)
                assert Fraction(100 * r.admitted, r.target) == r.percent
                shown = format_percent(r.percent, "en")
                assert round_half_up(r.percent) == Fraction(shown[:-1])
            else:
                assert r.percent is None

    @settings(max_examples=40, deadline=None)
    @given(datasets())
    def test_cumulative_is_sum_of_years(self, data: tuple[Dataset, Plan]) -> None:
        """Cumulative 2023–2025 admissions are the sum of the three years' admissions."""
        ds, p = data
        cum = {r.cell: r.admitted for r in cumulative_fulfilment(ds, p, 2025)}
        yearly = [fulfilment_by_cell(ds, y, plan=p) for y in (2023, 2024, 2025)]
        for cell in CELLS:
            assert sum(row(rows, cell).admitted for rows in yearly) == cum[cell]
