"""Handing the documents out: the download page, SHA256SUMS and a reproducible zip."""

from __future__ import annotations

import json
from pathlib import Path

from .errors import DocgenError, Problem
from .project import Project, file_sha256
from .publish import write_atomic
from .zips import stable_zip

BUNDLE_NAME = "biotech-partnerships-wallonia"


def _documents(project: Project) -> list[dict]:
    try:
        manifest = json.loads((project.output / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise DocgenError([Problem(str(project.output / "manifest.json"), None,
                                   "no manifest: run 'docgen build' first")]) from None
    return [d for d in manifest["documents"] if d["language"] in project.languages
            and (project.output / d["path"]).exists()]


def write_page(project: Project) -> Path:
    """output/index.html, its cover thumbnails and SHA256SUMS, from the manifest."""
    from .i18n import catalogs
    from .localise import localise
    from .render import index
    from .source import load

    documents = _documents(project)
    doc = load(project.source)
    edition = project.edition().date()
    sections = []
    for language in project.select([]):
        entries = [d for d in documents if d["language"] == language.code]
        if not entries:
            continue
        cats = catalogs.load_all(project.locales, language)
        local = localise(doc, language, cats, edition)
        for entry in entries:
            pdf = project.output / entry["path"]
            thumb = project.output / "thumbs" / f"{pdf.stem}.png"
            if pdf.suffix == ".pdf" and (not thumb.exists() or
                                             thumb.stat().st_mtime < pdf.stat().st_mtime):
                index.thumbnail(pdf, thumb)
        sections.append(index.section(local, entries))
    page = project.output / "index.html"
    write_atomic(page, index.render(sections, project.templates).encode("utf-8"))
    files = [d["path"] for d in documents] + ["manifest.json", "index.html"] + sorted(
        p.relative_to(project.output).as_posix() for p in (project.output / "thumbs").glob("*.png"))
    sums = "".join(f"{file_sha256(project.output / f)}  {f}\n" for f in files)
    write_atomic(project.output / "SHA256SUMS", sums.encode("ascii"))
    return page


def bundle(project: Project) -> Path:
    """output/dist/<name>-<edition>.zip: same inputs, same bytes."""
    write_page(project)
    edition = project.edition()
    sums = (project.output / "SHA256SUMS").read_text(encoding="ascii").splitlines()
    members = sorted(line.split("  ", 1)[1] for line in sums) + ["SHA256SUMS"]
    dist = project.output / "dist"
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / f"{BUNDLE_NAME}-{edition.date().isoformat()}.zip"
    data = stable_zip(((m, (project.output / m).read_bytes()) for m in members), edition)
    write_atomic(target, data)
    return target
