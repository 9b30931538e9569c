"""Finished strings: ``Msg`` (a text and its display form), the ui catalog as ``Labels``,
and every fallback recorded as it is looked up."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n.catalogs import Translations
from ..i18n.languages import UI, Domain
from ..source.model import PLACEHOLDER


class Msg(str):
    """A finished string (running text); ``fallback`` is True when it is the untranslated
    source; ``display`` is the form for a display slot when it differs (else None); ``key``
    names the catalog entry it comes from (domain, msgctxt, msgid), for the review document."""

    fallback = False
    display: str | None = None
    key: tuple[str, str | None, str] | None = None

    @classmethod
    def make(cls, text: str, fallback: bool, display: str | None = None,
             key: tuple[str, str | None, str] | None = None) -> Msg:
        msg = cls(text)
        msg.fallback = fallback
        msg.display = display if display != text else None
        msg.key = key
        return msg

    def form(self, slot: str) -> Msg:
        """This text as a slot of that kind prints it ("running" or "display").

        >>> Msg.make("44 Millionen Euro", False, "44 Mio. €").form("display")
        '44 Mio. €'
        """
        text = self.display if slot == "display" and self.display is not None else str(self)
        return Msg.make(text, self.fallback, key=self.key)


def fill(template: str, values: dict[str, str]) -> str:
    """Replace ``{name}`` placeholders; only names, never attributes or format specs.

    >>> fill("{a} und {b}", {"a": "1", "b": "2"})
    '1 und 2'
    """
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def keep_dash(text: str) -> str:
    """A spaced dash never starts a line: the space before it does not break.

    >>> keep_dash("Initiativen – von lokalen") == "Initiativen\u00a0– von lokalen"
    True
    """
    return text.replace(" – ", "\u00a0– ").replace(" — ", "\u00a0— ")


@dataclass(frozen=True)
class Fallback:
    domain: str
    context: str | None
    msgid: str
    reason: str


@dataclass
class _Lookup:
    """One domain's catalog for one language, recording every fallback."""

    domain: Domain
    translations: Translations | None
    fallbacks: list[Fallback]

    def forms(self, msgid: str, context: str | None, plural: str | None = None
              ) -> tuple[list[str], bool]:
        if self.translations is None:          # the source language itself
            return [msgid, plural or msgid], False
        found, reason = self.translations.lookup(msgid, context)
        if reason is None:
            return found, False
        self.fallbacks.append(Fallback(self.domain.name, context, msgid, reason))
        return [msgid, plural or msgid], True


class Labels:
    """The ui catalog as templates and the DOCX renderer use it: ``_("…", name=value)``."""

    def __init__(self, lookup: _Lookup) -> None:
        self._lookup = lookup

    def raw(self, msgid: str) -> Msg:
        forms, fallback = self._lookup.forms(msgid, None)
        return Msg.make(forms[0], fallback, key=(UI.name, None, msgid))

    def gettext(self, msgid: str, **values: object) -> Msg:
        text = self.raw(msgid)
        return Msg.make(fill(text, {k: str(v) for k, v in values.items()}), text.fallback,
                        key=text.key)

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> Msg:
        forms, fallback = self._lookup.forms(singular, None, plural)
        catalog = self._lookup.translations
        # The source forms are English (singular, plural); a catalog's follow its own
        # Plural-Forms header, as in gettext.
        index = catalog.plural.index(n) if catalog is not None and not fallback else int(n != 1)
        text = forms[min(index, len(forms) - 1)]
        return Msg.make(fill(text, {k: str(v) for k, v in values.items()}), fallback,
                        key=(UI.name, None, singular))

    __call__ = gettext
