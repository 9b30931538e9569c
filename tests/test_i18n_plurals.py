"""Plural forms as gettext has them: the catalog's own Plural-Forms header decides."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import cli
from docgen.i18n import catalogs, plurals
from docgen.i18n.languages import UI, Language
from docgen.i18n.rules import check_catalog
from docgen.localise.labels import Labels

FR = Language("fr", "fr_BE", "Français")
UI_PO = '''msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: {rule}\\n"

msgid "{{count}} page"
msgid_plural "{{count}} pages"
{forms}
'''


def ui_catalog(tmp_path: Path, rule: str, forms: list[str]) -> Path:
    path = catalogs.po_path(tmp_path, "fr", UI)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "\n".join(f'msgstr[{i}] "{text}"' for i, text in enumerate(forms))
    path.write_text(UI_PO.format(rule=rule, forms=body), encoding="utf-8")
    return path


def pages(tmp_path: Path, counts: tuple[int, ...]) -> list[str]:
    labels = Labels(catalogs.load(tmp_path, "fr", UI), [("{count} page", "{count} pages")])
    return [str(labels.ngettext("{count} page", "{count} pages", n, count=n)) for n in counts]


def test_gettexts_french_rule_passes_the_gate_and_picks_each_form(tmp_path: Path) -> None:
    path = ui_catalog(tmp_path, "nplurals=2; plural=(n > 1);",
                      ["{count} page (singulier)", "{count} pages (pluriel)"])
    assert check_catalog(path, FR) == []
    assert pages(tmp_path, (0, 1, 2, 1_000_000)) == [
        "0 page (singulier)", "1 page (singulier)", "2 pages (pluriel)",
        "1000000 pages (pluriel)"]


def test_any_valid_rule_is_the_authority(tmp_path: Path) -> None:
    path = ui_catalog(tmp_path, "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && "
                      "n % 1000000 == 0 ? 1 : 2;", ["{count} un", "{count} million", "{count} x"])
    assert check_catalog(path, FR) == []
    assert pages(tmp_path, (0, 1, 2, 1_000_000)) == [
        "0 un", "1 un", "2 x", "1000000 million"]


@pytest.mark.parametrize("rule, message", [
    ("nplurals=2; plural=(n > 1 ? 2 : 0);", "1: the header's Plural-Forms picks form 2 for "
     "n = 2, but nplurals=2 allows only forms 0 to 1"),
    ("nplurals=2; plural=n >", "1: the header's Plural-Forms is not a rule gettext can read "
     "('nplurals=2; plural=n >'); it looks like 'nplurals=2; plural=(n != 1);'"),
    ("", "1: the header has no Plural-Forms line: add the one for your language, e.g. "
     "'Plural-Forms: nplurals=2; plural=(n != 1);'"),
])
def test_a_broken_rule_is_an_error_at_the_header(tmp_path: Path, rule: str, message: str
                                                  ) -> None:
    path = ui_catalog(tmp_path, rule, ["{count} page", "{count} pages"])
    if not rule:
        path.write_text(path.read_text(encoding="utf-8").replace('"Plural-Forms: \\n"\n', ""),
                        encoding="utf-8")
    assert [f"{p.line}: {p.message}" for p in check_catalog(path, FR)] == [message]


def test_the_table_is_what_msginit_writes(tmp_path: Path) -> None:
    pot = tmp_path / "x.pot"
    pot.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgid "a"\nmsgstr ""\n', encoding="utf-8")
    for code, rule in plurals.GETTEXT_RULES.items():
        out = subprocess.run(["msginit", "--no-translator", "-l", code, "-i", str(pot),
                              "-o", "-"], capture_output=True, text=True, check=True).stdout
        header = re.sub(r'"\n"', "", out)          # msginit wraps long header lines
        assert f"Plural-Forms: {rule}\\n" in header, code


def test_init_writes_msginits_rule_and_the_source_language(project_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["--root", str(project_dir), "i18n", "init", "--lang",
                                      "pl", "--locale", "pl_PL", "--name", "Polski"])
    assert result.exit_code == 0, result.output
    ui = (project_dir / "locales/pl/LC_MESSAGES/ui.po").read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 "\n' \
           '"|| n%100>=20) ? 1 : 2);\\n"\n"X-Source-Language: en\\n"\n' in ui
    assert 'msgstr[0] ""\nmsgstr[1] ""\nmsgstr[2] ""\n' in ui
    content = (project_dir / "locales/pl/LC_MESSAGES/content.po").read_text(encoding="utf-8")
    assert '"X-Source-Language: de\\n"\n' in content


def test_update_drops_a_third_form_that_repeats_the_second(project_dir: Path) -> None:
    ui = project_dir / "locales/fr/LC_MESSAGES/ui.po"
    original = ui.read_text(encoding="utf-8")
    forms = 'msgstr[0] "Lieu"\nmsgstr[1] "Lieux"\n'
    assert forms in original
    ui.write_text(original.replace(forms, forms + 'msgstr[2] "Lieux"\n'), encoding="utf-8")
    assert [p.message for p in check_catalog(ui, FR)] == [
        "this entry has 3 plural forms, but the header's Plural-Forms says nplurals=2: "
        "give it msgstr[0] to msgstr[1]"]
    result = CliRunner().invoke(cli, ["--root", str(project_dir), "i18n", "update", "--lang",
                                      "fr"])
    assert result.exit_code == 0, result.output
    assert ui.read_text(encoding="utf-8") == original
