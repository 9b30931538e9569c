"""Finished strings: ``Msg`` (a text and its display form), the ui catalog as ``Labels``
(resolved before rendering), and every ``Fallback`` recorded as it is looked up."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..i18n.languages import UI, Domain
from ..source.model import PLACEHOLDER

if TYPE_CHECKING:
    from ..i18n.catalogs import Translations


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
    """A text printed in the source language, and why (missing, fuzzy or untranslated)."""

    domain: str
    context: str | None
    msgid: str
    reason: str


@dataclass
class _Lookup:
    """The content catalog of one language, recording every fallback as it is looked up."""

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
    """The ui catalog as templates and renderers use it: ``_("…", name=value)``.

    Resolved once, before anything is rendered: ``msgids`` are every (msgid, msgid_plural)
    the templates and renderers may ask for (the ui template's entries), and ``fallbacks``
    lists each of them that falls back. Only catalogs older than the code (a label added
    after the template was extracted) make a renderer ask for another one: it is looked up
    then and, missing, still listed, never silent.

    >>> labels = Labels(None, [("Contents", None)])     # the source language: no catalog
    >>> labels("Contents"), labels("Contents").fallback, labels.fallbacks
    ('Contents', False, [])
    >>> labels("Not in the template"), labels.ngettext("{k} place", "{k} places", 3, k=3)
    ('Not in the template', '3 places')
    >>> labels.ngettext("{k} place", "{k} places", 1, k=1).key     # for the review document
    ('ui', None, '{k} place')
    """

    def __init__(self, translations: Translations | None,
                 msgids: Iterable[tuple[str, str | None]]) -> None:
        self._translations = translations
        self.fallbacks: list[Fallback] = []
        self._lookup = _Lookup(UI, translations, self.fallbacks)
        # (a plural's source forms are ngettext's own arguments: only the msgid is looked up)
        self._forms = {msgid: self._lookup.forms(msgid, None) for msgid, _plural in msgids}

    def _resolved(self, msgid: str) -> tuple[list[str], bool]:
        found = self._forms.get(msgid)
        if found is None:                       # the template is older than the code
            found = self._forms[msgid] = self._lookup.forms(msgid, None)
        return found

    def raw(self, msgid: str) -> Msg:
        forms, fallback = self._resolved(msgid)
        return Msg.make(forms[0], fallback, key=(UI.name, None, msgid))

    def gettext(self, msgid: str, **values: object) -> Msg:
        text = self.raw(msgid)
        return Msg.make(fill(text, {k: str(v) for k, v in values.items()}), text.fallback,
                        key=text.key)

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> Msg:
        forms, fallback = self._resolved(singular)
        if fallback or self._translations is None:
            forms = [singular, plural]
        catalog = self._translations
        # The source forms are English (singular, plural); a catalog's follow its own
        # Plural-Forms header, as in gettext.
        index = catalog.plural.index(n) if catalog is not None and not fallback else int(n != 1)
        text = forms[min(index, len(forms) - 1)]
        return Msg.make(fill(text, {k: str(v) for k, v in values.items()}), fallback,
                        key=(UI.name, None, singular))

    __call__ = gettext
