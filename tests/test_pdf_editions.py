"""The screen PDF (PDF/UA-1) and the print PDF (PDF/X-4), read back with pikepdf and poppler."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

from .conftest import pdf_text

pytestmark = pytest.mark.slow
LANGS = ("de", "fr", "nl", "en")
# How a screen reader announces the contents' link to partnership 1 (then ", <page>") and
# the link on the web address, per language.
SECTION_LINK = {"de": "BioWin und MEDVIA, Seite ", "fr": "BioWin et MEDVIA, page ",
                "nl": "BioWin en MEDVIA, pagina ", "en": "BioWin and MEDVIA, page "}
WEB_LINK = {"de": "Website www.kickstartbiomanufacturing.be",
            "fr": "Site web www.kickstartbiomanufacturing.be",
            "nl": "Website www.kickstartbiomanufacturing.be",
            "en": "Website www.kickstartbiomanufacturing.be"}
BLEED = 8.5     # 3 mm in points, rounded down


def screen(built: Path, lang: str) -> Path:
    return built / "output" / lang / f"brochure-{lang}.pdf"


def printed(built: Path, lang: str) -> Path:
    return built / "output" / lang / f"brochure-{lang}-print.pdf"


def kids(element: Any) -> list[Any]:
    k = element.get("/K")
    return [] if k is None else list(k) if isinstance(k, Array) else [k]


def is_element(item: Any) -> bool:
    return isinstance(item, Dictionary) and "/S" in item and \
        item.get("/Type") not in ("/OBJR", "/MCR")


def structure(pdf: pikepdf.Pdf) -> tuple[set, dict[int, Any], dict[tuple, list]]:
    """Elements reachable from the root, the parent tree, and who holds each annotation."""
    root = pdf.Root.StructTreeRoot
    reachable, holders = set(), {}
    stack = kids(root)
    while stack:
        element = stack.pop()
        if not is_element(element) or element.objgen in reachable:
            continue
        reachable.add(element.objgen)
        for kid in kids(element):
            if isinstance(kid, Dictionary) and kid.get("/Type") == "/OBJR":
                holders.setdefault(kid.Obj.objgen, []).append(element)
            stack.append(kid)
    nums = root.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    return reachable, parents, holders


@pytest.mark.parametrize("lang", LANGS)
def test_every_marked_content_is_in_the_tree_or_an_artifact(built: Path, lang: str) -> None:
    with pikepdf.open(screen(built, lang)) as pdf:
        reachable, parents, _ = structure(pdf)
        lost, pagination = [], []
        for number, page in enumerate(pdf.pages, start=1):
            mcids = parents[int(page.obj.StructParents)]
            open_tags: list[str] = []
            count = 0
            for instruction in pikepdf.parse_content_stream(page):
                operator, operands = str(instruction.operator), instruction.operands
                if operator in ("BMC", "BDC"):
                    props = operands[1] if operator == "BDC" else None
                    if isinstance(props, Dictionary) and "/MCID" in props \
                            and "/Artifact" not in open_tags:
                        element = mcids[int(props.MCID)]
                        if not (is_element(element) and element.objgen in reachable):
                            lost.append((number, int(props.MCID)))
                    if isinstance(props, Dictionary) and props.get("/Type") == "/Pagination":
                        count += 1
                    open_tags.append(str(operands[0]))
                elif operator == "EMC":
                    open_tags.pop()
            pagination.append(count)
    assert lost == []
    # Heads and footers on every page but the covers (front and back: no running head).
    assert pagination[0] == 0 and pagination[-1] == 0
    assert all(n >= 3 for n in pagination[1:-1])


@pytest.mark.parametrize("lang", LANGS)
def test_each_link_is_one_link_element_described_in_the_language(built: Path,
                                                                lang: str) -> None:
    with pikepdf.open(screen(built, lang)) as pdf:
        reachable, parents, holders = structure(pdf)
        pages = {page.objgen: n for n, page in enumerate(pdf.pages, start=1)}
        dests = dict(pikepdf.NameTree(pdf.Root.Names.Dests).items())
        descriptions, per_target = {}, {}
        for number, page in enumerate(pdf.pages, start=1):
            for annotation in page.obj.get("/Annots", []):
                if annotation.get("/Subtype") != "/Link":
                    continue
                element = parents[int(annotation.StructParent)]
                assert element.S == "/Link" and element.objgen in reachable
                assert element.P.S not in ("/Link", "/Span")
                assert [h.objgen for h in holders[annotation.objgen]] == [element.objgen]
                text = str(annotation.Contents)
                assert not re.fullmatch(r"[a-z0-9-]+", text), text     # not an id
                target = str(annotation.get("/Dest") or annotation.A.URI)
                descriptions[target] = text
                per_target[(number, target)] = per_target.get((number, target), 0) + 1
    partnership_page = pages[dests["biowin-medvia"][0].objgen]
    assert descriptions["biowin-medvia"] == f"{SECTION_LINK[lang]}{partnership_page}"
    assert descriptions["https://www.kickstartbiomanufacturing.be"] == WEB_LINK[lang]
    assert max(per_target.values()) == 1        # one annotation per link (on one line)
    assert len(per_target) >= 12                # the contents' 11 entries and the web address


@pytest.mark.parametrize("lang", LANGS)
def test_screen_pdf_keeps_its_pdfua_identification(built: Path, lang: str) -> None:
    with pikepdf.open(screen(built, lang)) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode()
        assert 'pdfuaid:part="1"' in xmp
        assert pdf.Root.Lang == lang and bool(pdf.Root.MarkInfo.Marked)


def rgb_painting(pdf: pikepdf.Pdf) -> list[str]:
    found = []

    def scan(owner: Any, resources: Any) -> None:
        for instruction in pikepdf.parse_content_stream(owner):
            operator, operands = str(instruction.operator), instruction.operands
            if operator in ("rg", "RG") or (operator in ("cs", "CS") and
                                            operands[0] == Name.DeviceRGB):
                found.append(f"{operator} {list(operands)}")
        spaces = resources.get("/ColorSpace") or {}
        found.extend(f"space {k}" for k, v in spaces.items() if v == Name.DeviceRGB or (
            isinstance(v, Array) and v[0] == Name.DeviceRGB))
        for key, xobject in (resources.get("/XObject") or {}).items():
            if xobject.get("/ColorSpace") == Name.DeviceRGB:
                found.append(f"image {key}")
            if xobject.get("/Subtype") == "/Form":
                scan(xobject, xobject.get("/Resources") or resources)

    for page in pdf.pages:
        scan(page, page.Resources)
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_print_pdf_is_pdfx4_in_cmyk_with_bleed(built: Path, lang: str) -> None:
    with pikepdf.open(printed(built, lang)) as pdf:
        intents = [i for i in pdf.Root.OutputIntents if i.S == "/GTS_PDFX"]
        assert len(intents) == 1 and int(intents[0].DestOutputProfile.N) == 4
        xmp = pdf.Root.Metadata.read_bytes().decode()
        assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp
        assert pdf.docinfo.Trapped == "/False" and len(pdf.trailer.ID) == 2
        assert rgb_painting(pdf) == []
        assert [p for p in pdf.pages if "/Annots" in p.obj] == []    # no links on paper
        states = [s for p in pdf.pages for s in (p.Resources.get("/ExtGState") or {}).values()]
        assert all(float(s.get("/ca", 1)) == float(s.get("/CA", 1)) == 1 and "/SMask" not in s
                   for s in states)                                   # no transparency
        for page in pdf.pages:
            trim = [float(v) for v in page.TrimBox]
            bleed = [float(v) for v in page.BleedBox]
            media = [float(v) for v in page.MediaBox]
            assert trim[0] - bleed[0] >= BLEED and trim[1] - bleed[1] >= BLEED
            assert bleed[2] - trim[2] >= BLEED and bleed[3] - trim[3] >= BLEED
            assert media[0] <= bleed[0] and media[1] <= bleed[1]
            assert media[2] >= bleed[2] and media[3] >= bleed[3]
        pages = len(pdf.pages)
    with pikepdf.open(screen(built, lang)) as pdf:
        assert len(pdf.pages) == pages
    # The same words on the same pages (pdftotext may read the map's labels in another order
    # when the page carries a bleed, so each page's words are compared as a multiset).
    def words(path: Path) -> list[list[str]]:
        return [sorted(page.split()) for page in pdf_text(path).split("\f")]
    assert words(printed(built, lang)) == words(screen(built, lang))


def test_the_cover_colour_runs_into_the_bleed_and_no_marks_sit_on_it(built: Path,
                                                                     tmp_path: Path) -> None:
    from PIL import Image

    subprocess.run(["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "2",
                    str(printed(built, "fr")), str(tmp_path / "p")], check=True)
    first, second = sorted(tmp_path.glob("p-*.png"))      # p-1 or p-01: pdftoppm pads
    cover, inside = Image.open(first), Image.open(second)
    assert cover.size == inside.size == (613, 859)      # A4 plus 3 mm on each side, 72 dpi
    width, height = cover.size
    # The bleed is the outer 8 pixels: the cover's navy reaches the edge of the sheet ...
    for x, y in ((2, 2), (2, height // 2), (width // 3, height - 3), (2, height - 3)):
        r, g, b = cover.convert("RGB").getpixel((x, y))[:3]
        assert r < 60 and g < 70 and b < 90, (x, y, (r, g, b))
    # ... and an inside page's bleed is blank paper: no crop or registration marks on it.
    band = [inside.convert("L").getpixel((x, y)) for x in range(width) for y in range(6)]
    band += [inside.convert("L").getpixel((x, y)) for y in range(height) for x in range(6)]
    assert min(band) > 250


def test_print_uses_the_configured_profile(project_dir: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from docgen.build.pipeline import Options, build
    from docgen.project import Project

    monkeypatch.setenv("DOCGEN_CMYK_PROFILE", "/usr/share/color/icc/ghostscript/ps_cmyk.icc")
    build(Project(project_dir), Options(langs=("nl",), formats=("print",)))
    with pikepdf.open(project_dir / "output/nl/brochure-nl-print.pdf") as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.OutputConditionIdentifier) == "Artifex PS CMYK Profile"


def test_a_colour_left_in_rgb_stops_the_print_build(project_dir: Path) -> None:
    from docgen.build.pipeline import Options, build
    from docgen.errors import DocgenError
    from docgen.project import Project

    project = Project(project_dir)
    build(project, Options(langs=("fr",), formats=("print",)))
    good = project.output_path("fr", "print").read_bytes()
    css = project_dir / "templates" / "print.css"
    css.write_text(re.sub(r"\n  --navy: [^\n]*", "", css.read_text()), encoding="utf-8")
    with pytest.raises(DocgenError) as failure:
        build(project, Options(langs=("fr",), formats=("print",)))
    messages = [p.message for p in failure.value.problems]
    assert "print: colour #0b2a45 is RGB; give it a device-cmyk() value in " \
           "templates/print.css" in messages
    assert project.output_path("fr", "print").read_bytes() == good
