"""Worker processes that die with the build that started them.

A forked worker inherits the build lock's file; if it outlived a killed build, it would hold
the lock (and every later build would be refused). So each worker drops its copy of the
lock and asks the kernel to kill it when its parent dies (elsewhere: a watching thread).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

from .lock import BuildLock

PR_SET_PDEATHSIG = 1


def _started(parent: int) -> None:
    BuildLock.close_inherited()
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)
        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:          # the build died before the signal was asked for
        os._exit(1)


def pool(workers: int) -> ProcessPoolExecutor:
    """A process pool whose workers never outlive this process."""
    return ProcessPoolExecutor(max_workers=workers, initializer=_started,
                               initargs=(os.getpid(),))
