"""Make templates/fonts/web/*.woff2: the bundled Inter, subset for the screen editions.

The HTML editions and the download page load these (about 30 kB each instead of 260 kB for
the whole OTF). Run again (``.venv/bin/python scripts/make_web_fonts.py``) after changing a
font or WEB_UNICODES; every build checks that the text of each HTML edition has a glyph in
them, and names any character the subset lacks.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from docgen.render.edition import WEB_FONTS, WEB_UNICODES  # noqa: E402


def main() -> None:
    fonts = ROOT / "templates" / "fonts"
    for source, target in WEB_FONTS.items():
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]      # kerning, ligatures, tabular figures
        options.name_IDs = ["*"]             # keep the copyright and licence names
        options.notdef_outline = True
        font = TTFont(fonts / source)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(WEB_UNICODES))
        subsetter.subset(font)
        font.flavor = "woff2"
        out = fonts / "web" / target
        out.parent.mkdir(exist_ok=True)
        font.save(out)
        print(f"{out.relative_to(ROOT)}: {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
