"""Hypothesis strategies for dangvien's model (needs Hypothesis, the ``test`` extra).

Every strategy is a function with keyword-only options that returns a
:class:`~hypothesis.strategies.SearchStrategy`; the names are plural nouns:

- :func:`texts`, :func:`vietnamese_names`, :func:`person_ids`, :func:`people`,
  :func:`cells`, :func:`organizations`, :func:`plans`, :func:`events` build
  single values;
- :func:`histories` builds a person's dated history: a lawful path through
  :data:`~dangvien.model.stages.TRANSITIONS` with plausible legal timing, or
  (``valid=False``) one with a single documented :class:`Defect`;
  :func:`invalid_histories` gives ``(events, defect)`` pairs;
- :func:`life_events` adds the membership life to a member's history:
  discipline, exemption, temporary activity elsewhere, illness and missed
  months, lawful and without changing the stage;
- :func:`records` and :func:`datasets` build consistent wholes: events name
  cells, mass organisations and introducers that exist, ids are unique, and
  cell and mass-organisation names are unique after NFC and case folding,
  diacritics kept (the identity dangvien reads names with).

Names are obviously synthetic (``Người Thử Nghiệm Nguyễn Văn An``, ``Đảng bộ xã
Thử Nghiệm Văn Tràng``) but carry Vietnamese diacritics, and names that differ only
by a diacritic (``Văn Tràng`` / ``Vạn Tràng``) occur on purpose.

Text restriction: every generated string is NFC, non-empty, without control
characters and without leading or trailing whitespace, because the model
normalises text that way (NFC, outer whitespace removed) and the CSV/TOML round
trip can only preserve what the model keeps.  Person ids never contain ``;``,
the separator of the ``introducers`` column.

The Hypothesis entry point (``_hypothesis_setup_hook``) registers these
strategies, so ``st.from_type(Person)`` works once dangvien is installed.

>>> from hypothesis import given, settings
>>> from dangvien.model.stages import timeline
>>> @settings(max_examples=20, derandomize=True, deadline=None, database=None)
... @given(people().flatmap(histories))
... def test_lawful(history):
...     assert not timeline(history.events).problems
>>> test_lawful()

.. versionadded:: 0.1
"""

# The hook below must exist before Hypothesis is imported: see its docstring.
# ruff: noqa: E402

from __future__ import annotations

import enum
import math
import sys
import typing
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from dangvien.parameters import Key


def _hypothesis_setup_hook() -> None:
    """Register dangvien's strategies with Hypothesis (the ``hypothesis`` entry point).

    After this, ``st.from_type(Person)`` (and Cell, Organization, Plan, Record,
    Dataset, Event and every event class) draws from this module's strategies.

    Hypothesis calls every entry-point hook while it is being imported.  When
    ``import dangvien.strategies`` is what first imports Hypothesis, this
    module is only half-initialised at that moment, so the hook is defined
    before the import of Hypothesis and registers deferred strategies that
    look this module's functions up when first drawn.
    """
    from hypothesis import strategies as st

    from dangvien.model import Cell, Dataset, Organization, Person, Plan, Record
    from dangvien.model import events as ev

    this = sys.modules[__name__]

    def later(name: str, *args: Any) -> SearchStrategy[Any]:
        return st.deferred(lambda: getattr(this, name)(*args))

    for cls, name in (
        (Person, "people"),
        (Cell, "cells"),
        (Organization, "organizations"),
        (Plan, "plans"),
        (Record, "records"),
        (Dataset, "datasets"),
        (ev.Event, "events"),
    ):
        st.register_type_strategy(cls, later(name))
    for event_cls in ev.EVENT_TYPES.values():
        st.register_type_strategy(event_cls, later("events", event_cls))


import attrs
from hypothesis import note
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from dangvien._text import key, nfc
from dangvien.dates import add_months
from dangvien.model import events as ev
from dangvien.model.org import (
    Cell,
    CellKind,
    Hamlet,
    MassOrganization,
    MassOrgKind,
    Organization,
    OrgLevel,
)
from dangvien.model.people import EducationLevel, Person, Sex
from dangvien.model.plan import (
    AdmissionTarget,
    IntroductionTarget,
    LegalBasis,
    Plan,
    PlanPeriod,
    TargetRange,
)
from dangvien.model.register import Dataset, Record
from dangvien.model.stages import MEMBER_STAGES, Stage

__all__ = [
    "PERSON_MARK",
    "SYNTHETIC_MARK",
    "Defect",
    "History",
    "cells",
    "datasets",
    "events",
    "histories",
    "invalid_histories",
    "life_events",
    "organizations",
    "people",
    "person_ids",
    "plans",
    "records",
    "texts",
    "vietnamese_names",
]

#: The words that mark generated names as synthetic (thử nghiệm: test).
SYNTHETIC_MARK: Final = "Thử Nghiệm"
#: The start of every generated person's name ("test person").
PERSON_MARK: Final = f"Người {SYNTHETIC_MARK}"


def _words(text: str) -> tuple[str, ...]:
    """The words of *text*: tables of single syllables stay short and easy to extend."""
    return tuple(text.split())


_SURNAMES: Final = _words("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý")
_MIDDLE: Final = _words("Văn Thị Hữu Đức Minh Ngọc Thanh Xuân Quốc")
_GIVEN: Final = _words(
    "An Bình Cường Dũng Giang Hà Hải Hạnh Hiếu Hoa Hùng Hương Khánh Lan Linh Mai Nga "
    "Ngân Phúc Quân Quỳnh Sơn Tâm Thảo Thắng Tuấn Uyên Việt Yến"
)
#: Syllables of place names; Văn/Vạn and Tràng/Trang make names that differ
#: only by a diacritic.
_SYLLABLES: Final = _words(
    "Văn Vạn Tràng Trang Rú Đất Điện Yên Giáp Ngói Mội Phú Thọ Bắc Sơn Quang Trung "
    "Phan Thanh Long Hồng Hưng Lộc Ân Ấn Nghĩa Đông Tây Hạ Thượng Xuân Mỹ"
)
_ETHNICITIES: Final = ("Kinh", "Thái", "Mường", "Tày", "H'Mông", "Khơ Mú", "Ê Đê", "Nùng")
_MASS_NAMES: Final = {
    MassOrgKind.FATHERLAND_FRONT: "Ủy ban MTTQ",
    MassOrgKind.YOUTH_UNION: "Đoàn thanh niên",
    MassOrgKind.WOMEN: "Hội LHPN",
    MassOrgKind.FARMERS: "Hội Nông dân",
    MassOrgKind.VETERANS: "Hội CCB",
    MassOrgKind.TRADE_UNION: "Công đoàn",
    MassOrgKind.OTHER: "Hội Người cao tuổi",
}
_BORN_FROM: Final = date(1940, 1, 1)
_BORN_TO: Final = date(2007, 12, 31)
_EVENT_DATES: Final = st.dates(date(1950, 1, 1), date(2060, 12, 31))

# Letters with and without Vietnamese diacritics, digits, inner spaces and the
# punctuation that CSV must quote; control characters never appear.
_TEXT_CHARACTERS: Final = st.characters(
    categories=("L", "M", "N", "P", "S", "Zs"),
    exclude_characters="\x85\u2028\u2029",
)


def _is_clean(text: str) -> bool:
    return bool(text) and nfc(text) == text


def texts(*, min_size: int = 1, max_size: int = 30) -> st.SearchStrategy[str]:
    """Free text as the model keeps it: NFC, non-empty, no outer space, no control character.

    Any letter, mark, digit, punctuation or symbol may occur, so CSV quoting
    and TOML escaping are exercised.
    """
    return (
        st.text(_TEXT_CHARACTERS, min_size=min_size, max_size=max_size).map(nfc).filter(_is_clean)
    )


def person_ids() -> st.SearchStrategy[str]:
    """Office identifiers such as ``TN-0042`` or ``ĐV-0007`` (never containing ``;``)."""
    return st.builds("{}-{:04d}".format, st.sampled_from(("TN", "ĐV", "QC")), st.integers(0, 9999))


def vietnamese_names() -> st.SearchStrategy[str]:
    """Full names with diacritics, obviously synthetic: ``Người Thử Nghiệm Nguyễn Văn An``."""
    return st.builds(
        f"{PERSON_MARK} {{}} {{}} {{}}".format,
        st.sampled_from(_SURNAMES),
        st.sampled_from(_MIDDLE),
        st.sampled_from(_GIVEN),
    )


@cache
def _place_pool() -> tuple[str, ...]:
    """Place names of one or two syllables, unique after :func:`key`."""
    names = [*_SYLLABLES, *(f"{a} {b}" for a in _SYLLABLES for b in _SYLLABLES if a != b)]
    return tuple({key(n): n for n in names}.values())


def _places(n: int) -> st.SearchStrategy[list[str]]:
    """*n* distinct place names (drawn without replacement)."""
    return st.lists(st.sampled_from(_place_pool()), min_size=n, max_size=n, unique=True)


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def people(
    *,
    ids: st.SearchStrategy[str] | None = None,
    cell_ids: Sequence[str] | None = None,
    hamlets: Sequence[str] | None = None,
    born_from: date = _BORN_FROM,
    born_to: date = _BORN_TO,
) -> st.SearchStrategy[Person]:
    """People with synthetic names (``Người Thử Nghiệm Nguyễn Văn An``).

    Args:
        ids: the ids to use (default :func:`person_ids`).
        cell_ids: cell ids a person may belong to; None allows any text or
            no cell, an empty sequence means no cell.
        hamlets: hamlet ids or names a person may live in (or none); None
            allows any place name, an empty sequence means no hamlet.  A
            dataset's loader accepts only the hamlets of its tree.
        born_from: earliest birth date.
        born_to: latest birth date.

    .. versionchanged:: 0.2
       *hamlets*.
    """
    if cell_ids is None:
        cell: st.SearchStrategy[str | None] = _optional(texts(max_size=12))
    elif cell_ids:
        cell = st.sampled_from(tuple(cell_ids))
    else:
        cell = st.none()
    if hamlets is None:
        hamlet: st.SearchStrategy[str | None] = _optional(st.sampled_from(_place_pool()))
    elif hamlets:
        hamlet = _optional(st.sampled_from(tuple(hamlets)))
    else:
        hamlet = st.none()
    return st.builds(
        Person,
        id=ids if ids is not None else person_ids(),
        full_name=vietnamese_names(),
        birth_date=st.dates(born_from, born_to),
        sex=st.sampled_from(Sex),
        ethnicity=st.sampled_from(_ETHNICITIES),
        education=st.sampled_from(EducationLevel),
        hamlet=hamlet,
        workplace=_optional(texts()),
        cell=cell,
        special_area=st.booleans(),
        card_no=_optional(st.integers(0, 99_999_999).map("{:08d}".format)),
        dossier_no=_optional(
            st.builds(
                "{}{:06d}".format, st.sampled_from(("NA", "HN", "Đ")), st.integers(0, 999_999)
            )
        ),
    )


def cells(*, ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Cell]:
    """Single cells with synthetic names (``Thử Nghiệm Văn Tràng``) and aliases.

    Names are not unique across draws; :func:`organizations` makes them so.
    """
    place = st.sampled_from(_place_pool())
    return st.builds(
        Cell,
        id=ids if ids is not None else st.integers(1, 999).map("cb-{:03d}".format),
        name=place.map(f"{SYNTHETIC_MARK} {{}}".format),
        kind=st.sampled_from(CellKind),
        aliases=st.lists(place.map("TN {}".format), max_size=2, unique=True).map(tuple),
        hamlet=_optional(st.integers(1, 99).map("xom-{:02d}".format)),
    )


@st.composite
def _commune_shape(
    draw: st.DrawFn, max_cells: int, max_mass_organizations: int
) -> tuple[list[int], int, list[MassOrgKind]]:
    """Draw a commune's shape: aliases per cell (at least one cell), hamlets, mass organisations."""
    aliases = draw(st.lists(st.integers(0, 2), min_size=1, max_size=max_cells))
    hamlets = draw(st.integers(0, 2))
    masses = draw(
        st.lists(st.sampled_from(MassOrgKind), unique=True, max_size=max_mass_organizations)
    )
    return aliases, hamlets, masses


def organizations(
    *,
    max_depth: int = 2,
    max_children: int = 2,
    max_cells: int = 4,
    max_mass_organizations: int = 3,
) -> st.SearchStrategy[Organization]:
    """Organisation trees: a commune, a province of communes, or province → districts → communes.

    Every commune has at least one cell.  Ids are unique in the tree; the
    ids, names and aliases of all cells are unique after NFC and case
    folding (diacritics kept), and so are those of mass organisations.

    Args:
        max_depth: 0 gives a lone commune, 1 a province of communes, 2 (at
            most) a province of districts (ended 30/6/2025) of communes.
        max_children: most children of a province or district.
        max_cells: most cells of a commune.
        max_mass_organizations: most mass organisations of a commune.

    """
    if not 0 <= max_depth <= 2:
        msg = f"max_depth must be 0, 1 or 2 (province → district → commune), not {max_depth}"
        raise InvalidArgument(msg)
    return _organizations(max_depth, max_children, max_cells, max_mass_organizations)


@st.composite
def _organizations(
    draw: st.DrawFn, max_depth: int, max_children: int, max_cells: int, max_mass_organizations: int
) -> Organization:
    depth = draw(st.integers(0, max_depth))
    if depth == 0:
        shape: list[int] = []
    elif depth == 1:
        shape = [0] * draw(st.integers(1, max_children))
    else:
        shape = draw(st.lists(st.integers(1, max_children), min_size=1, max_size=max_children))
    n_communes = 1 if depth == 0 else (len(shape) if depth == 1 else sum(shape))
    communes = [draw(_commune_shape(max_cells, max_mass_organizations)) for _ in range(n_communes)]
    needed = (
        n_communes
        + (len(shape) if depth == 2 else 0)
        + sum(len(a) + sum(a) + h for a, h, _ in communes)
    )
    places = iter(draw(_places(needed)))
    built: list[Organization] = []
    for i, (aliases, n_hamlets, masses) in enumerate(communes, start=1):
        place = next(places)
        hamlets = tuple(
            Hamlet(f"xom-{i:02d}-{k:02d}", f"Xóm {next(places)}") for k in range(1, n_hamlets + 1)
        )
        commune_cells = []
        for k, n_alias in enumerate(aliases, start=1):
            name = f"{SYNTHETIC_MARK} {next(places)}"
            alias = tuple(f"TN {next(places)}" for _ in range(n_alias))
            hamlet = draw(_optional(st.sampled_from([h.id for h in hamlets]))) if hamlets else None
            kind = draw(st.sampled_from(CellKind))
            commune_cells.append(Cell(f"cb-{i:02d}-{k:02d}", name, kind, alias, hamlet))
        mass_orgs = tuple(
            MassOrganization(
                f"{kind.name.lower()}-{i:02d}", f"{_MASS_NAMES[kind]} xã {place}", kind
            )
            for kind in masses
        )
        built.append(
            Organization(
                f"xa-{i:02d}",
                f"Đảng bộ xã {SYNTHETIC_MARK} {place}",
                OrgLevel.COMMUNE,
                cells=tuple(commune_cells),
                hamlets=hamlets,
                mass_organizations=mass_orgs,
                valid_from=draw(_optional(st.dates(date(1945, 1, 1), date(2025, 7, 1)))),
            )
        )
    if depth == 0:
        return built[0]
    children = built
    if depth == 2:
        taken = iter(built)
        children = [
            Organization(
                f"huyen-{d:02d}",
                f"Đảng bộ huyện {SYNTHETIC_MARK} {next(places)}",
                OrgLevel.DISTRICT,
                children=tuple(next(taken) for _ in range(count)),
                valid_to=draw(st.sampled_from((_districts_end(), None))),
            )
            for d, count in enumerate(shape, start=1)
        ]
    return Organization(
        "tinh-tn", f"Đảng bộ tỉnh {SYNTHETIC_MARK}", OrgLevel.PROVINCE, children=tuple(children)
    )


def plans(*, organization: Organization | None = None) -> st.SearchStrategy[Plan]:
    """Development plans transcribed "as printed" for *organization* (drawn if None).

    Targets name cells and mass organisations by a name or alias of the
    tree, or occasionally by a misprint (free text), as real plans do.
    """
    return _plans(organization)


@st.composite
def _plans(draw: st.DrawFn, organization: Organization | None) -> Plan:
    org = organization if organization is not None else draw(organizations())
    cell_names = [n for c in org.all_cells() for n in c.names]
    mass_names = [n for m in org.all_mass_organizations() for n in m.names]
    first = draw(st.integers(2015, 2030))
    period = PlanPeriod(first, draw(st.integers(first, first + 5)), draw(st.booleans()))
    years = _optional(st.integers(period.first_year, period.last_year))
    printed_cell = st.sampled_from(cell_names) | texts(max_size=15) if cell_names else texts()
    printed_mass = st.sampled_from(mass_names) | texts(max_size=15) if mass_names else texts()
    low = draw(st.integers(0, 20))
    return Plan(
        id=f"kh-{draw(st.integers(1, 9999)):04d}",
        number=draw(st.sampled_from(("-KH/ĐU", "05-KH/ĐU")) | texts(max_size=12)),
        date=draw(st.dates(date(2014, 1, 1), date(2030, 12, 31))),
        issuer=f"Ban Thường vụ {org.name}",
        organization=draw(st.sampled_from([o.id for o in org.walk()])),
        title=draw(texts()),
        period=period,
        legal_bases=tuple(
            draw(
                st.lists(
                    st.builds(
                        LegalBasis,
                        ref=_optional(st.sampled_from(("24-QĐ/TW", "01-HD/TW", "28-CT/TW"))),
                        date=_optional(st.dates(date(2011, 1, 1), date(2025, 12, 31))),
                        title=texts(),
                        issuer=_optional(texts()),
                    ),
                    max_size=3,
                )
            )
        ),
        headline=draw(_optional(st.builds(TargetRange, st.just(low), st.integers(low, low + 5)))),
        admission_targets=tuple(
            draw(
                st.lists(
                    st.builds(
                        AdmissionTarget,
                        cell=printed_cell,
                        annual=st.integers(0, 9),
                        year=years,
                        note=_optional(texts()),
                    ),
                    max_size=4,
                )
            )
        ),
        introduction_targets=tuple(
            draw(
                st.lists(
                    st.builds(
                        IntroductionTarget,
                        organization=printed_mass,
                        annual=st.integers(0, 9),
                        year=years,
                    ),
                    max_size=3,
                )
            )
        ),
        stated_admission_total=draw(_optional(st.integers(0, 99))),
        stated_introduction_total=draw(_optional(st.integers(0, 99))),
        signed_by=draw(_optional(vietnamese_names())),
    )


# --- single events ---------------------------------------------------------------


def _strategy_for(name: str, tp: Any) -> st.SearchStrategy[Any]:
    args = typing.get_args(tp)
    if type(None) in args:
        (inner,) = (a for a in args if a is not type(None))
        return _optional(_strategy_for(name, inner))
    if tp is date:
        return _EVENT_DATES
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(0, 200)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(tp)
    if typing.get_origin(tp) is tuple:
        return st.lists(person_ids(), min_size=1, max_size=3).map(tuple)
    return texts(max_size=20)


def events(
    cls: type[ev.Event] | None = None,
    *,
    cells: Sequence[str] | None = None,
    mass_organizations: Sequence[str] | None = None,
) -> st.SearchStrategy[ev.Event]:
    """Single events of *cls* (any type if None) with arbitrary field values.

    These are not histories: dates and outcomes are unrelated; use
    :func:`histories` for lawful sequences.

    Args:
        cls: the event class.
        cells: cell ids for ``cell`` fields (default: any text).
        mass_organizations: mass-organisation ids for ``organization``
            fields (default: any text).

    """
    if cls is None:
        return st.one_of(
            [events(c, cells=cells, mass_organizations=mass_organizations) for c in _CLASSES]
        )
    attrs.resolve_types(cls)
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for f in attrs.fields(cls):
        if f.name == "cell" and cells:
            fields[f.name] = st.sampled_from(tuple(cells))
        elif f.name == "organization" and mass_organizations:
            fields[f.name] = st.sampled_from(tuple(mass_organizations))
        else:
            fields[f.name] = _strategy_for(f.name, f.type)
    return st.builds(cls, **fields)


_CLASSES: Final = tuple(ev.EVENT_TYPES.values())


# --- histories -------------------------------------------------------------------


class Defect(enum.Enum):
    """The one deliberate defect of an invalid history (see :func:`histories`)."""

    OUT_OF_ORDER = "out_of_order"
    """A stage-changing event (application, cell resolution, admission
    decision or recognition decision) is dated before the event that must
    precede it; the first :class:`~dangvien.model.stages.TransitionProblem`
    of the replay is that event."""
    CEREMONY_BEFORE_DECISION = "ceremony_before_decision"
    """The admission ceremony is dated after the cell's resolution but before
    the admission decision (a transition problem of the ceremony)."""
    CARD_BEFORE_RECOGNITION = "card_before_recognition"
    """The party card is dated during probation, before official membership
    and before the recognition decision (no transition problem: cards do not
    change the stage)."""
    UNDER_AGE = "under_age"
    """The cell resolution proposing admission is dated before the
    applicant's 18th birthday (full months, Civil Code month-end rule)."""

    @property
    def rule(self) -> str:
        """The id of the dangvien rule that reports this defect."""
        return _DEFECT_RULES[self]


@attrs.frozen
class History:
    """A person's generated history.

    Attributes:
        events: the events, sorted as a :class:`~dangvien.model.register.Record` keeps them.
        stages: the stages a lawful replay passes through, in order (the
            initial ``CITIZEN`` not included).  For an invalid history these
            are the stages of the lawful history it was made from.
        defect: the deliberate defect, None for a valid history.

    """

    events: tuple[ev.Event, ...]
    stages: tuple[Stage, ...]
    defect: Defect | None = None

    @property
    def final_stage(self) -> Stage:
        """The stage a lawful replay ends in."""
        return self.stages[-1] if self.stages else Stage.CITIZEN


_DEFECT_RULES: Final = {
    Defect.OUT_OF_ORDER: "EVENT-ORDER",
    Defect.CEREMONY_BEFORE_DECISION: "EVENT-ORDER",
    Defect.CARD_BEFORE_RECOGNITION: "CARD-OFFICIAL-ONLY",
    Defect.UNDER_AGE: "ADMIT-AGE-MIN",
}

#: Stages of the admission pipeline, in order; a history may stop at any.
_PIPELINE: Final = (
    Stage.SYMPATHIZER,
    Stage.APPLICANT,
    Stage.PROPOSED,
    Stage.ADMITTED,
    Stage.PROBATIONARY,
    Stage.OFFICIAL,
)
#: For OUT_OF_ORDER: the event moved, the stage the history must reach.
_MOVABLE: Final = {
    ev.ApplicationFiled: Stage.APPLICANT,
    ev.CellResolution: Stage.PROPOSED,
    ev.AdmissionDecision: Stage.ADMITTED,
    ev.RecognitionDecision: Stage.OFFICIAL,
}
_NEEDS: Final = {
    Defect.CEREMONY_BEFORE_DECISION: Stage.PROBATIONARY,
    Defect.CARD_BEFORE_RECOGNITION: Stage.OFFICIAL,
    Defect.UNDER_AGE: Stage.PROPOSED,
}


def _days(draw: st.DrawFn, low: int, high: int) -> timedelta:
    return timedelta(days=draw(st.integers(low, high)))


def _vote(draw: st.DrawFn, on: date, *, recognition: bool = False) -> tuple[int, int]:
    """A vote reaching the fraction the law requires on *on* (2/3 of all official members)."""
    from dangvien.parameters import ADMISSION_VOTE_FRACTION, RECOGNITION_VOTE_FRACTION

    members = draw(st.integers(3, 40))
    frac = _law(RECOGNITION_VOTE_FRACTION if recognition else ADMISSION_VOTE_FRACTION, on)
    needed = math.ceil(frac * members)
    return draw(st.integers(needed, members)), members


class _Builder:
    """Collects a history's events and the stages they reach."""

    def __init__(self) -> None:
        self.events: list[ev.Event] = []
        self.stages: list[Stage] = []

    def add(self, event: ev.Event, stage: Stage | None = None) -> None:
        self.events.append(event)
        if stage is not None:
            self.stages.append(stage)

    def last_date(self) -> date:
        return max(e.date for e in self.events)

    def get(self, cls: type[ev.Event]) -> ev.Event:
        return next(e for e in self.events if type(e) is cls)

    def redate(self, draw: st.DrawFn, cls: type[ev.Event], first: date, last: date) -> None:
        """Move the event of *cls* to a day drawn in [first, last]."""
        old = self.get(cls)
        new = attrs.evolve(old, date=first + _days(draw, 0, (last - first).days))
        self.events[self.events.index(old)] = new

    def history(self, defect: Defect | None = None) -> History:
        return History(_sorted(self.events), tuple(self.stages), defect)


def _end(draw: st.DrawFn, b: _Builder, member: bool) -> None:
    """Optionally end the history: death, or for a member transfer, removal, expulsion."""
    choices = ["none", "died"] + (["transfer_out", "removed", "expelled"] if member else [])
    kind = draw(st.sampled_from(choices))
    if kind == "none":
        return
    on = b.last_date() + _days(draw, 1, 3000)
    if kind == "died":
        b.add(ev.Died(date=on), Stage.DECEASED)
    elif kind == "transfer_out":
        b.add(ev.TransferredOut(date=on, destination=draw(texts())), Stage.TRANSFERRED_OUT)
    elif kind == "removed":
        reason = draw(st.sampled_from(ev.RemovalReason))
        b.add(ev.Removed(date=on, reason=reason), Stage.REMOVED)
    else:
        ground = draw(st.sampled_from(ev.ExpulsionGround))
        b.add(ev.Expelled(date=on, ground=ground), Stage.EXPELLED)


#: For OUT_OF_ORDER: the event moved → (its predecessor, the event before that or None).
_MOVES: Final[dict[type[ev.Event], tuple[type[ev.Event], type[ev.Event] | None]]] = {
    ev.ApplicationFiled: (ev.ListedSympathizer, None),
    ev.CellResolution: (ev.ApplicationFiled, ev.ListedSympathizer),
    ev.AdmissionDecision: (ev.CellResolution, ev.ApplicationFiled),
    ev.RecognitionDecision: (ev.AdmissionCeremony, ev.AdmissionDecision),
}


def _plant(draw: st.DrawFn, b: _Builder, defect: Defect, moved: type[ev.Event] | None) -> None:
    """Re-date one event so that the history has *defect* (UNDER_AGE is set by the anchor)."""
    day = timedelta(days=1)
    if defect is Defect.OUT_OF_ORDER and moved is not None:
        before, earlier = _MOVES[moved]
        last = b.get(before).date - day
        first = b.get(earlier).date if earlier is not None else last - timedelta(days=29)
        b.redate(draw, moved, first, last)
    elif defect is Defect.CEREMONY_BEFORE_DECISION:
        decided = b.get(ev.AdmissionDecision).date
        b.redate(draw, ev.AdmissionCeremony, b.get(ev.CellResolution).date, decided - day)
    elif defect is Defect.CARD_BEFORE_RECOGNITION:
        ceremony = b.get(ev.AdmissionCeremony).date
        b.redate(draw, ev.CardIssued, ceremony + day, _probation_end(ceremony) - day)
    note(f"dangvien.strategies: planted defect {defect.name}")


@st.composite
def _admission(
    draw: st.DrawFn,
    person: Person,
    cell: str,
    masses: tuple[str, ...],
    intros: tuple[str, ...],
    defect: Defect | None,
    *,
    complete: bool = False,
) -> History:
    moved: type[ev.Event] | None = None
    lowest = Stage.SYMPATHIZER
    if defect is Defect.OUT_OF_ORDER:
        moved = draw(st.sampled_from(tuple(_MOVABLE)))
        lowest = _MOVABLE[moved]
    elif defect is not None:
        lowest = _NEEDS[defect]
    if complete:
        lowest = Stage.OFFICIAL
    reach = draw(st.sampled_from(_PIPELINE[_PIPELINE.index(lowest) :]))

    def reaches(stage: Stage) -> bool:
        return _PIPELINE.index(reach) >= _PIPELINE.index(stage)

    # Gaps first, then the anchor: the day of the cell's resolution.
    to_application = draw(st.integers(3, 120))
    before_course = draw(st.integers(1, 365))
    before_listing = draw(st.integers(1, 180))
    before_intro = draw(st.integers(1, 120))
    eighteen = add_months(person.birth_date, _adult_months())
    if defect is Defect.UNDER_AGE:
        resolution = eighteen - _days(draw, 1, 300)
    elif defect is Defect.OUT_OF_ORDER:
        # Every event is at 18 or older before the move: no second defect.
        back = to_application + before_course + before_listing + before_intro
        resolution = eighteen + timedelta(days=back) + _days(draw, 0, 3650)
    else:
        resolution = eighteen + _days(draw, 0, 3650)
    application = resolution - timedelta(days=to_application)
    course = application - timedelta(days=before_course)
    listing = course - timedelta(days=before_listing)

    b = _Builder()
    introduce = draw(st.booleans())
    if masses and introduce:
        introduced = listing - timedelta(days=before_intro)
        organization = draw(st.sampled_from(masses))
        b.add(ev.Introduced(date=introduced, organization=organization), Stage.OUTSTANDING)
    b.add(ev.ListedSympathizer(date=listing, cell=cell), Stage.SYMPATHIZER)
    if not reaches(Stage.APPLICANT):
        if draw(st.booleans()):
            delisted = listing + _days(draw, 1, 365)
            b.add(ev.DelistedSympathizer(date=delisted, cell=cell), Stage.CITIZEN)
    else:
        b.add(ev.AwarenessCourse(date=course, doc_no=draw(_optional(texts(max_size=12)))))
        b.add(ev.ApplicationFiled(date=application), Stage.APPLICANT)
        if intros:
            chosen = draw(st.lists(st.sampled_from(intros), min_size=1, max_size=2, unique=True))
            youth = ev.OrgIntroducer.YOUTH_UNION if len(chosen) == 1 else None
            on = application + _days(draw, 0, to_application - 2)
            b.add(ev.IntroducersAssigned(date=on, introducers=tuple(chosen), org_introducer=youth))
        b.add(ev.BackgroundCheck(date=resolution - _days(draw, 1, to_application - 1)))
    if reaches(Stage.PROPOSED):
        votes_for, members = _vote(draw, resolution)
        b.add(
            ev.CellResolution(
                date=resolution, cell=cell, votes_for=votes_for, official_members=members
            ),
            Stage.PROPOSED,
        )
    if reaches(Stage.ADMITTED):
        committee = resolution + _days(draw, 1, 15)
        b.add(ev.CommitteeResolution(date=committee))
        decided = committee + _days(draw, 1, 20)
        received = decided + _days(draw, 0, 4)
        issuer = draw(_optional(texts()))
        b.add(ev.AdmissionDecision(date=decided, received=received, issuer=issuer), Stage.ADMITTED)
    if reaches(Stage.PROBATIONARY):
        # The ceremony within 20 calendar days of the decision.
        ceremony = received + _days(draw, 1, 15)
        b.add(ev.AdmissionCeremony(date=ceremony, cell=cell), Stage.PROBATIONARY)
        if draw(st.booleans()):
            b.add(ev.NewMemberCourse(date=ceremony + _days(draw, 30, 300)))
    if reaches(Stage.OFFICIAL):
        # The probation in force at the ceremony; official from the day it ends.
        official_from = _probation_end(ceremony)
        review = official_from + _days(draw, 0, 20)
        votes_for, members = _vote(draw, review, recognition=True)
        b.add(
            ev.RecognitionResolution(
                date=review, cell=cell, votes_for=votes_for, official_members=members
            )
        )
        recognised = review + _days(draw, 1, 20)
        b.add(ev.RecognitionDecision(date=recognised, official_from=official_from), Stage.OFFICIAL)
        if complete or defect is Defect.CARD_BEFORE_RECOGNITION or draw(st.booleans()):
            card_no = draw(_optional(st.integers(1, 999999).map("GL-{:06d}".format)))
            b.add(ev.CardIssued(date=recognised + _days(draw, 7, 120), card_no=card_no))
        for year in range(recognised.year + 1, recognised.year + draw(st.integers(1, 3))):
            rating = draw(st.sampled_from(ev.Rating))
            on = date(year, 12, draw(st.integers(10, 28)))
            b.add(ev.QualityRating(date=on, year=year, rating=rating))
    _end(draw, b, member=reach in MEMBER_STAGES)
    if defect is not None:
        _plant(draw, b, defect, moved)
    return b.history(defect)


def _sorted(events: Iterable[ev.Event]) -> tuple[ev.Event, ...]:
    return Record(_PLACEHOLDER, tuple(events)).events


_PLACEHOLDER: Final = Person("-", "-", date(2000, 1, 1), Sex.FEMALE)


@st.composite
def _transfer_in(draw: st.DrawFn, person: Person, cell: str) -> History:
    b = _Builder()
    arrived = add_months(person.birth_date, _adult_months()) + _days(draw, 1, 15000)
    probationary = draw(st.booleans())
    b.add(
        ev.TransferredIn(date=arrived, source=draw(texts()), cell=cell, probationary=probationary),
        Stage.PROBATIONARY if probationary else Stage.OFFICIAL,
    )
    if probationary and draw(st.booleans()):
        official_from = arrived + _days(draw, 1, 360)
        decided = official_from + _days(draw, 0, 30)
        b.add(ev.RecognitionDecision(date=decided, official_from=official_from), Stage.OFFICIAL)
    _end(draw, b, member=True)
    return b.history()


@st.composite
def _citizen(draw: st.DrawFn, person: Person) -> History:
    b = _Builder()
    if draw(st.booleans()):
        b.add(ev.Died(date=person.birth_date + _days(draw, 1, 30000)), Stage.DECEASED)
    return b.history()


def histories(
    person: Person,
    *,
    valid: bool = True,
    cell: str | None = None,
    mass_organizations: Sequence[str] = (),
    introducers: Sequence[str] = (),
    defects: Iterable[Defect] = tuple(Defect),
    complete: bool = False,
) -> st.SearchStrategy[History]:
    """Dated histories of *person*.

    A valid history is a lawful path through
    :data:`~dangvien.model.stages.TRANSITIONS` (its replay has no
    :class:`~dangvien.model.stages.TransitionProblem` and passes through
    exactly ``History.stages``) with plausible legal timing:

    - the admission route: introduction by a mass organisation (if any are
      given), sympathizer listing, awareness course, application,
      introducers, background check, then the cell's resolution at the
      minimum age as the law now stands (18) or older in full months, with
      the vote fraction the law asks that day (two thirds of the official
      members); the committee's resolution and the decision within weeks;
      the ceremony within 20 calendar days of the decision; the probation
      in force at the ceremony (12 months today); the recognition
      resolution and decision after it with ``official_from`` the end of
      probation; the card after the decision; yearly ratings.  Every legal
      value is read from :mod:`dangvien.parameters`.  It stops at any stage
      of the pipeline and may end in death, or for a member in a transfer
      out, removal or expulsion;
    - a member transferred in (probationary or official);
    - a citizen with no history, or only a death.

    With ``valid=False`` the history follows the admission route with one
    deliberate :class:`Defect` drawn from *defects*, recorded in
    ``History.defect`` (and in a :func:`hypothesis.note`).

    Args:
        person: whose history; the birth date sets the ages.
        valid: lawful (default) or with one defect.
        cell: the cell id the events name (default ``person.cell``, else
            ``cb-thu-nghiem``).
        mass_organizations: ids a mass organisation's introduction may
            name; none means no introduction event.
        introducers: person ids who may introduce; none means no
            introducers event.
        defects: the defects to choose from when ``valid=False``.
        complete: follow the admission route up to official membership
            (with a card); otherwise it may stop at any stage.

    """
    where = cell or person.cell or "cb-thu-nghiem"
    masses, intros = tuple(mass_organizations), tuple(introducers)
    if valid and complete:
        return _admission(person, where, masses, intros, None, complete=True)
    if valid:
        return st.one_of(
            _admission(person, where, masses, intros, None),
            _transfer_in(person, where),
            _citizen(person),
        )
    allowed = tuple(defects)
    if not allowed:
        msg = "defects must name at least one Defect when valid=False"
        raise InvalidArgument(msg)
    return st.sampled_from(allowed).flatmap(
        lambda defect: _admission(person, where, masses, intros, defect, complete=complete)
    )


def invalid_histories(
    person: Person, *, defects: Iterable[Defect] = tuple(Defect), **options: Any
) -> st.SearchStrategy[tuple[tuple[ev.Event, ...], Defect]]:
    """Pairs ``(events, defect)`` of histories with one deliberate defect.

    *options* are those of :func:`histories` (``cell``, ``mass_organizations``,
    ``introducers``).
    """
    return histories(person, valid=False, defects=defects, **options).map(_pair)


def _pair(history: History) -> tuple[tuple[ev.Event, ...], Defect]:
    assert history.defect is not None  # valid=False always plants one
    return history.events, history.defect


# --- the membership life ------------------------------------------------------------


def life_events(
    since: date,
    until: date,
    *,
    probationary: bool = False,
) -> st.SearchStrategy[tuple[ev.Event, ...]]:
    """Lawful membership-life events of a member between *since* and *until*.

    None changes the stage (see :data:`~dangvien.model.stages.TRANSITIONS`)
    and none breaks a rule: a discipline the member's status allows (a
    probationary member is only reprimanded or warned; a cell decides only
    those two), without a violation date; an exemption for a reason other
    than old age, perhaps ended; temporary activity elsewhere, perhaps over;
    a serious-illness certificate; and missed months, at most two a year
    without an accepted reason.  Add them to a member's history to test that
    the membership rules stay quiet on lawful lives.

    Args:
        since: the first day events may fall on (the member already a member).
        until: the last such day.
        probationary: the member is on probation throughout.

    """
    return _life_events(since, until, probationary)


@st.composite
def _life_events(
    draw: st.DrawFn, since: date, until: date, probationary: bool
) -> tuple[ev.Event, ...]:
    span = max(0, (until - since).days)

    def day() -> date:
        return since + _days(draw, 0, span)

    out: list[ev.Event] = []
    if draw(st.booleans()):
        lenient = [ev.DisciplineForm.REPRIMAND, ev.DisciplineForm.WARNING]
        form = draw(st.sampled_from(lenient if probationary else list(ev.DisciplineForm)))
        bodies = [None, ev.DecidingBody.SUPERIOR_COMMITTEE]
        if form in lenient:
            bodies.append(ev.DecidingBody.CELL)
        out.append(ev.Disciplined(date=day(), form=form, body=draw(st.sampled_from(bodies))))
    reasons = [r for r in ev.ExemptionReason if r is not ev.ExemptionReason.AGE_HEALTH]
    for opens, closes, extra in (
        (ev.Exempted, ev.ExemptionEnded, {"reason": draw(st.sampled_from([None, *reasons]))}),
        (ev.TemporaryTransferOut, ev.TemporaryTransferEnded, {"destination": draw(texts())}),
    ):
        if draw(st.booleans()):
            start = day()
            out.append(opens(date=start, **extra))
            if draw(st.booleans()) and start < until:
                out.append(closes(date=start + _days(draw, 1, (until - start).days)))
    if draw(st.booleans()):
        out.append(ev.SeriousIllness(date=day()))
    months = draw(st.lists(st.tuples(st.integers(0, span), st.booleans()), max_size=6))
    counted: dict[int, set[int]] = {}
    for offset, valid in months:
        on = since + timedelta(days=offset)
        year = counted.setdefault(on.year, set())
        if not valid and on.month not in year and len(year) >= 2:
            valid = True  # at most two months a year without an accepted reason
        if not valid:
            year.add(on.month)
        kind = draw(st.sampled_from(ev.ActivityKind))
        out.append(ev.ActivityMissed(date=on, kind=kind, valid_reason=valid))
    return _sorted(out)


# --- records and datasets ----------------------------------------------------------


def records(
    *,
    organization: Organization | None = None,
    cell_ids: Sequence[str] | None = None,
    person: Person | None = None,
    introducers: Sequence[str] = (),
    valid: bool = True,
) -> st.SearchStrategy[Record]:
    """A person with a history whose cells and mass organisations exist.

    Args:
        organization: the tree whose cells and mass organisations the
            history names (drawn if neither it nor *cell_ids* is given).
        cell_ids: the cell ids to use instead of the tree's cells.
        person: the person (drawn, in one of the cells, if None).
        introducers: person ids who may introduce.
        valid: a lawful history (default) or one with a :class:`Defect`.

    """
    if cell_ids is not None and not cell_ids:
        msg = "cell_ids must name at least one cell"
        raise InvalidArgument(msg)
    ids = None if cell_ids is None else tuple(cell_ids)
    return _records(organization, ids, person, tuple(introducers), valid)


@st.composite
def _records(
    draw: st.DrawFn,
    organization: Organization | None,
    cell_ids: tuple[str, ...] | None,
    person: Person | None,
    introducers: tuple[str, ...],
    valid: bool,
) -> Record:
    masses: list[str] = []
    hamlets: tuple[str, ...] | None = None
    if cell_ids is None:
        org = organization if organization is not None else draw(organizations())
        cell_ids = tuple(c.id for c in org.all_cells())
        masses = [m.id for m in org.all_mass_organizations()]
        hamlets = _hamlet_refs(org)
    elif organization is not None:
        masses = [m.id for m in organization.all_mass_organizations()]
        hamlets = _hamlet_refs(organization)
    who = person if person is not None else draw(people(cell_ids=cell_ids, hamlets=hamlets))
    history = draw(
        histories(
            who,
            valid=valid,
            cell=who.cell if who.cell in cell_ids else draw(st.sampled_from(cell_ids)),
            mass_organizations=masses,
            introducers=introducers,
        )
    )
    return Record(who, history.events)


def datasets(
    *,
    organization: Organization | None = None,
    max_people: int = 6,
    max_plans: int = 2,
) -> st.SearchStrategy[Dataset]:
    """Consistent datasets: a tree, plans for it and people with valid histories.

    Person ids are unique; every event names a cell or mass organisation of
    the tree, and introducers are other people of the dataset.

    Args:
        organization: the tree (drawn with :func:`organizations` if None).
        max_people: most people in the register.
        max_plans: most plans.

    """
    return _datasets(organization, max_people, max_plans)


@st.composite
def _datasets(
    draw: st.DrawFn, organization: Organization | None, max_people: int, max_plans: int
) -> Dataset:
    org = organization if organization is not None else draw(organizations())
    cell_ids = [c.id for c in org.all_cells()]
    hamlets = _hamlet_refs(org)
    ids = draw(st.lists(person_ids(), max_size=max_people, unique=True))
    out = []
    for pid in ids:
        who = draw(people(ids=st.just(pid), cell_ids=cell_ids, hamlets=hamlets))
        others = [i for i in ids if i != pid]
        out.append(draw(records(organization=org, person=who, introducers=others)))
    found = draw(st.lists(plans(organization=org), max_size=max_plans, unique_by=_plan_id))
    return Dataset(org, tuple(found), tuple(out))


def _plan_id(plan: Plan) -> str:
    return plan.id


def _hamlet_refs(org: Organization) -> tuple[str, ...]:
    """The ids and names of the tree's hamlets: what a person's ``hamlet`` may say."""
    return tuple(ref for o in org.walk() for h in o.hamlets for ref in (h.id, h.name))


def _adult_months() -> int:
    """Minimum admission age in months as the law now stands (a dated, cited parameter)."""
    from dangvien.parameters import ADMISSION_AGE_MIN_YEARS, default_parameters

    return default_parameters().parameter(ADMISSION_AGE_MIN_YEARS).values[-1].value * 12


def _law(name: Key[Any], on: date) -> Any:
    """A legal value on *on*, or the law's earliest for an older date (plausible histories)."""
    from dangvien.parameters import default_parameters

    return default_parameters().value_or_first(name, on)


def _probation_end(ceremony: date) -> date:
    """The last day of probation: the ceremony plus the probation in force then."""
    from dangvien.parameters import PROBATION_MONTHS

    return add_months(ceremony, _law(PROBATION_MONTHS, ceremony))


def _districts_end() -> date:
    """Last day of the district level: the eve of 294-QĐ/TW taking effect."""
    from datetime import timedelta

    from dangvien.documents import default_register

    return default_register().by_key("294-QĐ/TW/2025").effective - timedelta(days=1)
