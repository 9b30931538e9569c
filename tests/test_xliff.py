"""XLIFF 1.2 for agencies: export, import through the gate, nothing lost silently."""

from __future__ import annotations

import difflib
from pathlib import Path

from click.testing import CliRunner
from translate.storage import factory

from docgen.cli import cli

CATALOGS = ["de/LC_MESSAGES/ui.po", "fr/LC_MESSAGES/content.po", "fr/LC_MESSAGES/ui.po",
            "nl/LC_MESSAGES/content.po", "nl/LC_MESSAGES/ui.po", "en/LC_MESSAGES/content.po"]
INVESTMENT = ('<target state="translated"><ph id="1">{investment}</ph> (public-privé)</target>')


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--root", str(root), *args])
    return result.exit_code, result.output


def snapshot(root: Path) -> dict[str, bytes]:
    return {name: (root / "locales" / name).read_bytes() for name in CATALOGS}


def export_all(root: Path) -> None:
    code, out = run(root, "i18n", "export", "--lang", "de", "--lang", "fr", "--lang", "nl",
                    "--lang", "en", "--format", "xliff")
    assert code == 0, out
    assert "wrote output/xliff/content-fr.xlf" in out and "wrote output/xliff/ui-de.xlf" in out


def test_every_catalog_round_trips_with_zero_change(project_dir: Path) -> None:
    before = snapshot(project_dir)
    export_all(project_dir)
    files = sorted((project_dir / "output/xliff").glob("*.xlf"))
    assert [f.name for f in files] == ["content-en.xlf", "content-fr.xlf", "content-nl.xlf",
                                       "ui-de.xlf", "ui-fr.xlf", "ui-nl.xlf"]
    code, out = run(project_dir, "i18n", "import", *map(str, files))
    assert code == 0, out
    assert "locales/fr/LC_MESSAGES/content.po: 0 translation(s) changed" in out
    assert "warning" not in out
    assert snapshot(project_dir) == before


def test_the_file_speaks_xliff_1_2_with_ids_notes_and_protected_placeholders(
        project_dir: Path) -> None:
    export_all(project_dir)
    raw = (project_dir / "output/xliff/content-fr.xlf").read_text(encoding="utf-8")
    assert '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">' in raw
    assert ('<file original="content.po" source-language="de" datatype="plaintext" '
            'target-language="fr">') in raw
    assert ('id="partnerships.biowin-medvia.tables[0].rows[1].value" '
            'resname="partnerships.biowin-medvia.tables[0].rows[1].value"') in raw
    assert '<source><ph id="1">{investment}</ph> (öffentlich-privat)</source>' in raw
    assert INVESTMENT in raw
    assert '<note from="developer">{investment} = an amount of money; in running text, e.g. ' in raw
    assert 'id="place/Gosselies" resname="place"' in raw
    ui = (project_dir / "output/xliff/ui-fr.xlf").read_text(encoding="utf-8")
    assert 'source-language="en"' in ui
    # What Weblate's and most agencies' libraries read: translate-toolkit's own factory.
    store = factory.getobject(str(project_dir / "output/xliff/content-fr.xlf"))
    assert store.getsourcelanguage() == "de" and store.gettargetlanguage() == "fr"


def test_one_edited_target_changes_exactly_that_msgstr(project_dir: Path) -> None:
    export_all(project_dir)
    before = (project_dir / "locales/fr/LC_MESSAGES/content.po").read_text(encoding="utf-8")
    xlf = project_dir / "output/xliff/content-fr.xlf"
    xlf.write_text(xlf.read_text(encoding="utf-8").replace(
        INVESTMENT, '<target state="translated"><ph id="1">{investment}</ph> (partenariat '
        'public-privé)</target>'),
        encoding="utf-8")
    code, out = run(project_dir, "i18n", "import", str(xlf))
    assert code == 0, out
    assert "locales/fr/LC_MESSAGES/content.po: 1 translation(s) changed" in out
    after = (project_dir / "locales/fr/LC_MESSAGES/content.po").read_text(encoding="utf-8")
    changed = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                     lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ['-msgstr "{investment} (public-privé)"',
                       '+msgstr "{investment} (partenariat public-privé)"']


def test_a_broken_placeholder_is_refused_at_its_line(project_dir: Path) -> None:
    export_all(project_dir)
    before = snapshot(project_dir)
    xlf = project_dir / "output/xliff/content-fr.xlf"
    text = xlf.read_text(encoding="utf-8")
    line = text[: text.index(INVESTMENT)].count("\n") + 1
    unit_line = text[: text.rindex("<trans-unit", 0, text.index(INVESTMENT))].count("\n") + 1
    assert line == unit_line + 2
    xlf.write_text(text.replace(INVESTMENT, '<target state="translated"><ph id="1">'
                                            '{investissement}</ph> (public-privé)</target>'),
                   encoding="utf-8")
    code, out = run(project_dir, "i18n", "import", str(xlf))
    assert code == 1
    assert (f"error: content-fr.xlf:{unit_line}: unit "
            "'partnerships.biowin-medvia.tables[0].rows[1].value': the placeholders of the "
            "translation ({investissement}) are not those of the source ({investment}); "
            "not imported") in out
    assert "error: content-fr.xlf: nothing imported into locales/fr/LC_MESSAGES/content.po" \
        in out
    assert snapshot(project_dir) == before


def test_unplaced_and_emptied_units_are_reported_not_dropped(project_dir: Path) -> None:
    export_all(project_dir)
    xlf = project_dir / "output/xliff/content-fr.xlf"
    text = xlf.read_text(encoding="utf-8")
    text = text.replace("<source>Ziele</source>", "<source>Die Ziele</source>")
    text = text.replace("<target>Objectifs</target>", "<target>Les objectifs</target>")
    text = text.replace(INVESTMENT, "")
    xlf.write_text(text, encoding="utf-8")
    before = snapshot(project_dir)
    code, out = run(project_dir, "i18n", "import", str(xlf))
    assert code == 0, out
    assert ("warning: unit 'partnerships.biowin-medvia.lists[0].title' matches no text of the "
            "catalog (its source text changed or it was removed); not imported") in out
    assert ("warning: unit 'partnerships.biowin-medvia.tables[0].rows[1].value' has no "
            "translation; the catalog's translation is kept") in out
    assert snapshot(project_dir) == before


def test_a_target_awaiting_review_comes_back_fuzzy(project_dir: Path) -> None:
    export_all(project_dir)
    xlf = project_dir / "output/xliff/content-fr.xlf"
    xlf.write_text(xlf.read_text(encoding="utf-8").replace(
        '<target state="translated"><ph id="1">{investment}</ph> (public-privé)</target>',
        '<target state="needs-review-translation"><ph id="1">{investment}</ph> '
        '(public-privé)</target>'), encoding="utf-8")
    code, out = run(project_dir, "i18n", "import", str(xlf))
    assert code == 0, out
    po = (project_dir / "locales/fr/LC_MESSAGES/content.po").read_text(encoding="utf-8")
    entry = po[: po.index('msgstr "{investment} (public-privé)"')].rsplit("\n\n", 1)[1]
    assert "#, fuzzy" in entry
