"""What the map and the chart draw, in one language: places with their coordinates, links
abroad, and the chart's panels with every value as Babel writes it (and the number to plot).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ..source.model import Document, Partnership, Text
from .formatting import Formatter

if TYPE_CHECKING:
    from .labels import Msg


@dataclass
class LPlace:
    """A partnership's place in the language; a town has coordinates, a region has none."""

    name: Msg
    region: str                  # the map unit it lies in (model.REGIONS)
    lon: Decimal | None = None
    lat: Decimal | None = None


@dataclass
class LConnection:
    """A link abroad: the country as CLDR names it, its ISO code and the kind of link."""

    country: str
    code: str
    kind: str


@dataclass
class LBar:
    value: str                   # as Babel writes it
    amount: Decimal              # the number the bar's length shows
    label: Msg
    derived: bool                # computed from another figure (see LPanel.notes)


@dataclass
class LPanel:
    title: Msg
    kind: str                    # the one unit of the panel: count, percent, money, area_m2
    bars: list[LBar]
    notes: list[Msg]             # why a derived value is what it is
    currency: str | None = None  # of a money panel


def places(p: Partnership, doc: Document, t: Callable[[Text], Msg]) -> list[LPlace]:
    out = []
    for place in p.places:
        location = doc.locations[place.msgid]
        out.append(LPlace(t(place), location.region, location.lon, location.lat))
    return out


def connections(p: Partnership, fmt: Formatter) -> list[LConnection]:
    return [LConnection(fmt.country(c.country), c.country, c.kind) for c in p.connections]


def regions(doc: Document, t: Callable[[Text], Msg]) -> dict[str, Msg]:
    """Each region's name (a place of the source that is a whole region), by map unit."""
    out: dict[str, Msg] = {}
    for p in doc.partnerships:
        for place in p.places:
            location = doc.locations[place.msgid]
            if not location.is_town:
                out.setdefault(location.region, t(place))
    return out


def chart(doc: Document, t: Callable[[Text], Msg], fmt: Formatter) -> list[LPanel]:
    panels = []
    for panel in doc.chart:
        bars, notes = [], []
        for bar in panel.bars:
            figure = bar.figure
            bars.append(LBar(fmt.figure(figure), Decimal(figure.value),  # type: ignore[arg-type]
                             t(bar.label), figure.derivation is not None))
            if figure.derivation is not None:
                notes.append(t(figure.derivation.reason))
        first = panel.bars[0].figure
        panels.append(LPanel(t(panel.title), first.kind, bars, notes, first.currency))
    return panels
