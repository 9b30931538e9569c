"""Extract, update, init and load the catalogs (PO files are read directly, no .mo)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DocgenError, Problem
from . import po
from .languages import CONTENT, DOMAINS, UI, Domain, Language

if TYPE_CHECKING:       # Babel's catalog tools and Jinja load only to extract or update,
    from babel.messages.catalog import Catalog  # so a build's gate stays quick to start.

    from ..model import Document

HEADER = """\
# docgen: {what}.
# Edit msgstr lines only; keep every {{placeholder}} as it is. Check with `docgen i18n check`.
#"""
KEYWORDS = {"_": None, "gettext": None, "raw": None, "ngettext": (1, 2)}
FIGURE_WORDS = {"count": "a number", "money": "an amount of money", "percent": "a percentage",
                "area_m2": "an area", "year": "a year", "years": "a range of years",
                "at_least": "a minimum", "url": "a web address",
                "words": "a number in words", "target": "a target year",
                "as_of": "the year the statement dates from"}


def _catalog(domain: Domain, locale: str | None, what: str) -> Catalog:
    from babel.messages.catalog import Catalog
    return Catalog(locale=locale, domain=domain.name, project="docgen", version="1",
                   header_comment=HEADER.format(what=what), fuzzy=False,
                   msgid_bugs_address="communications team")


def po_path(locales: Path, lang: str, domain: Domain) -> Path:
    return locales / lang / "LC_MESSAGES" / f"{domain.name}.po"


def pot_path(locales: Path, domain: Domain) -> Path:
    return locales / f"{domain.name}.pot"


@dataclass
class Translations:
    """One language's catalog for one domain, read strictly from its .po."""

    path: str
    entries: dict[tuple[str | None, str], po.Entry]

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
    return list(entries), list(problems)    # copies: callers may add to them, the cache stays


@lru_cache(maxsize=64)
def _read(path: Path, mtime_ns: int, size: int
          ) -> tuple[tuple[po.Entry, ...], tuple[Problem, ...]]:
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return (), (Problem(shown, None, "catalog missing: run 'docgen i18n update' "
                                         "(or 'docgen i18n init' for a new language)"),)
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return (), (Problem(shown, line, "not UTF-8 text"),)
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
    if problems:
        raise DocgenError(problems)
    return Translations(str(path), {e.key: e for e in entries
                                    if not e.is_header and not e.obsolete})


# -- extraction ---------------------------------------------------------------------------

def _source_formatter(locales: Path) -> Any:
    """German as the documents write it: its house style, its ui catalog's patterns."""
    from ..formatting import PATTERNS, Formatter
    from .languages import load_languages
    german = load_languages(locales).get(CONTENT.source_lang)
    if german is None:
        return Formatter("de_BE")
    patterns = {}
    if po_path(locales, german.code, UI).exists():
        ui = load(locales, german.code, UI)
        for key, msgid in PATTERNS.items():
            found, reason = ui.lookup(msgid)
            if reason is None:
                patterns[key] = found[0]
    return Formatter(german.locale, german.style, patterns)


def _content_catalog(doc: Document, root: Path, locales: Path) -> Catalog:
    catalog = _catalog(CONTENT, None, "template of the content texts (German source)")
    source = _source_formatter(locales)
    path = Path(doc.path)
    shown = path.relative_to(root).as_posix() if path.is_absolute() else path.as_posix()
    # Highlight labels print on figure cards (display); every other text is running text.
    display = {id(h.label) for h in doc.at_a_glance}
    display |= {id(h.label) for p in doc.partnerships for h in p.highlights}
    for text in doc.texts():
        comments = []
        slot = "display" if id(text) in display else "running"
        where = "on a display" if slot == "display" else "in running text"
        for name in dict.fromkeys(text.placeholders):
            figure = text.figures[name]
            comments.append(f'{{{name}}} = {FIGURE_WORDS[figure.kind]}; {where}, '
                            f'e.g. "{source.figure(figure, slot)}"')
        if text.context == "place":
            comments.append("A place name: translate it where the language has its own name.")
        known = catalog.get(text.msgid, text.context)
        if known is not None:
            known.locations.append((shown, text.line))
            continue
        catalog.add(text.msgid, locations=[(shown, text.line)], auto_comments=comments,
                    context=text.context)
    return catalog


def _ui_catalog(root: Path) -> Catalog:
    from babel.messages.extract import extract_from_file
    from jinja2.ext import babel_extract
    catalog = _catalog(UI, None, "template of the labels (English source)")
    code = Path(__file__).resolve().parent.parent          # the docgen package
    sources = [(p, root) for p in sorted((root / "templates").glob("*.html"))]
    sources += [(p, code.parent.parent) for p in
                [code / "localise.py", *sorted((code / "render").glob("*.py"))]]
    for path, base in sources:
        method: Any = babel_extract if path.suffix == ".html" else "python"
        found = extract_from_file(method, str(path), keywords=KEYWORDS,
                                  comment_tags=("Translators:",), options={"trimmed": "true"})
        for line, msgid, comments, context in found:
            catalog.add(msgid, locations=[(path.relative_to(base).as_posix(), line)],
                        auto_comments=comments, context=context)
    return catalog


def _write_if_changed(catalog: Catalog, path: Path, **options: object) -> bool:
    """Write a PO/POT file unless only its dates would change (keeps diffs honest)."""
    from babel.messages.pofile import write_po
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=90, include_previous=True, **options)  # type: ignore[arg-type]
    new = buffer.getvalue()

    def body(data: bytes) -> list[bytes]:
        return [ln for ln in data.splitlines() if not ln.startswith((b'"POT-Creation-Date',
                                                                     b'"PO-Revision-Date'))]
    if path.exists() and body(path.read_bytes()) == body(new):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(new)
    return True


def extract(doc: Document, root: Path, locales: Path) -> list[Path]:
    """Write content.pot (from the data) and ui.pot (from templates and renderers)."""
    written = []
    for domain, catalog in ((CONTENT, _content_catalog(doc, root, locales)),
                            (UI, _ui_catalog(root))):
        path = pot_path(locales, domain)
        if _write_if_changed(catalog, path, omit_header=False):
            written.append(path)
    return written


# -- update and init ----------------------------------------------------------------------

def _message(entry: po.Entry, plural: bool, nplurals: int) -> Any:
    """A translator's entry as Babel's Message (for writing), keeping every field."""
    from babel.messages.catalog import Message
    msgid: Any = (entry.msgid, entry.msgid_plural) if entry.msgid_plural is not None \
        else entry.msgid
    string: Any = tuple(entry.msgstr) if plural else (entry.msgstr or [""])[0]
    if plural and len(string) < nplurals:
        string = string + ("",) * (nplurals - len(string))
    previous = po.previous_msgid(entry)
    return Message(msgid, string, [], set(entry.flags), list(entry.extracted),
                   list(entry.comments), previous_id=[previous] if previous else [],
                   context=entry.msgctxt)


def _merge(template: Catalog, old: list[po.Entry], language: Language, domain: Domain
           ) -> tuple[Catalog, dict[str, int]]:
    """Template + the old catalog's entries → new catalog. No translation is ever lost.

    Same context and msgid: kept (an obsolete one comes back). Same (data-path) context,
    new msgid: fuzzy, with the previous msgid kept (``#| msgid``). New: empty. Gone, but
    translated: obsolete (``#~``).
    """
    from babel.messages.catalog import Message

    # Language and Plural-Forms come from the language code (CLDR plural rules).
    new = _catalog(domain, language.code, f"{language.name} {domain.name} catalog")
    head = next((e for e in old if e.is_header), None)
    if head is not None and head.msgstr:
        keep = [f"{k}: {v}" for k, v in po.header(old).items()
                if k in ("Last-Translator", "Language-Team", "PO-Revision-Date")]
        new.mime_headers = [tuple(line.split(": ", 1)) for line in keep]  # type: ignore[misc]
    olds = {e.key: e for e in old if not e.is_header}
    by_context: dict[str, list[po.Entry]] = {}
    for e in olds.values():
        if e.msgctxt and not e.obsolete:
            by_context.setdefault(e.msgctxt, []).append(e)
    stats = {"kept": 0, "fuzzy": 0, "new": 0, "obsolete": 0}
    used = set()
    for message in template:
        if not message.id:
            continue
        plural = isinstance(message.id, tuple)
        msgid: str = message.id[0] if plural else message.id  # type: ignore[assignment]
        fresh = Message(message.id, ("",) * new.num_plurals if plural else "",
                        list(message.locations), set(message.flags),
                        list(message.auto_comments), [], context=message.context)
        previous = olds.get((message.context, msgid))
        moved = by_context.get(message.context or "", [])
        if previous is not None:                       # unchanged source text
            kept = _message(previous, plural, new.num_plurals)
            fresh.string, fresh.previous_id = kept.string, kept.previous_id
            fresh.flags |= {f for f in previous.flags if f == "fuzzy"}
            stats["kept"] += 1
        elif len(moved) == 1:                          # same place, new source text
            previous = moved[0]
            if any(previous.msgstr):
                kept = _message(previous, plural, new.num_plurals)
                fresh.string = kept.string
                fresh.flags.add("fuzzy")
                fresh.previous_id = [previous.msgid]
                stats["fuzzy"] += 1
            else:
                stats["new"] += 1
        else:
            stats["new"] += 1
        if previous is not None:
            fresh.user_comments = list(previous.comments)
            used.add(previous.key)
        new[message.id] = fresh
    for key, e in olds.items():
        if key not in used and any(e.msgstr):
            m = _message(e, e.msgid_plural is not None, new.num_plurals)
            new.obsolete[(m.id, m.context) if m.context else m.id] = m
            stats["obsolete"] += 0 if e.obsolete else 1
    return new, stats


def update(locales: Path, languages: list[Language], init: bool = False
           ) -> list[tuple[Path, dict[str, int]]]:
    """Merge each template into each language's catalogs (``init``: create them)."""
    from babel.messages.pofile import read_po
    report = []
    for language in languages:
        for domain in language.domains():
            template_path = pot_path(locales, domain)
            if not template_path.exists():
                raise DocgenError([Problem(str(template_path), None,
                                           "template missing: run 'docgen i18n extract'")])
            with template_path.open("rb") as handle:
                template = read_po(handle)
            path = po_path(locales, language.code, domain)
            old: list[po.Entry] = []
            if path.exists():
                old, problems = read_entries(path)
                if problems:
                    raise DocgenError(problems)
            elif not init:
                raise DocgenError([Problem(str(path), None, "catalog missing: run 'docgen "
                                           f"i18n init --lang {language.code}'")])
            catalog, stats = _merge(template, old, language, domain)
            _write_if_changed(catalog, path)
            report.append((path, stats))
    return report


__all__ = ["DOMAINS", "Translations", "extract", "load", "update", "po_path", "pot_path"]
