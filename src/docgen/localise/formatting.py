r"""Every figure, date and list as Babel writes it for one language (CLDR, never by hand).

A figure has two forms: one for running text (lead, paragraphs, list items, table cells),
where amounts from a million up are written in words with CLDR's long compact form, and one
for a display (figure cards, chart labels), which keeps the short form. The house style
(``Style``) chooses the forms; the catalogs give the words around them (``patterns``).

>>> fr = Formatter("fr_BE", patterns={"EUR": "{amount} d’euros"})
>>> fr.money(Decimal("44000000"), "EUR", "display")
'44\xa0M\xa0€'
>>> fr.money(Decimal("44000000"), "EUR", "running")
'44\xa0millions d’euros'
>>> fr.money(Decimal("12345.5"), "EUR")
'12\u202f345,50\xa0€'
>>> Formatter("de_BE").area(60000)
'60.000 m²'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from babel import Locale
from babel.dates import format_date, format_interval
from babel.lists import format_list
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
    get_currency_name,
)
from babel.units import format_unit

from ..errors import DocgenError, Problem
from ..i18n.style import Style
from ..source.model import Figure

COMPACT_FROM = Decimal(1_000_000)
# The catalogs' words around a figure (the English source patterns are the defaults).
PATTERNS = {"at_least.running": "at least {number}", "at_least.display": "{number}+",
            "EUR": "€{amount}"}


class Formatter:
    """One language's way of writing numbers: ``locale`` for dates and lists, the style's
    ``numbers`` locale for figures; ``patterns`` are the catalog's words around them."""

    def __init__(self, locale: str, style: Style | None = None,
                 patterns: Mapping[str, str] | None = None) -> None:
        self.style = style or Style()
        self.locale = Locale.parse(locale)
        self.numbers = Locale.parse(self.style.numbers) if self.style.numbers else self.locale
        self.patterns = {**PATTERNS, **(patterns or {})}

    def number(self, value: int | Decimal) -> str:
        r"""
        >>> Formatter("fr_BE").number(1200)
        '1\u202f200'
        """
        return format_decimal(value, locale=self.numbers)

    def words(self, value: int) -> str:
        """A whole number spelled out by num2words, in the style's language.

        >>> [Formatter("fr_BE", Style(words="fr_BE")).words(n) for n in (9, 10, 70)]
        ['neuf', 'dix', 'septante']
        >>> [Formatter("de_BE", Style(words="de")).words(n) for n in (1, 9, 101)]
        ['ein', 'neun', 'einhundertein']
        """
        from num2words import num2words
        lang = self.style.words or self.locale.language
        try:
            text: str = num2words(value, lang=lang)
        except NotImplementedError:
            raise DocgenError([Problem("locales/style.yaml", None, f"words: num2words has no "
                                       f"language {lang!r}")]) from None
        # German counts before a noun: "ein", never the bare numeral "eins" ("einhundertein").
        return text[:-1] if lang.startswith("de") and text.endswith("eins") else text

    def money(self, amount: Decimal, currency: str, slot: str = "display") -> str:
        r"""Compact from a million on, in the style's form for the slot; in full below it.

        >>> de = Formatter("de_BE", patterns={"EUR": "{amount} Euro"})
        >>> de.money(Decimal("80000000000"), "EUR")
        '80\xa0Mrd.\xa0€'
        >>> de.money(Decimal("1000000"), "EUR"), de.money(Decimal("999999"), "EUR")
        ('1\xa0Mio.\xa0€', '999.999,00\xa0€')
        >>> de.money(Decimal("44000000"), "EUR", "running")
        '44\xa0Millionen Euro'
        >>> Formatter("en_IE", Style(numbers="en_GB")).money(Decimal("44000000"), "EUR")
        '€44m'
        >>> Formatter("nl_BE").money(Decimal("1500"), "EUR", "running")
        '€\xa01.500,00'
        >>> Formatter("sl_SI").money(Decimal("44000000"), "USD", "running")   # CLDR's name
        '44\xa0milijonov ameriških dolarjev'
        """
        if amount < COMPACT_FROM:
            return format_currency(amount, currency, locale=self.numbers)
        if self.style.compact(slot) == "short":
            return format_compact_currency(amount, currency, locale=self.numbers,
                                           fraction_digits=1)
        words = format_compact_decimal(amount, format_type="long", locale=self.numbers,
                                       fraction_digits=1).replace(" ", "\u00a0")
        pattern = self.patterns.get(currency)
        if pattern is None:         # no catalog words: CLDR's name, in the amount's plural
            name = get_currency_name(currency, count=int(amount), locale=self.locale)
            return f"{words} {name}"
        return pattern.replace("{amount}", words)

    def percent(self, value: Decimal) -> str:
        r"""Decimals as the value has them (CLDR's pattern alone would round 3.5 to 4).

        >>> Formatter("fr_BE").percent(Decimal(85))
        '85\xa0%'
        >>> Formatter("nl_BE").percent(Decimal(35))
        '35%'
        >>> Formatter("de_BE").percent(Decimal("3.5")), Formatter("en_IE").percent(Decimal("3.5"))
        ('3,5\xa0%', '3.5%')
        """
        return format_percent(value / 100, locale=self.numbers, decimal_quantization=False)

    def country(self, code: str) -> str:
        """A country's name from its ISO 3166 code (CLDR).

        >>> Formatter("fr_BE").country("US"), Formatter("nl_BE").country("US")
        ('États-Unis', 'Verenigde Staten')
        """
        return str(self.locale.territories.get(code, code))

    def area(self, square_metres: int) -> str:
        r"""
        >>> Formatter("fr_BE").area(60000)
        '60\u202f000\u202fm²'
        """
        return format_unit(square_metres, "area-square-meter", length="short",
                           locale=self.numbers)

    def year(self, year: int) -> str:
        """
        >>> Formatter("de_BE").year(2026)
        '2026'
        """
        # (no mutate: Babel writes pattern "y" alike in every locale it has, so dropping
        # the locale cannot be seen; the locale stays so that a CLDR change would be)
        return format_date(dt.date(year, 1, 1), "y", locale=self.locale)  # pragma: no mutate

    def years(self, first: int, last: int) -> str:
        r"""The locale's interval pattern, or a closed en dash if the style says so.

        >>> Formatter("en_IE").years(2023, 2024)
        '2023\u2009–\u20092024'
        >>> Formatter("en_IE", Style(year_range="closed")).years(2023, 2024)
        '2023–2024'
        """
        if self.style.year_range == "closed":
            return f"{self.year(first)}–{self.year(last)}"
        # (no mutate: with the skeleton "y" any day of each year gives the same interval)
        return format_interval(dt.date(first, 1, 1), dt.date(last, 1, 1), "y",  # pragma: no mutate
                               locale=self.locale)

    def at_least(self, value: int, slot: str = "display") -> str:
        """
        >>> Formatter("de_BE").at_least(50), Formatter("de_BE").at_least(50, "running")
        ('50+', 'at least 50')
        """
        return self.patterns[f"at_least.{slot}"].replace("{number}", self.number(value))

    def date(self, day: dt.date) -> str:
        """
        >>> Formatter("nl_BE").date(dt.date(2026, 11, 28))
        '28 november 2026'
        """
        return format_date(day, "long", locale=self.locale)

    def list(self, items: Sequence[str]) -> str:
        """
        >>> Formatter("fr_BE").list(["Wallonie", "Flandre"])
        'Wallonie et Flandre'
        """
        return format_list(items, locale=self.locale)

    def url(self, url: str) -> str:
        """Web addresses are printed as readers type them.

        >>> Formatter("de_BE").url("https://www.example.be")
        'www.example.be'
        """
        return url.removeprefix("https://").rstrip("/")

    def figure(self, figure: Figure, slot: str = "display") -> str:
        """A figure as a slot of this kind ("running" or "display") prints it."""
        v = figure.value
        if figure.kind == "money":
            assert isinstance(v, Decimal) and figure.currency
            return self.money(v, figure.currency, slot)
        if figure.kind == "years":
            assert isinstance(v, tuple)
            return self.years(*v)
        if figure.kind == "at_least":
            assert isinstance(v, int)
            return self.at_least(v, slot)
        methods: dict[str, Callable[[Any], str]] = {
            "count": self.number, "percent": self.percent, "area_m2": self.area,
            "year": self.year, "url": self.url, "words": self.words,
            "target": self.year, "as_of": self.year}
        method = methods[figure.kind]
        return method(v)
