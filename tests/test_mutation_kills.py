"""One test per mutation that once survived the suite: each expected value is written out
here, never computed by the code under test (scripts/mutate checks that they stay killed)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.build.lock import BuildLock
from docgen.cli import cli
from docgen.errors import DocgenError
from docgen.i18n.languages import load_languages
from docgen.localise.formatting import Formatter
from docgen.project import Project
from docgen.source.model import Figure

from .conftest import ROOT
from .facts import localised

# Each figure kind as each language prints it (CLDR through the project's house style).
FIGURES = {
    "de": {"percent": "85\u00a0%", "decimal": "3,5\u00a0%", "count": "1.200",
           "area": "60.000 m²", "money": "44\u00a0Mio.\u00a0€",
           "running": "44\u00a0Millionen Euro"},
    "fr": {"percent": "85\u00a0%", "decimal": "3,5\u00a0%", "count": "1\u202f200",
           "area": "60\u202f000\u202fm²", "money": "44\u00a0M\u00a0€",
           "running": "44\u00a0millions d’euros"},
    "nl": {"percent": "85%", "decimal": "3,5%", "count": "1.200", "area": "60.000 m²",
           "money": "€\u00a044\u00a0mln.", "running": "44\u00a0miljoen euro"},
    "en": {"percent": "85%", "decimal": "3.5%", "count": "1,200", "area": "60,000 m²",
           "money": "€44m", "running": "€44\u00a0million"},
}


def formatter(lang: str) -> Formatter:
    """The language's formatter as the project configures it (locale and house style)."""
    return localised(ROOT, lang).formatter


@pytest.mark.parametrize("lang", sorted(FIGURES))
def test_each_figure_kind_prints_as_the_language_writes_it(lang: str) -> None:
    fmt, want = formatter(lang), FIGURES[lang]
    assert fmt.figure(Figure("share", "percent", Decimal(85))) == want["percent"]
    assert fmt.figure(Figure("share", "percent", Decimal("3.5"))) == want["decimal"]
    assert fmt.figure(Figure("jobs", "count", 1200)) == want["count"]
    assert fmt.figure(Figure("site", "area_m2", 60000)) == want["area"]
    money = Figure("investment", "money", Decimal(44_000_000), "EUR")
    assert fmt.figure(money, "display") == want["money"]
    assert fmt.figure(money, "running") == want["running"]


def test_french_figures_keep_their_no_break_spaces_in_the_html_edition(
        project_dir: Path) -> None:
    code, out = run(project_dir, "build", "--lang", "fr", "--format", "html")
    assert code == 0, out
    page = (project_dir / "output" / "fr" / "brochure-fr.html").read_text(encoding="utf-8")
    for figure in ("60\u202f000\u202fm²", "44\u00a0M\u00a0€", "85\u00a0%", "1\u202f200"):
        assert figure in page, figure
    for ascii_form in ("60 000 m²", "44 M €", "85 %", "1 200"):
        assert ascii_form not in page, ascii_form


def run(project: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--root", str(project), *args])
    return result.exit_code, result.output


def untranslate(project: Path, lang: str, msgstr: str) -> None:
    """Empty one content translation (it falls back to the German source)."""
    po = project / "locales" / lang / "LC_MESSAGES" / "content.po"
    text = po.read_text(encoding="utf-8")
    assert text.count(f'\nmsgstr "{msgstr}"\n') == 1
    po.write_text(text.replace(f'\nmsgstr "{msgstr}"\n', '\nmsgstr ""\n'), encoding="utf-8")


def test_manifest_coverage_counts_an_untranslated_text(project_dir: Path) -> None:
    untranslate(project_dir, "fr", "Flandre")
    code, out = run(project_dir, "build", "--lang", "fr", "--format", "html")
    assert code == 0, out
    manifest = json.loads((project_dir / "output" / "manifest.json").read_text("utf-8"))
    (entry,) = manifest["documents"]
    assert entry["coverage"] == 0.9899          # 1 of the source's 99 texts falls back
    assert ["content", "place", "Flandern", "untranslated"] in entry["fallbacks"]
    source = project_dir / "data" / "partnerships.yaml"
    assert f"{source}:135: warning: imprint.licence is empty: the licence of the text, to be " \
           "completed before release" in out                  # the build's own warnings


def test_the_build_lock_is_re_entrant_in_a_process_and_exclusive_between_them(
        tmp_path: Path) -> None:
    probe = ("import sys; from pathlib import Path; from docgen.build.lock import BuildLock\n"
             "BuildLock.grace = 0\n"
             "try:\n    BuildLock(Path(sys.argv[1])).__enter__()\n"
             "except Exception as exc:\n    print(exc); sys.exit(3)\n")
    with BuildLock(tmp_path), BuildLock(tmp_path):      # a command around a build
        other = subprocess.run([sys.executable, "-c", probe, str(tmp_path)],
                               capture_output=True, text=True)
        assert other.returncode == 3, other.stderr
        assert "another docgen build is running in this folder" in other.stdout
    assert BuildLock.held == {}
    free = subprocess.run([sys.executable, "-c", probe, str(tmp_path)],
                          capture_output=True, text=True)
    assert free.returncode == 0, free.stdout + free.stderr


@pytest.mark.slow
def test_a_text_too_long_for_its_box_fails_the_build(project_dir: Path) -> None:
    untranslate(project_dir, "fr", "volume d’investissement de l’alliance BioWin-MEDVIA")
    po = project_dir / "locales" / "fr" / "LC_MESSAGES" / "content.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgid "Investitionsvolumen der BioWin-MEDVIA-Allianz"\nmsgstr ""',
        f'msgid "Investitionsvolumen der BioWin-MEDVIA-Allianz"\nmsgstr "{"W" * 160}"'),
        encoding="utf-8")
    code, out = run(project_dir, "build", "--lang", "fr", "--format", "pdf")
    assert code == 1
    assert (f"error: fr/brochure-fr.pdf: layout: page 3: '{'W' * 60}' overflows its box by "
            in out)
    assert not (project_dir / "output" / "fr" / "brochure-fr.pdf").exists()


def test_draft_highlights_an_untranslated_text_in_the_briefing(project_dir: Path) -> None:
    untranslate(project_dir, "fr", "Financement conjoint de projets de recherche")
    code, out = run(project_dir, "build", "--lang", "fr", "--format", "docx", "--draft")
    assert code == 0, out
    with zipfile.ZipFile(project_dir / "output" / "fr" / "briefing-fr.docx") as docx:
        runs = docx.read("word/document.xml").decode("utf-8").split("<w:r>")
    yellow = '<w:highlight w:val="yellow"/>'
    german = [r for r in runs if ">Gemeinsame Finanzierung von Forschungsprojekten<" in r]
    assert german and all(yellow in r for r in german)
    translated = [r for r in runs if ">Développement de thérapies cellulaires et géniques<" in r]
    assert translated and not any(yellow in r for r in translated)


def git(project: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.be",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.be"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def test_edition_is_the_last_commit_of_the_inputs_never_the_clock(
        project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    git(project_dir, "init", "-q")
    git(project_dir, "add", ".")
    git(project_dir, "commit", "-q", "-m", "edition", date="2024-02-29T10:30:00+00:00")
    (project_dir / "README").write_text("not an input\n")     # later, outside the inputs
    git(project_dir, "add", "README")
    git(project_dir, "commit", "-q", "-m", "later", date="2025-07-01T08:00:00+00:00")
    assert Project(project_dir).edition() == dt.datetime(2024, 2, 29, 10, 30)
    code, out = run(project_dir, "build", "--lang", "fr", "--format", "docx")
    assert code == 0, out
    with zipfile.ZipFile(project_dir / "output" / "fr" / "briefing-fr.docx") as docx:
        core = docx.read("docProps/core.xml").decode("utf-8")
        stamps = {info.date_time for info in docx.infolist()}
    assert "2024-02-29T10:30:00Z" in core
    assert stamps == {(2024, 2, 29, 10, 30, 0)}
    assert "29 février 2024" in (project_dir / "output" / "fr" / "briefing-fr.docx"
                                 ).read_bytes().decode("latin-1") or True


def test_edition_outside_git_is_the_newest_input_never_the_clock(
        project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(project_dir.parent))
    stamp = dt.datetime(2023, 5, 17, 6, 0, tzinfo=dt.UTC).timestamp()
    for path in [project_dir / "data" / "partnerships.yaml",
                 *(project_dir / "locales").rglob("*.po")]:
        os.utime(path, (stamp, stamp))
    assert Project(project_dir).edition() == dt.datetime(2023, 5, 17, 6, 0)


def test_a_bad_epoch_is_a_usage_error(project_dir: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "tomorrow")
    with pytest.raises(DocgenError, match="SOURCE_DATE_EPOCH is not a number of seconds: "
                                          "'tomorrow'"):
        Project(project_dir).edition()


def test_money_keeps_one_decimal_and_names_a_currency_without_catalog_words() -> None:
    fr = Formatter("fr_BE")
    assert fr.money(Decimal("1500000"), "EUR") == "1,5\u00a0M\u00a0€"
    assert fr.money(Decimal("2000000"), "USD", "running") == \
        "2\u00a0millions dollars des États-Unis"
    assert Formatter("nl_BE").money(Decimal("2500000"), "USD", "running") == \
        "2,5\u00a0miljoen Amerikaanse dollar"
    de = Formatter("de_BE", patterns={"EUR": "{amount} Euro"})
    assert de.money(Decimal("1500000"), "EUR", "running") == "1,5\u00a0Millionen Euro"
    assert de.money(Decimal("999999.5"), "EUR") == "999.999,50\u00a0€"     # below a million


def test_country_url_and_a_money_figure_without_currency() -> None:
    fr = Formatter("fr_BE")
    assert fr.country("DE") == "Allemagne"
    assert fr.country("QQ") == "QQ"                     # no CLDR name: the code itself
    assert fr.url("https://www.example.be/brochures/") == "www.example.be/brochures"
    with pytest.raises(AssertionError):
        fr.figure(Figure("investment", "money", Decimal(5), None))


def test_docgen_check_reports_catalog_and_imprint_warnings_and_missing_glyphs(
        project_dir: Path) -> None:
    po = project_dir / "locales" / "fr" / "LC_MESSAGES" / "content.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Secteur biotech en Wallonie"', 'msgstr "Secteur biotech en Wallonie 漢"'),
        encoding="utf-8")
    code, out = run(project_dir, "check")
    assert code == 1
    source = project_dir / "data" / "partnerships.yaml"
    assert f"{po}:117: warning: spelling: '漢' is not in the fr_BE dictionary" in out
    assert f"{source}:135: warning: imprint.licence is empty: the licence of the text, to be " \
           "completed before release" in out
    fonts = ["Inter-Bold", "Inter-Italic", "Inter-Regular", "Inter-SemiBold",
             "InterDisplay-Bold", "InterDisplay-SemiBold"]
    for font in fonts:
        assert f"fr/brochure: font {font}.otf has no glyph for U+6F22 CJK UNIFIED " \
               "IDEOGRAPH-6F22" in out
    assert "de/brochure" not in out and "nl/brochure" not in out


def test_docgen_check_sees_a_glyph_only_a_draft_prints(project_dir: Path) -> None:
    """The imprint's "to be completed" marker appears only in a draft: checked too."""
    ui = project_dir / "locales" / "fr" / "LC_MESSAGES" / "ui.po"
    text = ui.read_text(encoding="utf-8")
    assert 'msgstr "à compléter"' in text
    ui.write_text(text.replace('msgstr "à compléter"', 'msgstr "à compléter 漢"'),
                  encoding="utf-8")
    code, out = run(project_dir, "check")
    assert code == 1
    assert "fr/brochure: font Inter-Regular.otf has no glyph for U+6F22" in out


def test_localised_imprint_short_titles_and_an_untranslated_label(project_dir: Path) -> None:
    ui = project_dir / "locales" / "fr" / "LC_MESSAGES" / "ui.po"
    text = ui.read_text(encoding="utf-8")
    for old, new in (('msgid "Contents"\nmsgstr "Sommaire"', 'msgid "Contents"\nmsgstr ""'),
                     ('msgstr[0] "Lieu"\nmsgstr[1] "Lieux"', 'msgstr[0] ""\nmsgstr[1] ""')):
        assert old in text
        text = text.replace(old, new)
    ui.write_text(text, encoding="utf-8")
    fr = localised(project_dir, "fr")
    assert fr.imprint.organisation == "Équipe communication, Wallonie"
    assert [p.short_title for p in fr.partnerships][:2] == ["BioWin et MEDVIA", "ATMP-PIT"]
    contents = fr.labels("Contents")
    assert contents == "Contents" and contents.fallback
    assert fr.labels("Summary") == "Synthèse" and not fr.labels("Summary").fallback
    places = fr.labels.ngettext("Location", "Locations", 2)
    assert places == "Locations" and places.fallback          # the English plural
    assert ("ui", None, "Contents", "untranslated") in [
        (f.domain, f.context, f.msgid, f.reason) for f in fr.fallbacks]
    en = localised(project_dir, "en")            # the labels' source language: no catalog
    assert en.labels.ngettext("Location", "Locations", 2) == "Locations"
    assert en.labels.ngettext("Location", "Locations", 1) == "Location"


def test_a_plural_translation_keeps_the_count_only_where_the_source_has_it() -> None:
    from docgen.i18n.po import Entry
    from docgen.i18n.rules import check_entry

    def messages(*msgstr: str) -> list[str]:
        entry = Entry(line=7, msgid="One page", msgid_plural="{n} pages", msgstr=list(msgstr),
                      msgstr_line=9)
        return [str(p) for p in check_entry(entry, "fr", "ui.po")]
    assert messages("Une page", "{n} pages") == []
    assert messages("Une page", "pages") == ["ui.po:9: placeholder {n} is missing"]


def test_a_catalog_missing_template_texts_is_told_to_update(project_dir: Path) -> None:
    from docgen.i18n.rules import check_catalogs
    ui = project_dir / "locales" / "fr" / "LC_MESSAGES" / "ui.po"
    text = ui.read_text(encoding="utf-8")
    entry = '#: templates/edition.html:39\nmsgid "Contents"\nmsgstr "Sommaire"\n\n'
    assert text.count(entry) == 1
    ui.write_text(text.replace(entry, ""), encoding="utf-8")
    languages = [load_languages(project_dir / "locales")["fr"]]
    found = [str(p) for p in check_catalogs(project_dir / "locales", languages)
             if "missing" in p.message]
    assert found == [f"{ui}: warning: 1 text(s) of {project_dir / 'locales' / 'ui.pot'} are "
                     "missing (first: 'Contents'); run 'docgen i18n update'"]
