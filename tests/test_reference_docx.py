"""The reference document and the briefing's bytes, without building (fast)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from lxml import etree

from .conftest import ROOT
from .jobs import run_one

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REFERENCE = ROOT / "templates" / "briefing.docx"


def xml(name: str) -> etree._Element:
    with zipfile.ZipFile(REFERENCE) as archive:
        return etree.fromstring(archive.read(name))


def test_the_reference_is_a_current_word_document() -> None:
    modes = [s.get(f"{W}val") for s in xml("word/settings.xml").iter(f"{W}compatSetting")
             if s.get(f"{W}name") == "compatibilityMode"]
    assert modes == ["15"]
    with zipfile.ZipFile(REFERENCE) as archive:
        names = archive.namelist()
        app = archive.read("docProps/app.xml").decode()
        everything = b"".join(archive.read(name) for name in names).decode()
    assert "<Application>docgen</Application>" in app and "Macintosh" not in everything
    assert not any("thumbnail" in name or name.startswith("customXml") for name in names)
    assert "4F81BD" not in everything.upper() and "Cambria" not in everything


def test_the_reference_defines_every_style_the_briefing_uses() -> None:
    from docgen.render.docx import STYLES
    document = docx.Document(str(REFERENCE))
    assert set(STYLES) <= {s.name for s in document.styles}
    styles = {s.get(f"{W}styleId"): s for s in xml("word/styles.xml").iter(f"{W}style")}
    for style_id, level in (("Heading1", "0"), ("Heading2", "1")):
        ppr = styles[style_id].find(f"{W}pPr")
        assert ppr.find(f"{W}outlineLvl").get(f"{W}val") == level
        assert ppr.find(f"{W}keepNext") is not None
        assert int(ppr.find(f"{W}spacing").get(f"{W}after")) > 0      # space after headings
    bullet = styles["ListBullet"].find(f"{W}pPr")
    assert bullet.find(f"{W}keepNext") is not None
    assert int(bullet.find(f"{W}spacing").get(f"{W}before")) > 0      # clear of a table above
    header_row = styles["KeyFigures"].find(f"{W}tblStylePr[@{W}type='firstRow']")
    assert header_row.find(f"{W}tcPr/{W}shd").get(f"{W}fill") == "0B2A45"
    # The bullet is set in the text font, so LibreOffice needs no OpenSymbol for it.
    level = xml("word/numbering.xml").find(f"{W}abstractNum/{W}lvl")
    assert level.find(f"{W}lvlText").get(f"{W}val") == "•"
    assert level.find(f"{W}rPr/{W}rFonts").get(f"{W}ascii") == "Calibri"


def test_the_script_writes_the_same_reference_every_time(tmp_path: Path) -> None:
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_reference",
                                                  ROOT / "scripts" / "make_reference_docx.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.make(tmp_path / "a.docx")
    module.make(tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    assert {s.name for s in docx.Document(str(tmp_path / "a.docx")).styles} == \
        {s.name for s in docx.Document(str(REFERENCE)).styles}


def _render(project: Path, lang: str) -> bytes:
    result = run_one(project, lang, "docx")
    return Path(result.path).read_bytes()


def test_a_briefing_is_byte_reproducible(project_dir: Path) -> None:
    first = _render(project_dir, "fr")
    assert _render(project_dir, "fr") == first


def test_a_reference_saved_by_an_old_word_still_gives_a_current_briefing(
        project_dir: Path) -> None:
    """Mode 14, Office's app.xml and a thumbnail in the reference never reach a briefing."""
    reference = project_dir / "templates" / "briefing.docx"
    with zipfile.ZipFile(REFERENCE) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    entries["word/settings.xml"] = entries["word/settings.xml"].replace(
        b'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
        b'w:val="15"', b'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/'
        b'office/word" w:val="14"')
    assert b'w:val="14"' in entries["word/settings.xml"]
    entries["docProps/app.xml"] = entries["docProps/app.xml"].replace(
        b"docgen", b"Microsoft Macintosh Word")
    entries["docProps/thumbnail.jpeg"] = b"\xff\xd8\xff\xd9"
    entries["_rels/.rels"] = entries["_rels/.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/'
        b'package/2006/relationships/metadata/thumbnail" Target="docProps/thumbnail.jpeg"/>'
        b"</Relationships>")
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
        b"<Override", b'<Default Extension="jpeg" ContentType="image/jpeg"/><Override', 1)
    with zipfile.ZipFile(reference, "w") as target:
        for name, data in entries.items():
            target.writestr(name, data)
    with zipfile.ZipFile(__import__("io").BytesIO(_render(project_dir, "nl"))) as out:
        names = out.namelist()
        settings = out.read("word/settings.xml").decode()
        app = out.read("docProps/app.xml").decode()
    assert 'w:val="15"' in settings and 'w:val="14"' not in settings
    assert 'w:themeFontLang w:val="nl-BE"' in settings
    assert "Macintosh" not in app and not any("thumbnail" in n for n in names)


def test_preview_of_the_briefing_without_libreoffice_is_one_clear_line(
        project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from docgen.cli import cli
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = CliRunner().invoke(cli, ["--root", str(project_dir), "preview", "--lang", "de",
                                      "--format", "docx"])
    assert result.exit_code == 1
    assert result.output == ("error: docgen preview: LibreOffice is not installed (no soffice "
                             "on PATH): scripts/setup installs it, or apt-get install "
                             "libreoffice-writer-nogui\n")
    assert not (project_dir / "output" / "de").exists()      # said before building


def test_a_draft_briefing_highlights_what_falls_back(project_dir: Path) -> None:
    po = project_dir / "locales/fr/LC_MESSAGES/content.po"
    po.write_text(po.read_text("utf-8").replace('msgstr "Objectifs"', 'msgstr ""'), "utf-8")
    result = run_one(project_dir, "fr", "docx", draft=True)
    document = docx.Document(result.path)
    heading = next(p for p in document.paragraphs if p.text == "Ziele")
    assert heading.style.name == "Heading 2"
    assert all(run.font.highlight_color is not None for run in heading.runs)
    notes = [p.text for p in document.paragraphs if p.style.name == "Source Note"]
    assert notes[-1] == "Brouillon\u00a0: les textes surlignés ne sont pas encore traduits."
    objectives = next(p for p in document.paragraphs if p.text == "Financement conjoint de "
                      "projets de recherche")
    assert all(run.font.highlight_color is None for run in objectives.runs)
