"""The organisation tree (hệ thống tổ chức): province → district or bloc → grassroots → cells.

A node is an :class:`Organization` with a *level* (tỉnh, huyện, khối, xã,
cơ sở, bộ phận) and a *kind* (territorial, agencies, schools, enterprises,
police, military, border guards…); cells (chi bộ) are the leaves and may hang
under any node (a grassroots cell, *chi bộ cơ sở*, sits directly under a
district or a bloc).  A commune also lists its hamlets and mass organisations.

History is kept in the tree: a node has ``valid_from``/``valid_to``.
Districts ended on 30 June 2025 (the two-level structure of 294-QĐ/TW: from
1 July 2025 communes sit directly under the province); a district node keeps
``valid_to`` for the years before.  A commune formed by merging others lists
them in ``merged_from``: their cells' history follows them into it
(:meth:`Organization.cells_under`), and :meth:`Organization.structure_on`
gives the tree as it stood on a day, the merged communes' cells under their
successor and the ended districts' communes lifted to the province.

Names are matched on NFC text with diacritics kept (``Văn Tràng`` ≠
``Vạn Tràng``); :meth:`Organization.lookup_cell` and
:meth:`Organization.lookup_unit` suggest an accent-insensitive match only
when it is unique.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import cached_property

import attrs

from dangvien._text import NameIndex, NameLookup, nfc, nfc_optional, nfc_tuple
from dangvien.errors import DataError
from dangvien.messages import CatalogueEnum, Text

__all__ = [
    "Cell",
    "CellKind",
    "Hamlet",
    "MassOrgKind",
    "MassOrganization",
    "OrgLevel",
    "Organization",
]


def _optional_count(_inst: object, attr: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and value < 0:
        text = Text("model.non_negative", {"field": attr.name, "value": value})
        raise DataError(text.vi, text.en)


class OrgLevel(CatalogueEnum):
    """Level of a party organisation (cấp).

    The province is the top of a dataset; districts and blocs are the level
    directly above the grassroots (cấp trên trực tiếp của cơ sở); communes
    and the grassroots committees of agencies, schools or enterprises are
    the grassroots (tổ chức cơ sở đảng); a partial committee sits between a
    large grassroots committee and its cells.  Cells are not organisations
    of a level: see :class:`Cell`.
    """

    PROVINCE = "tỉnh"
    """Đảng bộ tỉnh, thành phố trực thuộc Trung ương / Tỉnh ủy."""
    DISTRICT = "huyện"
    """Đảng bộ huyện, quận, thị xã, thành phố thuộc tỉnh (until 30 June 2025)."""
    COMMUNE = "xã"
    """Đảng bộ xã, phường, thị trấn, đặc khu / Đảng ủy xã."""
    BLOC = "khối"
    """Đảng bộ trực thuộc tỉnh ủy that is not territorial: Khối cơ quan, Khối doanh nghiệp,
    Công an tỉnh, Quân sự tỉnh, Bộ đội Biên phòng tỉnh."""
    GRASSROOTS = "cơ sở"
    """Đảng bộ cơ sở of an agency, school, enterprise or unit (not a commune)."""
    PARTIAL = "bộ phận"
    """Đảng bộ bộ phận: between a grassroots committee and its cells."""

    @property
    def grassroots(self) -> bool:
        """True for the grassroots levels (tổ chức cơ sở đảng): commune and grassroots committee."""
        return self in (OrgLevel.COMMUNE, OrgLevel.GRASSROOTS)


class OrgKind(CatalogueEnum):
    """Kind of party organisation: the sector it serves (loại hình, khối).

    Territorial organisations (tỉnh, huyện, xã, phường) are the default; a
    bloc and the grassroots committees under it carry their sector, which is
    what subtotals "by bloc" and "by kind" group on.
    """

    TERRITORIAL = "địa phương"
    """Theo địa giới hành chính: tỉnh, huyện, xã, phường, thị trấn, đặc khu."""
    AGENCY = "cơ quan"
    """Cơ quan Đảng, Nhà nước, MTTQ và đoàn thể."""
    SCHOOL = "trường học"
    """Trường học (đơn vị sự nghiệp giáo dục)."""
    HEALTH = "y tế"
    """Bệnh viện, trung tâm y tế (đơn vị sự nghiệp y tế)."""
    ENTERPRISE = "doanh nghiệp"
    """Doanh nghiệp."""
    POLICE = "công an"
    """Công an."""
    MILITARY = "quân sự"
    """Quân đội, quân sự địa phương."""
    BORDER_GUARD = "biên phòng"
    """Bộ đội Biên phòng."""
    OTHER = "khác"
    """Khác."""


class CellKind(CatalogueEnum):
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
    BORDER_GUARD = "biên phòng"
    """Chi bộ đồn biên phòng."""
    AGENCY = "cơ quan"
    """Chi bộ cơ quan (commune offices)."""
    ENTERPRISE = "doanh nghiệp"
    """Chi bộ doanh nghiệp."""
    OTHER = "khác"
    """Khác."""


class MassOrgKind(CatalogueEnum):
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


@attrs.frozen
class Cell:
    """A party cell (chi bộ): under a commune or grassroots committee, or itself grassroots.

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


@attrs.frozen
class OrgStatistics:
    """Counts an office states for an organisation without listing them (số liệu tổng hợp).

    A province or district reusing dangvien often has no register and no
    list of cells: the counts its reports print stand in for them (the
    denominator of an admission rate, the number of cells).  Counts computed
    from listed cells and a register win over stated ones
    (:func:`dangvien.quotas.organization_counts`).

    Attributes:
        on: the day the counts describe (số liệu đến ngày).
        members: party members (đảng viên), probationary included.
        probationary: of whom probationary (dự bị).
        cells: cells (chi bộ) below.
        grassroots: grassroots organisations (tổ chức cơ sở đảng) below.

    """

    on: date
    members: int | None = attrs.field(default=None, validator=_optional_count)
    probationary: int | None = attrs.field(default=None, validator=_optional_count)
    cells: int | None = attrs.field(default=None, validator=_optional_count)
    grassroots: int | None = attrs.field(default=None, validator=_optional_count)


@attrs.frozen
class Unit:
    """A unit below an organisation: an organisation node or a cell (đơn vị).

    Plans give targets to units; results are counted through a unit's cells.

    Attributes:
        id: the organisation's or the cell's id.
        name: its canonical name.
        is_cell: True for a cell, False for an organisation.
        level: the organisation's level (None for a cell).
        kind: the organisation's kind (None for a cell).
        cell_kind: the cell's kind (None for an organisation).
        parent: the id of the organisation directly above (None for the root).
        depth: 0 for the root of the tree, 1 below it, …

    """

    id: str
    name: str
    is_cell: bool
    level: OrgLevel | None
    kind: OrgKind | None
    cell_kind: CellKind | None
    parent: str | None
    depth: int

    @property
    def label_vi(self) -> str:
        """How a sentence names it: ``chi bộ Văn Tràng``, or the organisation's name."""
        return Text("model.org.cell_label", {"name": self.name}).vi if self.is_cell else self.name

    @property
    def label_en(self) -> str:
        """How an English sentence names it: ``cell Văn Tràng``, or the organisation's name."""
        return Text("model.org.cell_label", {"name": self.name}).en if self.is_cell else self.name


def _unit_key(is_cell: bool, id_: str) -> tuple[bool, str]:
    return (is_cell, id_)


@attrs.frozen(cache_hash=True)
class Organization:
    """A party organisation node of any depth (tổ chức đảng).

    Attributes:
        id: stable identifier.
        name: e.g. ``Đảng bộ xã Long Thành``.
        level: its level (tỉnh, huyện, khối, xã, cơ sở, bộ phận).
        children: organisations directly below.
        cells: cells directly below.
        hamlets: hamlets of a commune.
        mass_organizations: mass organisations of a commune.
        valid_from: first day the organisation existed, if known.
        valid_to: last day it existed (a district: 30 June 2025), if any.
        kind: the sector it serves (territorial by default; a bloc's kind).
        aliases: other names used in documents (``Huyện Yên Thành``,
            ``Khối Cơ quan``): plans name units by id, name or alias.
        merged_from: ids of the organisations merged into this one (sáp
            nhập): their cells' history counts as this organisation's.
        statistics: counts stated for it (members, cells, grassroots
            organisations) on given days.

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
    kind: OrgKind = OrgKind.TERRITORIAL
    aliases: tuple[str, ...] = attrs.field(default=(), converter=nfc_tuple)
    merged_from: tuple[str, ...] = attrs.field(default=(), converter=nfc_tuple)
    statistics: tuple[OrgStatistics, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The name, then the aliases."""
        return (self.name, *self.aliases)

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
        return self._orgs_by_id.get(org_id)

    def parent_of_cell(self, cell_id: str) -> Organization | None:
        """Return the organisation directly above the cell *cell_id*."""
        return next((o for o, c in self.iter_cells() if c.id == cell_id), None)

    def parent_of(self, org_id: str) -> Organization | None:
        """Return the organisation directly above the organisation *org_id* (None at the root)."""
        return self._parents.get(org_id)

    def ancestors(self, org_id: str) -> tuple[Organization, ...]:
        """Return the organisations above *org_id*, nearest first (empty for the root)."""
        out: list[Organization] = []
        node = self._parents.get(org_id)
        while node is not None:
            out.append(node)
            node = self._parents.get(node.id)
        return tuple(out)

    def valid_on(self, day: date) -> bool:
        """Return whether the organisation existed on *day* (between its validity dates)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @cached_property
    def _orgs_by_id(self) -> dict[str, Organization]:
        out: dict[str, Organization] = {}
        for o in self.walk():
            out.setdefault(o.id, o)
        return out

    @cached_property
    def _parents(self) -> dict[str, Organization]:
        return {c.id: o for o in self.walk() for c in o.children}

    @cached_property
    def _cell_index(self) -> NameIndex[Cell]:
        return NameIndex((c, (*c.names, c.id)) for c in self.all_cells())

    @cached_property
    def _hamlet_index(self) -> NameIndex[Hamlet]:
        return NameIndex((h, (h.name, h.id)) for o in self.walk() for h in o.hamlets)

    def lookup_hamlet(self, name: str) -> NameLookup[Hamlet]:
        """Look a hamlet up by id or name, exactly, with an accent-insensitive suggestion."""
        return self._hamlet_index.lookup(name)

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

    # --- units: organisations and cells below ------------------------------------

    @cached_property
    def _units(self) -> dict[tuple[bool, str], Unit]:
        out: dict[tuple[bool, str], Unit] = {}

        def visit(node: Organization, parent: str | None, depth: int) -> None:
            out.setdefault(
                _unit_key(False, node.id),
                Unit(node.id, node.name, False, node.level, node.kind, None, parent, depth),
            )
            for c in node.cells:
                out.setdefault(
                    _unit_key(True, c.id),
                    Unit(c.id, c.name, True, None, None, c.kind, node.id, depth + 1),
                )
            for child in node.children:
                visit(child, node.id, depth + 1)

        visit(self, None, 0)
        return out

    @cached_property
    def _unit_index(self) -> NameIndex[tuple[bool, str]]:
        entries: list[tuple[tuple[bool, str], tuple[str, ...]]] = []
        for o in self.walk():
            if o is not self:
                entries.append((_unit_key(False, o.id), (*o.names, o.id)))
            entries.extend((_unit_key(True, c.id), (*c.names, c.id)) for c in o.cells)
        return NameIndex(entries)

    def units(self) -> tuple[Unit, ...]:
        """Return this organisation and every organisation and cell below it, in tree order.

        Each organisation comes before its cells, then its child organisations.
        """
        return tuple(self._units.values())

    def unit(self, name: str) -> Unit | None:
        """Return the unit below this organisation whose id, name or alias is exactly *name*.

        Organisations and cells are searched together (this organisation
        itself excluded); a name two units share identifies neither.

        >>> tree = Organization("h", "Đảng bộ huyện Thử Nghiệm", OrgLevel.DISTRICT, children=(
        ...     Organization("x1", "Đảng bộ xã Một", OrgLevel.COMMUNE, aliases=("Xã Một",),
        ...                  cells=(Cell("c1", "Xóm Một"),)),))
        >>> tree.unit("Xã Một").id, tree.unit("Xóm Một").is_cell
        ('x1', True)
        """
        found = self._unit_index.get(name)
        return None if found is None else self._units[found]

    def lookup_unit(self, name: str) -> NameLookup[Unit]:
        """Look a unit up exactly, with a unique accent-insensitive suggestion."""
        found = self._unit_index.lookup(name)
        return NameLookup(
            query=found.query,
            match=None if found.match is None else self._units[found.match],
            suggestion=None if found.suggestion is None else self._units[found.suggestion],
            candidates=found.candidates,
        )

    def unit_of(self, unit_id: str, *, is_cell: bool = False) -> Unit | None:
        """Return the unit with *unit_id* (an organisation, or a cell with ``is_cell=True``)."""
        return self._units.get(_unit_key(is_cell, unit_id))

    # --- history: merges and the structure on a day -----------------------------

    def cells_under(self, unit_id: str, *, is_cell: bool = False) -> tuple[Cell, ...]:
        """Return the cells whose admissions count for a unit, in tree order.

        For a cell, itself.  For an organisation, every cell below it and
        every cell of the organisations merged into it or into an
        organisation below it (``merged_from``, followed through repeated
        merges): a cell's history follows it into the merged commune.

        >>> a = Organization("a", "Đảng bộ xã A", OrgLevel.COMMUNE, cells=(Cell("ca", "Xóm A"),),
        ...                  valid_to=date(2025, 6, 30))
        >>> n = Organization("n", "Đảng bộ xã Mới", OrgLevel.COMMUNE, cells=(Cell("cn", "Xóm N"),),
        ...                  valid_from=date(2025, 7, 1), merged_from=("a",))
        >>> root = Organization("t", "Đảng bộ tỉnh", OrgLevel.PROVINCE, children=(a, n))
        >>> [c.id for c in root.cells_under("n")]
        ['cn', 'ca']
        """
        if is_cell:
            cell = next((c for c in self.all_cells() if c.id == unit_id), None)
            return () if cell is None else (cell,)
        node = self.find(unit_id)
        if node is None:
            return ()
        out: dict[str, Cell] = {}
        seen: set[str] = set()
        todo = [node]
        while todo:
            here = todo.pop(0)
            if here.id in seen:
                continue
            seen.add(here.id)
            for o in here.walk():
                seen.add(o.id)
                for c in o.cells:
                    out.setdefault(c.id, c)
                for pid in o.merged_from:
                    pred = self.find(pid)
                    if pred is not None and pred.id not in seen:
                        todo.append(pred)
        return tuple(out.values())

    def successor_on(self, org_id: str, day: date) -> Organization | None:
        """Return the organisation *org_id*'s cells belong to on *day*, following merges.

        Itself when it exists that day; else the organisation it was merged
        into (repeatedly) that exists that day; None when it ended without a
        successor that exists that day.
        """
        into: dict[str, Organization] = {}
        for o in self.walk():
            for pid in o.merged_from:
                into.setdefault(pid, o)
        node = self.find(org_id)
        seen: set[str] = set()
        while node is not None and node.id not in seen:
            if node.valid_on(day):
                return node
            seen.add(node.id)
            node = into.get(node.id)
        return None

    def structure_on(self, day: date) -> Organization:
        """Return the tree as it stood on *day* (cơ cấu tổ chức tại một ngày).

        Organisations that did not exist that day are left out: the
        organisations below an ended one (the communes of a district after
        30 June 2025) move up to the nearest organisation above that still
        existed; its cells, hamlets and mass organisations go to the
        organisation it was merged into, if that existed on *day*, else up
        like its children.  The root is always kept.

        >>> a = Organization("a", "Đảng bộ xã A", OrgLevel.COMMUNE, cells=(Cell("ca", "Xóm A"),),
        ...                  valid_to=date(2025, 6, 30))
        >>> n = Organization("n", "Đảng bộ xã Mới", OrgLevel.COMMUNE,
        ...                  valid_from=date(2025, 7, 1), merged_from=("a",))
        >>> h = Organization("h", "Đảng bộ huyện", OrgLevel.DISTRICT, children=(a,),
        ...                  valid_to=date(2025, 6, 30))
        >>> root = Organization("t", "Đảng bộ tỉnh", OrgLevel.PROVINCE, children=(h, n))
        >>> [(o.id, [c.id for c in o.cells]) for o in root.structure_on(date(2025, 8, 1)).walk()]
        [('t', []), ('n', ['ca'])]
        >>> [o.id for o in root.structure_on(date(2025, 1, 1)).walk()]
        ['t', 'h', 'a']
        """
        moved: dict[str, list[Organization]] = {}
        for o in self.walk():
            if o is self or o.valid_on(day):
                continue
            heir = self.successor_on(o.id, day)
            if heir is not None:
                moved.setdefault(heir.id, []).append(o)

        def build(node: Organization) -> tuple[list[Organization], _Lifted]:
            """Return (the organisations to place where *node* was, the items moving up)."""
            kids: list[Organization] = []
            up = _Lifted()
            for child in node.children:
                placed, lifted = build(child)
                kids.extend(placed)
                up.take(lifted)
            if node is self or node.valid_on(day):
                here = _Lifted()
                here.add(node)
                for gone in moved.get(node.id, ()):
                    here.add(gone)
                here.take(up)
                keep = attrs.evolve(
                    node,
                    children=tuple(kids),
                    cells=tuple(here.cells),
                    hamlets=tuple(here.hamlets),
                    mass_organizations=tuple(here.masses),
                )
                return [keep], _Lifted()
            if self.successor_on(node.id, day) is None:
                up.add(node)
            return kids, up

        (root,), _ = build(self)
        return root


@attrs.define
class _Lifted:
    """Cells, hamlets and mass organisations moving up the tree or into a successor."""

    cells: list[Cell] = attrs.field(factory=list)
    hamlets: list[Hamlet] = attrs.field(factory=list)
    masses: list[MassOrganization] = attrs.field(factory=list)

    def add(self, node: Organization) -> None:
        self.cells.extend(node.cells)
        self.hamlets.extend(node.hamlets)
        self.masses.extend(node.mass_organizations)

    def take(self, other: _Lifted) -> None:
        self.cells.extend(other.cells)
        self.hamlets.extend(other.hamlets)
        self.masses.extend(other.masses)
