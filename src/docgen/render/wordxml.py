"""The few things python-docx has no API for: language tags, fields, links, table details."""

from __future__ import annotations

import re
from collections.abc import Sequence

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import Table
from docx.text.paragraph import Paragraph

# Characters Word XML cannot hold (XML 1.0 forbids C0 controls but tab, LF, CR).
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def set_language(document: DocxDocument, tag: str) -> None:
    """``w:lang`` in the document defaults and every style, so spell-checking follows."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    _lang(rpr, tag)
    for style in styles.findall(qn("w:style")):
        style_rpr = style.find(qn("w:rPr"))
        if style_rpr is not None:
            _lang(style_rpr, tag)


def _lang(rpr: object, tag: str) -> None:
    lang = rpr.find(qn("w:lang"))  # type: ignore[attr-defined]
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)  # type: ignore[attr-defined]
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), tag)


def tag_runs(paragraph: Paragraph, tag: str) -> None:
    """Every run of the paragraph, also inside links and fields, says its language."""
    for run in paragraph._p.iter(qn("w:r")):
        _lang(run.get_or_add_rPr(), tag)


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """A field Word and LibreOffice compute when they lay out (PAGE, NUMPAGES)."""
    run = paragraph.add_run()
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), f" {instruction} ")
    inner = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    inner.append(text)
    simple.append(inner)
    run._r.addnext(simple)


def add_hyperlink(paragraph: Paragraph, text: str, url: str, style: str) -> None:
    """``text`` as a link to ``url`` (an external relationship, numbered in document order)."""
    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    link.set(qn("w:history"), "1")
    run = paragraph.add_run(text, style)
    run._r.addnext(link)
    link.append(run._r)


def add_bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """A bookmark around the paragraph's text: a table of contents entry points to it."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    runs = paragraph._p.findall(qn("w:r"))
    if runs:
        runs[0].addprevious(start)
        runs[-1].addnext(end)
    else:
        paragraph._p.append(start)
        paragraph._p.append(end)


def _field_runs(instruction: str, dirty: bool = False) -> tuple[object, object, object]:
    """The begin, instruction and separate runs of a complex field."""
    begin, instr, separate = OxmlElement("w:r"), OxmlElement("w:r"), OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "begin")
    if dirty:
        char.set(qn("w:dirty"), "true")
    begin.append(char)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    instr.append(text)
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), "separate")
    separate.append(mark)
    return begin, instr, separate


def _field_end() -> object:
    run, char = OxmlElement("w:r"), OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    run.append(char)
    return run


def add_contents(entries: Sequence[tuple[Paragraph, str, str]]) -> None:
    """A table of contents field over ``(paragraph, text, bookmark)`` entries.

    Each entry links to its heading. Word rebuilds the field when it opens the document (it
    is marked dirty), LibreOffice shows it as written; neither prints page numbers (``\\n``),
    which only Word could compute, so both show the same list.
    """
    for index, (paragraph, text, bookmark) in enumerate(entries):
        p = paragraph._p
        if index == 0:
            for run in _field_runs('TOC \\o "1-1" \\h \\z \\u \\n', dirty=True):
                p.append(run)
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), bookmark)
        link.set(qn("w:history"), "1")
        run, t = OxmlElement("w:r"), OxmlElement("w:t")
        t.text = text
        t.set(qn("xml:space"), "preserve")
        run.append(t)
        link.append(run)
        p.append(link)
        if index == len(entries) - 1:
            p.append(_field_end())


def size_table(table: Table, width: Length, shares: Sequence[float]) -> None:
    """Columns of fixed widths (``shares`` of ``width``), the whole table ``width`` wide."""
    table.autofit = False
    tbl_w = table._tbl.tblPr.find(qn("w:tblW"))
    if tbl_w is not None:
        tbl_w.set(qn("w:type"), "dxa")
        tbl_w.set(qn("w:w"), str(width.twips))
    widths = [Length(int(width * share)) for share in shares]
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width
    for row in table.rows:
        for cell, column_width in zip(row.cells, widths, strict=True):
            cell.width = column_width


def describe_table(table: Table, title: str, description: str) -> None:
    """Word's alternative text for a table: a title and a description."""
    tbl_pr = table._tbl.tblPr
    for tag, value in (("w:tblCaption", title), ("w:tblDescription", description)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        tbl_pr.append(element)


def keep_table_together(table: Table, header: bool = True) -> None:
    """Header row repeats, rows never split, and the table stays on one page if it fits."""
    rows = table.rows
    if not header:      # Word reads the bits of w:val, LibreOffice the attributes: set both
        look = table._tbl.tblPr.find(qn("w:tblLook"))
        if look is not None:
            look.set(qn("w:firstRow"), "0")
            look.set(qn("w:val"), "0480")
    for index, row in enumerate(rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if index == 0 and header:
            tr_pr.append(OxmlElement("w:tblHeader"))
        if index < len(rows) - 1:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
