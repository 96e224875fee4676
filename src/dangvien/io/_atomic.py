"""Replacing several files of a directory so that a failure leaves the old ones.

:func:`replace_files` writes each new file to a temporary file in the same
directory, flushes and fsyncs it, and only then renames every temporary file
over its target (:func:`os.replace`, atomic on POSIX and Windows).  When any
step fails, the files already replaced are put back from their old bytes,
kept in memory, and the temporary files are removed; the exception is then
raised again.  So after an exception the directory holds the old files byte
for byte, and after a return the new ones.

What this cannot promise: a power loss or a killed process *between* two
renames leaves some files new and some old, since no file system offers a
rename of several files at once.

The primitive steps (:func:`_write`, :func:`_fsync`, :func:`_replace`) are
module-level functions so that tests can make any one of them fail.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Mapping
from pathlib import Path

__all__ = ["replace_files", "sync_directory", "write_synced"]


def _write(fd: int, data: bytes) -> None:
    """Write all of *data* to the open file *fd*."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _fsync(fd: int) -> None:
    """Flush the open file *fd* to the disk."""
    os.fsync(fd)


def _replace(source: Path, target: Path) -> None:
    """Rename *source* over *target*, atomically."""
    os.replace(source, target)


def _temporary(target: Path, data: bytes, mode: int | None) -> Path:
    """Write *data* to a new temporary file beside *target*, synced to the disk; return it."""
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    # 0o666 less the umask, as a plain open() would give a new file.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        if mode is not None:
            os.chmod(tmp, mode)
        _write(fd, data)
        _fsync(fd)
    except BaseException:
        os.close(fd)
        _remove(tmp)
        raise
    os.close(fd)
    return tmp


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _sync_directory(root: Path) -> None:
    """Make the renames durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(root, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def write_synced(path: Path, data: bytes) -> None:
    """Write *data* to the new file *path* and sync it to the disk (it must not exist)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        _write(fd, data)
        _fsync(fd)
    finally:
        os.close(fd)


def sync_directory(root: Path) -> None:
    """Make the renames inside *root* durable (see :func:`_sync_directory`)."""
    _sync_directory(root)


def replace_files(root: Path, new: Mapping[str, bytes], old: Mapping[str, bytes | None]) -> None:
    """Replace the files *new* names in *root* with their bytes, or leave *root* as it was.

    Args:
        root: an existing directory.
        new: file name → bytes to write.  A file whose bytes equal its old
            bytes is not rewritten.
        old: file name → the bytes the file holds now (read by the caller
            before anything was written), None for a file that does not
            exist.  Used to restore the directory when a step fails.

    Raises:
        OSError: when a step fails; the directory then holds the old files.

    """
    changed = {name: data for name, data in new.items() if old.get(name) != data}
    modes: dict[str, int | None] = {}
    for name in changed:
        try:
            modes[name] = stat.S_IMODE((root / name).stat().st_mode)
        except FileNotFoundError:
            modes[name] = None
    temporary: dict[str, Path] = {}
    replaced: list[str] = []
    try:
        for name, data in changed.items():
            temporary[name] = _temporary(root / name, data, modes[name])
        for name, tmp in temporary.items():
            _replace(tmp, root / name)
            replaced.append(name)
    except BaseException as exc:
        for name, tmp in temporary.items():
            if name not in replaced:
                _remove(tmp)
        lost = _restore(root, replaced, old, modes)
        if lost:
            exc.add_note(f"could not restore {', '.join(lost)} in {root}")
        raise
    _sync_directory(root)


def _restore(
    root: Path, replaced: list[str], old: Mapping[str, bytes | None], modes: dict[str, int | None]
) -> list[str]:
    """Put back the old bytes of the files already replaced; return those that failed."""
    lost = []
    for name in reversed(replaced):
        before = old.get(name)
        try:
            if before is None:
                _remove(root / name)
            else:
                _replace(_temporary(root / name, before, modes[name]), root / name)
        except OSError:
            lost.append(name)
    _sync_directory(root)
    return lost
