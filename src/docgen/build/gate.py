"""The gate: every check family a command asks for, run once, every problem returned as data.

Families, in the order they run (the README's table says which command runs which):

- ``source``: the YAML source loaded and validated (errors);
- ``catalogs``: syntax, headers, placeholders, markup, characters of every PO file (errors),
  typography, length, texts missing from a catalog (warnings);
- ``wording``: content lint (stale targets), glossary, spelling (warnings);
- ``imprint``: an empty imprint field (warnings);
- ``glyphs``: a glyph in the bundled fonts for every printed character (errors; run only when
  nothing else failed, since it localises and renders every language).

The gate prints nothing: the CLI prints what it returns. Its result for the same inputs is
kept in ``output/.cache/gate.json``, so a build with nothing to do re-parses nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DocgenError, Problem
from ..project import Project

if TYPE_CHECKING:
    from ..i18n.languages import Language
    from ..source.model import Document

SOURCE, CATALOGS, WORDING, IMPRINT, GLYPHS = "source", "catalogs", "wording", "imprint", "glyphs"
FAMILIES = (SOURCE, CATALOGS, WORDING, IMPRINT, GLYPHS)
# What each command asks for (``release`` builds with ``--strict``: the build's families).
BUILD = (SOURCE, CATALOGS, WORDING, IMPRINT)
CHECK = FAMILIES
I18N_CHECK = (CATALOGS, WORDING)
PREVIEW = (SOURCE, CATALOGS, WORDING)
WATCH = (CATALOGS, WORDING)
KEPT = 8                        # results kept in the cache (one per language selection…)


@dataclass(frozen=True)
class Verdict:
    """What the gate found, and the source it loaded and validated (once per command)."""

    problems: tuple[Problem, ...]
    document: Document | None = None    # None: not asked for, invalid, or read from the cache

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]


def gate(project: Project, languages: list[Language], families: tuple[str, ...] = BUILD,
         edition: dt.datetime | None = None, reuse: bool = False,
         job_keys: tuple[str, ...] = ()) -> Verdict:
    """Run ``families`` for ``languages``; every problem, errors and warnings alike.

    ``reuse``: the caller needs no document (every job it plans is up to date), so a result
    stored for the same input hashes is returned without parsing anything. ``job_keys``:
    the build's input hashes (they cover the code, the source, the language list, the style
    and each language's catalogs), so the gate need not hash the code again.
    """
    unknown = sorted(set(families) - set(FAMILIES))
    if unknown:
        raise ValueError(f"unknown check families {unknown}")
    project.check_exists()
    when = edition or project.edition()
    key = _key(project, languages, families, when, job_keys)
    if reuse:
        try:
            return Verdict(tuple(Problem(**p) for p in _stored(project)[key]))
        except (KeyError, TypeError):
            pass                    # not stored, or not as this code stores it: run
    verdict = _run(project, languages, families, when)
    if not any(p.message.startswith("spelling not checked") for p in verdict.problems):
        _store(project, key, verdict.problems)     # (a dictionary installed later is seen)
    return verdict


def _run(project: Project, languages: list[Language], families: tuple[str, ...],
         edition: dt.datetime) -> Verdict:
    from ..i18n.rules import check_catalogs
    from ..source import imprint
    from ..source.read import load

    problems: list[Problem] = []
    doc = None
    if SOURCE in families or IMPRINT in families or GLYPHS in families:
        try:
            doc = load(project.source)
        except DocgenError as exc:
            problems += exc.problems if SOURCE in families else []
    if CATALOGS in families or WORDING in families:
        problems += check_catalogs(project.locales, languages, project.source, edition.year,
                                   doc=doc, catalogs=CATALOGS in families,
                                   wording=WORDING in families)
    if IMPRINT in families and doc is not None:
        problems += imprint.warnings(doc.imprint, str(project.source),
                                     [language.code for language in languages])
    if GLYPHS in families and doc is not None and not any(not p.warning for p in problems):
        problems += _glyphs(project, languages, doc, edition.date())
    return Verdict(tuple(problems), doc)


def _glyphs(project: Project, languages: list[Language], doc: Document, edition: dt.date
            ) -> list[Problem]:
    """Every language's brochure as WeasyPrint prints it, against the bundled fonts."""
    from ..localise.content import content, load_catalogs
    from ..render import html, pdf

    problems = []
    for language in languages:
        cats = load_catalogs(project.locales, language)
        # Glyphs as WeasyPrint prints them; the draft prints every text of the final brochure
        # and its own markers, so one rendering per language covers both.
        page = html.render(content(doc, language, cats, edition), project.templates, True)
        problems += pdf.glyph_problems(page, project.templates, f"{language.code}/brochure")
    return problems


def _key(project: Project, languages: list[Language], families: tuple[str, ...],
         edition: dt.datetime, job_keys: tuple[str, ...]) -> str:
    """A hash of every file the families read, the code, the edition and the request."""
    from ..files import code_version, digest
    files = [project.source, *sorted(p for p in project.locales.rglob("*") if p.is_file())]
    if GLYPHS in families:
        files += sorted(p for p in project.templates.rglob("*") if p.is_file())
    code = ",".join(sorted(job_keys)) if job_keys else code_version()
    return digest(files, project.root, code, edition.isoformat(),
                  ",".join(language.code for language in languages), ",".join(families))


def _cache(project: Project) -> Path:
    return project.output / ".cache" / "gate.json"


def _stored(project: Project) -> dict[str, list[dict]]:
    try:
        data = json.loads(_cache(project).read_text(encoding="utf-8"))
        return {k: v for k, v in data.items() if isinstance(v, list)}
    except (OSError, ValueError, AttributeError):
        return {}


def _store(project: Project, key: str, problems: tuple[Problem, ...]) -> None:
    from ..files import write_atomic
    entries = {k: v for k, v in _stored(project).items() if k != key}
    entries = dict(list(entries.items())[-(KEPT - 1):])
    entries[key] = [p.__dict__ for p in problems]
    try:
        _cache(project).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(_cache(project), json.dumps(entries, ensure_ascii=False).encode("utf-8"))
    except (OSError, DocgenError):
        pass                        # a read-only checkout: the gate just runs again
