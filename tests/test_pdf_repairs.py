"""The PDF/UA repairs and the print edition's guards, on small pages (fast)."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from docgen.errors import DocgenError
from docgen.localise.labels import Msg
from docgen.render import pdfx
from docgen.render.html import environment
from docgen.render.pdf import write_pdf

from .conftest import ROOT

GS = Path("/usr/share/color/icc/ghostscript")
PAGE = """<html lang="en"><head><title>t</title><style>
  @font-face { font-family: Inter; src: url(fonts/Inter-Regular.otf) }
  html { font-family: Inter }
  @page { @top-left { content: "Running head" } @bottom-right { content: counter(page) } }
  li a::after { content: " (" target-counter(attr(href), page) ")" }
  .n { position: absolute; left: 0 }
  h2 { break-before: page }
</style></head><body>
<ol><li style="position: relative; list-style: none"><a href="#one"><span class="n">1</span>
  The first part</a></li></ol>
<p>Visit <a href="https://www.example.be">www.example.be</a> today.</p>
<section id="one"><h2 data-short="Part one">Part one: the whole title</h2><p>Text.</p></section>
</body></html>"""


def test_links_and_running_heads_are_repaired(tmp_path: Path) -> None:
    target = tmp_path / "small.pdf"
    assert write_pdf(PAGE, ROOT / "templates", target, "t") == 2
    with pikepdf.open(target) as pdf:
        annotations = [a for page in pdf.pages for a in page.obj.get("/Annots", [])]
        assert sorted(str(a.Contents) for a in annotations) == ["Part one, page 2",
                                                                "Website www.example.be"]
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for annotation in annotations:
            element = parents[int(annotation.StructParent)]
            assert element.S == "/Link" and element.P.S not in ("/Link", "/Span")
        artifacts = 0
        for page in pdf.pages:
            for instruction in pikepdf.parse_content_stream(page):
                operands = instruction.operands
                if str(instruction.operator) == "BDC" and "/MCID" in operands[1]:
                    element = parents[int(page.obj.StructParents)][int(operands[1].MCID)]
                    assert isinstance(element, pikepdf.Dictionary), "an MCID outside the tree"
                artifacts += str(instruction.operator) == "BDC" and \
                    operands[1].get("/Type") == "/Pagination"
        assert artifacts == 4          # head and page number on each of the two pages


def test_two_writes_give_the_same_bytes(tmp_path: Path) -> None:
    write_pdf(PAGE, ROOT / "templates", tmp_path / "a.pdf", "t")
    write_pdf(PAGE, ROOT / "templates", tmp_path / "b.pdf", "t")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_web_addresses_become_links_and_drafts_still_mark_fallbacks() -> None:
    env = environment(ROOT / "templates", draft=True,
                      web={"www.example.be": "https://www.example.be"})
    text = Msg.make("Die Plattform www.example.be <wirbt>", True)
    out = env.from_string("<p>{{ t }}</p><p title=\"{{ t | plain }}\"></p>").render(t=text)
    assert out == ('<p><mark class="fallback" title="untranslated">Die Plattform '
                   '<a href="https://www.example.be">www.example.be</a> &lt;wirbt&gt;</mark></p>'
                   '<p title="Die Plattform www.example.be &lt;wirbt&gt;"></p>')


@pytest.mark.parametrize(("profile", "message"), [
    (GS / "absent.icc", "no CMYK colour profile at /usr/share/color/icc/ghostscript/absent.icc"),
    (GS / "default_rgb.icc", "a RGB profile; the print edition needs a CMYK one"),
    (ROOT / "templates" / "print.css", "a colour profile is an .icc or .icm file"),
])
def test_a_wrong_profile_is_one_clear_error(profile: Path, message: str) -> None:
    with pytest.raises(DocgenError) as failure:
        pdfx.check_profile(profile, "fr/brochure-fr-print.pdf")
    assert message in str(failure.value.problems[0])


def test_the_default_profile_is_cmyk() -> None:
    pdfx.check_profile(GS / "default_cmyk.icc", "t")


SVG_PAGE = """<html lang="en"><head><title>t</title><link rel="stylesheet" href="brochure.css">
</head><body><p>Figure</p><svg width="60" height="20" viewBox="0 0 60 20">
<rect width="20" height="20" fill="#0e7c7b"/><rect x="20" width="20" height="20" fill="#000"/>
<rect x="40" width="20" height="20" fill="{third}"/></svg></body></html>"""


def test_inline_svg_takes_the_print_palette(tmp_path: Path) -> None:
    from docgen.render.pdf import write_print_pdf

    target = tmp_path / "print.pdf"
    write_print_pdf(SVG_PAGE.format(third="white"), ROOT / "templates", target, "t",
                    GS / "default_cmyk.icc", "uuid:0")
    with pikepdf.open(target) as pdf:
        colours = [(str(i.operator), [float(v) for v in i.operands])
                   for i in pikepdf.parse_content_stream(pdf.pages[0])
                   if str(i.operator) in ("rg", "RG", "sc", "scn", "k", "K")]
    assert not [c for c in colours if c[0] in ("rg", "RG")]
    assert ("scn", [0.91, 0.34, 0.53, 0.13]) in colours      # --teal in print.css
    assert ("scn", [0.0, 0.0, 0.0, 1.0]) in colours           # black: K only
    with pytest.raises(DocgenError) as failure:
        write_print_pdf(SVG_PAGE.format(third="#123456"), ROOT / "templates", target, "t",
                        GS / "default_cmyk.icc", "uuid:0")
    assert [p.message for p in failure.value.problems] == [
        "print: colour #123456 is RGB; give it a device-cmyk() value in templates/print.css"]


def test_a_link_to_something_without_text_is_one_clear_error(tmp_path: Path) -> None:
    page = PAGE.replace('<section id="one"><h2 data-short="Part one">Part one: the whole title'
                        '</h2><p>Text.</p></section>', '<div id="one" style="height: 1px"></div>')
    with pytest.raises(DocgenError) as failure:
        write_pdf(page, ROOT / "templates", tmp_path / "x.pdf", "fr/brochure-fr.pdf")
    assert str(failure.value.problems[0]) == (
        "fr/brochure-fr.pdf: PDF/UA: a link points to #one, which has no text or data-short "
        "title to describe the link by")
