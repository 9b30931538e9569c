"""YAML → model. Every problem is collected with its line, then reported once.

The YAML is composed (not constructed) so that each value keeps its line and its
resolved tag: a float where money must be exact, a ``NO`` read as a boolean, or a
duplicate key are all visible here, and nothing is silently converted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from babel.numbers import list_currencies

from .errors import DocgenError, Problem, raise_if_errors
from .model import (
    FIGURE_KINDS,
    Document,
    Figure,
    Highlight,
    ItemList,
    Partnership,
    Row,
    Table,
    Text,
)

_INT = "tag:yaml.org,2002:int"
_STR = "tag:yaml.org,2002:str"
_FLOAT = "tag:yaml.org,2002:float"
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# A digit that starts a number in prose ("75 Start-ups"); "COVID-19" is a name, not a figure.
_PROSE_NUMBER = re.compile(r"(?<![\w\-])\d")
_BAD_CHARS = re.compile(                # controls, bidi overrides, zero-width characters
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


class _Reader:
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
            name = key.value
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
            return str(getattr(node, "value", ""))
        value = " ".join(node.value.split())
        if _BAD_CHARS.search(value):
            self.error(node, where, "control, bidi or zero-width character in text")
        return value

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
            self.error(node, where, f"a number inside prose: make it a figure ({value!r})")
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
            currency = self.string(fields["currency"], f"{where}.currency")
            if currency not in list_currencies():
                self.error(fields["currency"], f"{where}.currency",
                           f"unknown currency {currency!r} (use an ISO 4217 code such as EUR)")
        return Figure(name, kind, value, currency, line)


def _describe(node: yaml.Node | None) -> str:
    if isinstance(node, yaml.ScalarNode):
        kind = node.tag.rsplit(":", 1)[-1]
        return f"{kind} {node.value!r}"
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"


def _integer(r: _Reader, node: yaml.Node, where: str) -> int | None:
    if not isinstance(node, yaml.ScalarNode) or node.tag != _INT:
        r.error(node, where, f"expected a whole number, got {_describe(node)}")
        return None
    value = int(node.value.replace("_", ""))
    if value < 0:
        r.error(node, where, "must not be negative")
    return value


def _money(r: _Reader, node: yaml.Node, where: str) -> Decimal | None:
    if isinstance(node, yaml.ScalarNode) and node.tag == _FLOAT:
        r.error(node, where, f"float {node.value} where money must be exact: "
                             f"write it as a quoted decimal, e.g. \"{node.value}\"")
        return None
    if not isinstance(node, yaml.ScalarNode) or node.tag not in (_INT, _STR):
        r.error(node, where, f"expected an amount, got {_describe(node)}")
        return None
    try:
        value = Decimal(node.value.replace("_", ""))
    except InvalidOperation:
        r.error(node, where, f"not a decimal amount: {node.value!r}")
        return None
    if not value.is_finite() or value < 0:
        r.error(node, where, f"not a positive amount: {node.value!r}")
        return None
    return value


def _percent(r: _Reader, node: yaml.Node, where: str) -> Decimal | None:
    if isinstance(node, yaml.ScalarNode) and node.tag in (_INT, _FLOAT):
        return Decimal(node.value)
    r.error(node, where, f"expected a percentage number, got {_describe(node)}")
    return None


def _year(r: _Reader, node: yaml.Node, where: str) -> int | None:
    value = _integer(r, node, where)
    if value is not None and not 1900 <= value <= 2200:
        r.error(node, where, f"not a plausible year: {value}")
        return None
    return value


def _years(r: _Reader, node: yaml.Node, where: str) -> tuple[int, int] | None:
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


def _url(r: _Reader, node: yaml.Node, where: str) -> str | None:
    value = r.string(node, where)
    if not re.match(r"^https://[a-z0-9.-]+\.[a-z]{2,}(/[^\s]*)?$", value):
        r.error(node, where, f"expected an https:// address, got {value!r}")
        return None
    return value


_PARSERS: dict[str, Callable[[_Reader, yaml.Node, str], Any]] = {
    "count": _integer, "at_least": _integer, "area_m2": _integer, "money": _money,
    "percent": _percent, "year": _year, "years": _years, "url": _url,
}


def _figures(r: _Reader, node: yaml.Node | None, where: str,
             inherited: dict[str, Figure]) -> dict[str, Figure]:
    figures = dict(inherited)
    if node is None:
        return figures
    for name, value in r.mapping(node, where, (), tuple(
            k.value for k, _ in getattr(node, "value", []))).items():
        if not _NAME.match(name):
            r.error(value, f"{where}.{name}", "a figure name is letters, digits and _")
        figure = r.figure(name, value, f"{where}.{name}")
        if figure is not None:
            figures[name] = figure
    return figures


def _highlights(r: _Reader, node: yaml.Node | None, where: str, lookup: Callable[
        [str], tuple[Figure, dict[str, Figure]] | None]) -> tuple[Highlight, ...]:
    out = []
    for i, item in enumerate(r.sequence(node, where)):
        here = f"{where}[{i}]"
        fields = r.mapping(item, here, ("figure", "label"))
        ref = r.string(fields.get("figure"), f"{here}.figure")
        found = lookup(ref) if ref else None
        if found is None:
            r.error(fields.get("figure", item), f"{here}.figure", f"no figure named {ref!r}")
            continue
        figure, scope = found
        label = r.text(fields.get("label"), f"{here}.label", f"{here}.label", scope)
        out.append(Highlight(figure, label))
    return tuple(out)


def _partnership(r: _Reader, node: yaml.Node, number: int,
                 shared: dict[str, Figure]) -> Partnership | None:
    where = f"partnerships[{number - 1}]"
    f = r.mapping(node, where, ("id", "title", "organisations", "places", "intro"),
                  ("figures", "highlights", "lists", "tables"))
    pid = r.string(f.get("id"), f"{where}.id")
    if pid and not _SLUG.match(pid):
        r.error(f["id"], f"{where}.id", f"not a slug (lowercase-words-with-dashes): {pid!r}")
    where = f"partnerships.{pid or number}"
    figures = _figures(r, f.get("figures"), f"{where}.figures", shared)

    def text(n: yaml.Node | None, path: str) -> Text:
        return r.text(n, path, path, figures)

    lists = []
    for i, item in enumerate(r.sequence(f.get("lists"), f"{where}.lists")):
        here = f"{where}.lists[{i}]"
        lf = r.mapping(item, here, ("kind", "items"), ("title",))
        title = text(lf["title"], f"{here}.title") if "title" in lf else None
        items = tuple(text(n, f"{here}.items[{j}]")
                      for j, n in enumerate(r.sequence(lf.get("items"), f"{here}.items")))
        lists.append(ItemList(r.string(lf.get("kind"), f"{here}.kind"), title, items))
    tables = []
    for i, item in enumerate(r.sequence(f.get("tables"), f"{where}.tables")):
        here = f"{where}.tables[{i}]"
        tf = r.mapping(item, here, ("kind", "title", "rows"))
        rows = []
        for j, row in enumerate(r.sequence(tf.get("rows"), f"{here}.rows")):
            rf = r.mapping(row, f"{here}.rows[{j}]", ("label", "value"))
            rows.append(Row(text(rf.get("label"), f"{here}.rows[{j}].label"),
                            text(rf.get("value"), f"{here}.rows[{j}].value")))
        tables.append(Table(r.string(tf.get("kind"), f"{here}.kind"),
                            text(tf.get("title"), f"{here}.title"), tuple(rows)))
    own = {k: v for k, v in figures.items() if k not in shared or shared[k] is not v}
    highlights = _highlights(r, f.get("highlights"), f"{where}.highlights",
                             lambda ref: (own[ref], figures) if ref in own else None)
    return Partnership(
        id=pid, number=number, title=text(f.get("title"), f"{where}.title"),
        organisations=tuple(r.string(n, f"{where}.organisations")
                            for n in r.sequence(f.get("organisations"), f"{where}.organisations")),
        places=tuple(r.text(n, f"{where}.places", "place", {})
                     for n in r.sequence(f.get("places"), f"{where}.places")),
        figures=own, intro=text(f.get("intro"), f"{where}.intro"),
        highlights=highlights, lists=tuple(lists), tables=tuple(tables))


def _check_figures_used(r: _Reader, doc: Document) -> None:
    """A figure no text names would be a fact that never reaches the documents."""
    used = {(id(t.figures.get(n))) for t in doc.texts() for n in t.placeholders}
    used |= {id(h.figure) for h in doc.at_a_glance}
    used |= {id(h.figure) for p in doc.partnerships for h in p.highlights}
    scopes = [("figures", doc.figures)] + [
        (f"partnerships.{p.id}.figures", p.figures) for p in doc.partnerships]
    for where, figures in scopes:
        for name, figure in figures.items():
            if id(figure) not in used:
                r.problems.append(Problem(r.path, figure.line,
                                          f"{where}.{name}: figure is never used in a text"))


def load(path: Path | str) -> Document:
    """Read and validate the source; raise DocgenError listing every problem."""
    path = Path(path)
    shown = str(path)
    r = _Reader(shown)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except FileNotFoundError:
        raise_if_errors([Problem(shown, None, "source file not found")])
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise_if_errors([Problem(shown, mark.line + 1 if mark else None,
                                 f"YAML syntax: {exc.problem}")])
        raise
    if root is None:
        raise DocgenError([Problem(shown, 1, "the source is empty")])
    f = r.mapping(root, "document", ("title", "subtitle", "source_note", "lead", "conclusion",
                                     "partnerships"), ("figures", "at_a_glance"))
    shared = _figures(r, f.get("figures"), "figures", {})

    def text(name: str) -> Text:
        return r.text(f.get(name), name, name, shared)

    partnerships, seen = [], set()
    for i, node in enumerate(r.sequence(f.get("partnerships"), "partnerships")):
        p = _partnership(r, node, i + 1, shared)
        if p is None:
            continue
        if p.id in seen:
            r.error(node, f"partnerships[{i}].id", f"duplicate id {p.id!r}")
        seen.add(p.id)
        partnerships.append(p)
    by_id = {p.id: p for p in partnerships}

    def lookup(ref: str) -> tuple[Figure, dict[str, Figure]] | None:
        pid, _, name = ref.rpartition(".")
        if not pid:
            return (shared[name], shared) if name in shared else None
        p = by_id.get(pid)
        if p is None or name not in p.figures:
            return None
        return p.figures[name], {**shared, **p.figures}

    doc = Document(
        path=shown, title=text("title"), subtitle=text("subtitle"),
        source_note=text("source_note"), lead=text("lead"), conclusion=text("conclusion"),
        figures=shared, at_a_glance=_highlights(r, f.get("at_a_glance"), "at_a_glance", lookup),
        partnerships=tuple(partnerships))
    _check_figures_used(r, doc)
    raise_if_errors(r.problems)
    return doc
