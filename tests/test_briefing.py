"""The DOCX briefings, read back with python-docx and converted by LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import RGBColor

from .conftest import ROOT, docx_text, flat
from .facts import facts, present, squeeze, texts

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
    assert {"Title", "Heading 1", "List Bullet", "Summary", "Source Note", "Key Figures"} <= used
    for name in ("Heading 1", "Title", "Summary"):
        assert out.styles[name].font.color.rgb == reference.styles[name].font.color.rgb
    headings = [p.text for p in out.paragraphs if p.style.name == "Heading 1"]
    assert len(headings) == 9 + 2       # summary, nine partnerships, conclusion


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
    assert 2 <= count <= 5
    assert f"2 / {count}" not in text       # the footer's fields were computed, in words


def test_restyling_the_reference_restyles_every_briefing(project_dir: Path) -> None:
    from docgen.build import Options, build
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
    from docgen.build import Job, run_job
    from docgen.errors import DocgenError
    po = project_dir / "locales/fr/LC_MESSAGES/content.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Objectifs"',
                                                         'msgstr "Objec\\vtifs"'), "utf-8")
    with pytest.raises(DocgenError, match="character Word cannot hold"):
        run_job(str(project_dir), Job("fr", "docx", "k"), draft=False)
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
