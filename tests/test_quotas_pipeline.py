"""The pipeline: stages per cell, conversion, forecast, re-apportionment.

Dates are worked out by hand in the comments (months by the Civil Code
month-end rule: 29/2 + 18 years is 28/2).
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest

from dangvien.model import events as ev
from dangvien.model.org import Cell, Organization, OrgLevel
from dangvien.model.people import EducationLevel, Person, Sex
from dangvien.model.plan import AdmissionTarget, Plan, PlanPeriod
from dangvien.model.register import Dataset, Record
from dangvien.model.stages import Stage
from dangvien.quotas import Method
from dangvien.quotas.counting import official_members, stage_counts
from dangvien.quotas.forecasting import WeightBy, forecast, reapportion
from dangvien.quotas.rates import conversion, funnel

ORG = Organization(
    "xa",
    "Đảng bộ xã Thử Nghiệm",
    OrgLevel.COMMUNE,
    cells=(Cell("a", "Chi bộ A"), Cell("b", "Chi bộ B")),
)


def person(
    pid: str,
    birth: date = date(1995, 5, 5),
    *,
    cell: str = "a",
    education: EducationLevel = EducationLevel.UPPER_SECONDARY,
) -> Person:
    return Person(pid, f"Người Thử Nghiệm {pid}", birth, Sex.FEMALE, education=education, cell=cell)


def official(pid: str, cell: str = "a", since: date = date(2010, 1, 1)) -> Record:
    return Record(
        person(pid, date(1970, 1, 1), cell=cell),
        [ev.TransferredIn(date=since, source="ngoài xã", cell=cell)],
    )


def applicant(
    pid: str,
    *,
    birth: date = date(1995, 5, 5),
    cell: str = "a",
    course: date | None = date(2024, 1, 15),
    introducers: tuple[str, ...] = ("I1", "I2"),
    intro_date: date = date(2024, 2, 1),
    education: EducationLevel = EducationLevel.UPPER_SECONDARY,
) -> Record:
    events: list[ev.Event] = [
        ev.ListedSympathizer(date=date(2023, 10, 1), cell=cell),
        ev.ApplicationFiled(date=date(2024, 1, 20)),
    ]
    if course is not None:
        events.append(ev.AwarenessCourse(date=course))
    if introducers:
        events.append(ev.IntroducersAssigned(date=intro_date, introducers=introducers))
    return Record(person(pid, birth, cell=cell, education=education), events)


def admitted(pid: str, cell: str, listed: date, decision: date | None) -> Record:
    """Listed on *listed*; if *decision*, admitted then (resolution 30 days before)."""
    events: list[ev.Event] = [ev.ListedSympathizer(date=listed, cell=cell)]
    if decision is not None:
        events += [
            ev.ApplicationFiled(date=decision - timedelta(days=60)),
            ev.CellResolution(
                date=decision - timedelta(days=30), cell=cell, votes_for=3, official_members=3
            ),
            ev.AdmissionDecision(date=decision),
            ev.AdmissionCeremony(date=decision + timedelta(days=10), cell=cell),
        ]
    return Record(person(pid, cell=cell), events)


OFFICIALS = (official("I1"), official("I2"))


def ds(*records: Record, plans: tuple[Plan, ...] = ()) -> Dataset:
    return Dataset(ORG, plans=plans, records=(*OFFICIALS, *records))


class TestConversion:
    def cohort(self) -> Dataset:
        # Listed 2022: P1 admitted 8 months later, P2 14 months later, P3 never.
        # Listed 2023-06-01: P4, window to 2024-06-01 (censored before that date).
        return ds(
            admitted("P1", "a", date(2022, 2, 1), date(2022, 10, 1)),
            admitted("P2", "a", date(2022, 3, 1), date(2023, 5, 1)),
            admitted("P3", "b", date(2022, 4, 1), None),
            admitted("P4", "b", date(2023, 6, 1), date(2023, 9, 1)),
        )

    def test_within_one_year(self) -> None:
        """Of the 2022 sympathizers, 1 of 3 was admitted within a year."""
        c = conversion(self.cohort(), Stage.SYMPATHIZER, years=[2022], as_of=date(2025, 1, 1))
        assert (3, 1, Fraction(1, 3)) == (c.cohort, c.converted, c.rate)

    def test_within_two_years(self) -> None:
        """Within two years, 2 of 3."""
        c = conversion(
            self.cohort(), Stage.SYMPATHIZER, years=[2022], within_years=2, as_of=date(2025, 1, 1)
        )
        assert Fraction(2, 3) == c.rate

    def test_censored_entries_left_out(self) -> None:
        """As of 1/3/2024, P4's window (to 1/6/2024) is open: the 2023 cohort is empty."""
        c = conversion(self.cohort(), Stage.SYMPATHIZER, years=[2023], as_of=date(2024, 3, 1))
        assert (0, None) == (c.cohort, c.rate)
        c = conversion(self.cohort(), Stage.SYMPATHIZER, years=[2023], as_of=date(2024, 6, 1))
        assert (1, Fraction(1)) == (c.cohort, c.rate)

    def test_target_must_follow(self) -> None:
        """Converting to an earlier stage is misuse."""
        with pytest.raises(ValueError, match="does not come after"):
            conversion(
                ds(),
                Stage.ADMITTED,
                to_stage=Stage.SYMPATHIZER,
                years=[2022],
                as_of=date(2025, 1, 1),
            )

    def test_funnel(self) -> None:
        """2022 cohort of 3, two reached admission, probation (ceremony), none official."""
        steps = funnel(self.cohort(), years=[2022], as_of=date(2025, 1, 1))
        got = {s.stage: s.reached for s in steps}
        assert (3, 2, 2, 2, 0) == (
            got[Stage.SYMPATHIZER],
            got[Stage.APPLICANT],
            got[Stage.ADMITTED],
            got[Stage.PROBATIONARY],
            got[Stage.OFFICIAL],
        )
        assert Fraction(2, 3) == steps[-2].share


PERIOD = PlanPeriod(2024, 2025)


def plan(a: int = 2, b: int = 1, period: PlanPeriod = PERIOD) -> Plan:
    return Plan(
        "kh",
        "1-KH/ĐU",
        date(2024, 1, 5),
        "BTV",
        "xa",
        "KH",
        period,
        admission_targets=(AdmissionTarget("Chi bộ A", a), AdmissionTarget("Chi bộ B", b)),
    )


class TestForecast:
    def data(self) -> Dataset:
        # Cell a: admitted 1/4/2024; applicant P ready; minor M turns 18 on 28/8/2025.
        return ds(
            admitted("D", "a", date(2023, 9, 1), date(2024, 4, 1)),
            applicant("P"),
            applicant("M", birth=date(2007, 8, 28)),
            plans=(plan(),),
        )

    def test_unscaled(self) -> None:
        """Cell a, 2024 as of 1/6: 1 admitted + 1 ready (M is not) = 2 of 2."""
        fc = forecast(self.data(), 2024, as_of=date(2024, 6, 1))
        a, b = fc.cells
        assert (2, 1, 1, Fraction(2), Fraction(100)) == (
            a.target,
            a.admitted,
            a.ready,
            a.forecast,
            a.percent,
        )
        assert (1, 0, 1) == (b.target, b.forecast, b.shortfall)

    def test_after_year_end_is_the_count(self) -> None:
        """Made on 31/12/2024 the forecast is the count: 1 for cell a, shortfall 1."""
        a = forecast(self.data(), 2024, as_of=date(2024, 12, 31)).cells[0]
        assert (1, 0, Fraction(1), 1) == (a.admitted, a.ready, a.forecast, a.shortfall)

    def test_scaled_without_history_counts_one(self) -> None:
        """A stage without history (rate unknown) counts its candidates as 1 each."""
        # No applicant entered in 2019–2023 (D applied on 1/2/2024): P counts 1, forecast 2.
        fc = forecast(self.data(), 2024, as_of=date(2024, 6, 1), scale=True)
        rates = {r.from_stage: r for r in fc.rates}
        assert (0, None) == (rates[Stage.APPLICANT].cohort, rates[Stage.APPLICANT].rate)
        assert Fraction(2) == fc.cells[0].forecast

    def test_scaled_by_fractional_rate(self) -> None:
        """Two 2022 sympathizers, one admitted within a year: a sympathizer counts 1/2."""
        d = ds(
            admitted("H1", "b", date(2022, 2, 1), date(2022, 10, 1)),
            admitted("H2", "b", date(2022, 3, 1), None),
            Record(person("S", cell="a"), [ev.ListedSympathizer(date=date(2024, 2, 1), cell="a")]),
            plans=(plan(),),
        )
        fc = forecast(d, 2024, as_of=date(2024, 6, 1), scale=True)
        # H2 (listed 2022, never admitted) and S (listed 2024, not in the history) aside:
        # the 2019–2023 sympathizer cohort is H1 and H2, 1 of 2.
        assert Fraction(1, 2) == fc.cells[0].expected

    def test_carry_over(self) -> None:
        """Cell b short by 1 in 2024: its 2025 target 1 becomes 2 with carry-over."""
        fc = forecast(self.data(), 2024, as_of=date(2024, 12, 31), carry_over=True)
        b = fc.cells[1]
        assert (1, 1, 1, 2) == (b.shortfall, b.next_target, b.carried, b.next_total)
        plain = forecast(self.data(), 2024, as_of=date(2024, 12, 31)).cells[1]
        assert (0, 1) == (plain.carried, plain.next_total)

    def test_totals(self) -> None:
        """Whole organisation on 31/12/2024: target 3, 1 admitted, shortfalls 1 + 1."""
        fc = forecast(self.data(), 2024, as_of=date(2024, 12, 31))
        assert (3, 1, 2) == (fc.target, fc.admitted, fc.shortfall)


class TestStagesAndAllocation:
    def test_stage_counts(self) -> None:
        """Cell a on 1/6/2024: 2 official, 2 applicants, 1 probationary; b empty."""
        d = ds(
            admitted("D", "a", date(2023, 9, 1), date(2024, 4, 1)),
            applicant("P"),
            applicant("M", birth=date(2007, 8, 28)),
        )
        a, b = stage_counts(d, date(2024, 6, 1))
        assert (2, 2, 1, 2) == (
            a.count(Stage.OFFICIAL),
            a.count(Stage.APPLICANT),
            a.count(Stage.PROBATIONARY),
            a.candidates,
        )
        assert 0 == b.candidates

    def test_official_members(self) -> None:
        """Two official members in a, none in b."""
        assert {"a": 2, "b": 0} == official_members(ds(), date(2024, 6, 1))

    def test_reapportion_capped_by_pipeline(self) -> None:
        """Share 3 by official members (a: 3, b: 1), caps a 2 (1 ready + 1 admitted), b 0."""
        d = ds(
            official("I3", "b"),
            applicant("P"),
            admitted("D", "a", date(2023, 9, 1), date(2024, 4, 1)),
            plans=(plan(),),
        )
        alloc = reapportion(d, 3, 2024, as_of=date(2024, 6, 1))
        assert {"a": 2, "b": 0} == alloc.as_dict()
        assert (False, 1) == (alloc.feasible, alloc.shortfall)

    def test_reapportion_uncapped_by_targets(self) -> None:
        """Without caps, 6 shared by the plan's targets 2:1 with D'Hondt gives 4 and 2."""
        d = ds(plans=(plan(),))
        alloc = reapportion(
            d,
            6,
            2024,
            weights=WeightBy.TARGETS,
            method=Method.DHONDT,
            cap_by_pipeline=False,
            as_of=date(2024, 6, 1),
        )
        assert {"a": 4, "b": 2} == alloc.as_dict()

    def test_reapportion_explicit_weights(self) -> None:
        """Explicit weights 1:3 share 4 as 1 and 3."""
        alloc = reapportion(
            ds(plans=(plan(),)),
            4,
            2024,
            weights={"a": 1, "b": 3},
            cap_by_pipeline=False,
            as_of=date(2024, 6, 1),
        )
        assert {"a": 1, "b": 3} == alloc.as_dict()
