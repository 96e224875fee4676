"""Admission rules (điều kiện kết nạp), judged at the cell's review meeting.

The act judged is the cell meeting that votes on the admission: the rules in
force on that day apply (regime by date).  When explaining a person still in
the pipeline, the meeting is a hypothetical one on the as-of date: "could
they be admitted at a meeting today?".
"""

from __future__ import annotations

from collections.abc import Iterator

from dangvien.dates import add_months, full_months
from dangvien.documents import Confidence
from dangvien.findings import Severity
from dangvien.model import events as ev
from dangvien.model.stages import Stage
from dangvien.parameters import (
    ADMISSION_AGE_MAX_YEARS,
    ADMISSION_AGE_MIN_YEARS,
    ADMISSION_VOTE_FRACTION,
    AWARENESS_VALIDITY_MONTHS,
    DOSSIER_STALE_MONTHS,
    EDUCATION_MIN,
    INTRODUCER_COUNT,
    INTRODUCER_TENURE_MONTHS,
    YOUTH_AGE_MAX_YEARS,
)
from dangvien.rules._base import Evaluation, Run, rule
from dangvien.rules._common import cite, d, meetings, regime_citations

__all__: list[str] = []

_NO_MEETING = ("chưa có cuộc họp chi bộ xét kết nạp", "no admission meeting to judge")


def _age(months: int) -> str:
    return f"{months // 12} tuổi {months % 12} tháng"


def _age_en(months: int) -> str:
    return f"{months // 12} years {months % 12} months"


@rule(
    "ADMIT-AGE-MIN",
    needs=(ev.CellResolution,),
    title_vi="Tuổi đời tối thiểu khi kết nạp",
    title_en="Minimum age at admission",
    topic="admission",
    key=ADMISSION_AGE_MIN_YEARS,
    citations=regime_citations("điểm 1.1"),
)
def admit_age_min(run: Run) -> Iterator[Evaluation | None]:
    """The applicant must be fully 18, counted in whole months, on the day of the cell meeting.

    Full months follow the Civil Code month-end rule (:func:`dangvien.dates.full_months`).
    """
    birth = run.record.person.birth_date
    found = False
    for m in meetings(run):
        found = True
        need = run.ctx.value(ADMISSION_AGE_MIN_YEARS, m.date)
        months = full_months(birth, m.date) if m.date >= birth else -1
        if months >= need * 12:
            yield run.ok(
                "{age} tại ngày họp {day} (≥ {need} tuổi)",
                "{age_en} at the meeting on {day} (≥ {need})",
                age=_age(months),
                age_en=_age_en(months),
                day=d(m.date),
                need=need,
            )
            continue
        reached = add_months(birth, need * 12)
        yield run.fail(
            "Chưa đủ {need} tuổi (tính theo tháng) tại ngày họp chi bộ {day}: mới {age}; "
            "đủ {need} tuổi từ {reached} (thiếu {short} ngày)",
            "Not yet {need} by full months at the cell meeting on {day}: {age_en}; "
            "turns {need} on {reached} ({short} days short)",
            on=m.date, need=need, day=d(m.date), age=_age(max(months, 0)),
            age_en=_age_en(max(months, 0)), reached=d(reached),
            short=(reached - m.date).days,
        )  # fmt: skip
    if not found:
        yield run.na(*_NO_MEETING)


@rule(
    "ADMIT-AGE-MAX",
    needs=(ev.CellResolution,),
    title_vi="Tuổi đời tối đa khi kết nạp; trên 60 tuổi cần ý kiến BTV tỉnh ủy",
    title_en="Maximum age at admission; over 60 needs the provincial standing committee",
    topic="admission",
    key=ADMISSION_AGE_MAX_YEARS,
    citations=(*regime_citations("điểm 1.1"), cite("01-HD/TW/2021", "mục 1.1")),
)
def admit_age_max(run: Run) -> Iterator[Evaluation | None]:
    """The applicant must be at most 60 (by whole months) at the cell meeting.

    An older applicant may be admitted only with the provincial standing
    committee's written consent given before the admission decision
    (:class:`~dangvien.model.events.ProvincialConsent` with purpose ``over_60``).
    """
    birth = run.record.person.birth_date
    found = False
    for m in meetings(run):
        found = True
        limit = run.ctx.value(ADMISSION_AGE_MAX_YEARS, m.date)
        months = full_months(birth, m.date)
        if months <= limit * 12:
            yield run.ok(
                "{age} tại ngày họp (≤ {limit} tuổi)",
                "{age_en} (≤ {limit})",
                age=_age(months),
                age_en=_age_en(months),
                limit=limit,
            )
            continue
        before = m.cycle.decision.date if m.cycle.decision else run.ctx.as_of
        consent = [
            c for c in run.record.of_type(ev.ProvincialConsent)
            if c.purpose is ev.ConsentPurpose.OVER_60 and c.date <= before
        ]  # fmt: skip
        if consent:
            yield run.ok(
                "Trên {limit} tuổi, có ý kiến BTV tỉnh ủy ngày {day}",
                "Over {limit}, provincial consent of {day}",
                limit=limit,
                day=d(consent[-1].date),
            )
            continue
        yield run.fail(
            "Quá {limit} tuổi tại ngày họp chi bộ {day} ({age}) mà không có ý kiến "
            "đồng ý bằng văn bản của Ban Thường vụ Tỉnh ủy trước khi quyết định",
            "Over {limit} at the cell meeting on {day} ({age_en}) without the provincial "
            "standing committee's prior written consent",
            on=m.date,
            limit=limit,
            day=d(m.date),
            age=_age(months),
            age_en=_age_en(months),
        )
    if not found:
        yield run.na(*_NO_MEETING)


@rule(
    "ADMIT-EDU-MIN",
    needs=(ev.CellResolution,),
    title_vi="Trình độ học vấn tối thiểu",
    title_en="Minimum education",
    topic="admission",
    key=EDUCATION_MIN,
    citations=regime_citations("điểm 1.2"),
)
def admit_edu_min(run: Run) -> Iterator[Evaluation | None]:
    """The applicant must hold a lower-secondary (THCS) diploma.

    29-QĐ/TW (2016) accepted "or equivalent"; 24-QĐ/TW (2021) dropped those
    words.  People in mountain, border, island, ethnic-minority or extremely
    difficult areas, and fishermen at sea, may be admitted with less under
    Secretariat guidance (24-QĐ/TW 1.2.2): for them a shortfall is a warning to
    verify, not a violation.
    """
    person = run.record.person
    found = False
    for m in meetings(run):
        found = True
        need = run.ctx.value(EDUCATION_MIN, m.date)
        if person.education.at_least(need):
            yield run.ok(
                "Trình độ {have} (cần {need})",
                "Education {have} (needs {need})",
                have=person.education.value,
                need=need.value,
            )
            continue
        if person.special_area:
            yield run.fail(
                "Trình độ {have} thấp hơn {need}; người ở vùng đặc biệt khó khăn: kiểm tra "
                "hướng dẫn của Ban Bí thư về trường hợp được áp dụng thấp hơn",
                "Education {have} below {need}; the person is in a special area: check "
                "the Secretariat's guidance on lower thresholds",
                on=m.date, severity=Severity.WARNING, have=person.education.value,
                need=need.value,
            )  # fmt: skip
            continue
        yield run.fail(
            "Trình độ {have} chưa đạt {need} tại ngày họp chi bộ {day}",
            "Education {have} is below {need} at the cell meeting on {day}",
            on=m.date,
            have=person.education.value,
            need=need.value,
            day=d(m.date),
        )
    if not found:
        yield run.na(*_NO_MEETING)


@rule(
    "AWARE-REQUIRED",
    needs=(ev.CellResolution,),
    title_vi="Có giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng",
    title_en="Party-awareness course certificate held",
    topic="admission",
    citations=(cite("01-HD/TW/2016", "mục 3.1"), cite("01-HD/TW/2021", "mục 3.1")),
)
def aware_required(run: Run) -> Iterator[Evaluation | None]:
    """The applicant must have completed the party-awareness course before the cell meeting."""
    found = False
    for m in meetings(run):
        found = True
        course = m.cycle.course
        if course is not None and course.date <= m.date:
            yield run.ok("Giấy chứng nhận ngày {day}", "Certificate of {day}", day=d(course.date))
            continue
        yield run.fail(
            "Chưa có giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng trước ngày họp {day}",
            "No party-awareness certificate before the meeting on {day}",
            on=m.date,
            day=d(m.date),
        )
    if not found:
        yield run.na(*_NO_MEETING)


@rule(
    "AWARE-VALIDITY",
    needs=(ev.CellResolution,),
    title_vi="Giấy chứng nhận lớp nhận thức về Đảng còn giá trị",
    title_en="Awareness-course certificate still valid",
    topic="admission",
    key=AWARENESS_VALIDITY_MONTHS,
    confidence=Confidence.B,
    citations=(cite("01-HD/TW/2016", "mục 3.1", Confidence.B),
               cite("12-HD/BTCTW/2022", "phần II", Confidence.B)),
)  # fmt: skip
def aware_validity(run: Run) -> Iterator[Evaluation | None]:
    """The certificate must still be valid at the cell meeting (60 months, grade B).

    Only secondary sources state the 60 months; the value is the parameter
    ``awareness.validity_months`` and can be overridden.
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
            yield run.ok(
                "Giấy chứng nhận còn giá trị đến {exp}", "Valid until {exp}", exp=d(expiry)
            )
            continue
        yield run.fail(
            "Giấy chứng nhận ngày {cert} hết giá trị ngày {exp} ({months} tháng), trước "
            "ngày họp chi bộ {day}",
            "Certificate of {cert} expired on {exp} ({months} months), before the meeting on {day}",
            on=m.date,
            cert=d(course.date),
            exp=d(expiry),
            months=months,
            day=d(m.date),
        )
    if not found:
        yield run.na("Không có giấy chứng nhận để xét", "No certificate to judge")


@rule(
    "INTRO-COUNT",
    needs=(ev.CellResolution,),
    title_vi="Hai người giới thiệu (hoặc BCH Đoàn/Công đoàn cơ sở và một đảng viên)",
    title_en="Two introducers (or the Youth Union / trade-union executive and one member)",
    topic="admission",
    key=INTRODUCER_COUNT,
    citations=(cite("dieu-le-2011", "Điều 4, khoản 1"),),
)
def intro_count(run: Run) -> Iterator[Evaluation | None]:
    """The applicant needs two introducers who are official members.

    Where the Youth Union route applies, the grassroots Youth Union executive
    committee introduces with one official member; in an agency or enterprise
    without a Youth Union, the trade-union executive may do the same.  The
    youth-age bound of the Youth Union route is not defined by party sources:
    the parameter ``introducer.youth_age_max_years`` (grade C, 30) decides it.
    """
    found = False
    for m in meetings(run):
        found = True
        intro = m.cycle.introducers
        need = run.ctx.value(INTRODUCER_COUNT, m.date)
        if intro is None:
            yield run.fail("Chưa có người giới thiệu trước ngày họp {day}",
                           "No introducers before the meeting on {day}",
                           on=m.date, day=d(m.date))  # fmt: skip
            continue
        have = len(set(intro.introducers)) + (1 if intro.org_introducer else 0)
        if have != need:
            yield run.fail(
                "Có {have} người giới thiệu, cần đúng {need}",
                "{have} introducers, {need} needed",
                on=intro.date,
                have=have,
                need=need,
            )
            continue
        if intro.org_introducer is ev.OrgIntroducer.YOUTH_UNION:
            limit = run.ctx.value(YOUTH_AGE_MAX_YEARS, intro.date)
            months = full_months(run.record.person.birth_date, intro.date)
            if months > limit * 12 + 11:
                yield run.fail(
                    "BCH Đoàn giới thiệu người đã {age}, quá tuổi thanh niên ({limit})",
                    "Youth Union introduces a person of {age_en}, past youth age ({limit})",
                    on=intro.date, severity=Severity.WARNING, confidence=Confidence.C,
                    age=_age(months), age_en=_age_en(months), limit=limit,
                )  # fmt: skip
                continue
        yield run.ok("{have} người giới thiệu", "{have} introducers", have=have)
    if not found:
        yield run.na(*_NO_MEETING)


@rule(
    "INTRO-OFFICIAL-ONLY",
    needs=(ev.CellResolution,),
    title_vi="Người giới thiệu phải là đảng viên chính thức",
    title_en="Introducers must be official members",
    topic="admission",
    citations=(cite("dieu-le-2011", "Điều 4, khoản 2"),),
)
def intro_official_only(run: Run) -> Iterator[Evaluation | None]:
    """An introducer must be an official member on the day of introduction; a probationary member cannot introduce."""  # noqa: E501
    found = False
    for m in meetings(run):
        intro = m.cycle.introducers
        if intro is None:
            continue
        for pid in intro.introducers:
            found = True
            other = run.ctx.record(pid)
            if other is None:
                yield run.fail(
                    "Không tìm thấy người giới thiệu {pid} trong danh sách để kiểm tra",
                    "Introducer {pid} is not in the register; cannot verify",
                    on=intro.date,
                    severity=Severity.WARNING,
                    pid=pid,
                )
                continue
            stage = other.stage_at(intro.date)
            if stage is Stage.OFFICIAL:
                yield run.ok("{pid} là đảng viên chính thức", "{pid} is official", pid=pid)
                continue
            yield run.fail(
                "Người giới thiệu {pid} ({name}) là {stage} vào ngày giới thiệu {day}, "
                "chưa phải đảng viên chính thức",
                "Introducer {pid} ({name}) was {stage_en} on {day}, not an official member",
                on=intro.date, pid=pid, name=other.person.full_name, stage=stage.value,
                stage_en=stage.label_en, day=d(intro.date),
            )  # fmt: skip
    if not found:
        yield run.na("Không có người giới thiệu để xét", "No introducers to judge")


@rule(
    "INTRO-TENURE",
    needs=(ev.CellResolution,),
    title_vi="Người giới thiệu cùng công tác, sinh hoạt với người vào Đảng ít nhất 12 tháng",
    title_en="Introducers have worked or lived with the applicant for 12 months",
    topic="admission",
    key=INTRODUCER_TENURE_MONTHS,
    citations=(*regime_citations("điểm 3.2.1"), cite("dieu-le-2011", "Điều 4, khoản 2")),
)
def intro_tenure(run: Run) -> Iterator[Evaluation | None]:
    """Each introducer must have been with the applicant in the same unit for 12 full months.

    The register shows only cells, so dangvien checks that the introducer
    belonged to the applicant's cell for the required months before the
    introduction (since the last event placing them in it).  An introducer
    from another cell gives a warning: they may share a workplace.
    """
    found = False
    applicant = run.record
    for m in meetings(run):
        intro = m.cycle.introducers
        if intro is None:
            continue
        cell = applicant.cell_at(intro.date)
        need = run.ctx.value(INTRODUCER_TENURE_MONTHS, intro.date)
        for pid in intro.introducers:
            other = run.ctx.record(pid)
            if other is None:
                continue
            found = True
            their = other.cell_at(intro.date)
            if cell is not None and their != cell:
                yield run.fail(
                    "Người giới thiệu {pid} sinh hoạt ở chi bộ {theirs}, khác chi bộ {cell}",
                    "Introducer {pid} belongs to cell {theirs}, not {cell}",
                    on=intro.date, severity=Severity.WARNING, pid=pid, theirs=their,
                    cell=cell,
                )  # fmt: skip
                continue
            since = other.cell_since(intro.date)
            if since is None:
                yield run.ok("{pid} không có ghi nhận chuyển chi bộ", "{pid}: no recorded move",
                             pid=pid)  # fmt: skip
                continue
            months = full_months(since, intro.date)
            if months >= need:
                yield run.ok("{pid} ở chi bộ {months} tháng", "{pid}: {months} months in the cell",
                             pid=pid, months=months)  # fmt: skip
                continue
            yield run.fail(
                "Người giới thiệu {pid} mới sinh hoạt cùng chi bộ từ {since} ({months} tháng, "
                "cần {need}) đến ngày giới thiệu {day}",
                "Introducer {pid} has been in the cell only since {since} ({months} months, "
                "{need} needed) on {day}",
                on=intro.date, pid=pid, since=d(since), months=months, need=need,
                day=d(intro.date),
            )  # fmt: skip
    if not found:
        yield run.na("Không có người giới thiệu để xét", "No introducers to judge")


@rule(
    "CHIBO-VOTE-ADMIT",
    needs=(ev.CellResolution,),
    title_vi="Chi bộ biểu quyết kết nạp: ít nhất 2/3 tổng số đảng viên chính thức tán thành",
    title_en="Cell vote: at least 2/3 of all official members approve",
    topic="admission",
    key=ADMISSION_VOTE_FRACTION,
    citations=(cite("dieu-le-2011", "Điều 4, khoản 3"), cite("01-HD/TW/2016", "mục 3.6b")),
)
def chibo_vote_admit(run: Run) -> Iterator[Evaluation | None]:
    """An approved admission resolution needs at least 2/3 of **all** official members, not of those present.

    The denominator is the number the resolution records; if the register
    shows more official members in the cell that day and the vote falls short
    of 2/3 of those, a warning is given.
    """  # noqa: E501
    found = False
    for m in meetings(run):
        res = m.cycle.resolution
        if res is None:
            continue
        found = True
        frac = run.ctx.value(ADMISSION_VOTE_FRACTION, res.date)
        need = frac * res.official_members
        if res.votes_for < need:
            yield run.fail(
                "Nghị quyết chi bộ ngày {day}: {votes}/{total} tán thành, dưới {frac} "
                "tổng số đảng viên chính thức",
                "Cell resolution of {day}: {votes}/{total} approved, below {frac} of all "
                "official members",
                on=res.date, day=d(res.date), votes=res.votes_for, total=res.official_members,
                frac=str(frac),
            )  # fmt: skip
            continue
        roster = run.ctx.roster().official_count(res.cell, res.date)
        if roster > res.official_members and res.votes_for < frac * roster:
            yield run.fail(
                "Nghị quyết ghi {total} đảng viên chính thức nhưng danh sách có {roster}; "
                "{votes} phiếu chưa đạt {frac} của {roster}",
                "The resolution records {total} official members but the register has "
                "{roster}; {votes} votes are short of {frac} of {roster}",
                on=res.date, severity=Severity.WARNING, total=res.official_members,
                roster=roster, votes=res.votes_for, frac=str(frac),
            )  # fmt: skip
            continue
        yield run.ok("{votes}/{total} tán thành", "{votes}/{total} approved",
                     votes=res.votes_for, total=res.official_members)  # fmt: skip
    if not found:
        yield run.na(*_NO_MEETING)


@rule(
    "DOSSIER-STALE",
    needs=(ev.CellResolution,),
    title_vi="Hồ sơ quá 12 tháng chưa được chi bộ xét phải làm lại",
    title_en="A dossier unvoted for 12 months must be renewed",
    topic="admission",
    key=DOSSIER_STALE_MONTHS,
    confidence=Confidence.B,
    citations=(cite("01-HD/TW/2016", "mục 3", Confidence.B),
               cite("01-HD/TW/2021", "mục 3", Confidence.B)),
)  # fmt: skip
def dossier_stale(run: Run) -> Iterator[Evaluation | None]:
    """More than 12 months after the dossier was opened without a cell vote, the introducers' statements must be redone.

    dangvien judges the introductions: at the meeting, the latest
    introducers' statement must be younger than the limit once the dossier
    itself is older than it.
    """  # noqa: E501
    found = False
    for m in meetings(run):
        app, intro = m.cycle.application, m.cycle.introducers
        if app is None:
            continue
        found = True
        months = run.ctx.value(DOSSIER_STALE_MONTHS, m.date)
        limit = add_months(app.date, months)
        if m.date <= limit:
            yield run.ok("Hồ sơ mở ngày {day}, chưa quá {months} tháng",
                         "Dossier opened {day}, within {months} months",
                         day=d(app.date), months=months)  # fmt: skip
            continue
        if intro is not None and add_months(intro.date, months) >= m.date:
            yield run.ok(
                "Hồ sơ cũ nhưng giấy giới thiệu đã làm lại ngày {day}",
                "Old dossier, introductions renewed on {day}",
                day=d(intro.date),
            )
            continue
        yield run.fail(
            "Hồ sơ mở ngày {app} đã quá {months} tháng đến ngày họp {day} mà chưa làm lại "
            "giấy giới thiệu",
            "Dossier opened {app} is over {months} months old at the meeting on {day} and "
            "the introductions were not renewed",
            on=m.date, app=d(app.date), months=months, day=d(m.date),
            confidence=Confidence.B,
        )  # fmt: skip
    if not found:
        yield run.na("Không có đơn xin vào Đảng để xét", "No application to judge")
