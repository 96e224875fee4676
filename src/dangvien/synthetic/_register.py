"""The register of one commune: :func:`generate_register`."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date

from dangvien.calendar import WorkCalendar
from dangvien.model.org import Organization
from dangvien.model.plan import Plan
from dangvien.model.register import Dataset
from dangvien.synthetic import _law as law
from dangvien.synthetic._commune import Commune
from dangvien.synthetic._errors import refused
from dangvien.synthetic._profile import HistoryProfile
from dangvien.synthetic._tree import find_commune, initials, short_name


def check_years(start: int, end: int, calendar: WorkCalendar) -> None:
    """Refuse years the generators cannot fill lawfully.

    The procedures behind the first recognitions start about two years
    before *start*; they must fall after the working-day time limits start
    (:data:`~dangvien.synthetic._law.FIRST_START`).  Courses run from three
    years before *start*; recognitions of the last admissions are computed
    (then cut) up to two years after *end*: the calendar must cover them.
    """
    if not law.FIRST_START <= start <= end:
        raise refused("years", first=law.FIRST_START, start=start, end=end)
    if date(start - 3, 1, 1) < calendar.first or date(end + 2, 12, 31) > calendar.last:
        raise refused("calendar", first=start - 3, last=end + 2)


def check_mistake_years(start: int, end: int, plan_year: int) -> None:
    """Refuse planting mistakes when the plan's first years are not in the history."""
    if not start - 1 <= plan_year < end:
        raise refused("mistake_years", plan_year=plan_year, start=start, end=end)


def generate_register(
    organization: Organization,
    *,
    seed: int | str,
    start: int = 2019,
    end: int = 2025,
    plans: Sequence[Plan] = (),
    profile: HistoryProfile | None = None,
    mistakes: bool = False,
    commune: str | None = None,
    id_prefix: str | None = None,
    calendar: WorkCalendar | None = None,
) -> Dataset:
    """Generate an obviously synthetic register for one commune.

    Args:
        organization: the organisation tree (its root is kept in the dataset).
        seed: the seed of the generator's own :class:`random.Random`.
        start: first year the history must cover, 2019 or later: recognitions
            from this year on, so the procedures behind them start up to two
            years earlier, after 25 July 2016 (the first working-day limits,
            29-QĐ/TW).
        end: last year, at most the calendar's last year minus two; nothing is
            dated after 31 December of it, and no time limit has passed unmet
            on that day.
        plans: plans of the commune; the first with per-cell targets weights
            the cells' admissions from ``profile.plan_year`` on.
        profile: the shape of the history (default :class:`~dangvien.synthetic.HistoryProfile`).
        mistakes: plant the three mistakes of :data:`~dangvien.synthetic.MISTAKE_RULES` in the
            plan's first three years (needs ``start - 1 <= profile.plan_year``
            and ``end >= profile.plan_year + 1``).
        commune: id of the commune; needed only when the tree has several.
        id_prefix: prefix of person ids (default: the commune's initials,
            ``LT`` for Long Thành).
        calendar: the working-day calendar (default: the standard one).

    Returns:
        A dataset with *organization*, *plans* and the generated records,
        as of 31 December of *end* (``data_as_of``, written to
        ``organization.toml``); person ids run ``LT-0001``, ``LT-0002``…

    Raises:
        UsageError: (a ``ValueError``) for years outside 2019…the calendar's
            range, an unknown commune or cell name, or mistakes without a
            year to plant them or a cell to plant them in.

    .. versionchanged:: 0.2
       Refusals are :class:`~dangvien.errors.UsageError` with both languages.
    """
    cal = calendar or WorkCalendar.default()
    check_years(start, end, cal)
    prof = profile or HistoryProfile()
    if mistakes:
        check_mistake_years(start, end, prof.plan_year)
    target = find_commune(organization, commune)
    prefix = id_prefix or initials(short_name(target))
    sim = Commune(
        organization,
        target,
        rng=random.Random(seed),
        start=start,
        end=end,
        profile=prof,
        plans=plans,
        mistakes=mistakes,
        id_prefix=prefix,
        name_tag="",
        calendar=cal,
    )
    return Dataset(
        organization=organization,
        plans=tuple(plans),
        records=tuple(sim.run()),
        data_as_of=date(end, 12, 31),
    )
