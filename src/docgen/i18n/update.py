"""``i18n update`` and ``init``: each template merged into each language's catalog, and the
one way a catalog or template reaches the disk (atomically, and only when more than its
dates changed)."""

from __future__ import annotations

from pathlib import Path

from ..errors import DocgenError, Problem
from ..files import write_atomic
from . import po
from .catalogs import po_path, pot_path, read_entries
from .languages import Domain, Language
from .merge import merge

DATES = (b'"POT-Creation-Date', b'"PO-Revision-Date')


def write_if_changed(entries: list[po.Entry], path: Path) -> bool:
    """Write a PO/POT file unless only its dates would change (keeps diffs honest)."""
    new = po.dump(entries).encode("utf-8")

    def body(data: bytes) -> list[bytes]:
        return [ln for ln in data.removeprefix(b"\xef\xbb\xbf").splitlines()
                if not ln.startswith(DATES)]
    if path.exists() and body(path.read_bytes()) == body(new):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, new)
    return True


def write_entries(locales: Path, language: Language, domain: Domain,
                  entries: list[po.Entry]) -> bool:
    """Write a catalog's (edited) entries back, merged with its template as ``update`` does;
    an edited entry must have its ``raw`` text cleared. Returns whether the file changed."""
    template, problems = read_entries(pot_path(locales, domain))
    if problems:
        raise DocgenError(problems)
    merged, _stats = merge(template, entries, language, domain)
    return write_if_changed(merged, po_path(locales, language.code, domain))


def update(locales: Path, languages: list[Language], init: bool = False,
           reformat: bool = False) -> list[tuple[Path, dict[str, int]]]:
    """Merge each template into each language's catalogs (``init``: create them).

    ``reformat`` writes every entry as msgcat does, whatever tool saved it last.
    """
    report = []
    for language in languages:
        for domain in language.domains():
            template_path = pot_path(locales, domain)
            if not template_path.exists():
                raise DocgenError([Problem(str(template_path), None,
                                           "template missing: run 'docgen i18n extract'")])
            template, problems = read_entries(template_path)
            path = po_path(locales, language.code, domain)
            old: list[po.Entry] = []
            if path.exists():
                old, more = read_entries(path)
                problems += more
            elif not init:
                problems.append(Problem(str(path), None, "catalog missing: run 'docgen "
                                        f"i18n init --lang {language.code}'"))
            if problems:
                raise DocgenError(problems)
            entries, stats = merge(template, old, language, domain, reformat)
            write_if_changed(entries, path)
            report.append((path, stats))
    return report

