r"""PO files: a strict reader and the project's one writer, both as GNU gettext has them.

The reader rejects what ``msgfmt --check`` rejects (Babel's ``read_po`` reads an unterminated
``msgstr "Partenaire`` as ``Partenair``), says in words what is wrong and where, and keeps each
entry's text as written. The writer (``dump``) writes an unchanged entry exactly as the last
tool wrote it and any other as msgcat does (79 columns), so Poedit, Weblate and msgcat saves
and ``docgen i18n update`` do not rewrite each other's lines. Extraction makes these entries
too: ``Entry`` is docgen's one model of a PO entry, for .po and .pot alike.

>>> parse('msgid "a"\nmsgstr "b"\n', "x.po")[0][0].msgstr
['b']
>>> print(parse('msgid "a"\nmsgstr "Partenaire\n', "x.po")[1][0].message)
a quotation mark " is missing at the end of this line (unterminated string)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import Problem
from .linebreak import breaks, cuts
from .quoting import QUOTE, escape, previous_fields, unquote

_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[(\d+)\])?)\s+(".*)$')
WIDTH = 79                                  # gettext's page width


@dataclass
class Entry:
    line: int
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    comments: list[str] = field(default_factory=list)   # "# " the translator's own
    extracted: list[str] = field(default_factory=list)  # "#." from the template
    references: list[str] = field(default_factory=list)
    previous: list[str] = field(default_factory=list)   # "#|" lines
    obsolete: bool = False
    msgstr_line: int = 0
    raw: str | None = field(default=None, compare=False)   # the text as read, if unchanged

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr) and not self.fuzzy

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None


def parse(text: str, path: str) -> tuple[list[Entry], list[Problem]]:
    """Read PO text into entries; problems name the file and line. A BOM is accepted."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    entry: Entry | None = None
    target: tuple[str, int] | None = None      # the field continuation strings extend
    pending = Entry(line=0)                    # comments and flags before the next msgid
    seen_msgid = False
    # Only "\n" ends a line (splitlines() would also split at U+2028 and shift line numbers).
    lines = [raw.removesuffix("\r") for raw in text.removeprefix("\ufeff").split("\n")]
    first = last = 0                           # the current entry's lines, for Entry.raw

    def finish() -> None:
        nonlocal entry
        if entry is not None:
            if not entry.msgstr:
                problems.append(Problem(path, entry.line, "this entry has no msgstr line: add "
                                        'msgstr "" below its msgid'))
            entry.raw = "\n".join(lines[first - 1:last])
            entries.append(entry)
        entry = None

    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line or (obsolete and line.startswith("|")):
            if line:
                pending.line = pending.line or number
            elif not obsolete:
                target = None
            continue
        if line.startswith("#") and not obsolete:
            if entry is not None and target is not None:
                finish()
                target = None
            pending.line = pending.line or number
            kind, rest = line[:2], line[2:].strip()
            if kind == "#,":
                pending.flags |= {f.strip() for f in rest.split(",") if f.strip()}
            elif kind == "#:":
                pending.references += rest.split()
            elif kind == "#|":
                pending.previous.append(rest)
            elif kind == "#.":
                pending.extracted.append(rest)
            elif kind == "# " or line == "#":
                pending.comments.append(rest)
            continue
        if line.startswith('"'):
            if target is None or entry is None:
                problems.append(Problem(path, number, "a quoted string with no msgid or msgstr "
                                        "above it: join it to the entry or delete it"))
                continue
            value = unquote(line, path, number, problems)
            if value is not None:
                _append(entry, target, value)
            last = number
            continue
        match = _KEYWORD.match(line)
        if not match:
            problems.append(Problem(path, number, "this line is not PO: each line starts with "
                                    "msgid, msgstr, msgctxt, a quoted string or # (found "
                                    f"{raw.strip()[:40]!r})"))
            target = None
            continue
        keyword, index, rest = match.groups()
        value = unquote(rest, path, number, problems)
        starts = keyword == "msgctxt" or (keyword == "msgid" and (
            entry is None or bool(entry.msgstr) or seen_msgid))
        if starts:
            finish()
            first = pending.line or number
            entry = Entry(line=number, flags=pending.flags, comments=pending.comments,
                          extracted=pending.extracted, references=pending.references,
                          previous=pending.previous, obsolete=obsolete)
            pending = Entry(line=0)
            seen_msgid = False
        if entry is None:
            problems.append(Problem(path, number, f"{keyword} without a msgid above it"))
            continue
        last = number
        if keyword == "msgid":
            seen_msgid = True
        if keyword.startswith("msgstr"):
            slot = int(index) if index is not None else 0
            if slot != len(entry.msgstr):
                problems.append(Problem(path, number, f"{keyword} is out of order: number the "
                                        "plural forms msgstr[0], msgstr[1] … in order"))
            entry.msgstr.append("")
            entry.msgstr_line = entry.msgstr_line or number
            target = ("msgstr", len(entry.msgstr) - 1)
        else:
            target = (keyword, 0)
            setattr(entry, keyword, "")
        if value is not None:
            _append(entry, target, value)
    finish()
    return entries, problems


def _append(entry: Entry, target: tuple[str, int], value: str) -> None:
    name, slot = target
    if name == "msgstr":
        entry.msgstr[slot] += value
    else:
        setattr(entry, name, (getattr(entry, name) or "") + value)


def previous_msgid(entry: Entry) -> str | None:
    """The source text a fuzzy entry was translated from (its ``#| msgid`` lines)."""
    return next((value for key, value in previous_fields(entry.previous) if key == "msgid"),
                None)


# -- the writer ----------------------------------------------------------------------------

def wrap(keyword: str, value: str, prefix: str = "") -> list[str]:
    r"""One keyword and its string as msgcat writes them (``write-po.c``'s ``wrap``).

    >>> wrap("msgid", "Zeile\nZweite")
    ['msgid ""', '"Zeile\\n"', '"Zweite"']
    """
    out: list[str] = []
    first = True
    portions = re.findall(r"[^\n]*\n|[^\n]+", value) or [""]
    for number, portion in enumerate(portions):
        escaped = escape(portion)
        allowed = breaks(escaped)
        i = 0
        for ch in portion:              # never inside an escape sequence
            if ch in QUOTE:
                allowed[i + 1] = False
            i += len(QUOTE.get(ch, ch))
        if portion.endswith("\n"):      # nor just before the final \n
            allowed[-2] = False
        width = WIDTH - 1 - len(prefix) - 1
        start = len(keyword) + 1 if first else 0
        at = cuts(escaped, allowed, width, start)
        if first and escaped and (number < len(portions) - 1 or start > width or at):
            out.append(f'{prefix}{keyword} ""')
            first, start = False, 0
            at = cuts(escaped, allowed, width, start)
        bounds = [0, *at, len(escaped)]
        for j in range(len(bounds) - 1):
            lead = f"{prefix}{keyword} " if first and j == 0 else prefix
            out.append(f'{lead}"{escaped[bounds[j]:bounds[j + 1]]}"')
        first = False
    return out


def _references(refs: list[str]) -> list[str]:
    lines, line = [], "#:"
    for ref in refs:
        if len(line) > 2 and len(line) + len(ref) + 1 > WIDTH:
            lines.append(line)
            line = "#:"
        line += " " + ref
    return lines + ([line] if refs else [])


def format_entry(entry: Entry) -> str:
    """One entry as msgcat writes it (comments, references, flags, #|, then the strings)."""
    out = [f"# {c}".rstrip() for c in entry.comments]
    if not entry.obsolete:
        out += [f"#. {c}".rstrip() for c in entry.extracted]
        out += _references(list(dict.fromkeys(entry.references)))
    flags = sorted(entry.flags - {"fuzzy"})
    if entry.flags:
        out.append("#, " + ", ".join((["fuzzy"] if entry.fuzzy else []) + flags))
    prefix = "#~ " if entry.obsolete else ""
    for keyword, value in previous_fields(entry.previous):
        out += wrap(keyword, value, "#~| " if entry.obsolete else "#| ")
    if entry.msgctxt is not None:
        out += wrap("msgctxt", entry.msgctxt, prefix)
    out += wrap("msgid", entry.msgid, prefix)
    if entry.msgid_plural is None:
        out += wrap("msgstr", (entry.msgstr or [""])[0], prefix)
    else:
        out += wrap("msgid_plural", entry.msgid_plural, prefix)
        for index, text in enumerate(entry.msgstr or [""]):
            out += wrap(f"msgstr[{index}]", text, prefix)
    return "\n".join(out)


def dump(entries: list[Entry]) -> str:
    """A whole catalog: each entry as it was read if unchanged, else as msgcat writes it."""
    return "\n\n".join(e.raw if e.raw is not None else format_entry(e) for e in entries) + "\n"
