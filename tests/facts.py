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


def texts(root: Path, lang: str, highlights: bool = True) -> list[str]:
    """Every text of the source as the language prints it (placeholders filled by Babel)."""
    doc = load(root / "data" / "partnerships.yaml")
    language = load_languages(root / "locales")[lang]
    local = localise(doc, language, catalogs.load_all(root / "locales", language),
                     dt.date(2026, 1, 1))
    out = [local.title, local.subtitle, local.lead, local.conclusion, local.source_note]
    out += [h.label for h in local.at_a_glance]
    for p in local.partnerships:
        out += [p.title, p.intro, *p.places]
        out += [h.label for h in p.highlights] if highlights else []
        for lst in p.lists:
            out += ([lst.title] if lst.title else []) + lst.items
        for table in p.tables:
            out += [table.title] + [x for row in table.rows for x in row]
    return out


def squeeze(text: str) -> str:
    """For finding a text across line breaks and hyphenation: no spaces, no hyphens."""
    return "".join(text.split()).replace("-", "").replace("\u2010", "").replace(
        "\u2011", "").replace("\u00ad", "")
