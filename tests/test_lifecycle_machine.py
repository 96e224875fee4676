"""A Hypothesis state machine driving one member's lifecycle through the rules.

The machine keeps its own model of the person (stage, dossier, pending time
limit) and takes only lawful steps, except for the deliberately unlawful ones
(a late ceremony, a card during probation, a review without the new-member
course), for which it records the finding it expects.  After every step:

* the stage replayed from the events equals the model's stage;
* ``dangvien.rules.check`` finds exactly the expected violations and
  warnings about the person: none at all for lawful steps.

Time passes in jumps clamped to the pending time limit, so a lawful machine
never lets a limit expire.  Each step is drawn among the actions enabled in
the current state (one ``act`` rule), which keeps every step useful.
"""

from datetime import date, timedelta

from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from tests.common import CELL, INTRODUCERS, dataset, person, record

from dangvien.calendar import WorkCalendar
from dangvien.dates import add_months, full_months
from dangvien.findings import Severity
from dangvien.model import events as ev
from dangvien.model.stages import Stage
from dangvien.parameters import (
    ADMISSION_DECISION_WD,
    AWARENESS_VALIDITY_MONTHS,
    CEREMONY_WD,
    DOSSIER_STALE_MONTHS,
    PROBATION_MONTHS,
    READMISSION_WAIT_MONTHS,
    RECOGNITION_DECISION_WD,
    RECOGNITION_REVIEW_WD,
    default_parameters,
)
from dangvien.rules import REGISTRY, check

# The law as dangvien encodes it: the machine's time limits are the rules' own.
LAW = default_parameters()
CAL = WorkCalendar.default()
BIRTH = date(1995, 5, 5)
START = date(2017, 1, 2)
# Leave room for the longest limit (90 WD) inside the calendar's 2035.
LAST_DAY = date(2034, 6, 30)
ORDER = {cls: i for i, cls in enumerate(ev.EVENT_TYPES.values())}
_OUT = {Stage.REMOVED, Stage.EXPELLED}
_MEMBER = {Stage.PROBATIONARY, Stage.OFFICIAL}
_JUDGED = {Severity.VIOLATION, Severity.WARNING}
# Exits, cards and deliberate mistakes: drawn less often than the procedure's next step.
RARE = frozenset({"die", "expel", "remove", "delist", "late_ceremony", "early_card", "card"})
# Time passes in long jumps by default (clamped to the pending limit), else any 1–500 days.
DAYS = st.one_of(st.sampled_from([400, 120, 30]), st.integers(min_value=1, max_value=500))
# Votes pass more often than not (and a passing vote is the simplest example).
APPROVED = st.sampled_from([True, True, True, False])
_REASONS = (
    ev.RemovalReason.MISSED_ACTIVITIES,
    ev.RemovalReason.ABANDONED,  # bars re-admission
    ev.RemovalReason.PROBATION_FAILED,
)


class Lifecycle(RuleBasedStateMachine):
    """One person from citizen to member and out again, in a cell with three introducers."""

    def __init__(self):
        super().__init__()
        self.today = START
        self.events: list[ev.Event] = []
        self.stage = Stage.CITIZEN
        self.expected: list[tuple[str, Severity, date]] = []
        self.course: date | None = None
        self.application: date | None = None
        self.introduced: date | None = None
        self.vote: date | None = None
        self.received: date | None = None
        self.ceremony: date | None = None
        self.review: date | None = None
        self.review_approved = False
        self.new_member_course = False
        self.exit: date | None = None
        self.barred = False
        self.readmitted = 0

    # --- model helpers ----------------------------------------------------------------

    def can_add(self, cls):
        """Whether an event of *cls* dated today sorts after every event so far."""
        if not self.events or self.today > self.events[-1].date:
            return True
        same_day = [e for e in self.events if e.date == self.today]
        return ORDER[cls] > max(ORDER[type(e)] for e in same_day)

    def add(self, *events):
        for e in events:
            assert self.can_add(type(e))
            self.events.append(e)

    def probation_end(self):
        assert self.ceremony is not None
        return add_months(self.ceremony, LAW.value(PROBATION_MONTHS, self.ceremony))

    def limit(self):
        """The last day time may pass to without an act falling overdue."""
        if self.stage is Stage.PROPOSED:
            return CAL.add_working_days(self.vote, LAW.value(ADMISSION_DECISION_WD, self.vote))
        if self.stage is Stage.ADMITTED:
            return CAL.add_working_days(self.received, LAW.value(CEREMONY_WD, self.received))
        if self.stage is Stage.PROBATIONARY:
            if self.review is None:
                end = self.probation_end()
                return CAL.add_working_days(end, LAW.value(RECOGNITION_REVIEW_WD, end))
            if self.review_approved:
                wd = LAW.value(RECOGNITION_DECISION_WD, self.review)
                return CAL.add_working_days(self.review, wd)
        return None

    def dossier_fresh(self):
        """AWARE-VALIDITY and DOSSIER-STALE would pass at a meeting today."""
        return (
            self.course is not None
            and self.today <= add_months(self.course, self.months(AWARENESS_VALIDITY_MONTHS))
            and self.application is not None
            and (
                self.today <= add_months(self.application, self.months(DOSSIER_STALE_MONTHS))
                or self.today <= add_months(self.introduced, self.months(DOSSIER_STALE_MONTHS))
            )
        )

    def run_out(self):
        """Warnings true today, not planted: pipeline papers that ran out.

        A certificate and a dossier (or its last introducers) are valid the months
        in force today, counted from the papers filed since the last approved vote.
        """
        if self.stage not in {Stage.SYMPATHIZER, Stage.APPLICANT}:
            return []
        since = self.vote or date.min
        late = []
        course = self.course
        if (
            course is not None
            and course > since
            and self.today > add_months(course, self.months(AWARENESS_VALIDITY_MONTHS))
        ):
            late.append(("AWARE-VALIDITY", Severity.WARNING, self.course))
        if self.application is not None and self.application > since:
            stale = self.months(DOSSIER_STALE_MONTHS)
            limit = max(add_months(self.application, stale), add_months(self.introduced, stale))
            if self.today > limit:
                late.append(("DOSSIER-STALE", Severity.WARNING, self.application))
        return late

    def months(self, key):
        """A validity in months, as in force today."""
        return LAW.value(key, self.today)

    def expect(self, rule_id, severity=Severity.VIOLATION):
        """A planted mistake, found if the rule judges acts of today's date."""
        if self.today >= REGISTRY[rule_id].start:
            self.expected.append((rule_id, severity, self.today))

    # --- actions: (enabled?, do) --------------------------------------------------------

    def actions(self):
        """The actions enabled now, by name."""
        s = self.stage
        table = {
            "list": (s is Stage.CITIZEN, ev.ListedSympathizer),
            "delist": (s is Stage.SYMPATHIZER, ev.DelistedSympathizer),
            "course": (
                s in {Stage.CITIZEN, Stage.SYMPATHIZER, Stage.APPLICANT} | _OUT,
                ev.AwarenessCourse,
            ),
            "apply": (self.may_apply(), ev.ApplicationFiled),
            "renew": (s is Stage.APPLICANT, ev.IntroducersAssigned),
            "vote": (s is Stage.APPLICANT and self.dossier_fresh(), ev.CellResolution),
            "decide": (s is Stage.PROPOSED, ev.ProvincialConsent),
            "ceremony": (s is Stage.ADMITTED, ev.AdmissionCeremony),
            "late_ceremony": (s is Stage.ADMITTED, None),
            "new_member_course": (
                s is Stage.PROBATIONARY and not self.new_member_course,
                ev.NewMemberCourse,
            ),
            "early_card": (s is Stage.PROBATIONARY, ev.CardIssued),
            "review": (
                s is Stage.PROBATIONARY
                and self.review is None
                and self.today >= self.probation_end(),
                ev.RecognitionResolution,
            ),
            "recognise": (s is Stage.PROBATIONARY and self.review_approved, ev.RecognitionDecision),
            "card": (s is Stage.OFFICIAL, ev.CardIssued),
            "remove": (s in _MEMBER, ev.Removed),
            "expel": (s in _MEMBER, ev.Expelled),
            "die": (s is not Stage.DECEASED, ev.Died),
        }
        return [
            name for name, (ok, cls) in table.items() if ok and (cls is None or self.can_add(cls))
        ]

    def weighted(self, names):
        """The procedure's next steps first and four times as likely as exits and mistakes."""
        common = [n for n in names if n not in RARE]
        return [*(n for n in common for _ in range(4)), *(n for n in names if n in RARE)]

    def may_apply(self):
        if self.stage is Stage.SYMPATHIZER:
            return True
        return (
            self.stage in _OUT
            and not self.barred
            and self.readmitted == 0
            and full_months(self.exit, self.today) >= self.months(READMISSION_WAIT_MONTHS)
        )

    def do_list(self, data):
        self.add(ev.ListedSympathizer(date=self.today, cell=CELL))
        self.stage = Stage.SYMPATHIZER

    def do_delist(self, data):
        self.add(ev.DelistedSympathizer(date=self.today, cell=CELL))
        self.stage = Stage.CITIZEN

    def do_course(self, data):
        self.add(ev.AwarenessCourse(date=self.today))
        self.course = self.today

    def do_apply(self, data):
        self.add(
            ev.ApplicationFiled(date=self.today),
            ev.IntroducersAssigned(date=self.today, introducers=INTRODUCERS[:2]),
        )
        self.application = self.introduced = self.today
        self.stage = Stage.APPLICANT

    def do_renew(self, data):
        self.add(ev.IntroducersAssigned(date=self.today, introducers=INTRODUCERS[1:]))
        self.introduced = self.today

    def do_vote(self, data):
        approved = data.draw(APPROVED, label="approved")
        votes = 3 if approved else 1
        self.add(
            ev.CellResolution(
                date=self.today, cell=CELL, votes_for=votes, official_members=3, approved=approved
            )
        )
        if approved:
            self.vote = self.today
            self.stage = Stage.PROPOSED

    def do_decide(self, data):
        if self.exit is not None:
            # A re-admission: the provincial standing committee consents first.
            self.add(ev.ProvincialConsent(date=self.today, purpose=ev.ConsentPurpose.READMISSION))
            self.readmitted += 1
            event("re-admission decided")
        self.add(ev.AdmissionDecision(date=self.today, received=self.today))
        self.received = self.today
        self.stage = Stage.ADMITTED

    def do_ceremony(self, data):
        self.add(ev.AdmissionCeremony(date=self.today, cell=CELL))
        self.ceremony = self.today
        self.review = None
        self.review_approved = False
        self.new_member_course = False
        self.stage = Stage.PROBATIONARY

    def do_late_ceremony(self, data):
        """Unlawful: the ceremony some working days after those allowed."""
        extra = data.draw(st.integers(min_value=1, max_value=40), label="late by")
        self.today = max(
            self.today,
            CAL.add_working_days(self.received, LAW.value(CEREMONY_WD, self.received) + extra),
        )
        self.do_ceremony(data)
        self.expect("CEREMONY-DEADLINE")

    def do_new_member_course(self, data):
        self.add(ev.NewMemberCourse(date=self.today))
        self.new_member_course = True

    def do_early_card(self, data):
        """Unlawful: a party card handed to a probationary member."""
        self.add(ev.CardIssued(date=self.today))
        self.expect("CARD-OFFICIAL-ONLY")

    def do_review(self, data):
        approved = data.draw(APPROVED, label="approved")
        votes = 3 if approved else 1
        self.add(
            ev.RecognitionResolution(
                date=self.today, cell=CELL, votes_for=votes, official_members=3, approved=approved
            )
        )
        self.review = self.today
        self.review_approved = approved
        if not self.new_member_course:
            self.expect("PROB-COURSE", Severity.WARNING)  # deliberately without the course

    def do_recognise(self, data):
        self.add(ev.RecognitionDecision(date=self.today, official_from=self.probation_end()))
        self.stage = Stage.OFFICIAL
        event("recognised")

    def do_card(self, data):
        self.add(ev.CardIssued(date=self.today))

    def do_remove(self, data):
        reason = data.draw(st.sampled_from(_REASONS), label="reason")
        if self.stage is Stage.PROBATIONARY and self.today >= self.probation_end():
            event("removed after probation ended")
        self.add(ev.Removed(date=self.today, reason=reason))
        self.exit = self.today
        self.barred = reason is ev.RemovalReason.ABANDONED
        self.stage = Stage.REMOVED

    def do_expel(self, data):
        if self.stage is Stage.PROBATIONARY:
            # Unlawful: a probationary member is removed from the list, not expelled.
            self.expect("DISC-PROB-FORMS")
        self.add(ev.Expelled(date=self.today, ground=ev.ExpulsionGround.OTHER))
        self.exit = self.today
        self.barred = False
        self.stage = Stage.EXPELLED

    def do_die(self, data):
        self.add(ev.Died(date=self.today))
        event(f"died as {self.stage.name}")
        self.stage = Stage.DECEASED

    # --- rules ---------------------------------------------------------------------------

    @rule(days=DAYS)
    def pass_time(self, days):
        """Time passes, never beyond the pending time limit nor LAST_DAY."""
        target = min(self.today + timedelta(days=days), LAST_DAY)
        limit = self.limit()
        if limit is not None:
            target = min(target, limit)
        self.today = max(self.today, target)

    @rule(data=st.data())
    def act(self, data):
        """Take an action enabled today; when only exits and mistakes are, let time pass first."""
        enabled = self.actions()
        if not set(enabled) - RARE:
            self.pass_time(data.draw(DAYS, label="days"))
            enabled = self.actions()
        if enabled:
            name = data.draw(st.sampled_from(self.weighted(enabled)), label="action")
            getattr(self, f"do_{name}")(data)

    # --- invariants ------------------------------------------------------------------------

    def record(self):
        return record(person("P", BIRTH), *self.events)

    @invariant()
    def replayed_stage_is_the_model_stage(self):
        """Replaying the events gives the machine's stage today."""
        assert self.stage == self.record().stage_at(self.today)

    @invariant()
    def check_finds_exactly_the_expected_problems(self):
        """No violation or warning for lawful steps; the planted ones are found."""
        findings = check(dataset(self.record()), as_of=self.today)
        found = sorted(
            (f.rule, f.severity, f.on)
            for f in findings
            if f.subject == "P" and f.severity in _JUDGED
        )
        assert sorted(self.expected + self.run_out()) == found, [
            (f.rule, f.severity.value, f.on, f.message_en) for f in findings if f.subject == "P"
        ]


Lifecycle.TestCase.settings = settings(max_examples=25, stateful_step_count=20, deadline=None)
TestLifecycle = Lifecycle.TestCase
