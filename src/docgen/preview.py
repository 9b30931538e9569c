"""Rasterise a PDF with pypdfium2: a PNG per page and a contact sheet of all pages.

A briefing (DOCX) is first printed to PDF by LibreOffice, headless, with a profile of its
own in a temporary folder: a LibreOffice the user has open is neither used nor disturbed.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import DocgenError, Problem

SOFFICE_MISSING = ("LibreOffice is not installed (no soffice on PATH): scripts/setup installs "
                   "it, or apt-get install libreoffice-writer-nogui")


def contact_sheet(pdf: Path, folder: Path, dpi: int = 60, columns: int = 4) -> Path:
    import pypdfium2 as pdfium
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("page-*.png"):        # a shorter document leaves no stale page
        old.unlink()
    document = pdfium.PdfDocument(str(pdf))
    pages = []
    for index in range(len(document)):
        image = document[index].render(scale=dpi / 72).to_pil().convert("RGB")
        image.save(folder / f"page-{index + 1:02d}.png")
        pages.append(image)
    width, height = pages[0].size
    gap = 12
    rows = -(-len(pages) // columns)
    sheet = Image.new("RGB", (columns * (width + gap) + gap, rows * (height + gap) + gap),
                      (222, 226, 230))
    for index, image in enumerate(pages):
        row, column = divmod(index, columns)
        sheet.paste(image, (gap + column * (width + gap), gap + row * (height + gap)))
    target = folder / "contact-sheet.png"
    sheet.save(target)
    document.close()
    return target


def soffice() -> str:
    """The LibreOffice binary, or one clear line saying how to install it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise DocgenError([Problem("docgen preview", None, SOFFICE_MISSING)])
    return found


def docx_contact_sheet(document: Path, folder: Path, dpi: int = 60) -> Path:
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
            raise DocgenError([Problem(str(document), None, "LibreOffice took more than "
                                       "300 s to print it; nothing was previewed")]) from None
        pdf = work / f"{document.stem}.pdf"
        if done.returncode != 0 or not pdf.is_file():
            said = (done.stderr or done.stdout).strip().splitlines()
            raise DocgenError([Problem(str(document), None, "LibreOffice could not print it"
                                       + (f": {said[-1]}" if said else ""))])
        return contact_sheet(pdf, folder, dpi)
