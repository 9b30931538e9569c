"""What a build will do: one job per language and format, each with the hash of its inputs
(every file it is built from, the code, the edition and the options)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..files import code_version, digest, file_sha256
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


def inputs(project: Project, lang: str, fmt: str) -> list[Path]:
    """Every file one document is built from (its cache key hashes them)."""
    files = [project.source, project.locales / "languages.yaml",
             project.locales / "style.yaml"]
    files += sorted((project.locales / lang).rglob("*.po"))
    if fmt in PDF_FORMATS:  # the page and every asset the fetcher may serve it
        files += sorted(p for p in project.templates.rglob("*") if p.is_file()
                        and p.name not in NOT_PDF_TEMPLATES)
    else:
        for name in TEMPLATES[fmt]:
            path = project.templates / name
            files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() \
                else [path]
    return files


def outside_inputs(project: Project, fmt: str) -> list[str]:
    """What a document is built from outside the project folder, as hashable text."""
    if fmt != "print":
        return []
    profile = project.cmyk_profile()
    return [f"{profile}:{file_sha256(profile) if profile.is_file() else 'missing'}"]


def plan(project: Project, options: Options, when: dt.datetime | None = None) -> list[Job]:
    edition = when or project.edition()
    version = code_version()
    jobs = []
    for language in project.select(options.langs):
        for fmt in options.formats:
            key = digest(inputs(project, language.code, fmt), project.root, version,
                         edition.isoformat(), f"draft={options.draft}",
                         *outside_inputs(project, fmt))
            jobs.append(Job(lang=language.code, fmt=fmt, key=key, edition=edition))
    return jobs
