"""``docgen preview`` and ``docgen watch``: what a translator sees while translating."""

from __future__ import annotations

import functools

import click

from .context import project as current_project
from .context import say, show


@click.command()
@click.option("--lang", "langs", multiple=True, metavar="L", help="Language (default: all).")
@click.option("--format", "fmt", type=click.Choice(["pdf", "docx"]), default="pdf",
              show_default=True,
              help="pdf: the brochure; docx: the briefing, as LibreOffice prints it.")
@click.option("--draft", is_flag=True, help="Highlight untranslated texts in yellow.")
@click.option("--dpi", default=100, show_default=True, type=click.IntRange(20, 300),
              help="Resolution of the page images (100 reads well on a screen).")
@click.pass_context
def preview(ctx: click.Context, langs: tuple[str, ...], fmt: str, draft: bool, dpi: int
            ) -> None:
    """Render the brochure into output/preview/<lang>/brochure/ (the briefing, --format docx,
    into output/preview/<lang>/briefing/): the document, page-NN.png and contact-sheet.png.
    The published documents in output/<lang>/ are not touched.

    \b
    Example:
      docgen preview --lang fr --draft
      docgen preview --lang fr --format docx
    """
    from ..build.gate import PREVIEW, gate
    from ..build.lock import BuildLock
    from ..build.publish import publish
    from ..errors import raise_if_errors
    from ..proof.preview import (
        contact_sheet,
        docx_contact_sheet,
        folder,
        render_briefing,
        render_brochure,
        soffice,
    )

    project = current_project(ctx)
    project.check_exists()
    languages = project.select(langs)
    if fmt == "docx":
        soffice()                   # say it before rendering, not after
    verdict = gate(project, languages, PREVIEW)
    raise_if_errors(verdict.problems)
    show(verdict.warnings)
    for language in languages:
        if fmt == "pdf":
            where = folder(project, language.code)
            target = where / f"brochure-{language.code}.pdf"
            with BuildLock(project.output):
                publish(target, functools.partial(render_brochure, project, language, draft))
                sheet = contact_sheet(target, where, dpi)
        else:
            where = folder(project, language.code, "briefing")
            target = where / f"briefing-{language.code}.docx"
            with BuildLock(project.output):
                publish(target, functools.partial(render_briefing, project, language, draft))
            sheet = docx_contact_sheet(target, where, dpi)
        say(ctx, f"wrote {sheet.relative_to(project.root)}")


@click.command()
@click.option("--lang", required=True, metavar="L", help="The language you translate.")
@click.option("--port", default=8017, show_default=True, type=click.IntRange(1024, 65535),
              help="Port of the preview page on localhost.")
@click.option("--dpi", default=100, show_default=True, type=click.IntRange(20, 300))
@click.pass_context
def watch(ctx: click.Context, lang: str, port: int, dpi: int) -> None:
    """Rebuild the draft preview on every save, and show it on http://localhost:PORT/
    (the page reloads itself). Stop with Ctrl+C.

    \b
    Example:
      docgen watch --lang fr --port 8017
    """
    from ..proof.watch import Watcher, serve

    project = current_project(ctx)
    project.check_exists()
    language = project.select([lang])[0]
    watcher = Watcher(project, language, dpi, report=lambda m: say(ctx, m))
    watcher.rebuild()
    server = serve(watcher.folder.parent, port)
    say(ctx, f"preview on http://localhost:{port}/ (Ctrl+C stops)")
    try:
        watcher.run_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()


__all__ = ["preview", "watch"]
