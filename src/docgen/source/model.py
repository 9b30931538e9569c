"""The structured source as frozen dataclasses: pure data, no I/O, no Babel."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

# Never in a text, from the data or a catalog: controls (but tab and newline), bidi
# overrides and isolates, zero-width and invisible characters, the byte order mark.
FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e"
                                  "\u2060-\u2064\u2066-\u2069\ufeff]")

FIGURE_KINDS = ("count", "money", "percent", "area_m2", "year", "years", "at_least", "url",
                "target", "as_of")
# A ``target`` is a year by which something is planned; ``as_of`` is the year a statement
# dates from (the latest year the article reports). Both print as a year.
# Figures the loader derives from the source itself, never typed in it: the number of
# partnerships in figures and in words ("neun", "neuf", "negen", "nine").
DERIVED = {"partnerships": "count", "partnerships_in_words": "words"}
# What a chart can plot: one of these per panel, so that no axis mixes units.
PLOTTABLE_KINDS = ("count", "money", "percent", "area_m2")
# The map units of templates/map/belgium-regions.svg (Natural Earth's SU_A3 codes).
REGIONS = ("BWR", "BFR", "BCR")
# How a partnership is linked to a country abroad (a connection is not a place).
CONNECTION_KINDS = ("export_destination", "partner_region")


@dataclass(frozen=True)
class Figure:
    """A typed number (or URL) that Babel writes for each language; ``kind`` "words" is a
    derived count spelled out (num2words), and a derived figure has ``line`` 0."""

    name: str
    kind: str
    value: int | Decimal | tuple[int, int] | str
    currency: str | None = None
    line: int = 0
    derivation: Derivation | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Derivation:
    """A figure computed from another one, with the source's words that justify it."""

    source: Figure
    divisor: int
    reason: Text


@dataclass(frozen=True)
class Location:
    """Where a place lies: a whole region, or a town (GeoNames id and coordinates)."""

    name: str                   # the place as the source names it (German)
    region: str                 # the map unit it lies in (one of REGIONS)
    lon: Decimal | None = None
    lat: Decimal | None = None
    geonames: int | None = None
    line: int = 0

    @property
    def is_town(self) -> bool:
        return self.lon is not None


@dataclass(frozen=True)
class Connection:
    """A link of a partnership to a country abroad: ISO 3166 code and kind of link."""

    country: str
    kind: str
    line: int = 0


@dataclass(frozen=True)
class Text:
    """A German source text; ``context`` is its stable data path (the PO msgctxt)."""

    msgid: str
    context: str
    line: int
    figures: Mapping[str, Figure] = field(default_factory=dict, compare=False, repr=False)

    @property
    def placeholders(self) -> list[str]:
        return PLACEHOLDER.findall(self.msgid)


@dataclass(frozen=True)
class Highlight:
    figure: Figure
    label: Text


@dataclass(frozen=True)
class ItemList:
    kind: str
    title: Text | None
    items: tuple[Text, ...]


@dataclass(frozen=True)
class Row:
    label: Text
    value: Text


@dataclass(frozen=True)
class Table:
    kind: str
    title: Text
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Partnership:
    id: str
    number: int
    title: Text
    organisations: tuple[str, ...]
    places: tuple[Text, ...]
    figures: Mapping[str, Figure]
    intro: Text
    highlights: tuple[Highlight, ...]
    lists: tuple[ItemList, ...]
    tables: tuple[Table, ...]
    connections: tuple[Connection, ...] = ()


@dataclass(frozen=True)
class ChartPanel:
    """One panel of the headline chart: bars of one unit, each a figure with its label."""

    title: Text
    bars: tuple[Highlight, ...]


# The imprint's fields that must be filled before a release, as the YAML names them.
IMPRINT_REQUIRED = {
    "organisation": "imprint.organisation",
    "publisher_name": "imprint.publisher.name",
    "publisher_address": "imprint.publisher.address",
    "contact": "imprint.contact",
    "website": "imprint.website",
    "copyright": "imprint.copyright",
    "licence": "imprint.licence",
}


@dataclass(frozen=True)
class Imprint:
    """Who answers for the brochure (Belgian law: the responsible publisher and an address).

    Empty strings are fields nobody has given yet; ``lines`` maps a field name of
    IMPRINT_REQUIRED to its line in the source, for the warning that names it.
    """

    organisation: Mapping[str, str]          # the official name, by language code
    publisher_name: str
    publisher_address: tuple[str, ...]       # postal address, one line each
    contact: str
    website: str                             # the download page, https://...
    copyright: str                           # who holds the rights to the text
    licence: str                             # on which terms the text may be reused
    font_credit: Text
    lines: Mapping[str, int] = field(default_factory=dict, compare=False)

    def missing(self, lang: str | None = None) -> list[str]:
        """The required fields still empty (the organisation's name: for ``lang``)."""
        values = {"organisation": self.organisation.get(lang, "") if lang else
                  all(self.organisation.values()) and bool(self.organisation),
                  "publisher_name": self.publisher_name,
                  "publisher_address": self.publisher_address, "contact": self.contact,
                  "website": self.website, "copyright": self.copyright, "licence": self.licence}
        return [name for name in IMPRINT_REQUIRED if not values[name]]


@dataclass(frozen=True)
class Document:
    path: str
    title: Text
    subtitle: Text
    source_note: Text
    lead: Text
    conclusion: Text
    figures: Mapping[str, Figure]
    at_a_glance: tuple[Highlight, ...]
    partnerships: tuple[Partnership, ...]
    imprint: Imprint
    locations: Mapping[str, Location] = field(default_factory=dict)
    chart: tuple[ChartPanel, ...] = ()

    def derivations(self) -> list[Derivation]:
        """The derived figures' derivations, the document's first."""
        scopes = [self.figures] + [p.figures for p in self.partnerships]
        return [f.derivation for figures in scopes for f in figures.values() if f.derivation]

    def texts(self) -> list[Text]:
        """Every translatable text, in reading order (what the catalog extracts)."""
        out = [self.title, self.subtitle, self.lead]
        out += [h.label for h in self.at_a_glance]
        for panel in self.chart:
            out += [panel.title] + [bar.label for bar in panel.bars]
        out += [d.reason for d in self.derivations()]
        for p in self.partnerships:
            out += [p.title, *p.places, p.intro]
            out += [h.label for h in p.highlights]
            for lst in p.lists:
                out += ([lst.title] if lst.title else []) + list(lst.items)
            for table in p.tables:
                out.append(table.title)
                for row in table.rows:
                    out += [row.label, row.value]
        out += [self.conclusion, self.source_note, self.imprint.font_credit]
        return out
