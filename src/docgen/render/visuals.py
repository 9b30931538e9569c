"""The map and the chart for the brochure's templates: an LDocument in, SVG and texts out.

templates/visuals.html calls ``visuals.map(doc)`` and ``visuals.chart(doc)`` (a Jinja
global, see render/html.py). Everything the drawings say comes from the document (the
catalogs, Babel) or from the labels below (ui catalog); the colours come from brochure.css.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from markupsafe import Markup

from ..errors import DocgenError, Problem
from ..localise.document import LDocument, LPartnership
from ..localise.formatting import Formatter
from ..localise.labels import Msg
from . import chart as chartsvg
from . import map as mapsvg
from .svgkit import Fonts, read_palette

MAP_FILE = Path("map") / "belgium-regions.svg"
CREDIT = "Made with Natural Earth"       # Natural Earth's own credit line, in every language


@dataclass
class MapView:
    svg: Markup
    legend: list[tuple[str, str]]      # (number, partnership) for each partnership on the map
    note: str                          # how to read the numbers
    credit: str


@dataclass
class ChartView:
    svg: Markup
    lines: list[str]                   # the values in words, one line per panel
    notes: list[str]                   # why a derived value is what it is
    source: str


def connection_text(doc: LDocument, kind: str, country: str) -> Msg:
    """A link abroad in words, e.g. "United States (export destination)"."""
    return doc.labels.gettext("{country} ({kind})", country=country,
                              kind=connection_kind(doc, kind))


def links(doc: LDocument, p: LPartnership) -> str:
    """A partnership's links abroad in words (its page, the briefing)."""
    return doc.formatter.list([connection_text(doc, c.kind, c.country) for c in p.connections])


def connection_kind(doc: LDocument, kind: str) -> Msg:
    _ = doc.labels.gettext
    kinds = {
        # Translators: a kind of link abroad, as in "United States (export destination)".
        "export_destination": _("export destination"),
        # Translators: a kind of link abroad: a region abroad that is a partner.
        "partner_region": _("partner region"),
    }
    return kinds[kind]


def _tick_writer(fmt: Formatter, kind: str, currency: str | None
                 ) -> Callable[[Decimal], str]:
    """How an axis of this kind writes its values (Babel, like the figures)."""
    if kind == "percent":
        return fmt.percent
    if kind == "money":
        return lambda value: fmt.money(value, currency or "EUR")
    if kind == "area_m2":
        return lambda value: fmt.area(int(value))
    return fmt.number


class Visuals:
    """The drawings for one templates folder (palette, fonts and outlines read once)."""

    def __init__(self, templates: Path) -> None:
        self.templates = templates

    @cached_property
    def colours(self) -> dict[str, str]:
        css = self.templates / "brochure.css"
        return read_palette(css.read_text(encoding="utf-8"), str(css))

    @cached_property
    def outlines(self) -> mapsvg.Outlines:
        return mapsvg.read_outlines((self.templates / MAP_FILE).read_text(encoding="utf-8"))

    @cached_property
    def fonts(self) -> Fonts:
        return Fonts(self.templates / "fonts")

    def links(self, doc: LDocument, p: LPartnership) -> str:
        return links(doc, p)

    def map(self, doc: LDocument, width: float | None = None) -> MapView:
        """The map, ``width`` points wide (default: 270 pt, 95 mm, beside its legend)."""
        width = width or 270.0
        _ = doc.labels.gettext
        fmt = doc.formatter

        def numbers(ps: list[LPartnership]) -> list[str]:
            return [fmt.number(p.number) for p in ps]

        regions, towns = [], []
        for code, name in doc.regions.items():
            there = [p for p in doc.partnerships
                     if any(pl.region == code and pl.lon is None for pl in p.locations)]
            regions.append(mapsvg.Region(code, name, numbers(there)))
        seen: dict[str, mapsvg.Town] = {}
        for p in doc.partnerships:
            for place in p.locations:
                if place.lon is not None and place.lat is not None:
                    town = seen.setdefault(place.name, mapsvg.Town(place.name, place.lon,
                                                                   place.lat, []))
                    town.numbers.append(fmt.number(p.number))
        towns = list(seen.values())
        links: dict[tuple[str, str], mapsvg.Link] = {}
        for p in doc.partnerships:
            for c in p.connections:
                link = links.setdefault((c.code, c.kind), mapsvg.Link(
                    c.country, connection_kind(doc, c.kind), []))
                link.numbers.append(fmt.number(p.number))
        # Translators: the Brussels-Capital Region, named on the map.
        others: dict[str, str] = {"BCR": _("Brussels")}
        places = [_("{region} (whole region): {numbers}", region=r.name,
                    numbers=fmt.list(r.numbers)) for r in regions]
        places += [_("{label}: {value}", label=t.name, value=fmt.list(t.numbers)) for t in towns]
        # Translators: the map's text for screen readers; {places} lists each place
        # with the numbers of its partnerships.
        alt = str(_("Map of Belgium’s regions with the partnerships by number. {places}.",
                    places=". ".join(places)))
        if links:
            alt += " " + _("Links abroad: {links}.", links=fmt.list([
                _("{label}: {value}", label=connection_text(doc, c.kind, c.country),
                  value=fmt.number(p.number))
                for p in doc.partnerships for c in p.connections]))
        spec = mapsvg.MapSpec(alt, regions, towns, list(links.values()), others)
        try:
            svg = mapsvg.draw_map(spec, self.outlines, self.colours, self.fonts.width, width)
        except ValueError as exc:      # a town of the data that the outlines do not cover
            raise DocgenError([Problem(str(self.templates / MAP_FILE), None,
                                       f"the map: {exc}")]) from None
        on_map = [p for p in doc.partnerships if p.locations]
        return MapView(
            Markup(svg),  # noqa: S704 (every text in it is escaped by map.py)
            [(fmt.number(p.number), p.short_title) for p in on_map],
            # Translators: under the map: how to read its numbered discs.
            _("Each disc is a partnership, by its number: beside a town for a site there, "
              "under a region’s name for the whole region."),
            # Translators: the map's sources; {natural_earth} is the credit line
            # "Made with Natural Earth", printed as it is in every language.
            _("Map: {natural_earth}. Town coordinates: GeoNames (CC BY 4.0).",
              natural_earth=CREDIT))

    def chart(self, doc: LDocument, width: float | None = None) -> ChartView:
        """The chart, ``width`` points wide (default: 482 pt, the 170 mm text width)."""
        width = width or 482.0
        _ = doc.labels.gettext
        fmt = doc.formatter
        panels, lines, notes = [], [], []
        for panel in doc.chart:
            ticks = chartsvg.nice_ticks(max(b.amount for b in panel.bars))
            label = _tick_writer(fmt, panel.kind, panel.currency)
            bars = [chartsvg.Bar(b.label, b.value, b.amount, b.derived) for b in panel.bars]
            panels.append(chartsvg.Panel(panel.title, bars, [(t, label(t)) for t in ticks]))
            lines.append(" ".join([f"{panel.title}."] + [
                f'{_("{label}: {value}", label=b.label, value=b.value + "*" * b.derived)}.'
                for b in panel.bars]))
            notes += [f"* {note}" for note in panel.notes]
        # Translators: the chart's text for screen readers; {values} is every value in words.
        alt = _("Chart of the headline figures. {values}", values=" ".join(lines + notes))
        svg = chartsvg.draw_chart(panels, alt, self.colours, self.fonts.width, width)
        return ChartView(Markup(svg),  # noqa: S704 (every text in it is escaped by chart.py)
                         lines, notes, _("Source: {source}", source=doc.source_note))
