"""Previews for translators: the brochure rendered into ``output/preview/<lang>/brochure/``
(never over a published document), a PNG per page and a contact sheet (pypdfium2)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .i18n.languages import Language
    from .project import Project


def folder(project: Project, lang: str, document: str = "brochure") -> Path:
    """Where the preview of one document of one language goes."""
    return project.output / "preview" / lang / document


def render_brochure(project: Project, language: Language, draft: bool, target: Path) -> int:
    """The brochure of one language as a PDF at ``target``; returns its page count."""
    from .i18n.catalogs import load_all
    from .localise import localise
    from .render import fonts, html, pdf
    from .source import load

    local = localise(load(project.source), language, load_all(project.locales, language),
                     project.edition().date())
    page = html.render(local, project.templates, draft=draft)
    where = f"preview/{language.code}/{target.name}"
    fonts.check_glyphs(page, project.templates / "fonts", where)
    return pdf.write_pdf(page, project.templates, target, where)


def pages(pdf: Path, folder: Path, dpi: int) -> list[Path]:
    """A PNG per page (``page-01.png`` …); a file whose pixels did not change is left alone,
    so a viewer reloads only what changed. Pages beyond the new count are removed."""
    import io

    import pypdfium2 as pdfium

    folder.mkdir(parents=True, exist_ok=True)
    document = pdfium.PdfDocument(str(pdf))
    written = []
    try:
        for index in range(len(document)):
            image = document[index].render(scale=dpi / 72).to_pil().convert("RGB")
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            target = folder / f"page-{index + 1:02d}.png"
            if not target.exists() or target.read_bytes() != buffer.getvalue():
                target.write_bytes(buffer.getvalue())
            written.append(target)
        for stale in folder.glob("page-*.png"):
            if stale not in written:
                stale.unlink()
    finally:
        document.close()
    return written


def contact_sheet(pdf: Path, folder: Path, dpi: int = 100, columns: int = 4) -> Path:
    """Every page as PNG in ``folder`` and ``contact-sheet.png`` of all of them."""
    from PIL import Image

    images = [Image.open(p) for p in pages(pdf, folder, dpi)]
    width, height = images[0].size
    gap = 12
    rows = -(-len(images) // columns)
    sheet = Image.new("RGB", (columns * (width + gap) + gap, rows * (height + gap) + gap),
                      (222, 226, 230))
    for index, image in enumerate(images):
        row, column = divmod(index, columns)
        sheet.paste(image, (gap + column * (width + gap), gap + row * (height + gap)))
        image.close()
    target = folder / "contact-sheet.png"
    sheet.save(target)
    return target
