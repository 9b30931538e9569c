"""Plural forms as gettext has them: the catalog's own ``Plural-Forms`` header decides.

A catalog may carry any valid rule (Poedit, Weblate and msginit write gettext's, e.g.
``nplurals=2; plural=(n > 1);`` for French); it is read with Python's ``gettext.c2py``,
the C-expression parser of gettext's own format. ``i18n init`` writes what GNU msginit
writes for the language (the table below, checked against msginit in the tests).

>>> rule = parse("nplurals=2; plural=(n > 1);")
>>> rule.nplurals, [rule.index(n) for n in (0, 1, 2, 1_000_000)]
(2, [0, 0, 1, 1])
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

# GNU gettext's plural table (msginit) for the languages of the European Union.
_TWO = "nplurals=2; plural=(n != 1);"
_SLAVIC = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
           "(n%100<10 || n%100>=20) ? 1 : 2);")
GETTEXT_RULES = {
    **dict.fromkeys(("bg", "da", "de", "el", "en", "es", "et", "fi", "hu", "it", "nl", "pt",
                     "sv"), _TWO),
    "fr": "nplurals=2; plural=(n > 1);",
    "cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "sk": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "ga": "nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;",
    "hr": _SLAVIC,
    "lt": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || "
          "n%100>=20) ? 1 : 2);",
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? "
          "1 : 2);",
    "ro": "nplurals=3; plural=n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2;",
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
}
_FORM = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")
_PROBES = (*range(0, 1001), 1_000_000, 1_000_001, 2_000_000)


@dataclass(frozen=True)
class PluralRule:
    nplurals: int
    expression: str
    index: Callable[[int], int]

    def __reduce__(self) -> tuple[Callable[[str], PluralRule], tuple[str]]:
        """Pickled as its header text (a build hands catalogs to its worker processes)."""
        return parse, (f"nplurals={self.nplurals}; plural={self.expression};",)


def for_language(code: str) -> str:
    """The rule msginit writes for a language (CLDR's, through Babel, for any other)."""
    base = code.replace("-", "_").split("_")[0]
    if base in GETTEXT_RULES:
        return GETTEXT_RULES[base]
    from babel.messages.plurals import get_plural
    return str(get_plural(code).plural_forms)


@lru_cache(maxsize=64)
def parse(value: str | None) -> PluralRule:
    """A ``Plural-Forms`` value as a rule; ValueError says in words what is wrong.

    >>> parse("nplurals=2; plural=n >")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: the header's Plural-Forms is not a rule gettext can read ...
    """
    if not value:
        raise ValueError("the header has no Plural-Forms line: add the one for your "
                         "language, e.g. 'Plural-Forms: nplurals=2; plural=(n != 1);'")
    match = _FORM.match(value)
    expression = match.group(2) if match else ""
    try:
        function = gettext.c2py(expression)
        if not match:
            raise ValueError
    except (ValueError, RecursionError):
        raise ValueError(f"the header's Plural-Forms is not a rule gettext can read ({value!r});"
                         " it looks like 'nplurals=2; plural=(n != 1);'") from None
    nplurals = int(match.group(1))
    for n in _PROBES:
        form = function(n)
        if not 0 <= form < nplurals:
            raise ValueError(f"the header's Plural-Forms picks form {form} for n = {n}, but "
                             f"nplurals={nplurals} allows only forms 0 to {nplurals - 1}")
    return PluralRule(nplurals, expression, function)
