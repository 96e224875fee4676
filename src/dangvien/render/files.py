r"""Writing output files atomically (ghi tệp an toàn).

A report or a calendar is written to a temporary file in the target's own
directory, flushed to disk, then moved over the target with
:func:`os.replace`: a reader sees the old file or the new one, never half a
file, and a failure leaves the old file as it was.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as d:
...     path = pathlib.Path(d) / "r.txt"
...     write_atomic(path, "xin chào\\n")
...     path.read_text("utf-8"), sorted(p.name for p in pathlib.Path(d).iterdir())
('xin chào\\n', ['r.txt'])
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["write_atomic"]


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write *data* (text as UTF-8) to *path* atomically.

    Raises:
        OSError: when the directory cannot be written, or the target is a
            directory; the target is then left untouched.

    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = target.parent if str(target.parent) else Path()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        # Name the file asked for, not the temporary one.
        raise OSError(exc.errno, exc.strerror, str(target)) from exc
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        if target.exists():
            # Keep the permissions of the file replaced.
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
        raise
    # The rename itself reaches the disk when the directory is synced (POSIX).
    with contextlib.suppress(OSError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
