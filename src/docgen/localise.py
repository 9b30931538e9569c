"""Model + catalogs + Babel → one language's finished content, for both renderers.

Every text is looked up in the language's catalog; an untranslated or fuzzy text falls
back to its source, is marked (``Msg.fallback``) and listed in ``fallbacks``: never silent.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
from collections.abc import Mapping
from dataclasses import dataclass, field

from babel.messages.plurals import get_plural

from .formatting import Formatter
from .i18n.catalogs import Translations
from .i18n.languages import CONTENT, UI, Domain, Language
from .model import PLACEHOLDER, Document, Highlight, Partnership, Text


class Msg(str):
    """A finished string; ``fallback`` is True when it is the untranslated source."""

    fallback = False

    @classmethod
    def make(cls, text: str, fallback: bool) -> Msg:
        msg = cls(text)
        msg.fallback = fallback
        return msg


def fill(template: str, values: dict[str, str]) -> str:
    """Replace ``{name}`` placeholders; only names, never attributes or format specs.

    >>> fill("{a} und {b}", {"a": "1", "b": "2"})
    '1 und 2'
    """
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def keep_dash(text: str) -> str:
    """A spaced dash never starts a line: the space before it does not break.

    >>> keep_dash("Initiativen – von lokalen") == "Initiativen\u00a0– von lokalen"
    True
    """
    return text.replace(" – ", "\u00a0– ").replace(" — ", "\u00a0— ")


@dataclass(frozen=True)
class Fallback:
    domain: str
    context: str | None
    msgid: str
    reason: str


@dataclass
class _Lookup:
    """One domain's catalog for one language, recording every fallback."""

    domain: Domain
    translations: Translations | None
    plural_index: object
    fallbacks: list[Fallback]

    def forms(self, msgid: str, context: str | None, plural: str | None = None
              ) -> tuple[list[str], bool]:
        if self.translations is None:          # the source language itself
            return [msgid, plural or msgid], False
        found, reason = self.translations.lookup(msgid, context)
        if reason is None:
            return found, False
        self.fallbacks.append(Fallback(self.domain.name, context, msgid, reason))
        return [msgid, plural or msgid], True


class Labels:
    """The ui catalog as templates and the DOCX renderer use it: ``_("…", name=value)``."""

    def __init__(self, lookup: _Lookup) -> None:
        self._lookup = lookup

    def raw(self, msgid: str) -> Msg:
        forms, fallback = self._lookup.forms(msgid, None)
        return Msg.make(forms[0], fallback)

    def gettext(self, msgid: str, **values: object) -> Msg:
        text = self.raw(msgid)
        return Msg.make(fill(text, {k: str(v) for k, v in values.items()}), text.fallback)

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> Msg:
        forms, fallback = self._lookup.forms(singular, None, plural)
        translated = not fallback and self._lookup.translations is not None
        # The source forms are English (singular, plural); a catalog's follow its Plural-Forms.
        index = self._lookup.plural_index(n) if translated else int(n != 1)  # type: ignore[operator]
        text = forms[min(index, len(forms) - 1)]
        return Msg.make(fill(text, {k: str(v) for k, v in values.items()}), fallback)

    __call__ = gettext


@dataclass
class LHighlight:
    value: str
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
    fallbacks: list[Fallback] = field(default_factory=list)

    @property
    def lang(self) -> str:
        return self.language.code


def localise(doc: Document, language: Language, catalogs: Mapping[str, Translations | None],
             edition: dt.date) -> LDocument:
    """``catalogs`` maps a domain name to its Translations (None: the source language)."""
    fallbacks: list[Fallback] = []
    plural = _gettext.c2py(get_plural(language.code).plural_expr)
    content = _Lookup(CONTENT, catalogs.get(CONTENT.name), plural, fallbacks)
    labels = Labels(_Lookup(UI, catalogs.get(UI.name), plural, fallbacks))
    # Translators: a minimum, as in "50+ clinical trials a year"; {number} is the number.
    fmt = Formatter(language.locale, at_least=labels.raw("{number}+"))

    def t(text: Text) -> Msg:
        forms, fallback = content.forms(text.msgid, text.context)
        values = {name: fmt.figure(text.figures[name]) for name in text.placeholders}
        return Msg.make(keep_dash(fill(forms[0], values)), fallback)

    def highlight(h: Highlight) -> LHighlight:
        return LHighlight(fmt.figure(h.figure), t(h.label))

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
                    for tb in p.tables])

    imp = doc.imprint
    source_note = t(doc.source_note)
    imprint = LImprint(
        organisation=imp.organisation.get(language.code, ""), publisher_name=imp.publisher_name,
        publisher_address=list(imp.publisher_address), contact=imp.contact,
        website=imp.website, website_text=fmt.url(imp.website) if imp.website else "",
        copyright=imp.copyright, licence=imp.licence, source_note=source_note,
        font_credit=t(imp.font_credit), missing=imp.missing(language.code))
    return LDocument(
        language=language, edition=edition, edition_text=fmt.date(edition),
        title=t(doc.title), subtitle=t(doc.subtitle), lead=t(doc.lead),
        conclusion=t(doc.conclusion), source_note=source_note, imprint=imprint,
        at_a_glance=[highlight(h) for h in doc.at_a_glance],
        partnerships=[partnership(p) for p in doc.partnerships],
        labels=labels, formatter=fmt, fallbacks=fallbacks)
