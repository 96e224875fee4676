"""The shape of a synthetic commune history (khuôn mẫu lịch sử giả lập)."""

from __future__ import annotations

import attrs

from dangvien.model.org import CellKind


@attrs.frozen
class HistoryProfile:
    """The shape of a synthetic commune history (khuôn mẫu lịch sử giả lập).

    An example's own shape (the cells its plan names as quiet or praises)
    is a profile built by the example's script; see
    ``scripts/make_example.py`` for Long Thành's.

    Attributes:
        plan_year: first year of the development plan.  Before it the commune
            admits ``recognitions_per_year`` people a year, so as many are
            recognised official the year after; from it ``admissions_per_year``.
        recognitions_per_year: (low, high) admissions a year before ``plan_year``.
        admissions_per_year: (low, high) admissions a year from ``plan_year`` on.
        quiet_cells: cells (id, name or alias) that admit nobody before ``plan_year``.
        favoured_cells: cells admitting three times as often before ``plan_year``.
        closed_kinds: kinds of cell that never admit anybody here (a commune
            police cell's members are admitted through the police's own party
            organisation).
        hamlet_members: (low, high) official members of a hamlet cell at the start.
        school_members: the same for a school cell.
        small_members: the same for the other cells (health, police…).
        scale: multiplies the side flows: dropouts, the pipeline left open at
            the end, transfers.
        removals: members struck off for missing party activities.

    """

    plan_year: int = 2023
    recognitions_per_year: tuple[int, int] = (3, 5)
    admissions_per_year: tuple[int, int] = (4, 8)
    quiet_cells: tuple[str, ...] = ()
    favoured_cells: tuple[str, ...] = ()
    closed_kinds: frozenset[CellKind] = frozenset({CellKind.POLICE})
    hamlet_members: tuple[int, int] = (12, 24)
    school_members: tuple[int, int] = (5, 8)
    small_members: tuple[int, int] = (4, 6)
    scale: float = 1.0
    removals: int = 1
