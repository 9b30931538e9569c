"""Files every stage writes and hashes: an atomic write, SHA-256 digests, the code's version."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

from .errors import DocgenError, Problem


def cannot_write(target: Path, exc: OSError) -> DocgenError:
    """An OSError on a temporary file, told about the file the user knows (ENOSPC…)."""
    reason = exc.strerror or re.sub(r"\S*\.tmp\b'?", "", str(exc)).strip() or "OSError"
    return DocgenError([Problem(str(target), None, f"cannot write: {reason}")])


def write_atomic(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` in one rename: readers see the old or the new file."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                    dir=target.parent)
    except OSError as exc:
        raise cannot_write(target, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(name, 0o644)        # documents, manifest and page are all handed out
        os.replace(name, target)
    except OSError as exc:
        raise cannot_write(target, exc) from exc
    finally:
        Path(name).unlink(missing_ok=True)


@lru_cache(maxsize=1024)
def _file_sha256(path: Path, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_sha256(path: Path) -> str:
    """A file's SHA-256, computed once per version of the file in this process."""
    stat = path.stat()
    return _file_sha256(path, stat.st_mtime_ns, stat.st_size)


def digest(paths: list[Path], root: Path, *extra: str) -> str:
    """SHA-256 over files (names relative to ``root``, and contents) and extra strings."""
    h = hashlib.sha256()
    for path in paths:
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(file_sha256(path).encode() if path.exists() else b"<missing>")
    for item in extra:
        h.update(item.encode() + b"\0")
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """The hash of docgen's own code: a change in it rebuilds everything."""
    package = Path(__file__).parent
    return digest(sorted(package.rglob("*.py")), package)[:16]
