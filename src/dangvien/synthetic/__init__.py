"""Synthetic registers (sổ đảng viên giả lập) for examples, tests and benchmarks.

Nothing here describes a real person.  People are called
``Người Thử Nghiệm 0001``, ids read ``LT-0001``, card numbers ``GL-000001``
(*giả lập*, synthetic) and the generated province, its districts, communes and
cells are called *Thử Nghiệm*.  Only the organisation a register is generated
for (for instance the transcribed Long Thành tree of ``examples/long-thanh``)
may be real; what is particular to an example (its profile, the cells its plan
names) lives with the example's script, not here.

The histories are plausible and lawful under the rules dangvien checks, every
legal number read from :mod:`dangvien.parameters` on the day of the act: the
minimum age by full months at the cell meeting, the minimum education, an
awareness-course certificate, two introducers who have been official members
of the applicant's cell long enough (or the Youth Union executive and one
member for young applicants), the cell's vote, the decision, ceremony,
recognition review and decision within their working-day limits, official
membership from the ceremony plus the probation (Civil Code month-end rule),
the card after recognition.  Working days come from
:meth:`dangvien.calendar.WorkCalendar.default`.

Members admitted well before 29-QĐ/TW (25 July 2016) get abbreviated
histories (listing, application, cell vote, decision, ceremony, recognition,
card), as registers transcribed from paper files have: the rules judge what
such a register records and take a missing step for "not recorded"
(``register.missing_steps_judged``), so those histories stay lawful.  From the
day after the district's ``valid_to`` (1 July 2025) admissions are decided by
the commune's standing committee (AUTH-2025 of the rules reference, grade C)
and certificates come from a commune political centre (its section 3, grade
B); before, by the district's.

The only exceptions are the mistakes planted on purpose when ``mistakes=True``:
each is marked in its event's ``note`` with :data:`MISTAKE_MARK` and a tag
from :data:`MISTAKE_RULES`, and :func:`planted_mistakes` lists them back.

Everything is deterministic for a seed: each generator owns one
:class:`random.Random`, never the module-level one.

The package holds one module per topic: the profile of a history, the
planted mistakes, the simulation of one commune (its founding members, their
lives, the admissions, the people still on the way), and the generators of a
commune's register, a province and a district with its plans and report.

>>> from dangvien.model.org import Cell, Organization, OrgLevel
>>> commune = Organization("x", "Đảng bộ xã Thử Nghiệm", OrgLevel.COMMUNE,
...                        cells=(Cell("c1", "Xóm Một"), Cell("c2", "Xóm Hai")))
>>> a = generate_register(commune, seed=1, mistakes=False)
>>> b = generate_register(commune, seed=1, mistakes=False)
>>> a == b and len(a) > 20
True
>>> a.records[0].person.full_name
'Người Thử Nghiệm 0001'

.. versionchanged:: 0.2
   A package of topic modules; the Long Thành profile moved to
   ``scripts/make_example.py``.
"""

from __future__ import annotations

from dangvien.synthetic._commune import NAME_PREFIX
from dangvien.synthetic._district import generate_district
from dangvien.synthetic._mistakes import (
    MISTAKE_MARK,
    MISTAKE_RULES,
    PlantedMistake,
    planted_mistakes,
)
from dangvien.synthetic._profile import HistoryProfile
from dangvien.synthetic._province import generate_province, write_province
from dangvien.synthetic._register import generate_register

__all__ = [
    "MISTAKE_MARK",
    "MISTAKE_RULES",
    "NAME_PREFIX",
    "HistoryProfile",
    "PlantedMistake",
    "generate_district",
    "generate_province",
    "generate_register",
    "planted_mistakes",
    "write_province",
]
