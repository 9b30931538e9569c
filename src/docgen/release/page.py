"""Handing the documents out: the download page, SHA256SUMS and a reproducible zip.

Only the configured languages' documents enter the page, the checksums and the bundle
(a removed language's files, thumbnails included, stay out). A bundle made from inputs
that are not committed is named ``…-dirty.zip``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import DocgenError, Problem, UsageError
from ..files import file_sha256, write_atomic
from ..project import Project
from ..zips import stable_zip
from .state import EditionState

BUNDLE_NAME = "biotech-partnerships-wallonia"
FIRST = ("fr",)               # a Walloon agency leads with French; --order changes it
PAGE_ASSETS = ("index.css", "fonts/web/Inter-Regular.woff2", "fonts/web/Inter-SemiBold.woff2",
               "fonts/web/Inter-Bold.woff2", "fonts/OFL-Inter.txt")


def _manifest(project: Project) -> dict[str, Any]:
    try:
        return dict(json.loads((project.output / "manifest.json").read_text(encoding="utf-8")))
    except (OSError, ValueError):
        raise DocgenError([Problem(str(project.output / "manifest.json"), None,
                                   "no manifest: run 'docgen build' first")]) from None


def _documents(project: Project, manifest: dict[str, Any]) -> list[dict[str, Any]]:
    return [d for d in manifest["documents"] if d["language"] in project.languages
            and (project.output / d["path"]).exists()]


def page_order(project: Project, order: tuple[str, ...] = ()) -> list[str]:
    """The languages in the page's order: ``order`` first (default French), then the rest."""
    codes = list(project.languages)
    unknown = [c for c in order if c not in codes]
    if unknown:
        raise UsageError([Problem("docgen", None, f"--order: unknown language "
                                  f"{', '.join(unknown)}; configured: {', '.join(codes)}")])
    first = [c for c in (order or FIRST) if c in codes]
    return first + [c for c in codes if c not in first]


def _assets(project: Project, documents: list[dict[str, Any]]) -> list[str]:
    """The files beside the documents: each HTML edition's assets, the page's own."""
    from ..render import edition
    names = []
    for d in documents:
        if d["format"] == "html":
            names += [n for n in edition.asset_names(d["language"])
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
    from ..i18n import catalogs
    from ..localise.document import localise
    from ..source.read import load
    from . import index, thumbs

    manifest = _manifest(project)
    documents = _documents(project, manifest)
    doc = load(project.source)
    edition = project.edition().date()
    sections, thumbnails = [], []
    for code in page_order(project, order):
        entries = [d for d in documents if d["language"] == code]
        if not entries:
            continue
        language = project.languages[code]
        local = localise(doc, language, catalogs.load_all(project.locales, language), edition)
        pages = {}
        for entry in entries:
            if entry["format"] in index.THUMBNAILS:
                name = f"thumbs/{Path(entry['path']).name}.png"
                pages[entry["path"]] = thumbs.thumbnail(project.output / entry["path"],
                                                        project.output / name, entry["sha256"])
                thumbnails.append(name)
        sections.append(index.section(local, doc, entries, pages, state))
    manifest["edition"] = state.as_manifest()
    manifest["documents"] = documents
    write_atomic(project.output / "manifest.json", (json.dumps(
        manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    page = project.output / "index.html"
    write_atomic(page, index.render(sections, project.templates).encode("utf-8"))
    files = [d["path"] for d in documents] + _assets(project, documents) + thumbnails + [
        "manifest.json", "index.html"]
    sums = "".join(f"{file_sha256(project.output / f)}  {f}\n" for f in sorted(set(files)))
    write_atomic(project.output / "SHA256SUMS", sums.encode("ascii"))
    return page


def bundle_name(project: Project, state: EditionState) -> str:
    dirty = "-dirty" if state.git.dirty else ""
    return f"{BUNDLE_NAME}-{project.edition().date().isoformat()}{dirty}.zip"


def bundle(project: Project, state: EditionState, order: tuple[str, ...] = ()) -> Path:
    """output/dist/<name>-<edition>[-dirty].zip: same inputs, same bytes."""
    write_page(project, state, order)
    sums = (project.output / "SHA256SUMS").read_text(encoding="ascii").splitlines()
    members = sorted(line.split("  ", 1)[1] for line in sums) + ["SHA256SUMS"]
    dist = project.output / "dist"
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / bundle_name(project, state)
    data = stable_zip(((m, (project.output / m).read_bytes()) for m in members),
                      project.edition())
    write_atomic(target, data)
    return target
