"""The gate's wording families, all warnings: content lint (targets), glossary, spelling.

``rules.check_catalogs`` calls ``wording()`` after the catalog checks. Loading four Hunspell
dictionaries takes over a second, so the findings are kept in a cache file (the project's
``output/.cache/wording.json``) under a hash of every input (source, catalogs, glossary, word
lists, house style, edition year, code): a gate whose inputs did not change reads them back
without opening a dictionary, nor loading the source.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ..errors import Problem
from ..files import code_version, digest, write_atomic
from ..source.model import Document
from ..source.targets import stale_targets
from . import po
from .catalogs import po_path, read_entries
from .glossary import Glossary, load_glossary
from .languages import CONTENT, Language
from .spelling import Speller, open_speller, read_words

# The source as wording() is handed it: loaded, or a function that loads it on a cache miss
# (None: it does not load, and its loader reports why).
SourceDoc = Document | Callable[[], Document | None] | None


def wording(locales: Path, languages: list[Language], *, source: Path | None = None,
            doc: SourceDoc = None, edition_year: int = 0, cache: Path | None = None
            ) -> list[Problem]:
    """Every wording warning of these languages' catalogs and, given ``source`` (its file)
    and ``doc`` (its content), of the German source; ``edition_year`` dates its targets.
    ``cache``: the file that keeps the findings (None: none is kept)."""
    words = sorted(locales.glob("*/words.txt"))
    files = [*([source] if source else []), locales / "glossary.yaml", locales / "style.yaml",
             locales / "languages.yaml", *words]
    for language in languages:
        files += [po_path(locales, language.code, d) for d in language.domains()]
    key = digest([f for f in files if f.exists()], locales.parent, code_version(),
                 str(edition_year), str(locales.resolve()),
                 *sorted(language.code for language in languages))
    try:
        stored = json.loads(cache.read_text(encoding="utf-8")) if cache else {}
        if stored.get("key") == key:
            return [Problem(**p) for p in stored["problems"]]
    except (OSError, ValueError, TypeError, KeyError):
        pass
    loaded = doc() if callable(doc) else doc
    problems, complete = _wording(locales, languages, source, loaded, edition_year)
    if complete and cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            data = {"key": key, "problems": [p.__dict__ for p in problems]}
            write_atomic(cache, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass                        # a read-only checkout: the gate just runs again
    return problems


def _wording(locales: Path, languages: list[Language], source: Path | None,
             doc: Document | None, year: int) -> tuple[list[Problem], bool]:
    glossary = load_glossary(locales / "glossary.yaml")
    problems: list[Problem] = []
    complete = True
    if doc is not None:
        problems += stale_targets(doc, year)
        speller = _speller(locales, CONTENT.source_lang, [], glossary)
        if isinstance(speller, str):
            problems.append(Problem(str(source or doc.path), None,
                                    f"spelling not checked: {speller}", warning=True))
            complete = False
        else:
            for text in doc.texts():
                problems += _spelling(speller, text.msgid, "", CONTENT.source_lang,
                                      doc.path, text.line)
    for language in languages:
        opened = _speller(locales, language.code,
                          [language.locale, language.style.numbers or "", language.code],
                          glossary)
        for domain in language.domains():
            path = po_path(locales, language.code, domain)
            entries, syntax = read_entries(path)
            if syntax:
                continue                # the catalog checks report it
            if isinstance(opened, str) and _has_translations(entries):
                problems.append(Problem(str(path), None, f"spelling not checked: {opened}",
                                        warning=True))
                complete = False
            checker = None if isinstance(opened, str) else opened
            problems += _catalog(entries, language.code, str(path), glossary, checker)
    return problems, complete


def _has_translations(entries: list[po.Entry]) -> bool:
    """Whether a catalog has any text to spell-check (a new language's has none yet)."""
    return any(text for e in entries if not (e.is_header or e.obsolete or e.fuzzy)
               for text in e.msgstr)


def _speller(locales: Path, lang: str, candidates: list[str], glossary: Glossary
             ) -> Speller | str:
    """``de`` checks the source with a Belgian or German dictionary."""
    tags = [c for c in candidates if c] or [f"{lang}_BE", f"{lang}_DE", lang]
    return open_speller(tags, read_words(locales / lang / "words.txt") | glossary.words(lang))


def _catalog(entries: list[po.Entry], lang: str, path: str, glossary: Glossary,
             speller: Speller | None) -> list[Problem]:
    out = []
    for entry in entries:
        if entry.is_header or entry.obsolete or entry.fuzzy:
            continue
        line = entry.msgstr_line or entry.line
        for text in (t for t in entry.msgstr if t):
            out += glossary.check(entry.msgid, text, lang, path, line)
            if speller is not None:
                out += _spelling(speller, text, entry.msgid, lang, path, line)
    return out


def _spelling(speller: Speller, text: str, source: str, lang: str, path: str, line: int
              ) -> list[Problem]:
    out = []
    for word in speller.unknown(text, source):
        hints = ", ".join(speller.suggest(word)) or "none"
        out.append(Problem(path, line, f"spelling: {word!r} is not in the {speller.tag} "
                           f"dictionary (suggestions: {hints}); correct it or add it to "
                           f"locales/{lang}/words.txt", warning=True))
    return out
