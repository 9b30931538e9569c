"""XLIFF 1.2 for translation agencies, through translate-toolkit's XLIFF API.

Export: one file per catalog (``content-fr.xlf``, ``ui-fr.xlf``); the source language is the
catalog's own (German for content, English for ui), the msgctxt is each unit's id and resname
(a ui label, which has none, uses its source text), the ``#.`` notes travel as developer notes,
and every ``{placeholder}`` is a protected inline code ``<ph>`` that tools do not let a
translator change. A fuzzy entry is exported as needing review.

Import: each unit goes back to the entry it came from, through the same gate as a PO edit.
Nothing is dropped silently: a unit that cannot be placed (unknown id, a source text that
changed since the export), a broken placeholder or an empty target is reported at its line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..source.model import PLACEHOLDER
from . import po

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
SKELETON = f"""<?xml version="1.0" ?>
<xliff version='1.2' xmlns='{NAMESPACE}'>
<file original='NoName' source-language='en' datatype='plaintext'>
<body>
</body>
</file>
</xliff>"""
PLURAL = "x-gettext-plurals"


def _classes() -> tuple[Any, Any]:
    """translate-toolkit's XLIFF 1.x classes, speaking version 1.2."""
    from translate.storage import xliff

    class Unit12(xliff.xliffunit):
        namespace = NAMESPACE

    class File12(xliff.xlifffile):
        UnitClass = Unit12
        XMLskeleton = SKELETON
        namespace = NAMESPACE

    return Unit12, File12


def rich(text: str) -> list[Any]:
    """Text with each ``{placeholder}`` as a protected ``<ph>`` code."""
    from translate.storage.placeables import xliff as codes
    from translate.storage.placeables.strelem import StringElem

    parts: list[Any] = []
    last = 0
    for number, match in enumerate(PLACEHOLDER.finditer(text), start=1):
        if match.start() > last:
            parts.append(text[last:match.start()])
        parts.append(codes.Ph(id=str(number), sub=[match.group(0)]))
        last = match.end()
    if last < len(text):
        parts.append(text[last:])
    return [StringElem(parts)]


def unit_ids(entries: list[po.Entry]) -> dict[tuple[str | None, str], str]:
    """Each entry's unit id: its msgctxt; where entries share one (place names), the
    msgctxt and the source text; a ui label, which has no msgctxt, its source text.

    >>> ids = unit_ids([po.Entry(1, "Seneffe", "place"), po.Entry(2, "Gosselies", "place"),
    ...                 po.Entry(3, "Ziele", "partnerships.a.lists[0].title")])
    >>> list(ids.values())
    ['place/Seneffe', 'place/Gosselies', 'partnerships.a.lists[0].title']
    """
    live = [e for e in entries if not e.is_header and not e.obsolete]
    shared = {e.msgctxt for e in live if sum(o.msgctxt == e.msgctxt for o in live) > 1}
    return {e.key: e.msgid if e.msgctxt is None else
            f"{e.msgctxt}/{e.msgid}" if e.msgctxt in shared else e.msgctxt for e in live}


def export(entries: list[po.Entry], domain: str, source_lang: str, target_lang: str) -> bytes:
    """An XLIFF 1.2 document of a catalog's entries (obsolete ones left out)."""
    unit_class, file_class = _classes()
    store = file_class(sourcelanguage=source_lang)
    store.settargetlanguage(target_lang)
    store.setfilename(store.getfilenode("NoName"), f"{domain}.po")
    ids = unit_ids(entries)
    for entry in entries:
        if entry.is_header or entry.obsolete:
            continue
        forms = entry.msgstr or [""]
        sources = [entry.msgid] if entry.msgid_plural is None else \
            [entry.msgid] + [entry.msgid_plural] * (len(forms) - 1)
        for index, (source, target) in enumerate(zip(sources, forms, strict=True)):
            unit = unit_class("")
            unit.rich_source = rich(source)
            if target:
                unit.set_rich_target(rich(target), target_lang)
            name = ids[entry.key]
            unit.setid(name if entry.msgid_plural is None else f"{name}[{index}]")
            unit.xmlelement.set("resname", entry.msgctxt or entry.msgid)
            if entry.msgid_plural is not None:
                unit.xmlelement.set("restype", PLURAL)
            for note in entry.extracted:
                unit.addnote(note, origin="developer")
            for note in entry.comments:
                unit.addnote(note, origin="translator")
            if target:
                unit.markapproved(not entry.fuzzy)
                unit.get_target_dom().set("state", "needs-review-translation" if entry.fuzzy
                                          else "translated")
            store.addunit(unit)
    return bytes(store)


@dataclass(frozen=True)
class Imported:
    """What an XLIFF file says: its catalog, language and translations by entry."""

    domain: str
    language: str
    translations: dict[tuple[str | None, str], tuple[list[str], bool]]
    lines: dict[tuple[str | None, str], int]
    problems: list[Problem]


def read(path: Path, entries: list[po.Entry]) -> Imported:
    """Match an XLIFF file's units to a catalog's ``entries``; report what does not fit."""
    _unit_class, file_class = _classes()
    shown = path.name
    store = file_class.parsestring(path.read_bytes())
    node = next(store.document.getroot().iterchildren(store.namespaced("file")))
    domain = (node.get("original") or "").removesuffix(".po")
    language = node.get("target-language") or ""
    by_key = {e.key: e for e in entries}
    by_id = {name: by_key[key] for key, name in unit_ids(entries).items()}
    problems: list[Problem] = []
    found: dict[tuple[str | None, str], tuple[list[str], bool]] = {}
    lines: dict[tuple[str | None, str], int] = {}
    for unit in store.units:
        if unit.isheader():
            continue
        line = unit.xmlelement.sourceline
        name = unit.xmlelement.get("id", "")
        index = 0
        if unit.xmlelement.get("restype") == PLURAL and name.endswith("]"):
            name, _, number = name[:-1].rpartition("[")
            index = int(number) if number.isdigit() else 0
        entry = by_id.get(name)
        source = str(unit.source or "")
        expected = None if entry is None else (
            entry.msgid if index == 0 or entry.msgid_plural is None else entry.msgid_plural)
        if entry is None or source != expected:
            problems.append(Problem(shown, line, f"unit {name!r} matches no text of the "
                                    f"catalog (its source text changed or it was removed); "
                                    f"not imported", warning=True))
            continue
        target = str(unit.target or "")
        if not target:
            if any(entry.msgstr):
                problems.append(Problem(shown, line, f"unit {name!r} has no translation; the "
                                        "catalog's translation is kept", warning=True))
            continue
        codes = [str(code) for code in _codes(unit)]
        if sorted(PLACEHOLDER.findall(target)) != sorted(PLACEHOLDER.findall(source)) or \
                any(not PLACEHOLDER.fullmatch(code) for code in codes):
            problems.append(Problem(shown, line, f"unit {name!r}: the placeholders of the "
                                    f"translation ({_shown(target)}) are not those of the "
                                    f"source ({_shown(source)}); not imported"))
            continue
        forms, fuzzy = found.get(entry.key, (list(entry.msgstr), False))
        while len(forms) <= index:
            forms.append("")
        forms[index] = target
        found[entry.key] = (forms, fuzzy or _needs_review(unit))
        lines.setdefault(entry.key, line)
    return Imported(domain, language, found, lines, problems)


def _shown(text: str) -> str:
    """
    >>> _shown("{a} und {b}")
    '{a}, {b}'
    """
    return ", ".join(f"{{{name}}}" for name in PLACEHOLDER.findall(text)) or "none"


def _needs_review(unit: Any) -> bool:
    """A target an agency's tool has not confirmed: its ``state`` says so (needs-…, new),
    or, where the tool writes no state, the unit is marked ``approved="no"``."""
    target = unit.get_target_dom()
    state = target.get("state") if target is not None else None
    if state:
        return state.startswith("needs-") or state == "new"
    return unit.xmlelement.get("approved") == "no"


def _codes(unit: Any) -> list[Any]:
    """The inline codes (``<ph>`` …) of a unit's target."""
    out = []
    for element in unit.rich_target:
        out += [e for e in element.flatten() if e.__class__.__name__ != "StringElem"]
    return out


def apply(entries: list[po.Entry], imported: Imported, lang: str, shown: str
          ) -> tuple[list[po.Entry], int, list[Problem]]:
    """The catalog's entries with the imported translations (new Entry objects: the cached
    ones stay as read), how many changed, and what the gate finds in them (placed at the
    XLIFF unit's line)."""
    from .rules import check_entry

    out, changed, problems = [], 0, []
    for entry in entries:
        found = imported.translations.get(entry.key)
        if entry.is_header or entry.obsolete or found is None or \
                (found[0] == entry.msgstr and found[1] == entry.fuzzy):
            out.append(entry)
            continue
        forms, fuzzy = found
        flags = (entry.flags | {"fuzzy"}) if fuzzy else (entry.flags - {"fuzzy"})
        edited = replace(entry, msgstr=list(forms), flags=flags,
                         raw=None)            # written anew, as msgcat writes an entry
        out.append(edited)
        changed += 1
        line = imported.lines[entry.key]
        problems += [Problem(shown, line, p.message, p.warning)
                     for p in check_entry(edited, lang, shown)]
    return out, changed, problems


def read_header(path: Path) -> tuple[str, str]:
    """The catalog (``content``/``ui``) and target language an XLIFF file is for."""
    _unit_class, file_class = _classes()
    try:
        store = file_class.parsestring(path.read_bytes())
    except Exception as exc:  # lxml's syntax errors and translate-toolkit's ValueErrors
        raise ValueError(f"not a readable XLIFF 1.x file ({exc})") from None
    node = next(store.document.getroot().iterchildren(store.namespaced("file")), None)
    if node is None:
        raise ValueError("an XLIFF file without a <file> element")
    return (node.get("original") or "").removesuffix(".po"), node.get("target-language") or ""
