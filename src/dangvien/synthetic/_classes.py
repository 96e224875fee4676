"""The classes of the central statistical forms for generated people (thành phần)."""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from datetime import date
from typing import Final, TypeVar

import attrs

from dangvien.model import events as ev
from dangvien.model.org import CellKind, Organization
from dangvien.model.people import Occupation, Qualification, Religion
from dangvien.model.register import Record

# (value, weight) tables of the draws, per kind of cell.
_HAMLET_OCCUPATIONS: Final = (
    (Occupation.FARMER, 60),
    (Occupation.HAMLET_PART_TIME, 10),
    (Occupation.WORKER, 12),
    (Occupation.OTHER, 12),
    (Occupation.COMMUNE_OFFICIAL, 6),
)
_HAMLET_QUALIFICATIONS: Final = (
    (Qualification.NONE, 45),
    (Qualification.ELEMENTARY, 20),
    (Qualification.INTERMEDIATE, 20),
    (Qualification.COLLEGE, 5),
    (Qualification.UNIVERSITY, 10),
)
_UPLAND_ETHNICITIES: Final = (("Thái", 60), ("Mường", 25), ("Kinh", 15))
# The first four religions of the enum: none, Buddhism, Catholicism, Protestantism.
_RELIGION_WEIGHTS: Final = (88, 7, 4, 1)
# When nobody was admitted: age at the end of the report's year.
_AGE_DAY: Final = date(2024, 12, 31)


T = TypeVar("T")


def _draw(rng: random.Random, table: Sequence[tuple[T, int]]) -> T:
    return rng.choices([v for v, _ in table], [w for _, w in table])[0]


def with_classes(
    records: Sequence[Record], tree: Organization, rng: random.Random, upland: Collection[str]
) -> list[Record]:
    """Give each person the classes of the central forms, from a generator of its own.

    Religion, Youth Union membership (by age at admission or at the end),
    occupation and qualification follow the cell's kind; the *upland*
    communes (ids) are mostly Thái and Mường.  About one in twenty is left
    "not recorded".
    """
    parent = {c.id: o for o, c in tree.iter_cells()}
    kinds = {c.id: c.kind for c in tree.all_cells()}
    out: list[Record] = []
    for r in records:
        p = r.person
        kind = kinds.get(p.cell or "", CellKind.OTHER)
        commune = parent.get(p.cell or "")
        in_upland = commune is not None and commune.id in upland
        decision = r.last(ev.AdmissionDecision)
        on = decision.date if decision is not None else _AGE_DAY
        age = on.year - p.birth_date.year
        unknown = rng.random() < 0.05
        religion = rng.choices(list(Religion)[:4], _RELIGION_WEIGHTS)[0]
        youth = age <= 30 and rng.random() < 0.85
        if kind is CellKind.HAMLET:
            occupation = _draw(rng, _HAMLET_OCCUPATIONS)
            qualification = _draw(rng, _HAMLET_QUALIFICATIONS)
        elif kind in (CellKind.SCHOOL, CellKind.HEALTH):
            occupation = Occupation.PUBLIC_EMPLOYEE
            qualification = rng.choice(
                (Qualification.COLLEGE, Qualification.UNIVERSITY, Qualification.MASTER)
            )
        elif kind in (CellKind.POLICE, CellKind.MILITARY):
            occupation = Occupation.ARMED_FORCES
            qualification = rng.choice((Qualification.INTERMEDIATE, Qualification.UNIVERSITY))
        else:
            occupation = Occupation.STATE_OFFICIAL
            qualification = rng.choice((Qualification.UNIVERSITY, Qualification.MASTER))
        ethnicity = p.ethnicity
        if in_upland:
            ethnicity = _draw(rng, _UPLAND_ETHNICITIES)
        person = attrs.evolve(
            p,
            ethnicity=ethnicity,
            religion=None if unknown else religion,
            youth_union=None if unknown else youth,
            occupation=None if unknown else occupation,
            qualification=None if unknown else qualification,
        )
        out.append(Record(person, r.events))
    return out
