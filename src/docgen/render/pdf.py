"""HTML → PDF with WeasyPrint, through a fetcher that can reach only the brochure's assets.

WeasyPrint fetches any URL by default (``file://``, http, attachments) and only logs what it
cannot load. Here a refused URL stops the rendering, and any WeasyPrint warning fails it.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ..errors import DocgenError, Problem
from ..localise.document import LDocument
from . import pdflinks, pdfua, pdfx
from .html import anchor_titles, with_stylesheet

ASSET_SUFFIXES = {".css": "text/css", ".otf": "font/otf", ".ttf": "font/ttf",
                  ".woff2": "font/woff2", ".png": "image/png", ".svg": "image/svg+xml",
                  ".icc": "application/vnd.iccprofile", ".icm": "application/vnd.iccprofile"}


class RefusedURL(FatalURLFetchingError):
    """A URL outside the brochure's own assets."""


class AssetFetcher(URLFetcher):
    """Serves only the asset files under ``templates/``, by their real path, and the ``extra``
    files named (the print edition's colour profile); refuses the rest.

    A URL is resolved to a real path (symlinks followed) and served only when that path is
    a file inside the real templates folder with an allowed suffix: a link named logo.png
    that points elsewhere is refused, whatever its target is.
    """

    def __init__(self, templates: Path, extra: Iterable[Path] = ()) -> None:
        super().__init__(allowed_protocols=("file",), fail_on_errors=True)
        self.root = templates.resolve()
        found = (self._real(p) for p in self.root.rglob("*"))
        self.assets = {p for p in found if p is not None}
        # Named files outside templates/ (the print profile): served by their exact path only.
        self.extra = {p.resolve() for p in extra if p.suffix in ASSET_SUFFIXES and p.is_file()}
        self.assets |= self.extra

    def _real(self, path: Path) -> Path | None:
        """The real path of an allowed asset inside the templates folder, or None."""
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):        # missing, or a loop of links
            return None
        inside = real.is_relative_to(self.root)
        return real if inside and real.suffix in ASSET_SUFFIXES and real.is_file() else None

    def foreign_fonts(self, fonts: Iterable[Any]) -> list[str]:
        """Families of the fonts a document used that are not bundled under templates/."""
        bundled = _families(tuple(sorted(p for p in self.assets if p.suffix in (".otf", ".ttf"))))
        return sorted({str(font.family) for font in fonts} - bundled)

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        base = self.root.as_uri() + "/"
        shown = url.removeprefix(base) if url.startswith(base) else url
        if len(shown) > 120:
            shown = shown[:119] + "…"
        real, rest = None, url.removeprefix(base)
        if url.startswith(base) and not any(c in rest for c in "%?#\\") and \
                ".." not in rest.split("/"):
            real = self._real(self.root / rest)
        if real is None and url.startswith("file:///") and not any(c in url for c in "%?#"):
            candidate = Path(url.removeprefix("file://")).resolve()
            real = candidate if candidate in self.extra else None
        if real is None or real not in self.assets:
            raise RefusedURL(f"refused URL {shown!r}: only the brochure's own assets "
                             "(files under templates/) may load")
        return URLFetcherResponse(url, real.read_bytes(),
                                  {"Content-Type": ASSET_SUFFIXES[real.suffix]})


@lru_cache(maxsize=4)
def _families(paths: tuple[Path, ...]) -> frozenset[str]:
    from fontTools.ttLib import TTFont

    names: set[str] = set()
    for path in paths:
        with TTFont(path, lazy=True) as font:
            names |= {str(font["name"].getDebugName(i)) for i in (1, 16)}
    return frozenset(names)


def _first_line(exc: BaseException) -> str:
    """An exception's message, one line, without the build machine's folders."""
    text = (str(exc).strip().splitlines() or [""])[0]
    return re.sub(r"(file://)?/[^\s'\"]*/", "", text)[:200]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
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
    with _guarded(where):
        document = source.render(pdf_tags=True)
        _check_layout(document, where)
        data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    _check_fonts(fetcher, document, where)
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
    with _guarded(where):
        document = source.render(pdf_variant="pdf/x-4")
        # The file's permanent /ID, like the XMP DocumentID, comes from the edition.
        data = document.write_pdf(pdf_variant="pdf/x-4",
                                  pdf_identifier=document_id.removeprefix("uuid:").encode())
    _check_fonts(fetcher, document, where)
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


@contextmanager
def _guarded(where: str) -> Iterator[None]:
    """A refused URL or any WeasyPrint warning becomes an error of the job."""
    with _weasyprint_warnings() as warnings:
        try:
            yield
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


def _check_fonts(fetcher: AssetFetcher, document: Any, where: str) -> None:
    foreign = fetcher.foreign_fonts(document.fonts.values())
    if foreign:
        raise DocgenError([Problem(where, None, f"the PDF would embed {name}, a font of the "
                                   "build machine, not a bundled one (a character without a "
                                   "glyph in the bundled fonts?)") for name in foreign])


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
