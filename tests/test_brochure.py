"""The PDF brochures, read back: content, figures, structure, fonts, and nothing leaked."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import flat, pdf_text
from .facts import facts, present, squeeze, texts

pytestmark = pytest.mark.slow
LANGS = ("de", "fr", "nl", "en")
# The BioWin/MEDVIA investment on its figure card (CLDR short compact; English from en_GB).
INVESTMENT = {"de": "44 Mio. €", "fr": "44 M €", "nl": "€ 44 mln.", "en": "€44m"}
GERMAN_WORDS = ("Wallonien", "Flandern", "Ziele", "Erfolge", "Kennzahlen", " und ",
                "Partnerschaft", "Fazit", "Seite ")


def brochure(built: Path, lang: str) -> Path:
    return built / "output" / lang / f"brochure-{lang}.pdf"


@pytest.mark.parametrize("lang", LANGS)
def test_every_fact_is_in_the_brochure(built: Path, lang: str) -> None:
    text = flat(pdf_text(brochure(built, lang)))
    missing = [fact for fact in facts(built, lang) if not present(fact, text)]
    assert missing == []
    assert INVESTMENT[lang] in text
    assert "www.kickstartbiomanufacturing.be" in text


def pdf_text_in_stream_order(path: Path) -> str:
    """The text as the PDF draws it: a paragraph of the main column is not interleaved
    with the side column beside it (pdftotext's layout guess would mix the two)."""
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_of_the_source_is_in_the_brochure(built: Path, lang: str) -> None:
    page = squeeze(pdf_text_in_stream_order(brochure(built, lang)))
    assert [t for t in texts(built, lang) if squeeze(t) not in page] == []


@pytest.mark.parametrize("lang", ("fr", "nl", "en"))
def test_no_german_left_in_translations(built: Path, lang: str) -> None:
    text = flat(pdf_text(brochure(built, lang)))
    # The source note quotes the original (German) title, as published.
    text = text.replace("Biotech-Partnerschaften stärken die wallonische Wirtschaft", "")
    assert [w for w in GERMAN_WORDS if w in text] == []


def test_french_uses_cldr_spaces(built: Path) -> None:
    # pypdf reads the ToUnicode map as written (pdftotext turns every space into U+0020).
    raw = "".join(page.extract_text() for page in PdfReader(brochure(built, "fr")).pages)
    assert "60\u202f000\u202fm²" in raw
    assert "44\u00a0M\u00a0€" in raw
    assert "85\u00a0%" in raw


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_structure_and_metadata(built: Path, lang: str) -> None:
    from docgen.source.read import load
    reader = PdfReader(brochure(built, lang))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp
    info = reader.metadata
    text = flat(pdf_text(brochure(built, lang)))
    assert info["/Title"] and flat(info["/Title"]) in text
    assert info["/Author"] and info["/Subject"] and info["/Keywords"]

    def titles(outline: list) -> list[str]:
        out = []
        for item in outline:
            out += titles(item) if isinstance(item, list) else [flat(item.title)]
        return out
    outline = titles(reader.outline)
    doc = load(built / "data" / "partnerships.yaml")
    headings = [t for t in outline if t.lower() in text.lower()]  # some are set in capitals
    assert len(outline) >= len(doc.partnerships) + 4
    assert len(headings) == len(outline)      # every bookmark is a heading on a page


@pytest.mark.parametrize("lang", LANGS)
def test_every_partnership_has_a_bookmark_and_a_toc_line(built: Path, lang: str) -> None:
    import datetime as dt

    from docgen.i18n.languages import load_languages
    from docgen.localise.content import content, load_catalogs
    from docgen.source.read import load
    language = load_languages(built / "locales")[lang]
    cats = load_catalogs(built / "locales", language)
    local = content(load(built / "data/partnerships.yaml"), language, cats, dt.date(2026, 1, 1))
    reader = PdfReader(brochure(built, lang))
    outline = [flat(o.title) for o in reader.outline if not isinstance(o, list)] + \
        [flat(o.title) for sub in reader.outline if isinstance(sub, list) for o in sub
         if not isinstance(o, list)]
    for p in local.partnerships:
        assert flat(p.title) in outline
    page2 = flat(reader.pages[1].extract_text())
    assert sum(1 for p in local.partnerships if flat(p.title)[:25] in page2) == 9


@pytest.mark.parametrize("lang", LANGS)
def test_fonts_are_the_bundled_ones_and_embedded(built: Path, lang: str) -> None:
    out = subprocess.run(["pdffonts", str(brochure(built, lang))], check=True,
                         capture_output=True, text=True).stdout.splitlines()[2:]
    assert out
    for line in out:
        name, *_rest = line.split()
        assert re.fullmatch(r"[A-Z]{6}\+Inter(-Display)?(-Semi-Bold|-Bold|-Italic)?", name), line
        assert " yes yes yes " in line, line


@pytest.mark.parametrize("lang", LANGS)
def test_page_footer_says_page_x_of_y_in_the_language(built: Path, lang: str) -> None:
    from docgen.i18n import catalogs
    from docgen.i18n.languages import UI
    reader = PdfReader(brochure(built, lang))
    pattern = "Page {page} of {pages}"
    if lang != "en":
        pattern = catalogs.load(built / "locales", lang, UI).lookup(pattern)[0][0]
    expected = pattern.format(page=2, pages=len(reader.pages))
    assert expected in flat(pdf_text(brochure(built, lang)))


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_of_the_build_machine_is_in_the_pdf(built: Path, lang: str,
                                                     tmp_path: Path) -> None:
    target = tmp_path / "plain.pdf"          # every stream decompressed, so a search sees it
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(brochure(built, lang)),
                    str(target)], check=True)
    data = target.read_bytes()
    for needle in (str(built).encode(), str(Path.home()).encode(), b"file:", b"/EmbeddedFile",
                   b"/Filespec", b"/Launch", b"/JavaScript"):
        assert needle not in data


@pytest.mark.parametrize("lang", LANGS)
def test_page_count_suits_saddle_stitching(built: Path, lang: str) -> None:
    """A printed brochure folds from sheets of four pages."""
    assert len(PdfReader(brochure(built, lang)).pages) % 4 == 0


def test_preview_writes_every_page_and_a_contact_sheet(built: Path) -> None:
    from PIL import Image

    from docgen.proof.preview import contact_sheet
    folder = built / "output" / "preview" / "en"
    sheet = contact_sheet(brochure(built, "en"), folder, dpi=30)
    pages = sorted(folder.glob("page-*.png"))
    assert len(pages) == len(PdfReader(brochure(built, "en")).pages)
    with Image.open(pages[0]) as first, Image.open(sheet) as whole:
        assert whole.size[0] > 3 * first.size[0]
