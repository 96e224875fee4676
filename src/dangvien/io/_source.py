"""Opening a dataset's files: OS errors and foreign encodings become one issue each.

Every file is opened through :func:`open_binary` or :func:`read_bytes`, which
turn an OS error (no permission, a directory where a file should be, an I/O
error) into :class:`Unreadable` carrying the reason as a catalogue text.
:func:`sniff` recognises, from a file's first bytes, text that is not UTF-8
at all (UTF-16 or UTF-32 with or without a byte-order mark, binary data), and
:func:`not_utf8` describes the first byte that does not decode: dangvien
never guesses an encoding and reads on, it says which fix is needed.
"""

from __future__ import annotations

import codecs
import errno
import os
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO, Final

from dangvien.messages import Text

__all__ = [
    "FIX_CSV",
    "FIX_TOML",
    "SNIFF_BYTES",
    "Unreadable",
    "check_directory",
    "decode",
    "not_utf8",
    "open_binary",
    "os_reason",
    "read_bytes",
    "sniff",
]

FIX_CSV: Final = Text("io.fix.csv")
FIX_TOML: Final = Text("io.fix.toml")
#: How many leading bytes :func:`sniff` looks at.
SNIFF_BYTES: Final = 4096

_BOMS: Final = (
    # UTF-32 first: its little-endian mark starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "UTF-32 BE"),
    (codecs.BOM_UTF16_LE, "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "UTF-16 BE"),
)
_PERMISSION: Final = frozenset({errno.EACCES, errno.EPERM})


class Unreadable(Exception):
    """A file or directory the OS would not let dangvien read; ``text`` says why."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def os_reason(exc: OSError, *, directory: bool = False) -> Text:
    """Return why the OS refused, as a catalogue text (the OS's own words included)."""
    detail = exc.strerror or type(exc).__name__
    kind = "dir" if directory else "file"
    if isinstance(exc, IsADirectoryError) and not directory:
        return Text("io.file.is_directory")
    if isinstance(exc, PermissionError) or exc.errno in _PERMISSION:
        return Text(f"io.{kind}.no_permission", {"detail": detail})
    return Text(f"io.{kind}.unreadable", {"detail": detail})


def check_directory(root: Path) -> Text | None:
    """Return why *root* cannot be read as a dataset directory, or None when it can."""
    try:
        os.listdir(root)
    except FileNotFoundError:
        return Text("io.dir.missing")
    except NotADirectoryError:
        return Text("io.dir.not_a_directory")
    except OSError as exc:
        return os_reason(exc, directory=True)
    return None


def open_binary(path: Path) -> BinaryIO | None:
    """Open *path* for reading bytes; None when it does not exist.

    Raises:
        Unreadable: for any other OS error (no permission, a directory…).

    """
    try:
        return path.open("rb")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise Unreadable(os_reason(exc)) from None


def read_bytes(path: Path) -> bytes | None:
    """Return the bytes of *path*; None when it does not exist.

    Raises:
        Unreadable: for any other OS error (no permission, a directory…).

    """
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise Unreadable(os_reason(exc)) from None


def sniff(head: bytes, fix: Text) -> Text | None:
    """Return why text starting with *head* is not UTF-8 at all, or None if it may be.

    Recognised: a UTF-16 or UTF-32 byte-order mark; UTF-16 without one (NUL
    bytes at every other position, as ASCII letters have in UTF-16); any other
    NUL byte (binary data).

    >>> sniff("id,tên".encode("utf-16"), FIX_CSV).en
    'the file is UTF-16 LE, not UTF-8: save as CSV UTF-8'
    >>> sniff("id,tên".encode("utf-16-be"), FIX_CSV).en
    'the file is UTF-16 BE, not UTF-8: save as CSV UTF-8'
    >>> sniff("id,tên".encode("utf-8"), FIX_CSV) is None
    True
    """
    for bom, name in _BOMS:
        if head.startswith(bom):
            return Text("io.encoding.other", {"encoding": name, "fix": fix})
    if b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    # ASCII text in UTF-16: every other byte is NUL (the high byte of each unit).
    if odd.count(0) * 2 >= len(odd) and even.count(0) == 0:
        return Text("io.encoding.other", {"encoding": "UTF-16 LE", "fix": fix})
    if even.count(0) * 2 >= len(even) and odd.count(0) == 0:
        return Text("io.encoding.other", {"encoding": "UTF-16 BE", "fix": fix})
    line = head[: head.index(b"\x00")].count(b"\n") + 1
    return Text("io.encoding.binary", {"line": line, "fix": fix})


def not_utf8(lines: Iterable[bytes], fix: Text) -> Text:
    r"""Describe the first byte of *lines* (a file's lines as bytes) that is not UTF-8.

    Each line is decoded alone: a line break is never part of a multi-byte
    character, so the first line that fails holds the first bad byte.

    >>> not_utf8([b"id,ten\n", b"A,Nguy\xe3n\n"], FIX_CSV).en  # doctest: +ELLIPSIS
    'the file is not UTF-8 (line 2 of the file, byte 0xE3; ...): save as CSV UTF-8'
    """
    for number, line in enumerate(lines, start=1):
        if number == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8) :]
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = line[exc.start : exc.start + 1].hex().upper()
            return Text("io.encoding.not_utf8", {"line": number, "byte": f"0x{bad}", "fix": fix})
    # Only called after a decoding error, so some line fails; a defensive default.
    return Text("io.encoding.not_utf8", {"line": "?", "byte": "?", "fix": fix})


def decode(data: bytes, fix: Text) -> str | Text:
    r"""Decode *data* as UTF-8 (a leading byte-order mark is dropped), or say why not.

    >>> decode(b"\xef\xbb\xbfid = 1", FIX_TOML)
    'id = 1'
    >>> decode(b'name = "Nguy\xe3n"', FIX_TOML).en  # doctest: +ELLIPSIS
    'the file is not UTF-8 (line 1 of the file, byte 0xE3; ...): save as UTF-8 text'
    """
    why = sniff(data[:SNIFF_BYTES], fix)
    if why is not None:
        return why
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return not_utf8(data.split(b"\n"), fix)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return Text("io.encoding.binary", {"line": line, "fix": fix})
    return text
