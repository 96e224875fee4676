"""Run the commands and snippets of a documentation page and compare (or write) their output.

A page's fenced blocks are read in order:

- a ```` ```python ```` block is run (all of a page's snippets share one
  namespace, from the repository's root); the ```` ```text ```` block right
  after it holds what it prints;
- a ```` ```console ```` block holds ``$ command`` lines, each followed by
  what it prints: ``dangvien …`` runs :func:`dangvien.cli.main`,
  ``python scripts/NAME.py …`` runs that script's ``main``; a trailing
  ``| head -n N`` keeps the first N lines.

Usage::

    python scripts/run_doc_examples.py docs/reuse.md           # exit 1 if an output differs
    python scripts/run_doc_examples.py docs/reuse.md --write   # write the outputs into the page
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import os
import re
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.MULTILINE | re.DOTALL)


def _script_main(name: str):
    path = REPO / "scripts" / name
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


def _command(line: str) -> str:
    """Run one ``$ …`` command line and return what it prints."""
    head: int | None = None
    if "|" in line:
        line, _, pipe = line.partition("|")
        m = re.fullmatch(r"\s*head -n (\d+)\s*", pipe)
        if m is None:
            msg = f"only '| head -n N' is supported: {pipe!r}"
            raise ValueError(msg)
        head = int(m[1])
    words = shlex.split(line)
    buf = io.StringIO()
    if words[0] == "dangvien":
        from dangvien.cli import main

        main(words[1:], out=buf)
    elif words[:1] == ["python"] and words[1].startswith("scripts/"):
        with contextlib.redirect_stdout(buf):
            _script_main(words[1].removeprefix("scripts/"))(words[2:])
    else:
        msg = f"unknown command {line!r}"
        raise ValueError(msg)
    out = buf.getvalue()
    if head is not None:
        out = "".join(out.splitlines(keepends=True)[:head])
    return out


def _blocks(text: str) -> Iterator[re.Match[str]]:
    return _FENCE.finditer(text)


def run_page(path: Path) -> tuple[str, list[tuple[str, str]]]:
    """Return the page with every output replaced by a fresh run, and (expected, actual) pairs."""
    text = path.read_text(encoding="utf-8")
    namespace: dict[str, object] = {"__name__": "__doc_example__"}
    pieces: list[str] = []
    pairs: list[tuple[str, str]] = []
    pos = 0
    pending: str | None = None
    cwd = Path.cwd()
    os.chdir(REPO)
    try:
        for m in _blocks(text):
            lang, body = m[1], m[2]
            pieces.append(text[pos : m.start()])
            pos = m.end()
            if lang == "python":
                buf = io.StringIO()
                with contextlib.redirect_stdout(buf):
                    exec(compile(body, f"{path.name}:python", "exec"), namespace)
                pending = buf.getvalue()
                pieces.append(m[0])
            elif lang == "text" and pending is not None:
                pairs.append((body, pending))
                pieces.append(f"```text\n{pending}```\n")
                pending = None
            elif lang == "console":
                out: list[str] = []
                expected: list[str] = []
                for line in body.splitlines(keepends=True):
                    if line.startswith("$ "):
                        out.append(line)
                        out.append(_command(line[2:].strip()))
                    else:
                        expected.append(line)
                commands = [ln for ln in body.splitlines(keepends=True) if ln.startswith("$ ")]
                actual = "".join(out)
                pairs.append((body, actual))
                del commands
                pieces.append(f"```console\n{actual}```\n")
            else:
                pending = None
                pieces.append(m[0])
        pieces.append(text[pos:])
    finally:
        os.chdir(cwd)
    return "".join(pieces), pairs


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("--write", action="store_true", help="write the outputs into the page")
    args = parser.parse_args(argv)
    page = args.page if args.page.is_absolute() else Path.cwd() / args.page
    fresh, pairs = run_page(page)
    if args.write:
        page.write_text(fresh, encoding="utf-8")
        return 0
    stale = [(e, a) for e, a in pairs if e != a]
    for expected, actual in stale:
        print(f"--- in the page\n{expected}+++ now\n{actual}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
