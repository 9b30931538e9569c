r"""Every figure, date and list as Babel writes it for one language (CLDR, never by hand).

>>> fr = Formatter("fr_BE")
>>> fr.money(Decimal("44000000"), "EUR")
'44\xa0M\xa0€'
>>> fr.money(Decimal("12345.5"), "EUR")
'12\u202f345,50\xa0€'
>>> Formatter("de_BE").area(60000)
'60.000 m²'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from babel import Locale
from babel.dates import format_date, format_interval
from babel.lists import format_list
from babel.numbers import format_compact_currency, format_currency, format_decimal, format_percent
from babel.units import format_unit

from .model import Figure

COMPACT_FROM = Decimal(1_000_000)


class Formatter:
    """One language's way of writing numbers; ``at_least`` is the catalog's "{number}+"."""

    def __init__(self, locale: str, at_least: str = "{number}+") -> None:
        self.locale = Locale.parse(locale)
        self.at_least_pattern = at_least

    def number(self, value: int | Decimal) -> str:
        r"""
        >>> Formatter("fr_BE").number(1200)
        '1\u202f200'
        """
        return format_decimal(value, locale=self.locale)

    def money(self, amount: Decimal, currency: str) -> str:
        r"""Compact from a million on (44 Mio. €), in full below it.

        >>> Formatter("de_BE").money(Decimal("80000000000"), "EUR")
        '80\xa0Mrd.\xa0€'
        >>> Formatter("en_IE").money(Decimal("44000000"), "EUR")
        '€44M'
        """
        if amount >= COMPACT_FROM:
            return format_compact_currency(amount, currency, locale=self.locale,
                                           fraction_digits=1)
        return format_currency(amount, currency, locale=self.locale)

    def percent(self, value: Decimal) -> str:
        r"""Decimals as the value has them (CLDR's pattern alone would round 3.5 to 4).

        >>> Formatter("fr_BE").percent(Decimal(85))
        '85\xa0%'
        >>> Formatter("nl_BE").percent(Decimal(35))
        '35%'
        >>> Formatter("de_BE").percent(Decimal("3.5")), Formatter("en_IE").percent(Decimal("3.5"))
        ('3,5\xa0%', '3.5%')
        """
        return format_percent(value / 100, locale=self.locale, decimal_quantization=False)

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
                           locale=self.locale)

    def year(self, year: int) -> str:
        """
        >>> Formatter("de_BE").year(2026)
        '2026'
        """
        return format_date(dt.date(year, 1, 1), "y", locale=self.locale)

    def years(self, first: int, last: int) -> str:
        r"""
        >>> Formatter("en_IE").years(2023, 2024)
        '2023\u2009–\u20092024'
        """
        return format_interval(dt.date(first, 1, 1), dt.date(last, 1, 1), "y",
                               locale=self.locale)

    def at_least(self, value: int) -> str:
        """
        >>> Formatter("de_BE").at_least(50)
        '50+'
        """
        return self.at_least_pattern.replace("{number}", self.number(value))

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

    def figure(self, figure: Figure) -> str:
        v = figure.value
        if figure.kind == "money":
            assert isinstance(v, Decimal) and figure.currency
            return self.money(v, figure.currency)
        if figure.kind == "years":
            assert isinstance(v, tuple)
            return self.years(*v)
        methods: dict[str, Callable[[Any], str]] = {
            "count": self.number, "percent": self.percent, "area_m2": self.area,
            "year": self.year, "at_least": self.at_least, "url": self.url}
        method = methods[figure.kind]
        return method(v)
