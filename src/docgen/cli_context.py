"""What every command needs from the command line: the project, built if asked."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from .build import Report
    from .project import Project


def project(ctx: click.Context) -> Project:
    from .project import Project
    return Project(Path(ctx.obj["root"]))


@contextmanager
def built(ctx: click.Context) -> Iterator[Project]:
    """The project, built where needed, and locked while the command uses the outputs."""
    from .build import Options, build
    from .publish import BuildLock
    current = project(ctx)
    current.check_exists()          # outside a project: no output/ and no lock file
    with BuildLock(current.output):
        report = build(current, Options(), progress=lambda m: click.echo(m, err=True))
        click.echo(summary(report), err=True)
        yield current


def summary(report: Report) -> str:
    """The last line of a build: what was built, and how many warnings it printed."""
    done = sum(not r.skipped for r in report.results)
    return (f"{done} built, {len(report.results) - done} up to date; "
            f"{len(report.warnings)} warning(s)")
