r"""A strict PO reader: every syntax error with its line, nothing truncated silently.

Babel's ``read_po`` reads an unterminated ``msgstr "Partenaire`` as ``Partenair``; GNU
``msgfmt --check`` rejects it. This reader rejects it too, and keeps each entry's line.

>>> entries, problems = parse('msgid "a"\nmsgstr "b"\n', "x.po")
>>> entries[0].msgstr, problems
(['b'], [])
>>> parse('msgid "a"\nmsgstr "Partenaire\n', "x.po")[1][0].message
'unterminated string'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import Problem

_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[(\d+)\])?)\s+(".*)$')
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r", "a": "\a", "b": "\b",
            "f": "\f", "v": "\v"}


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


def _unquote(text: str, path: str, line: int, problems: list[Problem]) -> str | None:
    """The value of one ``"..."`` token (with C escapes), or None after noting the problem."""
    text = text.rstrip()
    if len(text) < 2 or not text.startswith('"') or not text.endswith('"') or _ends_escaped(text):
        problems.append(Problem(path, line, "unterminated string"))
        return None
    body = text[1:-1]
    if "\\" not in body and '"' not in body:    # the common case: nothing to unescape
        return body
    out, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch == '"':
            problems.append(Problem(path, line, 'unescaped " inside a string'))
            return None
        if ch == "\\":
            nxt = body[i + 1: i + 2]
            if nxt not in _ESCAPES:
                problems.append(Problem(path, line, f"invalid escape \\{nxt}"))
                return None
            out.append(_ESCAPES[nxt])
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _ends_escaped(text: str) -> bool:
    """True when the closing quote is itself escaped (``"abc\\"``)."""
    backslashes = len(text[:-1]) - len(text[:-1].rstrip("\\"))
    return backslashes % 2 == 1


def parse(text: str, path: str) -> tuple[list[Entry], list[Problem]]:
    """Read PO text into entries; problems name the file and line."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    entry: Entry | None = None
    target: tuple[str, int] | None = None      # the field continuation strings extend
    pending = Entry(line=0)                    # comments and flags before the next msgid
    seen_msgid = False

    def finish() -> None:
        nonlocal entry
        if entry is not None:
            if not entry.msgstr:
                problems.append(Problem(path, entry.line, "entry has no msgstr"))
            entries.append(entry)
        entry = None

    # Only "\n" ends a line (splitlines() would also split at U+2028 and shift line numbers).
    for number, raw in enumerate(text.split("\n"), start=1):
        raw = raw.removesuffix("\r")
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
            if line.startswith("|"):
                continue
        if not line:
            if not obsolete:
                target = None
            continue
        if line.startswith("#") and not obsolete:
            if entry is not None and target is not None:
                finish()
                target = None
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
                problems.append(Problem(path, number, "string outside an entry"))
                continue
            value = _unquote(line, path, number, problems)
            if value is not None:
                _append(entry, target, value)
            continue
        match = _KEYWORD.match(line)
        if not match:
            problems.append(Problem(path, number, f"not PO syntax: {raw.strip()[:40]!r}"))
            target = None
            continue
        keyword, index, rest = match.groups()
        value = _unquote(rest, path, number, problems)
        starts = keyword == "msgctxt" or (keyword == "msgid" and (
            entry is None or bool(entry.msgstr) or seen_msgid))
        if starts:
            finish()
            entry = Entry(line=number, flags=pending.flags, comments=pending.comments,
                          extracted=pending.extracted, references=pending.references,
                          previous=pending.previous,
                          obsolete=obsolete)
            pending = Entry(line=0)
            seen_msgid = False
        if entry is None:
            problems.append(Problem(path, number, f"{keyword} without msgid"))
            continue
        if keyword == "msgid":
            seen_msgid = True
        if keyword.startswith("msgstr"):
            slot = int(index) if index is not None else 0
            if slot != len(entry.msgstr):
                problems.append(Problem(path, number, f"{keyword} out of order"))
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
    """The source text a fuzzy entry was translated from (its ``#| msgid`` lines).

    >>> e = Entry(line=1, previous=['msgctxt "k"', 'msgid "Alte "', '"Fassung"'])
    >>> previous_msgid(e)
    'Alte Fassung'
    """
    parts, keep = [], False
    for line in entry.previous:
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            rest = line
        elif keyword in ("msgid", "msgid_plural", "msgctxt"):
            keep = keyword == "msgid"
        else:
            continue
        if keep:
            value = _unquote(rest, "", 0, [])
            parts.append(value or "")
    return "".join(parts) if parts else None


def header(entries: list[Entry]) -> dict[str, str]:
    """The header entry's fields (``Language``, ``Plural-Forms`` …)."""
    for entry in entries:
        if entry.is_header and entry.msgstr:
            fields = (line.partition(":") for line in entry.msgstr[0].splitlines())
            return {name.strip(): value.strip() for name, sep, value in fields if sep}
    return {}
