"""Every example of the tutorials, how-to guides and seed walk-through runs as the page shows.

Each page runs from the top in a fresh directory holding a copy of
``examples/``, as a reader does from a clone of the repository:

- ```` ```python ```` blocks are executed in one namespace per page;
- ```` ```pycon ```` blocks are doctests in the same namespace (``...``
  stands for any text);
- ```` ```console ```` blocks hold ``$ dangvien …`` commands, run in-process,
  each followed by the output it must print (``...`` stands for any lines).
  A command exits 0 (``check`` may exit 1); another status is written as a
  comment: ``$ dangvien explain … LT-9999  # exit status 2``;
- ```` ```{code-block} LANG ```` with ``:caption: PATH`` is a file the reader
  writes: its text is written to PATH;
- ```` ```sh ```` blocks are not run: only installation and server commands
  may be written that way (:data:`NOT_RUN`);
- ```` ```text ```` and ```` ```toml ```` blocks illustrate (a directory
  tree, part of a data file); ```` ```{toctree} ```` blocks list pages.

The English pages and their Vietnamese twins under ``docs/vi/`` are all run
(each checks its own output, in its own language), and each pair must hold
the same code: the same blocks, equal once comments, docstrings and the
choice of language (``--lang en``, ``"en"``, ``text.en``, ``label_en``) are
set aside.  Parallel pages rather than gettext catalogues: a reviewer reads
and corrects a whole Vietnamese page, and each shows the real Vietnamese
output of its commands.
"""

from __future__ import annotations

import ast
import contextlib
import doctest
import io
import os
import re
import shlex
import shutil
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from dangvien.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
VI = DOCS / "vi"

#: The pages that teach, in English; each has a twin under docs/vi/.
TEACHING = sorted(
    [
        *DOCS.glob("tutorials/*.md"),
        *DOCS.glob("howto/*.md"),
        DOCS / "long-thanh-plan.md",
        DOCS / "reuse.md",
    ]
)
PAGES = [*TEACHING, *(VI / p.relative_to(DOCS) for p in TEACHING), VI / "quickstart.md"]

#: Commands a page may show without the test running them: installing,
#: cloning, activating, serving, and calling the server.
NOT_RUN = re.compile(
    r"^(python3? -m venv |\.venv/bin/|\. \.venv/bin/activate|pip install |git clone |cd dangvien"
    r"|python examples/web/app\.py |curl |jupyter lab)"
)
FENCE = re.compile(
    r"^(?P<fence>`{3,})(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.M | re.S
)


@attrs.frozen
class Block:
    """A fenced block of a page: its language, options, text, first line and place."""

    lang: str
    options: dict[str, str]
    text: str
    line: int
    span: tuple[int, int] = (0, 0)


def blocks(page: Path) -> list[Block]:
    """The fenced blocks of *page*, in order (MyST directive options parsed)."""
    source = page.read_text(encoding="utf-8")
    found = []
    for m in FENCE.finditer(source):
        info = m["info"].strip()
        body = m["body"]
        options: dict[str, str] = {}
        if info.startswith("{code-block}"):
            lines = body.splitlines(keepends=True)
            while lines and lines[0].startswith(":"):
                key, _, value = lines.pop(0)[1:].partition(":")
                options[key.strip()] = value.strip()
            body = "".join(lines).lstrip("\n")
            info = "file:" + info.removeprefix("{code-block}").strip()
        line = source.count("\n", 0, m.start()) + 1
        found.append(Block(info, options, body, line, (m.start("body"), m.end("body"))))
    return found


# --- running a page -------------------------------------------------------------------


def _console(block: Block) -> Iterator[tuple[str, str, int]]:
    """(command, expected output, expected status) for each ``$`` line of a console block."""
    command: str | None = None
    expected: list[str] = []
    for line in block.text.splitlines():
        if line.startswith("$ "):
            if command is not None:
                yield _split_status(command, expected)
            command, expected = line[2:], []
        else:
            assert command is not None, f"line {block.line}: output before any command"
            expected.append(line)
    if command is not None:
        yield _split_status(command, expected)


def _split_status(command: str, expected: list[str]) -> tuple[str, str, int]:
    m = re.search(r"\s+#\s*exit status (\d+)\s*$", command)
    status = int(m[1]) if m else 0
    return command[: m.start()] if m else command, "\n".join(expected), status


def _run_command(command: str) -> tuple[str, int]:
    argv = shlex.split(command)
    if argv[:3] == ["python", "-m", "dangvien"]:
        argv = ["dangvien", *argv[3:]]
    assert argv[0] == "dangvien", f"only dangvien commands run in a console block: {command}"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        status = main(argv[1:], out=out)
    return out.getvalue() + err.getvalue(), status


def _same(expected: str, got: str) -> bool:
    tidy = "\n".join(line.rstrip() for line in got.rstrip("\n").splitlines())
    want = "\n".join(line.rstrip() for line in expected.rstrip("\n").splitlines())
    return doctest.OutputChecker().check_output(want + "\n", tidy + "\n", doctest.ELLIPSIS)


class _Collector(doctest.DocTestRunner):
    """A doctest runner that keeps each failing example with what it printed."""

    def __init__(self) -> None:
        super().__init__(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        self.got: list[tuple[doctest.Example, str]] = []

    def report_failure(self, out, test, example, got) -> None:
        self.got.append((example, got))
        super().report_failure(out, test, example, got)


def _rewrite_pycon(block: Block, failed: list[tuple[doctest.Example, str]]) -> str:
    lines = block.text.splitlines()
    for example, got in reversed(failed):
        start = example.lineno + len(example.source.splitlines())
        lines[start : start + len(example.want.splitlines())] = got.rstrip("\n").splitlines()
    return "\n".join(lines) + "\n"


def run_page(page: Path, workdir: Path, *, update: bool = False) -> list[tuple[Block, str]]:
    """Run every block of *page* in *workdir*, failing on the first that does not do as shown.

    With *update*, a console output or a doctest output that differs is not a
    failure when it holds no ``...``: the block's new text is returned instead.
    """
    shutil.copytree(
        ROOT / "examples", workdir / "examples", ignore=shutil.ignore_patterns("*.ipynb")
    )
    namespace: dict[str, object] = {"__name__": "__main__"}
    name = str(page.relative_to(DOCS))
    parser = doctest.DocTestParser()
    edits: list[tuple[Block, str]] = []
    for block in blocks(page):
        where = f"{name}:{block.line}"
        if block.lang == "python":
            exec(compile(block.text, where, "exec"), namespace)
        elif block.lang == "pycon":
            test = parser.get_doctest(block.text, {}, where, name, block.line)
            test.globs = namespace  # DocTest copies its globals; the page shares one
            report = io.StringIO()
            runner = _Collector()
            runner.run(test, out=report.write, clear_globs=False)
            fixable = update and all("..." not in e.want for e, _ in runner.got)
            assert runner.failures == len(runner.got), report.getvalue()  # no exception
            assert not runner.failures or fixable, report.getvalue()
            if runner.got:
                edits.append((block, _rewrite_pycon(block, runner.got)))
        elif block.lang == "console":
            shown: list[str] = []
            changed = False
            for command, expected, status in _console(block):
                got, code = _run_command(command)
                allowed = {status} | ({1} if " check " in f" {command} " and status == 0 else set())
                assert code in allowed, f"{where}: `{command}` exited {code}:\n{got}"
                same = _same(expected, got)
                fixable = update and "..." not in expected.splitlines()
                assert same or fixable, f"{where}: `{command}` printed:\n{got}"
                changed |= not same
                suffix = f"  # exit status {status}" if status else ""
                output = expected if same else got.rstrip()
                shown += [f"$ {command}{suffix}", *output.splitlines()]
            if changed:
                edits.append((block, "\n".join(line.rstrip() for line in shown) + "\n"))
        elif block.lang.startswith("file:"):
            assert "caption" in block.options, f"{where}: a file block needs :caption: PATH"
            target = workdir / block.options["caption"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.text, encoding="utf-8")
        elif block.lang == "sh":
            for line in _commands(block.text):
                assert NOT_RUN.match(line), f"{where}: `{line}` is not run: use a console block"
        else:
            assert block.lang in ("text", "toml", "mermaid", "{toctree}"), (
                f"{where}: unknown block language {block.lang!r}"
            )
    return edits


def _commands(text: str) -> list[str]:
    return [
        ln for ln in (x.split(" #")[0].strip() for x in text.splitlines()) if ln and ln[0] != "#"
    ]


@pytest.fixture
def isolated(tmp_path, monkeypatch) -> Iterator[Path]:
    """A fresh working directory; sys.path and imported modules restored afterwards."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DANGVIEN_LANG", raising=False)
    monkeypatch.setattr(sys, "path", list(sys.path))
    before = set(sys.modules)
    yield tmp_path
    for module in set(sys.modules) - before:
        if str(tmp_path) in str(getattr(sys.modules[module], "__file__", "") or ""):
            del sys.modules[module]


#: ``DANGVIEN_DOCS_UPDATE=1 pytest tests/test_docs_examples.py`` writes the
#: outputs that changed (those without ``...``) into the pages; review the diff.
UPDATE = os.environ.get("DANGVIEN_DOCS_UPDATE") == "1"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_page_runs_as_shown(page, isolated) -> None:
    """Each block does what the page says: code runs, commands print the output shown."""
    assert page.is_file(), f"missing page {page.relative_to(ROOT)}"
    edits = run_page(page, isolated, update=UPDATE)
    if edits:
        source = page.read_text(encoding="utf-8")
        for block, text in sorted(edits, key=lambda e: -e[0].span[0]):
            source = source[: block.span[0]] + text + source[block.span[1] :]
        page.write_text(source, encoding="utf-8")
        pytest.fail(f"{len(edits)} blocks of {page.relative_to(ROOT)} rewritten: review the diff")


# --- English and Vietnamese in step ---------------------------------------------------

LANG_LITERAL = re.compile(r"""(["'])(?:en|vi)\1""")
LANG_OPTION = re.compile(r"\s+--lang[ =](?:en|vi)\b")
LANG_NAME = re.compile(r"(?<=\w)([._])(?:en|vi)\b")
LANG_QUERY = re.compile(r"\blang=(?:en|vi)\b")


def _python_code(text: str) -> str:
    """Python code without comments, docstrings or the choice of language.

    Comments and docstrings may be translated; ``"en"``, ``text.en`` and
    ``label_en`` stand for the reader's language, so the Vietnamese page may
    say ``"vi"``, ``text.vi`` and ``label_vi``.
    """
    tree = ast.parse(textwrap.dedent(text))
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            body[0] = ast.Pass()
    code = ast.unparse(tree)
    code = LANG_QUERY.sub("lang=LANG", LANG_LITERAL.sub("'LANG'", code))
    return LANG_NAME.sub(r"\1LANG", code)


def code_of(block: Block) -> tuple[str, str]:
    """What must be equal in the two languages: the block's kind and its code."""
    if block.lang == "python":
        return block.lang, _python_code(block.text)
    if block.lang == "pycon":
        examples = doctest.DocTestParser().get_examples(block.text)
        return block.lang, " | ".join(_python_code(e.source) for e in examples)
    if block.lang == "console":
        return block.lang, " | ".join(LANG_OPTION.sub("", c) for c, _, _ in _console(block))
    if block.lang == "sh":
        return block.lang, " | ".join(_commands(block.text))
    if block.lang.startswith("file:"):
        lines = [ln for ln in block.text.splitlines() if not ln.lstrip().startswith("#")]
        return block.lang + block.options.get("caption", ""), "\n".join(lines)
    if block.lang == "{toctree}":
        return block.lang, block.text
    return block.lang, ""  # illustrations may be translated


@pytest.mark.parametrize("page", TEACHING, ids=lambda p: str(p.relative_to(DOCS)))
def test_vietnamese_twin_has_the_same_code(page) -> None:
    """docs/vi/ has the page, with the same code blocks (comments and language aside)."""
    twin = VI / page.relative_to(DOCS)
    assert twin.is_file(), f"no Vietnamese page {twin.relative_to(ROOT)}"
    assert [code_of(b) for b in blocks(page)] == [code_of(b) for b in blocks(twin)]


@pytest.mark.parametrize("page", TEACHING, ids=lambda p: str(p.relative_to(DOCS)))
def test_each_page_links_to_its_twin(page) -> None:
    """The English page links to the Vietnamese one and back (the language switch)."""
    twin = VI / page.relative_to(DOCS)
    to_twin = os.path.relpath(twin, page.parent)
    back = os.path.relpath(page, twin.parent)
    assert f"]({to_twin})" in page.read_text(encoding="utf-8")
    assert f"]({back})" in twin.read_text(encoding="utf-8")


def test_vietnamese_quickstart_runs_the_readme_commands() -> None:
    """The Vietnamese quickstart shows the README's two quickstart commands, as written."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- quickstart-start -->")[1].split("<!-- quickstart-end -->")[0]
    (english,) = re.findall(r"```sh\n(.*?)```", block, flags=re.DOTALL)
    (vietnamese,) = [b for b in blocks(VI / "quickstart.md") if b.lang == "sh"]
    assert _commands(english) == _commands(vietnamese.text)


def test_every_teaching_page_is_in_a_toctree() -> None:
    """The built site reaches every tutorial and guide, in both languages."""
    listed = set()
    for index in [DOCS / "index.md", *DOCS.rglob("index.md")]:
        for m in re.finditer(r"```\{toctree\}\n(.*?)```", index.read_text(encoding="utf-8"), re.S):
            for entry in m[1].splitlines():
                if entry and not entry.startswith(":"):
                    listed.add((index.parent / entry.strip()).with_suffix(".md").resolve())
    assert [] == [str(p.relative_to(DOCS)) for p in PAGES if p.resolve() not in listed]
