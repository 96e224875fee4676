"""Helpers for the dataset-file tests: the tiny dataset, unreadable paths, directory snapshots."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

__all__ = ["TINY", "copy_tiny", "snapshot", "unreadable_paths"]

#: The tiny valid dataset every bad dataset is derived from.
TINY = Path(__file__).resolve().parent / "data" / "tiny"


def copy_tiny(target: Path) -> Path:
    """Copy the tiny dataset to *target* (created) and return it."""
    shutil.copytree(TINY, target, dirs_exist_ok=True)
    return target


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file of *directory* (temporary files included) with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


@contextlib.contextmanager
def unreadable_paths(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], None]]:
    """Yield a function that makes a file or directory unreadable, even for root.

    The path is ``chmod 000``; when that has no effect (root reads anything),
    opening, reading or listing that path is made to fail the way the OS
    would, with ``PermissionError(EACCES)``.  Permissions are restored on
    exit so that the temporary directory can be removed.
    """
    refused: set[Path] = set()
    changed: list[tuple[Path, int]] = []
    real_open, real_read, real_listdir = Path.open, Path.read_bytes, os.listdir

    def deny(path: object) -> None:
        if Path(str(path)) in refused:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    def fake_open(self: Path, *args: object, **kwargs: object) -> object:
        deny(self)
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    def fake_read(self: Path) -> bytes:
        deny(self)
        return real_read(self)

    def fake_listdir(path: object = ".") -> list[str]:
        deny(path)
        return real_listdir(path)  # type: ignore[arg-type]

    def make(path: Path) -> None:
        changed.append((path, stat.S_IMODE(path.stat().st_mode)))
        path.chmod(0)
        if os.access(path, os.R_OK):  # running as root: simulate what chmod cannot
            if not refused:
                monkeypatch.setattr(Path, "open", fake_open)
                monkeypatch.setattr(Path, "read_bytes", fake_read)
                monkeypatch.setattr(os, "listdir", fake_listdir)
            refused.add(path)

    try:
        yield make
    finally:
        for path, mode in reversed(changed):
            path.chmod(mode)
