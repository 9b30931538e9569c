"""The PO writer saves as GNU msgcat does, and keeps what it did not change byte for byte."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

from docgen.i18n import po
from docgen.i18n.languages import CONTENT, Language
from docgen.i18n.merge import merge

from .conftest import ROOT

FR = Language("fr", "fr_BE", "Français")
CATALOGS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "locales").rglob("*.po*"))


def msgcat(path: Path, *options: str) -> bytes:
    return subprocess.run(["msgcat", *options, str(path)], check=True,
                          capture_output=True).stdout


@pytest.mark.parametrize("name", CATALOGS)
def test_committed_catalogs_are_as_msgcat_saves_them(name: str) -> None:
    assert msgcat(ROOT / name) == (ROOT / name).read_bytes()


def test_wrapping_of_one_long_string() -> None:
    text = ("Die Partnerschaft verbindet die Universität Lüttich (ULiège) mit Unternehmen "
            "der Region – von Start-ups bis zu Konzernen – und 44\u00a0Mio.\u00a0€ Förderung.")
    assert po.wrap("msgstr", text) == [
        'msgstr ""',
        '"Die Partnerschaft verbindet die Universität Lüttich (ULiège) mit Unternehmen "',
        '"der Region – von Start-ups bis zu Konzernen – und 44\u00a0Mio.\u00a0€ Förderung."']
    assert po.wrap("msgid", "kurz") == ['msgid "kurz"']
    assert po.wrap("msgid", 'a "quote" and\ta tab\n') == ['msgid "a \\"quote\\" and\\ta tab\\n"']


TOKENS = ["Wort", "d’un", "l'eau", "(y)", "{count}", "{a}-{b}", "a/b", "12", "3,5", "e.g.",
          "44\u00a0Mio.\u00a0€", "€44M", "50\u00a0%", "–", "—", "-", "…", "«\u00a0cité\u00a0»",
          "„Zitat“", '"q"', "!", "?", ";", ":", ",", "https://example.org/a/b", "\\", "\t",
          "Start-ups", "[1]", "<b>", "</b>", "&amp;", "x\u202f;", "2020–2026", "n°", "+3"]


def test_writer_wraps_every_kind_of_text_as_msgcat(tmp_path: Path) -> None:
    rng = random.Random(17)  # noqa: S311  (a fixed seed: the same 300 texts every run)

    def text() -> str:
        words = [rng.choice(TOKENS) + rng.choice([" ", " ", "", "  "])
                 for _ in range(rng.randint(1, 40))]
        return "".join(words) + ("\n" if rng.random() < 0.1 else "")
    entries = [po.Entry(line=0, msgstr=["Content-Type: text/plain; charset=UTF-8\n"])]
    for i in range(300):
        entry = po.Entry(line=0, msgctxt=f"k{i}" if i % 2 else None, msgid=text(),
                         msgstr=[text()],
                         references=[f"data/partnerships.yaml:{rng.randint(1, 999)}"
                                     for _ in range(i % 9)])
        if i % 7 == 0:
            entry.flags = {"fuzzy", "python-brace-format"}
            entry.previous = [f'msgid "{po.escape(text())}"']
        entries.append(entry)
    path = tmp_path / "x.po"
    path.write_text(po.dump(entries), encoding="utf-8")
    assert msgcat(path).decode() == path.read_text(encoding="utf-8")


HEAD = ('msgid ""\nmsgstr ""\n"POT-Creation-Date: 2026-01-01 00:00+0000\\n"\n"Language: fr\\n"\n'
        '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n'
        '"X-Source-Language: de\\n"\n')


def test_unchanged_entries_keep_their_bytes_changed_ones_are_rewrapped() -> None:
    old_text = (HEAD + '"X-Generator: Poedit 3.2.2\\n"\n\n'
                '#: data/partnerships.yaml:5\nmsgctxt "a"\nmsgid ""\n"Ziele "\n"und Wege"\n'
                'msgstr ""\n"Objectifs "\n"et moyens"\n\n'
                '#: data/partnerships.yaml:6\nmsgctxt "b"\nmsgid "Partner"\nmsgstr "Partenaire"\n')
    template_text = ('msgid ""\nmsgstr "POT-Creation-Date: 2026-01-01 00:00+0000\\n"\n\n'
                     '#: data/partnerships.yaml:5\nmsgctxt "a"\nmsgid "Ziele und Wege"\n'
                     'msgstr ""\n\n'
                     '#: data/partnerships.yaml:7\nmsgctxt "b"\nmsgid "Partner"\nmsgstr ""\n')
    old, problems = po.parse(old_text, "fr.po")
    template, _ = po.parse(template_text, "content.pot")
    assert problems == []
    entries, stats = merge(template, old, FR, CONTENT)
    assert stats == {"kept": 2, "fuzzy": 0, "new": 0, "obsolete": 0}
    assert po.dump(entries) == (
        HEAD + '"X-Generator: Poedit 3.2.2\\n"\n\n'
        '#: data/partnerships.yaml:5\nmsgctxt "a"\nmsgid ""\n"Ziele "\n"und Wege"\n'
        'msgstr ""\n"Objectifs "\n"et moyens"\n\n'
        '#: data/partnerships.yaml:7\nmsgctxt "b"\nmsgid "Partner"\nmsgstr "Partenaire"\n')


def test_header_fields_docgen_does_not_own_are_kept() -> None:
    old_text = ('# Marie’s notes\nmsgid ""\nmsgstr ""\n"Project-Id-Version: brochure\\n"\n'
                '"PO-Revision-Date: 2026-05-04 10:22+0200\\n"\n'
                '"Last-Translator: Marie Dupont <marie@example.org>\\n"\n'
                '"Language: fr_BE\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n'
                '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n"X-Generator: Poedit 3.2.2\\n"\n'
                '"X-Poedit-SourceCharset: UTF-8\\n"\n\nmsgid "Neu"\nmsgstr "Nouveau"\n')
    template, _ = po.parse('msgid ""\nmsgstr "POT-Creation-Date: 2026-01-01 00:00+0000\\n"\n\n'
                           'msgid "Neu"\nmsgstr ""\n\nmsgid "Zweites"\nmsgstr ""\n', "t.pot")
    old, _ = po.parse(old_text, "fr.po")
    entries, stats = merge(template, old, FR, CONTENT)
    assert stats["new"] == 1
    assert po.dump(entries) == (
        '# Marie’s notes\nmsgid ""\nmsgstr ""\n"Project-Id-Version: brochure\\n"\n'
        '"PO-Revision-Date: 2026-05-04 10:22+0200\\n"\n'
        '"Last-Translator: Marie Dupont <marie@example.org>\\n"\n'
        '"Language: fr_BE\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n"X-Generator: Poedit 3.2.2\\n"\n'
        '"X-Poedit-SourceCharset: UTF-8\\n"\n'
        '"POT-Creation-Date: 2026-01-01 00:00+0000\\n"\n"MIME-Version: 1.0\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n"X-Source-Language: de\\n"\n\n'
        'msgid "Neu"\nmsgstr "Nouveau"\n\nmsgid "Zweites"\nmsgstr ""\n')


def test_a_byte_order_mark_is_accepted() -> None:
    entries, problems = po.parse('\ufeffmsgid ""\nmsgstr "Language: fr\\n"\n\n'
                                 'msgid "a"\nmsgstr "b"\n', "fr.po")
    assert problems == []
    assert [(e.line, e.msgid, e.msgstr) for e in entries] == [
        (1, "", ["Language: fr\n"]), (4, "a", ["b"])]


def test_the_tools_are_installed() -> None:
    for tool in ("msgcat", "msgmerge", "msginit", "msgfmt"):
        assert shutil.which(tool), f"{tool} (Debian package gettext) is missing"
