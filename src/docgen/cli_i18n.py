"""``docgen i18n …``: the translators' commands (extract, update, init, status, check)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click

from .cli_context import project as current_project
from .errors import DocgenError, Problem, UsageError
from .i18n.languages import Language
from .publish import write_atomic

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
    """Write locales/content.pot (from data/) and locales/ui.pot (from templates/)."""
    from .i18n import catalogs
    from .source import load
    project = current_project(ctx)
    project.check_exists()
    written = catalogs.extract(load(project.source), project.root, project.locales)
    for path in written:
        click.echo(f"wrote {path}", err=True)
    if not written:
        click.echo("templates are up to date", err=True)


@i18n.command()
@click.option("--lang", "langs", multiple=True, metavar="L", help=LANG_HELP)
@click.pass_context
def update(ctx: click.Context, langs: tuple[str, ...]) -> None:
    """Merge the templates into the catalogs: changed texts become fuzzy, none is lost."""
    from .i18n import catalogs
    project = current_project(ctx)
    for path, stats in catalogs.update(project.locales, project.select(langs)):
        summary = ", ".join(f"{v} {k}" for k, v in stats.items() if v)
        click.echo(f"{path}: {summary or 'no change'}", err=True)


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
    from .i18n import catalogs
    from .i18n.languages import CODE, locale_problem, name_problem
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
    for path, stats in catalogs.update(project.locales, [language], init=True):
        click.echo(f"{path}: {stats['new']} new", err=True)
    if lang not in project.languages:      # the catalogs exist: now the language is built
        _add_language(project.locales / "languages.yaml", language)


def _add_language(config: Path, language: Language) -> None:
    """Append one entry written by the YAML library (quoting ``no``, ``:``, ``#``…).

    The file's comments and lines stay as they are; the result is read back before it is
    written, so a language list that no command could read is never left behind.
    """
    import yaml

    from .i18n.languages import load_languages
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
            raise DocgenError([Problem(str(config), p.line, p.message.split(": ", 1)[-1])
                               for p in exc.problems]) from None
    if read_back != language:
        raise DocgenError([Problem(str(config), None, f"the entry for {language.code} would "
                                   "not read back as written; nothing was changed")])
    write_atomic(config, text.encode("utf-8"))


@i18n.command()
@click.option("--lang", "langs", multiple=True, metavar="L", help=LANG_HELP)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None, metavar="PERCENT",
              help="Exit 1 when a catalog is less complete than this.")
@click.pass_context
def status(ctx: click.Context, langs: tuple[str, ...], as_json: bool,
           fail_under: float | None) -> None:
    """How complete each catalog is (messages and words)."""
    from .i18n.status import status as compute
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
    """The gate every build runs: syntax, headers, placeholders, markup, characters."""
    from .i18n.check import check
    project = current_project(ctx)
    problems = check(project.locales, project.select(langs))
    errors = [p for p in problems if not p.warning or strict]
    for p in problems:
        if p.warning and not strict:
            click.echo(str(p), err=True)
    if errors:
        raise DocgenError(errors)
    click.echo(f"catalogs OK ({len(problems)} warning(s))", err=True)


__all__ = ["i18n", "Path"]
