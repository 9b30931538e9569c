"""The briefing: python-docx over the reference document, every style chosen by name.

Restyling is a Word job: change a style in ``templates/briefing.docx`` and every briefing
follows. The styles used are listed in STYLES; the reference must define each of them.
Each part of the briefing is one method of ``_Briefing``, in reading order.

Slot kinds: every paragraph and table cell is running text (a Msg's own string, "44 Millionen
Euro"); the key-figure tables are displays (``.form("display")``, "44 Mio. €").
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx.text.paragraph import Paragraph

from ..localise.document import LDocument, LHighlight, LPartnership
from ..zips import restamp
from .visuals import links
from .wordpackage import settle_properties, settle_settings
from .wordwriter import STYLES, Writer
from .wordxml import add_contents, add_field, set_language, tag_runs


def _display(h: LHighlight) -> tuple[str, str]:
    """A key figure and its label, as a display prints them."""
    return h.value.form("display"), h.label.form("display")


def _fit(text: str, limit: int = 255) -> str:
    """Core properties hold at most 255 characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Briefing(Writer):
    def write(self) -> None:
        self.title_block()
        anchor = self.contents()
        self.summary()
        for partnership in self.doc.partnerships:
            self.partnership(partnership)
        self.conclusion()
        self._imprint()
        self.fill_contents(anchor)
        self.page_frame()

    def title_block(self) -> None:
        _ = self._
        self.para("Title", self.doc.title)
        self.para("Subtitle", self.doc.subtitle)
        self.para("Subtitle", _("Briefing for decision-makers"), " · ", self.doc.edition_text)

    def contents(self) -> Paragraph:
        """The heading of the table of contents; its entries follow once every heading is known."""
        _ = self._
        return self.para("TOC Heading", _("Contents"))

    def fill_contents(self, anchor: Paragraph) -> None:
        entries = []
        previous = anchor._p
        for text, bookmark in self.headings:
            paragraph = self.word.add_paragraph(style="toc 1")
            previous.addnext(paragraph._p)
            previous = paragraph._p
            entries.append((paragraph, self.text(text), bookmark))
        add_contents(entries)
        for paragraph, _text, _bookmark in entries:
            tag_runs(paragraph, self.tag)

    def summary(self) -> None:
        _ = self._
        self.heading(1, _("Summary"))
        self.para("Summary", self.doc.lead)
        self.heading(2, _("At a glance"))
        # Translators: a table's description for screen readers (Word's alt text).
        description = _("Key figures of Wallonia’s biotech sector and what each measures")
        self.figures(self.doc.at_a_glance, _("At a glance"), description)

    def figures(self, highlights: list[LHighlight], title: str, description: str) -> None:
        _ = self._
        self.table([_display(h) for h in highlights],
                   (_("Key figure"), _("What it measures")), title, description)

    def partnership(self, p: LPartnership) -> None:
        _, fmt = self._, self.doc.formatter
        self.heading(1, f"{fmt.number(p.number)}. ", p.title)
        self.para("Normal", p.intro, keep=True)        # the intro stays with its table
        self.profile(p)
        shown = [value.form("display") for t in p.tables for _label, value in t.rows]
        # Its figures, read like the glance table; one already in its own table is not repeated.
        figures = [h for h in p.highlights
                   if not any(h.value.form("display") in value for value in shown)]
        if figures:
            # Translators: the heading above a partnership's table of its key figures.
            title = _("In figures")
            # Translators: a table's description for screen readers; {partnership} names it.
            described = _("{partnership}: key figures and what each measures",
                          partnership=p.short_title)
            self.heading(2, title)
            self.figures(figures, title, described)
        for lst in p.lists:
            if lst.title:
                self.heading(2, lst.title)
            self.bullets(lst.items)
        for t in p.tables:                 # the article's own table, under its title
            self.heading(2, t.title)
            # Translators: a table's description for screen readers; {table} is its title.
            described = _("{partnership}: {table}, each indicator with its details",
                          partnership=p.short_title, table=t.title)
            self.table(t.rows, (_("Indicator"), _("Details")), t.title, described)

    def profile(self, p: LPartnership) -> None:
        _, ngettext, fmt = self._, self.doc.labels.ngettext, self.doc.formatter
        rows = []
        if p.organisations:
            rows.append((ngettext("Organisation", "Organisations", len(p.organisations)),
                         fmt.list(p.organisations)))
        rows.append((ngettext("Location", "Locations", len(p.places)), fmt.list(p.places)))
        if p.connections:
            rows.append((ngettext("Link abroad", "Links abroad", len(p.connections)),
                         links(self.doc, p)))
        # Translators: the title of a partnership's table of organisations and locations.
        title = _("Profile")
        # Translators: a table's description for screen readers; {partnership} names it.
        described = _("{partnership}: who takes part and where", partnership=p.short_title)
        self.table(rows, (_("Indicator"), _("Details")), title, described)

    def conclusion(self) -> None:
        _ = self._
        self.heading(1, _("Conclusion"))
        self.para("Normal", self.doc.conclusion)

    def _imprint(self) -> None:
        """The publication details; the place for the imprint (publisher, source, licence)."""
        _ = self._
        self.heading(1, _("Publication details"))
        lines = ((_("Publisher"), _("Communications team, Wallonia")),
                 (_("Edition"), self.doc.edition_text),
                 (_("Source"), self.doc.source_note))
        for index, (label, value) in enumerate(lines):       # the lines stay together
            self.para("Source Note", (label, True), "\t", value, keep=index < len(lines) - 1)
        if self.draft and self.doc.fallbacks:
            self.para("Source Note", _("Draft: highlighted texts are not yet translated."))

    def page_frame(self) -> None:
        """The running header (the title) and the footer "Page 2 of 5" with live fields."""
        section = self.word.sections[0]
        header = section.header.paragraphs[0]
        header.style = self.word.styles["Header"]
        header.add_run(self.text(self.doc.title))
        footer = section.footer.paragraphs[0]
        footer.style = self.word.styles["Footer"]
        _ = self._
        for i, piece in enumerate(_("Page {page} of {pages}").split("{page}")):
            if i:
                add_field(footer, "PAGE")
            for j, rest in enumerate(piece.split("{pages}")):
                if j:
                    add_field(footer, "NUMPAGES")
                if rest:
                    footer.add_run(rest)
        for paragraph in (header, footer):
            tag_runs(paragraph, self.tag)

    def properties(self, edition: dt.datetime) -> None:
        _ = self._
        set_language(self.word, self.tag)
        settle_settings(self.word, self.tag)
        settle_properties(self.word)
        props = self.word.core_properties
        props.title = _fit(self.doc.title)
        props.subject = _fit(self.doc.subtitle)
        props.keywords = _fit(_("biotechnology, Wallonia, partnerships, economy, innovation"))
        props.language = self.tag
        props.author = _("Communications team, Wallonia")
        props.last_modified_by = props.author
        props.comments = _fit(self.doc.source_note)
        props.created = props.modified = edition
        props.revision = 1
        props.category = _("Briefing for decision-makers")


def render(doc: LDocument, reference: Path, edition: dt.datetime, draft: bool = False,
           where: str = "briefing") -> bytes:
    """The briefing's DOCX bytes (zip entries stamped with the edition time)."""
    briefing = _Briefing(doc, reference, draft, where)
    briefing.write()
    briefing.properties(edition)
    buffer = io.BytesIO()
    briefing.word.save(buffer)
    return restamp(buffer.getvalue(), edition)


__all__ = ["STYLES", "render"]
