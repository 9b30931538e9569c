"""YAML → model. Every problem is collected with its line, then reported once.

The YAML is composed (not constructed) so that each value keeps its line and its
resolved tag: a float where money must be exact, a ``NO`` read as a boolean, or a
duplicate key are all visible here, and nothing is silently converted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from ..errors import DocgenError, Problem, raise_if_errors
from . import imprint as _imprint
from . import visuals as visuals
from .model import (
    DERIVED,
    ChartPanel,
    Document,
    Figure,
    Highlight,
    ItemList,
    Partnership,
    Row,
    Table,
    Text,
)
from .yamllimits import compose_text, read_text
from .yamlnodes import NAME, SLUG, Reader, shorten


def _figures(r: Reader, node: yaml.Node | None, where: str,
             inherited: dict[str, Figure]) -> dict[str, Figure]:
    figures = dict(inherited)
    if node is None:
        return figures
    pairs = node.value if isinstance(node, yaml.MappingNode) else []
    names = tuple(k.value for k, _ in pairs if isinstance(k, yaml.ScalarNode))
    for name, value in r.mapping(node, where, (), names).items():
        if not NAME.match(name):
            r.error(value, f"{where}.{name}", "a figure name is letters, digits and _")
        fields = value.value if isinstance(value, yaml.MappingNode) else []  # not a text
        keys = {getattr(k, "value", None) for k, _ in fields}
        figure = visuals.derived(r, name, value, f"{where}.{name}", figures) \
            if "derive" in keys else r.figure(name, value, f"{where}.{name}")
        if figure is not None:
            figures[name] = figure
    return figures


def _highlights(r: Reader, node: yaml.Node | None, where: str, lookup: Callable[
        [str], tuple[Figure, dict[str, Figure]] | None]) -> tuple[Highlight, ...]:
    out = []
    for i, item in enumerate(r.sequence(node, where)):
        here = f"{where}[{i}]"
        fields = r.mapping(item, here, ("figure", "label"))
        ref = r.string(fields.get("figure"), f"{here}.figure")
        found = lookup(ref) if ref else None
        if found is None:
            r.error(fields.get("figure", item), f"{here}.figure",
                    f"no figure named {shorten(ref)!r}")
            continue
        figure, scope = found
        label = r.text(fields.get("label"), f"{here}.label", f"{here}.label", scope)
        out.append(Highlight(figure, label))
    return tuple(out)


def _chart(r: Reader, node: yaml.Node | None, lookup: Callable[
        [str], tuple[Figure, dict[str, Figure]] | None]) -> tuple[ChartPanel, ...]:
    """``chart:``: panels, each a title and bars (a figure and its label, like highlights)."""
    panels = []
    for i, item in enumerate(r.sequence(node, "chart")):
        f = r.mapping(item, f"chart[{i}]", ("title", "bars"))
        title = r.text(f.get("title"), f"chart[{i}].title", f"chart[{i}].title", {})
        panels.append(ChartPanel(title, _highlights(r, f.get("bars"), f"chart[{i}].bars",
                                                    lookup)))
    return tuple(panels)


def _partnership(r: Reader, node: yaml.Node, number: int,
                 shared: dict[str, Figure]) -> Partnership | None:
    where = f"partnerships[{number - 1}]"
    f = r.mapping(node, where, ("id", "title", "organisations", "places", "intro"),
                  ("figures", "highlights", "lists", "tables", "connections"))
    pid = r.string(f.get("id"), f"{where}.id")
    if pid and not SLUG.match(pid):
        r.error(f["id"], f"{where}.id",
                f"not a slug (lowercase-words-with-dashes): {shorten(pid)!r}")
    where = f"partnerships.{pid if SLUG.match(pid) else number}"
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
        highlights=highlights, lists=tuple(lists), tables=tuple(tables),
        connections=visuals.connections(r, f.get("connections"), f"{where}.connections"))


def _check_figures_used(r: Reader, doc: Document) -> None:
    """A figure no text names would be a fact that never reaches the documents."""
    used = {(id(t.figures.get(n))) for t in doc.texts() for n in t.placeholders}
    used |= {id(h.figure) for h in doc.at_a_glance}
    used |= {id(h.figure) for p in doc.partnerships for h in p.highlights}
    used |= {id(bar.figure) for panel in doc.chart for bar in panel.bars}
    scopes = [("figures", doc.figures)] + [
        (f"partnerships.{p.id}.figures", p.figures) for p in doc.partnerships]
    for where, figures in scopes:
        for name, figure in figures.items():
            if id(figure) not in used and figure.line:      # a derived one may go unused
                r.problems.append(Problem(r.path, figure.line,
                                          f"{where}.{name}: figure is never used in a text"))


def _check_displayed_once(r: Reader, doc: Document) -> None:
    """A figure is displayed once per partnership: a key figure or a table row, not both;
    and a year is a date, not a key figure."""
    for p in doc.partnerships:
        in_tables = {name: (t, j) for t in p.tables for j, row in enumerate(t.rows)
                     for name in row.value.placeholders + row.label.placeholders}
        for i, h in enumerate(p.highlights):
            where = f"partnerships.{p.id}.highlights[{i}]"
            if h.figure.kind in ("year", "years"):
                r.problems.append(Problem(r.path, h.label.line, f"{where}: a year is not a key "
                                          f"figure ({h.figure.name}): name it in the text"))
            if h.figure.name in in_tables:
                table, j = in_tables[h.figure.name]
                r.problems.append(Problem(r.path, h.label.line, f"{where}: figure "
                                          f"{h.figure.name!r} is also row {j + 1} of the table "
                                          f"{table.title.msgid!r}: display it once"))


def load(path: Path | str) -> Document:
    """Read and validate the source; raise DocgenError listing every problem."""
    path = Path(path)
    shown = str(path)
    r = Reader(shown)
    root = compose_text(read_text(path, shown, "source file not found"), shown)
    if root is None:
        raise DocgenError([Problem(shown, 1, "the source is empty")])
    f = r.mapping(root, "document", ("title", "subtitle", "source_note", "lead", "conclusion",
                                     "partnerships", "imprint"),
                  ("figures", "at_a_glance", "locations", "chart"))
    shared = _figures(r, f.get("figures"), "figures", {})
    for key, node in getattr(f.get("figures"), "value", []):
        if key.value in DERIVED:
            r.error(node, f"figures.{key.value}", "derived from the list of partnerships, "
                    "never typed: remove it")
    nodes = r.sequence(f.get("partnerships"), "partnerships")
    shared.update({name: Figure(name, kind, len(nodes)) for name, kind in DERIVED.items()})

    def text(name: str) -> Text:
        return r.text(f.get(name), name, name, shared)

    partnerships, seen = [], set()
    for i, node in enumerate(nodes):
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
        partnerships=tuple(partnerships), imprint=_imprint.read(r, f.get("imprint")),
        locations=visuals.locations(r, f.get("locations")), chart=_chart(r, f.get("chart"), lookup))
    _check_figures_used(r, doc)
    _check_displayed_once(r, doc)
    visuals.check_places(r, doc)
    visuals.check_chart(r, doc.chart)
    raise_if_errors(r.problems)
    return doc
