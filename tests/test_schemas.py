"""The shipped JSON Schemas are current, and the command's real JSON validates against them."""

from __future__ import annotations

import io
import json
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from dangvien.cli import EXIT_OK, EXIT_VIOLATIONS, main
from dangvien.io import load_dataset
from dangvien.output import to_json
from dangvien.rules.eligibility import admissible
from dangvien.schema import SHIPPED, render_schemas, shipped_schema

jsonschema = pytest.importorskip("jsonschema")

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "long-thanh"


def cli_json(*argv: str) -> tuple[int, Any]:
    out = io.StringIO()
    code = main(list(argv), out)
    return code, json.loads(out.getvalue())


def validate(instance: Any, name: str) -> None:
    schema = shipped_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    cls(schema, format_checker=cls.FORMAT_CHECKER).validate(instance)


def test_shipped_files_are_current() -> None:
    """Each shipped schema file equals what `python -m dangvien.schema` generates now."""
    files = resources.files("dangvien.schemas")
    generated = render_schemas()
    assert set(SHIPPED) == set(generated)
    for name, text in generated.items():
        assert text == files.joinpath(f"{name}.schema.json").read_text("utf-8"), name


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_report_json_validates(lang: str) -> None:
    """`dangvien report examples/long-thanh --format json` validates, in both languages."""
    code, data = cli_json(
        "report", str(EXAMPLE), "--as-of", "2025-12-31", "--format", "json", "--lang", lang
    )
    assert EXIT_OK == code
    validate(data, "report")
    assert 16 == len(data["rows"])


def test_report_with_options_validates() -> None:
    """Ceremony counting, scaling and carried shortfalls keep the same shape."""
    code, data = cli_json(
        "report",
        str(EXAMPLE),
        "--as-of",
        "2025-09-30",
        "--count-by",
        "ceremony",
        "--scale",
        "--carry-over",
        "--format",
        "json",
    )
    assert EXIT_OK == code
    validate(data, "report")


def test_a_wrong_report_is_refused() -> None:
    """The schema is strict: a row missing its unit id does not validate."""
    _, data = cli_json("report", str(EXAMPLE), "--as-of", "2025-12-31", "--format", "json")
    del data["rows"][0]["unit"]
    with pytest.raises(jsonschema.ValidationError):
        validate(data, "report")


def test_check_findings_validate() -> None:
    """`dangvien check --format json`: its findings validate against findings.schema.json."""
    code, data = cli_json("check", str(EXAMPLE), "--as-of", "2025-12-31", "--format", "json")
    assert EXIT_VIOLATIONS == code
    assert data["findings"]
    validate(data["findings"], "findings")


def test_due_items_validate() -> None:
    """`dangvien due --format json`: its items validate against due.schema.json."""
    code, data = cli_json(
        "due",
        str(EXAMPLE),
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--as-of",
        "2025-12-31",
        "--format",
        "json",
    )
    assert EXIT_OK == code
    assert data["items"]
    validate(data["items"], "due")


def test_explain_evaluations_validate() -> None:
    """`dangvien explain --format json`: its evaluations validate against their schema."""
    code, data = cli_json(
        "explain", str(EXAMPLE), "LT-0283", "--on", "2025-12-31", "--format", "json"
    )
    assert EXIT_OK == code
    assert data["evaluations"]
    validate(data["evaluations"], "evaluations")


def test_admissibility_validates() -> None:
    """The eligibility answer of one person on one day validates against its schema."""
    answer = admissible(load_dataset(EXAMPLE), "LT-0283", date(2025, 12, 31))
    validate(to_json(answer), "admissibility")
