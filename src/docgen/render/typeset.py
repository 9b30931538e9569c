r"""Line-breaking rules for the brochure's running text, applied before WeasyPrint lays it out.

WeasyPrint 70 has no ``text-wrap: pretty``; these rules are written into the text instead,
with characters rather than markup (WeasyPrint breaks a line too early before an inline
span that does not fit, so spans are kept for the rare year range only):

- a name or pair of ``templates/typesetting.yaml`` is never split: its hyphens become
  U+2011 NON-BREAKING HYPHEN (every bundled Inter face has it) and its spaces no-break ones;
- a number stays with the word or unit after it, a year with the word before it (no-break
  spaces), and a range of years is never split (a no-break span);
- a paragraph never ends on a short word alone: its last two words are joined. (A
  hyphenated last word leaves at least five letters on the last line: the stylesheet's
  ``hyphenate-limit-chars``.)

>>> print(typeset("Arbeitsplätze bis 2026", ("ATMP-PIT",)).replace("\xa0", "~"))
Arbeitsplätze bis~2026
>>> print(typeset("470 emplois ATMP-PIT en 2028", ("ATMP-PIT",)).replace("\xa0", "~"))
470~emplois ATMP‑PIT en~2028
>>> print(typeset("Erfolge (2023–2024)", ()).replace("\xa0", "~"))
Erfolge~<span class="nobr">(2023–2024)</span>
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import yaml
from markupsafe import Markup, escape

NBSP = "\u00a0"
NBHY = "\u2011"      # NON-BREAKING HYPHEN
# A year (1900–2199), possibly in brackets, after a word: "bis 2026", "Labore (2020)".
_YEAR = re.compile(r"(?<=\S) (?=\(?(?:19|2[01])\d\d(?!\d))")
# A number, then the word or unit it counts: "75 start-ups", "1 200 emplois".
_NUMBER_WORD = re.compile(r"(?<=\d) (?=[^\W\d_]|[%€$£])")
# A range of years with thin spaces around its dash (CLDR's "2023 – 2024").
_YEARS = re.compile(r"\(?\d{4}[\u2009\u202f ]?[–-][\u2009\u202f ]?\d{4}\)?")
# The last two words of a paragraph, when the last is short (ends with its punctuation).
_LAST = re.compile(r" (\S{1,8})$")
SHORT = 6     # letters: a last word this short never stands alone on the last line


class Typeset(Markup):
    """Typeset markup that still says whether it is an untranslated fallback (drafts), which
    catalog entry it comes from and whether it has a display form (see ``localise.Msg``)."""

    fallback = False
    key: tuple[str, str | None, str] | None = None
    display: str | None = None


@lru_cache(maxsize=4)
def settings(path: Path) -> dict[str, tuple[str, ...]]:
    """``keep_together`` (longest first: a longer one wins an overlap), ``page_starts`` and
    ``features``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    data = data or {}
    terms = [str(t) for t in data.get("keep_together", [])]
    return {"keep_together": tuple(sorted(terms, key=len, reverse=True)),
            "page_starts": tuple(str(p) for p in data.get("page_starts", [])),
            "features": tuple(str(p) for p in data.get("features", []))}


def _join_last(text: str) -> str:
    match = _LAST.search(text)
    if match and sum(ch.isalpha() or ch.isdigit() for ch in match.group(1)) <= SHORT:
        return text[: match.start()] + NBSP + match.group(1)
    return text


def _keep(text: str, keep: Iterable[str]) -> str:
    for term in keep:
        if term in text:
            text = text.replace(term, term.replace("-", NBHY).replace(" ", NBSP))
    return text


def typeset(text: str, keep: Iterable[str]) -> Typeset:
    """The text as escaped markup with its no-break characters (and year-range spans)."""
    plain = _join_last(_NUMBER_WORD.sub(NBSP, _YEAR.sub(NBSP, _keep(str(text), keep))))
    out = str(escape(plain))
    ranges = sorted(set(_YEARS.findall(out)))
    if ranges:
        pattern = re.compile("|".join(re.escape(r) for r in ranges))
        out = pattern.sub(lambda m: f'<span class="nobr">{m.group(0)}</span>', out)
    result = Typeset(out)
    result.fallback = getattr(text, "fallback", False)
    result.key = getattr(text, "key", None)             # the review's anchors
    result.display = getattr(text, "display", None)     # still needs its slot kind
    return result
