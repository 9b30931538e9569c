"""Publishing outputs safely: one build at a time, atomic replace, and the manifest."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DocgenError, Problem
from .project import file_sha256

if TYPE_CHECKING:
    from .project import Project


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


def verify(path: Path, kind: str) -> None:
    """Check the new file is whole (a PDF's trailer and xref; a DOCX's zip; an HTML page's
    doctype and closing tag); raise if not."""
    if kind == ".html":
        page = path.read_bytes().strip()
        if not (page[:15].lower() == b"<!doctype html>" and page.endswith(b"</html>")):
            raise ValueError("not a complete HTML page")
        return
    if kind == ".pdf":
        data = path.read_bytes()
        tail = data[-1024:]
        found = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", tail)
        if not data.startswith(b"%PDF-") or found is None:
            raise ValueError("not a complete PDF (no trailer)")
        offset = int(found.group(1))
        if not re.match(rb"xref|\d+ \d+ obj", data[offset: offset + 32]):
            raise ValueError("not a complete PDF (cross-reference table missing)")
        return
    with zipfile.ZipFile(path) as archive:
        bad = archive.testzip()
        if bad is not None or "word/document.xml" not in archive.namelist():
            raise ValueError(f"damaged DOCX entry {bad}")


@dataclass(frozen=True)
class Staged:
    """A new output, written and verified beside its target, waiting to be renamed over."""

    tmp: Path
    target: Path
    pages: int | None


def _cannot_write(target: Path, exc: OSError) -> DocgenError:
    """An OSError on a temporary file, told about the file the user knows (ENOSPC…)."""
    reason = exc.strerror or re.sub(r"\S*\.tmp\b'?", "", str(exc)).strip() or "OSError"
    return DocgenError([Problem(str(target), None, f"cannot write: {reason}")])


def stage(target: Path, write: Callable[[Path], int | None]) -> Staged:
    """Write through a temporary file in the target's folder and verify it; keep the old file.

    ``write`` returns the page count of a PDF (or None). ``commit`` renames it over.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        try:
            pages = write(tmp)
        except OSError as exc:
            raise _cannot_write(target, exc) from exc
        try:
            verify(tmp, target.suffix)
        except Exception as exc:  # any reader failure means the file is not whole
            raise DocgenError([Problem(str(target), None, f"new file failed its check "
                                       f"({str(exc).replace(str(tmp), target.name)}); the "
                                       "previous file is kept")]) from exc
        os.chmod(tmp, 0o644)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return Staged(tmp, target, pages)


def commit(staged: list[Staged]) -> None:
    """Rename each staged file over its target."""
    for item in staged:
        try:
            os.replace(item.tmp, item.target)
        except OSError as exc:
            raise _cannot_write(item.target, exc) from exc


def discard(staged: list[Staged]) -> None:
    for item in staged:
        item.tmp.unlink(missing_ok=True)


def publish(target: Path, write: Callable[[Path], int | None]) -> int | None:
    """Stage, verify and rename over in one step; returns what ``write`` returned."""
    staged = stage(target, write)
    try:
        commit([staged])
    finally:
        discard([staged])
    return staged.pages


def write_atomic(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` in one rename: readers see the old or the new file."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                    dir=target.parent)
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(name, 0o644)        # documents, manifest and page are all handed out
        os.replace(name, target)
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    finally:
        Path(name).unlink(missing_ok=True)


def remove_leftovers(output: Path) -> list[Path]:
    """Temporary files a killed build left behind (call with the lock held)."""
    found = [p for pattern in (".*.tmp", "*/.*.tmp") for p in output.glob(pattern)
             if p.is_file()]
    for path in found:
        path.unlink(missing_ok=True)
    return found


class Manifest:
    """``output/manifest.json``: what each document is and what it was built from."""

    def __init__(self, entries: dict[str, dict[str, Any]]) -> None:
        self.entries = entries

    @classmethod
    def load(cls, output: Path) -> Manifest:
        try:
            data = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
            return cls({f"{d['language']}/{d['format']}": d for d in data["documents"]})
        except (OSError, ValueError, KeyError, TypeError):
            return cls({})

    def is_current(self, project: Project, lang: str, fmt: str, key: str) -> bool:
        """Same input hashes, the file as recorded, and no input touched since (like make)."""
        entry = self.entries.get(f"{lang}/{fmt}")
        path = project.output_path(lang, fmt)
        if not (entry and entry.get("inputs") == key and path.exists()):
            return False
        stat = path.stat()
        return entry.get("size") == stat.st_size and all(
            p.stat().st_mtime <= stat.st_mtime for p in project.inputs(lang, fmt))

    def record(self, project: Project, lang: str, fmt: str, key: str, pages: int | None,
               coverage: float, fallbacks: list) -> None:
        path = project.output_path(lang, fmt)
        self.entries[f"{lang}/{fmt}"] = {
            "language": lang, "format": fmt,
            "path": path.relative_to(project.output).as_posix(),
            "size": path.stat().st_size, "pages": pages, "sha256": file_sha256(path),
            "inputs": key,
            "input_files": {p.relative_to(project.root).as_posix(): file_sha256(p)
                            for p in project.inputs(lang, fmt)},
            "coverage": round(coverage, 4),
            "fallbacks": [list(f) for f in fallbacks],
        }

    def save(self, output: Path, order: list[str], keep: set[str] | None = None) -> None:
        """Write the manifest; ``keep``: the configured languages (others are dropped)."""
        keys = sorted((k for k in self.entries
                       if keep is None or self.entries[k]["language"] in keep),
                      key=lambda k: (k not in order, order.index(k) if k in order else 0, k))
        text = json.dumps({"generator": "docgen", "documents": [self.entries[k] for k in keys]},
                          ensure_ascii=False, indent=2) + "\n"
        try:
            if (output / "manifest.json").read_bytes() == text.encode("utf-8"):
                return                              # unchanged: not even its date
        except OSError:
            pass
        write_atomic(output / "manifest.json", text.encode("utf-8"))
