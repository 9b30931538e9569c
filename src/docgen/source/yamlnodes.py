"""Reading composed YAML nodes with their lines: mappings, lists, texts and typed figures.

Every problem is noted as ``file:line: path: message`` on the Reader; nothing raises here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import yaml

from ..errors import Problem
from .model import FIGURE_KINDS, FORBIDDEN_CHARACTERS, Figure, Text
from .yamllimits import MAX_DIGITS, MAX_TEXT

_INT = "tag:yaml.org,2002:int"
_STR = "tag:yaml.org,2002:str"
_FLOAT = "tag:yaml.org,2002:float"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# A digit that starts a number in prose ("75 Start-ups"); "COVID-19" is a name, not a figure.
_PROSE_NUMBER = re.compile(r"(?<![\w\-])\d")


class Reader:
    """Walks composed YAML nodes, noting problems as ``file:line: path: message``."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def error(self, node: yaml.Node | None, where: str, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.path, line, f"{where}: {message}"))

    def mapping(self, node: yaml.Node, where: str, required: tuple[str, ...],
                optional: tuple[str, ...] = ()) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            self.error(node, where, "expected a mapping")
            return {}
        out: dict[str, yaml.Node] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.error(key, where, "a key must be a plain name")
                continue
            name = key.value
            if len(name) > 60:
                self.error(key, f"{where}.{shorten(name)}", "unknown field")
                continue
            if name in out:
                self.error(key, f"{where}.{name}", "duplicate key")
            elif name not in required + optional:
                allowed = ", ".join(required + optional)
                self.error(key, f"{where}.{name}", f"unknown field (allowed: {allowed})")
            out[name] = value
        for name in required:
            if name not in out:
                self.error(node, where, f"missing field '{name}'")
        return out

    def sequence(self, node: yaml.Node | None, where: str) -> list[yaml.Node]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, where, "expected a list")
            return []
        return list(node.value)

    def string(self, node: yaml.Node | None, where: str) -> str:
        if node is None:
            return ""
        if not isinstance(node, yaml.ScalarNode) or node.tag != _STR:
            self.error(node, where, f"expected text, got {_describe(node)} (quote it)")
            return node.value if isinstance(node, yaml.ScalarNode) else ""
        if len(node.value) > MAX_TEXT:
            self.error(node, where, f"a text of {len(node.value):,} characters, more than "
                       f"the limit of {MAX_TEXT:,}")
            return ""
        if FORBIDDEN_CHARACTERS.search(node.value):     # before "\v" becomes a space
            self.error(node, where, "control, bidi or zero-width character in text")
        return " ".join(node.value.split())

    def text(self, node: yaml.Node | None, where: str, context: str,
             figures: dict[str, Figure]) -> Text:
        value = self.string(node, where)
        line = node.start_mark.line + 1 if node is not None else 0
        text = Text(value, context, line, figures)
        for name in text.placeholders:
            if name not in figures:
                self.error(node, where, f"placeholder {{{name}}} has no figure "
                           f"(known: {', '.join(sorted(figures)) or 'none'})")
        stripped = re.sub(r"\{[^}]*\}", "", value)
        if _PROSE_NUMBER.search(stripped):
            self.error(node, where, f"a number inside prose: make it a figure "
                       f"({shorten(value)!r})")
        return text

    def figure(self, name: str, node: yaml.Node, where: str) -> Figure | None:
        fields = self.mapping(node, where, (), FIGURE_KINDS + ("currency",))
        kinds = [k for k in fields if k in FIGURE_KINDS]
        if len(kinds) != 1:
            self.error(node, where, f"a figure has exactly one type of: {', '.join(FIGURE_KINDS)}")
            return None
        kind, raw = kinds[0], fields[kinds[0]]
        line = node.start_mark.line + 1
        if ("currency" in fields) != (kind == "money"):
            self.error(node, where, "'currency' goes with 'money' and only with it")
        parse = _PARSERS[kind]
        value = parse(self, raw, f"{where}.{kind}")
        if value is None:
            return None
        currency = None
        if kind == "money" and "currency" in fields:
            from babel.numbers import list_currencies  # Babel's data: only when needed
            currency = self.string(fields["currency"], f"{where}.currency")
            if currency not in list_currencies():
                self.error(fields["currency"], f"{where}.currency", f"unknown currency "
                           f"{shorten(currency)!r} (use an ISO 4217 code such as EUR)")
        return Figure(name, kind, value, currency, line)


def shorten(value: str, width: int = 60) -> str:
    """A value as a message quotes it: never a whole page of text."""
    return value if len(value) <= width else value[: width - 1] + "…"


def _describe(node: yaml.Node | None) -> str:
    """What a node is, in a few words: a list or a mapping is never written out."""
    if isinstance(node, yaml.ScalarNode):
        kind = node.tag.rsplit(":", 1)[-1]
        return f"{kind} {shorten(node.value)!r}"
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"


def _too_long(r: Reader, node: yaml.ScalarNode, where: str) -> bool:
    digits = sum(ch.isdigit() for ch in node.value)
    if digits > MAX_DIGITS:
        r.error(node, where, f"a number of {digits:,} digits, more than the limit of "
                f"{MAX_DIGITS}")
    return digits > MAX_DIGITS


def _integer(r: Reader, node: yaml.Node, where: str) -> int | None:
    """A whole number written in decimal (YAML would also read 0x4B, 0113 or 1:15)."""
    if not isinstance(node, yaml.ScalarNode) or node.tag != _INT:
        r.error(node, where, f"expected a whole number, got {_describe(node)}")
        return None
    if _too_long(r, node, where):
        return None
    if not re.fullmatch(r"[+-]?(0|[1-9][0-9_]*)", node.value):
        r.error(node, where, "write whole numbers in plain decimal digits, not "
                f"{shorten(node.value)!r}")
        return None
    value = int(node.value.replace("_", ""))
    if value < 0:
        r.error(node, where, "must not be negative")
    return value


def _money(r: Reader, node: yaml.Node, where: str) -> Decimal | None:
    """Digits, optionally a decimal point: ``1e6`` is a float to YAML 1.2 and to readers."""
    if not isinstance(node, yaml.ScalarNode) or node.tag not in (_INT, _STR, _FLOAT):
        r.error(node, where, f"expected an amount, got {_describe(node)}")
        return None
    if _too_long(r, node, where):
        return None
    if node.tag == _FLOAT or re.search(r"[eE]", node.value):
        r.error(node, where, f"float {shorten(node.value)} where money must be exact: write "
                "it in plain digits, e.g. 1000000 or \"12.50\"")
        return None
    if not re.fullmatch(r"[0-9][0-9_]*(\.[0-9]+)?", node.value):
        r.error(node, where, f"not a positive decimal amount: {shorten(node.value)!r}")
        return None
    return Decimal(node.value.replace("_", ""))


def _percent(r: Reader, node: yaml.Node, where: str) -> Decimal | None:
    if isinstance(node, yaml.ScalarNode) and node.tag in (_INT, _FLOAT) and \
            re.fullmatch(r"[0-9]+(\.[0-9]+)?", node.value):
        return None if _too_long(r, node, where) else Decimal(node.value)
    r.error(node, where, f"expected a percentage such as 85 or 7.5, got {_describe(node)}")
    return None


def _year(r: Reader, node: yaml.Node, where: str) -> int | None:
    value = _integer(r, node, where)
    if value is not None and not 1900 <= value <= 2200:
        r.error(node, where, f"not a plausible year: {value}")
        return None
    return value


def _years(r: Reader, node: yaml.Node, where: str) -> tuple[int, int] | None:
    items = r.sequence(node, where)
    years = [_year(r, item, where) for item in items]
    if len(years) != 2 or None in years:
        r.error(node, where, "a year range is [first, last]")
        return None
    first, last = years
    assert first is not None and last is not None
    if first >= last:
        r.error(node, where, f"range must go forward: {first} to {last}")
    return (first, last)


def _url(r: Reader, node: yaml.Node, where: str) -> str | None:
    value = r.string(node, where)
    if not re.match(r"^https://[a-z0-9.-]+\.[a-z]{2,}(/[^\s]*)?$", value):
        r.error(node, where, f"expected an https:// address, got {shorten(value)!r}")
        return None
    return value


_PARSERS: dict[str, Callable[[Reader, yaml.Node, str], Any]] = {
    "count": _integer, "at_least": _integer, "area_m2": _integer, "money": _money,
    "percent": _percent, "year": _year, "years": _years, "url": _url,
    "target": _year, "as_of": _year,
}
