"""``docgen release``: the publish gate, then the page, the bundle and the edition's tag.

Refused, one line per reason, when a language is below 100 % or has fuzzy entries, when the
strict build finds any problem (fallbacks and every warning family of the gate), when the
inputs (data/, locales/, templates/) have uncommitted or untracked changes (a folder that is
not a git checkout counts as changed), or when the edition's tag already marks another commit.
``allow_incomplete`` and ``allow_dirty`` let a draft out and say so on the page and in the
manifest; a dirty release is never tagged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..build.lock import BuildLock
from ..build.pipeline import Options, build
from ..errors import DocgenError, Problem, UsageError
from ..project import Project
from .bundle import bundle
from .page import page_order
from .state import EditionState, current, run_git

TAG_PREFIX = "edition-"


@dataclass(frozen=True)
class Released:
    bundle: Path
    page: Path
    tag: str | None          # None: not tagged (a dirty release)
    state: EditionState


def tag_name(project: Project) -> str:
    return f"{TAG_PREFIX}{project.edition().date().isoformat()}"


def refusals(project: Project, state: EditionState, allow_incomplete: tuple[str, ...],
             allow_dirty: bool) -> list[Problem]:
    """Everything that stops a release before the build, one problem per reason."""
    reasons = []
    if state.git.commit is None and not allow_dirty:
        reasons.append(Problem(str(project.root), None, "not a git checkout: a release is made "
                               "from a commit (git init, commit; or --allow-dirty for a draft)"))
    if not allow_dirty:
        reasons += [Problem(path, None, "uncommitted or untracked change: commit it (or remove "
                            "it), or --allow-dirty for a draft") for path in state.git.changes]
    for code, share in state.languages.items():
        if share.complete or code in allow_incomplete:
            continue
        name = project.languages[code].name
        fuzzy = f", {share.fuzzy} fuzzy" if share.fuzzy else ""
        reasons.append(Problem(f"locales/{code}", None, f"{name} ({code}) is "
                               f"{share.share:.0%} translated ({share.translated} of "
                               f"{share.total} entries{fuzzy}): complete it (docgen i18n "
                               f"status), or --allow-incomplete {code}"))
    tag = tag_name(project)
    if state.git.commit and not state.git.dirty:
        marked = run_git(project.root, "rev-parse", "-q", "--verify", f"refs/tags/{tag}^{{commit}}")
        if marked.returncode == 0 and marked.stdout.strip() != state.git.commit:
            reasons.append(Problem(tag, None, f"the tag already marks commit "
                                   f"{marked.stdout.strip()[:12]}: an edition is released once "
                                   f"(delete the tag with 'git tag -d {tag}' if it never went "
                                   "out)"))
    return reasons


def release(project: Project, allow_incomplete: tuple[str, ...] = (), allow_dirty: bool = False,
            order: tuple[str, ...] = (), progress: Callable[[str], None] = lambda m: None
            ) -> Released:
    project.check_exists()
    unknown = [c for c in allow_incomplete if c not in project.languages]
    if unknown:
        raise UsageError([Problem("docgen", None, f"--allow-incomplete: unknown language "
                                  f"{', '.join(unknown)}")])
    page_order(project, order)
    with BuildLock(project.output):
        state = current(project, tuple(sorted(set(allow_incomplete))), released=True)
        reasons = refusals(project, state, allow_incomplete, allow_dirty)
        # Build what can go out: strictly, but for the languages allowed to be incomplete
        # (their fallbacks are allowed, their other warnings are not); a language already
        # refused as incomplete is not built again just to list its fallbacks.
        refused = {c for c, share in state.languages.items() if not share.complete}
        strict = tuple(c for c in project.languages if c not in refused)
        drafts = tuple(c for c in project.languages if c in refused and c in allow_incomplete)
        for langs, is_strict in ((strict, True), (drafts, False)):
            if not langs:
                continue
            try:
                report = build(project, Options(langs=langs, strict=is_strict),
                               progress=progress)
            except DocgenError as exc:
                reasons += [p for p in exc.problems if p not in reasons]
                continue
            # An allowed incomplete language may fall back; any other warning still refuses.
            reasons += [Problem(p.path, p.line, f"(strict) {p.message}")
                        for p in report.warnings if not is_strict]
        if reasons:
            raise DocgenError(reasons + [Problem("docgen release", None, f"refused: "
                                                 f"{len(reasons)} reason(s) above")])
        target = bundle(project, state, order)
        tag = None
        if not state.git.dirty:
            tag = tag_name(project)
            done = run_git(project.root, "tag", tag, state.git.commit or "HEAD")
            if done.returncode != 0 and "already exists" not in done.stderr:
                raise DocgenError([Problem(tag, None, f"git tag failed: {done.stderr.strip()}")])
        return Released(target, project.output / "index.html", tag, state)
