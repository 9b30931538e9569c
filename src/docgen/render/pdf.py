"""HTML → PDF with WeasyPrint, through a fetcher that can reach only the brochure's assets.

WeasyPrint fetches any URL by default (``file://``, http, attachments) and only logs what it
cannot load. Here a refused URL stops the rendering, any WeasyPrint warning fails it, and so
does a character that no bundled font printed (``glyph_problems``).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from weasyprint import HTML

from ..errors import DocgenError, Problem
from ..localise.document import LDocument
from . import fonts, pdflinks, pdfua, pdfx
from .fetcher import AssetFetcher, RefusedURL
from .html import anchor_titles, with_stylesheet

# WeasyPrint 70 logs this, with (character, code point), for a character no font has (if a
# later version words it otherwise, it fails the build as any other warning does).
NOTDEF_WARNING = ".notdef glyph rendered"


def _first_line(exc: BaseException) -> str:
    """An exception's message, one line, without the build machine's folders."""
    text = (str(exc).strip().splitlines() or [""])[0]
    return re.sub(r"(file://)?/[^\s'\"]*/", "", text)[:200]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.notdef = ""        # characters drawn as .notdef: no font of the machine has them

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args
        if str(record.msg).startswith(NOTDEF_WARNING) and isinstance(args, tuple) and \
                args and isinstance(args[0], str):
            self.notdef += args[0]
        else:
            self.messages.append(record.getMessage())


@contextmanager
def _weasyprint_warnings() -> Iterator[_Collect]:
    handler = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def overflowing_text(document: object) -> list[str]:
    """Text or boxes that stick out of their column or the page's text area."""
    from weasyprint.formatting_structure.boxes import LineBox, MarginBox, ParentBox, TextBox

    found = []

    def walk(box: object, limit: float | None, area: float, page: int) -> None:
        if isinstance(box, MarginBox):
            return
        if box.style["overflow"] == "hidden":      # type: ignore[attr-defined]
            return                                 # decoration clipped on purpose (cover)
        if isinstance(box, LineBox):
            for text in box.descendants():
                if isinstance(text, TextBox) and limit is not None and \
                        text.position_x + text.width > limit + 0.5:
                    found.append(f"page {page}: {text.text.strip()[:60]!r} overflows its box "
                                 f"by {text.position_x + text.width - limit:.1f} px")
            return
        right = box.border_box_x() + box.border_width()  # type: ignore[attr-defined]
        if box.width is not None and right > area + 0.5:  # type: ignore[attr-defined]
            found.append(f"page {page}: a {box.element_tag} box runs "  # type: ignore[attr-defined]
                         f"{right - area:.1f} px past the text area")
            return
        if isinstance(box, ParentBox):
            inner = box.content_box_x() + box.width if box.width is not None else limit
            for child in box.children:
                walk(child, inner, area, page)

    for number, page in enumerate(document.pages, start=1):  # type: ignore[attr-defined]
        page_box = page._page_box
        area = page_box.content_box_x() + page_box.width
        for child in page_box.children:
            walk(child, None, area, number)
    return found


def write_pdf(html: str, templates: Path, target: Path, where: str,
              doc: LDocument | None = None) -> int:
    """The screen PDF, PDF/UA-1, to ``target``; returns the page count. ``where`` names the
    job; ``doc`` gives the words that describe links (English labels without it)."""
    fetcher = AssetFetcher(templates)
    source = HTML(string=html, base_url=fetcher.root.as_uri() + "/", url_fetcher=fetcher)
    with _guarded(where) as drawn:
        document = source.render(pdf_tags=True)
        _check_layout(document, where)
        data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    _raise(_printed_glyph_problems(fetcher, document, drawn.notdef, where))
    try:
        data = pdfua.make_accessible(data, link_words(doc, source.etree_element))
    except ValueError as exc:       # a link whose target has nothing to describe it by
        raise DocgenError([Problem(where, None, f"PDF/UA: {exc}")]) from None
    target.write_bytes(data)
    return len(document.pages)


def write_print_pdf(html: str, templates: Path, target: Path, where: str, profile: Path,
                    document_id: str) -> int:
    """The print PDF, PDF/X-4 in CMYK with bleed (``templates/print.css``) and ``profile`` as
    its output intent, to ``target``; returns the page count."""
    pdfx.check_profile(profile, where)
    fetcher = AssetFetcher(templates, extra=(profile,))
    page = with_stylesheet(html, f'<link rel="stylesheet" href="{pdfx.PRINT_CSS}">'
                                 f"<style>{pdfx.color_profile_rule(profile)}</style>")
    screen = "".join((templates / name).read_text(encoding="utf-8")
                     for name in pdfx.SCREEN_CSS)   # the brochure's own (not the web pages')
    page = pdfx.svg_in_cmyk(page, pdfx.cmyk_palette(
        screen, (templates / pdfx.PRINT_CSS).read_text(encoding="utf-8")))
    source = HTML(string=page, base_url=fetcher.root.as_uri() + "/", url_fetcher=fetcher)
    with _guarded(where) as drawn:
        document = source.render(pdf_variant="pdf/x-4")
        # The file's permanent /ID, like the XMP DocumentID, comes from the edition.
        data = document.write_pdf(pdf_variant="pdf/x-4",
                                  pdf_identifier=document_id.removeprefix("uuid:").encode())
    _raise(_printed_glyph_problems(fetcher, document, drawn.notdef, where))
    target.write_bytes(pdfx.finish(data, document_id, where))
    return len(document.pages)


def link_words(doc: LDocument | None, root: Any) -> pdflinks.LinkWords:
    """How the PDF's links are announced, in the document's language."""
    titles = anchor_titles(root)
    if doc is None:
        return pdflinks.LinkWords("{title}, page {page}", "Website {address}", titles)
    raw = doc.labels.raw
    # Translators: how a screen reader announces a link to a part of the brochure: {title}
    # is that part's short title, {page} its page number, e.g. "BioWin and MEDVIA, page 4".
    section = raw("{title}, page {page}")
    # Translators: how a screen reader announces a link to a website; {address} is the web
    # address, e.g. "www.kickstartbiomanufacturing.be".
    website = raw("Website {address}")
    return pdflinks.LinkWords(section, website, titles, doc.formatter.number)


def glyph_problems(html: str, templates: Path, where: str) -> list[Problem]:
    """The glyph check of a brochure without writing it (``docgen check``): ``html`` laid out
    and drawn in memory, as ``write_pdf`` does; a failed rendering is a problem too."""
    fetcher = AssetFetcher(templates)
    source = HTML(string=html, base_url=fetcher.root.as_uri() + "/", url_fetcher=fetcher)
    try:
        with _guarded(where) as drawn:
            document = source.render()
            document.write_pdf()
    except DocgenError as exc:
        return exc.problems
    return _printed_glyph_problems(fetcher, document, drawn.notdef, where)


@contextmanager
def _guarded(where: str) -> Iterator[_Collect]:
    """A refused URL or any WeasyPrint warning becomes an error of the job; characters drawn
    as .notdef are left to the glyph check (``_Collect.notdef``)."""
    with _weasyprint_warnings() as warnings:
        try:
            yield warnings
        except RefusedURL as exc:  # raised while laying out or while writing attachments
            raise DocgenError([Problem(where, None, str(exc))]) from None
        except (DocgenError, KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:   # WeasyPrint's fatal errors are BaseExceptions too
            raise DocgenError([Problem(where, None, f"WeasyPrint failed: "
                                       f"{type(exc).__name__}: {_first_line(exc)}")]) from exc
    if warnings.messages:
        raise DocgenError([Problem(where, None, f"WeasyPrint: {m}") for m in warnings.messages])


def _check_layout(document: Any, where: str) -> None:
    overflow = overflowing_text(document)
    if overflow:
        raise DocgenError([Problem(where, None, f"layout: {o}") for o in overflow])


def _printed_glyph_problems(fetcher: AssetFetcher, document: Any, notdef: str,
                            where: str) -> list[Problem]:
    """The one glyph check of a PDF, over what WeasyPrint printed once it had laid out and
    drawn ``document``: text made by CSS (counters, ``text-transform``, hyphens, leaders), the
    page-margin boxes and the SVG labels count, as they do in the PDF.

    WeasyPrint 70 has no public API for the laid-out text (only the private
    ``Page._page_box``). Its documented ``Document.fonts`` holds every font the PDF embeds;
    each font's ``family`` and ``to_unicode`` (glyph → the text it drew) are not documented
    but are what the PDF's /ToUnicode maps are written from; and it logs a .notdef warning
    for a character no font has. So a character is checked where it can go wrong: when the
    bundled fonts lacked it and a font of the build machine (or none) drew it. Cheap: no
    second walk over the document, only over the few fonts it used (the HTML edition, laid
    out by a browser, keeps ``fonts.check_glyphs`` over its page).
    """
    folder = fetcher.root / "fonts"
    machine: dict[str, str] = {}            # family → the text it drew
    foreign = set(fetcher.foreign_fonts(document.fonts.values()))
    for font in document.fonts.values():
        if str(font.family) in foreign:
            machine[str(font.family)] = machine.get(str(font.family), "") + \
                "".join(font.to_unicode.values())
    lacking = notdef + "".join(t for t in machine.values() if fonts.missing_glyphs(t, folder))
    problems = fonts.glyph_problems(lacking, folder, where)
    if notdef and not fonts.missing_glyphs(notdef, folder):   # the bundled fonts have them:
        # a family the stylesheet names (not bundled) lacked them
        problems.append(Problem(where, None, f"no font has a glyph for {notdef[:20]!r}"))
    return problems + [Problem(where, None, f"the PDF would embed {family}, a font of the "
                               "build machine, not a bundled one")
                       for family, text in sorted(machine.items())
                       if not fonts.missing_glyphs(text, folder)]


def _raise(problems: list[Problem]) -> None:
    if problems:
        raise DocgenError(problems)


@contextmanager
def source_date_epoch(edition: dt.datetime) -> Iterator[None]:
    """fontTools (WeasyPrint's fallback subsetter) stamps fonts with SOURCE_DATE_EPOCH."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = previous or str(int(
        edition.replace(tzinfo=dt.UTC).timestamp()))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
