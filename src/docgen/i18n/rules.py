r"""The gate before every build: each catalog problem as ``file.po:LINE: message``.

Errors stop the build; warnings (typography, length, and the wording families of
``wording``: stale targets, glossary, spelling) are shown and fail only ``--strict``.

>>> [p.message for p in check_entry(_entry("Seite {page}", "Page {pages}"), "fr", "x.po")]
['placeholder {pages} is not in the source text', 'placeholder {page} is missing']
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

from ..errors import DocgenError, Problem
from ..source.model import FORBIDDEN_CHARACTERS, PLACEHOLDER, Document
from ..source.yamllimits import MAX_TEXT
from . import po
from .catalogs import plural_rule, po_path, pot_path, read_entries, template_entries
from .header import header
from .languages import Domain, Language

BRACES = re.compile(r"\{[^{}]*\}")
# No space flag: "en % des fonds" is French prose, not a "% d" conversion.
PRINTF = re.compile(r"%(?:\([A-Za-z_]\w*\))?[-#0+]*\d*(?:\.\d+)?[sdifFeEgGxXoc%]")
MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>?|&[A-Za-z#][A-Za-z0-9]*;")
NAMES = {"\u200b": "zero-width space", "\u200c": "zero-width non-joiner",
         "\u200d": "zero-width joiner", "\u200e": "left-to-right mark",
         "\u200f": "right-to-left mark", "\u202e": "right-to-left override",
         "\u202d": "left-to-right override", "\ufeff": "byte order mark"}
NNBSP = "a narrow no-break space (U+202F)"
NBSP = "a no-break space (U+00A0)"
FIX = "`docgen i18n fix --lang {lang}` {verb} {them}"


def _entry(msgid: str, msgstr: str) -> po.Entry:
    return po.Entry(line=1, msgid=msgid, msgstr=[msgstr])


def _placeholders(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


def _describe(ch: str) -> str:
    name = NAMES.get(ch, "control character")
    return f"an invisible character, a {name} (U+{ord(ch):04X}),"


def check_entry(entry: po.Entry, lang: str, path: str) -> list[Problem]:
    """Problems of one translated entry (untranslated and fuzzy ones are fallbacks)."""
    out: list[Problem] = []
    line = entry.msgstr_line or entry.line

    def error(message: str) -> None:
        out.append(Problem(path, line, message))

    def warn(message: str) -> None:
        out.append(Problem(path, line, message, warning=True))

    if entry.is_header or entry.obsolete:
        return out
    for index, text in enumerate(entry.msgstr):
        if not text or entry.fuzzy:
            continue
        if len(text) > MAX_TEXT:
            error(f"a translation of {len(text):,} characters, more than the limit of "
                  f"{MAX_TEXT:,}")
            continue
        source = entry.msgid if index == 0 or entry.msgid_plural is None else entry.msgid_plural
        allowed = set(_placeholders(entry.msgid)) | set(_placeholders(entry.msgid_plural or ""))
        have, want = _placeholders(text), _placeholders(source)
        for name in sorted(set(have) - allowed):
            error(f"placeholder {{{name}}} is not in the source text")
        for name in sorted(set(want) - set(have)):
            if index == 0 and entry.msgid_plural is not None and name not in \
                    _placeholders(entry.msgid):
                continue
            error(f"placeholder {{{name}}} is missing")
        for token in (b for b in BRACES.findall(text) if not PLACEHOLDER.fullmatch(b)):
            error(f"{token[:40]} is not a placeholder (use {{name}} with a name from the source)")
        left, source_left = PLACEHOLDER.sub("", text), PLACEHOLDER.sub("", source)
        for brace in "{}":
            if left.count(brace) > source_left.count(brace):
                error(f"stray {brace!r}: a placeholder is written {{name}}, with one brace "
                      "on each side")
        if sorted(PRINTF.findall(text)) != sorted(PRINTF.findall(source)):
            error("the %-placeholders differ from the source text: keep each %s or %(name)s "
                  "exactly as in the msgid (printf-style placeholders)")
        for tag in MARKUP.findall(text):
            if tag not in source:
                error(f"markup {tag[:80]!r} is not in the source text: remove it (only "
                      "the source's own tags may appear)")
        for ch in sorted(set(FORBIDDEN_CHARACTERS.findall(text))):
            if ch not in source:
                error(f"{_describe(ch)} is in the translation: retype the words around it (it "
                      "often comes with text copied from a web page or a PDF)")
        out.extend(_typography(text, lang, path, line))
        if len(source) >= 12 and not 0.3 <= len(text) / len(source) <= 2.6:
            warn(f"suspicious length: {len(text)} characters for a source of {len(source)}; "
                 "is a part missing or doubled?")
    return out


def _typography(text: str, lang: str, path: str, line: int) -> list[Problem]:
    bare = PLACEHOLDER.sub("x", re.sub(r"https?://\S+", "", text))
    found = []
    if lang == "fr":
        if re.search(r"[^\S\u00a0\u202f][;!?]", bare) or re.search(r"\S[;!?](?=\s|$)", bare):
            found.append(f"French typography: {NNBSP} goes before ; ! and ?: "
                         + FIX.format(lang=lang, verb="inserts", them="it"))
        if re.search(r"[^\S\u00a0\u202f]:", bare) or re.search(r"[^\s\u00a0\u202f]:(?=\s|$)",
                                                                  bare):
            found.append(f"French typography: {NBSP} goes before a colon: "
                         + FIX.format(lang=lang, verb="inserts", them="it"))
        if re.search(r"«[^\u00a0\u202f]|[^\u00a0\u202f]»", bare):
            found.append(f"French typography: « and » take {NBSP} inside: "
                         + FIX.format(lang=lang, verb="inserts", them="them"))
        if '"' in bare or "“" in bare:
            found.append("French typography: quote with « » rather than \" or “ ”: "
                         + FIX.format(lang=lang, verb="replaces", them="them"))
    if lang == "de" and ('"' in bare or re.search(r"“[^“„]*”", bare)):
        found.append("German typography: quote with „…“ (U+201E and U+201C) rather than \" "
                     "or “ ”: " + FIX.format(lang=lang, verb="replaces", them="them"))
    if "'" in bare:
        found.append("typography: use the apostrophe ’ (U+2019) rather than ': "
                     + FIX.format(lang=lang, verb="replaces", them="it"))
    return [Problem(path, line, message, warning=True) for message in found]


def check_catalog(path: Path, language: Language) -> list[Problem]:
    """Every problem of one catalog: syntax, header, duplicates, then each entry."""
    shown = str(path)
    entries, problems = read_entries(path)
    if problems:
        return problems
    fields = header(entries)
    head_line = next((e.line for e in entries if e.is_header), 1)
    if fields.get("Language") not in (language.code, language.locale):
        problems.append(Problem(shown, head_line, f"the header says Language: "
                                f"{str(fields.get('Language'))[:40]!r}, but this is the "
                                f"{language.code!r} catalog: set 'Language: {language.code}'"))
    rule = plural_rule(shown, entries, problems)
    seen: dict[tuple[str | None, str], int] = {}
    for entry in entries:
        if entry.is_header or entry.obsolete:
            continue
        if entry.key in seen:
            problems.append(Problem(shown, entry.line, f"this text is in the catalog twice "
                                    f"(first at line {seen[entry.key]}): delete one copy "
                                    f"({entry.msgid[:40]!r})"))
        seen.setdefault(entry.key, entry.line)
        if entry.msgid_plural is not None and rule is not None \
                and len(entry.msgstr) != rule.nplurals:
            problems.append(Problem(shown, entry.msgstr_line or entry.line,
                                    f"this entry has {len(entry.msgstr)} plural forms, but the "
                                    f"header's Plural-Forms says nplurals={rule.nplurals}: "
                                    f"give it msgstr[0] to msgstr[{rule.nplurals - 1}]"))
        elif entry.msgid_plural is not None and any(entry.msgstr) and not all(entry.msgstr) \
                and not entry.fuzzy:
            problems.append(Problem(shown, entry.msgstr_line or entry.line,
                                    "a plural form is empty: fill every msgstr[N] of this "
                                    "entry"))
        problems.extend(check_entry(entry, language.code, shown))
    return problems


def check_catalogs(locales: Path, languages: list[Language], source: Path | None = None,
                   edition_year: int | None = None, doc: Document | None = None,
                   catalogs: bool = True, wording: bool = True) -> list[Problem]:
    """Every problem of every catalog of these languages, then the wording warnings.
    With ``source`` (the German source's file) they cover the source too: its spelling and,
    with ``edition_year``, its targets; ``doc`` is the source already loaded (else it is
    loaded only when the wording cache cannot answer). ``catalogs``/``wording`` False leaves
    that family to another caller (the gate asks for each by name)."""
    from .wording import wording as wording_warnings  # PyYAML, dictionaries: when it runs
    problems = []
    for language in languages if catalogs else []:
        for domain in language.domains():
            path = po_path(locales, language.code, domain)
            problems.extend(check_catalog(path, language))
            problems.extend(_missing(path, locales, domain))
    if wording:
        problems += wording_warnings(
            locales, languages, source=source, edition_year=edition_year or 0,
            doc=doc if doc is not None or source is None else partial(_load, source),
            cache=locales.parent / "output" / ".cache" / "wording.json")
    return problems


def _load(source: Path) -> Document | None:
    """The source, or None when it does not load (its own loader reports why)."""
    from ..source.read import load
    try:
        return load(source)
    except DocgenError:
        return None


def _missing(path: Path, locales: Path, domain: Domain) -> list[Problem]:
    """Template entries the catalog lacks: they would fall back; update merges them in."""
    entries, problems = read_entries(path)
    if problems:
        return []
    present = {e.key for e in entries if not e.obsolete}
    lacking = [e for e in template_entries(locales, domain) if e.key not in present]
    if not lacking:
        return []
    return [Problem(str(path), None, f"{len(lacking)} text(s) of {pot_path(locales, domain)} "
                    f"are missing (first: {lacking[0].msgid[:40]!r}); run 'docgen i18n "
                    "update'", warning=True)]
