"""``docgen i18n …``: the translators' commands (extract, update, init, status, check)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click

from ..errors import DocgenError, Problem, UsageError, raise_if_errors
from ..files import write_atomic
from ..i18n.languages import Language
from .context import project as current_project
from .context import say, show

LANG_HELP = "Language code (repeat for several; default: all)."


@click.group()
def i18n() -> None:
    """Maintain the PO catalogs under locales/.

    \b
    Example:
      docgen i18n extract && docgen i18n update   # after editing data/ or templates/
      docgen i18n status --fail-under 100
      docgen i18n check
    """


@i18n.command()
@click.pass_context
def extract(ctx: click.Context) -> None:
    """Write locales/content.pot (from data/) and locales/ui.pot (from templates/ and code)."""
    from .. import localise, proof, release, render
    from ..i18n.catalogs import load, po_path
    from ..i18n.extract import Scanned
    from ..i18n.extract import extract as write_templates
    from ..i18n.languages import CONTENT, UI
    from ..localise.formatting import PATTERNS, Formatter
    from ..source.read import load as load_source
    project = current_project(ctx)
    project.check_exists()
    # The comments' examples: figures as the German documents print them (house style and
    # the patterns of its ui catalog).
    german, patterns = project.languages.get(CONTENT.source_lang), {}
    if german is not None and po_path(project.locales, german.code, UI).exists():
        labels = load(project.locales, german.code, UI)
        found = {key: labels.lookup(msgid) for key, msgid in PATTERNS.items()}
        patterns = {key: forms[0] for key, (forms, why) in found.items() if why is None}
    source = Formatter(german.locale, german.style, patterns) if german else Formatter("de_BE")
    # The labels: the templates, then the code of every stage that prints text.
    stages = [Path(p).resolve() for stage in (localise, render, proof, release)
              for p in stage.__path__]
    scan = [Scanned(p, p.relative_to(project.root).as_posix())
            for p in sorted(project.templates.glob("*.html"))]
    scan += [Scanned(p, p.relative_to(stages[0].parents[2]).as_posix())
             for p in sorted(p for stage in stages for p in stage.glob("*.py"))]
    written = write_templates(project.locales, doc=load_source(project.source),
                              doc_name=project.source.relative_to(project.root).as_posix(),
                              scan=scan, example=source.figure, edition=project.edition())
    for path in written:
        say(ctx, f"wrote {path}")
    if not written:
        say(ctx, "templates are up to date")


@i18n.command()
@click.option("--lang", "langs", multiple=True, metavar="L", help=LANG_HELP)
@click.option("--reformat", is_flag=True,
              help="Write every entry as msgcat does (79 columns), whatever saved it last.")
@click.pass_context
def update(ctx: click.Context, langs: tuple[str, ...], reformat: bool) -> None:
    """Merge the templates into the catalogs: changed texts become fuzzy, none is lost.

    Entries that did not change keep their lines exactly as Poedit, Weblate or msgcat
    saved them.

    \b
    Example:
      docgen i18n extract && docgen i18n update --lang fr
    """
    from ..i18n.update import update as update_catalogs
    project = current_project(ctx)
    for path, stats in update_catalogs(project.locales, project.select(langs),
                                       reformat=reformat):
        summary = ", ".join(f"{v} {k}" for k, v in stats.items() if v)
        say(ctx, f"{path}: {summary or 'no change'}")


@i18n.command()
@click.option("--lang", required=True, metavar="L", help="The new language's code, e.g. it.")
@click.option("--locale", "locale", default=None, help="CLDR locale for figures (e.g. it_BE).")
@click.option("--name", default=None, help="The language's name in itself.")
@click.pass_context
def init(ctx: click.Context, lang: str, locale: str | None, name: str | None) -> None:
    """Start the catalogs of a new language and add it to locales/languages.yaml.

    \b
    Example:
      docgen i18n init --lang it --locale it_IT --name Italiano
    """
    from ..i18n.languages import CODE, locale_problem, name_problem
    from ..i18n.update import update as update_catalogs
    project = current_project(ctx)
    if not CODE.fullmatch(lang):
        raise UsageError(f"{lang[:40]!r} is not a language code (two or three lowercase "
                         "letters, e.g. it)")
    language = project.languages.get(lang)
    if language is None:
        language = Language(lang, locale or lang, lang if name is None else name.strip())
        problem = locale_problem(language.locale) or name_problem(language.name)
        if problem:
            raise UsageError(problem)
    config = project.locales / "languages.yaml"
    listed = None if lang in project.languages else _with_language(config, language)
    for path, stats in update_catalogs(project.locales, [language], init=True):
        click.echo(f"{path}: {stats['new']} new", err=True)
    if listed is not None:                 # the catalogs exist: now the language is built
        write_atomic(config, listed.encode("utf-8"))


def _with_language(config: Path, language: Language) -> str:
    """The language list with one entry appended, written by the YAML library (it quotes
    ``no``, ``:``, ``#``…); the file's comments and lines stay as they are. The result is
    read back first, so a list that no command could read is never written."""
    import yaml

    from ..i18n.languages import load_languages
    entry = yaml.safe_dump({language.code: {"locale": language.locale, "name": language.name}},
                           allow_unicode=True, default_flow_style=None, sort_keys=False,
                           width=200)
    text = config.read_text(encoding="utf-8")
    text += ("" if text.endswith("\n") or not text else "\n") + entry
    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / "languages.yaml").write_text(text, encoding="utf-8")
        try:
            read_back = load_languages(Path(scratch)).get(language.code)
        except DocgenError as exc:
            raise DocgenError([Problem(str(config), p.line, p.message)
                               for p in exc.problems]) from None
    if read_back != language:
        raise DocgenError([Problem(str(config), None, f"the entry for {language.code} would "
                                   "not read back as written; nothing was changed")])
    return text


@i18n.command()
@click.option("--lang", "langs", multiple=True, metavar="L", help=LANG_HELP)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None, metavar="PERCENT",
              help="Exit 1 when a catalog is less complete than this.")
@click.pass_context
def status(ctx: click.Context, langs: tuple[str, ...], as_json: bool,
           fail_under: float | None) -> None:
    """How complete each catalog is (messages and words)."""
    from ..i18n.status import status as compute
    project = current_project(ctx)
    rows = compute(project.locales, project.select(langs))
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in rows], indent=2))
    else:
        click.echo(f"{'lang':<5}{'catalog':<9}{'translated':>11}{'fuzzy':>7}{'untransl.':>10}"
                   f"{'obsolete':>9}{'words done':>12}{'complete':>10}")
        for r in rows:
            words = r.translated_words + r.fuzzy_words + r.untranslated_words
            click.echo(f"{r.language:<5}{r.catalog:<9}{r.translated:>11}{r.fuzzy:>7}"
                       f"{r.untranslated:>10}{r.obsolete:>9}"
                       f"{f'{r.translated_words}/{words}':>12}{r.percent:>9.1f}%")
    if fail_under is not None:
        low = [r for r in rows if r.percent < fail_under]
        if low:
            raise DocgenError([Problem(r.path, None, f"{r.percent:.1f} % complete, below "
                                       f"{fail_under:g} %") for r in low])


@i18n.command("check")
@click.option("--lang", "langs", multiple=True, metavar="L", help=LANG_HELP)
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@click.pass_context
def check_command(ctx: click.Context, langs: tuple[str, ...], strict: bool) -> None:
    """The gate every build runs: syntax, headers, placeholders, markup, characters; and
    the wording warnings: spelling, the glossary, targets no longer in the future."""
    from ..build.gate import I18N_CHECK, gate
    from ..i18n.status import status as compute
    project = current_project(ctx)
    languages = project.select(langs)
    verdict = gate(project, languages, I18N_CHECK)
    raise_if_errors(verdict.problems, strict)
    show(verdict.warnings)
    for row in compute(project.locales, languages):
        waiting = " (they fall back to the source text)" if row.fuzzy or row.untranslated else ""
        say(ctx, f"{row.path}: {row.fuzzy} fuzzy, {row.untranslated} untranslated{waiting}")
    say(ctx, f"catalogs OK ({len(verdict.warnings)} warning(s))")


@i18n.command()
@click.option("--lang", "langs", multiple=True, required=True, metavar="L",
              help="Language code (repeat for several).")
@click.option("--dry-run", is_flag=True, help="Show the changes, write nothing.")
@click.pass_context
def fix(ctx: click.Context, langs: tuple[str, ...], dry_run: bool) -> None:
    """Apply the typography the check warns about and show the diff.

    French: no-break spaces before ; : ! ? and inside « », « » for quotes; German: „…“;
    every language: ’ for '. Placeholders, markup and web addresses stay as they are.

    \b
    Example:
      docgen i18n fix --lang fr --dry-run
    """
    from ..i18n.catalogs import po_path
    from ..i18n.fix import fix as apply
    project = current_project(ctx)
    for language in project.select(langs):
        for domain in language.domains():
            path = po_path(project.locales, language.code, domain)
            diff, changed = apply(path, language.code, dry_run)
            if diff:
                click.echo(diff, nl=False)
            verb = "would change" if dry_run else "changed"
            say(ctx, f"{path}: {verb} {changed} translation(s)")


__all__ = ["i18n", "Path"]
