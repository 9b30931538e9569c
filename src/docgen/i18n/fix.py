r"""``i18n fix``: the typography the check warns about, applied to the translations.

French: a narrow no-break space (U+202F) before ; ! ?, a no-break space (U+00A0) before :
and inside « », « » for "…". German: „…“ for "…" and “…”. Every language: ’ for '.
Placeholders, markup and web addresses are never touched.

>>> typography("Objectifs: {n} partenaires; l'eau", "fr").encode("unicode_escape")
b'Objectifs\\xa0: {n} partenaires\\u202f; l\\u2019eau'
>>> typography('<a href="https://x.be/a:b">"Zitat"</a>', "de")
'<a href="https://x.be/a:b">„Zitat“</a>'
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from dataclasses import replace
from pathlib import Path

from ..source.model import PLACEHOLDER
from . import po
from .catalogs import read_entries
from .header import header, header_entry
from .rules import MARKUP
from .update import write_if_changed

PROTECTED = re.compile(rf"https?://[^\s<>\"]+|{MARKUP.pattern}|{PLACEHOLDER.pattern}")
NBSP, NNBSP = "\u00a0", "\u202f"


def typography(text: str, lang: str) -> str:
    """The text with the check's typography applied (protected parts kept as they are)."""
    if re.search("[\ue000-\uf8ff]", text):           # private-use characters: leave it be
        return text
    kept: list[str] = []

    def hide(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return chr(0xE000 + len(kept) - 1)         # a private-use stand-in, never a space
    bare = PROTECTED.sub(hide, text).replace("'", "’")
    if lang == "fr":
        bare = re.sub(r'"([^"]*)"|“([^”]*)”',
                      lambda m: f"«{NBSP}{(m[1] or m[2] or '').strip()}{NBSP}»", bare)
        for marks, space in ((";!?", NNBSP), (":", NBSP)):
            bare = re.sub(rf"(?<=[^\s\u00a0\u202f])(?:[^\S\u00a0\u202f]+([{marks}])|"
                          rf"([{marks}])(?=\s|$))", rf"{space}\1\2", bare)
        bare = re.sub(r"«[^\S\u00a0\u202f]*(?![\u00a0\u202f])", "«" + NBSP, bare)
        bare = re.sub(r"(?<![\s\u00a0\u202f])[^\S\u00a0\u202f]*»", NBSP + "»", bare)
    if lang == "de":
        bare = re.sub(r'"([^"]*)"|“([^“„”]*)”', lambda m: f"„{m[1] or m[2] or ''}“", bare)
    return re.sub("[\ue000-\uf8ff]", lambda m: kept[ord(m[0]) - 0xE000], bare)


def fix(path: Path, lang: str, dry_run: bool) -> tuple[str, int]:
    """Apply the typography to a catalog's translations: the diff, and entries changed."""
    entries, problems = read_entries(path)
    if problems:
        from ..errors import DocgenError
        raise DocgenError(problems)
    entries = [replace(e) for e in entries]         # the reader's cache keeps its own
    changed = 0
    for entry in entries:
        if entry.is_header or entry.obsolete or entry.fuzzy:
            continue
        forms = [typography(text, lang) for text in entry.msgstr]
        if forms != entry.msgstr:
            entry.msgstr, entry.raw = forms, None
            changed += 1
    if not changed:
        return "", 0
    _stamp(entries)
    old = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    new = po.dump(entries)
    diff = "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                        str(path), str(path)))
    if not dry_run:
        write_if_changed(entries, path)
    return diff, changed


def _stamp(entries: list[po.Entry]) -> None:
    """docgen changed translations: the header's PO-Revision-Date says when."""
    for index, entry in enumerate(entries):
        if entry.is_header:
            fields = header(entries)
            epoch = os.environ.get("SOURCE_DATE_EPOCH")
            now = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch and epoch.isdigit() \
                else dt.datetime.now(dt.UTC)
            fields["PO-Revision-Date"] = now.strftime("%Y-%m-%d %H:%M+0000")
            entries[index] = header_entry(fields, entry.comments, canonical=False)
            return
