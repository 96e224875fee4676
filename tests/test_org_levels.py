"""The organisation tree at every level: units, blocs, the two-level structure, merged communes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from tests.common import admission

from dangvien.io import load_dataset, save_dataset
from dangvien.model.org import (
    Cell,
    CellKind,
    Organization,
    OrgKind,
    OrgLevel,
    OrgStatistics,
)
from dangvien.model.people import Person, Sex
from dangvien.model.register import Dataset, Record
from dangvien.quotas import CountSource, organization_counts

END = date(2025, 6, 30)

# Province → district (ended 30/6/2025) → communes A, B (ended, merged into N);
# commune C stays (under the district until it ends); commune N (from 1/7/2025)
# sits directly under the province; a bloc with a grassroots committee and a
# grassroots cell.
A = Organization(
    "a",
    "Đảng bộ xã A",
    OrgLevel.COMMUNE,
    valid_to=END,
    cells=(Cell("a1", "Xóm A1"), Cell("a2", "Xóm A2")),
)
B = Organization("b", "Đảng bộ xã B", OrgLevel.COMMUNE, valid_to=END, cells=(Cell("b1", "Xóm B1"),))
C = Organization(
    "c", "Đảng bộ xã C", OrgLevel.COMMUNE, aliases=("Xã C",), cells=(Cell("c1", "Xóm C1"),)
)
H = Organization(
    "h",
    "Đảng bộ huyện Thử Nghiệm",
    OrgLevel.DISTRICT,
    aliases=("Huyện TN",),
    valid_to=END,
    children=(A, B, C),
)
N = Organization(
    "n",
    "Đảng bộ xã Mới",
    OrgLevel.COMMUNE,
    valid_from=date(2025, 7, 1),
    merged_from=("a", "b"),
    cells=(Cell("n1", "Xóm Mới"),),
)
SCHOOL = Organization(
    "thpt",
    "Đảng bộ Trường THPT Thử Nghiệm",
    OrgLevel.GRASSROOTS,
    kind=OrgKind.SCHOOL,
    cells=(Cell("t1", "Chi bộ Giáo viên", CellKind.SCHOOL),),
)
BLOC = Organization(
    "kcq",
    "Đảng bộ Khối Cơ quan tỉnh",
    OrgLevel.BLOC,
    kind=OrgKind.AGENCY,
    aliases=("Khối Cơ quan",),
    children=(SCHOOL,),
    cells=(Cell("k1", "Chi bộ Văn phòng", CellKind.AGENCY),),
    statistics=(OrgStatistics(date(2024, 12, 31), members=900, cells=40),),
)
ROOT = Organization("t", "Đảng bộ tỉnh Thử Nghiệm", OrgLevel.PROVINCE, children=(H, N, BLOC))


class TestUnits:
    def test_units_in_tree_order(self) -> None:
        """Each organisation, then its cells, then its children: 14 units in all."""
        ids = [u.id for u in ROOT.units()]
        assert [
            "t",
            "h",
            "a",
            "a1",
            "a2",
            "b",
            "b1",
            "c",
            "c1",
            "n",
            "n1",
            "kcq",
            "k1",
            "thpt",
            "t1",
        ] == ids

    def test_lookup_by_name_alias_and_id(self) -> None:
        """A district by its alias, a bloc by its alias, a cell by its name, a commune by id."""
        assert ("h", False) == (ROOT.unit("Huyện TN").id, ROOT.unit("Huyện TN").is_cell)
        assert OrgKind.AGENCY == ROOT.unit("Khối Cơ quan").kind
        assert ROOT.unit("Xóm C1").is_cell
        assert OrgLevel.COMMUNE == ROOT.unit("c").level

    def test_the_organisation_itself_is_not_a_unit_below_it(self) -> None:
        """A plan's rows name units below its organisation, never the organisation itself."""
        assert ROOT.unit("Đảng bộ tỉnh Thử Nghiệm") is None
        assert H.unit("Xã C") is not None

    def test_diacritics_suggestion(self) -> None:
        """'Xa C' is no unit; the lookup suggests Đảng bộ xã C's alias 'Xã C'."""
        found = ROOT.lookup_unit("Xa C")
        assert found.match is None
        assert found.suggestion is not None
        assert "c" == found.suggestion.id

    def test_unit_labels_say_chi_bo_only_for_cells(self) -> None:
        """A cell reads "chi bộ Xóm C1"; a district reads its own name."""
        assert "chi bộ Xóm C1" == ROOT.unit("Xóm C1").label_vi
        assert "cell Xóm C1" == ROOT.unit("Xóm C1").label_en
        assert "Đảng bộ huyện Thử Nghiệm" == ROOT.unit("h").label_vi

    def test_parents_and_ancestors(self) -> None:
        """C's parent is the district; its ancestors are the district then the province."""
        assert "h" == ROOT.parent_of("c").id
        assert ["h", "t"] == [o.id for o in ROOT.ancestors("c")]
        assert ROOT.parent_of("t") is None


class TestHistory:
    def test_cells_under_follow_merges(self) -> None:
        """N counts its own cell and the cells of A and B, merged into it."""
        assert ["n1", "a1", "a2", "b1"] == [c.id for c in ROOT.cells_under("n")]

    def test_cells_under_a_district(self) -> None:
        """The district counts the cells of its three communes."""
        assert ["a1", "a2", "b1", "c1"] == [c.id for c in ROOT.cells_under("h")]

    def test_cells_under_a_cell(self) -> None:
        """A cell counts itself; an unknown id counts nothing."""
        assert ["c1"] == [c.id for c in ROOT.cells_under("c1", is_cell=True)]
        assert () == ROOT.cells_under("nowhere")

    def test_structure_before_the_two_level_reform(self) -> None:
        """On 30/6/2025 the district stands with its three communes; N does not exist yet."""
        tree = ROOT.structure_on(END)
        assert ["t", "h", "a", "b", "c", "kcq", "thpt"] == [o.id for o in tree.walk()]

    def test_structure_after_the_two_level_reform(self) -> None:
        """On 1/7/2025: no district; C under the province; N holds A's and B's cells."""
        tree = ROOT.structure_on(date(2025, 7, 1))
        assert ["t", "c", "n", "kcq", "thpt"] == sorted(
            [o.id for o in tree.walk()], key=["t", "c", "n", "kcq", "thpt"].index
        )
        assert {"c", "n", "kcq"} == {o.id for o in tree.children}
        assert ["n1", "a1", "a2", "b1"] == [c.id for c in tree.find("n").cells]

    def test_successor(self) -> None:
        """A's cells belong to N from 1/7/2025; the district has no successor."""
        assert "n" == ROOT.successor_on("a", date(2025, 8, 1)).id
        assert "a" == ROOT.successor_on("a", date(2025, 1, 1)).id
        assert ROOT.successor_on("h", date(2025, 8, 1)) is None


def member(pid: str, cell: str, admitted: date) -> Record:
    """Someone the cell voted for 30 days before *admitted*, decided and sworn in that day."""
    events = admission(
        admitted - timedelta(days=30), cell=cell, decision=admitted, ceremony=admitted
    )
    return Record(
        Person(pid, f"Người Thử Nghiệm {pid}", date(1990, 1, 1), Sex.FEMALE, cell=cell), events
    )


class TestCounts:
    def test_counts_from_the_listed_tree(self) -> None:
        """On 1/1/2025: the district has 3 grassroots communes and 4 cells.

        Members: two admitted in 2024 in a1 and c1 are probationary: 2.
        """
        ds = Dataset(
            ROOT,
            records=(member("P1", "a1", date(2024, 3, 1)), member("P2", "c1", date(2024, 4, 1))),
        )
        by_id = {c.unit.id: c for c in organization_counts(ds, date(2025, 1, 1))}
        h = by_id["h"]
        assert (3, 4, 2) == (h.grassroots, h.cells, h.members)
        assert CountSource.LISTED == h.members_source

    def test_bloc_counts_grassroots_cells(self) -> None:
        """The bloc: its grassroots committee and its grassroots cell are 2 organisations."""
        counts = {c.unit.id: c for c in organization_counts(Dataset(ROOT), date(2025, 1, 1))}
        assert (2, 2) == (counts["kcq"].grassroots, counts["kcq"].cells)

    def test_stated_members_without_register(self) -> None:
        """No register: the bloc's members come from its statistics of 31/12/2024 (900)."""
        counts = {c.unit.id: c for c in organization_counts(Dataset(ROOT), date(2025, 1, 1))}
        assert (900, CountSource.STATED) == (counts["kcq"].members, counts["kcq"].members_source)
        assert (None, CountSource.NONE) == (counts["h"].members, counts["h"].members_source)

    def test_counts_after_the_reform(self) -> None:
        """On 1/8/2025 the province's grassroots are C, N, the school's committee and the
        bloc's grassroots cell: 4; N has 4 cells."""
        counts = {c.unit.id: c for c in organization_counts(Dataset(ROOT), date(2025, 8, 1))}
        assert "h" not in counts
        assert 4 == counts["t"].grassroots
        assert 4 == counts["n"].cells

    def test_unknown_organisation(self) -> None:
        """An id not in the tree that day is refused."""
        with pytest.raises(KeyError):
            organization_counts(Dataset(ROOT), date(2025, 8, 1), organization="h")


def test_tree_round_trips_through_toml(tmp_path) -> None:
    """Levels, kinds, aliases, merges and statistics are written and read back unchanged."""
    save_dataset(Dataset(ROOT), tmp_path)
    assert ROOT == load_dataset(tmp_path).organization


def test_level_labels() -> None:
    """Every level and kind has both labels; only commune and grassroots are grassroots."""
    assert {OrgLevel.COMMUNE, OrgLevel.GRASSROOTS} == {lv for lv in OrgLevel if lv.grassroots}
    for lv in OrgLevel:
        assert lv.label_vi
        assert lv.label_en
    for k in OrgKind:
        assert k.label_vi
        assert k.label_en
    assert "biên phòng" == CellKind.BORDER_GUARD.label_vi


def test_enum_labels_come_from_the_catalogue_the_vietnamese_one_being_the_value() -> None:
    """The files write a level, kind or mass organisation by its Vietnamese name: the label."""
    from dangvien.model.org import MassOrgKind

    for cls in (OrgLevel, OrgKind, CellKind, MassOrgKind):
        for member in cls:
            assert member.value == member.label_vi
            assert member.label_en
    assert ("huyện", "district") == (OrgLevel.DISTRICT.label_vi, OrgLevel.DISTRICT.label_en)
    assert "Women's Union" == MassOrgKind.WOMEN.label_en
