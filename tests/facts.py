"""What every document must say: each fact of the source, as that language writes it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docgen.i18n import catalogs
from docgen.i18n.languages import load_languages
from docgen.localise import localise
from docgen.source import load

from .conftest import flat


def facts(root: Path, lang: str) -> list[str]:
    """Organisations, places, every figure (formatted by Babel) and the URL."""
    doc = load(root / "data" / "partnerships.yaml")
    language = load_languages(root / "locales")[lang]
    cats = catalogs.load_all(root / "locales", language)
    local = localise(doc, language, cats, dt.date(2026, 1, 1))
    fmt = local.formatter
    out = []
    for figures in [doc.figures] + [p.figures for p in doc.partnerships]:
        out += [fmt.figure(f) for f in figures.values()]
    for p in local.partnerships:
        out += p.organisations + list(p.places) + [p.title]
    return sorted({flat(x).strip() for x in out})
