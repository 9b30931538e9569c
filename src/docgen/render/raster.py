"""PDF pages as PNG images, through pypdfium2: the one rasteriser of the download page's
thumbnails and the translators' page previews."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Raster:
    """The PNG of each page asked for, in order, and the page count of the whole PDF."""

    pngs: list[bytes]
    pages: int


def pages_to_png(pdf: Path, *, dpi: float | None = None, width: int | None = None,
                 first: int = 1, last: int | None = None, optimize: bool = False) -> Raster:
    """Pages ``first`` to ``last`` (1-based, inclusive; ``last=None``: to the end) of ``pdf``
    as RGB PNGs, at ``dpi`` or scaled to ``width`` pixels (one of the two); ``optimize``:
    smaller files, slower to write (PIL's ``optimize``)."""
    import pypdfium2 as pdfium

    if (dpi is None) == (width is None):
        raise ValueError("pages_to_png: give dpi or width, not both")
    document = pdfium.PdfDocument(str(pdf))
    try:
        count = len(document)
        pngs = []
        for index in range(first - 1, count if last is None else min(last, count)):
            page = document[index]
            scale = dpi / 72 if dpi is not None else (width or 0) / page.get_width()
            image = page.render(scale=scale).to_pil().convert("RGB")
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", optimize=optimize)
            pngs.append(buffer.getvalue())
    finally:
        document.close()
    return Raster(pngs, count)
