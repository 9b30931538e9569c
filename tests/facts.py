"""What every document must say: each fact of the source, as that language writes it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docgen.i18n.languages import load_languages
from docgen.localise.content import content, load_catalogs
from docgen.localise.document import LDocument
from docgen.source.read import load

from .conftest import flat

# Every figure of the source as each language prints it (display|running form where they
# differ), written out: never computed by the Formatter under test. Spaces are flattened
# (``flat``); tests/test_mutation_kills.py checks the no-break spaces themselves.
SAME = ["15", "2020", "2021", "2023–2024", "2024", "2025", "2026", "2028", "2032", "26",
         "470", "500", "6", "60", "75", "9", "www.kickstartbiomanufacturing.be"]
FIGURES = {
    "de": SAME + ["1.200", "50.000", "60.000 m²", "35 %", "7 %", "85 %", "neun",
                   "50+|mindestens 50", "44 Mio. €|44 Millionen Euro",
                   "100 Mio. €|100 Millionen Euro", "80 Mrd. €|80 Milliarden Euro"],
    "fr": SAME + ["1 200", "50 000", "60 000 m²", "35 %", "7 %", "85 %", "neuf",
                   "au moins 50", "44 M €|44 millions d’euros",
                   "100 M €|100 millions d’euros", "80 Md €|80 milliards d’euros"],
    "nl": SAME + ["1.200", "50.000", "60.000 m²", "35%", "7%", "85%", "negen",
                   "50+|minstens 50", "€ 44 mln.|44 miljoen euro",
                   "€ 100 mln.|100 miljoen euro", "€ 80 mld.|80 miljard euro"],
    "en": SAME + ["1,200", "50,000", "60,000 m²", "35%", "7%", "85%", "nine",
                   "50+|at least 50", "€44m|€44 million", "€100m|€100 million",
                   "€80bn|€80 billion"],
}


def localised(root: Path, lang: str) -> LDocument:
    """The language's finished content, as every document prints it (edition 1 January 2026)."""
    language = load_languages(root / "locales")[lang]
    return content(load(root / "data" / "partnerships.yaml"), language,
                   load_catalogs(root / "locales", language), dt.date(2026, 1, 1))


def facts(root: Path, lang: str) -> list[str]:
    """Organisations, places, links abroad, every figure (``FIGURES``) and the URL.

    A figure is found in its display form ("44 Mio. €", "50+") or its running-text form
    ("44 Millionen Euro", "mindestens 50"): either is written "display|running"; use
    ``present`` to look for one. A derived figure (the EU average) is drawn in the brochure's
    chart only: not here.
    """
    local = localised(root, lang)
    out = list(FIGURES[lang])
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
