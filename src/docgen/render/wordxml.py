"""The few things python-docx has no API for: language tags, fields, stable zip entries."""

from __future__ import annotations

import re

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
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
    for run in paragraph.runs:
        _lang(run._r.get_or_add_rPr(), tag)


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


def keep_table_together(table: object) -> None:
    """Header row repeats, rows never split, and the table stays on one page if it fits."""
    rows = table.rows  # type: ignore[attr-defined]
    for index, row in enumerate(rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if index == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))
        if index < len(rows) - 1:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
