"""``output/manifest.json``: what each document is and what it was built from.

The build writes it (``Manifest.record``, ``Manifest.save``); the download page reads the
same ``Entry`` objects (``Manifest.read``) and adds what it says about the edition.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DocgenError, Problem
from ..files import file_sha256, write_atomic
from ..localise.labels import Fallback

if TYPE_CHECKING:
    from ..project import Project
    from .plan import Job

NAME = "manifest.json"


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One document: where it is, its size and hash, what it was built from, how complete."""

    language: str
    format: str
    path: str                       # relative to the output folder
    size: int
    pages: int | None               # None: Word and LibreOffice decide
    sha256: str
    inputs: str                     # the job's cache key
    input_files: dict[str, str]     # each input (relative to the project) and its SHA-256
    coverage: float                 # share of the source's texts that are translated
    fallbacks: tuple[Fallback, ...] = ()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entry:
        return cls(language=data["language"], format=data["format"], path=data["path"],
                   size=data["size"], pages=data["pages"], sha256=data["sha256"],
                   inputs=data["inputs"], input_files=dict(data["input_files"]),
                   coverage=data["coverage"],
                   fallbacks=tuple(Fallback(domain=f[0], context=f[1], msgid=f[2], reason=f[3])
                                   for f in data.get("fallbacks", [])))

    def as_json(self) -> dict[str, Any]:
        return {"language": self.language, "format": self.format, "path": self.path,
                "size": self.size, "pages": self.pages, "sha256": self.sha256,
                "inputs": self.inputs, "input_files": self.input_files,
                "coverage": self.coverage,
                "fallbacks": [[f.domain, f.context, f.msgid, f.reason] for f in self.fallbacks]}


class Manifest:
    """``output/manifest.json``: its entries by "lang/format", and what else it says (the
    download page adds the edition)."""

    def __init__(self, entries: dict[str, Entry], extra: dict[str, Any] | None = None) -> None:
        self.entries = entries
        self.extra = extra or {}

    @classmethod
    def read(cls, output: Path) -> Manifest:
        """The manifest as the build left it; none (or not readable) is an error."""
        path = output / NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = [Entry.from_json(d) for d in data["documents"]]
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            raise DocgenError([Problem(str(path), None,
                                       "no manifest: run 'docgen build' first")]) from None
        extra = {k: v for k, v in data.items() if k not in ("generator", "documents")}
        return cls({f"{e.language}/{e.format}": e for e in entries}, extra)

    @classmethod
    def load(cls, output: Path) -> Manifest:
        """The manifest, or an empty one (a build then makes every document)."""
        try:
            return cls.read(output)
        except DocgenError:
            return cls({})

    def is_current(self, project: Project, job: Job) -> bool:
        """Same input hashes, the file as recorded, and no input touched since (like make)."""
        entry = self.entries.get(f"{job.lang}/{job.fmt}")
        path = project.output_path(job.lang, job.fmt)
        if not (entry and entry.inputs == job.key and path.exists()):
            return False
        stat = path.stat()
        return entry.size == stat.st_size and job.newest <= stat.st_mtime

    def record(self, project: Project, job: Job, pages: int | None, coverage: float,
               fallbacks: list[Fallback]) -> None:
        lang, fmt = job.lang, job.fmt
        path = project.output_path(lang, fmt)
        self.entries[f"{lang}/{fmt}"] = Entry(
            language=lang, format=fmt, path=path.relative_to(project.output).as_posix(),
            size=path.stat().st_size, pages=pages, sha256=file_sha256(path), inputs=job.key,
            input_files={p.relative_to(project.root).as_posix(): file_sha256(p)
                         for p in job.inputs},
            coverage=round(coverage, 4), fallbacks=tuple(fallbacks))

    def text(self, keys: list[str], extra: dict[str, Any] | None = None) -> str:
        """The JSON of the entries ``keys``, in that order, then ``extra``'s fields."""
        data = {"generator": "docgen", "documents": [self.entries[k].as_json() for k in keys],
                **(extra or {})}
        # (no mutate: json reads ensure_ascii=None as False, an equivalent mutant)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"  # pragma: no mutate

    def save(self, output: Path, order: list[str], keep: set[str] | None = None) -> None:
        """Write the manifest; ``keep``: the configured languages (others are dropped)."""
        keys = sorted((k for k in self.entries
                       if keep is None or self.entries[k].language in keep),
                      key=lambda k: (k not in order, order.index(k) if k in order else 0, k))
        data = self.text(keys).encode("utf-8")
        try:
            if (output / NAME).read_bytes() == data:
                return                              # unchanged: not even its date
        except OSError:
            pass
        write_atomic(output / NAME, data)
