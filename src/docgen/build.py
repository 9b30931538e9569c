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
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DocgenError, Problem, raise_failures
from .i18n.check import check
from .project import FORMATS, Project, code_version, digest
from .publish import BuildLock, Manifest, Staged, commit, discard, remove_leftovers, stage
from .workers import pool


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
    staged: Staged | None = None    # written and verified, renamed over once its language is


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


def run_job(root: str, job: Job, draft: bool, strict: bool = False,
            stage_only: bool = False) -> Result:
    """One document: load, localise, render, publish. Runs in a worker process.

    ``stage_only``: leave the checked document beside its target (``Result.staged``) for
    the build to rename over once every job of its language succeeded.
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
    staged = stage(target, write)
    if not stage_only:
        try:
            commit([staged])
        finally:
            discard([staged])
    # Coverage: the share of the source's distinct texts that are translated (0 % → 0.0).
    texts = {(t.context, t.msgid) for t in doc.texts()}
    content_fallbacks = {(f.context, f.msgid) for f in local.fallbacks if f.domain == "content"}
    return Result(job, str(target), staged.pages, time.perf_counter() - started,
                  [(f.domain, f.context, f.msgid, f.reason) for f in local.fallbacks],
                  1 - len(content_fallbacks & texts) / len(texts) if texts else 1.0,
                  staged=staged if stage_only else None)


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
    for warning in problems:            # said once, here, labelled "warning:"
        progress(str(warning))
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
        done: list[Result] = []
        failed: dict[str, list[BaseException]] = {}
        try:
            for job, outcome in _run(project, todo, options, workers):
                if isinstance(outcome, Result):
                    done.append(outcome)
                else:
                    failed.setdefault(job.lang, []).append(outcome)
            _publish(project, manifest, report, done, set(failed), progress)
        finally:
            discard([r.staged for r in done if r.staged is not None])
    raise_failures([exc for excs in failed.values() for exc in excs])
    return report


def _publish(project: Project, manifest: Manifest, report: Report,
             done: list[Result], failed: set[str], progress: Callable[[str], None]) -> None:
    """All or nothing per language: a language with a failed job keeps its old files and
    manifest entries; the others are renamed over and recorded. The manifest keeps one
    order (languages as configured, then formats), whatever the build asked for."""
    published = False
    try:
        for result in done:
            job = result.job
            if job.lang in failed:
                progress(f"{job.lang} {job.fmt}: not published, another {job.lang} document "
                         "failed (the previous one is kept)")
                continue
            if result.staged is not None:
                commit([result.staged])
            published = True
            report.results.append(result)
            manifest.record(project, job.lang, job.fmt, job.key, result.pages,
                            result.coverage, result.fallbacks)
            note = f", {len(result.fallbacks)} fallback(s)" if result.fallbacks else ""
            pages = f"{result.pages} pages, " if result.pages else ""
            progress(f"{job.lang} {job.fmt}: {result.path} ({pages}{result.seconds:.1f} s{note})")
    finally:
        if published or not failed:
            formats = list(FORMATS) + sorted({e["format"] for e in manifest.entries.values()}
                                             - set(FORMATS))
            manifest.save(project.output, [f"{lang}/{fmt}" for lang in project.languages
                                           for fmt in formats], keep=set(project.languages))


def _run(project: Project, jobs: list[Job], options: Options, workers: int
         ) -> Iterator[tuple[Job, Result | Exception]]:
    """Each job with its result or what it raised."""
    args = (options.draft, options.strict, True)
    if workers <= 1:
        for job in jobs:
            try:
                yield job, run_job(str(project.root), job, *args)
            except Exception as exc:
                yield job, exc
        return
    with pool(workers) as executor:
        futures = [(job, executor.submit(run_job, str(project.root), job, *args))
                   for job in jobs]
        for job, future in futures:
            try:
                yield job, future.result()
            except Exception as exc:
                yield job, exc
