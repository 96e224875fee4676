"""`dangvien show` on the bundled example, and the command's error handling."""

import json
from io import StringIO
from pathlib import Path

from dangvien.cli import EXIT_BAD_DATA, EXIT_OK, main

EXAMPLE = Path(__file__).parents[1] / "examples" / "long-thanh"


def _run(*argv: str) -> tuple[int, str]:
    out = StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_show_json_lists_cells_targets_headline_and_quotas():
    """The JSON summary carries the 16 cells with their printed targets, sum 21, 9–11, 5/5/4/2."""
    code, text = _run("show", str(EXAMPLE), "--format", "json", "--as-of", "2025-12-31")
    data = json.loads(text)
    cells = data["cells"]
    plan = data["plans"][0]
    assert EXIT_OK == code
    assert 16 == len(cells)
    # The table as printed in the seed plan, in its order.
    assert [2, 2, 1, 1, 2, 1, 2, 1, 1, 1, 1, 2, 2, 2, 0, 0] == [
        c["targets"][0]["annual"] for c in cells
    ]
    assert (21, 21) == (plan["admission_target_sum"], plan["plan"]["stated_admission_total"])
    assert {"low": 9, "high": 11, "above": False} == plan["plan"]["headline"]
    assert [5, 5, 4, 2] == [q["annual"] for q in plan["plan"]["introduction_targets"]]


def test_show_text_names_the_commune_and_counts_people():
    """The text summary is headed by the commune and counts the register."""
    code, text = _run("show", str(EXAMPLE), "--as-of", "2025-12-31")
    assert EXIT_OK == code
    assert text.startswith("Đảng bộ xã Long Thành — ")
    assert "Vạn Tràng" in text
    assert "Văn Tràng" in text


def test_bad_dataset_exits_3_and_lists_each_issue(tmp_path, capsys):
    """A dataset with bad rows exits with status 3 and prints every bad row."""
    for name in ("organization.toml", "plans.toml"):
        (tmp_path / name).write_bytes((EXAMPLE / name).read_bytes())
    (tmp_path / "people.csv").write_text(
        "id,full_name,birth_date,sex\nA,A,30/02/2000,nam\nB,B,2000-01-01,x\n", encoding="utf-8"
    )
    code, _ = _run("show", str(tmp_path))
    err = capsys.readouterr().err
    assert EXIT_BAD_DATA == code
    assert "people.csv:2" in err
    assert "people.csv:3" in err
