"""The imprint as data: empty fields warn at their line, fail --strict, and drafts mark them."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from docgen.build.gate import IMPRINT, gate
from docgen.i18n.languages import load_languages
from docgen.localise.content import content, load_catalogs
from docgen.project import Project
from docgen.render import html
from docgen.source.read import load

from .conftest import ROOT, fill_imprint

EMPTY_NAME, EMPTY_SITE, EMPTY_CONTACT = 'name: ""', 'website: ""', 'contact: ""'
BAD_SITE = 'website: "www.example.be"'


def imprint_warnings(project: Project, langs: list[str]) -> list:
    """The gate's imprint family alone."""
    return list(gate(project, project.select(langs), (IMPRINT,)).problems)


def line_of(path: Path, needle: str) -> int:
    """The line of the source that holds ``needle`` (read here, not by the code under test)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_each_empty_field_warns_at_its_line(project_dir: Path) -> None:
    source = project_dir / "data" / "partnerships.yaml"
    shown = [str(w) for w in imprint_warnings(Project(project_dir), ["de", "fr", "nl", "en"])]
    assert len(shown) == 6
    assert shown[0].startswith(f"{source}:{line_of(source, EMPTY_NAME)}: warning: "
                               "imprint.publisher.name is empty: the responsible publisher's name")
    assert f"{source}:{line_of(source, 'address: []')}: warning: imprint.publisher.address " \
           "is empty" in shown[1]
    assert f"{source}:{line_of(source, EMPTY_SITE)}: warning: imprint.website is empty" \
        in shown[3]
    assert all(w.endswith("to be completed before release") for w in shown)


def test_a_filled_imprint_gives_no_warning(project_dir: Path) -> None:
    fill_imprint(project_dir)
    assert imprint_warnings(Project(project_dir), ["de", "fr", "nl", "en"]) == []


def test_a_missing_official_name_warns_for_that_language(project_dir: Path) -> None:
    source = fill_imprint(project_dir)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace('    nl: "Communicatieteam, Wallonië"\n', ""), "utf-8")
    shown = [str(w) for w in imprint_warnings(Project(project_dir), ["de", "fr", "nl", "en"])]
    assert shown == [f"{source}:{line_of(source, 'organisation:')}: warning: imprint.organisation "
                     "is empty for nl: the organisation's official name, to be completed "
                     "before release"]


def test_a_bad_site_address_is_an_error_with_its_line(project_dir: Path) -> None:
    from docgen.errors import DocgenError
    source = fill_imprint(project_dir)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("https://www.example.be/brochures", "www.example.be"), "utf-8")
    with pytest.raises(DocgenError) as caught:
        load(source)
    assert f"{source}:{line_of(source, BAD_SITE)}: imprint.website: expected an https:// " \
           "address, got 'www.example.be'" in str(caught.value)


def _docgen(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "docgen", "--root", str(project), *args],
                          capture_output=True, text=True, timeout=300)


def test_strict_fails_on_an_empty_field_and_the_lenient_build_passes(project_dir: Path) -> None:
    source = project_dir / "data" / "partnerships.yaml"
    strict = _docgen(project_dir, "build", "--strict", "--lang", "en", "--format", "docx")
    assert strict.returncode == 1
    assert f"error: {source}:{line_of(source, EMPTY_CONTACT)}: (strict) imprint.contact " \
           "is empty" in strict.stderr
    assert not (project_dir / "output" / "en" / "briefing-en.docx").exists()
    lenient = _docgen(project_dir, "build", "--lang", "en", "--format", "docx")
    assert lenient.returncode == 0, lenient.stderr
    assert f"{source}:{line_of(source, EMPTY_CONTACT)}: warning: imprint.contact is empty" \
        in lenient.stderr


def _page(project: Path, lang: str, draft: bool) -> str:
    language = load_languages(project / "locales")[lang]
    local = content(load(project / "data" / "partnerships.yaml"), language,
                    load_catalogs(project / "locales", language), dt.date(2026, 1, 1))
    return html.render(local, project / "templates", draft=draft)


def test_a_draft_marks_every_empty_field_and_a_release_hides_it() -> None:
    draft = _page(ROOT, "fr", draft=True)
    # publisher name, address, contact, site address (text and QR), copyright, licence
    assert draft.count('<span class="tbc">à compléter</span>') == 7
    assert "à compléter" not in _page(ROOT, "fr", draft=False)


def test_the_imprint_reaches_the_page_once_filled(project_dir: Path) -> None:
    fill_imprint(project_dir)
    page = _page(project_dir, "nl", draft=True)
    assert "tbc" not in page
    assert "Marie Dupont<br>Rue de l’Exemple 1<br>5000 Namur" in re.sub(r"\s*\n\s*", "", page)
    assert "www.example.be/brochures" in page and "<svg" in page
    assert "Verantwoordelijke uitgever" in page and "©&nbsp;Example Media" in page
