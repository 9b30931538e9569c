"""Nothing from the build machine can reach a brochure: escaped text, asset-only fetcher,
warnings fatal, glyphs checked."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import cli
from docgen.errors import DocgenError
from docgen.render.pdf import write_pdf

from .conftest import ROOT, pdf_text

SECRET = "docgen-secret-0f3a9c7e"  # noqa: S105 (a marker, not a password)


def uncompressed(pdf: Path) -> bytes:
    """Every stream of the PDF decompressed (qpdf), so a search sees the real content."""
    out = pdf.with_suffix(".qdf")
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), str(out)],
                   check=True)
    return out.read_bytes()


@pytest.mark.slow
def test_markup_in_the_data_is_printed_as_text(project_dir: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    injection = f'<img src="{secret.as_uri()}"><link rel="attachment" href="{secret.as_uri()}">'
    data = project_dir / "data" / "partnerships.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace(
        'subtitle: "Wie', f"subtitle: '{injection} Wie", 1).replace(
        'voranbringen"', "voranbringen'", 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--root", str(project_dir), "build", "--lang", "de"])
    assert result.exit_code == 0, result.output
    pdf = project_dir / "output/de/brochure-de.pdf"
    def squeeze(text: str) -> str:                     # the long path wraps across lines
        return "".join(text.split()).replace("-", "").replace("\u2010", "")
    assert squeeze(injection) in squeeze(pdf_text(pdf))   # shown as text, not obeyed
    content = uncompressed(pdf)
    assert SECRET.encode() not in content             # the file's content never entered
    assert b"/EmbeddedFile" not in content and b"/Subtype /Image" not in content


@pytest.mark.parametrize("html", [
    '<p>x</p><img src="file:///etc/hostname" alt="">',
    '<link rel="attachment" href="file:///etc/hostname"><p>x</p>',
    '<link rel="stylesheet" href="file:///etc/ssl/openssl.cnf"><p>x</p>',
    '<p>x</p><img src="http://127.0.0.1:9/x.png" alt="">',
    '<p style="background: url(data:image/png;base64,AAAA)">x</p>',
    '<link rel="stylesheet" href="../data/partnerships.yaml"><p>x</p>',
])
def test_the_fetcher_refuses_everything_but_the_assets(tmp_path: Path, html: str) -> None:
    target = tmp_path / "x.pdf"
    with pytest.raises(DocgenError, match="refused URL"):
        write_pdf(f"<html lang=en><body>{html}</body></html>", ROOT / "templates", target, "t")
    assert not target.exists()


def test_the_fetcher_serves_the_bundled_assets(tmp_path: Path) -> None:
    html = ('<html lang="en"><head><link rel="stylesheet" href="brochure.css"></head>'
            '<body><p>Fine</p></body></html>')
    assert write_pdf(html, ROOT / "templates", tmp_path / "ok.pdf", "t") >= 1


def test_a_weasyprint_warning_fails_the_render(tmp_path: Path) -> None:
    html = '<html lang="en"><body><p style="colour: red; width: banana">x</p></body></html>'
    with pytest.raises(DocgenError, match="WeasyPrint"):
        write_pdf(html, ROOT / "templates", tmp_path / "w.pdf", "t")


def test_a_character_without_glyph_fails_the_build(project_dir: Path) -> None:
    data = project_dir / "data" / "partnerships.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace(
        'subtitle: "Wie', 'subtitle: "漢 Wie', 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--root", str(project_dir), "build", "--lang", "de",
                                      "--format", "pdf"])
    assert result.exit_code == 1
    assert "has no glyph for U+6F22" in result.output
    assert not (project_dir / "output/de/brochure-de.pdf").exists()
    result = CliRunner().invoke(cli, ["--root", str(project_dir), "check"])
    assert result.exit_code == 1 and "U+6F22" in result.output


def test_docgen_check_passes_on_the_real_project(project_dir: Path) -> None:
    # A copy: the check keeps its findings in output/.cache/, never in the checkout.
    result = CliRunner().invoke(cli, ["--root", str(project_dir), "check"])
    assert result.exit_code == 0, result.output


def test_fonts_cover_what_babel_writes_for_french() -> None:
    from docgen.render.fonts import missing_glyphs
    assert missing_glyphs("\u202f\u00a0€«»„“’²–\u2009≥", ROOT / "templates" / "fonts") == {}


def test_a_machine_font_never_reaches_the_pdf(project_dir: Path) -> None:
    """A character the bundled fonts lack, in a label printed only through CSS."""
    ui = project_dir / "locales/fr/LC_MESSAGES/ui.po"
    ui.write_text(ui.read_text(encoding="utf-8").replace('msgstr "En bref"',
                                                         'msgstr "En bref ☃"'), "utf-8")
    result = CliRunner().invoke(cli, ["--root", str(project_dir), "build", "--lang", "fr",
                                      "--format", "pdf"])
    assert result.exit_code == 1
    assert "error: fr/brochure-fr.pdf: font Inter-Regular.otf has no glyph for U+2603 SNOWMAN\n" \
        in result.output
    assert not (project_dir / "output/fr/brochure-fr.pdf").exists()


def test_a_template_mistake_names_the_template_and_line(project_dir: Path) -> None:
    page = project_dir / "templates" / "brochure.html"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines[20] += " {{ doc.no_such_field }}"
    page.write_text("\n".join(lines), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--root", str(project_dir), "build", "--lang", "de",
                                      "--format", "pdf"])
    assert result.exit_code == 1
    assert "brochure.html:21: template:" in result.output and "no_such_field" in result.output
    assert "Traceback" not in result.output
