"""``docgen preview``: every page of a brochure (or briefing) as PNG, and one contact sheet."""

from __future__ import annotations

import click

from .cli_context import project as current_project
from .errors import DocgenError, Problem


@click.command()
@click.option("--lang", "langs", multiple=True, metavar="L", help="Language (default: all).")
@click.option("--format", "fmt", type=click.Choice(["pdf", "docx"]), default="pdf",
              show_default=True,
              help="pdf: the brochure; docx: the briefing, as LibreOffice prints it.")
@click.option("--dpi", default=60, show_default=True, type=click.IntRange(20, 300))
@click.pass_context
def preview(ctx: click.Context, langs: tuple[str, ...], fmt: str, dpi: int) -> None:
    """Write PNGs of every page and a contact sheet (builds if needed).

    The brochure's go to output/preview/<lang>/, the briefing's (--format docx, printed by
    LibreOffice headless) to output/preview/<lang>/briefing/.

    \b
    Example:
      docgen preview --lang de
      docgen preview --lang fr --format docx
    """
    from .build import Options, build
    from .preview import contact_sheet, docx_contact_sheet, soffice
    from .publish import BuildLock

    project = current_project(ctx)
    languages = project.select(langs)
    if fmt == "docx":
        soffice()                   # say it before building, not after
    with BuildLock(project.output):
        build(project, Options(tuple(language.code for language in languages), (fmt,)),
              progress=lambda m: click.echo(m, err=True))
        for language in languages:
            document = project.output_path(language.code, fmt)
            if not document.exists():
                what = "brochure" if fmt == "pdf" else "briefing"
                raise DocgenError([Problem(str(document), None, f"no {what} to preview")])
            folder = project.output / "preview" / language.code
            if fmt == "pdf":
                sheet = contact_sheet(document, folder, dpi)
            else:
                sheet = docx_contact_sheet(document, folder / "briefing", dpi)
            click.echo(f"wrote {sheet}", err=True)
