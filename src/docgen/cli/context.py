"""What every command needs from the command line: the project, built if asked."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..build.pipeline import Report
    from ..errors import Problem
    from ..project import Project


QUIET, NORMAL, VERBOSE = 0, 1, 2


def find_root(start: Path) -> Path:
    """The project folder: ``start`` or the nearest folder above it with the source.

    Relative to ``start`` (``.`` or ``..``), so messages name files as the user sees them.
    """
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "data" / "partnerships.yaml").is_file():
            return Path(os.path.relpath(folder, start))
    return Path(".")


def project(ctx: click.Context) -> Project:
    from ..project import Project
    root = ctx.obj.get("root")
    return Project(Path(root) if root is not None else find_root(Path.cwd()))


def verbosity(ctx: click.Context) -> int:
    return int((ctx.obj or {}).get("verbosity", NORMAL))


def say(ctx: click.Context, message: str, level: int = NORMAL) -> None:
    """An informative line on stderr, unless ``-q`` (or, for ``VERBOSE`` ones, without -v)."""
    if verbosity(ctx) >= level:
        click.echo(message, err=True)


def show(problems: Iterable[Problem]) -> None:
    """The one printer of problems, for every command (also with ``-q``):
    ``error: path:line: message`` and ``path:line: warning: message``."""
    for problem in problems:
        click.echo(str(problem) if problem.warning else f"error: {problem}", err=True)


def progress(ctx: click.Context) -> Callable[[str], None]:
    """The build's progress lines (none with ``-q``; its problems come back as data)."""
    return lambda m: say(ctx, m)


def listing(ctx: click.Context, lines: list[str], limit: int = 20) -> list[str]:
    """At most ``limit`` lines (all with ``-v``), then "… and N more".

    >>> class C: obj = {"verbosity": 1}
    >>> listing(C(), ["a", "b", "c"], limit=2)
    ['a', 'b', '  … and 1 more']
    """
    if verbosity(ctx) >= VERBOSE or len(lines) <= limit:
        return lines
    return lines[:limit] + [f"  … and {len(lines) - limit} more"]


@contextmanager
def built(ctx: click.Context) -> Iterator[Project]:
    """The project, built where needed, and locked while the command uses the outputs."""
    from ..build.lock import BuildLock
    from ..build.pipeline import Options, build
    current = project(ctx)
    current.check_exists()          # outside a project: no output/ and no lock file
    with BuildLock(current.output):
        report = build(current, Options(), progress=progress(ctx))
        show(report.warnings + report.notices)
        say(ctx, summary(report))
        yield current


def summary(report: Report) -> str:
    """The last line of a build: what was built, and how many warnings it printed."""
    done = sum(not r.skipped for r in report.results)
    return (f"{done} built, {len(report.results) - done} up to date; "
            f"{len(report.warnings)} warning(s)")
