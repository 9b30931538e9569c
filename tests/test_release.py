"""``docgen release``, the publish gate, in temporary git repositories."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from docgen.errors import DocgenError
from docgen.project import Project
from docgen.release.bundle import bundle
from docgen.release.release import refusals, release
from docgen.release.state import current, git_state

from .conftest import copy_project, fill_imprint

GIT = ["git", "-c", "user.name=Release Test", "-c", "user.email=release@example.org",
       "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]


def git(root: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=root, check=True, capture_output=True,
                          text=True).stdout.strip()


def git_project(target: Path, imprint: bool = True) -> Path:
    """A copy of the project as a git repository with one commit (output/ ignored); its
    imprint filled with test values (a release refuses an empty one) unless ``imprint`` is
    false."""
    root = copy_project(target)
    if imprint:
        fill_imprint(root)
    (root / ".gitignore").write_text("/output/\n")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "edition")
    return root


def messages(exc: pytest.ExceptionInfo[DocgenError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def add_italian(root: Path) -> None:
    from docgen.cli import main
    with pytest.raises(SystemExit) as done:
        main(["--root", str(root), "i18n", "init", "--lang", "it", "--locale", "it_IT",
              "--name", "Italiano"])
    assert done.value.code in (0, None)


# -- the gate's reasons, without building ----------------------------------------------------

def test_a_folder_that_is_not_a_git_checkout_counts_as_dirty(project_dir: Path) -> None:
    project = Project(project_dir)
    state = current(project)
    assert state.git.commit is None and state.git.dirty
    assert [str(p) for p in refusals(project, state, (), False)] == [
        f"{project_dir}: not a git checkout: a release is made from a commit (git init, "
        "commit; or --allow-dirty for a draft)"]
    assert refusals(project, state, (), True) == []


def test_uncommitted_and_untracked_inputs_are_named(tmp_path: Path) -> None:
    root = git_project(tmp_path / "p")
    po = root / "locales" / "fr" / "LC_MESSAGES" / "ui.po"
    po.write_text(po.read_text(encoding="utf-8") + "\n# a note\n", encoding="utf-8")
    (root / "templates" / "draft.css").write_text("p {}\n")
    (root / "notes.txt").write_text("outside the inputs: not a reason\n")
    project = Project(root)
    state = current(project)
    assert state.git.changes == ("locales/fr/LC_MESSAGES/ui.po", "templates/draft.css")
    assert [str(p) for p in refusals(project, state, (), False)] == [
        "locales/fr/LC_MESSAGES/ui.po: uncommitted or untracked change: commit it (or remove "
        "it), or --allow-dirty for a draft",
        "templates/draft.css: uncommitted or untracked change: commit it (or remove it), or "
        "--allow-dirty for a draft"]
    assert refusals(project, state, (), True) == []


def test_a_fuzzy_entry_refuses_its_language(tmp_path: Path) -> None:
    root = git_project(tmp_path / "p")
    po = root / "locales" / "nl" / "LC_MESSAGES" / "ui.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgid "Contents"', '#, fuzzy\nmsgid "Contents"', 1),
                  encoding="utf-8")
    git(root, "commit", "-q", "-am", "a fuzzy entry")
    project = Project(root)
    reasons = [str(p) for p in refusals(project, current(project), (), False)]
    assert len(reasons) == 1
    assert re.fullmatch(r"locales/nl: Nederlands \(nl\) is 9\d% translated \(\d+ of \d+ "
                        r"entries, 1 fuzzy\): complete it \(docgen i18n status\), or "
                        r"--allow-incomplete nl", reasons[0]), reasons[0]


def test_an_edition_tag_on_another_commit_refuses(tmp_path: Path) -> None:
    root = git_project(tmp_path / "p")
    git(root, "tag", "edition-2026-11-18")         # the date SOURCE_DATE_EPOCH gives
    (root / "README").write_text("a later commit, same edition date\n")
    git(root, "add", "README")
    git(root, "commit", "-q", "-m", "later")
    project = Project(root)
    reasons = [str(p) for p in refusals(project, current(project), (), False)]
    assert len(reasons) == 1 and reasons[0].startswith(
        "edition-2026-11-18: the tag already marks commit ")


def test_a_catalog_warning_refuses_with_its_line(tmp_path: Path) -> None:
    root = git_project(tmp_path / "p")
    po = root / "locales" / "fr" / "LC_MESSAGES" / "ui.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Aller au contenu"', 'msgstr "Aller au contenu !"'),
                  encoding="utf-8")
    git(root, "commit", "-q", "-am", "a typography slip")
    with pytest.raises(DocgenError) as refused:
        release(Project(root))
    lines = messages(refused)
    assert len(lines) == 2 and lines[0].startswith(f"{po}:") and \
        ": (strict) French typography" in lines[0], lines
    assert lines[-1].startswith("docgen release: refused: ")
    assert git(root, "tag") == ""
    assert not (root / "output" / "dist").exists()


def test_an_empty_imprint_refuses_with_each_line(tmp_path: Path) -> None:
    """The source's imprint as committed (empty until someone who knows fills it in)."""
    root = git_project(tmp_path / "p", imprint=False)
    with pytest.raises(DocgenError) as refused:
        release(Project(root))
    source = root / "data" / "partnerships.yaml"
    assert messages(refused) == [
        f"{source}:130: (strict) imprint.publisher.name is empty: the responsible publisher's "
        "name (éditeur responsable), to be completed before release",
        f"{source}:131: (strict) imprint.publisher.address is empty: the responsible "
        "publisher's postal address, to be completed before release",
        f"{source}:132: (strict) imprint.contact is empty: a contact (e-mail address or "
        "telephone), to be completed before release",
        f"{source}:133: (strict) imprint.website is empty: the download page's address "
        "(https://…), printed and as a QR code, to be completed before release",
        f"{source}:134: (strict) imprint.copyright is empty: who holds the copyright of the "
        "text, to be completed before release",
        f"{source}:135: (strict) imprint.licence is empty: the licence of the text, to be "
        "completed before release",
        "docgen release: refused: 6 reason(s) above"]
    assert git(root, "tag") == ""
    assert not (root / "output" / "dist").exists()


def test_git_state_of_a_clean_checkout(tmp_path: Path) -> None:
    root = git_project(tmp_path / "p")
    state = git_state(root)
    assert state.commit == git(root, "rev-parse", "HEAD") and not state.dirty


# -- whole releases (build, page, bundle, tag) -----------------------------------------------

@pytest.mark.slow
def test_release_italian_at_zero_then_allowed_then_removed(tmp_path: Path) -> None:
    root = git_project(tmp_path / "p")
    add_italian(root)
    source = root / "data" / "partnerships.yaml"     # the organisation's name in Italian:
    text = source.read_text(encoding="utf-8")        # a release needs it for every language
    source.write_text(text.replace('    en: "Communications team, Wallonia"\n',
                                   '    en: "Communications team, Wallonia"\n'
                                   '    it: "Team comunicazione, Vallonia"\n', 1),
                      encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Italian, not translated yet")
    project = Project(root)
    with pytest.raises(DocgenError) as refused:
        release(project)
    lines = messages(refused)
    italian = [line for line in lines if "Italiano" in line]
    assert len(italian) == 1 and re.fullmatch(      # the entry count grows with the catalogs
        r"locales/it: Italiano \(it\) is 0% translated \(0 of \d+ entries\): complete it "
        r"\(docgen i18n status\), or --allow-incomplete it", italian[0]), italian
    assert lines == [italian[0], "docgen release: refused: 1 reason(s) above"]
    assert git(root, "tag") == ""

    done = release(project, allow_incomplete=("it",))
    assert done.tag == "edition-2026-11-18" and git(root, "tag") == "edition-2026-11-18"
    assert done.bundle.name == "biotech-partnerships-wallonia-2026-11-18.zip"
    page = (root / "output" / "index.html").read_text(encoding="utf-8")
    italian = page[page.index('<section class="language" id="it"'):]
    assert "Incomplete translation: 0% of the texts of this language version are translated;" \
        in italian
    french = page[page.index('id="fr"'):page.index('id="de"')]
    assert "Traduction incomplète" not in french
    manifest = json.loads((root / "output" / "manifest.json").read_text())
    from docgen import __version__
    assert manifest["edition"]["docgen_version"] == __version__
    assert manifest["edition"]["commit"] == git(root, "rev-parse", "HEAD")
    assert manifest["edition"]["allowed_incomplete"] == ["it"]
    assert manifest["edition"]["completeness"]["it"] == 0.0
    assert manifest["edition"]["completeness"]["fr"] == 1.0
    coverage = {d["language"]: d["coverage"] for d in manifest["documents"]
                if d["format"] == "pdf"}
    assert coverage == {"de": 1.0, "fr": 1.0, "nl": 1.0, "en": 1.0, "it": 0.0}

    languages = root / "locales" / "languages.yaml"      # Italian is dropped again
    languages.write_text("".join(line for line in languages.read_text().splitlines(True)
                                 if not line.startswith("it:")))
    shutil.rmtree(root / "locales" / "it")
    git(root, "commit", "-q", "-am", "no Italian after all")
    project = Project(root)                      # the language list is read once per Project
    again = bundle(project, current(project))
    with zipfile.ZipFile(again) as archive:
        names = archive.namelist()
    assert [n for n in names if "it/" in n or "-it." in n] == []
    sums = (root / "output" / "SHA256SUMS").read_text()
    assert "-it." not in sums and "it/" not in sums


@pytest.mark.slow
def test_dirty_tree_refuses_then_allow_dirty_names_the_bundle(tmp_path: Path) -> None:
    root = git_project(tmp_path / "p")
    data = root / "data" / "partnerships.yaml"
    data.write_text(data.read_text(encoding="utf-8") + "\n# an uncommitted note\n",
                    encoding="utf-8")
    (root / "locales" / "notes.txt").write_text("untracked\n")
    project = Project(root)
    with pytest.raises(DocgenError) as refused:
        release(project)
    assert messages(refused) == [
        "data/partnerships.yaml: uncommitted or untracked change: commit it (or remove it), "
        "or --allow-dirty for a draft",
        "locales/notes.txt: uncommitted or untracked change: commit it (or remove it), or "
        "--allow-dirty for a draft",
        "docgen release: refused: 2 reason(s) above"]
    done = release(project, allow_dirty=True)
    assert done.bundle.name == "biotech-partnerships-wallonia-2026-11-18-dirty.zip"
    assert done.tag is None and git(root, "tag") == ""
    manifest = json.loads((root / "output" / "manifest.json").read_text())
    assert manifest["edition"]["dirty"] is True
    assert manifest["edition"]["uncommitted"] == ["data/partnerships.yaml", "locales/notes.txt"]
    page = (root / "output" / "index.html").read_text(encoding="utf-8")
    assert "Brouillon\u00a0: cette édition a été produite à partir de fichiers" in page


@pytest.mark.slow
def test_bundle_is_byte_identical_from_two_clones(tmp_path: Path) -> None:
    origin = git_project(tmp_path / "origin")
    bundles = []
    for name in ("one", "two"):
        clone = tmp_path / name
        subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True)
        done = release(Project(clone))
        assert done.bundle.name == "biotech-partnerships-wallonia-2026-11-18.zip"
        bundles.append(done.bundle.read_bytes())
    assert bundles[0] == bundles[1]
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(tmp_path / "one" / "output" / "dist" /
                         "biotech-partnerships-wallonia-2026-11-18.zip") as archive:
        archive.extractall(unpacked)
        names = archive.namelist()
    check = subprocess.run(["sha256sum", "-c", "--strict", "SHA256SUMS"], cwd=unpacked,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    listed = {line.split("  ", 1)[1] for line in (unpacked / "SHA256SUMS").read_text()
              .splitlines()}
    assert listed == set(names) - {"SHA256SUMS"}
    assert {"fr/brochure-fr.html", "fr/assets/edition.css", "thumbs/briefing-fr.docx.png",
            "assets/index.css", "assets/fonts/web/Inter-Regular.woff2"} <= listed


def test_release_command_usage_errors(project_dir: Path) -> None:
    from click.testing import CliRunner

    from docgen.cli import cli
    result = CliRunner().invoke(cli, ["--root", str(project_dir), "release",
                                      "--allow-incomplete", "xx"])
    assert result.exit_code == 2
    assert result.output == "error: docgen: --allow-incomplete: unknown language xx\n"
    result = CliRunner().invoke(cli, ["--root", str(project_dir), "page", "--order", "fr,xx"])
    assert result.exit_code == 2
    assert result.output == \
        "error: docgen: --order: unknown language xx; configured: de, fr, nl, en\n"


def test_a_staged_rename_names_both_paths(tmp_path: Path) -> None:
    root = git_project(tmp_path / "p")
    git(root, "mv", "templates/edition.css", "templates/web.css")
    assert git_state(root).changes == ("templates/edition.css", "templates/web.css")
