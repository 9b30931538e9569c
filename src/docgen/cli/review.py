"""``docgen review``: the proofreaders' document of one language."""

from __future__ import annotations

import click

from .context import project as current_project
from .context import say


@click.command()
@click.option("--lang", "langs", multiple=True, metavar="L", required=True,
              help="Language to review (repeat for several).")
@click.option("--changed", is_flag=True,
              help="Only texts that changed since the last edition (the newest edition-* tag).")
@click.pass_context
def review(ctx: click.Context, langs: tuple[str, ...], changed: bool) -> None:
    """Write output/review/review-<lang>.docx and .pdf: every text with its source,
    translation, state and where it appears (brochure page and section).

    \b
    Example:
      docgen review --lang fr --changed
    """
    from ..build.lock import BuildLock
    from ..proof.review import write

    project = current_project(ctx)
    project.check_exists()
    languages = project.select(langs)
    with BuildLock(project.output):
        for language in languages:
            for path in write(project, language, changed):
                say(ctx, f"wrote {path.relative_to(project.root)}")
