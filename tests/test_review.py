"""The proofreaders' review document: every text with where it appears and its state."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from docgen.cli import cli

from .conftest import flat, pdf_text

FR = "locales/fr/LC_MESSAGES/content.po"


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--root", str(root), *args])
    return result.exit_code, result.output


def rows(path: Path) -> dict[str, list[str]]:
    """The review table, by source text: [number, where, source, translation, state]."""
    table = docx.Document(str(path)).tables[0]
    out = {}
    for row in table.rows[1:]:
        cells = [c.text for c in row.cells]
        out[cells[2]] = cells
    return out


def one_fuzzy_one_untranslated(root: Path) -> None:
    """A changed source text (fuzzy after update) and an emptied translation."""
    data = root / "data/partnerships.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace(
        "Gemeinsame Finanzierung von Forschungsprojekten",
        "Gemeinsame Förderung von Forschungsprojekten"), encoding="utf-8")
    assert run(root, "i18n", "extract")[0] == 0
    assert run(root, "i18n", "update")[0] == 0
    po = root / FR
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Mise à l’échelle des procédés de production"', 'msgstr ""'), encoding="utf-8")


@pytest.mark.slow
def test_review_shows_fuzzy_and_untranslated_with_states_and_pages(project_dir: Path) -> None:
    one_fuzzy_one_untranslated(project_dir)
    code, out = run(project_dir, "review", "--lang", "fr")
    assert code == 0, out
    assert "wrote output/review/review-fr.docx" in out
    table = rows(project_dir / "output/review/review-fr.docx")
    fuzzy = table["Gemeinsame Förderung von Forschungsprojekten"]
    assert fuzzy[1:] == [
        "Brochure, page 5 · BioWin et MEDVIA\u00a0: une coopération interrégionale au service "
        "de l’innovation en\u00a0santé › Objectifs",
        "Gemeinsame Förderung von Forschungsprojekten",
        "Financement conjoint de projets de recherche",
        "approximatif (à vérifier) · ancien texte source\u00a0: Gemeinsame Finanzierung von "
        "Forschungsprojekten"]
    empty = table["Skalierung von Produktionsprozessen"]
    assert empty[1] == ("Brochure, page 6 · ATMP\u2011PIT\u00a0: le moteur wallon de l’innovation "
                        "en thérapie\u00a0génique › Mesures\u00a0clés")
    assert empty[3:] == ["", "non traduit"]
    assert table["Contents"][1:] == ["Brochure, page 2 · Sommaire", "Contents", "Sommaire",
                                     "traduit"]
    # Reading order: the cover's title comes first, the conclusion after the partnerships.
    numbers = {source: int(cells[0]) for source, cells in table.items()}
    assert numbers["Wie strategische Partnerschaften Walloniens Biotechnologie-Sektor "
                   "voranbringen"] < numbers["Gemeinsame Förderung von Forschungsprojekten"] \
        < numbers["Skalierung von Produktionsprozessen"]
    document = docx.Document(str(project_dir / "output/review/review-fr.docx"))
    assert document.paragraphs[0].text == "Relecture de la traduction\u00a0: Français"
    text = flat(pdf_text(project_dir / "output/review/review-fr.pdf"))
    assert "approximatif (à vérifier) · ancien texte source : Gemeinsame Finanzierung" in text
    assert "Relecture de la traduction : Français" in text


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   cwd=root, check=True, capture_output=True)


@pytest.mark.slow
def test_changed_lists_only_what_changed_since_the_last_edition_tag(project_dir: Path) -> None:
    git(project_dir, "init", "-q")
    git(project_dir, "add", "-A")
    git(project_dir, "commit", "-qm", "edition")
    git(project_dir, "tag", "edition-2026-11-01")
    po = project_dir / FR
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Financement conjoint de projets de recherche"',
        'msgstr "Cofinancement de projets de recherche"'), encoding="utf-8")
    code, out = run(project_dir, "review", "--lang", "fr", "--changed")
    assert code == 0, out
    table = rows(project_dir / "output/review/review-fr.docx")
    assert list(table) == ["Gemeinsame Finanzierung von Forschungsprojekten"]
    assert table["Gemeinsame Finanzierung von Forschungsprojekten"][3:] == [
        "Cofinancement de projets de recherche",
        "traduit · modifié depuis la dernière édition"]
    intro = docx.Document(str(project_dir / "output/review/review-fr.docx")).paragraphs[1].text
    assert intro.startswith("Comparaison avec l’édition marquée edition-2026-11-01.")


def test_review_needs_a_language(project_dir: Path) -> None:
    code, out = run(project_dir, "review")
    assert code == 2 and "Missing option '--lang'" in out
