"""Messages a translator reads: counts after the check, "and N more", -q/-v, the project
found from a subfolder, and `docgen i18n fix`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import cli
from docgen.i18n.fix import typography

CONTENT = "locales/fr/LC_MESSAGES/content.po"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def blank(root: Path, count: int) -> None:
    """Empty the first ``count`` French translations of the partnerships."""
    path = root / CONTENT
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    done = 0
    for i, block in enumerate(blocks):
        if done < count and 'msgctxt "partnerships.' in block and "msgid_plural" not in block:
            blocks[i] = block[:block.index("\nmsgstr")] + '\nmsgstr ""'
            done += 1
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


def test_check_ends_with_fuzzy_and_untranslated_counts(project_dir: Path) -> None:
    blank(project_dir, 2)
    path = project_dir / CONTENT
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgctxt "title"', '#, fuzzy\nmsgctxt "title"', 1), "utf-8")
    code, out = run("--root", str(project_dir), "i18n", "check", "--lang", "fr")
    assert code == 0, out
    assert out.splitlines()[-3:] == [
        f"{project_dir}/{CONTENT}: 1 fuzzy, 2 untranslated (they fall back to the source text)",
        f"{project_dir}/locales/fr/LC_MESSAGES/ui.po: 0 fuzzy, 0 untranslated",
        "catalogs OK (0 warning(s))"]


def test_the_fallback_list_says_how_many_more(project_dir: Path) -> None:
    blank(project_dir, 25)
    code, out = run("--root", str(project_dir), "build", "--lang", "fr", "--format", "docx")
    assert code == 0, out
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if "fell back" in line)
    assert lines[start].endswith("briefing-fr.docx: 25 text(s) fell back to the source "
                                 "language:")
    assert lines[start + 21] == "  … and 5 more"
    code, out = run("--root", str(project_dir), "-v", "build", "--lang", "fr", "--format",
                    "docx", "--force")
    assert code == 0 and "more" not in out
    assert len([line for line in out.splitlines() if line.startswith("  content [")]) == 25


def test_quiet_says_nothing_when_all_is_well(project_dir: Path) -> None:
    code, out = run("--root", str(project_dir), "-q", "i18n", "check")
    assert (code, out) == (0, "")
    code, out = run("-q", "-v", "i18n", "check")
    assert code == 2 and "-q and -v contradict each other: give one" in out


def test_the_project_is_found_from_a_subfolder(project_dir: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project_dir / "locales" / "fr")
    code, out = run("i18n", "check", "--lang", "fr")
    assert code == 0, out
    assert "../../locales/fr/LC_MESSAGES/ui.po: 0 fuzzy, 0 untranslated\n" in out


@pytest.mark.parametrize("lang, before, after", [
    ("fr", "Objectifs: 3 partenaires; oui ! «cité» l'eau",
     "Objectifs\u00a0: 3 partenaires\u202f; oui\u202f! «\u00a0cité\u00a0» l’eau"),
    ("fr", 'Voir <a href="https://x.be/a?b=c">le "site"</a> : {count}!',
     'Voir <a href="https://x.be/a?b=c">le «\u00a0site\u00a0»</a>\u00a0: {count}\u202f!'),
    ("fr", "à 10:30 sur https://x.be/a:b?c", "à 10:30 sur https://x.be/a:b?c"),
    ("de", 'Das "Zitat" und “noch eins” für Walloniens Start-ups',
     "Das „Zitat“ und „noch eins“ für Walloniens Start-ups"),
])
def test_typography(lang: str, before: str, after: str) -> None:
    assert typography(before, lang) == after


def test_fix_shows_the_diff_then_applies_it(project_dir: Path) -> None:
    path = project_dir / CONTENT
    original = path.read_text(encoding="utf-8")
    assert 'msgstr "Objectifs"' in original
    path.write_text(original.replace('msgstr "Objectifs"', 'msgstr "Objectifs : {x} l\'eau"'),
                    encoding="utf-8")
    broken = path.read_text(encoding="utf-8")
    code, out = run("--root", str(project_dir), "i18n", "check", "--lang", "fr")
    assert "French typography: a no-break space (U+00A0) goes before a colon: " \
           "`docgen i18n fix --lang fr` inserts it" in out
    code, out = run("--root", str(project_dir), "i18n", "fix", "--lang", "fr", "--dry-run")
    assert code == 0, out
    assert '-msgstr "Objectifs : {x} l\'eau"\n+msgstr "Objectifs\u00a0: {x} l’eau"\n' in out
    assert "content.po: would change 1 translation(s)" in out
    assert path.read_text(encoding="utf-8") == broken
    code, out = run("--root", str(project_dir), "i18n", "fix", "--lang", "fr")
    assert code == 0, out
    fixed = path.read_text(encoding="utf-8")
    assert fixed == broken.replace('msgstr "Objectifs : {x} l\'eau"',
                                   'msgstr "Objectifs\u00a0: {x} l’eau"').replace(
        '"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"', '"PO-Revision-Date: 2026-11-18 '
        '11:06+0000\\n"')
    assert re.search(r"Last-Translator: FULL NAME", fixed)
    code, out = run("--root", str(project_dir), "i18n", "check", "--lang", "fr", "--strict")
    assert "typography" not in out
    code, out = run("--root", str(project_dir), "i18n", "fix", "--lang", "fr")
    assert code == 0 and "changed 0 translation(s)" in out
