"""``docgen preview``: every page of a brochure as PNG, and one contact sheet."""

from __future__ import annotations

import click

from .cli_context import progress
from .cli_context import project as current_project
from .errors import DocgenError, Problem


@click.command()
@click.option("--lang", "langs", multiple=True, metavar="L", help="Language (default: all).")
@click.option("--dpi", default=60, show_default=True, type=click.IntRange(20, 300))
@click.pass_context
def preview(ctx: click.Context, langs: tuple[str, ...], dpi: int) -> None:
    """Write output/preview/<lang>/page-NN.png and contact-sheet.png (builds if needed).

    \b
    Example:
      docgen preview --lang de
    """
    from .build import Options, build
    from .preview import contact_sheet
    from .publish import BuildLock

    project = current_project(ctx)
    languages = project.select(langs)
    with BuildLock(project.output):
        build(project, Options(tuple(language.code for language in languages), ("pdf",)),
              progress=progress(ctx))
        for language in languages:
            pdf = project.output_path(language.code, "pdf")
            if not pdf.exists():
                raise DocgenError([Problem(str(pdf), None, "no brochure to preview")])
            sheet = contact_sheet(pdf, project.output / "preview" / language.code, dpi)
            click.echo(f"wrote {sheet}", err=True)
