"""Saving never loses data: all files or none, and the TOML files keep their comments."""

import shutil
import stat
from datetime import date
from pathlib import Path

import attrs
import pytest
from tests.io_support import TINY, copy_tiny, snapshot

from dangvien.errors import DataError
from dangvien.io import _atomic, load_dataset, read_dataset, save_dataset
from dangvien.model import Cell, Person, Record, Sex
from dangvien.model import events as ev

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "long-thanh"
FILES = ("events.csv", "organization.toml", "people.csv", "plans.toml")


def changed(dataset):
    """The tiny dataset with every file's content changed."""
    org = dataset.organization
    org = attrs.evolve(org, cells=(*org.cells, Cell("cb03", "Rú Đất")))
    plan = attrs.evolve(dataset.plans[0], stated_admission_total=3)
    newcomer = Record(
        Person("TN-0004", "Người Thử Nghiệm Bốn", date(1999, 9, 9), Sex.MALE, cell="cb03"),
        (ev.ListedSympathizer(date=date(2025, 3, 1), cell="cb03"),),
    )
    return attrs.evolve(
        dataset,
        organization=org,
        plans=(plan,),
        records=(*dataset.records, newcomer),
        data_as_of=date(2025, 11, 30),
    )


@pytest.fixture
def old_and_new(tmp_path):
    """(old directory bytes, new directory bytes, the new dataset, a fresh old directory maker)."""
    old = snapshot(TINY)
    dataset = changed(load_dataset(TINY))
    reference = tmp_path / "reference"
    copy_tiny(reference)
    save_dataset(dataset, reference)
    new = snapshot(reference)
    assert all(old[name] != new[name] for name in FILES)  # every file changes
    return old, new, dataset


class Steps:
    """Counts the atomic writer's steps and makes the one numbered ``fail_at`` raise."""

    def __init__(self, monkeypatch, fail_at=None):
        self.calls = []
        self.fail_at = fail_at
        for name in ("_write", "_fsync", "_replace"):
            real = getattr(_atomic, name)
            monkeypatch.setattr(_atomic, name, self._wrap(name, real))

    def _wrap(self, name, real):
        def step(*args):
            self.calls.append(name)
            if len(self.calls) == self.fail_at:
                raise OSError(28, f"injected failure at {name}")  # ENOSPC
            return real(*args)

        return step


def test_a_save_is_four_writes_four_syncs_four_renames(tmp_path, monkeypatch, old_and_new):
    """Saving over the tiny dataset, all four files changed, takes 12 steps, then the new bytes."""
    _, new, dataset = old_and_new
    target = copy_tiny(tmp_path / "target")
    steps = Steps(monkeypatch)
    save_dataset(dataset, target)
    assert ["_write", "_fsync"] * 4 + ["_replace"] * 4 == steps.calls
    assert new == snapshot(target)


def test_a_failure_at_any_step_leaves_the_old_dataset(tmp_path, monkeypatch, old_and_new):
    """Whichever step fails, the directory holds the old files byte for byte, or the new ones.

    The steps are counted on a successful save; then the save is run again
    over the old files once per step, that step failing.  Steps 1–8 fail
    before any rename (nothing to undo); 9–12 after 0–3 renames, which are
    undone from the old bytes.  No temporary file is left behind.
    """
    old, new, dataset = old_and_new
    with monkeypatch.context() as m:
        counting = Steps(m)
        save_dataset(dataset, copy_tiny(tmp_path / "counted"))
    assert 12 == len(counting.calls)
    for fail_at in range(1, len(counting.calls) + 1):
        target = copy_tiny(tmp_path / f"fail-{fail_at}")
        with monkeypatch.context() as m:
            Steps(m, fail_at=fail_at)
            with pytest.raises(OSError, match="injected failure"):
                save_dataset(dataset, target)
        assert old == snapshot(target), f"step {fail_at}: {counting.calls[fail_at - 1]}"
        save_dataset(dataset, target)  # and a save that does not fail gives the new files
        assert new == snapshot(target)


def test_a_failure_into_an_empty_directory_leaves_it_empty(tmp_path, monkeypatch, old_and_new):
    """A save into a new directory failing at its last rename removes the three files renamed."""
    _, _, dataset = old_and_new
    Steps(monkeypatch, fail_at=12)
    with pytest.raises(OSError, match="injected failure"):
        save_dataset(dataset, tmp_path / "new")
    assert {} == snapshot(tmp_path / "new")


def test_an_unwritable_value_is_refused_before_any_file_is_touched(tmp_path, monkeypatch):
    """An introducer id with ';' (the bug that cut events.csv) raises before any step."""
    target = copy_tiny(tmp_path / "target")
    old = snapshot(target)
    dataset = load_dataset(target)
    first, *rest = dataset.records
    intro = ev.IntroducersAssigned(date=date(2024, 5, 1), introducers=("TN-0001;TN-0002",))
    broken = attrs.evolve(dataset, records=(Record(first.person, (*first.events, intro)), *rest))
    steps = Steps(monkeypatch)
    with pytest.raises(DataError, match="TN-0001;TN-0002"):
        save_dataset(broken, target)
    assert [] == steps.calls
    assert old == snapshot(target)
    assert load_dataset(target) == dataset


def test_control_characters_are_refused_on_save(tmp_path):
    """A name holding an escape character would be refused on reading, so it is not written."""
    dataset = load_dataset(TINY)
    first, *rest = dataset.records
    bad = Record(attrs.evolve(first.person, full_name="Người\x1bA"), first.events)
    with pytest.raises(DataError) as info:
        save_dataset(attrs.evolve(dataset, records=(bad, *rest)), tmp_path / "out")
    assert (
        "people.csv, TN-0001, full_name contains control characters that reading would refuse: "
        "'Người<U+001B>A'"
    ) == info.value.message("en")
    assert not (tmp_path / "out").exists()


def test_saving_keeps_the_files_permissions(tmp_path):
    """A file made group-writable stays so after a save: the temporary file gets its mode."""
    target = copy_tiny(tmp_path / "target")
    (target / "people.csv").chmod(0o664)
    save_dataset(changed(load_dataset(target)), target)
    assert 0o664 == stat.S_IMODE((target / "people.csv").stat().st_mode)


def test_an_unchanged_file_is_not_rewritten(tmp_path, monkeypatch):
    """Saving a dataset over itself with nothing changed writes nothing at all."""
    target = tmp_path / "target"
    save_dataset(load_dataset(TINY), target)
    steps = Steps(monkeypatch)
    save_dataset(load_dataset(target), target)
    assert [] == steps.calls


# --- TOML comments and layout ------------------------------------------------------------


def test_saving_the_example_over_itself_changes_no_byte(tmp_path):
    """The Long Thành example, loaded and saved over a copy, is byte for byte the same."""
    target = tmp_path / "long-thanh"
    shutil.copytree(EXAMPLE, target)
    save_dataset(load_dataset(target), target)
    assert snapshot(EXAMPLE) == snapshot(target)


def test_a_changed_value_keeps_its_comment_and_every_other_line(tmp_path):
    """Changing the stated total changes that one line; its comment stays, so do the others."""
    target = tmp_path / "long-thanh"
    shutil.copytree(EXAMPLE, target)
    dataset = load_dataset(target)
    plan = attrs.evolve(dataset.plans[0], stated_admission_total=22)
    save_dataset(attrs.evolve(dataset, plans=(plan,)), target)
    before = (EXAMPLE / "plans.toml").read_text(encoding="utf-8").splitlines()
    after = (target / "plans.toml").read_text(encoding="utf-8").splitlines()
    changed_lines = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert [
        (
            'stated_admission_total = 21              # dòng "Tổng:" của bảng',
            'stated_admission_total = 22              # dòng "Tổng:" của bảng',
        )
    ] == changed_lines


def test_a_removed_and_an_added_cell_keep_the_others_comments(tmp_path):
    """Dropping the health cell and adding one keeps the aliases' comments of the rest."""
    target = tmp_path / "long-thanh"
    shutil.copytree(EXAMPLE, target)
    dataset = load_dataset(target)
    district = dataset.organization.children[0]
    commune = district.children[0]
    kept = [c for c in commune.cells if c.id != "cb15-tram-y-te"]
    cells = [*kept, Cell("cb17-moi", "Chi bộ Mới")]
    commune = attrs.evolve(commune, cells=tuple(cells))
    org = attrs.evolve(
        dataset.organization, children=(attrs.evolve(district, children=(commune,)),)
    )
    save_dataset(attrs.evolve(dataset, organization=org), target)
    text = (target / "organization.toml").read_text(encoding="utf-8")
    assert 'aliases = ["Tr. THCS HTT"]               # như in trong bảng / as printed' in text
    assert 'name = "Trạm Y tế"' not in text
    assert '[[children.children.cells]]\nid = "cb17-moi"\nname = "Chi bộ Mới"\n' in text
    # The register still names the dropped cell, so only the tree is compared.
    assert org == read_dataset(target).dataset.organization


def test_data_as_of_is_added_before_the_first_table(tmp_path):
    """An organization.toml without data_as_of gets it among the top keys, comments kept."""
    target = copy_tiny(tmp_path / "target")
    text = (target / "organization.toml").read_text(encoding="utf-8")
    without = text.replace("# Số liệu đến ngày / the data are as of\ndata_as_of = 2025-12-31\n", "")
    (target / "organization.toml").write_text(without, encoding="utf-8")
    dataset = attrs.evolve(load_dataset(target), data_as_of=date(2025, 6, 30))
    save_dataset(dataset, target)
    saved = (target / "organization.toml").read_text(encoding="utf-8")
    assert saved.startswith("# Bộ dữ liệu nhỏ để kiểm thử")
    assert 'level = "xã"\ndata_as_of = 2025-06-30\n\n[[cells]]' in saved
    assert date(2025, 6, 30) == load_dataset(target).data_as_of


def test_an_unreadable_old_toml_file_is_replaced(tmp_path):
    """Saving over an organization.toml that is not valid TOML writes a fresh one."""
    target = copy_tiny(tmp_path / "target")
    dataset = load_dataset(target)
    (target / "organization.toml").write_text("[[cells]\n", encoding="utf-8")
    save_dataset(dataset, target)
    assert dataset == load_dataset(target)
