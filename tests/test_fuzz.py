"""Fuzzing: damaged catalogs, sources and language lists never give more than a clean error.

In-process, the gate, the source reader and localisation may only raise DocgenError.
Real builds may only exit 0, 1 or 2, never print a traceback or an internal error, and
change no output when they fail. DOCGEN_FUZZ_EXAMPLES (default 100) sets the in-process
examples, DOCGEN_FUZZ_BUILDS (default and CI: 20) the real builds.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.errors import DocgenError

from .conftest import EPOCH, ROOT, copy_project

EXAMPLES = int(os.environ.get("DOCGEN_FUZZ_EXAMPLES", "100"))
BUILDS = min(int(os.environ.get("DOCGEN_FUZZ_BUILDS", "20")), EXAMPLES)
TARGETS = ["locales/fr/LC_MESSAGES/content.po", "locales/fr/LC_MESSAGES/ui.po",
           "locales/de/LC_MESSAGES/ui.po", "data/partnerships.yaml", "locales/languages.yaml"]
# What a translator's slip, a merge or an attacker puts into these files.
TOKENS = ['"', "\\", "\\v", "\\x", "{", "}", "{n}", "{page}", "{{", "%", "% d", "%s", "%(x)s",
          "'", "«", "»", ": ", " :", "- ", "[", "]", "&a ", "*a", "&a [*a]", "!!binary ",
          "!!python/object:os.system ", "<b>", "</i>", "<img src=x>", "&amp;", "&#0;",
          "\n", "\t", "\r", "\u00a0", "\u202e", "\u200b", "\ufeff", "\x00", "\x7f",
          "msgid ", 'msgstr "', "msgstr[1] ", "msgctxt ", "#, fuzzy\n", "#~ ", "#| ",
          "9" * 40, "9" * 5000, "1e999999", '"1e999999"', "1e6", "-1", "0x1F", "no", "yes",
          "null", "~", "…", "漢", "[" * 60, "[" * 3000 + "]" * 3000, "x" * 25_000,
          "{money: 1e6, currency: EUR}", "{count: " + "9" * 5000 + "}", "{percent: 1e999999}",
          '"\\v"', '"a\\x0bb"', "{locale: no}", "{locale: 'it_IT: {x'}"]

settings.register_profile("docgen", database=None, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.function_scoped_fixture,
                                                 HealthCheck.data_too_large])


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, list[tuple[str, float, float, str]]]:
    """A file and up to four edits: insert a token, put one as a line's value, delete a
    span, overwrite, or repeat a line."""
    target = draw(st.sampled_from(TARGETS))
    edits = draw(st.lists(st.tuples(
        st.sampled_from(["insert", "value", "value", "delete", "repeat", "replace"]),
        st.floats(0, 1), st.floats(0, 1),
        st.one_of(st.sampled_from(TOKENS), st.text(max_size=6))), min_size=1, max_size=4))
    return target, edits


def mutate(text: str, edits: list[tuple[str, float, float, str]]) -> str:
    for op, where, span, token in edits:
        at = int(where * len(text))
        if op == "insert":
            text = text[:at] + token + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + 1 + int(span * 40):]
        elif op == "replace":
            text = text[:at] + token + text[at + len(token):]
        elif op == "value":             # the value of the line's key (YAML) or msgstr (PO)
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at) if text.find("\n", at) >= 0 else len(text)
            key = re.match(r"\s*(?:[\w-]+:|- |msgstr(?:\[\d\])?|msgid|msgctxt)\s*",
                           text[start:end])
            if key:
                text = text[:start + key.end()] + token + text[end:]
        else:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at) + 1 or len(text)
            text = text[:end] + text[start:end] + text[end:]
    return text


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield copy_project(tmp_path_factory.mktemp("fuzz"))


def _gate_and_localise(root: Path) -> None:
    from docgen.build.gate import BUILD, gate
    from docgen.localise.content import content, load_catalogs
    from docgen.project import Project
    from docgen.render import html
    from docgen.source.read import load

    project = Project(root)
    languages = project.select([])
    verdict = gate(project, languages, BUILD, dt.datetime(2026, 11, 1))
    if verdict.errors:
        raise DocgenError(verdict.errors)
    doc = verdict.document or load(project.source)
    for language in languages:
        local = content(doc, language, load_catalogs(project.locales, language),
                        dt.date(2026, 11, 1))
        if language.code == "fr":
            html.render(local, ROOT / "templates", draft=False)


@settings(settings.get_profile("docgen"), max_examples=EXAMPLES)
@given(change=mutations())
def test_gate_and_localisation_raise_only_docgen_errors(
        pristine: Path, change: tuple[str, list[tuple[str, float, float, str]]]) -> None:
    target, edits = change
    with tempfile.TemporaryDirectory(dir=pristine) as scratch:  # a new path: no cached read
        root = Path(scratch)
        for name in ("data", "locales"):
            shutil.copytree(pristine / name, root / name)
        path = root / target
        path.write_text(mutate(path.read_text(encoding="utf-8"), edits), encoding="utf-8",
                        newline="")
        try:
            _gate_and_localise(root)
        except DocgenError as exc:
            text = str(exc)
            assert text and "Traceback" not in text
            assert len(text) < 20_000, text[:300]          # nothing is expanded into it
            for problem in exc.problems:
                assert len(problem.message) < 1_000, problem.message[:300]


@pytest.fixture(scope="module")
def built_fr(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("fuzz-built"))
    subprocess.run([sys.executable, "-m", "docgen", "--root", str(root), "build", "--lang",
                    "fr", "--format", "docx"], check=True, capture_output=True,
                   env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    """What a build publishes (not the lock, not the gate's findings cache in .cache/)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".docgen.lock" and ".cache" not in p.parts}


@pytest.mark.slow
@settings(settings.get_profile("docgen"), max_examples=BUILDS)
@given(change=mutations())
def test_real_builds_exit_cleanly_and_keep_the_output_on_failure(
        built_fr: Path, change: tuple[str, list[tuple[str, float, float, str]]]) -> None:
    target, edits = change
    with tempfile.TemporaryDirectory(dir=built_fr.parent) as scratch:
        root = Path(scratch) / "project"
        shutil.copytree(built_fr, root, symlinks=True)
        path = root / target
        path.write_text(mutate(path.read_text(encoding="utf-8"), edits), encoding="utf-8",
                        newline="")
        before = snapshot(root / "output")
        done = subprocess.run([sys.executable, "-m", "docgen", "--root", str(root), "build",
                               "--lang", "fr", "--format", "docx"], capture_output=True,
                              text=True, timeout=300,
                              env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
        assert done.returncode in (0, 1, 2), done.stderr[-2000:]
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr, \
            done.stderr[-2000:]
        if done.returncode != 0:
            assert snapshot(root / "output") == before, done.stderr[-2000:]
