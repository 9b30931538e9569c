"""The translators' round trip: extract → update → translate → check → build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import cli

from .conftest import docx_text, fill_imprint, flat, pdf_text
from .jobs import run_one


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--root", str(root), *args])
    return result.exit_code, result.output      # stdout and stderr, as a user sees them


def test_clean_checkout_is_complete_and_clean(project_dir: Path) -> None:
    code, out = run(project_dir, "i18n", "status", "--json", "--fail-under", "100")
    assert code == 0, out
    rows = json.loads(out[out.index("["): out.rindex("]") + 1])
    assert {(r["language"], r["catalog"]) for r in rows} == {
        ("de", "ui"), ("fr", "content"), ("fr", "ui"), ("nl", "content"), ("nl", "ui"),
        ("en", "content")}
    assert all(r["percent"] == 100.0 and r["fuzzy"] == 0 for r in rows)
    code, out = run(project_dir, "i18n", "check", "--strict")
    assert code == 0, out


def test_extract_is_idempotent_and_references_the_data(project_dir: Path) -> None:
    before = (project_dir / "locales" / "content.pot").read_bytes()
    ui_before = (project_dir / "locales" / "ui.pot").read_bytes()
    code, out = run(project_dir, "i18n", "extract")
    assert code == 0, out
    assert "templates are up to date" in out          # the committed templates are current
    assert (project_dir / "locales" / "ui.pot").read_bytes() == ui_before
    after = (project_dir / "locales" / "content.pot").read_text(encoding="utf-8")
    assert after.encode() == before
    context = 'msgctxt "partnerships.biowin-medvia.tables[0].rows[1].value"'
    block = after[after.index(context) - 200:]
    assert ('#. {investment} = an amount of money; in running text, '
            'e.g. "44\u00a0Millionen Euro"') in block
    assert re.search(r"#: data/partnerships\.yaml:\d+", block)


def test_changed_source_becomes_fuzzy_and_falls_back_visibly(project_dir: Path) -> None:
    fill_imprint(project_dir)            # --strict below is about the catalogs only
    data = project_dir / "data" / "partnerships.yaml"
    old = "Gemeinsame Finanzierung von Forschungsprojekten"
    data.write_text(data.read_text(encoding="utf-8").replace(old, "Gemeinsame Förderung von "
                                                             "Forschungsprojekten"), "utf-8")
    assert run(project_dir, "i18n", "extract")[0] == 0
    code, out = run(project_dir, "i18n", "update")
    assert code == 0, out
    po = (project_dir / "locales/fr/LC_MESSAGES/content.po").read_text(encoding="utf-8")
    entry = po[po.index('#| msgid "Gemeinsame Finanzierung'):].split("\n\n")[0]
    assert "#, fuzzy" in po[po.index(entry) - 200: po.index(entry)]
    assert 'msgstr "Financement conjoint de projets de recherche"' in entry

    code, out = run(project_dir, "i18n", "status", "--lang", "fr", "--fail-under", "100")
    assert code == 1 and "below 100 %" in out

    code, out = run(project_dir, "build", "--lang", "fr", "--format", "pdf")
    assert code == 0, out
    assert "brochure-fr.pdf: 1 text(s) fell back to the source language" in out
    assert "(fuzzy): Gemeinsame Förderung von Forschungsprojekten" in out
    text = flat(pdf_text(project_dir / "output/fr/brochure-fr.pdf"))
    assert "Gemeinsame Förderung von Forschungsprojekten" in text

    code, out = run(project_dir, "build", "--lang", "fr", "--strict", "--force")
    assert code == 1
    assert "(strict)" in out

    # The translator updates the entry (new text, fuzzy mark removed): complete again.
    po_path = project_dir / "locales/fr/LC_MESSAGES/content.po"
    po = po_path.read_text(encoding="utf-8")
    start = po.index(entry)
    fixed = entry.replace('msgstr "Financement conjoint de projets de recherche"',
                          'msgstr "Soutien conjoint aux projets de recherche"')
    before = po[:start].rsplit("#, fuzzy\n", 1)          # the flag line just above it
    po_path.write_text("".join(before) + fixed + po[start + len(entry):], encoding="utf-8")
    code, out = run(project_dir, "i18n", "status", "--lang", "fr", "--fail-under", "100")
    assert code == 0, out
    code, out = run(project_dir, "build", "--lang", "fr", "--strict")
    assert code == 0, out
    text = flat(pdf_text(project_dir / "output/fr/brochure-fr.pdf"))
    assert "Soutien conjoint aux projets de recherche" in text
    assert "Gemeinsame Förderung" not in text


def test_draft_marks_fallbacks_on_the_page(project_dir: Path) -> None:
    po = project_dir / "locales/fr/LC_MESSAGES/content.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Objectifs"', 'msgstr ""'), encoding="utf-8")
    import datetime as dt

    from docgen.i18n.languages import load_languages
    from docgen.localise.content import content, load_catalogs
    from docgen.localise.labels import Fallback
    from docgen.render import html
    from docgen.source.read import load
    lang = load_languages(project_dir / "locales")["fr"]
    cats = load_catalogs(project_dir / "locales", lang)
    doc = content(load(project_dir / "data/partnerships.yaml"), lang, cats, dt.date(2026, 1, 1))
    page = html.render(doc, project_dir / "templates", draft=True)
    assert '<mark class="fallback" title="untranslated">Ziele</mark>' in page
    ui = project_dir / "locales/fr/LC_MESSAGES/ui.po"          # a label used in attributes
    ui.write_text(ui.read_text(encoding="utf-8").replace('msgstr "Introduction"', 'msgstr ""'),
                  encoding="utf-8")
    cats = load_catalogs(project_dir / "locales", lang)
    doc = content(load(project_dir / "data/partnerships.yaml"), lang, cats, dt.date(2026, 1, 1))
    page = html.render(doc, project_dir / "templates", draft=True)
    assert 'data-short="Introduction"' in page
    assert '<mark class="fallback" title="untranslated">Introduction</mark>' in page
    result = run_one(project_dir, "fr", "pdf", draft=True)
    assert result.fallbacks == [
        Fallback("content", "partnerships.biowin-medvia.lists[0].title", "Ziele",
                 "untranslated"),
        Fallback("ui", None, "Introduction", "untranslated")]


def test_translator_edit_reaches_both_documents(project_dir: Path) -> None:
    po = project_dir / "locales/fr/LC_MESSAGES/content.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "Objectifs"' in text
    po.write_text(text.replace('msgstr "Objectifs"', 'msgstr "Nos objectifs communs"'), "utf-8")
    code, out = run(project_dir, "build", "--lang", "fr")
    assert code == 0, out
    assert "Nos objectifs communs" in flat(pdf_text(project_dir / "output/fr/brochure-fr.pdf"))
    assert "Nos objectifs communs" in docx_text(project_dir / "output/fr/briefing-fr.docx")


@pytest.mark.parametrize("bad, expected", [
    ('msgstr "{jeunes} start-ups ont pitché devant {investors} investisseurs internationaux"',
     "placeholder {startups} is missing"),
    ('msgstr "Objectifs <link rel=\\"attachment\\" href=\\"file:///etc/hostname\\">"',
     "markup '<link rel="),
    ('msgstr "Objectifs', "unterminated string"),
])
def test_broken_translation_stops_the_build_and_keeps_the_old_pdf(
        project_dir: Path, bad: str, expected: str) -> None:
    assert run(project_dir, "build", "--lang", "fr", "--format", "pdf")[0] == 0
    pdf = project_dir / "output/fr/brochure-fr.pdf"
    good = pdf.read_bytes()
    po = project_dir / "locales/fr/LC_MESSAGES/content.po"
    text = po.read_text(encoding="utf-8")
    target = 'msgstr "Objectifs"' if "Objectifs" in bad else \
        'msgstr ""\n"{startups} start-ups se sont présentées devant {investors} investisseurs "' \
        '\n"internationaux"'      # wrapped at 79 columns, as msgcat writes it
    assert target in text
    po.write_text(text.replace(target, bad), encoding="utf-8")
    line = text[: text.index(target)].count("\n") + 1
    for args in (("i18n", "check"), ("build", "--lang", "fr", "--force")):
        code, out = run(project_dir, *args)
        assert code == 1, out
        where = rf"locales/fr/LC_MESSAGES/content\.po:{line}: "
        assert re.search(where + ".*" + re.escape(expected), out), out
        assert "Traceback" not in out
    assert pdf.read_bytes() == good


def test_init_adds_a_language_without_code(project_dir: Path) -> None:
    code, out = run(project_dir, "i18n", "init", "--lang", "it", "--locale", "it_IT",
                    "--name", "Italiano")
    assert code == 0, out
    assert (project_dir / "locales/it/LC_MESSAGES/content.po").exists()
    config = (project_dir / "locales/languages.yaml").read_text()
    assert config.endswith('\nit: {locale: it_IT, name: Italiano}\n')   # written by PyYAML
    code, out = run(project_dir, "i18n", "status", "--lang", "it", "--json")
    assert code == 0 and '"untranslated": 99' in out
    code, out = run(project_dir, "build", "--lang", "it", "--format", "docx")
    assert code == 0, out
    assert "fell back to the source language" in out


def test_updates_keep_the_previous_source_and_obsolete_translations(project_dir: Path) -> None:
    data = project_dir / "data" / "partnerships.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace(
        '"Ziele"', '"Unsere Ziele"'), encoding="utf-8")
    for _ in range(2):                        # a second update must not mangle the first
        assert run(project_dir, "i18n", "extract")[0] == 0
        assert run(project_dir, "i18n", "update", "--lang", "fr")[0] == 0
    po = (project_dir / "locales/fr/LC_MESSAGES/content.po").read_text(encoding="utf-8")
    assert '#| msgid "Ziele"\n' in po and "# |" not in po
    assert po.count('msgstr "Objectifs"') == 1
    ui = project_dir / "locales/fr/LC_MESSAGES/ui.po"
    text = ui.read_text(encoding="utf-8")
    ui.write_text(text + '\n#~ msgid "Old label"\n#~ msgstr "Ancienne étiquette"\n', "utf-8")
    assert run(project_dir, "i18n", "update", "--lang", "fr")[0] == 0
    assert '#~ msgstr "Ancienne étiquette"' in ui.read_text(encoding="utf-8")


def test_an_obsolete_copy_does_not_hide_the_live_entry(project_dir: Path) -> None:
    fill_imprint(project_dir)            # --strict below is about the catalogs only
    po = project_dir / "locales/fr/LC_MESSAGES/content.po"
    po.write_text(po.read_text(encoding="utf-8") + '\n#~ msgctxt "partnerships.biowin-medvia.'
                  'lists[0].title"\n#~ msgid "Ziele"\n#~ msgstr "Vieux objectifs"\n', "utf-8")
    assert run(project_dir, "i18n", "check", "--strict")[0] == 0
    code, out = run(project_dir, "build", "--lang", "fr", "--format", "docx", "--strict")
    assert code == 0, out
    assert "Objectifs" in docx_text(project_dir / "output/fr/briefing-fr.docx")


def test_a_missing_entry_counts_against_completeness(project_dir: Path) -> None:
    po = project_dir / "locales/fr/LC_MESSAGES/content.po"
    text = po.read_text(encoding="utf-8")
    start = text.index('msgctxt "partnerships.biowin-medvia.lists[0].title"')
    end = text.index("\n\n", start)
    po.write_text(text[:start] + text[end + 2:], encoding="utf-8")
    code, out = run(project_dir, "i18n", "status", "--lang", "fr", "--fail-under", "100")
    assert code == 1
    code, out = run(project_dir, "i18n", "check")
    assert code == 0 and "1 text(s) of" in out and "run 'docgen i18n update'" in out
    assert run(project_dir, "i18n", "check", "--strict")[0] == 1


@pytest.mark.parametrize("code_", ["../evil", "FR", "x"])
def test_init_refuses_what_is_not_a_language_code(project_dir: Path, code_: str) -> None:
    before = (project_dir / "locales/languages.yaml").read_text()
    code, out = run(project_dir, "i18n", "init", "--lang", code_, "--locale", "it_IT")
    assert code == 2 and "is not a language code" in out
    assert (project_dir / "locales/languages.yaml").read_text() == before
