"""How complete each catalog is: messages and words, translated, fuzzy, untranslated."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import DocgenError
from .catalogs import po_path, read_entries, template_entries
from .languages import Language


@dataclass
class Status:
    language: str
    catalog: str
    path: str
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0
    translated_words: int = 0
    fuzzy_words: int = 0
    untranslated_words: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "total": self.total, "percent": round(self.percent, 1)}


def status(locales: Path, languages: list[Language]) -> list[Status]:
    out = []
    for language in languages:
        for domain in language.domains():
            path = po_path(locales, language.code, domain)
            entries, problems = read_entries(path)
            if problems:
                raise DocgenError(problems)
            s = Status(language.code, domain.name, str(path))
            present = {e.key for e in entries if not e.obsolete}
            for e in template_entries(locales, domain):   # missing: not yet merged in
                if e.key not in present:
                    s.untranslated += 1
                    s.untranslated_words += len((e.msgid + " " + (e.msgid_plural or "")).split())
            for e in entries:
                if e.is_header:
                    continue
                words = len((e.msgid + " " + (e.msgid_plural or "")).split())
                if e.obsolete:
                    s.obsolete += 1
                elif e.translated:
                    s.translated += 1
                    s.translated_words += words
                elif e.fuzzy:
                    s.fuzzy += 1
                    s.fuzzy_words += words
                else:
                    s.untranslated += 1
                    s.untranslated_words += words
            out.append(s)
    return out
