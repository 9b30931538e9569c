"""The download page ``output/index.html``: per language, in that language, each document
with its cover, size and pages (Babel), edition date and SHA-256. Offline, no external URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.units import format_unit
from jinja2 import TemplateError

from ..localise import LDocument
from .html import environment, template_problem

MIME = {"pdf": "application/pdf", "print": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


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


def thumbnail(pdf: Path, target: Path, width: int = 208) -> None:
    """The cover page as a small PNG (pypdfium2)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    page = document[0]
    image = page.render(scale=width / page.get_width()).to_pil().convert("RGB")
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, optimize=True)
    document.close()


def section(doc: LDocument, entries: list[dict[str, Any]]) -> dict[str, Any]:
    """One language's part of the page; ``entries`` are its manifest entries."""
    _ = doc.labels.gettext
    fmt = doc.formatter
    documents = []
    order = list(MIME)
    for entry in sorted(entries, key=lambda e: order.index(e["format"])):
        pdf = entry["path"].endswith(".pdf")
        size = size_text(entry["size"], doc.language.locale)
        details, details_label = size, _("Size")
        if entry.get("pages"):
            details_label = _("Pages and size")
            pages = doc.labels.ngettext("{count} page", "{count} pages", entry["pages"],
                                        count=fmt.number(entry["pages"]))
            details = f"{pages} · {size}"
        label = {"pdf": _("Brochure (PDF)"),
                 # Translators: the download page's name for the print edition.
                 "print": _("Brochure for the print shop (PDF/X-4, CMYK, 3 mm bleed)"),
                 "docx": _("Briefing for decision-makers (Word)")}[entry["format"]]
        documents.append({
            "href": entry["path"], "mime": MIME[entry["format"]], "sha256": entry["sha256"],
            "label": label,
            "details": details, "details_label": details_label,
            "thumbnail": f"thumbs/{Path(entry['path']).stem}.png" if pdf else None,
            "alt": _("Cover of the brochure: {title}", title=doc.title),
        })
    return {"lang": doc.lang, "name": doc.language.name, "title": doc.title,
            "edition": _("Edition of {date}", date=doc.edition_text),
            "documents": documents}


def render(sections: list[dict[str, Any]], templates: Path) -> str:
    try:
        return environment(templates).get_template("index.html").render(sections=sections)
    except TemplateError as exc:
        raise template_problem(exc, templates / "index.html") from None
