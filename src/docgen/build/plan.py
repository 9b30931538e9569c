"""What a build will do: one job per language and format, each with the hash of its inputs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..files import code_version, digest
from ..project import FORMATS, Project


@dataclass(frozen=True)
class Options:
    langs: tuple[str, ...] = ()
    formats: tuple[str, ...] = FORMATS
    strict: bool = False
    draft: bool = False
    force: bool = False
    jobs: int = 0


@dataclass(frozen=True)
class Job:
    lang: str
    fmt: str
    key: str            # hash of every input and option
    edition: str = ""   # ISO date and time, decided once per build (default: the project's)


def plan(project: Project, options: Options, when: dt.datetime | None = None) -> list[Job]:
    edition = (when or project.edition()).isoformat()
    version = code_version()
    jobs = []
    for language in project.select(options.langs):
        for fmt in options.formats:
            key = digest(project.inputs(language.code, fmt), project.root, version, edition,
                         f"draft={options.draft}", *project.outside_inputs(fmt))
            jobs.append(Job(language.code, fmt, key, edition))
    return jobs
