"""The language list (locales/languages.yaml) and the two catalog domains."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DocgenError, Problem, raise_if_errors
from .style import Style, load_styles


@dataclass(frozen=True)
class Domain:
    """A catalog: ``content`` (the data, German source) or ``ui`` (labels, English source)."""

    name: str
    source_lang: str


CONTENT = Domain("content", "de")
UI = Domain("ui", "en")
DOMAINS = (CONTENT, UI)


@dataclass(frozen=True)
class Language:
    code: str
    locale: str
    name: str
    style: Style = field(default_factory=Style)     # locales/style.yaml

    def domains(self) -> tuple[Domain, ...]:
        """The catalogs this language translates (none for its own source texts)."""
        return tuple(d for d in DOMAINS if d.source_lang != self.code)


CODE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{2,8})?")
NAME_LIMIT = 60


def locale_problem(locale: str) -> str | None:
    """Why ``locale`` is not a CLDR locale id (a full match: no trailing junk), or None."""
    from babel.localedata import locale_identifiers
    if locale not in locale_identifiers():
        return f"unknown CLDR locale {locale[:40]!r} (e.g. it_IT, fr_BE)"
    return None


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a language (one short line of visible text), or None."""
    if not name.strip() or len(name) > NAME_LIMIT:
        return f"a language name is 1 to {NAME_LIMIT} characters"
    if any(unicodedata.category(ch).startswith(("C", "Z")) and ch != " " for ch in name):
        return "a language name has no control, invisible or line-break character"
    return None


def load_languages(locales_dir: Path) -> dict[str, Language]:
    """The language list, read like the source: every problem with its line.

    Keys are read as text, so ``no:`` (Norwegian) is not YAML 1.1's ``False``.
    """
    import yaml  # (here: a build whose language list is cached never imports PyYAML)

    from ..source.yamllimits import compose_text, read_text
    from ..source.yamlnodes import Reader

    path = locales_dir / "languages.yaml"
    shown = str(path)
    root = compose_text(read_text(path, shown, "the language list is missing"), shown)
    r = Reader(shown)
    if not isinstance(root, yaml.MappingNode):
        raise DocgenError([Problem(shown, 1, "expected one line per language: "
                                   "'xx: {locale: xx_YY, name: Name}'")])
    styles = load_styles(locales_dir / "style.yaml")
    codes = tuple(k.value for k, _ in root.value if isinstance(k, yaml.ScalarNode))
    out = {}
    for code, node in r.mapping(root, "languages", (), codes).items():
        fields = r.mapping(node, code, ("locale",), ("name",))
        if not CODE.fullmatch(code):
            r.error(node, code, "a language code is two or three lowercase letters, e.g. it")
        locale = r.string(fields.get("locale"), f"{code}.locale")
        name = r.string(fields.get("name"), f"{code}.name") if "name" in fields else code
        for node_, problem in ((fields.get("locale"), locale and locale_problem(locale)),
                               (fields.get("name"), name_problem(name))):
            if problem:
                r.error(node_ or node, code, problem)
        out[code] = Language(code, locale, name, styles.get(code, Style()))
    raise_if_errors(r.problems)
    return out
