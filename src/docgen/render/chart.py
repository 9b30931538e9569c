"""The headline chart as SVG: panels of horizontal bars, one unit per panel.

A pure function of localised data: every value and tick label arrives already written by
Babel for the language; nothing here formats a number for the reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from .svgkit import FONT, Measure, attr, mix, num, text

TITLE, LABEL, VALUE, TICK = 8.0, 7.0, 7.5, 6.3     # font sizes, pt
BAR, GAP, PANEL_GAP = 10.0, 7.0, 22.0              # bar height, space between rows, between panels


@dataclass
class Bar:
    label: str
    value: str          # as Babel writes it
    amount: Decimal     # what the bar's length shows
    derived: bool = False


@dataclass
class Panel:
    title: str
    bars: list[Bar]
    ticks: list[tuple[Decimal, str]]    # axis values and their labels (Babel's)


def nice_ticks(maximum: Decimal, most: int = 6) -> list[Decimal]:
    """Axis values from 0 past ``maximum`` in steps of 1, 2 or 5 × 10ⁿ, at most ``most`` steps.

    >>> [str(t) for t in nice_ticks(Decimal(7))]
    ['0', '2', '4', '6', '8']
    >>> [str(t) for t in nice_ticks(Decimal(1200))]
    ['0', '200', '400', '600', '800', '1000', '1200']
    >>> [str(t) for t in nice_ticks(Decimal("3.5"))]
    ['0', '1', '2', '3', '4']
    """
    step = Decimal("0.01")
    while True:
        for factor in (1, 2, 5):
            size = step * factor
            count = int((maximum / size).to_integral_value(rounding=ROUND_CEILING))
            if count <= most:
                return [_plain(size * i) for i in range(count + 1)]
        step *= 10


def widen(content: str) -> str:
    """Bold figures: CLDR's narrow no-break space (U+202F) stays the character Babel wrote
    but gets a little room, or "1 200" reads as "1200" (as the brochure's .nnbsp does).

    >>> widen("1\u202f200").replace("\u202f", "_")
    '1<tspan dx="0.9">_</tspan>200'
    """
    return content.replace("\u202f", '<tspan dx="0.9">\u202f</tspan>')


def _plain(value: Decimal) -> Decimal:
    return Decimal(int(value)) if value == value.to_integral_value() else value.normalize()


def wrap(words: str, width: float, size: float, measure: Measure, weight: int = 400
         ) -> list[str]:
    """Greedy line breaking at spaces, by the font's advance widths."""
    lines: list[str] = []
    for word in words.split(" "):
        if lines and measure(f"{lines[-1]} {word}", size, weight) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _panel(panel: Panel, x0: float, width: float, colours: dict[str, str],
           measure: Measure) -> tuple[list[str], float]:
    """One panel's elements at ``x0``, and its height."""
    out = []
    y = TITLE
    for line in wrap(panel.title, width, TITLE, measure, 600):
        out.append(f'<text x="{num(x0)}" y="{num(y)}" font-size="{TITLE}" font-weight="600" '
                   f'fill="{colours["navy"]}">{text(line)}</text>')
        y += TITLE * 1.25
    y += 2
    value_room = max(measure(b.value + ("*" if b.derived else ""), VALUE, 700)
                     for b in panel.bars) + 5
    plot = width - value_room
    top = max(t[0] for t in panel.ticks)
    scale = plot / float(top)
    rows, bands = [], []
    for bar in panel.bars:
        for line in wrap(bar.label, width, LABEL, measure):
            y += LABEL * 1.2
            rows.append(f'<text x="{num(x0)}" y="{num(y)}" font-size="{LABEL}" '
                        f'fill="{colours["ink"]}">{text(line)}</text>')
        y += 3.5
        bands.append((y - 1, y + BAR + 1))
        length = float(bar.amount) * scale
        if bar.derived:       # computed, not stated: light, dashed outline
            rows.append(f'<rect x="{num(x0)}" y="{num(y)}" width="{num(length)}" height="{BAR}" '
                        f'fill="{mix(colours["muted"], 0.22)}" stroke="{colours["navy"]}" '
                        'stroke-width="0.8" stroke-dasharray="2.4 1.6"/>')
        else:
            rows.append(f'<rect x="{num(x0)}" y="{num(y)}" width="{num(length)}" height="{BAR}" '
                        f'fill="{colours["teal"]}"/>')
        label = bar.value + ("*" if bar.derived else "")
        rows.append(f'<text x="{num(x0 + length + 3)}" y="{num(y + BAR * 0.5 + VALUE * 0.36)}" '
                    f'font-size="{VALUE}" font-weight="700" fill="{colours["navy"]}">'
                    f'{widen(text(label))}</text>')
        y += BAR + GAP
    axis = y - GAP + 4
    for value, label in panel.ticks:       # grid lines across the bars only, not the labels
        x = x0 + float(value) * scale
        stroke = f'stroke="{colours["muted"]}" stroke-width="0.7"' if value == 0 else \
            f'stroke="{colours["rule"]}" stroke-width="0.5"'
        for top_, bottom in bands + [(axis - 2, axis)]:
            out.append(f'<line x1="{num(x)}" y1="{num(top_)}" x2="{num(x)}" y2="{num(bottom)}" '
                       f'fill="none" {stroke}/>')   # no default black fill in the print PDF
        anchor = "start" if value == 0 else "middle"
        out.append(f'<text x="{num(x)}" y="{num(axis + TICK + 2)}" font-size="{TICK}" '
                   f'text-anchor="{anchor}" fill="{colours["muted"]}">{text(label)}</text>')
    out += rows
    out.append(f'<line x1="{num(x0)}" y1="{num(axis)}" x2="{num(x0 + plot)}" y2="{num(axis)}" '
               f'fill="none" stroke="{colours["muted"]}" stroke-width="0.5"/>')
    return out, axis + TICK + 4


def draw_chart(panels: list[Panel], alt: str, colours: dict[str, str], measure: Measure,
               width: float = 482.0) -> str:
    """The chart, ``width`` points wide; panels side by side. ``alt`` is its text alternative
    (WeasyPrint makes the SVG's <title> the /Alt of its Figure structure element)."""
    panel_width = (width - PANEL_GAP * (len(panels) - 1)) / max(len(panels), 1)
    parts, height = [], 0.0
    for i, panel in enumerate(panels):
        elements, h = _panel(panel, i * (panel_width + PANEL_GAP), panel_width, colours,
                             measure)
        parts += elements
        height = max(height, h)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{num(width)}pt" '
            f'height="{num(height)}pt" viewBox="0 0 {num(width)} {num(height)}" role="img">'
            f"<title>{text(alt)}</title>"
            f'<g font-family={attr(FONT)}>' + "".join(parts) + "</g></svg>")
