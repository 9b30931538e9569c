"""``docgen check``: the source, the catalogs, and glyph coverage for every language."""

from __future__ import annotations

from ..errors import DocgenError, Problem
from ..project import Project


def check_all(project: Project) -> list[Problem]:
    from ..i18n.rules import check_catalogs
    from ..localise.content import content, load_catalogs
    from ..render import html, pdf
    from ..source import imprint
    from ..source.read import load

    project.check_exists()
    languages = project.select([])
    problems = check_catalogs(project.locales, languages, project.source,
                              project.edition().year)
    try:
        doc = load(project.source)
    except DocgenError as exc:
        return problems + exc.problems
    if any(not p.warning for p in problems):
        return problems
    problems += imprint.warnings(doc.imprint, str(project.source), [x.code for x in languages])
    edition = project.edition().date()
    for language in languages:
        cats = load_catalogs(project.locales, language)
        # Glyphs as WeasyPrint prints them; the draft prints every text of the final brochure
        # and its own markers, so one rendering per language covers both.
        page = html.render(content(doc, language, cats, edition), project.templates, True)
        problems += pdf.glyph_problems(page, project.templates, f"{language.code}/brochure")
    return problems


def imprint_warnings(project: Project, langs: list[str]) -> list[Problem]:
    """An empty imprint field (the responsible publisher…) warns; ``--strict`` fails on it."""
    from ..source import imprint

    found = imprint.from_file(project.source)
    return imprint.warnings(found, str(project.source), langs) if found else []
