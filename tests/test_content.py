"""One road to a language's finished content, read once per build, typed end to end."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest

from docgen.build.manifest import Manifest
from docgen.build.pipeline import build
from docgen.build.plan import Job, Options, plan
from docgen.errors import DocgenError
from docgen.i18n import catalogs as i18n_catalogs
from docgen.localise import content as localise_content
from docgen.localise.content import content, load_catalogs
from docgen.localise.labels import Fallback
from docgen.project import Project
from docgen.render import html
from docgen.source import read
from docgen.source.read import load

from .conftest import fill_imprint
from .jobs import run_one

FR_UI = "locales/fr/LC_MESSAGES/ui.po"
FR_CONTENT = "locales/fr/LC_MESSAGES/content.po"
ZIELE = Fallback("content", "partnerships.biowin-medvia.lists[0].title", "Ziele", "untranslated")


def _blank(project: Path, relative: str, msgstr: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert f'msgstr "{msgstr}"' in text
    path.write_text(text.replace(f'msgstr "{msgstr}"', 'msgstr ""'), encoding="utf-8")


def test_a_label_only_the_briefing_prints_is_a_fallback_before_anything_renders(
        project_dir: Path) -> None:
    _blank(project_dir, FR_UI, "Chiffre clé")          # "Key figure": the DOCX's table head
    project = Project(project_dir)
    language = project.languages["fr"]
    local = content(load(project.source), language, load_catalogs(project.locales, language),
                    dt.date(2026, 1, 1))
    assert local.fallbacks == [Fallback("ui", None, "Key figure", "untranslated")]
    html.render(local, project.templates, draft=True)
    assert local.fallbacks == [Fallback("ui", None, "Key figure", "untranslated")]


def test_strict_fails_before_the_document_is_rendered(project_dir: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _blank(project_dir, FR_UI, "Chiffre clé")

    def never(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("rendered although --strict had already failed")

    fill_imprint(project_dir)            # strict fails on the fallback, not on the imprint
    monkeypatch.setattr("docgen.render.docx.render", never)
    with pytest.raises(DocgenError) as caught:
        build(Project(project_dir), Options(langs=("fr",), formats=("docx",), strict=True))
    assert [str(p) for p in caught.value.problems] == [
        "fr/briefing-fr.docx: (strict) 1 text(s) would fall back to the source language, "
        "e.g. 'Key figure'"]
    assert not (project_dir / "output" / "fr" / "briefing-fr.docx").exists()


def test_each_text_falls_back_once_however_often_it_is_printed(project_dir: Path) -> None:
    _blank(project_dir, FR_UI, "Introduction")     # a label the brochure prints per partnership
    result = run_one(project_dir, "fr", "pdf")
    assert result.fallbacks == [Fallback("ui", None, "Introduction", "untranslated")]


def test_a_label_the_catalogs_are_too_old_for_is_still_listed_and_fails_strict(
        project_dir: Path) -> None:
    """ui.pot and ui.po from before the briefing printed "Key figure": not known up front,
    listed as missing once the briefing asks for it, and ``--strict`` still fails."""
    for relative in ("locales/ui.pot", FR_UI):
        path = project_dir / relative
        blocks = path.read_text(encoding="utf-8").split("\n\n")
        kept = [b for b in blocks if '\nmsgid "Key figure"\n' not in f"\n{b}\n"]
        assert len(kept) == len(blocks) - 1
        path.write_text("\n\n".join(kept), encoding="utf-8")
    project = Project(project_dir)
    language = project.languages["fr"]
    local = content(load(project.source), language, load_catalogs(project.locales, language),
                    dt.date(2026, 1, 1))
    assert local.fallbacks == []
    assert run_one(project_dir, "fr", "docx").fallbacks == [
        Fallback("ui", None, "Key figure", "missing")]
    fill_imprint(project_dir)
    with pytest.raises(DocgenError, match=r"^fr/briefing-fr\.docx: \(strict\) 1 text\(s\) "
                                          r"would fall back to the source language, e\.g\. "
                                          r"'Key figure'$"):
        build(project, Options(langs=("fr",), formats=("docx",), strict=True, force=True))


def test_the_build_reads_the_source_and_catalogs_once_not_in_its_workers(
        project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    sources: list[Path] = []
    languages: list[str] = []
    real_catalogs = localise_content.load_catalogs
    real_po, real_source = i18n_catalogs.load, read.load

    def counted_catalogs(locales: Path, language: Any) -> Any:
        languages.append(language.code)
        return real_catalogs(locales, language)

    def parent_only(*args: Any) -> Any:
        if os.getpid() != parent:
            raise AssertionError("a worker read a catalog")
        return real_po(*args)

    def parent_only_source(path: Path) -> Any:
        if os.getpid() != parent:
            raise AssertionError("a worker read the source")
        sources.append(path)
        return real_source(path)

    monkeypatch.setattr(localise_content, "load_catalogs", counted_catalogs)
    monkeypatch.setattr(i18n_catalogs, "load", parent_only)
    monkeypatch.setattr(read, "load", parent_only_source)
    project = Project(project_dir)
    report = build(project, Options(langs=("fr", "nl"), formats=("docx", "html"), jobs=2))
    assert len([r for r in report.results if not r.skipped]) == 4
    assert languages == ["fr", "nl"]
    read_by_the_gate = len(sources) - 1         # the build's jobs: once, in this process
    assert sources == [project.source] * (read_by_the_gate + 1)
    before = len(sources)
    build(project, Options(langs=("fr", "nl"), formats=("docx", "html"), jobs=2))
    assert languages == ["fr", "nl"]            # up to date: nothing read for the jobs
    assert len(sources) - before <= read_by_the_gate


def test_the_plan_hands_the_edition_to_each_job_as_a_datetime(project_dir: Path) -> None:
    jobs = plan(Project(project_dir), Options(langs=("fr",), formats=("pdf", "docx")))
    assert [(j.lang, j.fmt, j.edition) for j in jobs] == [
        ("fr", "pdf", dt.datetime(2026, 11, 18, 11, 6, 40)),     # SOURCE_DATE_EPOCH 1795000000
        ("fr", "docx", dt.datetime(2026, 11, 18, 11, 6, 40))]
    with pytest.raises(TypeError):
        Options(("fr",))                                 # type: ignore[misc]
    with pytest.raises(TypeError):
        Job("fr", "pdf", "k", dt.datetime(2026, 1, 1))   # type: ignore[misc]


def test_a_fallback_travels_as_one_type_from_the_job_to_the_manifest_and_back(
        project_dir: Path) -> None:
    _blank(project_dir, FR_CONTENT, "Objectifs")
    project = Project(project_dir)
    first = build(project, Options(langs=("fr",), formats=("docx",)))
    assert first.results[0].fallbacks == [ZIELE]
    path = project_dir / "output" / "manifest.json"
    written = path.read_bytes()
    entry = json.loads(written)["documents"][0]
    assert (entry["language"], entry["format"], entry["path"]) == ("fr", "docx",
                                                                   "fr/briefing-fr.docx")
    assert entry["fallbacks"] == [
        ["content", "partnerships.biowin-medvia.lists[0].title", "Ziele", "untranslated"]]
    manifest = Manifest.read(project.output)
    assert manifest.entries["fr/docx"].fallbacks == (ZIELE,)
    assert manifest.text(["fr/docx"]).encode("utf-8") == written      # read, written: same bytes
    again = build(project, Options(langs=("fr",), formats=("docx",)))
    assert again.results[0].skipped and again.results[0].fallbacks == [ZIELE]


def test_the_download_page_needs_the_builds_manifest(project_dir: Path) -> None:
    with pytest.raises(DocgenError, match=r"manifest\.json: no manifest: run 'docgen build' "
                                          r"first"):
        Manifest.read(project_dir / "output")


def test_a_language_nobody_translated_yet_has_every_text_as_a_fallback(
        project_dir: Path) -> None:
    """The chart's texts are looked up last: they count as much as the others."""
    from click.testing import CliRunner

    from docgen.cli import cli
    done = CliRunner().invoke(cli, ["--root", str(project_dir), "i18n", "init", "--lang", "it",
                                    "--locale", "it_IT", "--name", "Italiano"])
    assert done.exit_code == 0, done.output
    result = run_one(project_dir, "it", "docx")
    assert result.coverage == 0.0
    assert Fallback("content", "chart[0].title", "Jährliches Wachstum",
                    "untranslated") in result.fallbacks
