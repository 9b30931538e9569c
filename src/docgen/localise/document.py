"""Model + catalogs + Babel → one language's finished content, for both renderers.

Every text is looked up in the language's catalog; an untranslated or fuzzy text falls
back to its source, is marked (``Msg.fallback``) and listed in ``fallbacks``: never silent.

A text with figures is finished in both forms: as running text (the string itself: "44
Millionen Euro") and for a display (``Msg.display``: "44 Mio. €"). The template or renderer
declares which a slot prints (``running``/``display``); see ``render.html``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..i18n.catalogs import Translations
from ..i18n.languages import CONTENT, Language
from ..source.model import Document, Highlight, Partnership, Text
from . import visuals
from .formatting import Formatter
from .labels import Fallback, Labels, Msg, _Lookup, fill, keep_dash
from .visuals import LConnection, LPanel, LPlace


@dataclass
class LHighlight:
    value: Msg          # the figure alone: its running-text form, ``.display`` for a card
    label: Msg


@dataclass
class LList:
    kind: str
    title: Msg | None
    items: list[Msg]


@dataclass
class LTable:
    kind: str
    title: Msg
    rows: list[tuple[Msg, Msg]]


@dataclass
class LPartnership:
    id: str
    number: int
    title: Msg
    short_title: str
    organisations: list[str]
    places: list[Msg]
    intro: Msg
    highlights: list[LHighlight]
    lists: list[LList]
    tables: list[LTable]
    locations: list[LPlace] = field(default_factory=list)     # the places, for the map
    connections: list[LConnection] = field(default_factory=list)


@dataclass
class LImprint:
    """The imprint in one language (back cover of the brochure, end of the briefing).

    A field nobody has given yet is empty ("" or []) and named in ``missing``: a renderer
    prints nothing there, or its "to be completed" marker in a draft.
    """

    organisation: str              # the organisation's official name in this language
    publisher_name: str            # the responsible publisher (éditeur responsable)
    publisher_address: list[str]   # their postal address, one line each
    contact: str                   # e-mail address or telephone
    website: str                   # the download page's full address (https://…), for a QR code
    website_text: str              # the same as printed (www.…)
    copyright: str                 # who holds the copyright of the text
    licence: str                   # on which terms the text may be reused
    source_note: Msg               # the article the text derives from
    font_credit: Msg               # the typeface and its licence
    missing: list[str]             # names of the empty fields above


@dataclass
class LDocument:
    """Everything a renderer prints, already in the language."""

    language: Language
    edition: dt.date
    edition_text: str
    title: Msg
    subtitle: Msg
    lead: Msg
    conclusion: Msg
    source_note: Msg
    at_a_glance: list[LHighlight]
    partnerships: list[LPartnership]
    imprint: LImprint
    labels: Labels
    formatter: Formatter
    content_fallbacks: list[Fallback] = field(default_factory=list)   # each text once
    links: dict[str, str] = field(default_factory=dict)   # a web address as printed -> URL
    regions: dict[str, Msg] = field(default_factory=dict)   # map unit -> name, for the map
    chart: list[LPanel] = field(default_factory=list)

    @property
    def lang(self) -> str:
        return self.language.code

    @property
    def fallbacks(self) -> list[Fallback]:
        """Every text printed in the source language: the content's, then the labels'
        (complete before rendering, unless the catalogs are older than the code)."""
        return [*self.content_fallbacks, *self.labels.fallbacks]


def localise(doc: Document, language: Language, translations: Translations | None,
             labels: Labels, edition: dt.date) -> LDocument:
    """The model in the language of ``translations`` (its content catalog; None: the source
    language) and of ``labels``; ``localise.content.content`` is the road that callers take."""
    fallbacks: list[Fallback] = []
    content = _Lookup(CONTENT, translations, fallbacks)
    patterns = {
        # Translators: a minimum on a display (a figure card), as in "50+ clinical trials a
        # year"; {number} is the number, e.g. "50".
        "at_least.display": labels.raw("{number}+"),
        # Translators: a minimum in running text (a paragraph, list or table), as in "at
        # least 50 clinical trials a year"; {number} is the number, e.g. "50".
        "at_least.running": labels.raw("at least {number}"),
        # Translators: an amount in euros from a million up, in running text; {amount} is the
        # number with CLDR's long word, e.g. "44 million" (fr "44 millions", nl "44 miljoen"):
        # write the currency around it ("{amount} d’euros"). Displays keep "€44m".
        "EUR": labels.raw("€{amount}"),
    }
    fmt = Formatter(language.locale, language.style, patterns)

    def t(text: Text) -> Msg:
        forms, fallback = content.forms(text.msgid, text.context)
        slots = [{name: fmt.figure(text.figures[name], slot) for name in text.placeholders}
                 for slot in ("running", "display")]
        running, display = (keep_dash(fill(forms[0], values)) for values in slots)
        return Msg.make(running, fallback, display,
                        key=(CONTENT.name, text.context, text.msgid))

    def highlight(h: Highlight) -> LHighlight:
        value = Msg.make(fmt.figure(h.figure, "running"), False, fmt.figure(h.figure))
        return LHighlight(value, t(h.label))

    def partnership(p: Partnership) -> LPartnership:
        title = t(p.title)
        return LPartnership(
            id=p.id, number=p.number, title=title,
            short_title=title.split(":")[0].strip(" \u00a0\u202f"),
            organisations=list(p.organisations), places=[t(x) for x in p.places],
            intro=t(p.intro), highlights=[highlight(h) for h in p.highlights],
            lists=[LList(lst.kind, t(lst.title) if lst.title else None,
                         [t(i) for i in lst.items]) for lst in p.lists],
            tables=[LTable(tb.kind, t(tb.title), [(t(r.label), t(r.value)) for r in tb.rows])
                    for tb in p.tables],
            locations=visuals.places(p, doc, t), connections=visuals.connections(p, fmt))

    imp = doc.imprint
    source_note = t(doc.source_note)
    imprint = LImprint(
        organisation=imp.organisation.get(language.code, ""), publisher_name=imp.publisher_name,
        publisher_address=list(imp.publisher_address), contact=imp.contact,
        website=imp.website, website_text=fmt.url(imp.website) if imp.website else "",
        copyright=imp.copyright, licence=imp.licence, source_note=source_note,
        font_credit=t(imp.font_credit), missing=imp.missing(language.code))
    local = LDocument(
        language=language, edition=edition, edition_text=fmt.date(edition),
        title=t(doc.title), subtitle=t(doc.subtitle), lead=t(doc.lead),
        conclusion=t(doc.conclusion), source_note=source_note, imprint=imprint,
        at_a_glance=[highlight(h) for h in doc.at_a_glance],
        partnerships=[partnership(p) for p in doc.partnerships],
        labels=labels, formatter=fmt, links=_links(doc, fmt),
        regions=visuals.regions(doc, t), chart=visuals.chart(doc, t, fmt))
    local.content_fallbacks = list(dict.fromkeys(fallbacks))    # every text looked up: once
    return local


def _links(doc: Document, fmt: Formatter) -> dict[str, str]:
    """Every web address of the source as the texts print it, and the URL it stands for."""
    figures = [*doc.figures.values(), *(f for p in doc.partnerships for f in p.figures.values())]
    return {fmt.url(f.value): f.value for f in figures
            if f.kind == "url" and isinstance(f.value, str)}
