"""The bundle ``output/dist/<name>-<edition>[-dirty].zip``: the download page, every document
it lists and ``SHA256SUMS``, reproducible (same inputs, same bytes). A bundle made from
inputs that are not committed is named ``…-dirty.zip``.
"""

from __future__ import annotations

from pathlib import Path

from ..files import write_atomic
from ..project import Project
from ..zips import stable_zip
from .page import write_page
from .state import EditionState

BUNDLE_NAME = "biotech-partnerships-wallonia"


def bundle_name(project: Project, state: EditionState) -> str:
    dirty = "-dirty" if state.git.dirty else ""
    return f"{BUNDLE_NAME}-{project.edition().date().isoformat()}{dirty}.zip"


def bundle(project: Project, state: EditionState, order: tuple[str, ...] = ()) -> Path:
    """Write the page, then zip what ``SHA256SUMS`` lists, and ``SHA256SUMS`` itself."""
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
