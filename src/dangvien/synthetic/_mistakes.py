"""Mistakes planted in a synthetic register on purpose (lỗi cố ý), and reading them back.

Three admissions of a commune carry one mistake each, in the plan's first
three years: a ceremony later than the time limit, an introducer still on
probation on the day of the introduction, and an applicant a few days short
of the minimum age at the cell meeting.  Each is marked in its event's note
(:func:`mistake_note`), so :func:`planted_mistakes` can list them back and a
test can check that the rules find exactly those.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Final

import attrs

from dangvien.messages import Text
from dangvien.model.register import Dataset

#: Start of the ``note`` of an event that carries a planted mistake.
MISTAKE_MARK: Final = Text("synthetic.mistake.mark").vi

#: Planted mistake tag → the id of the rule that must find it.
MISTAKE_RULES: Final[Mapping[str, str]] = {
    "late_ceremony": "CEREMONY-DEADLINE",
    "probationary_introducer": "INTRO-OFFICIAL-ONLY",
    "under_age": "ADMIT-AGE-MIN",
}

#: Not a mistake: the admission whose member introduces someone the next
#: year while still on probation (``probationary_introducer``).
INTRODUCER_TAG: Final = "introducer_x"

_MISTAKE_TAG = re.compile(r"\[([a-z_]+)\]")


@attrs.frozen
class PlantedMistake:
    """A mistake planted in a synthetic register on purpose (lỗi cố ý).

    Attributes:
        kind: the tag, a key of :data:`MISTAKE_RULES`.
        rule: the id of the rule that must find it.
        person_id: whose history carries it.
        date: the date of the event carrying it.
        event_type: that event's ``TYPE`` tag.
        note: the event's note.

    """

    kind: str
    rule: str
    person_id: str
    date: date
    event_type: str
    note: str


def planted_mistakes(dataset: Dataset) -> list[PlantedMistake]:
    """List the planted mistakes of *dataset*, read back from the events' notes.

    Sorted by date, then person id.
    """
    found: list[PlantedMistake] = []
    for record in dataset.records:
        for e in record.events:
            if e.note is None or not e.note.startswith(MISTAKE_MARK):
                continue
            m = _MISTAKE_TAG.search(e.note)
            if m is None or m[1] not in MISTAKE_RULES:
                continue
            found.append(
                PlantedMistake(m[1], MISTAKE_RULES[m[1]], record.person.id, e.date, e.TYPE, e.note)
            )
    return sorted(found, key=lambda p: (p.date, p.person_id))


def mistake_note(kind: str, **facts: object) -> str:
    """The note of an event carrying the mistake *kind*, in both languages.

    *facts* are the legal values the text states (the time limit, the age),
    read from the parameters by the caller.
    """
    mark = Text("synthetic.mistake.mark")
    text = Text(f"synthetic.mistake.{kind}", facts)
    return f"{mark.vi} [{kind}]: {text.vi} ({mark.en}: {text.en})"


def tags_of_year(year: int, plan_year: int, end: int) -> list[str]:
    """The admissions of *year* that carry a mistake (or prepare one), in order.

    In the plan's first year: the member who will introduce while still on
    probation, and a late ceremony; in the next: that introduction; in the
    third (or the last, if sooner): an applicant under age.
    """
    tags: list[str] = []
    if year == plan_year:
        tags = [INTRODUCER_TAG, "late_ceremony"]
    if year == plan_year + 1:
        tags = ["probationary_introducer"]
    if year == min(plan_year + 2, end):
        tags.append("under_age")
    return tags
