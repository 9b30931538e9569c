"""The DOCX briefings, read back with python-docx and converted by LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import docx.text.paragraph
import pytest
from docx.oxml.ns import qn
from docx.shared import RGBColor
from lxml import etree
from pypdf import PdfReader

from .conftest import ROOT, docx_text, flat
from .facts import facts, present, squeeze, texts
from .jobs import run_one

pytestmark = pytest.mark.slow
LANGS = ("de", "fr", "nl", "en")
TAGS = {"de": "de-BE", "fr": "fr-BE", "nl": "nl-BE", "en": "en-IE"}


def briefing(built: Path, lang: str) -> Path:
    return built / "output" / lang / f"briefing-{lang}.docx"


@pytest.mark.parametrize("lang", LANGS)
def test_every_fact_is_in_the_briefing(built: Path, lang: str) -> None:
    text = flat(docx_text(briefing(built, lang)))
    assert [f for f in facts(built, lang) if not present(f, text)] == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_but_figure_captions_is_in_the_briefing(built: Path, lang: str) -> None:
    """The briefing is shorter: a figure's caption may give way to the table row it repeats."""
    text = squeeze(docx_text(briefing(built, lang)))
    assert [t for t in texts(built, lang, highlights=False) if squeeze(t) not in text] == []


@pytest.mark.parametrize("lang", LANGS)
def test_styles_are_the_reference_documents(built: Path, lang: str) -> None:
    reference = docx.Document(str(ROOT / "templates" / "briefing.docx"))
    out = docx.Document(str(briefing(built, lang)))
    assert {s.name for s in out.styles} == {s.name for s in reference.styles}
    used = {p.style.name for p in out.paragraphs} | {t.style.name for t in out.tables}
    assert {"Title", "Heading 1", "Heading 2", "List Bullet", "Summary", "Source Note",
            "TOC Heading", "toc 1", "Key Figures"} <= used
    for name in ("Heading 1", "Heading 2", "Title", "Summary"):
        assert out.styles[name].font.color.rgb == reference.styles[name].font.color.rgb
    headings = [p.text for p in out.paragraphs if p.style.name == "Heading 1"]
    assert len(headings) == 9 + 3       # summary, nine partnerships, conclusion, imprint


@pytest.mark.parametrize("lang", LANGS)
def test_language_and_core_properties(built: Path, lang: str) -> None:
    path = briefing(built, lang)
    out = docx.Document(str(path))
    tag = TAGS[lang]
    defaults = out.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(".//" + qn("w:lang")).get(qn("w:val")) == tag
    langs = {el.get(qn("w:val")) for el in out.element.body.iter(qn("w:lang"))}
    assert langs == {tag}
    props = out.core_properties
    assert props.language == tag
    assert props.title and props.title in docx_text(path)
    assert props.subject and props.keywords and props.author
    assert props.created == props.modified and props.created is not None
    assert props.created.year >= 2020


@pytest.mark.parametrize("lang", LANGS)
def test_footer_has_page_fields_and_header_the_title(built: Path, lang: str) -> None:
    out = docx.Document(str(briefing(built, lang)))
    section = out.sections[0]
    footer = section.footer._element.xml
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer
    assert section.header.paragraphs[0].text == out.core_properties.title


def test_zip_entries_are_stamped_with_the_edition(built: Path) -> None:
    with zipfile.ZipFile(briefing(built, "fr")) as archive:
        stamps = {info.date_time for info in archive.infolist()}
    assert len(stamps) == 1


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.parametrize("lang", LANGS)
def test_libreoffice_opens_it_and_prints_the_content(built: Path, lang: str,
                                                     tmp_path: Path) -> None:
    soffice = _soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: scripts/setup --test installs it")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(briefing(built, lang))], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / f"briefing-{lang}.pdf"
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    text = flat(raw)

    def squeeze(value: str) -> str:          # LibreOffice wraps at hyphens of its own choosing
        return "".join(value.split()).replace("-", "").replace("\u00ad", "")
    out = docx.Document(str(briefing(built, lang)))
    for heading in (p.text for p in out.paragraphs if p.style.name == "Heading 1"):
        assert squeeze(heading) in squeeze(raw)
    assert [f for f in facts(built, lang) if not present(f, squeeze(raw), squeezed=True)] == []
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    count = int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages")))
    assert 2 <= count <= 6
    assert f"2 / {count}" not in text       # the footer's fields were computed, in words
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in fonts}
    # Calibri as LibreOffice sets it: Carlito, the same metrics; no fallback (OpenSymbol
    # for bullets, DejaVu for a missing glyph) anywhere.
    assert names <= {"Carlito", "Carlito-Bold", "Carlito-Italic", "Carlito-BoldItalic"}
    assert "Carlito" in names
    # LibreOffice's navigator, as its PDF outline: the headings and their sub-headings.
    outline = PdfReader(pdf).outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert top == [p.text for p in out.paragraphs if p.style.name == "Heading 1"]
    nested = [[child.title for child in item] for item in outline if isinstance(item, list)]
    assert nested[1][:3] == SUB_HEADINGS[lang][3:] + SUB_HEADINGS[lang][:2]
    # No list is split over two pages (no bullet left alone at the top of a page).
    pages_text = [squeeze(subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-enc",
                                          "UTF-8", str(pdf), "-"], capture_output=True,
                                         text=True, check=True).stdout)
                  for n in range(1, count + 1)]
    lists: list[list[str]] = [[]]
    for paragraph in out.paragraphs:
        if paragraph.style.name == "List Bullet":
            lists[-1].append(squeeze(paragraph.text))
        elif lists[-1]:
            lists.append([])
    for items in filter(None, lists):
        on = [{n for n, page in enumerate(pages_text) if item in page} for item in items]
        assert set.intersection(*on), items


def test_restyling_the_reference_restyles_every_briefing(project_dir: Path) -> None:
    from docgen.build.pipeline import Options, build
    from docgen.project import Project

    reference = project_dir / "templates" / "briefing.docx"
    document = docx.Document(str(reference))
    document.styles["Heading 1"].font.color.rgb = RGBColor(0xC0, 0x10, 0x30)
    document.save(str(reference))
    report = build(Project(project_dir), Options(formats=("docx",)))
    assert len(report.results) == 4
    for lang in LANGS:
        out = docx.Document(str(project_dir / "output" / lang / f"briefing-{lang}.docx"))
        assert out.styles["Heading 1"].font.color.rgb == RGBColor(0xC0, 0x10, 0x30)


def test_control_characters_never_reach_word(project_dir: Path) -> None:
    from docgen.errors import DocgenError
    po = project_dir / "locales/fr/LC_MESSAGES/content.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Objectifs"',
                                                         'msgstr "Objec\\vtifs"'), "utf-8")
    with pytest.raises(DocgenError, match="character Word cannot hold"):
        run_one(project_dir, "fr", "docx")
    from docgen.render.wordxml import XML_INVALID
    assert XML_INVALID.search("a\x0bb") and not XML_INVALID.search("a\tb")


def test_a_broken_reference_document_is_a_clean_error(project_dir: Path) -> None:
    from click.testing import CliRunner

    from docgen.cli import cli
    (project_dir / "templates" / "briefing.docx").write_bytes(b"not a zip")
    result = CliRunner().invoke(cli, ["--root", str(project_dir), "build", "--lang", "de",
                                      "--format", "docx"])
    assert result.exit_code == 1
    assert "briefing.docx: cannot open the reference document" in result.output


# --- the document as Word reads it ------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
SUB_HEADINGS = {          # list and table titles of the first partnership, as printed
    "de": ["Ziele", "Erfolge (2023–2024)", "Kennzahlen", "In Zahlen"],
    "fr": ["Objectifs", "Réalisations (2023–2024)", "Chiffres clés", "En chiffres"],
    "nl": ["Doelstellingen", "Verwezenlijkingen (2023–2024)", "Kerncijfers", "In cijfers"],
    "en": ["Objectives", "Achievements (2023–2024)", "Key figures", "In figures"],
}


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def outline_levels(path: Path) -> dict[str, int]:
    """Paragraph style id -> its outline level (0 = Heading 1), from styles.xml."""
    levels = {}
    for style in part(path, "word/styles.xml").iter(f"{W}style"):
        level = style.find(f"{W}pPr/{W}outlineLvl")
        if level is not None:
            levels[style.get(f"{W}styleId")] = int(level.get(f"{W}val"))
    return levels


@pytest.mark.parametrize("lang", LANGS)
def test_no_table_follows_a_table(built: Path, lang: str) -> None:
    """Word and LibreOffice join adjacent tables: a second header bar mid-table."""
    body = part(briefing(built, lang), "word/document.xml").find(f"{W}body")
    tags = [child.tag for child in body]
    assert tags.count(f"{W}tbl") >= 19
    assert [i for i in range(len(tags) - 1) if tags[i] == tags[i + 1] == f"{W}tbl"] == []
    for table in body.iter(f"{W}tbl"):
        rows = table.findall(f"{W}tr")
        headers = [i for i, row in enumerate(rows) if row.find(f"{W}trPr/{W}tblHeader") is not None]
        assert headers == [0]                       # one header row, the first
        assert table.find(f".//{W}gridSpan") is None and table.find(f".//{W}vMerge") is None
        widths = [int(col.get(f"{W}w")) for col in table.iter(f"{W}gridCol")]
        assert widths == [2824, 6588]               # 30/70 of the text width, not 50/50


@pytest.mark.parametrize("lang", LANGS)
def test_sub_headings_are_headings_in_the_outline(built: Path, lang: str) -> None:
    path = briefing(built, lang)
    levels = outline_levels(path)
    out = docx.Document(str(path))
    assert levels["Heading1"] == 0 and levels["Heading2"] == 1
    second = [p.text for p in out.paragraphs if p.style.name == "Heading 2"]
    for title in SUB_HEADINGS[lang]:
        assert title in second
    for paragraph in out.paragraphs:                # every heading is in the navigator
        if paragraph.style.name.startswith("Heading"):
            assert paragraph.style.style_id in levels, paragraph.text
    assert "Figure Label" not in {s.name for s in out.styles}


@pytest.mark.parametrize("lang", LANGS)
def test_lists_never_split_and_headings_keep_with_the_next(built: Path, lang: str) -> None:
    out = docx.Document(str(briefing(built, lang)))
    paragraphs = out.paragraphs
    for name in ("Heading 1", "Heading 2", "List Bullet"):
        assert out.styles[name].paragraph_format.keep_with_next is True
    runs: list[list[docx.text.paragraph.Paragraph]] = [[]]
    for paragraph in paragraphs:
        if paragraph.style.name == "List Bullet":
            runs[-1].append(paragraph)
        elif runs[-1]:
            runs.append([])
    runs = [run for run in runs if run]
    assert len(runs) == 10                         # the lists of the nine partnerships
    for run in runs:                                # all but the last keep with the next
        assert [p.paragraph_format.keep_with_next is not False for p in run] == \
            [True] * (len(run) - 1) + [False]


@pytest.mark.parametrize("lang", LANGS)
def test_a_current_word_document_in_its_language(built: Path, lang: str) -> None:
    path = briefing(built, lang)
    settings = part(path, "word/settings.xml")
    modes = [s.get(f"{W}val") for s in settings.iter(f"{W}compatSetting")
             if s.get(f"{W}name") == "compatibilityMode"]
    assert modes == ["15"]
    assert settings.find(f"{W}themeFontLang").get(f"{W}val") == TAGS[lang]
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        app = archive.read("docProps/app.xml").decode()
        styles = archive.read("word/styles.xml").decode()
    assert "Macintosh" not in app and "<Application>docgen</Application>" in app
    assert not any("thumbnail" in name for name in names)
    assert "4F81BD" not in styles and "0B2A45" in styles     # the brochure's navy


@pytest.mark.parametrize("lang", LANGS)
def test_the_web_address_is_a_link(built: Path, lang: str) -> None:
    path = briefing(built, lang)
    links = list(part(path, "word/document.xml").iter(f"{W}hyperlink"))
    external = [link for link in links if link.get(R_ID)]
    assert ["".join(link.itertext()) for link in external] == ["www.kickstartbiomanufacturing.be"]
    rels = part(path, "word/_rels/document.xml.rels")
    rel = next(r for r in rels if r.get("Id") == external[0].get(R_ID))
    assert rel.get("Target") == "https://www.kickstartbiomanufacturing.be"
    assert rel.get("TargetMode") == "External"


def test_tables_carry_a_translated_title_and_description(built: Path) -> None:
    body = part(briefing(built, "fr"), "word/document.xml").find(f"{W}body")
    described = [(t.find(f"{W}tblPr/{W}tblCaption").get(f"{W}val"),
                  t.find(f"{W}tblPr/{W}tblDescription").get(f"{W}val"))
                 for t in body.iter(f"{W}tbl")]
    assert all(title and description for title, description in described)
    assert ("Profil", "BioWin et MEDVIA\u00a0: qui participe et où") in described
    assert ("En bref", "Chiffres clés du secteur wallon des biotechnologies et ce que chacun "
            "mesure") in described


def test_the_contents_field_lists_every_main_heading(built: Path) -> None:
    path = briefing(built, "en")
    body = part(path, "word/document.xml").find(f"{W}body")
    begin = body.find(f".//{W}fldChar[@{W}fldCharType='begin']")
    assert begin.get(f"{W}dirty") == "true"            # Word fills it on opening
    instruction = "".join(t.text for t in body.iter(f"{W}instrText"))
    assert instruction.strip().startswith('TOC \\o "1-1"')
    anchors = [link.get(f"{W}anchor") for link in body.iter(f"{W}hyperlink")
               if link.get(f"{W}anchor")]
    marks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    assert len(anchors) == 12 and set(anchors) == marks
    out = docx.Document(str(path))
    entries = [p.text for p in out.paragraphs if p.style.name == "toc 1"]
    assert entries[0] == "Summary" and entries[-1] == "Publication details"
    assert "6. Kickstart Biomanufacturing: an initiative for international investors" in entries


def test_preview_prints_the_briefing_through_libreoffice(built: Path, tmp_path: Path) -> None:
    from PIL import Image

    from docgen.proof.preview import docx_contact_sheet
    if _soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: scripts/setup installs it")
    folder = tmp_path / "preview" / "nl" / "briefing"
    (folder).mkdir(parents=True)
    (folder / "page-09.png").write_bytes(b"stale")      # from a longer earlier version
    sheet = docx_contact_sheet(briefing(built, "nl"), folder, dpi=30)
    pages = sorted(folder.glob("page-*.png"))
    assert 2 <= len(pages) <= 6 and folder / "page-09.png" not in pages
    with Image.open(pages[0]) as first, Image.open(sheet) as whole:
        assert first.size == (249, 351)                 # A4 at 30 dpi (pdfium rounds up)
        assert whole.size[0] > 3 * first.size[0]
