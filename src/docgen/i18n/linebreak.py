"""Where GNU gettext may break a PO string: Unicode line breaking (UAX #14), as msgcat does.

msgcat wraps with libunistring's pair table; this is the same table for the characters a
catalog of European languages holds (letters, digits, punctuation, quotes, dashes, spaces).

>>> [i for i, ok in enumerate(breaks("ab cd-ef")) if ok]
[3, 6]
>>> breaks("x\u00a0: y")       # no break around a no-break space, none before ':'
[False, False, False, False, True]
"""

from __future__ import annotations

import unicodedata


def pair(before: str, after: str) -> str:
    """UAX #14 between two classes: "^" never a break, "%" only after spaces, "_" a break."""
    if after in ("CL", "CP", "EX", "IS", "SY") or before == "OP":          # LB13, LB14
        return "^"
    if (before, after) in (("QU", "OP"), ("CL", "NS"), ("CP", "NS"), ("B2", "B2")):
        return "^"                                                      # LB15-LB17
    if "GL" in (before, after) and before not in ("BA", "HY") or "QU" in (before, after) \
            or after in ("BA", "HY", "NS", "IN") or before == "BB":     # LB12-LB22
        return "%"
    return "%" if (before, after) in _KEEP else "_"


_KEEP = {("AL", "NU"), ("NU", "AL"), ("PR", "AL"), ("PO", "AL"), ("AL", "PR"), ("AL", "PO"),
         ("CL", "PO"), ("CL", "PR"), ("CP", "PO"), ("CP", "PR"), ("NU", "PO"), ("NU", "PR"),
         ("PO", "OP"), ("PR", "OP"), ("PO", "NU"), ("PR", "NU"), ("HY", "NU"), ("IS", "NU"),
         ("NU", "NU"), ("SY", "NU"), ("AL", "AL"), ("AL", "OP"), ("NU", "OP"),
         ("CP", "AL"), ("CP", "NU")}                                  # LB23-LB30

_FIXED = {" ": "SP", "\u00a0": "GL", "\u202f": "GL", "\u2007": "GL", "\u2060": "GL",
          "-": "HY", "\u2010": "BA", "\u2013": "BA", "|": "BA", "\u00ad": "BA",
          "\u2014": "B2", "\u200b": "ZW", "}": "CL", "]": "CP", ")": "CP", "/": "SY",
          "!": "EX", "?": "EX", ",": "IS", ".": "IS", ":": "IS", ";": "IS",
          "\\": "PR", "$": "PR", "+": "PR", "€": "PR", "£": "PR", "%": "PO", "°": "PO",
          "‰": "PO", "…": "IN", "'": "QU", '"': "QU", "«": "QU", "»": "QU", "‘": "QU",
          "’": "QU", "“": "QU", "”": "QU", "‹": "QU", "›": "QU", "(": "OP", "[": "OP",
          "{": "OP", "„": "OP", "‚": "OP", "¡": "OP", "¿": "OP"}


def line_class(ch: str) -> str:
    """The UAX #14 class of one character (letters and symbols not listed: AL)."""
    if ch in _FIXED:
        return _FIXED[ch]
    if ch.isdigit() and ch.isascii():
        return "NU"
    if unicodedata.category(ch).startswith("M"):
        return "CM"
    return "AL"


def breaks(text: str) -> list[bool]:
    """For each character: may a line break come before it?"""
    out = [False] * len(text)
    last: str | None = None          # the class before the current run of spaces
    spaces = False
    for i, ch in enumerate(text):
        cls = line_class(ch)
        if cls == "SP":
            spaces = True
            continue
        if cls == "CM":               # a combining mark belongs to the character before it
            continue
        if last is not None:
            if last == "ZW":
                out[i] = True
            elif cls != "ZW":
                rule = pair(last, cls)
                out[i] = rule == "_" or (rule == "%" and spaces)
        last, spaces = cls, False
    return out


def _columns(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def cuts(text: str, allowed: list[bool], width: int, column: int) -> list[int]:
    """Where libunistring's ``ulc_width_linebreaks`` breaks ``text`` (greedy, by columns)."""
    out: list[int] = []
    last: int | None = None
    piece = 0
    for i, ch in enumerate(text):
        if allowed[i]:
            if last is not None and column + piece > width:
                out.append(last)
                column = 0
            last, column, piece = i, column + piece, 0
        piece += _columns(ch)
    if last is not None and column + piece > width:
        out.append(last)
    return out
