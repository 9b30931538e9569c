"""What every command needs from the command line: the project, built if asked."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from .project import Project


def project(ctx: click.Context) -> Project:
    from .project import Project
    return Project(Path(ctx.obj["root"]))


def built(ctx: click.Context) -> Project:
    """The project, after building whatever is not up to date."""
    from .build import Options, build
    current = project(ctx)
    build(current, Options(), progress=lambda m: click.echo(m, err=True))
    return current
