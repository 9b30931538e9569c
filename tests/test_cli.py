"""The command line, in-process: help, version, usage errors, one language, clean errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from docgen import __version__
from docgen.cli import cli


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, command in group.commands.items():
        out.append(prefix + (name,))
        if isinstance(command, click.Group):
            out += commands(command, prefix + (name,))
    return out


def test_help_and_version() -> None:
    code, out = run("--help")
    assert code == 0 and "build" in out and "i18n" in out and "Example" in out
    code, out = run("--version")
    assert code == 0 and out.strip() == f"docgen, version {__version__}"


@pytest.mark.parametrize("path", commands(cli))
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    code, out = run(*path, "--help")
    assert code == 0
    command = cli
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    if isinstance(command, click.Group) or path[-1] in ("build", "init", "page", "bundle",
                                                       "preview"):
        assert "Example:" in out, path


def test_unknown_language_is_a_usage_error(project_dir: Path) -> None:
    code, out = run("--root", str(project_dir), "build", "--lang", "xx")
    assert code == 2
    assert "unknown language xx; supported: de, fr, nl, en" in out
    code, out = run("--root", str(project_dir), "build", "--format", "odt")
    assert code == 2 and "Invalid value" in out


def test_build_one_language_writes_only_its_documents(project_dir: Path) -> None:
    code, out = run("--root", str(project_dir), "build", "--lang", "fr")
    assert code == 0, out
    written = sorted(p.relative_to(project_dir / "output").as_posix()
                     for p in (project_dir / "output").rglob("*.*")
                     if p.parent.name not in ("output", ".cache"))     # the gate's cache
    assert written == ["fr/assets/edition.css", "fr/assets/fonts/OFL-Inter.txt",
                       "fr/assets/fonts/web/Inter-Bold.woff2",
                       "fr/assets/fonts/web/Inter-Regular.woff2",
                       "fr/assets/fonts/web/Inter-SemiBold.woff2",
                       "fr/assets/fonts/web/InterDisplay-Bold.woff2",
                       "fr/briefing-fr.docx", "fr/brochure-fr-print.pdf", "fr/brochure-fr.html",
                       "fr/brochure-fr.pdf"]
    assert "fr pdf: " in out and "fr print: " in out and "fr html: " in out
    assert "4 built, 0 up to date" in out


def test_bad_source_is_one_line_per_problem_without_traceback(project_dir: Path) -> None:
    data = project_dir / "data" / "partnerships.yaml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("count: 75", "count: 75.5").replace(
        'subtitle: "Wie', 'subtitle: "{nope} Wie'), encoding="utf-8")
    code, out = run("--root", str(project_dir), "build", "--lang", "de")
    assert code == 1
    lines = [line for line in out.strip().splitlines()     # the imprint's empty fields warn
             if ": warning: imprint." not in line]
    assert all(line.startswith("error: ") and "partnerships.yaml:" in line for line in lines)
    assert any("expected a whole number, got float '75.5'" in line for line in lines)
    assert any("placeholder {nope} has no figure" in line for line in lines)
    assert "Traceback" not in out


def test_missing_project_and_internal_errors_are_clean(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run("--root", str(tmp_path), "build")
    assert code == 1 and "no docgen source here" in out
    import docgen.build.pipeline

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("unexpected")
    monkeypatch.setattr(docgen.build.pipeline, "build", boom)
    code, out = run("build")
    assert code == 1 and out.splitlines()[-1] == (
        "error: docgen: internal error (RuntimeError: unexpected); run again with --debug "
        "for the traceback")
    assert "Traceback" not in out


def test_help_is_fast_because_heavy_libraries_load_late() -> None:
    out = subprocess.run([sys.executable, "-c", "import sys, docgen.cli; "
                          "print(sorted(m for m in ('weasyprint', 'docx', 'babel.numbers', "
                          "'jinja2') if m in sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
