"""``docgen i18n export`` / ``import``: the catalogs as XLIFF 1.2 for translation agencies."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import DocgenError, Problem
from .context import project as current_project
from .context import say, show


@click.command("export")
@click.option("--lang", "langs", multiple=True, metavar="L", required=True,
              help="Language to export (repeat for several).")
@click.option("--format", "fmt", type=click.Choice(["xliff"]), default="xliff",
              show_default=True, help="File format for the agency's tool.")
@click.pass_context
def export_command(ctx: click.Context, langs: tuple[str, ...], fmt: str) -> None:
    """Write output/xliff/<catalog>-<lang>.xlf (XLIFF 1.2) for a translation agency.

    \b
    Example:
      docgen i18n export --lang fr --format xliff
    """
    from ..files import write_atomic
    from ..i18n import catalogs, xliff

    project = current_project(ctx)
    folder = project.output / "xliff"
    for language in project.select(langs):
        for domain in language.domains():
            entries, problems = catalogs.read_entries(
                catalogs.po_path(project.locales, language.code, domain))
            if problems:
                raise DocgenError(problems)
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"{domain.name}-{language.code}.xlf"
            write_atomic(target, xliff.export(entries, domain.name, domain.source_lang,
                                              language.code))
            say(ctx, f"wrote {target.relative_to(project.root)}")


@click.command("import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def import_command(ctx: click.Context, files: tuple[Path, ...]) -> None:
    """Merge translated XLIFF files back into the catalogs, through the catalog gate.

    Nothing is written when a unit breaks a placeholder or the gate finds an error; every
    unit that cannot be placed is reported.

    \b
    Example:
      docgen i18n import output/xliff/content-fr.xlf
    """
    from ..i18n import catalogs, xliff
    from ..i18n.languages import DOMAINS
    from ..i18n.update import write_entries

    project = current_project(ctx)
    for path in files:
        try:
            head = path.read_bytes()[:4096].decode("utf-8", "replace")
            if "<xliff" not in head:
                raise ValueError("not an XLIFF file")
            probe = xliff.read_header(path)
        except ValueError as exc:
            raise DocgenError([Problem(path.name, None, str(exc))]) from None
        domain_name, lang = probe
        domain = next((d for d in DOMAINS if d.name == domain_name), None)
        if domain is None or lang not in project.languages:
            raise DocgenError([Problem(path.name, None, f"names catalog {domain_name!r} of "
                                       f"language {lang!r}, which this project does not have")])
        language = project.languages[lang]
        po_file = catalogs.po_path(project.locales, lang, domain)
        entries, problems = catalogs.read_entries(po_file)
        if problems:
            raise DocgenError(problems)
        imported = xliff.read(path, entries)
        entries, changed, found = xliff.apply(entries, imported, lang, path.name)
        problems = imported.problems + found
        show(p for p in problems if p.warning)
        errors = [p for p in problems if not p.warning]
        if errors:
            raise DocgenError(errors + [Problem(path.name, None, f"nothing imported into "
                                                f"{po_file.relative_to(project.root)}")])
        if changed:
            write_entries(project.locales, language, domain, entries)
        say(ctx, f"{po_file.relative_to(project.root)}: {changed} translation(s) changed")
