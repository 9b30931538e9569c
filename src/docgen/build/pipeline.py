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
from typing import TYPE_CHECKING

from ..errors import DocgenError, Problem, raise_failures, raise_if_errors
from ..project import FORMATS, Project
from .gate import BUILD, gate
from .job import Result, run_job
from .lock import BuildLock
from .manifest import Manifest
from .plan import Job, Options, plan
from .publish import commit, discard, remove_leftovers

if TYPE_CHECKING:
    from ..source.model import Document


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)     # the gate's: --strict fails
    notices: list[Problem] = field(default_factory=list)      # about this machine: never fail


def build(project: Project, options: Options,
          progress: Callable[[str], None] = lambda message: None) -> Report:
    """Build what is out of date. The gate's warnings are returned (``Report.warnings``) or
    raised with its errors (``DocgenError.warnings``): the CLI prints them, not the build."""
    project.check_exists()
    languages = project.select(options.langs)
    report = Report()
    edition = project.edition()             # once: the gate's target lint and every job
    with BuildLock(project.output):
        for leftover in remove_leftovers(project.output):
            progress(f"removed {leftover.name}, left by an interrupted build")
        manifest = Manifest.load(project.output)
        jobs = plan(project, options, edition)
        todo = [j for j in jobs
                if options.force or not manifest.is_current(project, j)]
        # Before any job: the source loaded and validated once, every catalog checked
        # (``verdict.document`` is that source, for the jobs; None when there is no job). When
        # every job is current, the manifest vouches for the inputs: the stored verdict for
        # the same input hashes is reused, nothing is parsed.
        verdict = gate(project, languages, BUILD, edition, reuse=not todo,
                       job_keys=tuple(job.key for job in jobs))
        raise_if_errors(verdict.problems, options.strict)
        report.warnings = verdict.warnings
        if {"pdf", "print"} & {j.fmt for j in todo} and not _harfbuzz_subset_available():
            report.notices.append(Problem("docgen", None, "libharfbuzz-subset0 is missing: "
                                           "WeasyPrint falls back to fontTools, about 3 times "
                                           "slower (install it with scripts/setup or apt-get "
                                           "install libharfbuzz-subset0)", warning=True))
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
            for job, outcome in _run(project, todo, options, workers, verdict.document):
                if isinstance(outcome, Result):
                    done.append(outcome)
                else:
                    failed.setdefault(job.lang, []).append(outcome)
            _publish(project, manifest, report, done, set(failed), progress)
        finally:
            discard([r.staged for r in done if r.staged is not None])
    try:
        raise_failures([exc for excs in failed.values() for exc in excs])
    except DocgenError as exc:
        raise DocgenError(exc.problems, report.warnings + report.notices) from None
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
            manifest.record(project, job, result.pages, result.coverage, result.fallbacks)
            note = f", {len(result.fallbacks)} fallback(s)" if result.fallbacks else ""
            pages = f"{result.pages} pages, " if result.pages else ""
            progress(f"{job.lang} {job.fmt}: {result.path} ({pages}{result.seconds:.1f} s{note})")
    finally:
        dropped = {e.language for e in manifest.entries.values()} - set(project.languages)
        if (published or not failed) and (done or dropped):     # a no-op writes nothing
            formats = list(FORMATS) + sorted({e.format for e in manifest.entries.values()}
                                             - set(FORMATS))
            manifest.save(project.output, [f"{lang}/{fmt}" for lang in project.languages
                                           for fmt in formats], keep=set(project.languages))


def _harfbuzz_subset_available() -> bool:
    from ..render.fonts import harfbuzz_subset_available  # (ctypes: only when rendering)
    return harfbuzz_subset_available()


def _run(project: Project, jobs: list[Job], options: Options, workers: int,
         source: Document | None) -> Iterator[tuple[Job, Result | Exception]]:
    """Each job with its result or what it raised. ``source`` is the gate's (loaded and
    validated once, before any job); each language's catalogs are read once, here: no
    worker reads either again."""
    if not jobs:
        return
    from ..localise.content import load_catalogs  # Babel: only when there is work
    from ..source.read import load

    source = source if source is not None else load(project.source)
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
    from .workers import pool  # process pools load only when there is work for them
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
