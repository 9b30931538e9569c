"""One build at a time in an output folder (a kernel lock, re-entrant in a process)."""

from __future__ import annotations

import errno
import fcntl
import os
import time
from pathlib import Path

from ..errors import DocgenError, Problem


class BuildLock:
    """Refuses a second build in the same output folder while one runs.

    Re-entrant within a process, so a command can hold it around a build and what follows.
    The lock file is opened without following a symbolic link and without truncating; the
    lock is the kernel's (flock), so it ends with the process that held it. Workers close
    their inherited copy (``close_inherited``), so a killed build never leaves it held.
    """

    grace = 1.0                    # seconds for the workers of a killed build to exit
    held: dict[Path, int] = {}     # output folders this process holds, and how deeply
    fds: dict[Path, int] = {}      # their open lock files

    def __init__(self, output: Path) -> None:
        self.path = output / ".docgen.lock"

    def __enter__(self) -> BuildLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        key = self.path.parent.resolve()
        if BuildLock.held.get(key):
            BuildLock.held[key] += 1
            return self
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC,
                         0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise DocgenError([Problem(str(self.path), None, "is a symbolic link; a "
                                           "build lock must be a plain file: remove the "
                                           "link")]) from None
            raise
        deadline = time.monotonic() + self.grace
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                BuildLock.held[key], BuildLock.fds[key] = 1, fd
                return self
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    break
                time.sleep(0.05)
        os.close(fd)
        raise DocgenError([Problem(str(self.path.parent), None, "another docgen build is "
                                   "running in this folder; wait for it to finish")])

    def __exit__(self, *exc: object) -> None:
        key = self.path.parent.resolve()
        BuildLock.held[key] -= 1
        if not BuildLock.held[key]:
            del BuildLock.held[key]
            fd = BuildLock.fds.pop(key)
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    @staticmethod
    def close_inherited() -> None:
        """In a forked worker: drop the parent's lock files (the lock stays the parent's)."""
        for fd in BuildLock.fds.values():
            try:
                os.close(fd)
            except OSError:
                pass
        BuildLock.fds.clear()
        BuildLock.held.clear()
