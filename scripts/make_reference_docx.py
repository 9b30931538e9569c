"""Create templates/briefing.docx, the reference document that holds the briefing's styles.

Run it to start over (``.venv/bin/python scripts/make_reference_docx.py``); otherwise the
file is the communications team's to restyle in Word or LibreOffice. docgen picks styles by
name only. The document is written part by part, not from python-docx's default template,
so that nothing of an old Word version comes along: Word 2013+ mode (compatibilityMode 15),
no thumbnail, no "Microsoft Macintosh Word" in docProps/app.xml, the brochure's palette
(templates/brochure.css) instead of Office blue, and the same bytes on every run.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docgen.zips import stable_zip

# The brochure's palette (templates/brochure.css).
INK, MUTED, NAVY, TEAL = "17212B", "5A6673", "0B2A45", "0E7C7B"
AMBER, RULE, TEAL_LIGHT = "E39B2D", "CFD8DC", "E3F1F0"
# Calibri in Word; LibreOffice lays it out with Carlito, which has the same metrics, so
# lines and pages break alike (README, "Restyling the briefing").
FONT = "Calibri"
TEXT_WIDTH = 9412                      # twips: A4 (11906) less 2 x 22 mm margins

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
WORD_MS = "http://schemas.microsoft.com/office/word"


def _fonts() -> str:
    return f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'


def _style(kind: str, style_id: str, name: str, ppr: str = "", rpr: str = "",
           based: str | None = "Normal", extra: str = "", default: bool = False) -> str:
    attrs = ' w:default="1"' if default else ""
    base = f'<w:basedOn w:val="{based}"/>' if based else ""
    return (f'<w:style w:type="{kind}"{attrs} w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'{base}<w:qFormat/>{f"<w:pPr>{ppr}</w:pPr>" if ppr else ""}'
            f'{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}{extra}</w:style>')


def _run(size_half_points: int, color: str, bold: bool = False, italic: bool = False) -> str:
    return (("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
            + f'<w:color w:val="{color}"/><w:sz w:val="{size_half_points}"/>'
            f'<w:szCs w:val="{size_half_points}"/>')


def _heading(level: int, before: int, after: int, size: int, color: str) -> str:
    ppr = (f'<w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="{after}"/>'
           f'<w:outlineLvl w:val="{level - 1}"/>')
    return _style("paragraph", f"Heading{level}", f"heading {level}", ppr,
                  _run(size, color, bold=True), extra="")


KEY_FIGURES = f"""<w:style w:type="table" w:customStyle="1" w:styleId="KeyFigures">
<w:name w:val="Key Figures"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="40"/><w:qFormat/>
<w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr>
<w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>
<w:tblPr><w:tblBorders>
<w:top w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>
<w:bottom w:val="single" w:sz="8" w:space="0" w:color="{NAVY}"/>
<w:insideH w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/></w:tblBorders>
<w:tblCellMar><w:top w:w="20" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>
<w:bottom w:w="20" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr>
<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/>
<w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr>
<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{NAVY}"/></w:tcPr></w:tblStylePr>
<w:tblStylePr w:type="firstCol"><w:rPr><w:b/><w:bCs/><w:color w:val="{NAVY}"/></w:rPr>
</w:tblStylePr></w:style>"""


def styles_xml() -> str:
    styles = [
        _style("paragraph", "Normal", "Normal", based=None, default=True),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        '<w:unhideWhenUsed/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal '
        'Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr>'
        '<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        _style("paragraph", "Title", "Title",
               '<w:keepNext/><w:pBdr><w:bottom w:val="single" w:sz="12" w:space="6" '
               f'w:color="{AMBER}"/></w:pBdr><w:spacing w:before="0" w:after="200" '
               'w:line="240" w:lineRule="auto"/><w:outlineLvl w:val="9"/>',
               _run(48, NAVY, bold=True)),
        _style("paragraph", "Subtitle", "Subtitle", '<w:spacing w:after="60"/>', _run(22, TEAL)),
        _heading(1, 320, 100, 28, NAVY),
        _heading(2, 200, 60, 22, TEAL),
        _style("paragraph", "Summary", "Summary",
               f'<w:pBdr><w:left w:val="single" w:sz="24" w:space="10" w:color="{AMBER}"/>'
               '</w:pBdr><w:spacing w:before="120" w:after="200"/><w:ind w:left="240"/>',
               _run(23, NAVY)),
        _style("paragraph", "ListBullet", "List Bullet",
               '<w:keepNext/><w:numPr><w:numId w:val="1"/></w:numPr>'
               '<w:spacing w:before="100" w:after="100"/><w:ind w:left="284" w:hanging="227"/>'
               '<w:contextualSpacing/>'),
        # Label, tab, value: the imprint's lines, their values aligned at 4 cm.
        _style("paragraph", "SourceNote", "Source Note",
               '<w:tabs><w:tab w:val="left" w:pos="2268"/></w:tabs>'
               '<w:spacing w:before="0" w:after="60"/><w:ind w:left="2268" w:hanging="2268"/>',
               _run(17, MUTED)),
        _style("paragraph", "Header", "header",
               f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
               '<w:spacing w:after="0"/>', _run(16, MUTED)),
        _style("paragraph", "Footer", "footer",
               f'<w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="{RULE}"/></w:pBdr>'
               f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
               '<w:spacing w:after="0"/>', _run(16, MUTED)),
        _style("paragraph", "TOCHeading", "TOC Heading", '<w:outlineLvl w:val="9"/>',
               based="Heading1"),
        _style("paragraph", "TOC1", "toc 1", '<w:spacing w:before="30" w:after="30"/>',
               _run(20, INK)),
        '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        f'<w:rPr><w:color w:val="{TEAL}"/><w:u w:val="single"/></w:rPr></w:style>',
        KEY_FIGURES,
    ]
    # Word's Normal is empty and the spacing lives in the defaults: a table style's tighter
    # spacing then wins in table cells (Word ranks table styles above the defaults only).
    defaults = (f'<w:docDefaults><w:rPrDefault><w:rPr>{_fonts()}<w:color w:val="{INK}"/>'
                '<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="de-BE" w:eastAsia="de-BE" '
                'w:bidi="de-BE"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
                '<w:widowControl/><w:spacing w:after="120" w:line="269" w:lineRule="auto"/>'
                '</w:pPr></w:pPrDefault></w:docDefaults>')
    return f'{HEAD}<w:styles xmlns:w="{W}">{defaults}{"".join(styles)}</w:styles>'


def numbering_xml() -> str:
    """One bullet list, its bullet in the text font (no Symbol, no OpenSymbol fallback)."""
    return (f'{HEAD}<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">'
            '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/>'
            '<w:pPr><w:ind w:left="284" w:hanging="227"/></w:pPr>'
            f'<w:rPr>{_fonts()}<w:color w:val="{TEAL}"/></w:rPr></w:lvl></w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def settings_xml() -> str:
    compat = "".join(
        f'<w:compatSetting w:name="{name}" w:uri="{WORD_MS}" w:val="{value}"/>'
        for name, value in (("compatibilityMode", 15),
                            ("overrideTableStyleFontSizeAndJustification", 1),
                            ("enableOpenTypeFeatures", 1), ("doNotFlipMirrorIndents", 1),
                            ("differentiateMultirowTableHeaders", 1)))
    return (f'{HEAD}<w:settings xmlns:w="{W}"><w:zoom w:percent="100"/>'
            '<w:defaultTabStop w:val="709"/><w:characterSpacingControl w:val="doNotCompress"/>'
            f'<w:compat>{compat}</w:compat><w:themeFontLang w:val="de-BE"/></w:settings>')


def fonts_xml() -> str:
    return (f'{HEAD}<w:fonts xmlns:w="{W}"><w:font w:name="{FONT}">'
            '<w:panose1 w:val="020F0502020204030204"/><w:charset w:val="00"/>'
            '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font></w:fonts>')


def _para(style: str, text: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'


def _sample_table() -> str:
    cells = [("Indicator", "Details"), ("Label", "Value")]
    grid = '<w:tblGrid><w:gridCol w:w="2824"/><w:gridCol w:w="6588"/></w:tblGrid>'
    rows = "".join("<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"
                                      for text in row) + "</w:tr>" for row in cells)
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="KeyFigures"/><w:tblW w:w="{TEXT_WIDTH}" '
            'w:type="dxa"/><w:tblLook w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
            f'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>{grid}{rows}</w:tbl>')


def document_xml() -> str:
    """One sample of each style (docgen removes them), and the A4 page."""
    samples = [("Title", "Title"), ("Subtitle", "Subtitle"), ("TOCHeading", "TOC Heading"),
               ("TOC1", "toc 1"), ("Heading1", "Heading 1"),
               ("Summary", "Summary"), ("Heading2", "Heading 2"), ("Normal", "Normal"),
               ("ListBullet", "List Bullet"), ("ListBullet", "List Bullet")]
    body = "".join(_para(style, text) for style, text in samples)
    body += _sample_table() + _para("SourceNote", "Source Note")
    sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>'
            '<w:footerReference w:type="default" r:id="rIdFooter"/>'
            '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1247" w:right="1247" '
            'w:bottom="1134" w:left="1247" w:header="624" w:footer="567" w:gutter="0"/>'
            '</w:sectPr>')
    return (f'{HEAD}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}{sect}</w:body>'
            '</w:document>')


def header_footer_xml(tag: str, style: str) -> str:
    return f'{HEAD}<w:{tag} xmlns:w="{W}" xmlns:r="{R}">{_para(style, "")}</w:{tag}>'.replace(
        "<w:r><w:t></w:t></w:r>", "")


def package(when: dt.datetime) -> list[tuple[str, bytes]]:
    ct = "application/vnd.openxmlformats-officedocument."
    overrides = {"/word/document.xml": "wordprocessingml.document.main+xml",
                 "/word/styles.xml": "wordprocessingml.styles+xml",
                 "/word/settings.xml": "wordprocessingml.settings+xml",
                 "/word/numbering.xml": "wordprocessingml.numbering+xml",
                 "/word/fontTable.xml": "wordprocessingml.fontTable+xml",
                 "/word/header1.xml": "wordprocessingml.header+xml",
                 "/word/footer1.xml": "wordprocessingml.footer+xml",
                 "/docProps/app.xml": "extended-properties+xml"}
    types = ("".join(f'<Override PartName="{name}" ContentType="{ct}{kind}"/>'
                     for name, kind in overrides.items())
             + '<Override PartName="/docProps/core.xml" ContentType="application/'
             'vnd.openxmlformats-package.core-properties+xml"/>')
    content_types = (f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                     'content-types"><Default Extension="rels" ContentType="application/'
                     'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                     f'ContentType="application/xml"/>{types}</Types>')

    def rels(items: list[tuple[str, str, str]]) -> str:
        return (f'{HEAD}<Relationships xmlns="{PKG_RELS}">' + "".join(
            f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>'
            for rid, kind, target in items) + "</Relationships>")

    root_rels = rels([
        ("rId1", f"{OFFICE_RELS}/officeDocument", "word/document.xml"),
        ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                 "core-properties", "docProps/core.xml"),
        ("rId3", f"{OFFICE_RELS}/extended-properties", "docProps/app.xml")])
    doc_rels = rels([(f"rId{name.title()}" if name in ("header", "footer") else rid,
                      f"{OFFICE_RELS}/{name}", target) for rid, name, target in (
        ("rId1", "styles", "styles.xml"), ("rId2", "settings", "settings.xml"),
        ("rId3", "numbering", "numbering.xml"), ("rId4", "fontTable", "fontTable.xml"),
        ("", "header", "header1.xml"), ("", "footer", "footer1.xml"))])
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    core = (f'{HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
            '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/'
            'XMLSchema-instance"><dc:title>docgen briefing reference</dc:title>'
            '<dc:creator>docgen</dc:creator><cp:revision>1</cp:revision>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            '</cp:coreProperties>')
    app = (f'{HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
           'extended-properties"><Application>docgen</Application></Properties>')
    return [(name, text.encode("utf-8")) for name, text in (
        ("[Content_Types].xml", content_types), ("_rels/.rels", root_rels),
        ("docProps/core.xml", core), ("docProps/app.xml", app),
        ("word/document.xml", document_xml()), ("word/_rels/document.xml.rels", doc_rels),
        ("word/styles.xml", styles_xml()), ("word/settings.xml", settings_xml()),
        ("word/numbering.xml", numbering_xml()), ("word/fontTable.xml", fonts_xml()),
        ("word/header1.xml", header_footer_xml("hdr", "Header")),
        ("word/footer1.xml", header_footer_xml("ftr", "Footer")))]


def make(target: Path) -> None:
    when = dt.datetime(2026, 1, 1)
    target.write_bytes(stable_zip(package(when), when))


if __name__ == "__main__":
    make(Path(sys.argv[1] if len(sys.argv) > 1 else "templates/briefing.docx"))
