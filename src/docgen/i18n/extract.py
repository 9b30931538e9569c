"""``i18n extract``: the templates ``content.pot`` (the source's texts) and ``ui.pot`` (the
labels of the layout), made as ``po.Entry`` lists and written by ``po``'s one writer.

Extraction is handed its inputs: the loaded source, the files to scan for labels (templates
and code, each with the name its ``#:`` lines give), a function that prints a figure as the
source language does (for the ``#.`` examples) and the edition date. It reads no code by path
and imports no higher stage.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from ..source.model import Document, Figure
from . import po
from .catalogs import pot_path
from .header import comments, header_entry, template_fields
from .languages import CONTENT, UI, Domain
from .update import write_if_changed

KEYWORDS = {"_": None, "gettext": None, "raw": None, "ngettext": (1, 2)}
FIGURE_WORDS = {"count": "a number", "money": "an amount of money", "percent": "a percentage",
                "area_m2": "an area", "year": "a year", "years": "a range of years",
                "at_least": "a minimum", "url": "a web address",
                "words": "a number in words", "target": "a target year",
                "as_of": "the year the statement dates from"}
WHAT = {CONTENT.name: "template of the content texts (German source)",
        UI.name: "template of the labels (English source)"}
# printf conversions as Babel flags them "python-format" (its PYTHON_FORMAT).
PRINTF = re.compile(r"%(?:\(\w*\))?[-#0 +]?(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrs%]")
# A figure as the source language prints it in a slot ("running" or "display").
Example = Callable[[Figure, str], str]


@dataclass(frozen=True)
class Scanned:
    """A template or code file to extract labels from, and its name in ``#:`` lines."""

    path: Path
    name: str


def extract(locales: Path, *, doc: Document, doc_name: str, scan: list[Scanned],
            example: Example, edition: dt.datetime) -> list[Path]:
    """Write content.pot (from ``doc``) and ui.pot (from ``scan``, in that order).

    ``POT-Creation-Date`` is the edition date (never the clock), written only when the
    texts changed.
    """
    written = []
    for domain, entries in ((CONTENT, content_entries(doc, doc_name, example)),
                            (UI, label_entries(scan))):
        path = pot_path(locales, domain)
        if write_if_changed(template(entries, domain, edition), path):
            written.append(path)
    return written


def template(entries: list[po.Entry], domain: Domain, edition: dt.datetime) -> list[po.Entry]:
    """A template: its header (dated by the edition), then the entries."""
    fields = template_fields(edition.strftime("%Y-%m-%d %H:%M+0000"), domain.source_lang)
    return [header_entry(fields, comments(WHAT[domain.name]), canonical=True), *entries]


def content_entries(doc: Document, doc_name: str, example: Example) -> list[po.Entry]:
    """One entry per text of the source; each placeholder explained with an example."""
    # Highlight labels print on figure cards (display); every other text is running text.
    display = {id(h.label) for h in doc.at_a_glance}
    display |= {id(h.label) for p in doc.partnerships for h in p.highlights}
    found: dict[tuple[str | None, str], _Found] = {}
    for text in doc.texts():
        known = found.get((text.context, text.msgid))
        if known is not None:               # the same text twice: one entry, both places
            known.places.append((doc_name, text.line))
            continue
        slot = "display" if id(text) in display else "running"
        where = "on a display" if slot == "display" else "in running text"
        notes = [f'{{{name}}} = {FIGURE_WORDS[text.figures[name].kind]}; {where}, '
                 f'e.g. "{example(text.figures[name], slot)}"'
                 for name in dict.fromkeys(text.placeholders)]
        if text.context == "place":
            notes.append("A place name: translate it where the language has its own name.")
        found[(text.context, text.msgid)] = _Found([text.msgid], text.context,
                                                   [(doc_name, text.line)], _collapse(notes))
    return [f.entry() for f in found.values()]


def label_entries(scan: Iterable[Scanned]) -> list[po.Entry]:
    """The labels marked in templates (Jinja) and code (``_``, ``raw``, ``ngettext``), with
    their ``Translators:`` comments; a label found in several places is one entry."""
    found: dict[tuple[str | None, str], _Found] = {}
    for source in scan:
        for line, message, notes, context in _scan(source.path):
            ids = [message] if isinstance(message, str) else list(message)
            if not ids[0]:
                continue
            known = found.get((context, ids[0]))
            if known is None:
                found[(context, ids[0])] = _Found(ids, context, [(source.name, line)],
                                                  _collapse(notes))
                continue
            if len(ids) > 1 and len(known.ids) == 1:     # the label gains its plural
                known.ids = ids
            known.places.append((source.name, line))
            known.notes = list(dict.fromkeys([*known.notes, *notes]))
            known.flags |= format_flags(ids)
    return [f.entry() for f in found.values()]


def _scan(path: Path) -> list[tuple[int, Any, list[str], str | None]]:
    """Babel's extractors (Jinja's for templates, Python's for code) over one file."""
    from babel.messages.extract import extract_from_file
    from jinja2.ext import babel_extract
    method: Any = babel_extract if path.suffix == ".html" else "python"
    return list(extract_from_file(method, str(path), keywords=KEYWORDS,
                                  comment_tags=("Translators:",), options={"trimmed": "true"}))


@dataclass
class _Found:
    ids: list[str]                                  # msgid (and msgid_plural)
    context: str | None
    places: list[tuple[str, int]]
    notes: list[str]                                # the "#." comments
    flags: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.flags |= format_flags(self.ids)

    def entry(self) -> po.Entry:
        where = sorted(dict.fromkeys(self.places), key=lambda x: (x[0], x[1] or -1))
        return po.Entry(line=0, msgctxt=self.context, msgid=self.ids[0],
                        msgid_plural=self.ids[1] if len(self.ids) > 1 else None,
                        msgstr=[""] * len(self.ids), flags=set(self.flags),
                        extracted=list(self.notes),
                        references=list(dict.fromkeys(f"{f}:{n}" if n else f
                                                      for f, n in where)))


def _collapse(notes: Iterable[str]) -> list[str]:
    """Comments with consecutive repeats dropped (a comment above two marked lines)."""
    return [note for note, _ in groupby(notes)]


def format_flags(ids: list[str]) -> set[str]:
    """The format flags of a source text, as xgettext and Babel set them.

    >>> sorted(format_flags(["Seite {page} von {pages}"])), format_flags(["50 %"])
    (['python-brace-format'], set())
    >>> format_flags(["%(count)d items"])
    {'python-format'}
    """
    flags = set()
    if any(PRINTF.search(text) for text in ids):
        flags.add("python-format")
    if any(_brace_format(text) for text in ids):
        flags.add("python-brace-format")
    return flags


def _brace_format(text: str) -> bool:
    if "{" not in text:
        return False
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(text)]
    except ValueError:
        return False
    return any(name is not None for name in fields)


__all__ = ["Scanned", "content_entries", "extract", "label_entries"]
