"""The review document for proofreaders: one table row per text, as DOCX and as PDF.

A proofreader comments in Word (or on the PDF); the rows carry the source text, the
translation, its state and where the text appears, in the proofread language's own labels.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from ..localise.labels import Labels


@dataclass(frozen=True)
class Item:
    """One text as the proofreader sees it."""

    domain: str
    context: str | None
    source: str
    translation: str
    state: str                  # translated, fuzzy or untranslated
    previous: str | None        # a fuzzy entry's old source text
    changed: bool               # new or different since the last edition
    page: int | None            # first brochure page that prints it
    section: str                # the brochure heading it stands under
    line: int                   # the entry's line in its catalog


@dataclass(frozen=True)
class Row:
    number: str
    where: str
    source: str
    translation: str
    state: str
    source_lang: str


def rows(items: list[Item], labels: Labels, tag: str | None,
         source_langs: dict[str, str]) -> list[Row]:
    """The table of the review, every cell already in the proofread language."""
    _ = labels.gettext
    states = {"translated": _("translated"), "fuzzy": _("fuzzy (to check)"),
              "untranslated": _("untranslated")}
    out = []
    for number, item in enumerate(items, start=1):
        where: str
        if item.page is None:
            where = _("Not in the brochure (briefing or download page)")
        else:
            where = _("Brochure, page {page}", page=item.page)
            if item.section:
                where += f" · {item.section}"
        state: str = states[item.state]
        if tag and item.changed and item.state == "translated":
            state += " · " + _("changed since the last edition")
        if item.previous:
            state += " · " + _("earlier source text: {text}", text=item.previous)
        out.append(Row(str(number), where, item.source, item.translation, state,
                       source_langs[item.domain]))
    return out


def headings(labels: Labels) -> tuple[str, ...]:
    _ = labels.gettext
    return (_("No."), _("Where"), _("Source text"), _("Translation"), _("State"))


def intro(labels: Labels, language: str, tag: str | None) -> tuple[str, str]:
    """The title and the line under it."""
    _ = labels.gettext
    title = _("Translation review: {language}", language=language)
    if tag:
        note = _("Compared with the edition tagged {tag}.", tag=tag)
    else:
        note = _("No earlier edition: every text counts as new.")
    return title, note + " " + _("Comment in Word; the translator applies the comments "
                                 "in the catalog.")


def docx_bytes(title: str, note: str, head: tuple[str, ...], table: list[Row], tag: str,
               edition: dt.datetime) -> bytes:
    """A landscape Word document with one table (zip entries stamped with the edition)."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    from ..render.wordxml import set_language, tag_runs
    from ..zips import restamp

    word = docx.Document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    word.add_heading(title, level=1)
    word.add_paragraph(note)
    grid = word.add_table(rows=1, cols=len(head))
    grid.style = word.styles["Table Grid"]
    widths = (Mm(12), Mm(50), Mm(85), Mm(85), Mm(35))
    for cell, text, width in zip(grid.rows[0].cells, head, widths, strict=True):
        cell.text, cell.width = text, width
        cell.paragraphs[0].runs[0].bold = True
    for row in table:
        cells = grid.add_row().cells
        values = (row.number, row.where, row.source, row.translation, row.state)
        for cell, text, width in zip(cells, values, widths, strict=True):
            cell.text, cell.width = text, width
    for paragraph in word.paragraphs:
        tag_runs(paragraph, tag)
    for table_row in grid.rows:
        for cell in table_row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
                tag_runs(paragraph, tag)
    set_language(word, tag)
    props = word.core_properties
    props.title, props.language, props.revision = title, tag, 1
    props.author = props.last_modified_by = "docgen"
    props.created = props.modified = edition
    buffer = io.BytesIO()
    word.save(buffer)
    return restamp(buffer.getvalue(), edition)


def pdf_file(title: str, note: str, head: tuple[str, ...], table: list[Row], lang: str,
             templates: Path, target: Path) -> int:
    """The same table as a PDF (WeasyPrint, the brochure's fonts)."""
    from ..render.html import environment
    from ..render.pdf import write_pdf

    page = environment(templates).get_template("review.html").render(
        lang=lang, title=title, note=note, head=head, rows=table)
    return write_pdf(page, templates, target, f"review-{lang}.pdf")
