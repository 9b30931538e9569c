"""The parts of the source that the map and the chart draw: where each place lies, links to
countries abroad, derived figures and the chart's panels. Problems are noted on the Reader.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import yaml
from babel import Locale

from ..errors import Problem
from .model import (
    CONNECTION_KINDS,
    PLOTTABLE_KINDS,
    REGIONS,
    ChartPanel,
    Connection,
    Derivation,
    Document,
    Figure,
    Location,
    Text,
)
from .yamlnodes import Reader

_COUNTRIES = frozenset(str(code) for code in Locale("en").territories
                       if re.fullmatch("[A-Z]{2}", str(code)))


def _coordinate(r: Reader, node: yaml.Node | None, where: str, limit: int) -> Decimal | None:
    """A longitude or latitude in decimal degrees, read exactly (never through a float)."""
    if node is None:
        return None
    value = getattr(node, "value", None)
    try:
        number = Decimal(value) if isinstance(value, str) else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or abs(number) > limit:
        r.error(node, where, f"expected decimal degrees within ±{limit}, got {value!r}")
        return None
    return number


def locations(r: Reader, node: yaml.Node | None) -> dict[str, Location]:
    """``locations:``: each place's region, and for a town its GeoNames id and coordinates."""
    out: dict[str, Location] = {}
    if node is None:
        return out
    names = tuple(getattr(k, "value", "") for k, _ in getattr(node, "value", []))
    for name, value in r.mapping(node, "locations", (), names).items():
        where = f"locations.{name}"
        f = r.mapping(value, where, ("region",), ("geonames", "lat", "lon"))
        region = r.string(f.get("region"), f"{where}.region")
        if region and region not in REGIONS:
            r.error(f["region"], f"{where}.region",
                    f"unknown region {region!r} (one of {', '.join(REGIONS)})")
        lat = _coordinate(r, f.get("lat"), f"{where}.lat", 90)
        lon = _coordinate(r, f.get("lon"), f"{where}.lon", 180)
        if ("lat" in f) != ("lon" in f) or ("lat" in f) != ("geonames" in f):
            r.error(value, where, "a town has lat, lon and the geonames id of its source; "
                                  "a region has none of them")
        geonames = None
        if "geonames" in f:
            raw = f["geonames"]
            if isinstance(raw, yaml.ScalarNode) and re.fullmatch("[1-9][0-9]*", raw.value):
                geonames = int(raw.value)
            else:
                r.error(raw, f"{where}.geonames", "expected a GeoNames id (a whole number)")
        out[name] = Location(name, region, lon, lat, geonames, value.start_mark.line + 1)
    return out


def connections(r: Reader, node: yaml.Node | None, where: str) -> tuple[Connection, ...]:
    """A partnership's ``connections:``: ``{country: US, kind: export_destination}``."""
    out = []
    for i, item in enumerate(r.sequence(node, where)):
        here = f"{where}[{i}]"
        f = r.mapping(item, here, ("country", "kind"))
        country = r.string(f.get("country"), f"{here}.country")
        kind = r.string(f.get("kind"), f"{here}.kind")
        if country and country not in _COUNTRIES:
            r.error(f["country"], f"{here}.country",
                    f"not an ISO 3166 country code: {country!r} (e.g. US, DE)")
        if kind and kind not in CONNECTION_KINDS:
            r.error(f["kind"], f"{here}.kind",
                    f"unknown kind {kind!r} (one of {', '.join(CONNECTION_KINDS)})")
        out.append(Connection(country, kind, item.start_mark.line + 1))
    return tuple(out)


def derived(r: Reader, name: str, node: yaml.Node, where: str,
            known: dict[str, Figure]) -> Figure | None:
    """``{derive: growth, divide_by: 2, reason: "…"}``: a figure computed from another."""
    f = r.mapping(node, where, ("derive", "divide_by", "reason"))
    ref = r.string(f.get("derive"), f"{where}.derive")
    source = known.get(ref)
    if ref and source is None:
        r.error(f["derive"], f"{where}.derive",
                f"no figure named {ref!r} above it (known: {', '.join(known) or 'none'})")
    divisor_node = f.get("divide_by")
    divisor = None
    if isinstance(divisor_node, yaml.ScalarNode) and re.fullmatch("[1-9][0-9]*",
                                                                   divisor_node.value):
        divisor = int(divisor_node.value)
    elif divisor_node is not None:
        r.error(divisor_node, f"{where}.divide_by", "expected a whole number above zero")
    reason = r.text(f.get("reason"), f"{where}.reason", f"{where}.reason", known)
    if source is None or divisor is None:
        return None
    if source.kind not in ("percent", "money", "count"):
        r.error(f["derive"], f"{where}.derive", f"cannot derive from a {source.kind} figure")
        return None
    value = Decimal(source.value) / divisor  # type: ignore[arg-type]
    if source.kind == "count":
        if value != value.to_integral_value():
            r.error(divisor_node, f"{where}.divide_by",
                    f"{source.value} / {divisor} is not a whole number")
            return None
        value = int(value)  # type: ignore[assignment]
    return Figure(name, source.kind, value, source.currency, node.start_mark.line + 1,
                  Derivation(source, divisor, reason))


def check_chart(r: Reader, panels: tuple[ChartPanel, ...]) -> None:
    """Each panel plots figures of one plottable kind (and one currency): one unit per axis."""
    for i, panel in enumerate(panels):
        units = {(bar.figure.kind, bar.figure.currency) for bar in panel.bars}
        kinds = {kind for kind, _ in units}
        where = f"chart[{i}]"
        if not panel.bars:
            r.problems.append(_problem(r, panel.title, f"{where}.bars: a panel needs a bar"))
        elif len(units) > 1:
            r.problems.append(_problem(r, panel.title, f"{where}.bars: one unit per panel, "
                                       f"got {', '.join(sorted(kinds))}"))
        elif not kinds <= set(PLOTTABLE_KINDS):
            r.problems.append(_problem(r, panel.title, f"{where}.bars: cannot plot "
                                       f"{', '.join(sorted(kinds))} figures "
                                       f"(plottable: {', '.join(PLOTTABLE_KINDS)})"))


def check_places(r: Reader, doc: Document) -> None:
    """Every place of a partnership has a location, and every location is some place."""
    used = set()
    for p in doc.partnerships:
        for place in p.places:
            used.add(place.msgid)
            if place.msgid not in doc.locations:
                r.problems.append(_problem(r, place, f"partnerships.{p.id}.places: "
                                           f"{place.msgid!r} has no entry under locations:"))
    for name, location in doc.locations.items():
        if name not in used:
            r.problems.append(_problem(r, None, f"locations.{name}: no partnership is there",
                                       location.line))


def _problem(r: Reader, text: Text | None, message: str, line: int | None = None) -> Problem:
    return Problem(r.path, line if text is None else text.line, message)
