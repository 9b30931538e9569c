"""The download page ``output/index.html``: per language, in that language, each document
with its cover, size and pages (Babel), the publisher, contact, legal notice and an
accessibility statement. Offline: its stylesheet and fonts sit in ``output/assets/``.

The publisher's details come from the source's ``imprint`` section when it has one (read
field by field: an empty or absent field is left out, never invented).
"""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path
from typing import Any

from babel.units import format_unit
from jinja2 import TemplateError

from ..build.manifest import Entry
from ..localise.document import LDocument
from ..render.html import environment, template_problem
from .state import EditionState

MIME = {".pdf": "application/pdf", ".html": "text/html",
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
ORDER = ("html", "pdf", "print", "docx")       # on the page, in this order
THUMBNAILS = ("pdf", "print", "docx")          # formats shown with their first page


def size_text(size: int, locale: str) -> str:
    r"""
    >>> size_text(129_000, "fr_BE")
    '126\u202fko'
    >>> size_text(1_400_000, "de_BE")
    '1,3 MB'
    """
    if size < 1024 * 1024:
        return format_unit(round(size / 1024), "digital-kilobyte", length="short", locale=locale)
    return format_unit(round(size / 1024 / 1024, 1), "digital-megabyte", length="short",
                       locale=locale)


def imprint(source: object, lang: str) -> dict[str, Any]:
    """The publisher's fields from the source's imprint, where given (empty: left out).

    >>> imprint(object(), "fr")
    {'organisation': '', 'publisher': '', 'address': [], 'contact': '', 'website': '', \
'copyright': '', 'licence': ''}
    """
    # TODO(imprint): the imprint section of the source (another change) supplies these;
    # until it is merged every field is empty and the page names the organisation label.
    data = getattr(source, "imprint", None)
    organisation = getattr(data, "organisation", None) or {}
    return {
        "organisation": str(organisation.get(lang, "")) if hasattr(organisation, "get") else "",
        "publisher": str(getattr(data, "publisher_name", "") or ""),
        "address": [str(line) for line in getattr(data, "publisher_address", ()) or ()],
        "contact": str(getattr(data, "contact", "") or ""),
        "website": str(getattr(data, "website", "") or ""),
        "copyright": str(getattr(data, "copyright", "") or ""),
        "licence": str(getattr(data, "licence", "") or ""),
    }


def _labels(doc: LDocument) -> dict[str, str]:
    _ = doc.labels.gettext
    return {"html": _("Brochure, web edition (HTML)"),
            "pdf": _("Brochure for screens (PDF)"),
            "print": _("Brochure for print (PDF)"),
            "docx": _("Briefing for decision-makers (Word)")}


def _document(doc: LDocument, entry: Entry, pages: int | None) -> dict[str, Any]:
    _ = doc.labels.gettext
    fmt = entry.format
    size = size_text(entry.size, doc.language.locale)
    parts = [size]
    if pages:
        parts.insert(0, doc.labels.ngettext("{count} page", "{count} pages", pages,
                                            count=doc.formatter.number(pages)))
    path = Path(entry.path)
    return {"href": entry.path, "mime": MIME.get(path.suffix, "application/octet-stream"),
            "format": fmt, "label": _labels(doc).get(fmt, path.name),
            "details": " · ".join(parts), "download": fmt != "html",
            "thumbnail": f"thumbs/{path.name}.png" if fmt in THUMBNAILS else None,
            "alt": _("First page of {document}", document=_labels(doc).get(fmt, path.name))}


def section(doc: LDocument, source: object, entries: list[Entry],
            pages: dict[str, int], state: EditionState) -> dict[str, Any]:
    """One language's part of the page; ``entries`` are its manifest entries."""
    _ = doc.labels.gettext
    known = sorted((e for e in entries if e.format in ORDER), key=lambda e: ORDER.index(e.format))
    documents = [_document(doc, e, pages.get(e.path) or e.pages) for e in known]
    share = state.languages.get(doc.lang)
    incomplete = None
    if share is not None and not share.complete:
        incomplete = _("Incomplete translation: {percent} of the texts of this language "
                       "version are translated; the others appear in the source language.",
                       percent=doc.formatter.percent(Decimal(math.floor(share.share * 100))))
    details = imprint(source, doc.lang)
    return {"lang": doc.lang, "name": doc.language.name, "title": doc.title,
            "edition": _("Edition of {date}", date=doc.edition_text),
            "languages": _("Languages"), "documents": documents, "incomplete": incomplete,
            "dirty": state.git.dirty, "imprint": details, "source_note": doc.source_note,
            "organisation": details["organisation"] or _("Communications team, Wallonia"),
            "_": _}


def render(sections: list[dict[str, Any]], templates: Path) -> str:
    try:
        return environment(templates).get_template("index.html").render(sections=sections)
    except TemplateError as exc:
        raise template_problem(exc, templates / "index.html") from None
