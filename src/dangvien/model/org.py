"""The organisation tree (hệ thống tổ chức): province → (district) → commune → cells.

Districts were abolished on 1 July 2025 (294-QĐ/TW); a district node keeps
``valid_to`` for history before that day.  Cells are the leaves; a commune
also lists its hamlets and mass organisations.

Names are matched on NFC text with diacritics kept (``Văn Tràng`` ≠
``Vạn Tràng``); :meth:`Organization.lookup_cell` suggests an accent-insensitive
match only when it is unique.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import date
from functools import cached_property

import attrs

from dangvien._text import NameIndex, NameLookup, nfc, nfc_optional, nfc_tuple

# English labels of the enums, by member name.
_ORG_EN = {"PROVINCE": "province", "DISTRICT": "district", "COMMUNE": "commune"}
_CELL_EN = {
    "HAMLET": "hamlet",
    "SCHOOL": "school",
    "HEALTH": "health station",
    "POLICE": "police",
    "MILITARY": "military",
    "AGENCY": "agency",
    "ENTERPRISE": "enterprise",
    "OTHER": "other",
}
_MASS_EN = {
    "FATHERLAND_FRONT": "Fatherland Front",
    "YOUTH_UNION": "Youth Union",
    "WOMEN": "Women's Union",
    "FARMERS": "Farmers' Association",
    "VETERANS": "Veterans' Association",
    "TRADE_UNION": "Trade union",
    "OTHER": "other",
}

__all__ = [
    "Cell",
    "CellKind",
    "Hamlet",
    "MassOrgKind",
    "MassOrganization",
    "OrgLevel",
    "Organization",
]


class OrgLevel(enum.Enum):
    """Level of a party organisation (cấp)."""

    PROVINCE = "tỉnh"
    """Đảng bộ tỉnh / Tỉnh ủy."""
    DISTRICT = "huyện"
    """Đảng bộ huyện / Huyện ủy (until 30 June 2025)."""
    COMMUNE = "xã"
    """Đảng bộ xã, phường, đặc khu / Đảng ủy xã."""

    @property
    def label_vi(self) -> str:
        """Vietnamese label (the value)."""
        return self.value

    @property
    def label_en(self) -> str:
        """English label."""
        return _ORG_EN[self.name]


class CellKind(enum.Enum):
    """Kind of party cell (loại chi bộ)."""

    HAMLET = "xóm"
    """Chi bộ xóm/thôn (residential)."""
    SCHOOL = "trường học"
    """Chi bộ trường học."""
    HEALTH = "y tế"
    """Chi bộ trạm y tế."""
    POLICE = "công an"
    """Chi bộ công an xã."""
    MILITARY = "quân sự"
    """Chi bộ quân sự xã."""
    AGENCY = "cơ quan"
    """Chi bộ cơ quan (commune offices)."""
    ENTERPRISE = "doanh nghiệp"
    """Chi bộ doanh nghiệp."""
    OTHER = "khác"
    """Khác."""

    @property
    def label_vi(self) -> str:
        """Vietnamese label (the value)."""
        return self.value

    @property
    def label_en(self) -> str:
        """English label."""
        return _CELL_EN[self.name]


class MassOrgKind(enum.Enum):
    """Kind of mass organisation (tổ chức chính trị - xã hội)."""

    FATHERLAND_FRONT = "MTTQ"
    """Mặt trận Tổ quốc."""
    YOUTH_UNION = "Đoàn thanh niên"
    """Đoàn Thanh niên Cộng sản Hồ Chí Minh."""
    WOMEN = "Hội LHPN"
    """Hội Liên hiệp Phụ nữ."""
    FARMERS = "Hội Nông dân"
    """Hội Nông dân."""
    VETERANS = "Hội CCB"
    """Hội Cựu chiến binh."""
    TRADE_UNION = "Công đoàn"
    """Công đoàn cơ sở."""
    OTHER = "khác"
    """Khác."""

    @property
    def label_vi(self) -> str:
        """Vietnamese label (the value)."""
        return self.value

    @property
    def label_en(self) -> str:
        """English label."""
        return _MASS_EN[self.name]


@attrs.frozen
class Cell:
    """A party cell under a commune committee (chi bộ trực thuộc).

    Attributes:
        id: stable identifier, unique in the dataset.
        name: canonical name (NFC), e.g. ``Trường mầm non``.
        kind: cell kind.
        aliases: other names used in documents (``Tr. Mầm non``).
        hamlet: the hamlet a residential cell serves, if any.

    """

    id: str = attrs.field(converter=nfc)
    name: str = attrs.field(converter=nfc)
    kind: CellKind = CellKind.HAMLET
    aliases: tuple[str, ...] = attrs.field(default=(), converter=nfc_tuple)
    hamlet: str | None = attrs.field(default=None, converter=nfc_optional)

    @property
    def names(self) -> tuple[str, ...]:
        """The name, then the aliases."""
        return (self.name, *self.aliases)


@attrs.frozen
class Hamlet:
    """A hamlet, the residential unit of a commune (xóm / thôn)."""

    id: str = attrs.field(converter=nfc)
    name: str = attrs.field(converter=nfc)


@attrs.frozen
class MassOrganization:
    """A mass organisation of the commune (MTTQ và các đoàn thể).

    Attributes:
        id: stable identifier.
        name: name as used locally (``Hội LHPN xã``).
        kind: which organisation.
        aliases: other names.

    """

    id: str = attrs.field(converter=nfc)
    name: str = attrs.field(converter=nfc)
    kind: MassOrgKind
    aliases: tuple[str, ...] = attrs.field(default=(), converter=nfc_tuple)

    @property
    def names(self) -> tuple[str, ...]:
        """The name, then the aliases."""
        return (self.name, *self.aliases)


@attrs.frozen(cache_hash=True)
class Organization:
    """A party organisation node of any depth (tổ chức đảng).

    Attributes:
        id: stable identifier.
        name: e.g. ``Đảng bộ xã Long Thành``.
        level: province, district or commune.
        children: organisations directly below.
        cells: cells directly below (for a commune).
        hamlets: hamlets of a commune.
        mass_organizations: mass organisations of a commune.
        valid_from: first day the organisation existed, if known.
        valid_to: last day it existed (a district: 30 June 2025), if any.

    """

    id: str = attrs.field(converter=nfc)
    name: str = attrs.field(converter=nfc)
    level: OrgLevel
    children: tuple[Organization, ...] = ()
    cells: tuple[Cell, ...] = ()
    hamlets: tuple[Hamlet, ...] = ()
    mass_organizations: tuple[MassOrganization, ...] = ()
    valid_from: date | None = None
    valid_to: date | None = None

    def walk(self) -> Iterator[Organization]:
        """Yield this organisation and every organisation below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def iter_cells(self) -> Iterator[tuple[Organization, Cell]]:
        """Yield (parent organisation, cell) for every cell below."""
        for org in self.walk():
            for cell in org.cells:
                yield org, cell

    def all_cells(self) -> tuple[Cell, ...]:
        """Return every cell below, in tree order."""
        return tuple(cell for _, cell in self.iter_cells())

    def all_mass_organizations(self) -> tuple[MassOrganization, ...]:
        """Return every mass organisation below, in tree order."""
        return tuple(m for org in self.walk() for m in org.mass_organizations)

    def find(self, org_id: str) -> Organization | None:
        """Return the organisation with *org_id* at or below this one."""
        return next((o for o in self.walk() if o.id == org_id), None)

    def parent_of_cell(self, cell_id: str) -> Organization | None:
        """Return the organisation directly above the cell *cell_id*."""
        return next((o for o, c in self.iter_cells() if c.id == cell_id), None)

    @cached_property
    def _cell_index(self) -> NameIndex[Cell]:
        return NameIndex((c, (*c.names, c.id)) for c in self.all_cells())

    @cached_property
    def _massorg_index(self) -> NameIndex[MassOrganization]:
        return NameIndex((m, (*m.names, m.id)) for m in self.all_mass_organizations())

    def cell(self, name: str) -> Cell | None:
        """Return the cell whose id, name or alias is exactly *name* (diacritics kept)."""
        return self._cell_index.get(name)

    def lookup_cell(self, name: str) -> NameLookup[Cell]:
        """Look a cell up exactly, with a unique accent-insensitive suggestion.

        >>> org = Organization("x", "Xã", OrgLevel.COMMUNE, cells=(
        ...     Cell("c5", "Vạn Tràng"), Cell("c6", "Văn Tràng"),
        ...     Cell("c14", "Trường mầm non", CellKind.SCHOOL, aliases=("Tr. Mầm non",))))
        >>> org.cell("Tr. Mầm non").id
        'c14'
        >>> org.lookup_cell("Van Trang").candidates
        ('Vạn Tràng', 'Văn Tràng')
        """
        return self._cell_index.lookup(name)

    def mass_organization(self, name: str) -> MassOrganization | None:
        """Return the mass organisation whose id, name or alias is exactly *name*."""
        return self._massorg_index.get(name)

    def lookup_mass_organization(self, name: str) -> NameLookup[MassOrganization]:
        """Look a mass organisation up exactly, with a unique suggestion."""
        return self._massorg_index.lookup(name)
