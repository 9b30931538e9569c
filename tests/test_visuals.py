"""The map and the chart: drawn from the data, in each language, accessible, self-contained."""

from __future__ import annotations

import datetime as dt
import math
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from docgen.i18n.languages import load_languages
from docgen.localise.content import content, load_catalogs
from docgen.localise.document import LDocument
from docgen.render.html import render
from docgen.render.visuals import Visuals
from docgen.source.read import load

from .conftest import ROOT, copy_project

SVG = "{http://www.w3.org/2000/svg}"
LANGS = ("de", "fr", "nl", "en")
NB, NN = "\u00a0", "\u202f"
# The chart's texts as Babel and the catalogs write them: titles, ticks, labels, values.
CHART_VALUES = {
    "de": [f"7{NB}%", f"3,5{NB}%*", "1.200", "470"],
    "fr": [f"7{NB}%", f"3,5{NB}%*", f"1{NN}200", "470"],
    "nl": ["7%", "3,5%*", "1.200", "470"],
    "en": ["7%", "3.5%*", "1,200", "470"],
}
TICKS = {
    "de": [f"0{NB}%", f"2{NB}%", f"4{NB}%", f"6{NB}%", f"8{NB}%", "0", "200", "400", "600",
           "800", "1.000", "1.200"],
    "fr": [f"0{NB}%", f"2{NB}%", f"4{NB}%", f"6{NB}%", f"8{NB}%", "0", "200", "400", "600",
           "800", f"1{NN}000", f"1{NN}200"],
    "nl": ["0%", "2%", "4%", "6%", "8%", "0", "200", "400", "600", "800", "1.000", "1.200"],
    "en": ["0%", "2%", "4%", "6%", "8%", "0", "200", "400", "600", "800", "1,000", "1,200"],
}
MAP_ALT = {
    "de": "Karte der Regionen Belgiens mit den Partnerschaften nach Nummer. Wallonien "
          "(gesamte Region): 1, 2, 6, 7, 8 und 9. Flandern (gesamte Region): 1. Rixensart: 3. "
          "Gosselies: 4 und 5. Seneffe: 5. Verbindungen ins Ausland: Vereinigte Staaten "
          "(Exportziel): 9.",
    "fr": f"Carte des régions de Belgique avec les partenariats par numéro. Wallonie (toute la "
          f"région){NB}: 1, 2, 6, 7, 8 et 9. Flandre (toute la région){NB}: 1. Rixensart{NB}: 3. "
          f"Gosselies{NB}: 4 et 5. Seneffe{NB}: 5. Liens avec l’étranger{NB}: États-Unis "
          f"(destination d’exportation){NB}: 9.",
    "nl": "Kaart van de Belgische gewesten met de partnerschappen per nummer. Wallonië (hele "
          "gewest): 1, 2, 6, 7, 8 en 9. Vlaanderen (hele gewest): 1. Rixensart: 3. Gosselies: "
          "4 en 5. Seneffe: 5. Links met het buitenland: Verenigde Staten (exportbestemming): 9.",
    "en": "Map of Belgium’s regions with the partnerships by number. Wallonia (whole region): "
          "1, 2, 6, 7, 8 and 9. Flanders (whole region): 1. Rixensart: 3. Gosselies: 4 and 5. "
          "Seneffe: 5. Links abroad: United States (export destination): 9.",
}
CHART_ALT_START = {
    "de": "Diagramm der wichtigsten Zahlen. Jährliches Wachstum. Biotech-Sektor in Wallonien: "
          f"7{NB}%. EU-Durchschnitt: 3,5{NB}%*.",
    "fr": f"Graphique des chiffres clés. Croissance annuelle. Secteur biotech en Wallonie{NB}: "
          f"7{NB}%. Moyenne de l’UE{NB}: 3,5{NB}%*.",
    "nl": "Grafiek van de kerncijfers. Jaarlijkse groei. Biotechsector in Wallonië: 7%. "
          "EU-gemiddelde: 3,5%*.",
    "en": "Chart of the headline figures. Annual growth. Biotech sector in Wallonia: 7%. "
          "EU average: 3.5%*.",
}
# On the map: regions, Brussels, the link abroad, in each language.
MAP_WORDS = {
    "de": ["Wallonien", "Flandern", "Brüssel", "Vereinigte Staaten", "Exportziel"],
    "fr": ["Wallonie", "Flandre", "Bruxelles", "États-Unis", "destination d’exportation"],
    "nl": ["Wallonië", "Vlaanderen", "Brussel", "Verenigde Staten", "exportbestemming"],
    "en": ["Wallonia", "Flanders", "Brussels", "United States", "export destination"],
}


def localised(root: Path, lang: str) -> LDocument:
    language = load_languages(root / "locales")[lang]
    return content(load(root / "data" / "partnerships.yaml"), language,
                   load_catalogs(root / "locales", language), dt.date(2026, 1, 1))


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # noqa: S314 (drawn by docgen from our own data)


def texts(svg: str, size: str | None = None) -> list[str]:
    return ["".join(t.itertext()) for t in parse(svg).iter(f"{SVG}text")
            if size is None or t.get("font-size") == size]


# -- the drawings ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_each_plotted_value_equals_its_source_figure(lang: str) -> None:
    chart = Visuals(ROOT / "templates").chart(localised(ROOT, lang))
    root = parse(str(chart.svg))
    assert texts(str(chart.svg), "7.5") == CHART_VALUES[lang]
    assert texts(str(chart.svg), "6.3") == TICKS[lang]
    # Each bar's length, read against its panel's axis (0 and the last tick), is the figure.
    ticks = [t for t in root.iter(f"{SVG}text") if t.get("font-size") == "6.3"]
    axes = [(float(ticks[0].get("x", 0)), float(ticks[4].get("x", 0)), 8),
            (float(ticks[5].get("x", 0)), float(ticks[11].get("x", 0)), 1200)]
    bars = list(root.iter(f"{SVG}rect"))
    plotted = [float(bar.get("width", 0)) / (right - left) * top
               for bar, (left, right, top) in zip(bars, [axes[0]] * 2 + [axes[1]] * 2,
                                                  strict=True)]
    assert [round(v, 1) for v in plotted] == [7, 3.5, 1200, 470]   # to 0.01 pt
    assert [bar.get("stroke-dasharray") for bar in bars] == [None, "2.4 1.6", None, None]


@pytest.mark.parametrize("lang", LANGS)
def test_the_map_has_a_marker_for_each_walloon_partnership(lang: str) -> None:
    doc = load(ROOT / "data" / "partnerships.yaml")
    walloon = {p.number for p in doc.partnerships
               if any(doc.locations[t.msgid].region == "BWR" for t in p.places)}
    assert walloon == set(range(1, 10))
    view = Visuals(ROOT / "templates").map(localised(ROOT, lang))
    badges = texts(str(view.svg), "5.6")
    assert sorted(badges) == ["1", "1", "2", "3", "4", "5", "5", "6", "7", "8", "9", "9"]
    assert {int(b) for b in badges} >= walloon
    assert parse(str(view.svg)).findtext(f"{SVG}title") == MAP_ALT[lang]
    assert [w for w in MAP_WORDS[lang] if w not in texts(str(view.svg))] == []
    assert view.legend[0] == ("1", {"de": "BioWin und MEDVIA", "fr": "BioWin et MEDVIA",
                                    "nl": "BioWin en MEDVIA", "en": "BioWin and MEDVIA"}[lang])


def _inside(x: float, y: float, ring: list[tuple[float, float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def test_every_town_marker_is_at_its_town_in_wallonia() -> None:
    svg = Visuals(ROOT / "templates").map(localised(ROOT, "en"), width=340).svg
    dots = [(float(c.get("cx", 0)), float(c.get("cy", 0)))
            for c in parse(str(svg)).iter(f"{SVG}circle") if c.get("r") == "2.3"]
    # Equirectangular at 50.5° N over Natural Earth's bbox of Belgium (its SOURCE.md):
    # lon 2.524902..6.364453 across the 340 pt, lat 51.491113 at the top.
    scale = 340 / (6.364453 - 2.524902)
    expected = [((lon - 2.524902) * scale,
                 (51.491113 - lat) * scale / math.cos(math.radians(50.5)))
                for lon, lat in ((4.52529, 50.71229), (4.26301, 50.53135), (4.43324, 50.46936))]
    assert len(dots) == 3
    for (x, y), (ex, ey) in zip(dots, expected, strict=True):   # Rixensart, Seneffe, Gosselies
        assert abs(x - ex) < 0.1 and abs(y - ey) < 0.1
    outline = (ROOT / "templates" / "map" / "belgium-regions.svg").read_text(encoding="utf-8")
    walloon = re.search(r'id="BWR"[^>]* d="M([^Z]*)Z', outline)
    assert walloon is not None
    ring = [(float(a) * 0.34, float(b) * 0.34)
            for a, b in (p.split(",") for p in walloon.group(1).split())]
    assert all(_inside(x, y, ring) for x, y in dots)
    arrow = [(float(c.get("cx", 0)), float(c.get("cy", 0)))
             for c in parse(str(svg)).iter(f"{SVG}circle") if c.get("r") == "1.6"]
    assert len(arrow) == 1 and _inside(*arrow[0], ring)   # the link abroad leaves Wallonia


def test_a_build_without_the_shared_folder_still_draws_the_map(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    assert not (project.parent / "shared").exists()
    html = render(localised(project, "fr"), project / "templates")
    svgs = re.findall(r"<svg .*?</svg>", html, flags=re.S)
    assert [re.search(r'class="(\w+)"', s).group(1) for s in svgs] == ["map", "chart"]  # type: ignore[union-attr]
    assert svgs[0].count("<path d=") == 3 + 2        # three regions, the arrow and its head
    assert "Made with Natural Earth" in html


def test_make_map_simplifies_but_keeps_shared_borders(tmp_path: Path) -> None:
    geojson = tmp_path / "regions.geojson"
    wiggly = [[4, 50], [4.5, 50.0001], [5, 50], [5, 51], [4, 51], [4, 50]]
    square = [[4, 51], [5, 51], [5, 52], [4, 52], [4, 51]]
    geojson.write_text('{"type": "FeatureCollection", "features": ['
                       + ", ".join(
                           f'{{"properties": {{"SU_A3": "{code}", "NAME_LONG": "{code}"}}, '
                           f'"geometry": {{"type": "Polygon", "coordinates": [{ring}]}}}}'
                           for code, ring in (("BWR", wiggly), ("BFR", square)))
                       + "]}", encoding="utf-8")
    out = tmp_path / "map.svg"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_map.py"), str(geojson),
                           "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    paths = dict(re.findall(r'id="(\w+)"[^>]* d="([^"]*)"', out.read_text(encoding="utf-8")))
    # 1000 units across one degree of longitude; a degree of latitude is 1000 / cos 50.5°.
    # The wiggle (0.157 units off the line) goes; the two corners both regions share stay.
    assert paths == {"BFR": "M0,1572.1 1000,1572.1 1000,0 0,0Z",
                     "BWR": "M0,3144.3 1000,3144.3 1000,1572.1 0,1572.1Z"}


def test_the_committed_map_is_what_the_script_makes_from_natural_earth(tmp_path: Path) -> None:
    source = ROOT.parent / "shared" / "geo" / "belgium-regions.geojson"
    if not source.exists():
        pytest.skip("Natural Earth's GeoJSON is not beside this checkout")
    out = tmp_path / "map.svg"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_map.py"), str(source),
                    "--out", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == (ROOT / "templates" / "map" / "belgium-regions.svg").read_bytes()


# -- the PDFs -------------------------------------------------------------------------------

def figures(pdf_path: Path) -> list[tuple[str, str]]:
    """(structure type, /Alt) of each Figure element, walking the PDF's structure tree."""
    import pikepdf

    found: list[tuple[str, str]] = []

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == "/Figure":
                found.append((str(node.get("/S")), str(node.get("/Alt", ""))))
            if "/K" in node:
                walk(node["/K"])

    with pikepdf.open(pdf_path) as pdf:
        assert str(pdf.Root.Lang) == pdf_path.stem.rsplit("-", 1)[1]
        walk(pdf.Root.StructTreeRoot.K)
    return found


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_map_and_chart_are_figures_with_alt_text_in_the_language(built: Path, lang: str) -> None:
    found = figures(built / "output" / lang / f"brochure-{lang}.pdf")
    assert [kind for kind, _ in found] == ["/Figure", "/Figure"]
    (_, map_alt), (_, chart_alt) = found
    assert map_alt == MAP_ALT[lang]
    assert chart_alt.startswith(CHART_ALT_START[lang])
    assert CHART_VALUES[lang][2] in chart_alt and "470" in chart_alt


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_shows_the_map_labels_and_the_chart_values(built: Path, lang: str) -> None:
    from .conftest import flat, pdf_text

    text = flat(pdf_text(built / "output" / lang / f"brochure-{lang}.pdf"))
    expected = MAP_WORDS[lang] + CHART_VALUES[lang] + ["Made with Natural Earth", "GeoNames"]
    assert [w for w in expected if flat(w) not in text] == []


def _boxes(svg: str) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each text's box (from the bundled fonts' advance widths, as WeasyPrint sets them)."""
    from docgen.render.svgkit import Fonts

    fonts = Fonts(ROOT / "templates" / "fonts")
    out = []
    for t in parse(svg).iter(f"{SVG}text"):
        words = "".join(t.itertext())
        size, weight = float(t.get("font-size", 0)), int(t.get("font-weight", 400))
        width = fonts.width(words, size, weight)
        x = float(t.get("x", 0)) - {"start": 0, "middle": width / 2, "end": width}[
            t.get("text-anchor", "start")]
        y = float(t.get("y", 0))
        out.append((words, (x, y - 0.75 * size, x + width, y + 0.2 * size)))
    for c in parse(svg).iter(f"{SVG}circle"):       # discs and dots: no label may cover one
        x, y, r = (float(c.get(k, 0)) for k in ("cx", "cy", "r"))
        out.append(("(disc)", (x - r, y - r, x + r, y + r)))
    return out


def _own(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """A number on its own disc."""
    cx, cy = (a[0] + a[2]) / 2, (a[1] + a[3]) / 2
    return b[0] <= cx <= b[2] and b[1] <= cy <= b[3]


@pytest.mark.parametrize("lang", LANGS)
def test_no_label_of_the_map_or_the_chart_overlaps_another(lang: str) -> None:
    from docgen.render.map import overlaps

    visuals, doc = Visuals(ROOT / "templates"), localised(ROOT, lang)
    for svg in (str(visuals.map(doc).svg), str(visuals.chart(doc).svg)):
        boxes = _boxes(svg)
        clashes = [(a, b) for i, (a, box_a) in enumerate(boxes) for b, box_b in boxes[i + 1:]
                   if overlaps(box_a, box_b, pad=0)
                   and not _own(box_a, box_b) and not _own(box_b, box_a)]
        assert clashes == []
        width, height = (float(v) for v in parse(svg).get("viewBox", "").split()[2:])
        assert all(x1 >= 0 and x2 <= width and y1 >= 0 and y2 <= height
                   for _, (x1, y1, x2, y2) in boxes)


def test_a_town_off_the_map_is_a_clean_error(project_dir: Path) -> None:
    from docgen.errors import DocgenError

    data = project_dir / "data" / "partnerships.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace(
        'lat: "50.71229", lon: "4.52529"', 'lat: "48.85", lon: "2.35"'), encoding="utf-8")
    with pytest.raises(DocgenError, match="the map: outside the map of Belgium: Rixensart"):
        Visuals(project_dir / "templates").map(localised(project_dir, "en"))
