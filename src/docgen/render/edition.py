"""The brochure's HTML edition: the same localised content as the PDF, for screens.

``output/<lang>/brochure-<lang>.html`` with its stylesheet and fonts beside it in
``output/<lang>/assets/``: the folder works offline, and the page's own Content-Security-Policy
lets nothing load from outside it.
"""

from __future__ import annotations

from pathlib import Path

from ..files import write_atomic
from ..localise.document import LDocument
from . import html

TEMPLATE = "edition.html"
ASSETS = "assets"
# The OTF under templates/fonts/ each web font is subset from (scripts/make_web_fonts.py).
WEB_FONTS = {f"{name}.otf": f"{name}.woff2" for name in
             ("Inter-Regular", "Inter-SemiBold", "Inter-Bold", "InterDisplay-Bold")}
# What the web fonts cover: Latin (Basic, Latin-1, Extended-A), general punctuation (dashes,
# quotes, the narrow no-break space), the euro sign, arrows and comparison signs.
WEB_UNICODES = frozenset([*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2000, 0x2070),
                          0x20AC, 0x2122, 0x2190, 0x2192, 0x2212, 0x2264, 0x2265])
# What the stylesheet loads, relative to templates/ (and to the assets folder).
ASSET_FILES = ("edition.css", *(f"fonts/web/{name}" for name in WEB_FONTS.values()),
               "fonts/OFL-Inter.txt")


def render(doc: LDocument, templates: Path, draft: bool = False) -> str:
    return html.render(doc, templates, draft, name=TEMPLATE)


def asset_names(lang: str) -> list[str]:
    """The asset files of one language's edition, relative to the output folder."""
    return [f"{lang}/{ASSETS}/{name}" for name in ASSET_FILES]


def write_assets(templates: Path, folder: Path) -> None:
    """Copy the stylesheet and fonts beside the edition (only those that changed); files an
    earlier version left in the assets folder go."""
    wanted = {folder / ASSETS / name for name in ASSET_FILES}
    for old in (folder / ASSETS).rglob("*"):
        if old.is_file() and old not in wanted:
            old.unlink()
    for name in ASSET_FILES:
        source, target = templates / name, folder / ASSETS / name
        data = source.read_bytes()
        if target.exists() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)

