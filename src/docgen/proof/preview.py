"""Previews for translators: the brochure (or briefing) rendered into
``output/preview/<lang>/brochure/`` (``briefing/``), never over a published document, a PNG
per page and a contact sheet (pypdfium2).

A briefing (DOCX) is printed to PDF by LibreOffice, headless, with a profile of its own in a
temporary folder: a LibreOffice the user has open is neither used nor disturbed.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DocgenError, Problem

SOFFICE_MISSING = ("LibreOffice is not installed (no soffice on PATH): scripts/setup installs "
                   "it, or apt-get install libreoffice-writer-nogui")

if TYPE_CHECKING:
    from ..i18n.languages import Language
    from ..localise.document import LDocument
    from ..project import Project


def folder(project: Project, lang: str, document: str = "brochure") -> Path:
    """Where the preview of one document of one language goes."""
    return project.output / "preview" / lang / document


def _localised(project: Project, language: Language) -> LDocument:
    from ..localise.content import content, load_catalogs
    from ..source.read import load

    return content(load(project.source), language, load_catalogs(project.locales, language),
                   project.edition().date())


def render_brochure(project: Project, language: Language, draft: bool, target: Path) -> int:
    """The brochure of one language as a PDF at ``target``; returns its page count."""
    from ..render import html, pdf

    page = html.render(_localised(project, language), project.templates, draft=draft)
    where = f"preview/{language.code}/{target.name}"
    return pdf.write_pdf(page, project.templates, target, where)   # glyphs: checked as drawn


def render_briefing(project: Project, language: Language, draft: bool, target: Path) -> None:
    """The briefing of one language as a DOCX at ``target``."""
    from ..render import docx

    target.write_bytes(docx.render(_localised(project, language),
                                   project.templates / "briefing.docx", project.edition(),
                                   draft, f"preview/{language.code}/{target.name}"))


def pages(pdf: Path, folder: Path, dpi: int) -> list[Path]:
    """A PNG per page (``page-01.png`` …); a file whose pixels did not change is left alone,
    so a viewer reloads only what changed. Pages beyond the new count are removed."""
    from ..render.raster import pages_to_png

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number, png in enumerate(pages_to_png(pdf, dpi=dpi).pngs, start=1):
        target = folder / f"page-{number:02d}.png"
        if not target.exists() or target.read_bytes() != png:
            target.write_bytes(png)
        written.append(target)
    for stale in folder.glob("page-*.png"):
        if stale not in written:
            stale.unlink()
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


def soffice() -> str:
    """The LibreOffice binary, or one clear line saying how to install it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise DocgenError([Problem("docgen preview", None, SOFFICE_MISSING)])
    return found


def docx_contact_sheet(document: Path, folder: Path, dpi: int = 100) -> Path:
    """Every page of a DOCX as LibreOffice lays it out, and a contact sheet."""
    binary = soffice()
    with tempfile.TemporaryDirectory(prefix="docgen-preview-") as tmp:
        work = Path(tmp)
        command = [binary, "--headless", "--norestore",
                   f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--convert-to", "pdf", "--outdir", str(work), str(document)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=300)
        except subprocess.TimeoutExpired:
            raise DocgenError([Problem(document.name, None, "LibreOffice took more than "
                                       "300 s to print it; nothing was previewed")]) from None
        pdf = work / f"{document.stem}.pdf"
        if done.returncode != 0 or not pdf.is_file():
            said = (done.stderr or done.stdout).strip().splitlines()
            raise DocgenError([Problem(document.name, None, "LibreOffice could not print it"
                                       + (f": {said[-1]}" if said else ""))])
        return contact_sheet(pdf, folder, dpi)
