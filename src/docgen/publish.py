"""Publishing outputs safely: one build at a time, atomic replace, and the manifest."""

from __future__ import annotations

import fcntl
import json
import os
import re
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DocgenError, Problem
from .project import file_sha256

if TYPE_CHECKING:
    from .project import Project


class BuildLock:
    """Refuses a second build in the same output folder while one runs.

    Re-entrant within a process, so a command can hold it around a build and what follows.
    """

    grace = 1.0                    # seconds for the workers of a killed build to exit
    held: dict[Path, int] = {}     # output folders this process holds, and how deeply

    def __init__(self, output: Path) -> None:
        self.path = output / ".docgen.lock"
        self.handle: Any = None

    def __enter__(self) -> BuildLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        key = self.path.resolve()
        if BuildLock.held.get(key):
            BuildLock.held[key] += 1
            return self
        self.handle = open(self.path, "w")  # noqa: SIM115 (held until __exit__)
        deadline = time.monotonic() + self.grace
        while True:
            try:
                fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                BuildLock.held[key] = 1
                return self
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    break
                time.sleep(0.05)
        self.handle.close()
        raise DocgenError([Problem(str(self.path.parent), None, "another docgen build is "
                                   "running in this folder; wait for it to finish")])

    def __exit__(self, *exc: object) -> None:
        key = self.path.resolve()
        BuildLock.held[key] -= 1
        if not BuildLock.held[key]:
            del BuildLock.held[key]
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()


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


def publish(target: Path, write: Callable[[Path], int | None]) -> int | None:
    """Write through a temporary file in the same folder, verify it, then rename it over.

    Returns what ``write`` returned (the page count of a PDF).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        pages = write(tmp)
        try:
            verify(tmp, target.suffix)
        except Exception as exc:  # any reader failure means the file is not whole
            raise DocgenError([Problem(str(target), None, f"new file failed its check "
                                       f"({exc}); the previous file is kept")]) from exc
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
        return pages
    finally:
        tmp.unlink(missing_ok=True)


def write_atomic(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` in one rename: readers see the old or the new file."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(name, 0o644)        # documents, manifest and page are all handed out
        os.replace(name, target)
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
        write_atomic(output / "manifest.json", text.encode("utf-8"))
