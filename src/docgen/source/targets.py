"""Content lint: a target that is no longer in the future must say when it was stated.

A figure of kind ``target`` ("bis {recycling_year}") whose year is not after the edition's
year reads as a promise about the past. Its text must also print an ``as_of`` figure (the
latest year the article reports: "Ziel, Stand 2024"); otherwise it is a warning.
"""

from __future__ import annotations

from ..errors import Problem
from .model import Document


def stale_targets(doc: Document, edition_year: int) -> list[Problem]:
    """A warning per text that presents a past target without its ``as_of`` year."""
    out = []
    for text in doc.texts():
        names = list(dict.fromkeys(text.placeholders))
        figures = [text.figures[n] for n in names if n in text.figures]
        if any(f.kind == "as_of" for f in figures):
            continue
        for figure in figures:
            if figure.kind == "target" and isinstance(figure.value, int) \
                    and figure.value <= edition_year:
                out.append(Problem(doc.path, text.line, (
                    f"{text.context}: target year {figure.value} ({{{figure.name}}}) is not "
                    f"after the edition year {edition_year}: print when it was stated "
                    "({as_of}: \"Ziel, Stand 2024\") or update the statement"), warning=True))
    return out
