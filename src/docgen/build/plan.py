"""What a build will do: one job per language and format, each with the hash of its inputs
(every file it is built from, the code, the edition and the options)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..files import code_version, file_sha256
from ..project import FORMATS, PDF_FORMATS, Project

# The templates the other formats are made from (a folder: every file in it).
TEMPLATES = {"docx": ("briefing.docx",),
             "html": ("edition.html", "edition.css", "fonts", "visuals.html", "map")}
# Everything else under templates/ may reach the brochure's PDF.
NOT_PDF_TEMPLATES = ("briefing.docx", "index.html", "index.css", "review.html", "edition.html",
                     "edition.css")


@dataclass(frozen=True, kw_only=True)
class Options:
    langs: tuple[str, ...] = ()
    formats: tuple[str, ...] = FORMATS
    strict: bool = False
    draft: bool = False
    force: bool = False
    jobs: int = 0


@dataclass(frozen=True, kw_only=True)
class Job:
    lang: str
    fmt: str
    key: str                # hash of every input and option
    edition: dt.datetime    # decided once per build (the project's edition date)
    inputs: tuple[Path, ...] = ()   # every file the document is built from
    newest: float = 0.0     # the newest input's modification time: a later output is current


class InputFiles:
    """The files documents are built from: listed, stat'ed and hashed once per plan, however
    many jobs share them (a no-op build reads each file's metadata once)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._templates: list[tuple[str, Path]] | None = None
        self._records: dict[Path, tuple[bytes, float]] = {}

    def templates(self) -> list[tuple[str, Path]]:
        """Every file under templates/, sorted, with its name relative to that folder."""
        if self._templates is None:
            top = self.project.templates
            self._templates = [(p.relative_to(top).as_posix(), p)
                               for p in sorted(top.rglob("*")) if p.is_file()]
        return self._templates

    def of(self, lang: str, fmt: str) -> list[Path]:
        """Every file one document is built from (its cache key hashes them)."""
        project = self.project
        files = [project.source, project.locales / "languages.yaml",
                 project.locales / "style.yaml"]
        files += sorted((project.locales / lang).rglob("*.po"))
        if fmt in PDF_FORMATS:  # the page and every asset the fetcher may serve it
            files += [p for _rel, p in self.templates() if p.name not in NOT_PDF_TEMPLATES]
        else:
            for name in TEMPLATES[fmt]:     # a file, or a folder and everything in it
                files += [p for rel, p in self.templates()
                          if rel == name or rel.startswith(name + "/")]
        return files

    def record(self, path: Path) -> tuple[bytes, float]:
        """What the key hashes of a file (its name and SHA-256), and its modification time."""
        if path not in self._records:
            name = path.relative_to(self.project.root).as_posix().encode() + b"\0"
            try:
                mtime = path.stat().st_mtime
                self._records[path] = (name + file_sha256(path).encode(), mtime)
            except FileNotFoundError:
                self._records[path] = (name + b"<missing>", 0.0)
        return self._records[path]


def outside_inputs(project: Project, fmt: str) -> list[str]:
    """What a document is built from outside the project folder, as hashable text."""
    if fmt != "print":
        return []
    profile = project.cmyk_profile()
    return [f"{profile}:{file_sha256(profile) if profile.is_file() else 'missing'}"]


def plan(project: Project, options: Options, when: dt.datetime | None = None) -> list[Job]:
    edition = when or project.edition()
    version = code_version()
    files = InputFiles(project)
    jobs = []
    for language in project.select(options.langs):
        for fmt in options.formats:
            paths = files.of(language.code, fmt)
            records = [files.record(path) for path in paths]
            h = hashlib.sha256()
            for data, _mtime in records:
                h.update(data)
            for item in (version, edition.isoformat(), f"draft={options.draft}",
                         *outside_inputs(project, fmt)):
                h.update(item.encode() + b"\0")
            jobs.append(Job(lang=language.code, fmt=fmt, key=h.hexdigest(), edition=edition,
                            inputs=tuple(paths),
                            newest=max((mtime for _data, mtime in records), default=0.0)))
    return jobs
