"""HTML → PDF with WeasyPrint, through a fetcher that can reach only the brochure's assets.

WeasyPrint fetches any URL by default (``file://``, http, attachments) and only logs what it
cannot load. Here a refused URL stops the rendering, and any WeasyPrint warning fails it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ..errors import DocgenError, Problem

ASSET_SUFFIXES = {".css": "text/css", ".otf": "font/otf", ".ttf": "font/ttf",
                  ".woff2": "font/woff2", ".png": "image/png", ".svg": "image/svg+xml"}


class RefusedURL(FatalURLFetchingError):
    """A URL outside the brochure's own assets."""


class AssetFetcher(URLFetcher):
    """Serves only the asset files under ``templates/``, by their real path; refuses the rest.

    A URL is resolved to a real path (symlinks followed) and served only when that path is
    a file inside the real templates folder with an allowed suffix: a link named logo.png
    that points elsewhere is refused, whatever its target is.
    """

    def __init__(self, templates: Path) -> None:
        super().__init__(allowed_protocols=("file",), fail_on_errors=True)
        self.root = templates.resolve()
        found = (self._real(p) for p in self.root.rglob("*"))
        self.assets = {p for p in found if p is not None}

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


def write_pdf(html: str, templates: Path, target: Path, where: str) -> int:
    """Render ``html`` to ``target``; returns the page count. ``where`` names the job."""
    fetcher = AssetFetcher(templates)
    with _weasyprint_warnings() as warnings:
        try:
            document = HTML(string=html, base_url=fetcher.root.as_uri() + "/",
                            url_fetcher=fetcher).render(pdf_tags=True)
            overflow = overflowing_text(document)
            if overflow:
                raise DocgenError([Problem(where, None, f"layout: {o}") for o in overflow])
            document.write_pdf(target, pdf_variant="pdf/ua-1", pdf_tags=True)
        except RefusedURL as exc:  # raised while laying out or while writing attachments
            raise DocgenError([Problem(where, None, str(exc))]) from None
        except (DocgenError, KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:   # WeasyPrint's fatal errors are BaseExceptions too
            raise DocgenError([Problem(where, None, f"WeasyPrint failed: "
                                       f"{type(exc).__name__}: {_first_line(exc)}")]) from exc
    if warnings.messages:
        raise DocgenError([Problem(where, None, f"WeasyPrint: {m}") for m in warnings.messages])
    foreign = fetcher.foreign_fonts(document.fonts.values())
    if foreign:
        raise DocgenError([Problem(where, None, f"the PDF would embed {name}, a font of the "
                                   "build machine, not a bundled one (a character without a "
                                   "glyph in the bundled fonts?)") for name in foreign])
    return len(document.pages)
