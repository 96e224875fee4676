"""Votes and elections (biểu quyết, bầu cử): each against its own threshold and base.

- A grassroots committee's resolution proposing admission or recognition
  needs two thirds of the committee's members.
- After three votes of the lower organisation (the cell, or the grassroots
  committee) that miss two thirds on recognising a probationary member, the
  case goes to the direct superior committee and the competent committee.
- A candidate is elected with more than half of the base (số thành viên):
  at a cell's congress, its official members less those on temporary
  activity elsewhere and exempted members, unless they attend and vote,
  and less those absent throughout with an accepted reason or suspended,
  prosecuted or detained (294-QĐ/TW 9.3.2, 24-QĐ/TW 9.3.2); in the cell
  committee, its members.  The rule states which base it used.
- A cell with nine official members or more elects a cell committee, and
  the secretary and deputy are elected from it.

No quorum (a share of members present) is set by the texts read (294-QĐ/TW
and 06-HD/TW in full, open question Q19): dangvien checks none.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import Any

import attrs

from dangvien.documents import Confidence
from dangvien.findings import Severity
from dangvien.messages import Text
from dangvien.model import events as ev
from dangvien.model.register import Dataset, Record
from dangvien.model.stages import Stage
from dangvien.parameters import (
    CELL_COMMITTEE_MIN_OFFICIAL,
    COMMITTEE_VOTE_FRACTION,
    ELECTION_WIN_FRACTION,
    RECOGNITION_FAILED_VOTES,
)
from dangvien.rules._base import ENCODED_LAW_START, Context, Evaluation, Run, rule
from dangvien.rules._common import cite, doc
from dangvien.rules._life import exempt_on, on_temporary_activity

__all__ = ["Base", "BaseKind", "vote_base"]

_START = doc("29-QĐ/TW/2016").effective
_CHARTER_START = max(doc("dieu-le-2011").effective, ENCODED_LAW_START)


@rule(
    "COMMITTEE-VOTE",
    needs=(ev.CommitteeResolution,),
    topic="membership",
    key=COMMITTEE_VOTE_FRACTION,
    start=_START,
    citations=(
        cite("29-QĐ/TW/2016", "điểm 4.2c"),
        cite("24-QĐ/TW/2021", "điểm 4.2.3", Confidence.B),
        cite("232-QĐ/TW/2025", "điểm 4.2.3", Confidence.B),
        cite("294-QĐ/TW/2025", "điểm 9.3.4"),
    ),
)
def committee_vote(run: Run) -> Iterator[Evaluation | None]:
    """An approved grassroots-committee resolution on admission or recognition needs 2/3 of all its members.

    The base is every member of the committee (số cấp ủy viên) as recorded
    in ``members``, not those present.  Resolutions without their vote
    counts are not judged.
    """  # noqa: E501
    found = False
    for res in run.record.of_type(ev.CommitteeResolution):
        if not res.approved or res.votes_for is None or res.members is None:
            continue
        if not run.covers(res.date):
            continue
        found = True
        frac = run.ctx.value(COMMITTEE_VOTE_FRACTION, res.date)
        if res.votes_for >= frac * res.members:
            yield run.ok("ok", votes=res.votes_for, total=res.members)
            continue
        yield run.fail(
            "fail", on=res.date, day=res.date, votes=res.votes_for, total=res.members, frac=frac
        )
    if not found:
        yield run.na("none")


def _probations(record: Record) -> list[list[ev.Event]]:
    """The events of each probation: from a ceremony or a probationary transfer in to its end."""
    spells: list[list[ev.Event]] = []
    current: list[ev.Event] | None = None
    for e in record.events:
        if isinstance(e, ev.AdmissionCeremony) or (
            isinstance(e, ev.TransferredIn) and e.probationary and current is None
        ):
            current = []
            spells.append(current)
        elif current is not None:
            current.append(e)
            if isinstance(e, ev.RecognitionDecision | ev.Removed | ev.Expelled | ev.Died):
                current = None
    return spells


@rule(
    "RECOG-THREE-VOTES",
    needs=(ev.RecognitionResolution, ev.CommitteeResolution),
    topic="membership",
    key=RECOGNITION_FAILED_VOTES,
    start=_START,
    citations=(
        cite("29-QĐ/TW/2016", "điểm 4.2c"),
        cite("24-QĐ/TW/2021", "điểm 4.2.3", Confidence.B),
        cite("232-QĐ/TW/2025", "điểm 4.2.3", Confidence.B),
        cite("294-QĐ/TW/2025", "điểm 4.2.3"),
    ),
)
def recog_three_votes(run: Run) -> Iterator[Evaluation | None]:
    """After three votes of the cell (or of the grassroots committee) that miss 2/3, recognition goes to the superior committee.

    Failed votes are the recognition resolutions recorded as not approved
    (and the grassroots committee's resolutions on a probationary member
    recorded as not approved), counted per body during one probation.  A
    further vote by a body that already failed three times is a violation;
    three failures with no decision of the competent committee (nor a
    removal) yet are a warning: the cell reports to the direct superior
    committee, which decides with the competent committee.
    """  # noqa: E501
    found = False
    for spell in _probations(run.record):
        counts: dict[str, int] = defaultdict(int)
        third: date | None = None
        for e in spell:
            if isinstance(e, ev.RecognitionResolution):
                body = "cell"
            elif isinstance(e, ev.CommitteeResolution):
                body = "committee"
            else:
                continue
            if not run.covers(e.date):
                continue
            found = True
            limit = run.ctx.value(RECOGNITION_FAILED_VOTES, e.date)
            if counts[body] >= limit:
                yield run.fail("again", on=e.date, day=e.date, n=counts[body] + 1, limit=limit)
                continue
            if not e.approved:
                counts[body] += 1
                if counts[body] == limit:
                    third = e.date
        if third is None:
            continue
        closed = any(
            isinstance(e, ev.RecognitionDecision | ev.Removed) and e.date >= third for e in spell
        )
        if closed:
            yield run.ok("referred", day=third)
        else:
            limit = run.ctx.value(RECOGNITION_FAILED_VOTES, third)
            yield run.fail("refer", on=third, severity=Severity.WARNING, day=third, limit=limit)
    if not found:
        yield run.na("none")


# --- elections ------------------------------------------------------------------------


class BaseKind(enum.Enum):
    """Which base a vote was measured against (mẫu số)."""

    RECORDED = "recorded"
    """The base the office recorded (``Elected.base``)."""
    CONGRESS = "congress"
    """Official members of the cell by the register, less those left out by 9.3.2."""
    COMMITTEE = "committee"
    """The members of the cell committee elected at the cell's congress."""

    @property
    def label_vi(self) -> str:
        """Vietnamese label."""
        return Text(f"enum.BaseKind.{self.value}").vi

    @property
    def label_en(self) -> str:
        """English label."""
        return Text(f"enum.BaseKind.{self.value}").en


@attrs.frozen
class Base:
    """The base of a vote (số thành viên) and how it was counted.

    Attributes:
        kind: recorded, congress or committee.
        size: the base.
        official: official members of the cell on the day (congress).
        temporary: of them, on temporary activity elsewhere (left out).
        exempted: of them, exempted from activities (left out).
        present_back: exempted or temporary members who attended and voted
            (counted again).
        excused: official members absent with an accepted reason, or
            suspended, prosecuted or detained (left out).
    """

    kind: BaseKind
    size: int
    official: int = 0
    temporary: int = 0
    exempted: int = 0
    present_back: int = 0
    excused: int = 0


def _cell_members(dataset: Dataset) -> dict[str, list[Record]]:
    by_cell: dict[str, list[Record]] = defaultdict(list)
    for r in dataset.records:
        cells = {c for e in r.events if isinstance(c := getattr(e, "cell", None), str)}
        cells |= {r.person.cell} if r.person.cell else set()
        for c in cells:
            by_cell[c].append(r)
    return by_cell


def _committee_elections(dataset: Dataset) -> dict[str, dict[date, list[str]]]:
    """Cell → election day → the people elected to the cell committee that day."""
    out: dict[str, dict[date, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in dataset.records:
        for e in r.of_type(ev.Elected):
            if e.role is ev.ElectedRole.CELL_COMMITTEE:
                out[e.cell][e.date].append(r.person.id)
    return out


def _last_committee(ctx: Context, cell: str, day: date) -> tuple[date, list[str]] | None:
    elections = ctx.shared("votes.committees", lambda: _committee_elections(ctx.dataset))
    days = [d for d in elections.get(cell, {}) if d <= day]
    if not days:
        return None
    last = max(days)
    return last, elections[cell][last]


def _has_committee(ctx: Context, cell: str, day: date) -> bool:
    """Whether the cell is large enough to elect a cell committee on *day*."""
    return ctx.roster().official_count(cell, day) >= ctx.value(CELL_COMMITTEE_MIN_OFFICIAL, day)


def vote_base(ctx: Context, vote: ev.Elected) -> Base | None:
    """Return the base *vote* is measured against, or None when it cannot be counted.

    The office's own count (``base``) wins.  A secretary or deputy of a
    cell with a cell committee is elected by the committee: its members at
    the cell's last committee election.  Otherwise the cell's congress
    elects, and the base is the cell's official members on the day by the
    register, less those on temporary activity elsewhere and the exempted
    members (unless they attended and voted: ``exempted_present``) and
    less ``excused``.
    """
    if vote.base is not None:
        return Base(BaseKind.RECORDED, vote.base)
    day, cell = vote.date, vote.cell
    if vote.role is not ev.ElectedRole.CELL_COMMITTEE and _has_committee(ctx, cell, day):
        last = _last_committee(ctx, cell, day)
        return None if last is None else Base(BaseKind.COMMITTEE, len(last[1]))
    members = ctx.shared("votes.cells", lambda: _cell_members(ctx.dataset)).get(cell, [])
    official = temporary = exempted = 0
    for r in members:
        if r.stage_at(day) is not Stage.OFFICIAL or r.cell_at(day) != cell:
            continue
        official += 1
        if on_temporary_activity(ctx, r, day):
            temporary += 1
        elif exempt_on(ctx, r, day):
            exempted += 1
    size = official - temporary - exempted + vote.exempted_present - vote.excused
    return Base(
        BaseKind.CONGRESS, size, official, temporary, exempted, vote.exempted_present, vote.excused
    )


@rule(
    "ELECT-MAJORITY",
    needs=(ev.Elected,),
    topic="membership",
    key=ELECTION_WIN_FRACTION,
    start=_CHARTER_START,
    citations=(
        cite("dieu-le-2011", "Điều 12, khoản 3"),
        cite("01-HD/TW/2016", "mục 13.2", Confidence.B),
        cite("24-QĐ/TW/2021", "điểm 9.3.2"),
        cite("294-QĐ/TW/2025", "điểm 9.3.2"),
    ),
)
def elect_majority(run: Run) -> Iterator[Evaluation | None]:
    """A member is elected only with more than half of the votes of the base, not of those present.

    The base (số thành viên) at a cell's congress is its official members,
    less members on temporary activity elsewhere and exempted members who
    did not attend and vote, and less those absent throughout with an
    accepted reason or suspended, prosecuted or detained; in the cell
    committee (electing the secretary) it is the committee's members.  The
    finding names the base used and how it was counted.
    """
    found = False
    for vote in run.record.of_type(ev.Elected):
        if not run.covers(vote.date):
            continue
        found = True
        base = vote_base(run.ctx, vote)
        if base is None:
            yield run.na("no_base", day=vote.date, role=vote.role)
            continue
        frac = run.ctx.value(ELECTION_WIN_FRACTION, vote.date)
        facts: dict[str, Any] = {
            "day": vote.date,
            "role": vote.role,
            "votes": vote.votes_for,
            "present": vote.present,
            "base": base.size,
            "kind": base.kind,
            "official": base.official,
            "temporary": base.temporary,
            "exempted": base.exempted,
            "back": base.present_back,
            "excused": base.excused,
        }
        how = "how_congress" if base.kind is BaseKind.CONGRESS else "how_other"
        facts["how"] = run.text(how, facts)
        if vote.votes_for > frac * base.size:
            yield run.ok("ok", **facts)
            continue
        yield run.fail("fail", on=vote.date, **facts)
    if not found:
        yield run.na("none")


@rule(
    "ELECT-ORDER",
    needs=(ev.Elected,),
    topic="membership",
    key=CELL_COMMITTEE_MIN_OFFICIAL,
    start=_CHARTER_START,
    citations=(cite("dieu-le-2011", "Điều 24, khoản 4"),),
)
def elect_order(run: Run) -> Iterator[Evaluation | None]:
    """In a cell with a cell committee, the secretary and deputy are elected from that committee.

    A cell with nine official members or more elects a cell committee at
    its congress; the secretary and the deputy secretary are then elected
    among the committee's members.  A smaller cell's congress elects its
    secretary directly.  The cell's size is counted from the register on
    the day of the election.
    """
    found = False
    pid = run.record.person.id
    for vote in run.record.of_type(ev.Elected):
        if vote.role is ev.ElectedRole.CELL_COMMITTEE or not run.covers(vote.date):
            continue
        found = True
        need = run.ctx.value(CELL_COMMITTEE_MIN_OFFICIAL, vote.date)
        if not _has_committee(run.ctx, vote.cell, vote.date):
            yield run.ok("direct", day=vote.date, role=vote.role, need=need)
            continue
        last = _last_committee(run.ctx, vote.cell, vote.date)
        if last is not None and pid in last[1]:
            yield run.ok("ok", day=vote.date, role=vote.role, committee=last[0])
            continue
        if last is None:
            yield run.fail("no_committee", on=vote.date, day=vote.date, role=vote.role, need=need)
            continue
        yield run.fail("fail", on=vote.date, day=vote.date, role=vote.role, committee=last[0])
    if not found:
        yield run.na("none")
