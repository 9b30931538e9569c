"""``docgen check``: the source, the catalogs, and glyph coverage for every language."""

from __future__ import annotations

from ..errors import DocgenError, Problem
from ..project import Project


def check_all(project: Project) -> list[Problem]:
    from ..i18n.rules import check_catalogs
    from ..localise.content import content, load_catalogs
    from ..render import fonts, html
    from ..source import imprint
    from ..source.read import load

    project.check_exists()
    languages = project.select([])
    problems = check_catalogs(project.locales, languages)
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
        for draft in (False, True):
            page = html.render(content(doc, language, cats, edition), project.templates, draft)
            missing = fonts.missing_glyphs(fonts.visible_text(page), project.templates / "fonts")
            problems += [Problem(f"{language.code}/brochure", None, f"font {name} has no glyph "
                                 f"for {', '.join(chars)}") for name, chars in missing.items()]
    return problems


def imprint_warnings(project: Project, langs: list[str]) -> list[Problem]:
    """An empty imprint field (the responsible publisher…) warns; ``--strict`` fails on it."""
    from ..source import imprint

    found = imprint.from_file(project.source)
    return imprint.warnings(found, str(project.source), langs) if found else []
