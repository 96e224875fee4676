"""The README's code runs as written, and its quickstart is what CI runs."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_tour_runs(monkeypatch) -> None:
    """Every ```python block of the README executes without error from the repository root."""
    monkeypatch.chdir(ROOT)
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)
    assert blocks
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for code in blocks:
            exec(compile(code, "README.md", "exec"), {})
    assert "PLAN-HEADLINE-SUM" in out.getvalue()


def test_quickstart_has_two_commands_with_their_own_virtual_environment() -> None:
    """The quickstart is two commands, each creating the virtual environment it uses."""
    block = README.split("<!-- quickstart-start -->")[1].split("<!-- quickstart-end -->")[0]
    (sh,) = re.findall(r"```sh\n(.*?)```", block, flags=re.DOTALL)
    commands = [line for line in sh.splitlines() if line and not line.startswith("#")]
    assert 2 == len(commands)
    assert all(c.startswith("python3 -m venv .venv && ") for c in commands)
    assert "dangvien report examples/long-thanh" in commands[0]
    assert commands[1].endswith("-m pytest")


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run takes the test command from the README, so the two cannot drift apart."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "quickstart-start" in ci
