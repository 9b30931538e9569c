"""Publishing outputs safely: write beside the target, check, then rename over."""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import DocgenError, Problem
from ..files import cannot_write


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
            raise cannot_write(target, exc) from exc
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
            raise cannot_write(item.target, exc) from exc


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


def remove_leftovers(output: Path) -> list[Path]:
    """Temporary files a killed build left behind (call with the lock held)."""
    found = [p for pattern in (".*.tmp", "*/.*.tmp") for p in output.glob(pattern)
             if p.is_file()]
    for path in found:
        path.unlink(missing_ok=True)
    return found
