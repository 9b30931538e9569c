"""One glyph check: a PDF's characters as WeasyPrint printed them, the HTML edition's as its
page holds them; every problem reads ``where: font X has no glyph for U+… NAME``."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.errors import DocgenError
from docgen.render import fonts, pdf

from .conftest import ROOT

TEMPLATES = ROOT / "templates"
BUNDLED = ("Inter-Bold.otf", "Inter-Italic.otf", "Inter-Regular.otf", "Inter-SemiBold.otf",
           "InterDisplay-Bold.otf", "InterDisplay-SemiBold.otf")
CSS = '<link rel="stylesheet" href="brochure.css">'


def page(body: str) -> str:
    return f'<html lang="en"><head>{CSS}</head><body>{body}</body></html>'


def lacking(where: str, character: str) -> list[str]:
    return [f"{where}: font {name} has no glyph for {character}" for name in BUNDLED]


def written_problems(html: str, tmp_path: Path) -> list[str]:
    target = tmp_path / "out.pdf"
    with pytest.raises(DocgenError) as failed:
        pdf.write_pdf(html, TEMPLATES, target, "t")
    assert not target.exists()
    return [str(p) for p in failed.value.problems]


def test_a_character_no_font_has_is_named(tmp_path: Path) -> None:
    assert written_problems(page("<p>Kanji 漢</p>"), tmp_path) == \
        lacking("t", "U+6F22 CJK UNIFIED IDEOGRAPH-6F22")


def test_text_is_checked_as_printed_not_as_written(tmp_path: Path) -> None:
    """Inter has ǆ but not Ǆ: the page's text passes, the uppercased heading does not."""
    assert fonts.missing_glyphs("ǆ", TEMPLATES / "fonts") == {}
    html = page('<p style="text-transform: uppercase">Džungla ǆungla</p>')
    assert written_problems(html, tmp_path) == \
        lacking("t", "U+01C4 LATIN CAPITAL LETTER DZ WITH CARON")


def test_a_label_drawn_by_css_is_checked(tmp_path: Path) -> None:
    html = page('<style>p::after { content: " \\2603" }</style><p>Snow</p>')
    assert written_problems(html, tmp_path) == lacking("t", "U+2603 SNOWMAN")


def test_a_family_that_is_not_bundled_is_named(tmp_path: Path) -> None:
    html = page('<p style="font-family: \'DejaVu Sans\'">Plain words</p>')
    assert written_problems(html, tmp_path) == [
        "t: the PDF would embed DejaVu Sans, a font of the build machine, not a bundled one"]


def test_the_print_edition_is_checked_too(tmp_path: Path) -> None:
    target = tmp_path / "print.pdf"
    with pytest.raises(DocgenError) as failed:
        pdf.write_print_pdf(page("<p>Kanji 漢</p>"), TEMPLATES, target, "p",
                            Path("/usr/share/color/icc/ghostscript/default_cmyk.icc"), "uuid:0")
    assert [str(p) for p in failed.value.problems] == \
        lacking("p", "U+6F22 CJK UNIFIED IDEOGRAPH-6F22")
    assert not target.exists()


def test_the_check_without_writing_returns_its_problems() -> None:
    assert pdf.glyph_problems(page("<p>Partenaires : 12\u202f345\u00a0€</p>"), TEMPLATES,
                              "fr/brochure") == []
    assert [str(p) for p in pdf.glyph_problems(page("<p>漢</p>"), TEMPLATES, "fr/brochure")] \
        == lacking("fr/brochure", "U+6F22 CJK UNIFIED IDEOGRAPH-6F22")
    refused = pdf.glyph_problems(page('<img src="file:///etc/passwd">'), TEMPLATES, "x")
    assert [str(p) for p in refused] == [
        "x: refused URL 'file:///etc/passwd': only the brochure's own assets (files under "
        "templates/) may load"]


def test_the_html_edition_checks_its_page_against_its_web_fonts() -> None:
    with pytest.raises(DocgenError) as failed:
        fonts.check_glyphs('<html><body><p>Timișoara</p></body></html>',
                           TEMPLATES / "fonts" / "web", "fr/brochure-fr.html")
    assert [str(p) for p in failed.value.problems] == [
        f"fr/brochure-fr.html: font {name} has no glyph for U+0219 LATIN SMALL LETTER S WITH "
        "COMMA BELOW" for name in ("Inter-Bold.woff2", "Inter-Regular.woff2",
                                   "Inter-SemiBold.woff2", "InterDisplay-Bold.woff2")]
    fonts.check_glyphs("<p>Timisoara</p>", TEMPLATES / "fonts" / "web", "w")
