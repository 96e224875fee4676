"""Fuzzed files: whatever the bytes, reading gives a dataset or DatasetError, never a crash.

The tiny dataset (``tests/data/tiny``) is mutated at the byte level (flipped,
inserted and deleted bytes, truncation, another encoding) and at the field
level (a CSV cell or a TOML value replaced by random, empty, huge or control
text).  The only outcomes allowed are a loaded dataset or a
:class:`~dangvien.io.DatasetError` with at least one issue, and every
issue's text must be printable once invisible characters are escaped.
"""

import csv
import io
import re

from hypothesis import given
from hypothesis import strategies as st
from tests.io_support import TINY

from dangvien.io import DatasetError, load_dataset, read_dataset
from dangvien.model import Dataset

FILES = ("organization.toml", "plans.toml", "people.csv", "events.csv")
ORIGINAL = {name: (TINY / name).read_bytes() for name in FILES}


def load_outcome(tmp_path_factory, files):
    """Write *files* as a dataset, load it, and check the only two allowed outcomes."""
    root = tmp_path_factory.mktemp("fuzz")
    for name, data in files.items():
        (root / name).write_bytes(data)
    error = None
    try:
        dataset = load_dataset(root)
    except DatasetError as exc:
        error = exc
    if error is None:
        assert isinstance(dataset, Dataset)
    else:
        assert error.issues, "a DatasetError without any issue"
        for line in str(error).split("\n"):
            assert line.isprintable(), repr(line)
    # read_dataset never raises either, and agrees on whether there are issues.
    assert (error is None) == read_dataset(root).ok


# --- byte level ---------------------------------------------------------------------


@st.composite
def byte_mutations(draw):
    """One file of the tiny dataset with a few byte-level changes."""
    name = draw(st.sampled_from(FILES))
    data = bytearray(ORIGINAL[name])
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "encode"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        elif kind == "truncate":
            del data[at:]
        else:
            codec = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1"]))
            text = bytes(data).decode("utf-8", errors="replace")
            data = bytearray(text.encode(codec, errors="replace"))
    return {**ORIGINAL, name: bytes(data)}


@given(files=byte_mutations())
def test_byte_mutations_load_or_are_reported(tmp_path_factory, files):
    """Flipped, inserted or deleted bytes, truncation, another encoding: never a crash."""
    load_outcome(tmp_path_factory, files)


# --- field level --------------------------------------------------------------------

#: Text a cell or value may be replaced with: anything, nothing, a lot, control characters.
FIELD_TEXT = st.one_of(
    st.text(max_size=40),
    st.just(""),
    st.integers(1, 30_000).map(lambda n: "x" * n),
    st.text(st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"]), min_size=1, max_size=5),
    st.sampled_from(["-1", "1000000000000", "31/02/2024", "9" * 5000, ";", '"', "\ufeff"]),
)


@st.composite
def csv_cell_mutations(draw):
    """people.csv or events.csv with one cell (header included) replaced."""
    name = draw(st.sampled_from(["people.csv", "events.csv"]))
    rows = list(csv.reader(io.StringIO(ORIGINAL[name].decode("utf-8"))))
    r = draw(st.integers(0, len(rows) - 1))
    c = draw(st.integers(0, len(rows[r]) - 1))
    rows[r][c] = draw(FIELD_TEXT)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return {**ORIGINAL, name: buffer.getvalue().encode("utf-8", errors="surrogatepass")}


@given(files=csv_cell_mutations())
def test_csv_cell_mutations_load_or_are_reported(tmp_path_factory, files):
    """A CSV cell replaced by random, empty, huge or control text: never a crash."""
    load_outcome(tmp_path_factory, files)


_TOML_VALUE = re.compile(r"^(\s*[A-Za-z_]+\s*=\s*)(.*)$", re.MULTILINE)


def toml_literal(text):
    """*text* as a TOML basic string, escaped as TOML requires."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        elif 0xD800 <= ord(ch) <= 0xDFFF:
            out.append("?")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


@st.composite
def toml_value_mutations(draw):
    """organization.toml or plans.toml with one value replaced (quoted text, a number, raw)."""
    name = draw(st.sampled_from(["organization.toml", "plans.toml"]))
    text = ORIGINAL[name].decode("utf-8")
    matches = list(_TOML_VALUE.finditer(text))
    m = draw(st.sampled_from(matches))
    value = draw(
        st.one_of(
            FIELD_TEXT.map(toml_literal),
            st.integers(-(10**30), 10**30).map(str),
            st.sampled_from(["true", "1.5", "inf", "2024-02-30", "1990-01-01T10:00:00"]),
            st.sampled_from(["[]", "{}", "[1, 2]", '{a = "b"}']),
            FIELD_TEXT,  # raw, most often a syntax error
        )
    )
    mutated = text[: m.start(2)] + value + text[m.end(2) :]
    return {**ORIGINAL, name: mutated.encode("utf-8", errors="surrogatepass")}


@given(files=toml_value_mutations())
def test_toml_value_mutations_load_or_are_reported(tmp_path_factory, files):
    """A TOML value replaced by text, a number, another type or raw bytes: never a crash."""
    load_outcome(tmp_path_factory, files)


def test_the_original_loads():
    """The unmutated files load: the fuzz starts from a valid dataset."""
    assert 3 == len(load_dataset(TINY))
