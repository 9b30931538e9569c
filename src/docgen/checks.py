"""``docgen check``: the source, the catalogs, and glyph coverage for every language."""

from __future__ import annotations

from .errors import DocgenError, Problem
from .project import Project


def check_all(project: Project) -> list[Problem]:
    from . import imprint
    from .i18n import catalogs
    from .i18n.check import check
    from .localise import localise
    from .render import fonts, html
    from .source import load

    project.check_exists()
    languages = project.select([])
    problems = check(project.locales, languages)
    try:
        doc = load(project.source)
    except DocgenError as exc:
        return problems + exc.problems
    if any(not p.warning for p in problems):
        return problems
    problems += imprint.warnings(doc.imprint, str(project.source), [x.code for x in languages])
    edition = project.edition().date()
    for language in languages:
        cats = catalogs.load_all(project.locales, language)
        for draft in (False, True):
            page = html.render(localise(doc, language, cats, edition), project.templates, draft)
            missing = fonts.missing_glyphs(fonts.visible_text(page), project.templates / "fonts")
            problems += [Problem(f"{language.code}/brochure", None, f"font {name} has no glyph "
                                 f"for {', '.join(chars)}") for name, chars in missing.items()]
    return problems
