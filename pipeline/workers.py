"""Worker processes that never outlive the run that started them.

A worker (a `--n-process` pool process, or a dask worker and its nanny on a local cluster) asks
the kernel to kill it when its parent dies (Linux `PR_SET_PDEATHSIG`), so a run killed with
SIGKILL leaves no orphans holding a model in memory. Workers ignore Ctrl-C: the terminal sends
SIGINT to the whole process group, and the parent alone decides what happens (one message, no
tracebacks from every worker).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

_PR_SET_PDEATHSIG = 1


def stop_with_parent(parent: int | None = None) -> None:
    """For a pool process, from its main thread: leave SIGINT to the parent and die with it.
    If the parent `parent` is already gone (it died before this ran), exit now."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def die_with_parent() -> None:
    """Ask the kernel to SIGKILL this process when its parent dies (any thread may ask)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


@contextmanager
def ignoring_ctrl_c() -> Iterator[None]:
    """Processes started inside this block ignore SIGINT: the setting is inherited, and Python
    keeps an ignored SIGINT ignored (dask's nannies and workers are started this way)."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
