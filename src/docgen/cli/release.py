"""``docgen release``: the publish gate, then the download page, the bundle and the tag."""

from __future__ import annotations

import click

from ..errors import Problem
from .context import progress, show
from .context import project as current_project


@click.command()
@click.option("--allow-incomplete", "allow_incomplete", multiple=True, metavar="L",
              help="Publish language L although it is not fully translated (repeat); the page "
                   "and the manifest say so.")
@click.option("--allow-dirty", is_flag=True,
              help="Publish from uncommitted inputs (a draft: the bundle is named -dirty, no tag).")
@click.option("--order", default="", metavar="L,L",
              help="Languages first on the page (default: fr, then the others).")
@click.pass_context
def release(ctx: click.Context, allow_incomplete: tuple[str, ...], allow_dirty: bool,
            order: str) -> None:
    """Check everything, build strictly, write the page and the bundle, tag edition-<date>.

    Refuses, one line per reason: a language below 100 % or with fuzzy entries, any
    problem 'docgen build --strict' reports, uncommitted or untracked changes to data/,
    locales/ or templates/, or an edition tag that already marks another commit.

    \b
    Example:
      docgen release && git push origin --tags
    """
    from ..release.release import release as run

    done = run(current_project(ctx), allow_incomplete, allow_dirty,
               tuple(c.strip() for c in order.split(",") if c.strip()),
               progress=progress(ctx))
    show([Problem(f"locales/{code}", None, "published incomplete (--allow-incomplete)",
                  warning=True) for code in done.state.allowed_incomplete])
    if done.tag:
        click.echo(f"tagged {done.tag} at {(done.state.git.commit or '')[:12]}", err=True)
    else:
        click.echo("not tagged: the inputs are not committed (--allow-dirty)", err=True)
    click.echo(f"{done.page}\n{done.bundle}")
