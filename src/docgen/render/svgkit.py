"""Small pieces the map and the chart share: escaping, text widths from the bundled fonts,
and the brochure's palette (read from its stylesheet, so both drawings follow it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..errors import DocgenError, Problem

# The palette's roles, by the custom property of templates/brochure.css that holds each.
PALETTE = ("ink", "muted", "navy", "teal", "teal-light", "amber", "rule")
FONT_FILES = {400: "Inter-Regular.otf", 600: "Inter-SemiBold.otf", 700: "Inter-Bold.otf"}
FONT = "Inter"

Measure = Callable[[str, float, int], float]


def text(content: str) -> str:
    """Text content for SVG.

    >>> text("R&D <3")
    'R&amp;D &lt;3'
    """
    return escape(content)


def attr(value: str) -> str:
    """A quoted attribute value.

    >>> attr('a "b"')
    '\\'a "b"\\''
    """
    return quoteattr(value)


def num(value: float) -> str:
    """A coordinate, short: two decimals at most.

    >>> num(12.3456), num(3.0), num(-0.004)
    ('12.35', '3', '0')
    """
    out = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if out in ("-0", "") else out


def mix(colour: str, amount: float, base: str = "#ffffff") -> str:
    """``amount`` of ``colour`` over ``base``: a tint of a palette colour.

    >>> mix("#0e7c7b", 0.5)
    '#86bebd'
    """
    a = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(base[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x * amount + y * (1 - amount)):02x}" for x, y in zip(
        a, b, strict=True))


def read_palette(css: str, where: str = "brochure.css") -> dict[str, str]:
    """The colours of the stylesheet's custom properties that the drawings use.

    >>> read_palette(":root { --ink: #17212b; --muted: #5a6673; --navy: #0b2a45; "
    ...              "--teal: #0e7c7b; --teal-light: #e3f1f0; --amber: #e39b2d; "
    ...              "--rule: #cfd8dc; }")["teal"]
    '#0e7c7b'
    """
    found = dict(re.findall(r"--([a-z-]+)\s*:\s*(#[0-9a-fA-F]{6})\b", css))
    missing = [name for name in PALETTE if name not in found]
    if missing:
        raise DocgenError([Problem(where, None, "the map and the chart take their colours from "
                                   f"custom properties; missing: --{', --'.join(missing)}")])
    return {name: found[name].lower() for name in PALETTE}


@dataclass(frozen=True)
class Fonts:
    """Advance widths of the bundled Inter faces: what WeasyPrint sets, letter by letter."""

    folder: Path

    def width(self, content: str, size: float, weight: int = 400) -> float:
        advances, em = _advances(self.folder / FONT_FILES[weight])
        return sum(advances.get(ord(ch), em // 2) for ch in content) * size / em


@lru_cache(maxsize=8)
def _advances(path: Path) -> tuple[dict[int, int], int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        metrics = font["hmtx"].metrics
        cmap = font.getBestCmap()
        return {code: metrics[glyph][0] for code, glyph in cmap.items()}, \
            font["head"].unitsPerEm
