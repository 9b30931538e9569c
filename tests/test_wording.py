"""The gate's wording families: stale targets, the glossary and spelling, each a warning at
file:line that a lenient build shows and ``--strict`` turns into a failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import cli
from docgen.errors import DocgenError
from docgen.i18n import wording as wording_module
from docgen.i18n.glossary import load_glossary
from docgen.i18n.languages import load_languages
from docgen.i18n.rules import check_catalogs
from docgen.i18n.spelling import open_speller

from .conftest import plant

FR_PO = Path("locales/fr/LC_MESSAGES/content.po")
NL_PO = Path("locales/nl/LC_MESSAGES/content.po")
EN_PO = Path("locales/en/LC_MESSAGES/content.po")
SOURCE = Path("data/partnerships.yaml")


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--root", str(root), *args])
    return result.exit_code, result.output



def glossary_line(root: Path, name: str) -> int:
    lines = (root / "locales" / "glossary.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip() in (f"- {name}",
                                                                         f"{name}:"))


def stale_target(root: Path) -> list[str]:
    line = plant(root, SOURCE, "direct_jobs_year: {target: 2028}",
                 "direct_jobs_year: {target: 2026}")
    text = (root / SOURCE).read_text(encoding="utf-8").splitlines()
    label = next(i for i, x in enumerate(text, 1) if "neue direkte Arbeitsplätze bis" in x)
    item = next(i for i, x in enumerate(text, 1) if "{direct_jobs} direkten Arbeitsplätzen" in x)
    assert line < label < item
    tail = ("target year 2026 ({direct_jobs_year}) is not after the edition year 2026: print "
            "when it was stated ({as_of}: \"Ziel, Stand 2024\") or update the statement")
    return [f"{root / SOURCE}:{label}: warning: partnerships.atmp-pit.highlights[1].label: "
            f"{tail}",
            f"{root / SOURCE}:{item}: warning: partnerships.atmp-pit.lists[1].items[0]: {tail}"]


def changed_name(root: Path) -> list[str]:
    line = plant(root, FR_PO, "\"BioWin et MEDVIA\u00a0: une coopération",
                 "\"Biowin et MEDVIA\u00a0: une coopération")
    line -= 1               # msgcat's layout: 'msgstr ""' on the line above the text
    return [f"{root / FR_PO}:{line}: warning: glossary: 'Biowin' alters the protected name "
            f"'BioWin' (locales/glossary.yaml:{glossary_line(root, 'BioWin')})"]


def unapproved_term(root: Path) -> list[str]:
    line = plant(root, EN_PO, '"Development of cell and gene therapies"',
                 '"Development of cell and genetic treatments"')
    return [f"{root / EN_PO}:{line}: warning: glossary: 'Gentherapie' is translated without "
            f"its approved term 'gene therapy' or 'gene therapies' "
            f"(locales/glossary.yaml:{glossary_line(root, 'Gentherapie')})"]


def misspelling(root: Path) -> list[str]:
    line = plant(root, NL_PO, "biofarma en medische technologie",
                 "biofarma en medische technollogie")
    return [f"{root / NL_PO}:{line}: warning: spelling: 'technollogie' is not in the nl_BE "
            "dictionary (suggestions: "]


FAULTS = {"stale target": stale_target, "changed protected name": changed_name,
          "unapproved term": unapproved_term, "misspelling": misspelling}


@pytest.mark.parametrize("fault", FAULTS)
def test_each_fault_is_a_warning_at_file_and_line(project_dir: Path, fault: str) -> None:
    expected = FAULTS[fault](project_dir)
    code, out = run(project_dir, "i18n", "check")
    assert code == 0, out
    lines = out.splitlines()
    for message in expected:
        assert [x for x in lines if x.startswith(message)], (message, out)
    assert "catalogs OK" in out
    code, out = run(project_dir, "i18n", "check", "--strict")
    assert code == 1            # the build's form: error: path:line: (strict) message
    strict = "error: " + expected[0].replace(": warning: ", ": (strict) ", 1)
    assert [x for x in out.splitlines() if x.startswith(strict)], out


def test_the_misspelling_names_suggestions_and_the_word_list(project_dir: Path) -> None:
    prefix = misspelling(project_dir)[0]
    problems = [str(p) for p in check_catalogs(project_dir / "locales",
                                      list(load_languages(project_dir / "locales").values()))]
    found = [p for p in problems if p.startswith(prefix)]
    assert len(found) == 1
    assert found[0].endswith("); correct it or add it to locales/nl/words.txt")
    assert "technologie" in found[0][len(prefix):].split(")")[0].split(", ")
    words = project_dir / "locales" / "nl" / "words.txt"
    words.write_text(words.read_text(encoding="utf-8") + "technollogie\n", encoding="utf-8")
    problems = [str(p) for p in check_catalogs(project_dir / "locales",
                                      list(load_languages(project_dir / "locales").values()))]
    assert [p for p in problems if "technollogie" in p] == []


def test_a_misspelling_in_the_german_source(project_dir: Path) -> None:
    line = plant(project_dir, SOURCE, '"Gemeinsame Finanzierung von Forschungsprojekten"',
                 '"Gemeinsame Finanzirung von Forschungsprojekten"')
    code, out = run(project_dir, "check")
    assert code == 0, out
    assert f"{project_dir / SOURCE}:{line}: warning: spelling: 'Finanzirung' is not in the " \
           "de_BE dictionary" in out
    code, out = run(project_dir, "check", "--strict")
    assert code == 1


@pytest.mark.slow
@pytest.mark.parametrize("fault", FAULTS)
def test_a_lenient_build_shows_it_and_strict_fails(project_dir: Path, fault: str) -> None:
    expected = FAULTS[fault](project_dir)
    lang = "de" if fault == "stale target" else {"changed protected name": "fr",
                                                 "unapproved term": "en",
                                                 "misspelling": "nl"}[fault]
    code, out = run(project_dir, "build", "--lang", lang, "--format", "docx")
    assert code == 0, out
    assert [x for x in out.splitlines() if x.startswith(expected[0])], out
    assert (project_dir / "output" / lang / f"briefing-{lang}.docx").exists()
    code, out = run(project_dir, "build", "--lang", lang, "--format", "docx", "--strict")
    assert code == 1
    assert "(strict)" in out


def test_the_landed_catalogs_pass_clean(project_dir: Path) -> None:
    code, out = run(project_dir, "i18n", "check", "--strict")
    assert code == 0, out
    assert out.strip().splitlines()[-1] == "catalogs OK (0 warning(s))"
    assert "warning:" not in out


def test_findings_are_cached_until_an_input_changes(project_dir: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    locales = project_dir / "locales"
    languages = list(load_languages(locales).values())
    misspelling(project_dir)
    first = check_catalogs(locales, languages)
    assert (project_dir / "output" / ".cache" / "wording.json").exists()

    def no_dictionary(*args: object) -> str:
        raise AssertionError("a cached check opened a dictionary")
    monkeypatch.setattr(wording_module, "open_speller", no_dictionary)
    assert check_catalogs(locales, languages) == first
    plant(project_dir, NL_PO, "technollogie", "technologie")
    with pytest.raises(AssertionError, match="opened a dictionary"):
        check_catalogs(locales, languages)


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "L’économie d’aujourd’hui, c’est 44\u00a0millions d’euros pour les start-ups"),
    ("fr", "D’après l’article en allemand «\u00a0Biotech-Partnerschaften stärken\u00a0»"),
    ("de", "Entwicklung von Zell- und Gentherapien, Novaseps Sparte und ATMPs"),
    ("en", "Wallonia’s {growth} growth, see www.example.be and <b>cell therapies</b>"),
    ("nl", "Expertise in ATMP’s, API’s, onderzoeks- en technologiebedrijven en gentherapie"),
])
def test_elisions_compounds_and_skipped_parts(lang: str, text: str) -> None:
    tags = {"fr": "fr_BE", "de": "de_BE", "en": "en_GB", "nl": "nl_BE"}
    speller = open_speller([tags[lang]], {"Novasep", "Wallonia"})
    assert not isinstance(speller, str), speller
    source = "„Biotech-Partnerschaften stärken“" if lang == "fr" else ""
    assert speller.unknown(text, source) == []
    assert speller.unknown(text.replace("e", "ee", 1) + " Speling", source) != []


def test_a_broken_glossary_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text("protected:\n  - BioWin\nterms:\n  Gentherapie: gene therapy\n",
                    encoding="utf-8")
    with pytest.raises(DocgenError) as caught:
        load_glossary(path)
    assert str(caught.value) == (f"{path}:4: terms.Gentherapie: expected "
                                 "'lang: [approved, forms]'")


def test_a_language_without_a_dictionary_warns_once_it_has_a_translation(
        project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new language's empty catalogs have nothing to spell-check: no warning yet (a release
    with --allow-incomplete may carry it); its first translation is not checked: a warning."""
    code, out = run(project_dir, "i18n", "init", "--lang", "it", "--locale", "it_IT",
                    "--name", "Italiano")
    assert code == 0, out
    real = wording_module.open_speller

    def no_italian(candidates: list[str], accepted: set[str]) -> object:
        if "it" in candidates:
            return "no Hunspell dictionary for it_IT or it (scripts/setup installs them)"
        return real(candidates, accepted)
    monkeypatch.setattr(wording_module, "open_speller", no_italian)
    italian = [load_languages(project_dir / "locales")["it"]]
    assert wording_module.wording(project_dir / "locales", italian) == []
    ui = project_dir / "locales" / "it" / "LC_MESSAGES" / "ui.po"
    text = ui.read_text(encoding="utf-8")
    assert text.count('msgid "Contents"\nmsgstr ""') == 1
    ui.write_text(text.replace('msgid "Contents"\nmsgstr ""', 'msgid "Contents"\nmsgstr "Indice"'),
                  encoding="utf-8")
    assert [str(p) for p in wording_module.wording(project_dir / "locales", italian)] == [
        f"{ui}: warning: spelling not checked: no Hunspell dictionary for it_IT or it "
        "(scripts/setup installs them)"]
