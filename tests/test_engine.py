"""The build engine: incremental, reproducible, atomic, locked, with a manifest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from docgen.build.pipeline import Options, build
from docgen.errors import DocgenError
from docgen.project import Project

from .conftest import copy_project, fill_imprint

pytestmark = pytest.mark.slow
FILES = [name.format(lang=lang) for lang in ("de", "fr", "nl", "en")
         for name in ("{lang}/brochure-{lang}.pdf", "{lang}/brochure-{lang}-print.pdf",
                      "{lang}/briefing-{lang}.docx", "{lang}/brochure-{lang}.html")]


def mtimes(root: Path) -> dict[str, int]:
    return {f: (root / "output" / f).stat().st_mtime_ns for f in FILES}


def test_two_clean_copies_give_identical_bytes(built: Path, tmp_path: Path) -> None:
    other = copy_project(tmp_path / "elsewhere")
    build(Project(other), Options(jobs=1))
    manifest = json.loads((built / "output" / "manifest.json").read_text())
    for f in FILES:
        assert (other / "output" / f).read_bytes() == (built / "output" / f).read_bytes(), f
    again = json.loads((other / "output" / "manifest.json").read_text())
    assert again == manifest


def test_manifest_describes_every_document(built: Path) -> None:
    import hashlib
    manifest = json.loads((built / "output" / "manifest.json").read_text())
    docs = manifest["documents"]
    assert sorted(d["path"] for d in docs) == sorted(FILES)
    for d in docs:
        data = (built / "output" / d["path"]).read_bytes()
        assert d["sha256"] == hashlib.sha256(data).hexdigest() and d["size"] == len(data)
        assert d["coverage"] == 1.0 and d["fallbacks"] == []
        assert "data/partnerships.yaml" in d["input_files"]
        assert (d["pages"] or 0) >= (8 if d["format"] == "pdf" else 0)
        assert all(f"locales/{d['language']}/" in k or not k.startswith("locales/") or
                   k in ("locales/languages.yaml", "locales/style.yaml")
                   for k in d["input_files"])


def test_only_what_changed_is_rebuilt(project_dir: Path) -> None:
    project = Project(project_dir)
    build(project, Options())
    before = mtimes(project_dir)
    report = build(project, Options())
    assert all(r.skipped for r in report.results) and mtimes(project_dir) == before

    po = project_dir / "locales/fr/LC_MESSAGES/content.po"
    time.sleep(0.01)
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Objectifs"',
                                                         'msgstr "Nos objectifs"'), "utf-8")
    report = build(project, Options())
    rebuilt = sorted(f"{r.job.lang}/{r.job.fmt}" for r in report.results if not r.skipped)
    assert rebuilt == ["fr/docx", "fr/html", "fr/pdf", "fr/print"]
    after = mtimes(project_dir)
    assert [f for f in FILES if after[f] != before[f]] == ["fr/brochure-fr.pdf",
                                                          "fr/brochure-fr-print.pdf",
                                                          "fr/briefing-fr.docx",
                                                          "fr/brochure-fr.html"]
    os.utime(project_dir / "locales/nl/LC_MESSAGES/ui.po")     # touched, like make
    report = build(project, Options(formats=("pdf",)))
    assert [r.job.lang for r in report.results if not r.skipped] == ["nl"]
    report = build(project, Options(langs=("de",), force=True))
    assert [r.skipped for r in report.results] == [False, False, False, False]  # 4 formats


def test_a_write_that_fails_half_way_keeps_the_old_file(project_dir: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    project = Project(project_dir)
    build(project, Options(langs=("fr",), formats=("pdf",)))
    target = project.output_path("fr", "pdf")
    good = target.read_bytes()
    from docgen.render import pdf

    def broken(html: str, templates: Path, tmp: Path, where: str, *doc: object) -> int:
        tmp.write_bytes(good[: len(good) // 2])
        raise OSError("disk full")
    monkeypatch.setattr(pdf, "write_pdf", broken)
    with pytest.raises(DocgenError, match="brochure-fr.pdf: cannot write: disk full"):
        build(project, Options(langs=("fr",), formats=("pdf",), force=True, jobs=1))
    assert target.read_bytes() == good
    assert list(target.parent.glob(".*.tmp")) == []

    def truncated(html: str, templates: Path, tmp: Path, where: str, *doc: object) -> int:
        tmp.write_bytes(good[: len(good) // 2])
        return 9
    monkeypatch.setattr(pdf, "write_pdf", truncated)
    with pytest.raises(DocgenError, match="failed its check"):
        build(project, Options(langs=("fr",), formats=("pdf",), force=True, jobs=1))
    assert target.read_bytes() == good


def test_a_second_build_at_the_same_time_is_refused(project_dir: Path) -> None:
    project = Project(project_dir)
    project.output.mkdir()
    holder = subprocess.Popen(           # another process holds the build lock
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from docgen.build.lock import BuildLock; "
         "lock = BuildLock(Path(sys.argv[1])).__enter__(); print('held', flush=True); "
         "time.sleep(30)", str(project.output)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(DocgenError, match="another docgen build is running"):
            build(project, Options(langs=("fr",)))
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    build(project, Options(langs=("fr",), formats=("docx",)))


def test_strict_fails_on_an_up_to_date_build_with_fallbacks(project_dir: Path) -> None:
    fill_imprint(project_dir)            # strict fails on the fallback, not on the imprint
    po = project_dir / "locales/fr/LC_MESSAGES/content.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Objectifs"', 'msgstr ""'),
                  "utf-8")
    project = Project(project_dir)
    report = build(project, Options(langs=("fr",), formats=("docx",)))
    assert report.results[0].fallbacks
    with pytest.raises(DocgenError, match=r"\(strict\) 1 text\(s\) fall back"):
        build(project, Options(langs=("fr",), formats=("docx",), strict=True))


def test_a_failing_job_leaves_the_manifest_true_to_the_files(project_dir: Path) -> None:
    import hashlib
    project = Project(project_dir)
    build(project, Options(formats=("docx",)))
    data = project_dir / "data" / "partnerships.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace('subtitle: "Wie',
                                                             'subtitle: "So: Wie'), "utf-8")
    ref = project_dir / "templates" / "briefing.docx"
    po = project_dir / "locales/nl/LC_MESSAGES/content.po"      # only nl breaks
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Doelstellingen"',
                                                         'msgstr "Doel\\vstellingen"'), "utf-8")
    with pytest.raises(DocgenError):
        build(project, Options(formats=("docx",), jobs=2))
    assert ref.exists()
    manifest = json.loads((project.output / "manifest.json").read_text())
    for d in manifest["documents"]:
        data_now = (project.output / d["path"]).read_bytes()
        assert d["sha256"] == hashlib.sha256(data_now).hexdigest(), d["path"]


def test_an_asset_the_brochure_may_use_is_an_input(project_dir: Path) -> None:
    project = Project(project_dir)
    build(project, Options(langs=("de",)))
    (project_dir / "templates" / "logo.svg").write_text("<svg/>")
    report = build(project, Options(langs=("de",)))
    assert sorted((r.job.fmt, r.skipped) for r in report.results) == [("docx", True),
                                                                      ("html", True),
                                                                      ("pdf", False),
                                                                      ("print", False)]


def test_a_removed_language_leaves_the_manifest_and_the_bundle(project_dir: Path) -> None:
    import zipfile

    from docgen.release.bundle import bundle
    from docgen.release.state import current
    project = Project(project_dir)
    build(project, Options(formats=("docx",)))
    config = project_dir / "locales" / "languages.yaml"
    config.write_text("".join(line for line in config.read_text().splitlines(keepends=True)
                              if not line.startswith("nl:")))
    project = Project(project_dir)
    build(project, Options(formats=("docx",)))
    manifest = json.loads((project.output / "manifest.json").read_text())
    assert {d["language"] for d in manifest["documents"]} == {"de", "fr", "en"}
    with zipfile.ZipFile(bundle(project, current(project))) as archive:
        assert not [n for n in archive.namelist() if n.startswith("nl/")]


def test_the_language_list_is_parsed_once_and_again_when_it_changes(
        project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build that changed nothing reads the language list from output/.cache (no YAML)."""
    import docgen.project
    calls: list[Path] = []
    real = docgen.project.load_languages

    def counted(locales: Path):  # type: ignore[no-untyped-def]
        calls.append(locales)
        return real(locales)
    monkeypatch.setattr(docgen.project, "load_languages", counted)
    assert list(Project(project_dir).languages) == ["de", "fr", "nl", "en"]
    again = Project(project_dir).languages                  # a new project: the cache
    assert list(again) == ["de", "fr", "nl", "en"] and len(calls) == 1
    assert (again["en"].locale, again["en"].name, again["en"].style.numbers,
            again["en"].style.year_range, again["fr"].style.words) == \
        ("en_IE", "English", "en_GB", "closed", "fr_BE")
    style = project_dir / "locales" / "style.yaml"
    style.write_text(style.read_text(encoding="utf-8").replace(
        "en: {numbers: en_GB,", "en: {numbers: en_IE,"), encoding="utf-8")
    assert Project(project_dir).languages["en"].style.numbers == "en_IE"
    assert len(calls) == 2                                  # changed: parsed again
    (project_dir / "output" / ".cache" / "languages.json").write_text("{", encoding="utf-8")
    assert list(Project(project_dir).languages) == ["de", "fr", "nl", "en"]
    assert len(calls) == 3                                  # damaged: parsed again
