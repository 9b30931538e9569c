"""The download page ``output/index.html`` and ``SHA256SUMS``, from the build's manifest.

Only the configured languages' documents enter the page and the checksums (a removed
language's files, thumbnails included, stay out). Each language's section is written from its
finished content (``localise.content``), as the documents are.
"""

from __future__ import annotations

from pathlib import Path

from ..build.manifest import NAME, Entry, Manifest
from ..errors import Problem, UsageError
from ..files import file_sha256, write_atomic
from ..localise.content import content, load_catalogs
from ..project import Project
from .state import EditionState

FIRST = ("fr",)               # a Walloon agency leads with French; --order changes it
PAGE_ASSETS = ("index.css", "fonts/web/Inter-Regular.woff2", "fonts/web/Inter-SemiBold.woff2",
               "fonts/web/Inter-Bold.woff2", "fonts/OFL-Inter.txt")


def _documents(project: Project, manifest: Manifest) -> list[Entry]:
    return [e for e in manifest.entries.values() if e.language in project.languages
            and (project.output / e.path).exists()]


def page_order(project: Project, order: tuple[str, ...] = ()) -> list[str]:
    """The languages in the page's order: ``order`` first (default French), then the rest."""
    codes = list(project.languages)
    unknown = [c for c in order if c not in codes]
    if unknown:
        raise UsageError([Problem("docgen", None, f"--order: unknown language "
                                  f"{', '.join(unknown)}; configured: {', '.join(codes)}")])
    first = [c for c in (order or FIRST) if c in codes]
    return first + [c for c in codes if c not in first]


def _assets(project: Project, documents: list[Entry]) -> list[str]:
    """The files beside the documents: each HTML edition's assets, the page's own."""
    from ..render import edition
    names = []
    for d in documents:
        if d.format == "html":
            names += [n for n in edition.asset_names(d.language)
                      if (project.output / n).is_file()]
    for name in PAGE_ASSETS:
        source, target = project.templates / name, project.output / "assets" / name
        if not target.exists() or target.read_bytes() != source.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, source.read_bytes())
        names.append(f"assets/{name}")
    return names


def write_page(project: Project, state: EditionState, order: tuple[str, ...] = ()) -> Path:
    """output/index.html, its thumbnails and SHA256SUMS; the manifest records ``state``."""
    from ..source.read import load
    from . import index, thumbs

    manifest = Manifest.read(project.output)
    documents = _documents(project, manifest)
    doc = load(project.source)
    edition = project.edition().date()
    sections, thumbnails = [], []
    for code in page_order(project, order):
        entries = [d for d in documents if d.language == code]
        if not entries:
            continue
        language = project.languages[code]
        local = content(doc, language, load_catalogs(project.locales, language), edition)
        pages = {}
        for entry in entries:
            if entry.format in index.THUMBNAILS:
                name = f"thumbs/{Path(entry.path).name}.png"
                pages[entry.path] = thumbs.thumbnail(project.output / entry.path,
                                                     project.output / name, entry.sha256)
                thumbnails.append(name)
        sections.append(index.section(local, doc, entries, pages, state))
    kept = {f"{d.language}/{d.format}": d for d in documents}
    text = Manifest(kept).text(list(kept), {**manifest.extra, "edition": state.as_manifest()})
    write_atomic(project.output / NAME, text.encode("utf-8"))
    page = project.output / "index.html"
    write_atomic(page, index.render(sections, project.templates).encode("utf-8"))
    files = [d.path for d in documents] + _assets(project, documents) + thumbnails + [
        NAME, "index.html"]
    sums = "".join(f"{file_sha256(project.output / f)}  {f}\n" for f in sorted(set(files)))
    write_atomic(project.output / "SHA256SUMS", sums.encode("ascii"))
    return page
