"""The cyclic garbage collector around bulk work.

Loading a province builds millions of small objects that hold no reference
cycles.  Each allocation counts towards the collector's thresholds, so the
collector runs again and again and each full collection traverses
everything built so far, all of it still alive.  :func:`paused` switches it
off for such a stretch and back on after (only if it was on): nothing is
frozen or left disabled for the caller.  Measured at 250 000 people
(``docs/benchmarks.md``): the load takes about a fifth less CPU time paused;
a check, since timelines are replayed without intermediate objects, gains
nothing measurable, so it runs with the collector as the caller set it (the
switch is process-wide: a library call should not hold it off for other
threads without a reason).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused"]


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Switch the cyclic garbage collector off while the block runs, then back as it was.

    >>> with paused():
    ...     gc.isenabled()
    False
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
