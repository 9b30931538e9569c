"""``output/manifest.json``: what each document is and what it was built from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..files import file_sha256, write_atomic

if TYPE_CHECKING:
    from ..project import Project


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
