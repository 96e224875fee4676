"""Transfers of party activities and exemption (chuyển sinh hoạt đảng, miễn sinh hoạt).

A lasting move calls for an official transfer within 60 working days; a stay
of 3 months to under a year (study: up to two years) for a temporary one,
during which the member pays dues and attends meetings at the temporary
place and stays on the official organisation's rolls.  The papers are
presented at the receiving cell within 30 working days of the introduction;
a member who has not filed them three months after the notice is removed for
abandoning party activities.  Probation runs on across a transfer (see
:mod:`dangvien.rules.deadlines`).

Exempted members stay members: their party age runs, they pay dues and may
receive badges; they are left out of a vote's base unless present.
"""

from __future__ import annotations

from collections.abc import Iterator

from dangvien.dates import add_months, full_months
from dangvien.findings import Severity
from dangvien.model import events as ev
from dangvien.model.people import Sex
from dangvien.parameters import (
    EXEMPTION_AGE_MEN_YEARS,
    EXEMPTION_AGE_WOMEN_YEARS,
    TRANSFER_NO_PAPERS_MONTHS,
    TRANSFER_OFFICIAL_WD,
    TRANSFER_PRESENT_WD,
)
from dangvien.rules._base import ENCODED_LAW_START, Evaluation, Run, rule
from dangvien.rules._common import cite, doc, regime_citations
from dangvien.rules.deadlines import Act, StayKind, stay_kind
from dangvien.rules.timeline import _judge

__all__: list[str] = []

_START = doc("29-QĐ/TW/2016").effective


@rule(
    "XFER-OFFICIAL-DEADLINE",
    needs=(ev.Relocated,),
    topic="membership",
    lists_due=True,
    key=TRANSFER_OFFICIAL_WD,
    start=_START,
    citations=regime_citations("điểm 6.3.1a"),
)
def xfer_official_deadline(run: Run) -> Iterator[Evaluation | None]:
    """A member who moves for good completes the official transfer within 60 working days.

    The limit runs from the day the decision (posting, retirement, leaving
    the job, demobilisation) takes effect or the member changes residence
    for good (``Relocated``).  What a stay of known length calls for
    follows its length: 3 months to under 12 (work, residence) or up to 24
    (study) is a temporary transfer, for which no time limit was found; 12
    months or more is official.  A stay abroad of 12 months or more goes
    through the Ministry of Foreign Affairs' Party Committee (no limit
    encoded); shorter stays abroad are temporary transfers from 06-HD/TW
    (9/6/2025), and before it the texts found are silent (open question Q15).
    """
    found = False
    for e in _judge(run, Act.OFFICIAL_TRANSFER):
        if e is not None and e.text.key == "rule.common.no_time_limit":
            continue
        found = True
        yield e
    for move in run.record.of_type(ev.Relocated):
        if not run.covers(move.date):
            continue
        kind = stay_kind(run.ctx, move)
        if kind is not StayKind.OFFICIAL:
            found = True
            yield run.na("kind", day=move.date, months=move.months, kind=kind)
    if not found:
        yield run.na("none")


@rule(
    "XFER-PRESENT",
    needs=(ev.TransferNoticeReceived,),
    topic="membership",
    lists_due=True,
    key=TRANSFER_PRESENT_WD,
    start=_START,
    citations=regime_citations("điểm 6.3.1c"),
)
def xfer_present(run: Run) -> Iterator[Evaluation | None]:
    """The transferred member presents the papers to the receiving cell committee within 30 working days of the introduction.

    Judged on the receiving side: from the introduction's date on the
    notice (``TransferNoticeReceived.introduced_on``), else from the notice
    itself, to the member's arrival (``TransferredIn``).  Past the limit
    the member or the organisation at fault reports the reason to the
    competent committee.
    """  # noqa: E501
    return _judge(run, Act.TRANSFER_PAPERS)


@rule(
    "XFER-NO-PAPERS",
    needs=(ev.TransferNoticeReceived,),
    topic="membership",
    lists_due=True,
    key=TRANSFER_NO_PAPERS_MONTHS,
    start=max(doc("12-HD/BTCTW/2012").effective, ENCODED_LAW_START),
    citations=(
        cite("12-HD/BTCTW/2012", "mục II.4c"),
        cite("38-HD/BTCTW/2025", "mục II.4.3.1d"),
    ),
)
def xfer_no_papers(run: Run) -> Iterator[Evaluation | None]:
    """A member who has not filed the transfer papers 3 months after the notice is removed for abandoning party activities.

    Counted from the day the receiving committee got the notice of the
    transfer.  Until then the papers are due; after it, without a good
    reason, the competent committee where the member was going removes them
    (xóa tên, "tự ý bỏ sinh hoạt đảng"): a warning listed as overdue until
    the papers arrive or the member is removed.  Graded by the guidance in
    force on the notice's day (the 2017 and 2022 guidance were not seen:
    grade C).
    """  # noqa: E501
    found = False
    record = run.record
    events = record.events
    for i, notice in enumerate(events):
        if not isinstance(notice, ev.TransferNoticeReceived) or not run.covers(notice.date):
            continue
        found = True
        months = run.ctx.value(TRANSFER_NO_PAPERS_MONTHS, notice.date)
        last = add_months(notice.date, months)
        closing = next(
            (e for e in events[i + 1 :] if isinstance(e, ev.TransferredIn | ev.Removed)), None
        )
        if isinstance(closing, ev.TransferredIn):
            yield run.ok("arrived", day=closing.date, notice=notice.date)
        elif isinstance(closing, ev.Removed):
            yield run.ok("removed", day=closing.date, notice=notice.date)
        elif run.ctx.as_of <= last:
            yield run.pending("pending", on=notice.date, due=last, notice=notice.date, last=last)
        else:
            yield run.fail(
                "fail",
                on=notice.date,
                severity=Severity.WARNING,
                due=last,
                notice=notice.date,
                last=last,
                months=months,
            )
    if not found:
        yield run.na("none")


@rule(
    "EXEMPT-AGE",
    needs=(ev.Exempted,),
    topic="membership",
    key=EXEMPTION_AGE_MEN_YEARS,
    start=max(doc("27-HD/BTCTW/2009").effective, ENCODED_LAW_START),
    citations=(
        cite("27-HD/BTCTW/2009", "mục 1.1"),
        cite("38-HD/BTCTW/2025", "phần IV, mục 1.1"),
    ),
)
def exempt_age(run: Run) -> Iterator[Evaluation | None]:
    """An exemption for old age and weak health meets the guidance's definition of old age.

    27-HD/BTCTW (2009): old age is past working age, men over 60 and women
    over 55 ("trên 60 tuổi" read as from the 60th birthday), with weak
    health (illness needing 3 months' treatment or a medical record) and
    the member's own request; age alone is not enough.  The 2022 guidance's
    wording was not seen (grade C, the same ages).  38-HD/BTCTW (29/9/2025)
    sets no age: old age and weak health with a medical certificate.  An
    exemption for old age below the ages is a warning; other reasons and
    unrecorded ones are not judged.
    """
    found = False
    person = run.record.person
    for e in run.record.of_type(ev.Exempted):
        if e.reason is not ev.ExemptionReason.AGE_HEALTH or not run.covers(e.date):
            continue
        found = True
        key = EXEMPTION_AGE_MEN_YEARS if person.sex is Sex.MALE else EXEMPTION_AGE_WOMEN_YEARS
        need = run.ctx.value(key, e.date)
        age = full_months(person.birth_date, e.date)
        if need is None:
            yield run.ok("no_age", day=e.date)
        elif age >= need * 12:
            yield run.ok("ok", day=e.date, age=age, need=need)
        else:
            yield run.fail(
                "fail",
                on=e.date,
                severity=Severity.WARNING,
                day=e.date,
                age=age,
                need=need,
                sex=person.sex,
            )
    if not found:
        yield run.na("none")
