"""First-page thumbnails for the download page: PDFs through pypdfium2, DOCX through
LibreOffice (``soffice --headless``: the page as Word and LibreOffice lay it out).

A thumbnail is made once per version of its document: ``<name>.png`` sits beside a
``<name>.json`` that records the SHA-256 of the document it shows and its page count.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import DocgenError, Problem
from ..files import write_atomic
from ..render.raster import pages_to_png

WIDTH = 208


def _rasterise(pdf: Path, target: Path) -> int:
    """The first page of ``pdf`` as a PNG ``WIDTH`` pixels wide; returns the page count."""
    raster = pages_to_png(pdf, width=WIDTH, last=1, optimize=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, raster.pngs[0])
    return raster.pages


def _docx_to_pdf(docx: Path, folder: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise DocgenError([Problem(str(docx), None, "LibreOffice (soffice) is needed for the "
                                   "briefing's thumbnail: run scripts/setup")])
    profile = folder / "profile"           # a private profile: no clash with a running office
    out = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                          "--norestore", "--convert-to", "pdf", "--outdir", str(folder),
                          str(docx)], capture_output=True, text=True, timeout=180)
    pdf = folder / f"{docx.stem}.pdf"
    if out.returncode != 0 or not pdf.exists():
        raise DocgenError([Problem(str(docx), None, "LibreOffice could not convert the "
                                   f"briefing: {(out.stderr or out.stdout).strip()[:200]}")])
    return pdf


def thumbnail(document: Path, target: Path, sha256: str) -> int:
    """Make (or reuse) ``target``, the first page of ``document``; returns its page count."""
    record = target.with_suffix(".json")
    try:
        known = json.loads(record.read_text(encoding="utf-8"))
        if known["sha256"] == sha256 and target.exists():
            return int(known["pages"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    if document.suffix == ".pdf":
        pages = _rasterise(document, target)
    else:
        with tempfile.TemporaryDirectory(prefix="docgen-soffice-") as tmp:
            pages = _rasterise(_docx_to_pdf(document, Path(tmp)), target)
    write_atomic(record, json.dumps({"sha256": sha256, "pages": pages}).encode("utf-8"))
    return pages
