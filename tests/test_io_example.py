"""The example states the date its data are as of, and regenerating it keeps that date."""

import importlib.util
import shutil
from datetime import date
from pathlib import Path

import pytest

from dangvien.io import load_dataset, save_dataset

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "long-thanh"
SCRIPT = EXAMPLE.parent.parent / "scripts" / "make_example.py"


def _script():
    spec = importlib.util.spec_from_file_location("make_example", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_example_is_as_of_the_end_of_2025():
    """organization.toml says data_as_of = 2025-12-31, under a comment in both languages."""
    text = (EXAMPLE / "organization.toml").read_text(encoding="utf-8")
    assert (
        "# Số liệu đến ngày 31/12/2025: không sự kiện nào được ghi sau ngày này.\n"
        "# The data are as of 31 December 2025: no event is dated later.\n"
        "data_as_of = 2025-12-31\n"
    ) in text
    dataset = load_dataset(EXAMPLE)
    assert date(2025, 12, 31) == dataset.data_as_of
    assert date(2025, 12, 31) >= max(r.last_date for r in dataset if r.last_date)


def test_regenerating_the_example_keeps_its_organisation_byte_for_byte(tmp_path):
    """The generated example, saved whole over a copy, leaves both TOML files unchanged."""
    generated = _script().example_dataset(EXAMPLE)
    assert date(2025, 12, 31) == generated.data_as_of
    target = tmp_path / "long-thanh"
    shutil.copytree(EXAMPLE, target)
    save_dataset(generated, target)
    for name in ("organization.toml", "plans.toml", "people.csv", "events.csv"):
        assert (EXAMPLE / name).read_bytes() == (target / name).read_bytes(), name


def test_the_generator_refuses_an_organisation_of_another_date(tmp_path):
    """If organization.toml's data_as_of drifts from the generator's, make_example says so."""
    shutil.copytree(EXAMPLE, tmp_path / "lt")
    org = tmp_path / "lt" / "organization.toml"
    text = org.read_text(encoding="utf-8")
    org.write_text(text.replace("= 2025-12-31", "= 2026-06-30"), encoding="utf-8")
    with pytest.raises(ValueError, match="data_as_of = 2026-06-30") as info:
        _script().example_dataset(tmp_path / "lt")
    assert "the register is generated as of 2025-12-31" in str(info.value)
