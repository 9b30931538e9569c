"""The language list (locales/languages.yaml) and the two catalog domains."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

from ..errors import DocgenError, Problem
from ..style import Style, load_styles


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


def load_languages(locales_dir: Path) -> dict[str, Language]:
    path = locales_dir / "languages.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DocgenError([Problem(str(path), None,
                                   f"cannot read the language list: {exc}")]) from None
    if not isinstance(raw, dict):
        raise DocgenError([Problem(str(path), 1, "expected one line per language: "
                                   "'xx: {locale: xx_YY, name: Name}'")])
    out, problems = {}, []
    styles = load_styles(locales_dir / "style.yaml")
    for code, spec in raw.items():
        try:
            locale = str(spec["locale"])
            Locale.parse(locale)
            out[str(code)] = Language(str(code), locale, str(spec.get("name", code)),
                                      styles.get(str(code), Style()))
        except (KeyError, TypeError, AttributeError):
            problems.append(Problem(str(path), None, f"{code}: needs a 'locale'"))
        except (UnknownLocaleError, ValueError):
            problems.append(Problem(str(path), None, f"{code}: unknown CLDR locale {spec!r}"))
    if problems:
        raise DocgenError(problems)
    return out
