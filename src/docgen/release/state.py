"""What an edition is made of: the commit, whether the inputs are committed, how complete
each language is. The download page, the manifest and ``docgen release`` all read this."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n.status import status
from ..project import Project

INPUT_FOLDERS = ("data", "locales", "templates")


@dataclass(frozen=True)
class GitState:
    commit: str | None                 # None: not a git checkout
    changes: tuple[str, ...] = ()      # uncommitted or untracked files under INPUT_FOLDERS

    @property
    def dirty(self) -> bool:
        return self.commit is None or bool(self.changes)


def run_git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=30)


def git_state(root: Path) -> GitState:
    """The commit checked out in ``root`` and the changes to its inputs since."""
    try:
        top = run_git(root, "rev-parse", "--show-toplevel")
        head = run_git(root, "rev-parse", "--verify", "-q", "HEAD")
    except (OSError, subprocess.SubprocessError):
        return GitState(None)
    if top.returncode != 0 or head.returncode != 0 or \
            Path(top.stdout.strip()).resolve() != root.resolve():
        return GitState(None)
    changed = run_git(root, "status", "--porcelain", "--untracked-files=all", "-z", "--",
                   *INPUT_FOLDERS)
    paths, entries = [], iter(changed.stdout.split("\0"))
    for entry in entries:          # "XY path"; a rename or copy is followed by its old path
        if len(entry) > 3:
            paths.append(entry[3:])
            if entry[0] in "RC":
                paths.append(next(entries, ""))
    return GitState(head.stdout.strip(), tuple(sorted(p for p in paths if p)))


@dataclass(frozen=True)
class Completeness:
    lang: str
    translated: int
    total: int
    fuzzy: int

    @property
    def share(self) -> float:
        """Translated entries over all entries of the language's catalogs (0.0 to 1.0)."""
        return self.translated / self.total if self.total else 1.0

    @property
    def complete(self) -> bool:
        return self.translated == self.total and not self.fuzzy


def completeness(project: Project) -> dict[str, Completeness]:
    """Each configured language's catalogs, counted like ``docgen i18n status``."""
    out = {}
    for language in project.select([]):
        counts = status(project.locales, [language])
        out[language.code] = Completeness(language.code, sum(s.translated for s in counts),
                                          sum(s.total for s in counts),
                                          sum(s.fuzzy for s in counts))
    return out


@dataclass(frozen=True)
class EditionState:
    """What the page and the manifest say about this edition."""

    version: str
    git: GitState
    allowed_incomplete: tuple[str, ...] = ()
    released: bool = False
    languages: dict[str, Completeness] = field(default_factory=dict)

    def as_manifest(self) -> dict[str, object]:
        return {"docgen_version": self.version, "commit": self.git.commit,
                "dirty": self.git.dirty, "uncommitted": list(self.git.changes),
                "released": self.released,
                "allowed_incomplete": list(self.allowed_incomplete),
                "completeness": {code: round(c.share, 4) for code, c in self.languages.items()}}


def current(project: Project, allowed_incomplete: tuple[str, ...] = (),
            released: bool = False) -> EditionState:
    from .. import __version__
    return EditionState(__version__, git_state(project.root), allowed_incomplete, released,
                        completeness(project))
