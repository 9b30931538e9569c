"""One job: a document for one language and format, written and checked beside its target.

Runs in a worker process, from what the build read once: the source (``Document``) and the
language's ``Catalogs``. WeasyPrint and python-docx are imported here, never by the CLI.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DocgenError, Problem
from ..localise.labels import Fallback
from ..project import Project
from .plan import Job
from .publish import Staged, commit, discard, stage

if TYPE_CHECKING:
    from ..localise.content import Catalogs
    from ..source.model import Document


@dataclass(kw_only=True)
class Result:
    job: Job
    path: str
    pages: int | None
    seconds: float
    fallbacks: list[Fallback]
    coverage: float
    skipped: bool = False
    staged: Staged | None = None    # written and verified, renamed over once its language is


def run_job(root: str, job: Job, source: Document, catalogs: Catalogs, *, draft: bool,
            strict: bool = False, stage_only: bool = False) -> Result:
    """One document: localise, render, publish. Runs in a worker process.

    ``source`` and ``catalogs`` (the job's language's) were read once by the build.
    ``strict`` fails on a fallback before anything is rendered. ``stage_only``: leave the
    checked document beside its target (``Result.staged``) for the build to rename over once
    every job of its language succeeded.
    """
    started = time.perf_counter()
    from ..localise.content import content

    project = Project(Path(root))
    language = project.languages[job.lang]
    edition = job.edition
    local = content(source, language, catalogs, edition.date())
    target = project.output_path(job.lang, job.fmt)
    where = f"{job.lang}/{target.name}"
    if strict:
        _strict(where, local.fallbacks)             # before rendering: all are known
    if job.fmt in ("pdf", "print"):
        from ..render import html, pdf, pdfx
        page = html.render(local, project.templates, draft=draft)   # glyphs: checked as drawn

        def write(tmp: Path) -> int | None:
            with pdf.source_date_epoch(edition):
                if job.fmt == "print":
                    return pdf.write_print_pdf(page, project.templates, tmp, where,
                                               project.cmyk_profile(),
                                               pdfx.document_id(job.lang, edition.isoformat()))
                return pdf.write_pdf(page, project.templates, tmp, where, local)
    elif job.fmt == "html":
        from ..render import edition as html_edition
        from ..render import fonts
        page = html_edition.render(local, project.templates, draft=draft)
        fonts.check_glyphs(page, project.templates / "fonts" / "web", where)
        html_edition.write_assets(project.templates, target.parent)

        def write(tmp: Path) -> int | None:
            tmp.write_text(page, encoding="utf-8")
            return None
    else:
        from ..render import docx

        data = docx.render(local, project.templates / "briefing.docx", edition, draft, where)

        def write(tmp: Path) -> int | None:
            tmp.write_bytes(data)
            return None                # pages: Word and LibreOffice decide
    if strict:
        _strict(where, local.fallbacks)             # catalogs older than the code: a label
    staged = stage(target, write)                   # was first asked for while rendering
    if not stage_only:
        try:
            commit([staged])
        finally:
            discard([staged])
    # Coverage: the share of the source's distinct texts that are translated (0 % → 0.0).
    texts = {(t.context, t.msgid) for t in source.texts()}
    content_fallbacks = {(f.context, f.msgid) for f in local.fallbacks if f.domain == "content"}
    return Result(job=job, path=str(target), pages=staged.pages,
                  seconds=time.perf_counter() - started, fallbacks=list(local.fallbacks),
                  coverage=1 - len(content_fallbacks & texts) / len(texts) if texts else 1.0,
                  staged=staged if stage_only else None)


def _strict(where: str, fallbacks: list[Fallback]) -> None:
    if fallbacks:
        raise DocgenError([Problem(where, None, f"(strict) {len(fallbacks)} text(s) would "
                                   "fall back to the source language, e.g. "
                                   f"{fallbacks[0].msgid[:50]!r}")])
