"""The partnerships' map as SVG: Belgium's regions, a numbered marker for each partnership
at its town or across its region, and each link abroad as an arrow off the map's edge.

A pure function of localised data and the committed outlines (templates/map/, made by
scripts/make_map.py from Natural Earth); labels are placed so that none overlaps another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from xml.etree import ElementTree

from .svgkit import FONT, Measure, attr, mix, num, text

NAME, REGION, BADGE, SMALL = 7.2, 8.4, 5.6, 6.3      # font sizes, pt
RADIUS = 4.6                                          # a number's disc, pt
# Where each region's name goes (lon, lat): open country, away from the towns.
REGION_LABELS = {"BWR": (5.30, 50.16), "BFR": (3.62, 51.13), "BCR": (4.36, 50.94)}
LINK_FROM = (4.24, 50.24)        # a link abroad leaves Wallonia here (Beaumont), westwards

Box = tuple[float, float, float, float]   # left, top, right, bottom


@dataclass(frozen=True)
class Outlines:
    """The regions' projected outlines (SVG path data) and the projection that made them."""

    paths: dict[str, str]
    width: float
    height: float
    lon0: float
    lat0: float
    kx: float
    ky: float

    def project(self, lon: Decimal | float, lat: Decimal | float) -> tuple[float, float]:
        return (float(lon) - self.lon0) * self.kx, (self.lat0 - float(lat)) * self.ky


def read_outlines(svg: str) -> Outlines:
    """Parse templates/map/belgium-regions.svg.

    >>> o = read_outlines('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 8" '
    ...                   'data-lon0="2" data-lat0="51" data-kx="2" data-ky="4">'
    ...                   '<path id="BWR" d="M0,0 1,1Z"/></svg>')
    >>> o.paths, o.project(3, 50)
    ({'BWR': 'M0,0 1,1Z'}, (2.0, 4.0))
    """
    root = ElementTree.fromstring(svg)   # noqa: S314 (our own committed file)
    _, _, width, height = (float(v) for v in root.attrib["viewBox"].split())
    paths = {p.attrib["id"]: p.attrib["d"] for p in root.iter("{http://www.w3.org/2000/svg}path")}
    return Outlines(paths, width, height, *(float(root.attrib[f"data-{k}"])
                                            for k in ("lon0", "lat0", "kx", "ky")))


@dataclass
class Town:
    name: str
    lon: Decimal
    lat: Decimal
    numbers: list[str]          # the partnerships there, as the language writes numbers


@dataclass
class Region:
    code: str                   # a map unit of the outlines
    name: str
    numbers: list[str]          # the partnerships across the whole region


@dataclass
class Link:
    country: str
    kind: str
    numbers: list[str]


@dataclass
class MapSpec:
    alt: str
    regions: list[Region]
    towns: list[Town]
    links: list[Link] = field(default_factory=list)
    unlabelled: dict[str, str] = field(default_factory=dict)   # other map units' names


def overlaps(a: Box, b: Box, pad: float = 1.0) -> bool:
    """
    >>> overlaps((0, 0, 10, 10), (10.5, 0, 20, 10)), overlaps((0, 0, 10, 10), (12, 0, 20, 10))
    (True, False)
    """
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


class _Canvas:
    def __init__(self, colours: dict[str, str], measure: Measure, width: float,
                 height: float) -> None:
        self.c, self.measure, self.width, self.height = colours, measure, width, height
        self.parts: list[str] = []
        self.taken: list[Box] = []

    def free(self, box: Box) -> bool:
        inside = box[0] >= 0 and box[1] >= 0 and box[2] <= self.width and box[3] <= self.height
        return inside and not any(overlaps(box, t) for t in self.taken)

    def label(self, x: float, y: float, words: str, size: float, weight: int, fill: str,
              anchor: str = "start") -> float:
        width = self.measure(words, size, weight)
        self.parts.append(f'<text x="{num(x)}" y="{num(y)}" font-size="{size}" '
                          f'font-weight="{weight}" fill="{fill}" text-anchor="{anchor}">'
                          f"{text(words)}</text>")
        return width

    def badges(self, x: float, y: float, numbers: list[str]) -> float:
        """Numbered discs from (x, centre y) rightwards; returns their width."""
        for i, n in enumerate(numbers):
            cx = x + RADIUS + i * (2 * RADIUS + 1.4)
            self.parts.append(f'<circle cx="{num(cx)}" cy="{num(y)}" r="{RADIUS}" '
                              f'fill="{self.c["amber"]}" stroke="#ffffff" stroke-width="0.6"/>')
            self.parts.append(f'<text x="{num(cx)}" y="{num(y + BADGE * 0.36)}" '
                              f'font-size="{BADGE}" font-weight="700" text-anchor="middle" '
                              f'fill="{self.c["navy"]}">{text(n)}</text>')
        return _badges_width(numbers)


def _badges_width(numbers: list[str]) -> float:
    """
    >>> _badges_width([]), round(_badges_width(["1", "2"]), 2)
    (0.0, 19.8)
    """
    return len(numbers) * (2 * RADIUS + 1.4) - 1.4 if numbers else 0.0


def _town(canvas: _Canvas, town: Town, x: float, y: float, west_first: bool) -> None:
    """A dot at the town, its name and numbers at the first free side (away from the
    nearest other town first)."""
    name_w = canvas.measure(town.name, NAME, 600)
    width = name_w + 2.5 + _badges_width(town.numbers)
    height = 2 * RADIUS
    sides = [(x + 4.5, y - height / 2), (x - 4.5 - width, y - height / 2),
             (x - width / 2, y - 5 - height), (x - width / 2, y + 5),
             (x + 3.5, y - 3.5 - height), (x + 3.5, y + 3.5),
             (x - 3.5 - width, y - 3.5 - height), (x - 3.5 - width, y + 3.5)]
    if west_first:
        sides[0], sides[1] = sides[1], sides[0]
    left, top = next(((lx, ty) for lx, ty in sides
                      if canvas.free((lx, ty, lx + width, ty + height))), sides[0])
    canvas.taken.append((left, top, left + width, top + height))
    canvas.parts.append(f'<circle cx="{num(x)}" cy="{num(y)}" r="2.3" fill="{canvas.c["navy"]}" '
                        'stroke="#ffffff" stroke-width="0.9"/>')
    middle = top + height / 2
    canvas.label(left, middle + NAME * 0.36, town.name, NAME, 600, canvas.c["navy"])
    canvas.badges(left + name_w + 2.5, middle, town.numbers)


def draw_map(spec: MapSpec, outlines: Outlines, colours: dict[str, str], measure: Measure,
             width: float = 340.0) -> str:
    """The map, ``width`` points wide. ``spec.alt`` becomes the SVG's <title>, which
    WeasyPrint makes the /Alt of the map's Figure structure element."""
    s = width / outlines.width
    height = outlines.height * s
    canvas = _Canvas(colours, measure, width, height)
    c = colours
    fills = {"BWR": mix(c["teal"], 0.30), "BFR": mix(c["rule"], 0.45), "BCR": mix(c["rule"], 0.9)}
    for code, d in sorted(outlines.paths.items(), key=lambda item: item[0] == "BWR"):
        stroke = c["teal"] if code == "BWR" else c["muted"]
        canvas.parts.append(f'<path d="{d}" transform="scale({s:.5f})" fill-rule="evenodd" '
                            f'fill="{fills.get(code, "#ffffff")}" stroke="{stroke}" '
                            f'stroke-width="{0.6 / s:.2f}"/>')

    def at(lon: Decimal | float, lat: Decimal | float) -> tuple[float, float]:
        x, y = outlines.project(lon, lat)
        return x * s, y * s

    # Dots first: no label may cover a town.
    points = [(town, *at(town.lon, town.lat)) for town in spec.towns]
    outside = [t.name for t, x, y in points if not (0 <= x <= width and 0 <= y <= height)]
    if outside:
        raise ValueError(f"outside the map of Belgium: {', '.join(outside)}")
    canvas.taken += [(x - 2.5, y - 2.5, x + 2.5, y + 2.5) for _, x, y in points]
    for i, link in enumerate(spec.links):       # several: one under the other
        x, y = at(*LINK_FROM)
        _link(canvas, link, x, y + i * (NAME + SMALL + 10))
    for region in spec.regions + [Region(k, v, []) for k, v in spec.unlabelled.items()]:
        x, y = at(*REGION_LABELS[region.code])
        size, weight = (REGION, 700) if region.numbers else (SMALL, 400)
        w = canvas.measure(region.name, size, weight)
        canvas.label(x, y, region.name, size, weight,
                     c["navy"] if region.numbers else c["muted"], "middle")
        canvas.taken.append((x - w / 2, y - size, x + w / 2, y + 2))
        if region.numbers:
            bw = _badges_width(region.numbers)
            canvas.badges(x - bw / 2, y + 3 + RADIUS, region.numbers)
            canvas.taken.append((x - bw / 2, y + 3, x + bw / 2, y + 3 + 2 * RADIUS))
    for town, x, y in sorted(points, key=lambda p: (p[2], p[1])):
        others = [(ox, oy) for t, ox, oy in points if t is not town]
        nearest = min(others, key=lambda o: (o[0] - x) ** 2 + (o[1] - y) ** 2, default=(x, y))
        _town(canvas, town, x, y, west_first=nearest[0] > x)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="map" width="{num(width)}pt" '
            f'height="{num(height)}pt" viewBox="0 0 {num(width)} {num(height)}" role="img">'
            f"<title>{text(spec.alt)}</title>"
            f'<g font-family={attr(FONT)}>' + "".join(canvas.parts) + "</g></svg>")


def _link(canvas: _Canvas, link: Link, x: float, y: float) -> None:
    """An arrow from (x, y) to the map's left edge; the country and the kind under it."""
    c = canvas.c
    canvas.parts.append(f'<path d="M{num(x)},{num(y)} H5" stroke="{c["navy"]}" '
                        'stroke-width="1.1" fill="none"/>')
    canvas.parts.append(f'<path d="M0.5,{num(y)} L6,{num(y - 3)} L6,{num(y + 3)} Z" '
                        f'fill="{c["navy"]}"/>')
    canvas.parts.append(f'<circle cx="{num(x)}" cy="{num(y)}" r="1.6" fill="{c["navy"]}"/>')
    baseline = y + 4 + NAME
    w1 = canvas.label(1, baseline, link.country, NAME, 700, c["navy"])
    canvas.badges(1 + w1 + 2.5, baseline - NAME * 0.36, link.numbers)
    w2 = canvas.label(1, baseline + SMALL + 1.5, link.kind, SMALL, 400, c["ink"])
    right = max(1 + w1 + 2.5 + _badges_width(link.numbers), 1 + w2)
    canvas.taken.append((0, y - 3, max(right, x + 2), baseline + SMALL + 3))
