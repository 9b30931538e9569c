r"""Spelling: Hunspell dictionaries (Debian's hunspell-fr, -nl, -de-de, -en-gb) via pyenchant.

Placeholders, web addresses and markup are skipped; a French elision (l’, d’, qu’…) or an
English or Dutch ’s is split off; a hyphenated compound passes when the whole or each of
its parts does; an all-capital acronym (ATMP) passes. A quotation copied from the source text
(the German title in the source note) and a capitalised name copied from it are not checked
again. Accepted as well: the glossary's words and ``locales/<lang>/words.txt``.

>>> tokens("L’{name} de www.x.be coûte 44 <b>millions</b> d’euros")
['L’', 'de', 'coûte', 'millions', 'd’euros']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..source.model import PLACEHOLDER

# A word, with its elisions, hyphenated parts, a suspended hyphen ("Zell- und") or ’s.
WORD = re.compile(r"[^\W\d_]+(?:['’\-\u2010\u2011][^\W\d_]+)*(?:-(?=\s)|['’](?!\w))?")
SKIP = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+|<[^>]*>|&[A-Za-z#][A-Za-z0-9]*;")
QUOTED = re.compile(r"«([^»]*)»|“([^”]*)”|„([^“”]*)[“”]|‘([^’]*)’(?!\w)|\"([^\"]*)\"")
ELISION = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’](.+)$", re.I)


def tokens(text: str, source: str = "") -> list[str]:
    """The words of a text that the dictionary must know."""
    def unquote(match: re.Match[str]) -> str:
        inner = next(g for g in match.groups() if g is not None)
        copied = " ".join(inner.split()) in " ".join(source.split())
        return " " if copied and source else match.group(0)
    text = QUOTED.sub(unquote, text)
    text = PLACEHOLDER.sub(" ", SKIP.sub(" ", text))
    return WORD.findall(text)


def read_words(path: Path) -> set[str]:
    """A project word list: one word a line, ``#`` starts a comment."""
    if not path.exists():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {w for w in (line.split("#", 1)[0].strip() for line in lines) if w}


class Speller:
    """One Hunspell dictionary and the words the project accepts besides it."""

    def __init__(self, dictionary: Any, tag: str, accepted: Iterable[str]) -> None:
        self.dictionary, self.tag = dictionary, tag
        self.accepted = set(accepted)
        self.folded = {w.casefold() for w in self.accepted}

    def known(self, word: str) -> bool:
        word = word.rstrip("'’")
        if not word or word in self.accepted or word.casefold() in self.folded:
            return True
        if re.fullmatch(r"[A-Z]{2,}s?", word):              # an acronym: ATMP, EU, ATMPs
            return True
        if self.dictionary.check(word) or self.dictionary.check(word.replace("’", "'")):
            return True
        if word[:1].isupper() and word[1:].islower() and self.dictionary.check(word.lower()):
            return True                                    # a sentence or title starts
        if word.endswith("s") and word[:-1] in self.accepted:
            return True                                    # a name's genitive: Novaseps
        if word.endswith("-") and len(word) > 2:           # suspended: "Zell- und Gen…"
            stem = word[:-1]                               # (a linking s: "onderzoeks-")
            return self.dictionary.check(word) or self.known(stem) or any(
                self.dictionary.check(stem + end) for end in ("e", "en", "n", "s")) or (
                stem.endswith("s") and self.dictionary.check(stem[:-1]))
        elision = ELISION.match(word)
        if elision:
            return self.known(elision.group(1))
        if word[-2:] in ("’s", "'s"):                      # Wallonia’s, API’s
            return self.known(word[:-2])
        parts = re.split(r"[\-\u2010\u2011]", word)
        return len(parts) > 1 and all(self.known(p) for p in parts if p)

    def unknown(self, text: str, source: str = "") -> list[str]:
        copied = set(WORD.findall(source))
        found = []
        for word in tokens(text, source):
            if word in copied and word[:1].isupper():      # a name kept from the source
                continue
            if not self.known(word) and word not in found:
                found.append(word)
        return found

    def suggest(self, word: str) -> list[str]:
        return list(self.dictionary.suggest(word))[:3]


def open_speller(candidates: Iterable[str], accepted: Iterable[str]) -> Speller | str:
    """The first dictionary of ``candidates`` that is installed, or why there is none."""
    try:
        import enchant
    except ImportError as exc:
        return f"pyenchant cannot load libenchant ({exc}): install libenchant-2-2"
    tags = list(dict.fromkeys(candidates))
    for tag in tags:
        try:
            if enchant.dict_exists(tag):
                return Speller(enchant.Dict(tag), tag, accepted)
        except enchant.errors.Error:
            continue
    return f"no Hunspell dictionary for {' or '.join(tags)} (scripts/setup installs them)"
