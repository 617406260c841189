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
    """Processes started inside this block ignore SIGINT: an ignored signal stays ignored in a
    child, and Python keeps it so (dask's workers are started this way). The price: a Ctrl-C
    pressed during the block (the few seconds a local cluster takes to start) is lost."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


async def stop_with_parent_async() -> None:
    """`stop_with_parent` for a dask worker: `Client.run` awaits a coroutine function on the
    worker's event loop, which runs in its main thread (a plain function may run in another
    thread, where Python refuses to set a signal handler and where the kernel's parent-death
    setting would die with that thread)."""
    stop_with_parent()
