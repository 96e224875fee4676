"""The context of a judgement: the dataset as known on one as-of date."""

from __future__ import annotations

import enum
from datetime import date

import attrs

from dangvien.calendar import WorkCalendar
from dangvien.dates import today_vn
from dangvien.messages import Text
from dangvien.model.plan import CountBy
from dangvien.model.register import Dataset
from dangvien.parameters import Parameters, default_parameters
from dangvien.rules._base import Context

__all__ = ["AsOf", "AsOfSource", "context", "resolve_as_of"]


class AsOfSource(enum.Enum):
    """Where the as-of date of a result came from (ngày số liệu lấy từ đâu)."""

    GIVEN = "given"
    """Given by the caller (``--as-of``)."""
    DATASET = "dataset"
    """The dataset's own date (``data_as_of``, số liệu đến ngày)."""
    TODAY = "today"
    """Today in Asia/Ho_Chi_Minh."""

    @property
    def label_vi(self) -> str:
        """Vietnamese label."""
        return Text(f"asof.{self.value}").vi

    @property
    def label_en(self) -> str:
        """English label."""
        return Text(f"asof.{self.value}").en


@attrs.frozen
class AsOf:
    """The one date a result describes the world on, and where it came from.

    Attributes:
        date: the as-of date.
        source: given, the dataset's own date, or today.
    """

    date: date
    source: AsOfSource


def resolve_as_of(dataset: Dataset, as_of: date | None = None) -> AsOf:
    """Return the as-of date: *as_of*, else the dataset's ``data_as_of``, else today in Vietnam.

    >>> from dangvien.model import Dataset, Organization, OrgLevel
    >>> ds = Dataset(Organization("x", "X", OrgLevel.COMMUNE), data_as_of=date(2025, 12, 31))
    >>> resolve_as_of(ds).date, resolve_as_of(ds).source.value
    (datetime.date(2025, 12, 31), 'dataset')
    """
    if as_of is not None:
        return AsOf(as_of, AsOfSource.GIVEN)
    if dataset.data_as_of is not None:
        return AsOf(dataset.data_as_of, AsOfSource.DATASET)
    return AsOf(today_vn(), AsOfSource.TODAY)


def context(
    dataset: Dataset,
    *,
    as_of: date | None = None,
    params: Parameters | None = None,
    calendar: WorkCalendar | None = None,
    meeting_on: date | None = None,
    only_meeting: bool = False,
    year: int | None = None,
    count_by: CountBy = CountBy.DECISION,
    stagnant_years: int | None = None,
) -> Context:
    """Build the context of a check: the dataset as known on the as-of date.

    The as-of date is resolved by :func:`resolve_as_of`; the defaults are
    the encoded law and the standard working-day calendar.
    """
    day = resolve_as_of(dataset, as_of).date
    return Context(
        dataset=dataset.known_on(day),
        as_of=day,
        params=params or default_parameters(),
        calendar=calendar or WorkCalendar.default(),
        meeting_on=meeting_on,
        only_meeting=only_meeting,
        year=year,
        count_by=count_by,
        stagnant_years=stagnant_years,
    )
