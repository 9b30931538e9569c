"""Catalogs saved by the translators' own tools: no churn after `docgen i18n update`.

Real GNU msgcat and msgmerge, translate-toolkit (Weblate's PO library) and a catalog pair
saved by Poedit 3.2.2 (tests/fixtures/poedit3: Poedit's header, X-Generator, its wrapping).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import cli

from .conftest import copy_project, flat, pdf_text

FIXTURE = Path(__file__).parent / "fixtures" / "poedit3"
FR = ("locales/fr/LC_MESSAGES/content.po", "locales/fr/LC_MESSAGES/ui.po")


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--root", str(root), *args])
    return result.exit_code, result.output


def with_msgcat(root: Path) -> None:
    for name in FR:             # another tool's layout: wrapped at 60 columns
        subprocess.run(["msgcat", "--width=60", "-o", name, name], cwd=root, check=True)


def with_msgmerge(root: Path) -> None:
    for name in FR:
        template = f"locales/{Path(name).stem}.pot"
        subprocess.run(["msgmerge", "--quiet", "--previous", "-o", name, name, template],
                       cwd=root, check=True)


def with_translate_toolkit(root: Path) -> None:
    from translate.storage import factory
    for name in FR:
        store = factory.getobject(str(root / name))
        store.savefile(str(root / name))


TOOLS: dict[str, Callable[[Path], None]] = {
    "msgcat": with_msgcat, "msgmerge": with_msgmerge, "translate-toolkit": with_translate_toolkit}


def update_changes_nothing_and_passes_the_gate(root: Path) -> None:
    """``i18n update`` leaves the French catalogs byte for byte; the strict gate passes."""
    saved = {name: (root / name).read_bytes() for name in FR}
    code, out = run(root, "i18n", "update", "--lang", "fr")
    assert code == 0, out
    assert {name: (root / name).read_bytes() for name in FR} == saved     # zero diff
    code, out = run(root, "i18n", "check", "--lang", "fr", "--strict")
    assert code == 0, out


@pytest.mark.slow
@pytest.mark.parametrize("tool", list(TOOLS))
def test_a_tools_save_survives_update_and_builds_the_same_text(
        tool: str, tmp_path: Path, built: Path) -> None:
    root = copy_project(tmp_path / "project")
    TOOLS[tool](root)
    update_changes_nothing_and_passes_the_gate(root)
    code, out = run(root, "build", "--lang", "fr", "--format", "pdf")
    assert code == 0, out
    assert flat(pdf_text(root / "output/fr/brochure-fr.pdf")) == \
        flat(pdf_text(built / "output/fr/brochure-fr.pdf"))


def test_msgmerge_after_a_source_change_is_what_update_writes(project_dir: Path) -> None:
    data = project_dir / "data" / "partnerships.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace(
        "Gemeinsame Finanzierung von Forschungsprojekten",
        "Gemeinsame Förderung von Forschungsprojekten"), encoding="utf-8")
    assert run(project_dir, "i18n", "extract")[0] == 0
    name = FR[0]
    original = (project_dir / name).read_bytes()
    subprocess.run(["msgmerge", "--quiet", "--previous", "-o", "merged.po", name,
                    "locales/content.pot"], cwd=project_dir, check=True)
    merged = (project_dir / "merged.po").read_text(encoding="utf-8")
    assert "#, fuzzy\n#| msgctxt \"partnerships.biowin-medvia.lists[0].items[0]\"\n" \
           "#| msgid \"Gemeinsame Finanzierung von Forschungsprojekten\"\n" in merged
    code, out = run(project_dir, "i18n", "update", "--lang", "fr")     # docgen instead
    assert code == 0, out
    assert (project_dir / name).read_text(encoding="utf-8") == merged
    (project_dir / name).write_bytes(original)      # and docgen after msgmerge: no change
    shutil.copy(project_dir / "merged.po", project_dir / name)
    assert run(project_dir, "i18n", "update", "--lang", "fr")[0] == 0
    assert (project_dir / name).read_text(encoding="utf-8") == merged


def poedit_project(tmp_path: Path) -> Path:
    """A project whose French catalogs (and their templates) are Poedit 3.2.2's save."""
    root = copy_project(tmp_path / "poedit")
    for name in ("content.pot", "ui.pot", *(f"fr/LC_MESSAGES/{p}" for p in ("content.po",
                                                                          "ui.po"))):
        shutil.copy(FIXTURE / name, root / "locales" / name)
    return root


def test_poedit_fixture_is_poedits_save(tmp_path: Path) -> None:
    root = poedit_project(tmp_path)
    text = (root / FR[1]).read_text(encoding="utf-8")
    assert '"PO-Revision-Date: 2026-11-29 06:30+0000\\n"\n"Last-Translator: \\n"\n' in text
    assert '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n"X-Source-Language: en\\n"\n' \
           '"X-Generator: Poedit 3.2.2\\n"\n' in text
    update_changes_nothing_and_passes_the_gate(root)


@pytest.mark.slow
def test_poedit_catalogs_build_the_same_text_as_docgens_layout(tmp_path: Path) -> None:
    poedit = poedit_project(tmp_path)
    resaved = poedit_project(tmp_path / "again")
    assert run(resaved, "i18n", "update", "--lang", "fr", "--reformat")[0] == 0
    texts = []
    for root in (poedit, resaved):
        code, out = run(root, "build", "--lang", "fr", "--format", "pdf")
        assert code == 0, out
        texts.append(flat(pdf_text(root / "output/fr/brochure-fr.pdf")))
    assert texts[0] == texts[1]
    assert "organisations" in texts[0].lower()     # a plural form, picked by (n > 1)
