"""What a translator sees while translating: the draft preview and the watcher."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import cli
from docgen.project import Project
from docgen.proof.watch import Watcher, serve

from .conftest import flat, pdf_text

FR = "locales/fr/LC_MESSAGES/content.po"
OLD = 'msgstr "Financement conjoint de projets de recherche"'


def edit(root: Path, old: str, new: str) -> None:
    po = root / FR
    text = po.read_text(encoding="utf-8")
    assert old in text
    po.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.slow
def test_preview_draft_writes_only_under_output_preview(project_dir: Path) -> None:
    edit(project_dir, 'msgstr "Mise à l’échelle des procédés de production"', 'msgstr ""')
    result = CliRunner().invoke(cli, ["--root", str(project_dir), "preview", "--lang", "fr",
                                      "--draft", "--dpi", "30"])
    assert result.exit_code == 0, result.output
    assert "wrote output/preview/fr/brochure/contact-sheet.png" in result.output
    folder = project_dir / "output/preview/fr/brochure"
    assert sorted(p.name for p in folder.glob("page-*.png"))[:2] == ["page-01.png",
                                                                      "page-02.png"]
    assert "Skalierung von Produktionsprozessen" in flat(pdf_text(folder / "brochure-fr.pdf"))
    assert not (project_dir / "output/fr").exists()          # nothing published
    assert not (project_dir / "output/manifest.json").exists()


@pytest.mark.slow
def test_watcher_rebuilds_on_a_saved_edit_and_serves_it(project_dir: Path) -> None:
    project = Project(project_dir)
    watcher = Watcher(project, project.languages["fr"], dpi=30)
    assert watcher.rebuild() == []
    page = watcher.folder / "page-05.png"         # BioWin–MEDVIA's page
    before = page.read_bytes()
    watcher.start()
    try:
        edit(project_dir, OLD, 'msgstr "Cofinancement de la recherche"')
        assert watcher.step(timeout=60), "the save was not seen"
    finally:
        watcher.stop()
    text = flat(pdf_text(watcher.folder / "brochure-fr.pdf"))
    assert "Cofinancement de la recherche" in text
    assert "Financement conjoint de projets de recherche" not in text
    assert page.read_bytes() != before
    assert not (project_dir / "output/fr").exists()
    server = serve(watcher.folder.parent, 0)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        with urllib.request.urlopen(base) as response:               # noqa: S310 (localhost)
            assert b'fetch("brochure/state.json"' in response.read()
        with urllib.request.urlopen(base + "brochure/state.json") as response:  # noqa: S310
            state = json.loads(response.read())
    finally:
        server.shutdown()
        server.server_close()
    assert state["version"] == 2 and state["problems"] == []
    assert state["pages"][:2] == ["page-01.png", "page-02.png"]


@pytest.mark.slow
def test_a_broken_save_is_shown_and_the_last_preview_stays(project_dir: Path) -> None:
    project = Project(project_dir)
    watcher = Watcher(project, project.languages["fr"], dpi=30)
    watcher.rebuild()
    pdf = watcher.folder / "brochure-fr.pdf"
    good = pdf.read_bytes()
    edit(project_dir, OLD, 'msgstr "Financement {montant} conjoint"')
    problems = watcher.rebuild()
    assert len(problems) == 1
    po = (project_dir / FR).read_text(encoding="utf-8")
    line = po[: po.index('msgstr "Financement {montant} conjoint"')].count("\n") + 1
    assert problems[0].endswith(f"content.po:{line}: placeholder {{montant}} is not in the "
                                "source text")
    assert pdf.read_bytes() == good
    state = json.loads((watcher.folder / "state.json").read_text(encoding="utf-8"))
    assert state["problems"] == problems and state["version"] == 2
