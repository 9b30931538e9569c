"""The brochure's HTML edition: the same localised content as the PDF, for screens.

``output/<lang>/brochure-<lang>.html`` with its stylesheet and fonts beside it in
``output/<lang>/assets/``: the folder works offline, and the page's own Content-Security-Policy
lets nothing load from outside it.
"""

from __future__ import annotations

from pathlib import Path

from ..localise import LDocument
from ..publish import write_atomic
from . import html

TEMPLATE = "edition.html"
ASSETS = "assets"
# What the stylesheet loads, relative to templates/ (and to the assets folder).
ASSET_FILES = ("edition.css", "fonts/Inter-Regular.otf", "fonts/Inter-SemiBold.otf",
               "fonts/Inter-Bold.otf", "fonts/InterDisplay-Bold.otf", "fonts/OFL-Inter.txt")


def render(doc: LDocument, templates: Path, draft: bool = False) -> str:
    return html.render(doc, templates, draft, name=TEMPLATE)


def asset_names(lang: str) -> list[str]:
    """The asset files of one language's edition, relative to the output folder."""
    return [f"{lang}/{ASSETS}/{name}" for name in ASSET_FILES]


def write_assets(templates: Path, folder: Path) -> None:
    """Copy the stylesheet and fonts beside the edition (only those that changed)."""
    for name in ASSET_FILES:
        source, target = templates / name, folder / ASSETS / name
        data = source.read_bytes()
        if target.exists() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)

