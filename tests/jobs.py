"""One job run in this process, as a build runs it: the source and the language's catalogs
read once, then handed to the job."""

from __future__ import annotations

from pathlib import Path

from docgen.build.job import Result, run_job
from docgen.build.plan import Job
from docgen.localise.content import load_catalogs
from docgen.project import Project
from docgen.source.read import load


def run_one(root: Path, lang: str, fmt: str, draft: bool = False) -> Result:
    """Build one document of the project at ``root`` (edition: the project's)."""
    project = Project(root)
    job = Job(lang=lang, fmt=fmt, key="k", edition=project.edition())
    return run_job(str(root), job, load(project.source),
                   load_catalogs(project.locales, project.languages[lang]), draft=draft)
