"""What every command needs from the command line: the project, built if asked."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
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
    with BuildLock(current.output):
        build(current, Options(), progress=lambda m: click.echo(m, err=True))
        yield current
