"""A language's finished content: the one road from the source and the catalogs to what
every renderer prints (brochure, HTML edition, briefing, download page, review document).

``content`` returns the localised model with its ui labels already resolved, so its
``fallbacks`` are complete before anything is rendered (``--strict`` fails before a page is
laid out). ``Catalogs`` is what one language is translated with, read once: a build reads it
in its own process and hands it to its jobs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..i18n import catalogs as i18n_catalogs
from ..i18n.catalogs import Translations
from ..i18n.languages import CONTENT, UI, Language
from ..source.model import Document
from .document import LDocument, localise
from .labels import Labels


@dataclass(frozen=True)
class Catalogs:
    """One language's catalogs and the labels its documents may ask for."""

    translations: dict[str, Translations | None]     # by domain name; None: the source language
    labels: tuple[tuple[str, str | None], ...]       # the ui template's (msgid, msgid_plural)


def load_catalogs(locales: Path, language: Language) -> Catalogs:
    """Read one language's catalogs and the ui template (syntax problems raise)."""
    return Catalogs(
        translations=i18n_catalogs.load_all(locales, language),
        labels=tuple((e.msgid, e.msgid_plural)
                     for e in i18n_catalogs.template_entries(locales, UI)))


def content(doc: Document, language: Language, catalogs: Catalogs,
            edition: dt.date) -> LDocument:
    """The language's finished content: texts, labels, figures and every fallback."""
    labels = Labels(catalogs.translations.get(UI.name), catalogs.labels)
    return localise(doc, language, catalogs.translations.get(CONTENT.name), labels, edition)


__all__ = ["Catalogs", "content", "load_catalogs"]
