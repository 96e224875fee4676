"""Plan targets expanded per cell and year: resolution, open periods, overrides, the API."""

from __future__ import annotations

from datetime import date

import dangvien.quotas as quotas
from dangvien.model.org import Cell, CellKind, MassOrganization, MassOrgKind, Organization, OrgLevel
from dangvien.model.plan import AdmissionTarget, IntroductionTarget, Plan, PlanPeriod
from dangvien.quotas import allocation
from dangvien.quotas.targets import (
    expand_introduction_targets,
    expand_targets,
    plan_years,
    select_plan,
    targets_by_cell,
)

ORG = Organization(
    "xa",
    "Đảng bộ xã Thử Nghiệm",
    OrgLevel.COMMUNE,
    cells=(
        Cell("c05", "Vạn Tràng"),
        Cell("c06", "Văn Tràng"),
        Cell("c14", "Trường mầm non", CellKind.SCHOOL, aliases=("Tr. Mầm non",)),
    ),
    mass_organizations=(
        MassOrganization("dtn", "Đoàn thanh niên", MassOrgKind.YOUTH_UNION),
        MassOrganization("lhpn", "Hội LHPN xã", MassOrgKind.WOMEN),
    ),
)


OPEN = PlanPeriod(2023, 2025, open_ended=True)


def plan(
    *rows: AdmissionTarget,
    intro: tuple[IntroductionTarget, ...] = (),
    period: PlanPeriod = OPEN,
    pid: str = "kh",
    day: date = date(2023, 6, 8),
) -> Plan:
    return Plan(
        pid,
        "-KH/ĐU",
        day,
        "BTV",
        "xa",
        "Kế hoạch",
        period,
        admission_targets=rows,
        introduction_targets=intro,
    )


class TestExpandTargets:
    def test_open_ended_period_continues_to_the_year_asked(self) -> None:
        """An open-ended 2023–2025 plan gives targets for 2026 when asked up to 2026."""
        p = plan(AdmissionTarget("Văn Tràng", 1))
        found = expand_targets(p, ORG, until=2026)
        assert [2023, 2024, 2025, 2026] == [t.year for t in found]
        assert {1} == {t.target for t in found}

    def test_closed_period_stops_at_its_last_year(self) -> None:
        """A closed 2023–2025 plan gives nothing for 2026."""
        p = plan(AdmissionTarget("Văn Tràng", 1), period=PlanPeriod(2023, 2025))
        assert [2023, 2024, 2025] == [t.year for t in expand_targets(p, ORG, until=2026)]
        assert () == expand_targets(p, ORG, years=[2026])

    def test_names_resolve_with_their_diacritics(self) -> None:
        """'Vạn Tràng' and 'Văn Tràng' resolve to two different cells."""
        p = plan(AdmissionTarget("Vạn Tràng", 2), AdmissionTarget("Văn Tràng", 1))
        found = expand_targets(p, ORG, years=[2024])
        assert [("c05", 2), ("c06", 1)] == [(t.cell, t.target) for t in found]

    def test_alias_resolves_and_printed_name_is_kept(self) -> None:
        """'Tr. Mầm non' resolves through the alias; the printed text is kept."""
        (t,) = expand_targets(plan(AdmissionTarget("Tr. Mầm non", 2)), ORG, years=[2024])
        assert ("c14", "Trường mầm non", "Tr. Mầm non") == (t.cell, t.name, t.printed)

    def test_name_without_diacritics_is_unresolved(self) -> None:
        """'Van Trang' matches no cell exactly: cell None, printed text kept."""
        (t,) = expand_targets(plan(AdmissionTarget("Van Trang", 1)), ORG, years=[2024])
        assert (None, "Van Trang", 1) == (t.cell, t.name, t.target)

    def test_year_row_replaces_every_year_row(self) -> None:
        """A 2024 row of 3 replaces the every-year row of 1 in 2024 only."""
        p = plan(AdmissionTarget("Văn Tràng", 1), AdmissionTarget("Văn Tràng", 3, year=2024))
        found = {t.year: t.target for t in expand_targets(p, ORG)}
        assert {2023: 1, 2024: 3, 2025: 1} == found

    def test_duplicate_rows_are_added(self) -> None:
        """Two every-year rows for one cell add up (1 + 2 = 3), counted as 2 rows."""
        p = plan(AdmissionTarget("Văn Tràng", 1), AdmissionTarget("Văn Tràng", 2))
        (t,) = expand_targets(p, ORG, years=[2023])
        assert (3, 2) == (t.target, t.rows)

    def test_targets_by_cell_leaves_unresolved_out(self) -> None:
        """targets_by_cell maps resolved cells only."""
        p = plan(AdmissionTarget("Văn Tràng", 1), AdmissionTarget("Nowhere", 5))
        assert {"c06": 1} == targets_by_cell(expand_targets(p, ORG, years=[2024]), 2024)

    def test_introduction_quotas_resolve_mass_organizations(self) -> None:
        """Quotas resolve by the printed name; an unknown name keeps organization None."""
        p = plan(intro=(IntroductionTarget("Hội LHPN xã", 5), IntroductionTarget("Hội X", 1)))
        found = expand_introduction_targets(p, ORG, years=[2024])
        assert [("lhpn", 5), (None, 1)] == [(q.organization, q.target) for q in found]


class TestSelectPlan:
    def test_latest_covering_plan_wins(self) -> None:
        """Of two plans covering 2024, the later-dated one is chosen."""
        old = plan(pid="old", day=date(2020, 1, 1), period=PlanPeriod(2020, 2025))
        new = plan(pid="new", day=date(2023, 6, 8))
        assert "new" == select_plan([old, new], 2024).id  # type: ignore[union-attr]

    def test_no_covering_plan_falls_back_to_latest(self) -> None:
        """With no plan covering 2030, the latest plan is still chosen."""
        closed = plan(period=PlanPeriod(2020, 2022))
        assert closed is select_plan([closed], 2030)

    def test_a_year_before_every_plan_has_none(self) -> None:
        """A plan for 2020–2022 does not measure 2019; the one of 2016–2018 would."""
        closed = plan(period=PlanPeriod(2020, 2022))
        earlier = plan(pid="earlier", day=date(2016, 1, 1), period=PlanPeriod(2016, 2018))
        assert None is select_plan([closed], 2019)
        assert earlier is select_plan([closed, earlier], 2019)

    def test_unknown_id_gives_none(self) -> None:
        """An id no plan has gives None."""
        assert None is select_plan([plan()], 2024, plan_id="x")

    def test_plan_years(self) -> None:
        """plan_years lists the period, open-ended up to until."""
        assert (2023, 2024, 2025, 2026, 2027) == plan_years(plan(), until=2027)


class TestPublicApi:
    def test_all_is_unique(self) -> None:
        """dangvien.quotas.__all__ has no duplicates."""
        assert len(set(quotas.__all__)) == len(quotas.__all__)

    def test_reexports_allocation(self) -> None:
        """Everything allocation exports is re-exported by dangvien.quotas."""
        assert set(allocation.__all__) <= set(quotas.__all__)
        assert quotas.allocate is allocation.allocate

    def test_every_name_resolves(self) -> None:
        """Every name in __all__ is an attribute of the package."""
        assert [] == [n for n in quotas.__all__ if not hasattr(quotas, n)]

    def test_submodules_are_not_shadowed(self) -> None:
        """No exported function shadows a submodule of the same name."""
        import importlib

        for name in (
            "targets",
            "fulfilment",
            "counting",
            "rates",
            "forecasting",
            "plan_checks",
            "allocation",
        ):
            mod = importlib.import_module(f"dangvien.quotas.{name}")
            assert mod.__name__ == f"dangvien.quotas.{name}"
            assert name not in quotas.__all__
