"""Make templates/map/belgium-regions.svg: Belgium's three regions, projected and simplified.

Reads Natural Earth's admin-0 map units for Belgium (a GeoJSON file; default: the shared
copy beside the repository, ``../shared/geo/belgium-regions.geojson``) and writes the outlines
that the brochure's map draws. The result is committed, so a build needs neither that file
nor the network; run this again only to regenerate it:

    .venv/bin/python scripts/make_map.py [GEOJSON] [--out templates/map/belgium-regions.svg]

Projection: equirectangular around 50.5° N (x = lon·cos 50.5°, y = −lat), scaled so that
Belgium is 1000 units wide. The root element records it (``data-lon0``, ``data-lat0``,
``data-kx``, ``data-ky``) so that a town's longitude and latitude land on the same drawing.
Simplification: Douglas–Peucker with a tolerance of ``TOLERANCE`` units; a vertex that two
regions share is always kept, so borders stay identical in both neighbours (no slivers).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "geo" / "belgium-regions.geojson"
DEFAULT_OUT = ROOT / "templates" / "map" / "belgium-regions.svg"
WIDTH = 1000.0          # drawing units across Belgium
TOLERANCE = 1.5         # drawing units (0.18 mm on a 120 mm wide map)
LAT0 = 50.5             # the parallel of the projection

Point = tuple[float, float]


def simplify(ring: list[Point], keep: set[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker between the vertices in ``keep`` (and the ring's ends).

    >>> simplify([(0, 0), (1, 0.1), (2, 0), (2, 2), (0, 0)], set(), 0.5)
    [(0, 0), (2, 0), (2, 2), (0, 0)]
    >>> simplify([(0, 0), (1, 0.1), (2, 0)], {(1, 0.1)}, 0.5)
    [(0, 0), (1, 0.1), (2, 0)]
    """
    anchors = [0] + [i for i, p in enumerate(ring[1:-1], 1) if p in keep] + [len(ring) - 1]
    out = [ring[0]]
    for a, b in zip(anchors, anchors[1:], strict=False):
        out += _dp(ring[a:b + 1], tolerance)[1:]
    return out


def _dp(points: list[Point], tolerance: float) -> list[Point]:
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = math.hypot(x2 - x1, y2 - y1)

    def distance(p: Point) -> float:
        if length == 0:
            return math.hypot(p[0] - x1, p[1] - y1)
        return abs((x2 - x1) * (y1 - p[1]) - (x1 - p[0]) * (y2 - y1)) / length
    far = max(range(1, len(points) - 1), key=lambda i: distance(points[i]))
    if distance(points[far]) <= tolerance:
        return [points[0], points[-1]]
    return _dp(points[:far + 1], tolerance)[:-1] + _dp(points[far:], tolerance)


def polygons(geometry: dict) -> list[list[list[Point]]]:
    coords = geometry["coordinates"]
    rings = coords if geometry["type"] == "MultiPolygon" else [coords]
    return [[[(float(x), float(y)) for x, y in ring] for ring in poly] for poly in rings]


def make_svg(collection: dict, tolerance: float = TOLERANCE) -> str:
    features = collection["features"]
    rings = [(f["properties"], polygons(f["geometry"])) for f in features]
    lons = [x for _, polys in rings for poly in polys for ring in poly for x, _ in ring]
    lats = [y for _, polys in rings for poly in polys for ring in poly for _, y in ring]
    lon0, lat0 = min(lons), max(lats)
    kx = WIDTH / (max(lons) - lon0)
    ky = kx / math.cos(math.radians(LAT0))
    height = (lat0 - min(lats)) * ky

    def project(p: Point) -> Point:
        return (round((p[0] - lon0) * kx, 1), round((lat0 - p[1]) * ky, 1))

    # A vertex in more than one feature is on a border: it is never simplified away.
    seen = Counter(p for _, polys in rings for poly in polys for ring in poly
                   for p in set(ring))
    shared = {project(p) for p, n in seen.items() if n > 1}
    paths = []
    for props, polys in sorted(rings, key=lambda r: r[0]["SU_A3"]):
        d = []
        for poly in polys:
            for ring in poly:
                projected = [project(p) for p in ring]
                simple = simplify(projected, shared, tolerance)
                points = [p for i, p in enumerate(simple) if i == 0 or p != simple[i - 1]]
                d.append("M" + " ".join(f"{x:g},{y:g}" for x, y in points[:-1]) + "Z")
        paths.append(f'  <path id="{props["SU_A3"]}" data-name="{props["NAME_LONG"]}" '
                     f'd="{"".join(d)}"/>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {height:.1f}" '
            f'data-lon0="{lon0}" data-lat0="{lat0}" data-kx="{kx:.4f}" data-ky="{ky:.4f}" '
            f'fill="#e3f1f0" stroke="#0e7c7b" stroke-width="1" fill-rule="evenodd">\n'
            "  <!-- Made with Natural Earth: Belgium's regions (admin-0 map units, 1:50m, "
            "public domain), drawn by scripts/make_map.py. See SOURCE.md. -->\n"
            + "\n".join(paths) + "\n</svg>\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE,
                        help="Natural Earth GeoJSON of Belgium's map units")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        collection = json.loads(args.source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"{args.source}: cannot read the GeoJSON: {exc}", file=sys.stderr)
        return 1
    svg = make_svg(collection)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(svg, encoding="utf-8")
    print(f"{args.out}: {svg.count('<path')} regions, {len(svg)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
