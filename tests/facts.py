"""What every document must say: each fact of the source, as that language writes it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docgen.i18n.languages import load_languages
from docgen.localise.content import content, load_catalogs
from docgen.localise.document import LDocument
from docgen.source.read import load

from .conftest import flat


def localised(root: Path, lang: str) -> LDocument:
    """The language's finished content, as every document prints it (edition 1 January 2026)."""
    language = load_languages(root / "locales")[lang]
    return content(load(root / "data" / "partnerships.yaml"), language,
                   load_catalogs(root / "locales", language), dt.date(2026, 1, 1))


def facts(root: Path, lang: str) -> list[str]:
    """Organisations, places, links abroad, every figure (formatted by Babel) and the URL.

    A figure is found in its display form ("44 Mio. €", "50+") or its running-text form
    ("44 Millionen Euro", "mindestens 50"): either is written "display|running"; use
    ``present`` to look for one. A derived figure (the EU average) is drawn in the brochure's
    chart only: not here.
    """
    local = localised(root, lang)
    doc = load(root / "data" / "partnerships.yaml")
    fmt = local.formatter
    out = []
    for figures in [doc.figures] + [p.figures for p in doc.partnerships]:
        out += ["|".join(dict.fromkeys(flat(fmt.figure(f, slot)).strip()
                                       for slot in ("display", "running")))
                for f in figures.values() if f.derivation is None]
    for p in local.partnerships:
        out += p.organisations + list(p.places) + [p.title]
        out += [c.country for c in p.connections]
    return sorted({flat(x).strip() for x in out})


def texts(root: Path, lang: str, highlights: bool = True) -> list[str]:
    """Every text of the source as the language prints it (placeholders filled by Babel)."""
    local = localised(root, lang)
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


def present(fact: str, text: str, squeezed: bool = False) -> bool:
    """Whether one of a fact's forms ("display|running") is in the text."""
    return any((squeeze(form) if squeezed else form) in text for form in fact.split("|"))


def squeeze(text: str) -> str:
    """For finding a text across line breaks and hyphenation: no spaces, no hyphens."""
    return "".join(text.split()).replace("-", "").replace("\u2010", "").replace(
        "\u2011", "").replace("\u00ad", "")
