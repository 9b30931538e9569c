"""The catalog gate: each check, on a small broken catalog, reports file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.i18n.languages import Language
from docgen.i18n.po import parse
from docgen.i18n.rules import check_catalog

FR = Language("fr", "fr_BE", "Français")
DE = Language("de", "de_BE", "Deutsch")
HEADER = '''msgid ""
msgstr ""
"Language: {lang}\\n"
"Plural-Forms: {plural}\\n"
"Content-Type: text/plain; charset=utf-8\\n"

'''
PLURALS = {"fr": "nplurals=2; plural=(n > 1);", "de": "nplurals=2; plural=(n != 1);"}


def catalog(tmp_path: Path, body: str, lang: Language = FR, header: str | None = None) -> Path:
    path = tmp_path / "x.po"
    head = header if header is not None else HEADER.format(lang=lang.code,
                                                            plural=PLURALS[lang.code])
    path.write_text(head + body, encoding="utf-8")
    return path


def problems(path: Path, lang: Language = FR, warnings: bool = False) -> list[str]:
    return [f"{p.line}: {p.message}" for p in check_catalog(path, lang)
            if warnings or not p.warning]


def test_a_clean_catalog_passes(tmp_path: Path) -> None:
    path = catalog(tmp_path, 'msgctxt "a"\nmsgid "Ziele {n}"\nmsgstr "Objectifs {n}"\n')
    assert check_catalog(path, FR) == []


def test_renamed_placeholder(tmp_path: Path) -> None:
    path = catalog(tmp_path, 'msgid "{startups} Start-ups"\nmsgstr "{jeunes} start-ups"\n')
    assert problems(path) == ["8: placeholder {jeunes} is not in the source text",
                              "8: placeholder {startups} is missing"]


def test_added_and_malformed_placeholders(tmp_path: Path) -> None:
    path = catalog(tmp_path, 'msgid "Seite"\nmsgstr "Page {0} {x.__class__} %s"\n')
    found = problems(path)
    assert "8: {0} is not a placeholder (use {name} with a name from the source)" in found
    assert "8: {x.__class__} is not a placeholder (use {name} with a name from the source)" in found
    assert "8: the %-placeholders differ from the source text: keep each %s or %(name)s " \
        "exactly as in the msgid (printf-style placeholders)" in found


def test_markup_that_the_source_does_not_have(tmp_path: Path) -> None:
    path = catalog(tmp_path, 'msgid "Partner"\n'
                             'msgstr "Partenaire <link rel=\\"attachment\\" href=\\"file:///etc/hostname\\">"\n')
    assert problems(path) == ['8: markup \'<link rel="attachment" href="file:///etc/hostname">\' '
                              "is not in the source text: remove it (only the source's own "
                              "tags may appear)"]


def test_unterminated_string_is_an_error_not_a_truncation(tmp_path: Path) -> None:
    path = catalog(tmp_path, 'msgid "Partner"\nmsgstr "Partenaire\n\nmsgid "b"\nmsgstr "c"\n')
    assert problems(path) == ['8: a quotation mark " is missing at the end of this line '
                              "(unterminated string)"]


@pytest.mark.parametrize("body, message", [
    ('msgid "a"\nmsgstr "b"\nmsgid "a"\nmsgstr "c"\n',
     "9: this text is in the catalog twice (first at line 7): delete one copy ('a')"),
    ('msgid "a"\nmsgstr "b\\q"\n', '8: a backslash \\ must be followed by n, t, " or \\; '
     "write \\\\ for a backslash itself (invalid escape \\q)"),
    ('msgid "a"\n', '7: this entry has no msgstr line: add msgstr "" below its msgid'),
    ('msgid "a"\nmsgstr "b"\n"orphan\n',
     '9: a quotation mark " is missing at the end of this line (unterminated string)'),
    ('msgid "a"\nmsgstr "b"\nbogus\n', "9: this line is not PO: each line starts with msgid, "
     "msgstr, msgctxt, a quoted string or # (found 'bogus')"),
    ('msgid "a"\nmsgstr "say "hi""\n', '8: a quotation mark " inside the text must be written '
     '\\" (unescaped ")'),
    ('"orphan"\n', "7: a quoted string with no msgid or msgstr above it: join it to the entry "
     "or delete it"),
    ('msgid "a"\nmsgid_plural "as"\nmsgstr[1] "b"\nmsgstr[0] "c"\n',
     "9: msgstr[1] is out of order: number the plural forms msgstr[0], msgstr[1] … in order"),
])
def test_syntax_and_duplicates(tmp_path: Path, body: str, message: str) -> None:
    assert message in problems(catalog(tmp_path, body))


def test_header_language_and_plural_forms_must_match(tmp_path: Path) -> None:
    path = catalog(tmp_path, 'msgid "a"\nmsgstr "b"\n', FR,
                   header=HEADER.format(lang="nl", plural="nplurals=2; plural=(n != 1);"))
    found = problems(path)
    assert found == ["1: the header says Language: 'nl', but this is the 'fr' catalog: set "
                     "'Language: fr'"]


def test_wrong_number_of_plural_forms(tmp_path: Path) -> None:
    body = ('msgid "{n} page"\nmsgid_plural "{n} pages"\n'
            'msgstr[0] "{n} page"\nmsgstr[1] "{n} pages"\nmsgstr[2] "{n} pages"\n')
    assert problems(catalog(tmp_path, body)) == [
        "9: this entry has 3 plural forms, but the header's Plural-Forms says nplurals=2: "
        "give it msgstr[0] to msgstr[1]"]


@pytest.mark.parametrize("char, name", [("\u202e", "right-to-left override (U+202E)"),
                                        ("\u200b", "zero-width space (U+200B)"),
                                        ("\x07", "control character (U+0007)")])
def test_invisible_and_control_characters(tmp_path: Path, char: str, name: str) -> None:
    path = catalog(tmp_path, f'msgid "Ziele"\nmsgstr "Obj{char}ectifs"\n')
    assert problems(path) == [f"8: an invisible character, a {name}, is in the translation: "
                              "retype the words around it (it often comes with text copied "
                              "from a web page or a PDF)"]


def test_typography_warnings(tmp_path: Path) -> None:
    path = catalog(tmp_path, 'msgid "Ziele: viele"\nmsgstr "Objectifs: beaucoup"\n\n'
                             'msgid "Zitat"\nmsgstr "dit \\"oui\\""\n')
    assert problems(path) == []      # warnings only
    found = problems(path, warnings=True)
    assert found == [
        "8: French typography: a no-break space (U+00A0) goes before a colon: "
        "`docgen i18n fix --lang fr` inserts it",
        '11: French typography: quote with « » rather than " or “ ”: '
        "`docgen i18n fix --lang fr` replaces them"]
    path = catalog(tmp_path, 'msgid "Ziele!"\nmsgstr "Objectifs ! «oui» l\'eau"\n')
    assert problems(path, warnings=True) == [
        "8: French typography: a narrow no-break space (U+202F) goes before ; ! and ?: "
        "`docgen i18n fix --lang fr` inserts it",
        "8: French typography: « and » take a no-break space (U+00A0) inside: "
        "`docgen i18n fix --lang fr` inserts them",
        "8: typography: use the apostrophe ’ (U+2019) rather than ': "
        "`docgen i18n fix --lang fr` replaces it"]
    de = catalog(tmp_path, 'msgid "Quote"\nmsgstr "ein \\"Zitat\\""\n', DE)
    assert problems(de, DE, warnings=True) == [
        '8: German typography: quote with „…“ (U+201E and U+201C) rather than " or “ ”: '
        "`docgen i18n fix --lang de` replaces them"]


def test_suspicious_length_is_a_warning(tmp_path: Path) -> None:
    path = catalog(tmp_path, 'msgid "Gemeinsame Finanzierung"\nmsgstr "Financement"\n'
                             'msgid "Austausch von Expertise"\nmsgstr "' + "x" * 80 + '"\n')
    found = problems(path, warnings=True)
    assert [p.split(":")[0] for p in found if "suspicious length" in p] == ["10"]


def test_fuzzy_and_untranslated_entries_are_not_errors(tmp_path: Path) -> None:
    path = catalog(tmp_path, '#, fuzzy\nmsgid "{a} x"\nmsgstr "{b} y"\n\nmsgid "c"\nmsgstr ""\n')
    assert problems(path) == []


def test_parser_keeps_multiline_strings_and_lines() -> None:
    entries, errors = parse('msgctxt "k"\nmsgid ""\n"ab"\n"cd"\nmsgstr "x"\n"y"\n', "p.po")
    assert errors == []
    assert (entries[0].msgctxt, entries[0].msgid, entries[0].msgstr, entries[0].line) == \
        ("k", "abcd", ["xy"], 1)


def test_stray_braces(tmp_path: Path) -> None:
    path = catalog(tmp_path, 'msgid "Partnerschaft {number} von {total}"\n'
                             'msgstr "Partenariat {{number}} sur {total}}"\n')
    assert any("stray '{'" in p for p in problems(path))
    assert any("stray '}'" in p for p in problems(path))
