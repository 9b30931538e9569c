"""One printer: every command shows the same problem in the same words, form and exit code.

The same broken catalog, broken source and catalog warning go through ``build``, ``check``,
``i18n check``, ``preview`` and ``release``; each expected line is written out here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import docgen.i18n.rules
import docgen.source.read
from docgen.cli import cli

from .conftest import plant

FR_CONTENT = Path("locales/fr/LC_MESSAGES/content.po")
SOURCE = Path("data/partnerships.yaml")
# What each command runs the gate for; all of them must print its problems alike.
CATALOG_COMMANDS = (("build", "--lang", "fr", "--format", "docx"), ("check",),
                    ("i18n", "check", "--lang", "fr"), ("preview", "--lang", "fr"),
                    ("release", "--allow-dirty"))
SOURCE_COMMANDS = (("build", "--lang", "de", "--format", "docx"), ("check",),
                   ("preview", "--lang", "de"), ("release", "--allow-dirty"))
WARNING_COMMANDS = (("build", "--lang", "fr", "--format", "docx"), ("check",),
                    ("i18n", "check", "--lang", "fr"))


def run(root: Path, args: tuple[str, ...]) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["--root", str(root), *args])
    assert "Traceback" not in result.output and "internal error" not in result.output
    return result.exit_code, result.output.splitlines()



def test_a_broken_catalog_reads_the_same_in_every_command(project_dir: Path) -> None:
    line = plant(project_dir, FR_CONTENT, "Réalisations ({period})", "Réalisations ({periode})")
    po = project_dir / FR_CONTENT
    expected = [f"error: {po}:{line}: placeholder {{periode}} is not in the source text",
                f"error: {po}:{line}: placeholder {{period}} is missing"]
    for args in CATALOG_COMMANDS:
        code, lines = run(project_dir, args)
        assert code == 1, (args, lines)
        assert [x for x in lines if x.startswith(f"error: {po}:")] == expected, (args, lines)
    assert not (project_dir / "output" / "fr").exists()      # stopped before any job


def test_a_broken_source_reads_the_same_in_every_command(project_dir: Path) -> None:
    line = plant(project_dir, SOURCE, "startups: {count: 75}", "startups: {count: 75.5}")
    source = project_dir / SOURCE
    expected = f"error: {source}:{line}: partnerships.biowin-medvia.figures.startups.count: " \
               "expected a whole number, got float '75.5'"
    shown = []
    for args in SOURCE_COMMANDS:
        code, lines = run(project_dir, args)
        assert code == 1, (args, lines)
        shown.append([x for x in lines if x.startswith(f"error: {source}:")])
        assert shown[-1][0] == expected, (args, lines)
        assert shown[-1] == shown[0], (args, lines)      # the follow-on errors too
    assert not (project_dir / "output" / "de").exists()


def test_a_warning_reads_the_same_and_fails_only_strict(project_dir: Path) -> None:
    line = plant(project_dir, FR_CONTENT, "renforcent l’économie", "renforcent l'économie")
    po = project_dir / FR_CONTENT
    warning = f"{po}:{line}: warning: typography: use the apostrophe ’ (U+2019) rather " \
              "than ': `docgen i18n fix --lang fr` replaces it"
    strict = f"error: {po}:{line}: (strict) typography: use the apostrophe ’ (U+2019) " \
             "rather than ': `docgen i18n fix --lang fr` replaces it"
    for args in WARNING_COMMANDS:
        code, lines = run(project_dir, args)
        assert code == 0, (args, lines)
        assert [x for x in lines if x.startswith(f"{po}:{line}:")] == [warning], (args, lines)
        assert "warning(s)" in lines[-1], (args, lines)                 # the summary is last
        code, lines = run(project_dir, (*args, "--strict"))
        assert code == 1, (args, lines)
        assert [x for x in lines if str(po) in x] == [strict], (args, lines)


def test_a_no_op_build_still_shows_its_warnings_and_strict_still_fails(
        project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = plant(project_dir, FR_CONTENT, "renforcent l’économie", "renforcent l'économie")
    warning = f"{project_dir / FR_CONTENT}:{line}: warning: typography: use the apostrophe"
    args = ("build", "--lang", "fr", "--format", "docx")
    code, first = run(project_dir, args)
    assert code == 0 and first[-1] == "1 built, 0 up to date; 7 warning(s)", first
    assert (project_dir / "output" / ".cache" / "gate.json").is_file()

    def parsed(*args: object, **kwargs: object) -> None:
        raise AssertionError("a no-op build parsed what the manifest vouches for")
    monkeypatch.setattr(docgen.i18n.rules, "check_catalogs", parsed)
    monkeypatch.setattr(docgen.source.read, "load", parsed)
    code, again = run(project_dir, args)
    assert code == 0 and again[-1] == "0 built, 1 up to date; 7 warning(s)", again
    assert [x for x in again if x.startswith(warning)] == \
        [x for x in first if x.startswith(warning)] != []
    code, quiet = run(project_dir, ("-q", *args))
    assert code == 0 and quiet == [x for x in again if ": warning: " in x]   # -q: only those
    code, strict = run(project_dir, (*args, "--strict"))
    assert code == 1 and any(": (strict) typography: use the apostrophe" in x for x in strict)
