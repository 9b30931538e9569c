"""The proofreader's review: every text of one language in reading order, with where it
appears (brochure page from WeasyPrint's anchors, section), the source, the translation and
its state, compared with the last released edition (the newest ``edition-*`` git tag).
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import catalogs, po
from ..i18n.languages import CONTENT, Language
from ..project import Project
from .review_document import Item

if TYPE_CHECKING:
    from ..localise.document import LDocument

Key = tuple[str, "str | None", str]        # (domain, msgctxt, msgid)

STATES = ("translated", "fuzzy", "untranslated")


def last_edition(root: Path) -> str | None:
    """The newest ``edition-*`` tag of the project's git history, if any."""
    try:
        out = subprocess.run(["git", "tag", "--list", "edition-*", "--sort=-refname"],
                             cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    tags = out.stdout.split() if out.returncode == 0 else []
    return tags[0] if tags else None


def _released(root: Path, tag: str | None, path: Path) -> dict[tuple[str | None, str], str]:
    """The translations a catalog had at the tag (msgctxt, msgid → msgstr)."""
    if tag is None:
        return {}
    relative = path.relative_to(root).as_posix()
    out = subprocess.run(["git", "show", f"{tag}:{relative}"], cwd=root, capture_output=True,
                         timeout=10)
    if out.returncode != 0:
        return {}
    entries, _problems = po.parse(out.stdout.decode("utf-8", "replace"), relative)
    return {e.key: "\x00".join(e.msgstr) for e in entries
            if not e.obsolete and not e.is_header and e.translated}


def placed(project: Project, local: LDocument
           ) -> tuple[dict[Key, tuple[int, str]], list[Key]]:
    """Where each catalog text first appears in the brochure: (page, section), and the
    reading order of the keys (from anchors the HTML renderer puts on every text)."""
    from weasyprint import HTML

    from ..render import html
    from ..render.fetcher import AssetFetcher

    keys: list[Key] = []
    page_html = html.render(local, project.templates, draft=False, anchors=keys)
    fetcher = AssetFetcher(project.templates)
    document = HTML(string=page_html, base_url=fetcher.root.as_uri() + "/",
                    url_fetcher=fetcher).render()
    where: dict[Key, tuple[int, str]] = {}
    order: list[Key] = []
    section, sub = "", ""
    for number, page in enumerate(document.pages, start=1):
        marks = sorted([(pos[1], 0, level, label) for level, label, pos, _s in page.bookmarks] +
                       [(pos[1], 1, 0, name) for name, pos in page.anchors.items()
                        if name.startswith("msg-")])    # a heading before the text at its y
        for _y, kind, level, value in marks:
            if kind == 0 and level <= 2:                 # a chapter: cover, partnership…
                section, sub = value, ""
            elif kind == 0:                              # a heading inside it
                sub = value
            else:
                key = keys[int(value.removeprefix("msg-"))]
                if key not in where:
                    where[key] = (number, f"{section} › {sub}" if sub else section)
                    order.append(key)
    return where, order


def collect(project: Project, local: LDocument, tag: str | None,
            changed_only: bool = False) -> list[Item]:
    """Every text of the language's catalogs, in the brochure's reading order, compared with
    the edition ``tag`` (None: no earlier edition)."""
    language = local.language
    where, order = placed(project, local)
    rank = {key: i for i, key in enumerate(order)}
    items = []
    for domain in language.domains():
        path = catalogs.po_path(project.locales, language.code, domain)
        entries, _problems = catalogs.read_entries(path)
        released = _released(project.root, tag, path)
        for e in entries:
            if e.is_header or e.obsolete:
                continue
            state = "translated" if e.translated else "fuzzy" if e.fuzzy else "untranslated"
            key: Key = (domain.name, e.msgctxt, e.msgid)
            page, section = where.get(key, (None, ""))
            items.append(Item(
                domain=domain.name, context=e.msgctxt, source=e.msgid,
                translation=e.msgstr[0] if e.msgstr else "", state=state,
                previous=po.previous_msgid(e) if e.fuzzy else None,
                changed=released.get(e.key) != "\x00".join(e.msgstr) or not e.translated,
                page=page, section=section, line=e.msgstr_line or e.line))
    items.sort(key=lambda i: (rank.get((i.domain, i.context, i.source), len(rank)),
                              i.domain != CONTENT.name, i.line))
    return [i for i in items if i.changed] if changed_only else items


def write(project: Project, language: Language, changed_only: bool = False) -> list[Path]:
    """``output/review/review-<lang>.docx`` and ``.pdf``; returns their paths."""
    from ..build.publish import publish
    from ..files import write_atomic
    from ..i18n.languages import DOMAINS
    from ..localise.content import content, load_catalogs
    from ..source.read import load
    from . import review_document as render

    tag = last_edition(project.root)
    edition = project.edition()
    local = content(load(project.source), language, load_catalogs(project.locales, language),
                    edition.date())          # once: for the anchors and the labels
    items = collect(project, local, tag, changed_only)
    table = render.rows(items, local.labels, tag, {d.name: d.source_lang for d in DOMAINS})
    title, note = render.intro(local.labels, language.name, tag)
    head = render.headings(local.labels)
    folder = project.output / "review"
    folder.mkdir(parents=True, exist_ok=True)
    docx_path = folder / f"review-{language.code}.docx"
    write_atomic(docx_path, render.docx_bytes(title, note, head, table,
                                              language.locale.replace("_", "-"), edition))
    pdf_path = folder / f"review-{language.code}.pdf"
    publish(pdf_path, lambda tmp: render.pdf_file(title, note, head, table, language.code,
                                                  project.templates, tmp))
    return [docx_path, pdf_path]


__all__ = ["Item", "collect", "last_edition", "write"]
