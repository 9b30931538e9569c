"""The gate: families by name, the source loaded once, and a stored verdict reused only for the
same inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import docgen.i18n.rules
from docgen.build.gate import CATALOGS, IMPRINT, SOURCE, WORDING, gate
from docgen.errors import Problem
from docgen.project import Project


def test_unknown_family_is_a_bug_not_a_silent_pass(project_dir: Path) -> None:
    project = Project(project_dir)
    with pytest.raises(ValueError, match="unknown check families"):
        gate(project, project.select([]), ("catalog",))


def test_the_verdict_holds_the_validated_source(project_dir: Path) -> None:
    project = Project(project_dir)
    verdict = gate(project, project.select(["fr"]), (SOURCE, IMPRINT))
    assert verdict.document is not None and verdict.errors == []
    assert verdict.document.imprint.website == ""          # the landed source's empty field
    assert len(verdict.warnings) == 6


def test_a_stored_verdict_is_reused_only_for_the_same_inputs(
        project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = Project(project_dir)
    calls: list[int] = []
    real = docgen.i18n.rules.check_catalogs

    def counted(*args: object, **kwargs: object) -> list[Problem]:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]
    monkeypatch.setattr(docgen.i18n.rules, "check_catalogs", counted)
    languages = project.select(["nl"])
    first = gate(project, languages, (CATALOGS,), reuse=True)
    assert len(calls) == 1
    assert gate(project, languages, (CATALOGS,), reuse=True) == first    # read back
    assert len(calls) == 1
    assert gate(project, languages, (CATALOGS,)) == first     # not asked to reuse: runs
    assert len(calls) == 2
    glossary = project_dir / "locales" / "glossary.yaml"       # not an input of any job
    glossary.write_text(glossary.read_text(encoding="utf-8") + "# changed\n", "utf-8")
    gate(project, languages, (CATALOGS,), reuse=True)
    assert len(calls) == 3
    cache = project_dir / "output" / ".cache" / "gate.json"
    stored = json.loads(cache.read_text(encoding="utf-8"))        # as another version wrote it
    cache.write_text(json.dumps({key: [{"nonsense": 1}] for key in stored}), encoding="utf-8")
    assert gate(project, languages, (CATALOGS,), reuse=True) == first
    assert len(calls) == 4


def test_each_family_runs_alone(project_dir: Path) -> None:
    """A family asked alone runs alone: the imprint without the source family still reads
    the source; the catalog rules without the wording family report no spelling."""
    po = project_dir / "locales" / "fr" / "LC_MESSAGES" / "content.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Secteur biotech en Wallonie"', 'msgstr "Secteur biotech en Wallonnnie"'),
        encoding="utf-8")
    project = Project(project_dir)
    languages = project.select(["fr"])
    imprint = gate(project, languages, (IMPRINT,))
    assert [p.message.split(" is empty")[0] for p in imprint.problems] == [
        "imprint.publisher.name", "imprint.publisher.address", "imprint.contact",
        "imprint.website", "imprint.copyright", "imprint.licence"]
    assert gate(project, languages, (CATALOGS,)).problems == ()
    wording = gate(project, languages, (WORDING,)).problems
    assert len(wording) == 1 and wording[0].message.startswith(
        "spelling: 'Wallonnnie' is not in the fr_BE dictionary (")   # then the suggestions
    assert wording[0].message.endswith("; correct it or add it to locales/fr/words.txt")
