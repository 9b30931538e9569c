"""Extract, update, init and load the catalogs (PO files are read directly, no .mo)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DocgenError, Problem
from ..source.yamllimits import MAX_BYTES
from . import plurals, po
from .languages import CONTENT, DOMAINS, UI, Domain, Language

if TYPE_CHECKING:       # Babel's catalog tools and Jinja load only to extract or update,
    from babel.messages.catalog import Catalog  # so a build's gate stays quick to start.

    from ..source.model import Document

KEYWORDS = {"_": None, "gettext": None, "raw": None, "ngettext": (1, 2)}
TWO_FORMS = "nplurals=2; plural=(n != 1);"
FIGURE_WORDS = {"count": "a number", "money": "an amount of money", "percent": "a percentage",
                "area_m2": "an area", "year": "a year", "years": "a range of years",
                "at_least": "a minimum", "url": "a web address",
                "words": "a number in words", "target": "a target year",
                "as_of": "the year the statement dates from"}


def _catalog(domain: Domain) -> Catalog:
    from babel.messages.catalog import Catalog
    return Catalog(domain=domain.name, fuzzy=False)


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
    value = po.header(entries).get("Plural-Forms")
    if value is None and not any(e.msgid_plural is not None for e in entries):
        return plurals.parse(TWO_FORMS)
    try:
        return plurals.parse(value)
    except ValueError as exc:
        line = next((e.line for e in entries if e.is_header), 1)
        problems.append(Problem(path, line, str(exc)))
        return None


# -- extraction ---------------------------------------------------------------------------

def _source_formatter(locales: Path) -> Any:
    """German as the documents write it: its house style, its ui catalog's patterns."""
    from ..localise.formatting import PATTERNS, Formatter
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
    catalog = _catalog(CONTENT)
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
    catalog = _catalog(UI)
    code = Path(__file__).resolve().parent.parent          # the docgen package
    sources = [(p, root) for p in sorted((root / "templates").glob("*.html"))]
    sources += [(p, code.parent.parent) for p in
                [*sorted(p for stage in ("localise", "render", "proof", "release")
                         for p in (code / stage).glob("*.py"))]]
    for path, base in sources:
        method: Any = babel_extract if path.suffix == ".html" else "python"
        found = extract_from_file(method, str(path), keywords=KEYWORDS,
                                  comment_tags=("Translators:",), options={"trimmed": "true"})
        for line, msgid, comments, context in found:
            catalog.add(msgid, locations=[(path.relative_to(base).as_posix(), line)],
                        auto_comments=comments, context=context)
    return catalog


WHAT = {CONTENT.name: "template of the content texts (German source)",
        UI.name: "template of the labels (English source)"}
DATES = (b'"POT-Creation-Date', b'"PO-Revision-Date')


def write_if_changed(entries: list[po.Entry], path: Path) -> bool:
    """Write a PO/POT file unless only its dates would change (keeps diffs honest)."""
    from ..files import write_atomic
    new = po.dump(entries).encode("utf-8")

    def body(data: bytes) -> list[bytes]:
        return [ln for ln in data.removeprefix(b"\xef\xbb\xbf").splitlines()
                if not ln.startswith(DATES)]
    if path.exists() and body(path.read_bytes()) == body(new):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, new)
    return True


def _template(catalog: Catalog, domain: Domain, edition: dt.datetime) -> list[po.Entry]:
    """Babel's extracted messages as the template's entries (one writer: ``po.dump``)."""
    from .merge import comments, header_entry, template_fields
    fields = template_fields(edition.strftime("%Y-%m-%d %H:%M+0000"), domain.source_lang)
    out = [header_entry(fields, comments(WHAT[domain.name]), canonical=True)]
    for m in catalog:
        if not m.id:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        where = sorted(m.locations, key=lambda x: (x[0], x[1] or -1))
        out.append(po.Entry(line=0, msgctxt=m.context, msgid=ids[0],
                            msgid_plural=ids[1] if len(ids) > 1 else None,
                            msgstr=[""] * len(ids), flags=set(m.flags),
                            extracted=list(m.auto_comments),
                            references=list(dict.fromkeys(f"{f}:{n}" if n else f
                                                          for f, n in where))))
    return out


def extract(doc: Document, root: Path, locales: Path, edition: dt.datetime | None = None
            ) -> list[Path]:
    """Write content.pot (from the data) and ui.pot (from templates and renderers).

    ``POT-Creation-Date`` is the edition date (never the clock), written only when the
    texts changed.
    """
    if edition is None:
        from ..project import Project
        edition = Project(root).edition()
    written = []
    for domain, catalog in ((CONTENT, _content_catalog(doc, root, locales)),
                            (UI, _ui_catalog(root))):
        path = pot_path(locales, domain)
        if write_if_changed(_template(catalog, domain, edition), path):
            written.append(path)
    return written


# -- update and init ----------------------------------------------------------------------

def write_entries(locales: Path, language: Language, domain: Domain,
                  entries: list[po.Entry]) -> bool:
    """Write a catalog's (edited) entries back, merged with its template as ``update`` does;
    an edited entry must have its ``raw`` text cleared. Returns whether the file changed."""
    from .merge import merge
    template, problems = read_entries(pot_path(locales, domain))
    if problems:
        raise DocgenError(problems)
    merged, _stats = merge(template, entries, language, domain)
    return write_if_changed(merged, po_path(locales, language.code, domain))


def update(locales: Path, languages: list[Language], init: bool = False,
           reformat: bool = False) -> list[tuple[Path, dict[str, int]]]:
    """Merge each template into each language's catalogs (``init``: create them).

    ``reformat`` writes every entry as msgcat does, whatever tool saved it last.
    """
    from .merge import merge
    report = []
    for language in languages:
        for domain in language.domains():
            template_path = pot_path(locales, domain)
            if not template_path.exists():
                raise DocgenError([Problem(str(template_path), None,
                                           "template missing: run 'docgen i18n extract'")])
            template, problems = read_entries(template_path)
            path = po_path(locales, language.code, domain)
            old: list[po.Entry] = []
            if path.exists():
                old, more = read_entries(path)
                problems += more
            elif not init:
                problems.append(Problem(str(path), None, "catalog missing: run 'docgen "
                                        f"i18n init --lang {language.code}'"))
            if problems:
                raise DocgenError(problems)
            entries, stats = merge(template, old, language, domain, reformat)
            write_if_changed(entries, path)
            report.append((path, stats))
    return report


__all__ = ["DOMAINS", "Translations", "extract", "load", "update", "po_path", "pot_path"]
