"""Links in the PDF/UA-1 structure tree, repaired after WeasyPrint 70 writes them.

WeasyPrint makes a ``/Link`` element and an annotation for every box of a link (a span, a
pseudo-element), nested in one another or held by a Span. Each annotation is moved to the
outermost ``/Link`` element, nested Links are dissolved into it, and annotations of one link
on the same line are merged into one. Each link annotation is then described in the
document's language (``/Contents``): "BioWin et MEDVIA, page 4" for a section, "Site web
www.example.be" for a web address.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from ..localise.labels import fill
from .pdftree import ParentTree, children, is_element, set_children, tag


@dataclass(frozen=True)
class LinkWords:
    """How links are announced: translated labels with placeholders, and what fills them."""

    section: str                     # "{title}, page {page}"
    website: str                     # "Website {address}"
    titles: Mapping[str, str]        # anchor id -> the short title of what it points to
    number: Callable[[int], str] = str


def link_annotations(pdf: pikepdf.Pdf) -> Iterator[tuple[int, Any]]:
    for number, page in enumerate(pdf.pages):
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") == Name.Link and "/StructParent" in annotation:
                yield number, annotation


def one_element_per_link(pdf: pikepdf.Pdf, tree: ParentTree) -> None:
    """Each annotation under exactly one /Link element that no other Link contains."""
    tops: dict[tuple[int, int], Any] = {}
    pages: dict[tuple[int, int], int] = {}
    for number, annotation in link_annotations(pdf):
        pages[annotation.objgen] = number
        key = int(annotation.StructParent)
        holder = tree.entries[key]
        top = _outermost_link(holder)
        if top.objgen != holder.objgen:
            set_children(holder, [k for k in children(holder) if not _objr_of(k, annotation)])
            set_children(top, [*children(top), _objr(pdf, annotation, pdf.pages[number])])
            tree.entries[key] = top
        tops[top.objgen] = top
    for top in tops.values():
        _dissolve_nested_links(top, tree)
        _merge_on_one_line(pdf, top, tree, pages)


def _outermost_link(element: Any) -> Any:
    top = element
    current = element
    while is_element(current):
        if tag(current) == "/Link":
            top = current
        current = current.get("/P")
    if tag(top) != "/Link":    # an annotation outside any link: its holder becomes one
        top.S = Name.Link
    return top


def _objr(pdf: pikepdf.Pdf, annotation: Any, page: pikepdf.Page) -> Any:
    return pdf.make_indirect(Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page.obj))


def _objr_of(kid: Any, annotation: Any) -> bool:
    return isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR and \
        kid.Obj.objgen == annotation.objgen


def _dissolve_nested_links(element: Any, tree: ParentTree) -> None:
    """A Link below ``element`` gives its children to its parent and disappears; an element
    left empty (it held only an annotation) goes too."""
    kids: list[Any] = []
    for kid in children(element):
        if is_element(kid):
            _dissolve_nested_links(kid, tree)
            if tag(kid) == "/Link":
                kids.extend(_adopt(element, kid, tree))
                continue
            if not children(kid):
                continue
        kids.append(kid)
    set_children(element, kids)


def _adopt(parent: Any, link: Any, tree: ParentTree) -> list[Any]:
    """``link``'s children, now ``parent``'s: structure elements and marked content."""
    for kid in children(link):
        if is_element(kid):
            kid.P = parent
        elif isinstance(kid, int):          # an MCID on the link's page
            tree.entries[int(link.Pg.StructParents)][kid] = parent
            if "/Pg" not in parent:
                parent.Pg = link.Pg
    return children(link)


def _box(annotation: Any) -> tuple[float, float, float, float]:
    x1, y1, x2, y2 = (float(v) for v in annotation.Rect)
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


def _target(annotation: Any) -> str:
    action = annotation.get("/A")
    if action is not None and "/URI" in action:
        return "uri:" + str(action.URI)
    return "dest:" + str(annotation.get("/Dest", ""))


def _merge_on_one_line(pdf: pikepdf.Pdf, top: Any, tree: ParentTree,
                       pages: dict[tuple[int, int], int]) -> None:
    """Annotations of one link on one line (same page, same target) become one."""
    kept: list[Any] = []
    dropped: dict[tuple[int, int], Any] = {}
    for kid in children(top):
        if not (isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR):
            continue
        annotation = kid.Obj
        for other in kept:
            a, b = _box(other), _box(annotation)
            overlap = min(a[3], b[3]) - max(a[1], b[1])
            if pages[other.objgen] == pages[annotation.objgen] and \
                    _target(other) == _target(annotation) and \
                    overlap >= 0.5 * min(a[3] - a[1], b[3] - b[1]):
                other.Rect = Array([min(a[0], b[0]), min(a[1], b[1]),
                                    max(a[2], b[2]), max(a[3], b[3])])
                dropped[annotation.objgen] = annotation
                break
        else:
            kept.append(annotation)
    if not dropped:
        return
    set_children(top, [k for k in children(top) if not (
        isinstance(k, Dictionary) and k.get("/Type") == Name.OBJR and k.Obj.objgen in dropped)])
    for annotation in dropped.values():
        del tree.entries[int(annotation.StructParent)]
        page = pdf.pages[pages[annotation.objgen]].obj
        page.Annots = Array([a for a in page.Annots if a.objgen != annotation.objgen])


def describe_links(pdf: pikepdf.Pdf, words: LinkWords) -> None:
    """Each link annotation's /Contents, in the document's language."""
    destinations = _named_destinations(pdf)
    for _, annotation in link_annotations(pdf):
        target = _target(annotation)
        if target.startswith("uri:"):
            address = target.removeprefix("uri:").split("://", 1)[-1].rstrip("/")
            text = fill(words.website, {"address": address})
        else:
            name = target.removeprefix("dest:")
            page = destinations.get(name)
            if page is None or name not in words.titles:
                raise ValueError(f"a link points to #{name}, which has no text or data-short "
                                 "title to describe the link by")
            text = fill(words.section, {"title": words.titles[name],
                                        "page": words.number(page + 1)})
        annotation.Contents = pikepdf.String(text)


def _named_destinations(pdf: pikepdf.Pdf) -> dict[str, int]:
    """Named destination → index of its page."""
    pages: dict[tuple[int, int], int] = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    found: dict[str, int] = {}
    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return found
    tree = pikepdf.NameTree(names.Dests)
    for name, dest in tree.items():
        array = dest.D if isinstance(dest, Dictionary) else dest
        found[str(name)] = pages.get(array[0].objgen, -1)
    return found
