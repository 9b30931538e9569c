"""Create templates/briefing.docx, the reference document that holds the briefing's styles.

Run once (``.venv/bin/python scripts/make_reference_docx.py``); after that the file is the
communications team's to restyle in Word or LibreOffice. docgen picks styles by name only.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt, RGBColor

NAVY, TEAL, AMBER, MUTED = RGBColor(0x0B, 0x2A, 0x45), RGBColor(0x0E, 0x7C, 0x7B), \
    RGBColor(0xE3, 0x9B, 0x2D), RGBColor(0x5A, 0x66, 0x73)
FONT = "Calibri"

TABLE_STYLE = f"""
<w:style {nsdecls('w')} w:type="table" w:customStyle="1" w:styleId="KeyFigures">
  <w:name w:val="Key Figures"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="40"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="40" w:after="40"/></w:pPr>
  <w:rPr><w:sz w:val="19"/></w:rPr>
  <w:tblPr>
    <w:tblBorders>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="CFD8DC"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="CFD8DC"/>
    </w:tblBorders>
    <w:tblCellMar><w:left w:w="100" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:color w:val="FFFFFF"/><w:sz w:val="16"/></w:rPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="0B2A45"/></w:tcPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="firstCol">
    <w:rPr><w:b/><w:color w:val="0B2A45"/></w:rPr>
  </w:tblStylePr>
</w:style>
"""


def _font(style, size: float, color: RGBColor | None = None, bold: bool | None = None) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    if color is not None:
        style.font.color.rgb = color
    if bold is not None:
        style.font.bold = bold


def make(target: Path) -> None:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(22)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    styles = document.styles
    _font(styles["Normal"], 10.5)
    styles["Normal"].paragraph_format.space_after = Pt(6)
    styles["Normal"].paragraph_format.line_spacing = 1.15
    _font(styles["Title"], 24, NAVY, True)
    _font(styles["Subtitle"], 11, TEAL)
    _font(styles["Heading 1"], 14, NAVY, True)
    styles["Heading 1"].paragraph_format.space_before = Pt(16)
    _font(styles["Heading 2"], 11, TEAL, True)
    styles["Heading 2"].paragraph_format.space_before = Pt(10)
    _font(styles["List Bullet"], 10.5)
    _font(styles["Header"], 8, MUTED)
    _font(styles["Footer"], 8, MUTED)
    summary = styles.add_style("Summary", WD_STYLE_TYPE.PARAGRAPH)
    summary.base_style = styles["Normal"]
    _font(summary, 11.5, NAVY)
    summary.paragraph_format.space_after = Pt(10)
    label = styles.add_style("Figure Label", WD_STYLE_TYPE.PARAGRAPH)
    label.base_style = styles["Normal"]
    _font(label, 10, TEAL, True)
    label.paragraph_format.space_before = Pt(6)
    label.paragraph_format.space_after = Pt(2)
    label.paragraph_format.keep_with_next = True
    source = styles.add_style("Source Note", WD_STYLE_TYPE.PARAGRAPH)
    source.base_style = styles["Normal"]
    _font(source, 8.5, MUTED)
    source.font.italic = True
    source.paragraph_format.space_before = Pt(18)
    styles.element.append(parse_xml(TABLE_STYLE))
    # One sample of each style, so the reference shows what it styles (docgen removes them).
    for name in ("Title", "Subtitle", "Heading 1", "Summary", "Normal", "Figure Label",
                 "List Bullet", "Source Note"):
        document.add_paragraph(f"{name} sample", style=name)
    table = document.add_table(rows=2, cols=2)
    table.style = styles["Key Figures"]
    props = document.core_properties
    props.title, props.author, props.comments = "docgen briefing reference", "docgen", ""
    document.save(str(target))


if __name__ == "__main__":
    make(Path(sys.argv[1] if len(sys.argv) > 1 else "templates/briefing.docx"))
