"""Extraction is handed its inputs and makes docgen's one PO model (``po.Entry``), written by
the one writer; the wording checks take the source they are given."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docgen.i18n import po, wording
from docgen.i18n.extract import Scanned, content_entries, extract, label_entries
from docgen.i18n.languages import load_languages
from docgen.source.model import Document, Figure
from docgen.source.read import load

from .conftest import ROOT

TEMPLATE = """<h1>{{ _("Contents") }}</h1>
{# Translators: the page footer; {page} is a page number. #}
<p>{{ _("Page {page}") }}</p>
<p>{{ _("Contents") }}</p>
"""
CODE = '''def label(_, ngettext, n):
    # Translators: the page footer; {page} is a page number.
    footer = _("Page {page}")
    # Translators: how many pages, e.g. "12 pages".
    return footer, ngettext("{n} page", "{n} pages", n), _("50 % der Mittel")
'''


def _files(tmp_path: Path) -> list[Scanned]:
    (tmp_path / "page.html").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "labels.py").write_text(CODE, encoding="utf-8")
    return [Scanned(tmp_path / "page.html", "templates/page.html"),
            Scanned(tmp_path / "labels.py", "src/docgen/render/labels.py")]


def test_labels_come_from_the_files_handed_in_as_po_entries(tmp_path: Path) -> None:
    entries = label_entries(_files(tmp_path))
    assert all(isinstance(e, po.Entry) for e in entries)
    assert po.dump(entries) == (
        '#: templates/page.html:1 templates/page.html:4\n'
        'msgid "Contents"\n'
        'msgstr ""\n'
        '\n'
        '#. the page footer; {page} is a page number.\n'
        '#. Translators: the page footer; {page} is a page number.\n'
        '#: src/docgen/render/labels.py:3 templates/page.html:3\n'
        '#, python-brace-format\n'
        'msgid "Page {page}"\n'
        'msgstr ""\n'
        '\n'
        '#. Translators: how many pages, e.g. "12 pages".\n'
        '#: src/docgen/render/labels.py:5\n'
        '#, python-brace-format\n'
        'msgid "{n} page"\n'
        'msgid_plural "{n} pages"\n'
        'msgstr[0] ""\n'
        'msgstr[1] ""\n'
        '\n'
        '#: src/docgen/render/labels.py:5\n'
        '#, python-format\n'
        'msgid "50 % der Mittel"\n'
        'msgstr ""\n')


def test_a_label_in_no_file_handed_in_is_not_extracted(tmp_path: Path) -> None:
    files = _files(tmp_path)
    assert [e.msgid for e in label_entries(files[:1])] == ["Contents", "Page {page}"]
    assert label_entries([]) == []


def test_content_comments_use_the_example_function_handed_in() -> None:
    doc = load(ROOT / "data" / "partnerships.yaml")

    def example(figure: Figure, slot: str) -> str:
        return f"<{figure.name} as {slot}>"
    entries = {e.key: e for e in content_entries(doc, "data/source.yaml", example)}
    title = entries[("title", "{partnerships} Biotech-Partnerschaften stärken die wallonische "
                              "Wirtschaft")]
    assert title.extracted == ['{partnerships} = a number; in running text, '
                               'e.g. "<partnerships as running>"']
    assert title.references == ["data/source.yaml:34"]
    assert title.flags == {"python-brace-format"}
    glance = entries[("at_a_glance[2].label", "Marktwert von ATMPs in Europa bis {market_year}")]
    assert glance.extracted == ['{market_year} = a target year; on a display, '
                                'e.g. "<market_year as display>"']


def test_extract_writes_both_templates_once(tmp_path: Path) -> None:
    doc = load(ROOT / "data" / "partnerships.yaml")
    locales = tmp_path / "locales"
    edition = dt.datetime(2026, 11, 2, 9, 30)

    def run() -> list[Path]:
        return extract(locales, doc=doc, doc_name="data/partnerships.yaml",
                       scan=_files(tmp_path), example=lambda f, slot: "9", edition=edition)
    assert run() == [locales / "content.pot", locales / "ui.pot"]
    ui = (locales / "ui.pot").read_text(encoding="utf-8")
    assert '"POT-Creation-Date: 2026-11-02 09:30+0000\\n"' in ui
    assert '"X-Source-Language: en\\n"' in ui
    assert ui.split("\n\n", 2)[1] == '#: templates/page.html:1 templates/page.html:4\n' \
                                     'msgid "Contents"\nmsgstr ""'
    assert run() == []                              # nothing changed: nothing written
    entries, problems = po.parse(ui, "ui.pot")      # the strict reader reads what it wrote
    assert problems == [] and [e.msgid for e in entries][1:2] == ["Contents"]


def test_the_translators_stage_reads_no_code_by_path() -> None:
    for path in sorted((ROOT / "src" / "docgen" / "i18n").glob("*.py")):
        assert "__file__" not in path.read_text(encoding="utf-8"), path


def test_wording_loads_the_source_only_when_its_cache_cannot_answer(tmp_path: Path) -> None:
    locales = ROOT / "locales"
    source = ROOT / "data" / "partnerships.yaml"
    german = [load_languages(locales)["de"]]
    loads: list[int] = []

    def loader() -> Document | None:
        loads.append(1)
        return load(source)
    cache = tmp_path / "wording.json"
    first = wording.wording(locales, german, source=source, doc=loader, edition_year=2026,
                            cache=cache)
    again = wording.wording(locales, german, source=source, doc=loader, edition_year=2026,
                            cache=cache)
    assert (first, again, len(loads)) == ([], [], 1)


def test_wording_dates_the_targets_by_the_year_handed_in() -> None:
    source = ROOT / "data" / "partnerships.yaml"
    doc = load(source)
    assert wording.wording(ROOT / "locales", [], source=source, doc=doc, edition_year=2026) == []
    found = wording.wording(ROOT / "locales", [], source=source, doc=doc, edition_year=2028)
    assert [(p.line, p.warning, p.message.split(" is not")[0]) for p in found] == [
        (101, True, "chart[1].bars[1].label: target year 2028 ({direct_jobs_year})"),
        (201, True, "partnerships.atmp-pit.highlights[1].label: target year 2028 "
                    "({direct_jobs_year})"),
        (214, True, "partnerships.atmp-pit.lists[1].items[0]: target year 2028 "
                    "({direct_jobs_year})")]
