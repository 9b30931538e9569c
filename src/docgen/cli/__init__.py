"""The command line: thin over the library. Errors become ``path:line: message`` here only.

Heavy libraries (WeasyPrint, python-docx, Babel's data) load inside the commands, so that
``docgen --help`` stays fast.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..errors import DocgenError, Problem, raise_if_errors
from ..project import FORMATS
from .context import NORMAL, QUIET, VERBOSE, built, listing, progress, say, show, summary
from .context import project as current_project

LANG_HELP = "Language code (repeat for several; default: all in locales/languages.yaml)."


class _Group(click.Group):
    """Turns DocgenError into clean lines (and a traceback only with --debug)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DocgenError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            show(exc.warnings + exc.problems)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except OSError as exc:             # a disk, a permission: the user can act on it
            if ctx.obj and ctx.obj.get("debug"):
                raise
            where = str(exc.filename or "docgen")     # a temporary file: the file it becomes
            where = re.sub(r"/\.([^/]+)\.[A-Za-z0-9_]{8}\.tmp$", r"/\1", where)
            show([Problem(where, None, str(exc.strerror or exc))])
            ctx.exit(1)
        except (KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except BaseException as exc:       # a bug (or a library's BaseException): say so
            if ctx.obj and ctx.obj.get("debug"):
                raise
            text = (str(exc).strip().splitlines() or [""])[0][:200]
            show([Problem("docgen", None, f"internal error ({type(exc).__name__}: {text}); "
                                  "run again with --debug for the traceback")])
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docgen")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Project folder (default: the current one or the nearest above it "
                   "that holds data/partnerships.yaml).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors and warnings.")
@click.option("-v", "--verbose", is_flag=True, help="Every line, e.g. every fallback text.")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.pass_context
def cli(ctx: click.Context, root: Path | None, quiet: bool, verbose: bool, debug: bool) -> None:
    """docgen: the Walloon biotech partnerships as PDF brochures and DOCX briefings.

    \b
    Example:
      docgen build --lang fr          # output/fr/brochure-fr.pdf and briefing-fr.docx
      docgen i18n check               # the translation gate
    """
    if quiet and verbose:
        raise click.UsageError("-q and -v contradict each other: give one")
    ctx.obj = {"root": root, "debug": debug,
               "verbosity": QUIET if quiet else VERBOSE if verbose else NORMAL}


@cli.command()
@click.option("--lang", "langs", multiple=True, metavar="L", help=LANG_HELP)
@click.option("--format", "formats", multiple=True, type=click.Choice(FORMATS),
              help="Output format: pdf (screen, PDF/UA), print (PDF/X-4, CMYK, bleed), "
                   "docx, html (the accessible web edition) (repeat; default: all).")
@click.option("--strict", is_flag=True, help="Fail on any fallback or catalog warning.")
@click.option("--draft", is_flag=True, help="Highlight untranslated texts in the documents.")
@click.option("--force", is_flag=True, help="Rebuild even what is up to date.")
@click.option("--jobs", "-j", type=click.IntRange(1), default=None,
              help="Worker processes (default: the number of cores).")
@click.pass_context
def build(ctx: click.Context, langs: tuple[str, ...], formats: tuple[str, ...], strict: bool,
          draft: bool, force: bool, jobs: int | None) -> None:
    """Build the brochures and briefings into output/<lang>/.

    \b
    Example:
      docgen build                      # all languages and formats
      docgen build --format print       # the print shop's PDFs (CMYK, bleed)
      docgen build --lang fr --format pdf --draft
    """
    from ..build.pipeline import Options
    from ..build.pipeline import build as run

    options = Options(langs=langs, formats=formats or FORMATS, strict=strict, draft=draft,
                      force=force, jobs=jobs or 0)
    report = run(current_project(ctx), options, progress=progress(ctx))
    for result in report.results:
        if result.fallbacks:
            when = " (at its last build)" if result.skipped else ""
            say(ctx, f"{result.path}: {len(result.fallbacks)} text(s) fell back to the "
                     f"source language{when}:")
            lines = [f"  {f.domain}{f' [{f.context}]' if f.context else ''} ({f.reason}): "
                     f"{f.msgid[:70]}" for f in result.fallbacks]
            for line in listing(ctx, lines):
                say(ctx, line)
    show(report.warnings + report.notices)
    say(ctx, summary(report))


ORDER_HELP = "Languages first on the page, e.g. fr,nl (default: fr, then the others)."


def _order(ctx: click.Context, value: str) -> tuple[str, ...]:
    """The --order codes, checked before anything is built."""
    from ..release.page import page_order
    codes = tuple(code.strip() for code in value.split(",") if code.strip())
    project = current_project(ctx)
    project.check_exists()          # outside a project: say so, before the language list
    page_order(project, codes)
    return codes


@cli.command()
@click.option("--order", default="", metavar="L,L", help=ORDER_HELP)
@click.pass_context
def page(ctx: click.Context, order: str) -> None:
    """Build what is needed, then write the download page output/index.html and SHA256SUMS.

    \b
    Example:
      docgen page && chromium output/index.html
    """
    from ..release.page import write_page
    from ..release.state import current
    codes = _order(ctx, order)
    with built(ctx) as project:
        click.echo(str(write_page(project, current(project), codes)))


@cli.command()
@click.option("--order", default="", metavar="L,L", help=ORDER_HELP)
@click.pass_context
def bundle(ctx: click.Context, order: str) -> None:
    """Build what is needed, then write output/dist/<name>-<edition>.zip (a draft: for an
    edition to publish, use 'docgen release'). Uncommitted inputs name it …-dirty.zip.

    \b
    Example:
      docgen bundle && unzip -qd /tmp/b output/dist/*.zip && cd /tmp/b && sha256sum -c SHA256SUMS
    """
    from ..release.bundle import bundle as make_bundle
    from ..release.state import current
    codes = _order(ctx, order)
    with built(ctx) as project:
        state = current(project)
        if state.git.dirty:
            show([Problem("docgen bundle", None, "data/, locales/ or templates/ have "
                          "uncommitted changes (or this is not a git checkout): the bundle is "
                          "named -dirty", warning=True)])
        click.echo(str(make_bundle(project, state, codes)))


@cli.command()
@click.option("--strict", is_flag=True, help="Warnings (typography, wording, spelling) fail too.")
@click.pass_context
def check(ctx: click.Context, strict: bool) -> None:
    """Check the source, the catalogs and that the bundled fonts cover every language.

    \b
    Example:
      docgen check --strict             # what 'docgen release' will refuse
    """
    from ..build.gate import CHECK, gate
    project = current_project(ctx)
    project.check_exists()
    verdict = gate(project, project.select([]), CHECK)
    raise_if_errors(verdict.problems, strict)
    show(verdict.warnings)
    say(ctx, f"all checks passed; {len(verdict.warnings)} warning(s)")


from .i18n import i18n  # noqa: E402  (the translators' commands)
from .preview import preview, watch  # noqa: E402
from .release import release  # noqa: E402
from .review import review  # noqa: E402
from .xliff import export_command, import_command  # noqa: E402

cli.add_command(i18n)
i18n.add_command(export_command)
i18n.add_command(import_command)
cli.add_command(preview)
cli.add_command(review)
cli.add_command(watch)
cli.add_command(release)


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="docgen")


__all__ = ["cli", "main"]
