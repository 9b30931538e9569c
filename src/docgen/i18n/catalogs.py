"""Load the catalogs: where each PO file is, read strictly (once per version of the file),
and one language's translations looked up by context and msgid (no .mo)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..errors import DocgenError, Problem
from ..source.yamllimits import MAX_BYTES
from . import plurals, po
from .header import header
from .languages import DOMAINS, Domain, Language

TWO_FORMS = "nplurals=2; plural=(n != 1);"


def po_path(locales: Path, lang: str, domain: Domain) -> Path:
    return locales / lang / "LC_MESSAGES" / f"{domain.name}.po"


def pot_path(locales: Path, domain: Domain) -> Path:
    return locales / f"{domain.name}.pot"


@dataclass
class Translations:
    """One language's catalog for one domain, read strictly from its .po."""

    path: str
    entries: dict[tuple[str | None, str], po.Entry]
    plural: plurals.PluralRule = field(default_factory=lambda: plurals.parse(TWO_FORMS))

    def lookup(self, msgid: str, context: str | None = None) -> tuple[list[str], str | None]:
        """The msgstr forms, or ``[]`` and why the source text must stand in."""
        entry = self.entries.get((context, msgid))
        if entry is None or entry.obsolete:
            return [], "missing"
        if entry.fuzzy:
            return [], "fuzzy"
        if not entry.translated:
            return [], "untranslated"
        return entry.msgstr, None


def read_entries(path: Path) -> tuple[list[po.Entry], list[Problem]]:
    """A catalog's entries and syntax problems (parsed once per version of the file)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        stat = None
    entries, problems = _read(path, 0, -1) if stat is None else \
        _read(path, stat.st_mtime_ns, stat.st_size)
    # Copies, down to each entry's lists: callers may change them, the cache stays as read.
    return [_copy(e) for e in entries], list(problems)


def _copy(entry: po.Entry) -> po.Entry:
    return replace(entry, msgstr=list(entry.msgstr), flags=set(entry.flags),
                   comments=list(entry.comments), extracted=list(entry.extracted),
                   references=list(entry.references), previous=list(entry.previous))


@lru_cache(maxsize=64)
def _read(path: Path, mtime_ns: int, size: int
          ) -> tuple[tuple[po.Entry, ...], tuple[Problem, ...]]:
    shown = str(path)
    if size > MAX_BYTES:
        return (), (Problem(shown, None, f"file of {size:,} bytes, more than the limit of "
                                         f"{MAX_BYTES:,} (5 MB)"),)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return (), (Problem(shown, None, "catalog missing: run 'docgen i18n update' "
                                         "(or 'docgen i18n init' for a new language)"),)
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return (), (Problem(shown, line, "this line is not UTF-8 text: save the file as UTF-8 "
                                         "(Poedit and Weblate always do)"),)
    entries, problems = po.parse(text, shown)
    return tuple(entries), tuple(problems)


def template_entries(locales: Path, domain: Domain) -> list[po.Entry]:
    """The entries of a domain's .pot (none when it was never extracted)."""
    path = pot_path(locales, domain)
    if not path.exists():
        return []
    entries, problems = read_entries(path)
    if problems:
        raise DocgenError(problems)
    return [e for e in entries if not e.is_header]


def load_all(locales: Path, language: Language) -> dict[str, Translations | None]:
    """Every catalog one language translates, by domain name (for ``localise``)."""
    return {d.name: load(locales, language.code, d) for d in language.domains()}


def load(locales: Path, lang: str, domain: Domain) -> Translations:
    """Load a catalog; syntax problems raise (the gate reports the rest)."""
    path = po_path(locales, lang, domain)
    entries, problems = read_entries(path)
    rule = plural_rule(str(path), entries, problems)
    if problems:
        raise DocgenError(problems)
    assert rule is not None
    return Translations(str(path), {e.key: e for e in entries
                                    if not e.is_header and not e.obsolete}, rule)


def plural_rule(path: str, entries: list[po.Entry], problems: list[Problem]
                ) -> plurals.PluralRule | None:
    """The catalog's own Plural-Forms rule (needed only when it has plural entries)."""
    value = header(entries).get("Plural-Forms")
    if value is None and not any(e.msgid_plural is not None for e in entries):
        return plurals.parse(TWO_FORMS)
    try:
        return plurals.parse(value)
    except ValueError as exc:
        line = next((e.line for e in entries if e.is_header), 1)
        problems.append(Problem(path, line, str(exc)))
        return None


__all__ = ["DOMAINS", "Translations", "load", "load_all", "po_path", "pot_path", "read_entries"]
