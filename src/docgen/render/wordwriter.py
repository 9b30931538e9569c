"""Paragraphs, headings, lists and tables in the reference document's styles.

The briefing (docx.py) says what goes where; this module knows how Word wants it: headings
bookmarked for the table of contents, lists that never split, one header row per table,
columns sized to their content, web addresses as links, ``w:lang`` on every run.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.enum.text import WD_COLOR_INDEX
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Length
from docx.text.paragraph import Paragraph

from ..errors import DocgenError, Problem
from ..localise.document import LDocument
from .wordxml import (
    XML_INVALID,
    add_bookmark,
    add_hyperlink,
    describe_table,
    keep_table_together,
    size_table,
    tag_runs,
)

STYLES = ("Title", "Subtitle", "TOC Heading", "toc 1", "Heading 1", "Heading 2", "Normal",
          "Summary", "List Bullet", "Source Note", "Header", "Footer", "Hyperlink",
          "Key Figures")
# The first column holds a short label or a figure, the second the words that explain it.
COLUMNS = (0.3, 0.7)

Part = str | tuple[str, bool]          # a text, or a text and whether it is bold


class Writer:
    def __init__(self, doc: LDocument, reference: Path, draft: bool, where: str) -> None:
        self.doc, self.draft, self.where = doc, draft, where
        self._ = doc.labels.gettext
        try:
            self.word = docx.Document(str(reference))
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, PackageNotFoundError) as exc:
            raise DocgenError([Problem(str(reference), None, f"cannot open the reference "
                                       f"document: {exc}")]) from None
        names = {style.name for style in self.word.styles}
        missing = [name for name in STYLES if name not in names]
        if missing:
            raise DocgenError([Problem(str(reference), None,
                                       f"reference document lacks style(s): {', '.join(missing)}")])
        self.tag = doc.language.locale.replace("_", "-")
        self.headings: list[tuple[str, str]] = []      # (text, bookmark) of each Heading 1
        links = sorted(doc.links, key=len, reverse=True)
        self.links = re.compile("(" + "|".join(map(re.escape, links)) + ")") if links else None
        section = self.word.sections[0]
        assert section.page_width and section.left_margin and section.right_margin
        self.width = Length(section.page_width - section.left_margin - section.right_margin)
        # The reference's own sample paragraphs are not part of the briefing.
        body = self.word.element.body
        for child in list(body):
            if child.tag.endswith("}p") or child.tag.endswith("}tbl"):
                body.remove(child)

    def text(self, value: str) -> str:
        if XML_INVALID.search(value):
            raise DocgenError([Problem(self.where, None,
                                       f"text has a character Word cannot hold: {value[:60]!r}")])
        return value

    def para(self, style: str, *parts: Part, keep: bool | None = None) -> Paragraph:
        """A paragraph of ``parts``; ``keep`` overrides the style's keep-with-next."""
        paragraph = self.word.add_paragraph(style=style)
        if keep is not None:
            paragraph.paragraph_format.keep_with_next = keep
        for part in parts:
            value, bold = part if isinstance(part, tuple) else (part, False)
            self._runs(paragraph, value, bold)
        tag_runs(paragraph, self.tag)
        return paragraph

    def _runs(self, paragraph: Paragraph, value: str, bold: bool) -> None:
        """Runs of ``value``; a web address of the source becomes a link to it."""
        pieces = self.links.split(value) if self.links else [value]
        for piece in filter(None, pieces):
            if piece in self.doc.links:
                add_hyperlink(paragraph, self.text(piece), self.doc.links[piece], "Hyperlink")
                continue
            run = paragraph.add_run(self.text(piece))
            run.bold = bold or None
            if self.draft and getattr(value, "fallback", False):
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    def heading(self, level: int, *parts: Part) -> Paragraph:
        """Heading 1 or 2 (keep-with-next and the outline level come from the style)."""
        paragraph = self.para(f"Heading {level}", *parts)
        if level == 1:
            bookmark = f"_Toc{len(self.headings) + 1:03d}"
            add_bookmark(paragraph, bookmark, len(self.headings) + 1)
            self.headings.append((paragraph.text, bookmark))
        return paragraph

    def bullets(self, items: Sequence[str]) -> None:
        """A list that never splits: every item but the last keeps with the next.

        A list right after a table (no heading of its own) also keeps the table's last row
        with it, so it never starts a page alone.
        """
        previous = self.word.element.body[-2]          # the last block before w:sectPr
        if previous.tag == qn("w:tbl"):
            for paragraph in previous.findall(f"{qn('w:tr')}[last()]//{qn('w:p')}"):
                paragraph.get_or_add_pPr().keepNext_val = True
        for index, item in enumerate(items):
            self.para("List Bullet", item, keep=index < len(items) - 1)

    def table(self, rows: Sequence[tuple[str, str]], header: tuple[str, str] | None,
              title: str, description: str) -> None:
        """One table: a header row (repeated on a new page), then label and value rows."""
        table = self.word.add_table(rows=0, cols=2)
        table.style = self.word.styles["Key Figures"]
        for label, value in ([header] if header else []) + list(rows):
            cells = table.add_row().cells
            cells[0].text = self.text(label)
            cells[1].text = ""
            self._runs(cells[1].paragraphs[0], value, False)
        size_table(table, self.width, COLUMNS)
        describe_table(table, self.text(title), self.text(description))
        keep_table_together(table, header=header is not None)
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    tag_runs(paragraph, self.tag)
