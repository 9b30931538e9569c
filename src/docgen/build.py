"""The pipeline, top to bottom: gate → plan → jobs (localise, render) → publish → manifest.

Each (language, format) is a job. A job whose inputs did not change since the manifest was
written is skipped; the others run in worker processes. Every output is written to a
temporary file, checked, then renamed over the old one: a failed build never replaces a
good document.
"""

from __future__ import annotations

import ctypes.util
import datetime as dt
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DocgenError, Problem
from .i18n.check import check
from .project import FORMATS, Project, code_version, digest
from .publish import BuildLock, Manifest, publish, remove_leftovers


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


@dataclass
class Result:
    job: Job
    path: str
    pages: int | None
    seconds: float
    fallbacks: list[tuple[str, str | None, str, str]]
    coverage: float
    skipped: bool = False


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@contextmanager
def _epoch(edition: dt.datetime) -> Iterator[None]:
    """fontTools (WeasyPrint's fallback subsetter) stamps fonts with SOURCE_DATE_EPOCH."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = previous or str(int(
        edition.replace(tzinfo=dt.UTC).timestamp()))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]


def imprint_warnings(project: Project, langs: list[str]) -> list[Problem]:
    """An empty imprint field (the responsible publisher…) warns; ``--strict`` fails on it."""
    from . import imprint

    found = imprint.from_file(project.source)
    return imprint.warnings(found, str(project.source), langs) if found else []


def harfbuzz_subset_available() -> bool:
    """WeasyPrint subsets fonts 3x faster, byte-identically, with this library."""
    return ctypes.util.find_library("harfbuzz-subset") is not None


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


def run_job(root: str, job: Job, draft: bool, strict: bool = False) -> Result:
    """One document: load, localise, render, publish. Runs in a worker process.

    WeasyPrint and python-docx are imported here, never by the CLI itself.
    """
    started = time.perf_counter()
    from .i18n import catalogs
    from .localise import localise
    from .source import load

    project = Project(Path(root))
    language = project.languages[job.lang]
    doc = load(project.source)
    cats = catalogs.load_all(project.locales, language)
    edition = dt.datetime.fromisoformat(job.edition) if job.edition else project.edition()
    local = localise(doc, language, cats, edition.date())
    target = project.output_path(job.lang, job.fmt)
    where = f"{job.lang}/{target.name}"
    if job.fmt in ("pdf", "print"):
        from .render import fonts, html, pdf, pdfx
        page = html.render(local, project.templates, draft=draft)
        fonts.check_glyphs(page, project.templates / "fonts", where)

        def write(tmp: Path) -> int | None:
            with _epoch(edition):
                if job.fmt == "print":
                    return pdf.write_print_pdf(page, project.templates, tmp, where,
                                               project.cmyk_profile(),
                                               pdfx.document_id(job.lang, edition.isoformat()))
                return pdf.write_pdf(page, project.templates, tmp, where, local)
    elif job.fmt == "html":
        from .render import edition as html_edition
        from .render import fonts
        page = html_edition.render(local, project.templates, draft=draft)
        fonts.check_glyphs(page, project.templates / "fonts" / "web", where)
        html_edition.write_assets(project.templates, target.parent)

        def write(tmp: Path) -> int | None:
            tmp.write_text(page, encoding="utf-8")
            return None
    else:
        from .render import docx

        data = docx.render(local, project.templates / "briefing.docx", edition, draft, where)

        def write(tmp: Path) -> int | None:
            tmp.write_bytes(data)
            return None                # pages: Word and LibreOffice decide
    if strict and local.fallbacks:
        raise DocgenError([Problem(where, None, f"(strict) {len(local.fallbacks)} text(s) "
                                   f"would fall back to the source language, e.g. "
                                   f"{local.fallbacks[0].msgid[:50]!r}")])
    pages = publish(target, write)
    # Coverage: the share of the source's distinct texts that are translated (0 % → 0.0).
    texts = {(t.context, t.msgid) for t in doc.texts()}
    content_fallbacks = {(f.context, f.msgid) for f in local.fallbacks if f.domain == "content"}
    return Result(job, str(target), pages, time.perf_counter() - started,
                  [(f.domain, f.context, f.msgid, f.reason) for f in local.fallbacks],
                  1 - len(content_fallbacks & texts) / len(texts) if texts else 1.0)


def build(project: Project, options: Options,
          progress: Callable[[str], None] = lambda message: None) -> Report:
    project.check_exists()
    languages = project.select(options.langs)
    report = Report()
    edition = project.edition()             # once: the gate's target lint and every job
    problems = check(project.locales, languages, edition_year=edition.year)
    errors = [p for p in problems if not p.warning]
    if errors:
        raise DocgenError(errors)
    problems += imprint_warnings(project, [language.code for language in languages])
    report.warnings = problems
    if options.strict and problems:
        raise DocgenError([Problem(p.path, p.line, f"(strict) {p.message}") for p in problems])
    if {"pdf", "print"} & set(options.formats) and not harfbuzz_subset_available():
        progress("warning: libharfbuzz-subset0 is missing: WeasyPrint falls back to fontTools, "
                 "about 3 times slower (install it with scripts/setup or apt-get install "
                 "libharfbuzz-subset0)")
    with BuildLock(project.output):
        for leftover in remove_leftovers(project.output):
            progress(f"removed {leftover.name}, left by an interrupted build")
        manifest = Manifest.load(project.output)
        jobs = plan(project, options, edition)
        todo = [j for j in jobs
                if options.force or not manifest.is_current(project, j.lang, j.fmt, j.key)]
        for job in jobs:
            if job not in todo:
                entry = manifest.entries[f"{job.lang}/{job.fmt}"]
                report.results.append(Result(job, entry["path"], entry["pages"], 0.0,
                                             [tuple(f) for f in entry.get("fallbacks", [])],
                                             entry["coverage"], skipped=True))
                progress(f"{job.lang} {job.fmt}: up to date")
        stale = [r for r in report.results if r.fallbacks]
        if options.strict and stale:
            raise DocgenError([Problem(r.path, None, f"(strict) {len(r.fallbacks)} text(s) fall "
                                       "back to the source language") for r in stale])
        todo.sort(key=lambda j: j.fmt == "docx")    # longest first: PDFs keep both cores busy
        workers = min(options.jobs or os.cpu_count() or 1, len(todo))
        try:
            for result in _run(project, todo, options, workers):
                report.results.append(result)
                job = result.job
                manifest.record(project, job.lang, job.fmt, job.key, result.pages,
                                result.coverage, result.fallbacks)
                note = f", {len(result.fallbacks)} fallback(s)" if result.fallbacks else ""
                pages = f"{result.pages} pages, " if result.pages else ""
                progress(f"{job.lang} {job.fmt}: {result.path} "
                         f"({pages}{result.seconds:.1f} s{note})")
        finally:        # what was published is recorded, even when another job failed
            manifest.save(project.output, [f"{j.lang}/{j.fmt}" for j in jobs],
                          keep=set(project.languages))
    return report


def _run(project: Project, jobs: list[Job], options: Options, workers: int
         ) -> Iterator[Result]:
    args = (options.draft, options.strict)
    if workers <= 1:
        for job in jobs:
            yield run_job(str(project.root), job, *args)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(run_job, str(project.root), job, *args) for job in jobs]
        failures: list[Problem] = []
        for future in futures:
            try:
                yield future.result()
            except DocgenError as exc:    # a bad source fails every job alike: say it once
                failures.extend(p for p in exc.problems if p not in failures)
        if failures:
            raise DocgenError(failures)
