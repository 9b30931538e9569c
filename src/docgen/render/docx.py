"""The briefing: python-docx over the reference document, every style chosen by name.

Restyling is a Word job: change a style in ``templates/briefing.docx`` and every briefing
follows. The styles used are listed in STYLES; the reference must define each of them.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.enum.text import WD_COLOR_INDEX
from docx.opc.exceptions import PackageNotFoundError

from ..errors import DocgenError, Problem
from ..localise import LDocument
from ..zips import restamp
from .visuals import links
from .wordxml import XML_INVALID, add_field, keep_table_together, set_language, tag_runs

STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Normal", "List Bullet",
          "Summary", "Figure Label", "Source Note", "Header", "Footer", "Key Figures")


class _Writer:
    def __init__(self, doc: LDocument, reference: Path, draft: bool, where: str) -> None:
        self.doc, self.draft, self.where = doc, draft, where
        try:
            self.word = docx.Document(str(reference))
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, PackageNotFoundError) as exc:
            raise DocgenError([Problem(str(reference), None, f"cannot open the reference "
                                       f"document: {exc}")]) from None
        missing = [s for s in STYLES if s not in [st.name for st in self.word.styles]]
        if missing:
            raise DocgenError([Problem(str(reference), None,
                                       f"reference document lacks style(s): {', '.join(missing)}")])
        self.tag = doc.language.locale.replace("_", "-")
        self.keep_next = False
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

    def para(self, style: str, *parts: str | tuple[str, bool]) -> None:
        paragraph = self.word.add_paragraph(style=style)
        if style in ("Heading 1", "Heading 2", "Figure Label") or self.keep_next:
            paragraph.paragraph_format.keep_with_next = True
        for part in parts:
            value, bold = part if isinstance(part, tuple) else (part, False)
            run = paragraph.add_run(self.text(value))
            run.bold = bold or None
            if self.draft and getattr(value, "fallback", False):
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        tag_runs(paragraph, self.tag)

    def table(self, rows: Sequence[tuple[str, str | None]], header: tuple[str, str]) -> None:
        """Label and value rows; a row without a value is a subheading across both columns."""
        table = self.word.add_table(rows=1, cols=2)
        table.style = self.word.styles["Key Figures"]
        for cell, heading in zip(table.rows[0].cells, header, strict=True):
            cell.text = self.text(heading)
        for label, value in rows:
            cells = table.add_row().cells
            if value is None:
                merged = cells[0].merge(cells[1])
                merged.text = ""
                run = merged.paragraphs[0].add_run(self.text(label))
                run.bold = True
                continue
            cells[0].text = self.text(label)
            cells[1].text = self.text(value)
        keep_table_together(table)
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    tag_runs(paragraph, self.tag)


def _fit(text: str, limit: int = 255) -> str:
    """Core properties hold at most 255 characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render(doc: LDocument, reference: Path, edition: dt.datetime, draft: bool = False,
           where: str = "briefing") -> bytes:
    """The briefing's DOCX bytes (zip entries stamped with the edition time)."""
    _ = doc.labels.gettext
    ngettext = doc.labels.ngettext
    w = _Writer(doc, reference, draft, where)
    fmt = doc.formatter

    w.para("Title", doc.title)
    w.para("Subtitle", doc.subtitle)
    w.para("Subtitle", _("Briefing for decision makers"), " · ", doc.edition_text)
    w.para("Heading 1", _("Summary"))
    w.para("Summary", doc.lead)
    w.para("Heading 2", _("At a glance"))
    w.table([(h.value, h.label) for h in doc.at_a_glance],
            (_("Key figure"), _("What it measures")))
    for p in doc.partnerships:
        w.para("Heading 1", f"{fmt.number(p.number)}. ", p.title)
        w.keep_next = True            # the intro stays with its table
        w.para("Normal", p.intro)
        w.keep_next = False
        rows: list[tuple[str, str | None]] = []
        if p.organisations:
            rows.append((ngettext("Organisation", "Organisations", len(p.organisations)),
                         fmt.list(p.organisations)))
        rows.append((ngettext("Location", "Locations", len(p.places)), fmt.list(p.places)))
        if p.connections:
            rows.append((ngettext("Link abroad", "Links abroad", len(p.connections)),
                         links(doc, p)))
        for t in p.tables:                 # the article's own table, under its title
            rows += [(t.title, None), *t.rows]
        w.table(rows, (_("Indicator"), _("Details")))
        shown = [value for t in p.tables for _label, value in t.rows]
        # Its figures, read like the glance table; one already in its own table is not repeated.
        figures = [(h.value, h.label) for h in p.highlights
                   if not any(h.value in value for value in shown)]
        if figures:
            w.table(figures, (_("Key figure"), _("What it measures")))
        for lst in p.lists:
            if lst.title:
                w.para("Figure Label", lst.title)
            for item in lst.items:
                w.para("List Bullet", item)
    w.para("Heading 1", _("Conclusion"))
    w.para("Normal", doc.conclusion)
    # Translators: the briefing's last line; {source} names the original article.
    w.para("Source Note", _("Source: {source}", source=doc.source_note))

    section = w.word.sections[0]
    header = section.header.paragraphs[0]
    header.style = w.word.styles["Header"]
    header.add_run(w.text(doc.title))
    footer = section.footer.paragraphs[0]
    footer.style = w.word.styles["Footer"]
    template = _("Page {page} of {pages}")
    for i, piece in enumerate(template.split("{page}")):
        if i:
            add_field(footer, "PAGE")
        for j, rest in enumerate(piece.split("{pages}")):
            if j:
                add_field(footer, "NUMPAGES")
            if rest:
                footer.add_run(rest)
    for paragraph in (header, footer):
        tag_runs(paragraph, w.tag)

    set_language(w.word, w.tag)
    props = w.word.core_properties
    props.title = _fit(doc.title)
    props.subject = _fit(doc.subtitle)
    props.keywords = _fit(_("biotechnology, Wallonia, partnerships, economy, innovation"))
    props.language = w.tag
    props.author = _("Communications team, Wallonia")
    props.last_modified_by = props.author
    props.comments = _fit(doc.source_note)
    props.created = props.modified = edition
    props.revision = 1
    props.category = _("Briefing for decision makers")
    buffer = io.BytesIO()
    w.word.save(buffer)
    return restamp(buffer.getvalue(), edition)


__all__ = ["STYLES", "render"]
