"""Admission rules (điều kiện kết nạp), judged at the cell's review meeting.

The act judged is the cell meeting that votes on the admission: the rules in
force on that day apply (regime by date).  When explaining a person still in
the pipeline, or when the pipeline asks whether they could be admitted, the
meeting is a hypothetical one on the day asked.  Each failure at such a
meeting carries a :class:`~dangvien.rules._base.Remedy` (wait until a day, a
step to take, or blocked), from which the pipeline finds the earliest day
admission is possible: the pipeline asks these rules and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from dangvien.dates import add_months, full_months
from dangvien.documents import Confidence
from dangvien.findings import Severity
from dangvien.model import events as ev
from dangvien.model.register import Record
from dangvien.model.stages import Stage
from dangvien.parameters import (
    ADMISSION_AGE_MAX_YEARS,
    ADMISSION_AGE_MIN_YEARS,
    ADMISSION_VOTE_FRACTION,
    AWARENESS_VALIDITY_MONTHS,
    DOSSIER_STALE_MONTHS,
    EDUCATION_MIN,
    EDUCATION_MIN_SPECIAL_AREA,
    INTRODUCER_COUNT,
    INTRODUCER_TENURE_MONTHS,
    PROBATION_MONTHS,
    READMISSION_MAX_TIMES,
    READMISSION_WAIT_AFTER_RECORD_MONTHS,
    READMISSION_WAIT_MONTHS,
    YOUTH_AGE_MAX_YEARS,
)
from dangvien.rules._base import Evaluation, Remedy, RemedyKind, Run, rule
from dangvien.rules._common import (
    cite,
    exit_before,
    meetings,
    missing_steps_judged,
    ok_cited,
    regime_citations,
)

__all__: list[str] = []

_NO_MEETING = "rule.common.no_meeting"
_NOT_RECORDED = "rule.regimes.not_recorded"
_READMIT_45 = "điểm về kết nạp lại (nguồn trích đánh số 9.1–9.2)"
_B = Confidence.B
_TODO = Remedy(RemedyKind.TODO)
_BLOCKED = Remedy(RemedyKind.BLOCKED)


@rule(
    "ADMIT-APPLICATION",
    needs=(ev.CellResolution,),
    topic="admission",
    eligibility=True,
    confidence=Confidence.B,
    citations=(
        cite("dieu-le-2006", "Điều 4, khoản 1", _B),
        cite("dieu-le-2011", "Điều 4, khoản 1", _B),
    ),
)
def admit_application(run: Run) -> Iterator[Evaluation | None]:
    """The applicant must have filed a voluntary application (đơn xin vào Đảng) before the meeting.

    The Charter (2006 and 2011, Art. 4(1)) asks for a voluntary application
    and an honest account of one's background.  For a meeting before
    25/7/2016 an application missing from the register is "not recorded",
    not a violation (parameter ``register.missing_steps_judged``).
    """
    found = False
    for m in meetings(run):
        found = True
        app = m.cycle.application
        if app is not None and app.date <= m.date:
            yield ok_cited(run, "ok", m.date, day=app.date)
            continue
        if not missing_steps_judged(run, m.date):
            what = run.text("rule.regimes.step.application", {})
            yield run.na(_NOT_RECORDED, day=m.date, what=what)
            continue
        yield run.fail("fail", on=m.date, day=m.date, remedy=_TODO)
    if not found:
        yield run.na(_NO_MEETING)


@rule(
    "ADMIT-AGE-MIN",
    needs=(ev.CellResolution,),
    topic="admission",
    eligibility=True,
    key=ADMISSION_AGE_MIN_YEARS,
    citations=(
        cite("23-QĐ/TW/2006", "điểm 1.1a"),
        cite("dieu-le-2011", "Điều 1, khoản 2"),
        *regime_citations("điểm 1.1.1", p29="điểm 1.1a"),
    ),
)
def admit_age_min(run: Run) -> Iterator[Evaluation | None]:
    """The applicant must be fully 18, counted in whole months, on the day of the cell meeting.

    The same since 23-QĐ/TW (31/10/2006, "đủ 18 tuổi trở lên (tính theo
    tháng)"); under 45-QĐ/TW (2011–2016), whose wording was not seen, the
    2011 Charter's 18 years counted in months (grade C).  Full months follow
    the Civil Code month-end rule (:func:`dangvien.dates.full_months`).
    """
    birth = run.record.person.birth_date
    found = False
    for m in meetings(run):
        found = True
        need = run.ctx.value(ADMISSION_AGE_MIN_YEARS, m.date)
        months = full_months(birth, m.date) if m.date >= birth else -1
        if months >= need * 12:
            yield ok_cited(run, "ok", m.date, age=months, day=m.date, need=need)
            continue
        reached = add_months(birth, need * 12)
        yield run.fail(
            "fail",
            on=m.date,
            remedy=Remedy(RemedyKind.WAIT, reached),
            need=need,
            day=m.date,
            age=max(months, 0),
            reached=reached,
            short=(reached - m.date).days,
        )
    if not found:
        yield run.na(_NO_MEETING)


@rule(
    "ADMIT-AGE-MAX",
    needs=(ev.CellResolution,),
    topic="admission",
    eligibility=True,
    key=ADMISSION_AGE_MAX_YEARS,
    citations=(
        cite("23-QĐ/TW/2006", "điểm 1.1b"),
        cite("03-HD/BTCTW/2006", "mục 1.1"),
        *regime_citations("điểm 1.1.2", p29="điểm 1.1a–b"),
        cite("01-HD/TW/2016", "mục 1.1"),
        cite("01-HD/TW/2021", "mục 1.1"),
        cite("06-HD/TW/2025", "mục 1.1"),
    ),
)
def admit_age_max(run: Run) -> Iterator[Evaluation | None]:
    """An applicant over 60 (by whole months) needs the provincial standing committee's prior written consent.

    From 29-QĐ/TW (2016) the applicant must be at most 60, and an older one
    is decided by the committee directly under the Centre; 23-QĐ/TW (2006)
    set no maximum but gave the over-60s to the same committee, and its
    guidance 03-HD/BTCTW (1.1) required the provincial standing committee's
    written consent before the decision, as 01-HD/TW (2016, 2021) and
    06-HD/TW (2025) do.  So in every regime an applicant over 60 passes only
    with that consent, given before the decision
    (:class:`~dangvien.model.events.ProvincialConsent`, purpose ``over_60``).
    Which committee signed the decision is not checked.
    """  # noqa: E501
    birth = run.record.person.birth_date
    found = False
    for m in meetings(run):
        found = True
        limit = run.ctx.value(ADMISSION_AGE_MAX_YEARS, m.date)
        months = full_months(birth, m.date) if m.date >= birth else 0
        if months <= limit * 12:
            yield ok_cited(run, "ok", m.date, age=months, limit=limit)
            continue
        before = m.cycle.decision.date if m.cycle.decision else run.ctx.as_of
        consent = [
            c
            for c in run.record.of_type(ev.ProvincialConsent)
            if c.purpose is ev.ConsentPurpose.OVER_60 and c.date <= before
        ]
        if consent:
            yield ok_cited(run, "consent", m.date, limit=limit, day=consent[-1].date)
            continue
        yield run.fail("fail", on=m.date, remedy=_TODO, limit=limit, day=m.date, age=months)
    if not found:
        yield run.na(_NO_MEETING)


@rule(
    "ADMIT-EDU-MIN",
    needs=(ev.CellResolution,),
    topic="admission",
    eligibility=True,
    key=EDUCATION_MIN,
    citations=(
        cite("23-QĐ/TW/2006", "điểm 1.2a–b"),
        *regime_citations("điểm 1.2.1", p29="điểm 1.2a"),
        cite("01-HD/TW/2016", "mục 1.2a", _B),
        cite("01-HD/TW/2021", "mục 1.2a"),
        cite("06-HD/TW/2025", "mục 1.2a"),
    ),
)
def admit_edu_min(run: Run) -> Iterator[Evaluation | None]:
    """The applicant must hold a lower-secondary (THCS) diploma.

    23-QĐ/TW (2006) and 29-QĐ/TW (2016) accepted "or equivalent"; 24-QĐ/TW
    (2021) dropped those words.  People in mountain, border, island,
    ethnic-minority or extremely difficult areas, and fishermen at sea, need
    at least primary school: 23-QĐ/TW 1.2b itself, later the Secretariat's
    guidance (01-HD/TW 2016 and 2021, 06-HD/TW 2025, point 1.2a).  Between
    29-QĐ/TW and its guidance (25/7–19/9/2016) the floor is left to the
    guidance, so a shortfall there is a warning to verify
    (``admission.education_min_special_area``).
    """
    person = run.record.person
    found = False
    for m in meetings(run):
        found = True
        need = run.ctx.value(EDUCATION_MIN, m.date)
        if person.education.at_least(need):
            yield ok_cited(run, "ok", m.date, have=person.education, need=need)
            continue
        if person.special_area:
            floor = run.ctx.params.at(EDUCATION_MIN_SPECIAL_AREA, m.date)
            if floor.value is None:
                yield run.fail(
                    "special_area",
                    on=m.date,
                    severity=Severity.WARNING,
                    citation=floor.citation,
                    have=person.education,
                    need=need,
                )
            elif person.education.at_least(floor.value):
                yield run.ok(
                    "rule.regimes.edu_special_area_ok", have=person.education, need=floor.value
                )
            else:
                yield run.fail(
                    "rule.regimes.edu_special_area_fail",
                    on=m.date,
                    remedy=_BLOCKED,
                    citation=floor.citation,
                    have=person.education,
                    need=floor.value,
                    day=m.date,
                )
            continue
        yield run.fail(
            "fail", on=m.date, remedy=_BLOCKED, have=person.education, need=need, day=m.date
        )
    if not found:
        yield run.na(_NO_MEETING)


@rule(
    "AWARE-REQUIRED",
    needs=(ev.CellResolution,),
    topic="admission",
    eligibility=True,
    citations=(
        cite("01-HD/TW/2016", "mục 3.1"),
        cite("01-HD/TW/2021", "mục 3.1"),
        cite("06-HD/TW/2025", "mục 3.1", _B),
    ),
)
def aware_required(run: Run) -> Iterator[Evaluation | None]:
    """The applicant must have completed the party-awareness course before the cell meeting.

    The requirement is judged from the Secretariat's guidance of 20/9/2016
    (01-HD/TW, 3.1): no earlier text stating it was found.
    """
    found = False
    for m in meetings(run):
        found = True
        course = m.cycle.course
        if course is not None and course.date <= m.date:
            yield ok_cited(run, "ok", m.date, day=course.date)
            continue
        yield run.fail("fail", on=m.date, remedy=_TODO, day=m.date)
    if not found:
        yield run.na(_NO_MEETING)


@rule(
    "AWARE-VALIDITY",
    needs=(ev.CellResolution, ev.AwarenessCourse),
    topic="admission",
    eligibility=True,
    lists_due=True,
    key=AWARENESS_VALIDITY_MONTHS,
    citations=(
        cite("01-HD/TW/2016", "mục 5.4", _B),
        cite("01-HD/TW/2021", "mục 5.4", _B),
        cite("06-HD/TW/2025", "mục 5.4b"),
    ),
)
def aware_validity(run: Run) -> Iterator[Evaluation | None]:
    """The certificate must still be valid at the cell meeting (60 months).

    06-HD/TW (9/6/2025, 5.4b) states it: past 60 months the cell sends the
    applicant to the course again (grade A); before it only secondary
    sources give the 60 months under the earlier guidance (grade B).  The
    value is the parameter ``awareness.validity_months``.  For a person still
    in the pipeline, the certificate's expiry is listed as falling due; once
    it has run out, a warning says to retake the course before the cell votes.
    """
    found = False
    for m in meetings(run):
        course = m.cycle.course
        if course is None or course.date > m.date:
            continue
        found = True
        months = run.ctx.value(AWARENESS_VALIDITY_MONTHS, m.date)
        expiry = add_months(course.date, months)
        if m.date <= expiry:
            yield ok_cited(run, "ok", m.date, expiry=expiry)
            continue
        yield run.fail(
            "fail",
            on=m.date,
            remedy=_TODO,
            cert=course.date,
            expiry=expiry,
            months=months,
            day=m.date,
        )
    yield from _pipeline_expiry(run)
    if not found:
        yield run.na("none")


def _pipeline_expiry(run: Run) -> Iterator[Evaluation | None]:
    """The certificate of a person still in the pipeline: its expiry falls due."""
    course = _pipeline_paper(run, ev.AwarenessCourse)
    if course is None:
        return
    months = run.ctx.value(AWARENESS_VALIDITY_MONTHS, run.ctx.as_of)
    expiry = add_months(course.date, months)
    yield _runs_out(run, course.date, expiry, "expires", "expired", cert=course.date, expiry=expiry)


def _pipeline_paper(run: Run, kind: type[ev.EventT]) -> ev.EventT | None:
    """The latest *kind* of a person still in the pipeline, filed since their last vote.

    ``None`` when the person is not in the pipeline, has no such paper, or
    the paper predates the rule.
    """
    record, ctx = run.record, run.ctx
    if ctx.only_meeting or record.stage_at(ctx.as_of) not in _PIPELINE:
        return None
    paper = record.last(kind, ctx.as_of)
    last_res = _last_resolution(record)
    if paper is None or (last_res is not None and paper.date <= last_res):
        return None
    return paper if run.covers(paper.date) else None


def _runs_out(
    run: Run, filed: date, until: date, pending: str, late: str, **dates: date
) -> Evaluation:
    """Pending until *until*, a warning once that day has passed.

    The period in force on the as-of date decides when a paper runs out, so
    the finding cites the text in force then, not the one of the filing.
    """
    as_of = run.ctx.as_of
    facts: dict[str, Any] = dates  # facts of a finding are keyword-only, any type
    if as_of <= until:
        return run.pending(pending, on=filed, due=until, cite_on=as_of, **facts)
    warning = Severity.WARNING
    return run.fail(late, on=filed, due=until, cite_on=as_of, severity=warning, **facts)


_PIPELINE = frozenset({Stage.OUTSTANDING, Stage.SYMPATHIZER, Stage.APPLICANT})


def _last_resolution(record: Record) -> date | None:
    found = [e.date for e in record.of_type(ev.CellResolution) if e.approved]
    return found[-1] if found else None


@rule(
    "INTRO-COUNT",
    needs=(ev.CellResolution,),
    topic="admission",
    eligibility=True,
    key=INTRODUCER_COUNT,
    citations=(
        cite("dieu-le-2006", "Điều 4, khoản 1", _B),
        cite("dieu-le-2011", "Điều 4, khoản 1"),
    ),
)
def intro_count(run: Run) -> Iterator[Evaluation | None]:
    """The applicant needs two introducers who are official members.

    Where the Youth Union route applies, the grassroots Youth Union executive
    committee introduces with one official member; in an agency or enterprise
    without a Youth Union, the trade-union executive may do the same.  The
    youth-age bound of the Youth Union route is not defined by party sources:
    the parameter ``introducer.youth_age_max_years`` (grade C, 30) decides it.
    Introducers missing from the register at a meeting before 25/7/2016 are
    "not recorded" (parameter ``register.missing_steps_judged``).
    """
    found = False
    for m in meetings(run):
        found = True
        intro = m.cycle.introducers
        need = run.ctx.value(INTRODUCER_COUNT, m.date)
        if intro is None or intro.date > m.date:
            if not missing_steps_judged(run, m.date):
                what = run.text("rule.regimes.step.introducers", {})
                yield run.na(_NOT_RECORDED, day=m.date, what=what)
                continue
            yield run.fail("none", on=m.date, remedy=_TODO, day=m.date, need=need)
            continue
        have = len(set(intro.introducers)) + (1 if intro.org_introducer else 0)
        if have != need:
            yield run.fail("count", on=intro.date, remedy=_TODO, have=have, need=need)
            continue
        if intro.org_introducer is ev.OrgIntroducer.YOUTH_UNION:
            limit = run.ctx.value(YOUTH_AGE_MAX_YEARS, intro.date)
            months = full_months(run.record.person.birth_date, intro.date)
            if months > limit * 12 + 11:
                yield run.fail(
                    "youth_age",
                    on=intro.date,
                    severity=Severity.WARNING,
                    confidence=Confidence.C,
                    age=months,
                    limit=limit,
                )
                continue
        yield ok_cited(run, "ok", m.date, have=have)
    if not found:
        yield run.na(_NO_MEETING)


@rule(
    "INTRO-OFFICIAL-ONLY",
    needs=(ev.CellResolution,),
    topic="admission",
    eligibility=True,
    citations=(
        cite("dieu-le-2006", "Điều 4, khoản 2", _B),
        cite("dieu-le-2011", "Điều 4, khoản 2"),
    ),
)
def intro_official_only(run: Run) -> Iterator[Evaluation | None]:
    """An introducer must be an official member on the day of introduction.

    A probationary member cannot introduce: such an introduction does not
    count, and must be made again by an official member (the same person
    once official, at the earliest).  For an introduction before 25/7/2016
    an introducer absent from the register, or whose membership the
    register does not show by then, is "not recorded"
    (``register.missing_steps_judged``).
    """
    found = False
    for m in meetings(run):
        intro = m.cycle.introducers
        if intro is None or intro.date > m.date:
            continue
        judged = missing_steps_judged(run, intro.date)
        for pid in intro.introducers:
            found = True
            other = run.ctx.record(pid)
            if not judged and (other is None or _no_history_by(other, intro.date)):
                what = run.text("rule.regimes.step.introducer_history", {"pid": pid})
                yield run.na(_NOT_RECORDED, day=intro.date, what=what)
                continue
            if other is None:
                yield run.fail("unknown", on=intro.date, severity=Severity.WARNING, pid=pid)
                continue
            stage = other.stage_at(intro.date)
            if stage is Stage.OFFICIAL:
                yield ok_cited(run, "ok", intro.date, pid=pid)
                continue
            official = _official_from(run, other)
            yield run.fail(
                "fail",
                on=intro.date,
                remedy=Remedy(RemedyKind.TODO, official),
                pid=pid,
                name=other.person.full_name,
                stage=stage,
                day=intro.date,
            )
    if not found:
        yield run.na("rule.common.no_introducers")


def _no_history_by(record: Record, day: date) -> bool:
    """Whether the register shows nothing of *record* up to *day* (no event dated by then)."""
    return not record.events or record.events[0].date > day


def _official_from(run: Run, other: Record) -> date | None:
    """The day *other* is (or, still on probation, will be) official, if known."""
    ceremony = other.last(ev.AdmissionCeremony, run.ctx.as_of)
    if other.stage_at(run.ctx.as_of) is Stage.OFFICIAL:
        first = [p.start for p in other.timeline.periods if p.stage is Stage.OFFICIAL]
        return first[-1] if first else None
    if other.stage_at(run.ctx.as_of) is Stage.PROBATIONARY and ceremony is not None:
        return add_months(ceremony.date, run.ctx.value(PROBATION_MONTHS, ceremony.date))
    return None


@rule(
    "INTRO-TENURE",
    needs=(ev.CellResolution,),
    topic="admission",
    eligibility=True,
    key=INTRODUCER_TENURE_MONTHS,
    citations=(
        cite("dieu-le-2006", "Điều 4, khoản 2", _B),
        cite("dieu-le-2011", "Điều 4, khoản 2"),
        *regime_citations("điểm 3.2.1", p29="điểm 3.2", c29=_B),
    ),
)
def intro_tenure(run: Run) -> Iterator[Evaluation | None]:
    """Each introducer must have been with the applicant in the same unit for 12 full months.

    The register shows only cells, so dangvien checks that the introducer
    belonged to the applicant's cell for the required months before the
    introduction (since the last event placing them in it).  An introducer
    from another cell gives a warning: they may share a workplace.  A short
    tenure is cured by introducing again once the months are complete.  The
    Charters (2006, 2011) ask for "at least one year" together; from 24-QĐ/TW
    (2021) "in the same unit".  Before 25/7/2016 an introducer whose cell the
    register does not show is "not recorded".
    """
    found = False
    applicant = run.record
    for m in meetings(run):
        intro = m.cycle.introducers
        if intro is None or intro.date > m.date:
            continue
        cell = applicant.cell_at(intro.date)
        need = run.ctx.value(INTRODUCER_TENURE_MONTHS, intro.date)
        judged = missing_steps_judged(run, intro.date)
        for pid in intro.introducers:
            other = run.ctx.record(pid)
            if other is None:
                continue
            found = True
            theirs = other.cell_at(intro.date)
            if not judged and (theirs is None or cell is None):
                what = run.text("rule.regimes.step.introducer_history", {"pid": pid})
                yield run.na(_NOT_RECORDED, day=intro.date, what=what)
                continue
            if cell is not None and theirs != cell:
                yield run.fail(
                    "other_cell",
                    on=intro.date,
                    severity=Severity.WARNING,
                    pid=pid,
                    theirs=theirs,
                    cell=cell,
                )
                continue
            since = other.cell_since(intro.date)
            if since is None:
                yield ok_cited(run, "no_move", intro.date, pid=pid)
                continue
            months = full_months(since, intro.date)
            if months >= need:
                yield ok_cited(run, "ok", intro.date, pid=pid, months=months)
                continue
            yield run.fail(
                "fail",
                on=intro.date,
                remedy=Remedy(RemedyKind.TODO, add_months(since, need)),
                pid=pid,
                since=since,
                months=months,
                need=need,
                day=intro.date,
            )
    if not found:
        yield run.na("rule.common.no_introducers")


@rule(
    "CHIBO-VOTE-ADMIT",
    needs=(ev.CellResolution,),
    topic="admission",
    key=ADMISSION_VOTE_FRACTION,
    citations=(
        cite("dieu-le-2006", "Điều 4, khoản 3", _B),
        cite("dieu-le-2011", "Điều 4, khoản 3"),
        cite("01-HD/TW/2016", "mục 3.6b"),
        cite("06-HD/TW/2025", "mục 3.6b"),
    ),
)
def chibo_vote_admit(run: Run) -> Iterator[Evaluation | None]:
    """An approved admission resolution needs at least 2/3 of **all** official members, not of those present.

    The denominator is the number the resolution records; if the register
    shows more official members in the cell that day and the vote falls short
    of 2/3 of those, a warning is given (from 25/7/2016 only: an older
    register does not list every member of the time).
    """  # noqa: E501
    found = False
    for m in meetings(run):
        res = m.cycle.resolution
        if res is None:
            continue
        found = True
        frac = run.ctx.value(ADMISSION_VOTE_FRACTION, res.date)
        if res.votes_for < frac * res.official_members:
            yield run.fail(
                "fail",
                on=res.date,
                day=res.date,
                votes=res.votes_for,
                total=res.official_members,
                frac=frac,
            )
            continue
        roster = run.ctx.roster().official_count(res.cell, res.date)
        if (
            roster > res.official_members
            and res.votes_for < frac * roster
            and missing_steps_judged(run, res.date)
        ):
            yield run.fail(
                "roster",
                on=res.date,
                severity=Severity.WARNING,
                total=res.official_members,
                roster=roster,
                votes=res.votes_for,
                frac=frac,
            )
            continue
        yield ok_cited(run, "ok", res.date, votes=res.votes_for, total=res.official_members)
    if not found:
        yield run.na(_NO_MEETING)


@rule(
    "DOSSIER-STALE",
    needs=(ev.CellResolution, ev.ApplicationFiled),
    topic="admission",
    eligibility=True,
    lists_due=True,
    key=DOSSIER_STALE_MONTHS,
    citations=(
        cite("01-HD/TW/2016", "mục 5.4", _B),
        cite("01-HD/TW/2021", "mục 5.4", _B),
        cite("06-HD/TW/2025", "mục 5.4a"),
    ),
)
def dossier_stale(run: Run) -> Iterator[Evaluation | None]:
    """More than 12 months after the dossier was opened without a cell vote, the introducers' statements must be redone.

    06-HD/TW (9/6/2025, 5.4a) states it (grade A); the earlier guidance is
    known from secondary sources (grade B).  dangvien judges the
    introductions: at the meeting, the latest introducers' statement must be
    younger than the limit once the dossier itself is older than it.  For a
    person still in the pipeline, the day the dossier goes stale is listed
    as falling due.
    """  # noqa: E501
    found = False
    for m in meetings(run):
        app, intro = m.cycle.application, m.cycle.introducers
        if app is None or app.date > m.date:
            continue
        found = True
        months = run.ctx.value(DOSSIER_STALE_MONTHS, m.date)
        limit = add_months(app.date, months)
        if m.date <= limit:
            yield ok_cited(run, "ok", m.date, day=app.date, months=months)
            continue
        if intro is not None and intro.date <= m.date and add_months(intro.date, months) >= m.date:
            yield ok_cited(run, "renewed", m.date, day=intro.date)
            continue
        yield run.fail(
            "fail",
            on=m.date,
            remedy=_TODO,
            app=app.date,
            months=months,
            day=m.date,
        )
    yield from _stale_due(run)
    if not found:
        yield run.na("none")


def _stale_due(run: Run) -> Iterator[Evaluation | None]:
    """The dossier of a person still in the pipeline: the day it goes stale falls due."""
    app = _pipeline_paper(run, ev.ApplicationFiled)
    if app is None:
        return
    months = run.ctx.value(DOSSIER_STALE_MONTHS, run.ctx.as_of)
    limit = add_months(app.date, months)
    intro = run.record.last(ev.IntroducersAssigned, run.ctx.as_of)
    if intro is not None and intro.date > app.date:
        limit = max(limit, add_months(intro.date, months))
    yield _runs_out(run, app.date, limit, "goes_stale", "stale", app=app.date, limit=limit)


# --- re-admission ---------------------------------------------------------------

_BARRED = {
    ev.RemovalReason.ABANDONED: "rule.READMIT-BAR.abandoned",
    ev.RemovalReason.REQUESTED: "rule.READMIT-BAR.requested",
    ev.RemovalReason.DISUNITY: "rule.READMIT-BAR.disunity",
}


@rule(
    "READMIT-BAR",
    needs=(ev.CellResolution,),
    topic="admission",
    eligibility=True,
    citations=(cite("45-QĐ/TW/2011", _READMIT_45, _B), *regime_citations("điểm 3.5.2")),
)
def readmit_bar(run: Run) -> Iterator[Evaluation | None]:
    """Never re-admitted: those who left by abandoning activities, asking to leave (except for extreme family hardship), causing serious disunity, or who were convicted of corruption or a serious crime.

    From 45-QĐ/TW (1/11/2011, grade B); no re-admission rule of 23-QĐ/TW
    was found, so earlier re-admissions are not judged.
    """  # noqa: E501
    found = False
    for m in meetings(run):
        exit_event = exit_before(run.record, m.date)
        if exit_event is None:
            continue
        found = True
        why: str | None = None
        if isinstance(exit_event, ev.Removed):
            why = _BARRED.get(exit_event.reason)
        elif exit_event.ground is ev.ExpulsionGround.SERIOUS_CRIME:
            why = "rule.READMIT-BAR.serious_crime"
        if why is None:
            yield ok_cited(run, "ok", m.date)
            continue
        yield run.fail(
            "fail",
            on=m.date,
            remedy=_BLOCKED,
            day=m.date,
            why=run.text(why, {}),
            exit=exit_event.date,
        )
    if not found:
        yield run.na("rule.common.no_readmission")


@rule(
    "READMIT-WAIT",
    needs=(ev.CellResolution,),
    topic="admission",
    eligibility=True,
    key=READMISSION_WAIT_MONTHS,
    citations=(cite("45-QĐ/TW/2011", _READMIT_45, _B), *regime_citations("điểm 3.5.1")),
)
def readmit_wait(run: Run) -> Iterator[Evaluation | None]:
    """At least 36 months out of the Party, or 60 months after the record of a less serious crime is cleared, on the day the cell considers re-admission.

    From 45-QĐ/TW (1/11/2011, grade B); the waits under 23-QĐ/TW were not
    found, so earlier re-admissions are not judged.
    """  # noqa: E501
    record = run.record
    found = False
    for m in meetings(run):
        exit_event = exit_before(record, m.date)
        if exit_event is None:
            continue
        found = True
        need = run.ctx.value(READMISSION_WAIT_MONTHS, m.date)
        months = full_months(exit_event.date, m.date)
        if months < need:
            yield run.fail(
                "fail",
                on=m.date,
                remedy=Remedy(RemedyKind.WAIT, add_months(exit_event.date, need)),
                day=m.date,
                months=months,
                need=need,
            )
            continue
        if (
            isinstance(exit_event, ev.Expelled)
            and exit_event.ground is ev.ExpulsionGround.LESS_SERIOUS_CRIME
        ):
            cleared = record.last(ev.RecordCleared, m.date)
            need2 = run.ctx.value(READMISSION_WAIT_AFTER_RECORD_MONTHS, m.date)
            if cleared is None:
                yield run.fail("not_cleared", on=m.date, remedy=_TODO, need=need2)
                continue
            m2 = full_months(cleared.date, m.date)
            if m2 < need2:
                yield run.fail(
                    "record",
                    on=m.date,
                    remedy=Remedy(RemedyKind.WAIT, add_months(cleared.date, need2)),
                    need=need2,
                    months=m2,
                )
                continue
        yield ok_cited(run, "ok", m.date, months=months)
    if not found:
        yield run.na("rule.common.no_readmission")


@rule(
    "READMIT-ONCE",
    needs=(ev.CellResolution,),
    topic="admission",
    eligibility=True,
    key=READMISSION_MAX_TIMES,
    citations=regime_citations("điểm 3.5.3"),
)
def readmit_once(run: Run) -> Iterator[Evaluation | None]:
    """A person may be re-admitted only once.

    At each re-admission meeting, the admissions already decided after an
    exit are counted; one more must not exceed the limit.  Judged from
    29-QĐ/TW (3.5.3): the earlier texts seen do not state it.
    """
    record = run.record
    found = False
    for m in meetings(run):
        if exit_before(record, m.date) is None:
            continue
        found = True
        earlier = _readmissions_before(record, m.date)
        allowed = run.ctx.value(READMISSION_MAX_TIMES, m.date)
        if earlier + 1 <= allowed:
            yield ok_cited(run, "ok", m.date, n=earlier + 1)
            continue
        yield run.fail("fail", on=m.date, remedy=_BLOCKED, n=earlier + 1, allowed=allowed)
    if not found:
        yield run.na("rule.common.no_readmission")


def _readmissions_before(record: Record, day: date) -> int:
    """How many admission decisions before *day* followed an exit."""
    n = 0
    out = False
    for e in record.events:
        if e.date >= day:
            break
        if isinstance(e, ev.Removed | ev.Expelled):
            out = True
        elif isinstance(e, ev.AdmissionDecision) and out:
            n += 1
            out = False
    return n
