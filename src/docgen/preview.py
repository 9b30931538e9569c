"""Rasterise a PDF with pypdfium2: a PNG per page and a contact sheet of all pages."""

from __future__ import annotations

from pathlib import Path


def contact_sheet(pdf: Path, folder: Path, dpi: int = 60, columns: int = 4) -> Path:
    import pypdfium2 as pdfium
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
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
