"""House style per language (``locales/style.yaml``): choices among CLDR's data, no words.

>>> Style().compact("running"), Style().compact("display")
('long', 'short')
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import DocgenError, Problem

SLOTS = ("running", "display")
FORMS = ("long", "short")
YEAR_RANGES = ("cldr", "closed")
FIELDS = ("numbers", "running", "display", "year_range", "words")


@dataclass(frozen=True)
class Style:
    """``numbers``: the CLDR locale figures are written with (None: the language's own);
    ``running``/``display``: CLDR's long or short compact form for amounts from a million up
    in that kind of slot; ``year_range``: the locale's own interval pattern or a closed en
    dash; ``words``: num2words' language for numbers spelled out (None: the language code)."""

    numbers: str | None = None
    running: str = "long"
    display: str = "short"
    year_range: str = "cldr"
    words: str | None = None

    def compact(self, slot: str) -> str:
        return self.running if slot == "running" else self.display


def load_styles(path: Path) -> dict[str, Style]:
    """Each language's style; a language the file does not name keeps the defaults."""
    if not path.exists():
        return {}
    import yaml  # (here: see load_languages)

    from ..source.yamllimits import compose_text, read_text

    shown = str(path)
    root = compose_text(read_text(path, shown, "the house style is missing"), shown)
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise DocgenError([Problem(shown, root.start_mark.line + 1,
                                   "expected one line per language: 'xx: {numbers: xx_YY, …}'")])
    out, problems = {}, []
    for key, node in root.value:
        values, line = {}, node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            problems.append(Problem(shown, line, f"{key.value}: expected a mapping"))
            continue
        for name, value in node.value:
            where = f"{key.value}.{name.value}"
            if name.value not in FIELDS:
                problems.append(Problem(shown, line, f"{where}: unknown setting (known: "
                                        f"{', '.join(FIELDS)})"))
            else:
                values[name.value] = str(value.value)
        problems += _validate(values, key.value, shown, line)
        out[str(key.value)] = Style(**values)
    if problems:
        raise DocgenError(problems)
    return out


def _validate(values: dict[str, str], lang: str, shown: str, line: int) -> list[Problem]:
    from babel import Locale, UnknownLocaleError

    choices = {"running": FORMS, "display": FORMS, "year_range": YEAR_RANGES}
    problems = [Problem(shown, line, f"{lang}.{name}: {values[name]!r} is not one of "
                        f"{', '.join(allowed)}")
                for name, allowed in choices.items()
                if name in values and values[name] not in allowed]
    if "numbers" in values:
        try:
            Locale.parse(values["numbers"])
        except (UnknownLocaleError, ValueError):
            problems.append(Problem(shown, line, f"{lang}.numbers: unknown CLDR locale "
                                    f"{values['numbers']!r}"))
    # num2words' languages are checked where a number is spelled out (importing it costs
    # every build a tenth of a second).
    return problems
