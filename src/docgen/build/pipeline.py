"""The pipeline, top to bottom: gate → plan → jobs (localise, render) → publish → manifest.

Each (language, format) is a job. A job whose inputs did not change since the manifest was
written is skipped; the others run in worker processes. Every output is written to a
temporary file, checked, then renamed over the old one: a failed build never replaces a
good document.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..errors import DocgenError, Problem, raise_failures
from ..i18n.rules import check_catalogs
from ..project import FORMATS, Project
from ..render.fonts import harfbuzz_subset_available
from .gate import imprint_warnings
from .job import Result, run_job
from .lock import BuildLock
from .manifest import Manifest
from .plan import Job, Options, plan
from .publish import commit, discard, remove_leftovers
from .workers import pool


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def build(project: Project, options: Options,
          progress: Callable[[str], None] = lambda message: None) -> Report:
    project.check_exists()
    languages = project.select(options.langs)
    report = Report()
    edition = project.edition()             # once: the gate's target lint and every job
    problems = check_catalogs(project.locales, languages, project.source, edition.year)
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
                report.results.append(Result(job=job, path=entry.path, pages=entry.pages,
                                             seconds=0.0, fallbacks=list(entry.fallbacks),
                                             coverage=entry.coverage, skipped=True))
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
            formats = list(FORMATS) + sorted({e.format for e in manifest.entries.values()}
                                             - set(FORMATS))
            manifest.save(project.output, [f"{lang}/{fmt}" for lang in project.languages
                                           for fmt in formats], keep=set(project.languages))


def _run(project: Project, jobs: list[Job], options: Options, workers: int
         ) -> Iterator[tuple[Job, Result | Exception]]:
    """Each job with its result or what it raised. The source and each language's catalogs
    are read once, here, and handed to the jobs (no worker reads them again)."""
    if not jobs:
        return
    # Babel and the YAML reader load only when there is something to build.
    from ..localise.content import load_catalogs
    from ..source.read import load

    source = load(project.source)
    catalogs = {code: load_catalogs(project.locales, project.languages[code])
                for code in dict.fromkeys(job.lang for job in jobs)}
    if workers <= 1:
        for job in jobs:
            try:
                yield job, run_job(str(project.root), job, source, catalogs[job.lang],
                                   draft=options.draft, strict=options.strict, stage_only=True)
            except Exception as exc:
                yield job, exc
        return
    with pool(workers) as executor:
        futures = [(job, executor.submit(run_job, str(project.root), job, source,
                                         catalogs[job.lang], draft=options.draft,
                                         strict=options.strict, stage_only=True))
                   for job in jobs]
        for job, future in futures:
            try:
                yield job, future.result()
            except Exception as exc:
                yield job, exc
