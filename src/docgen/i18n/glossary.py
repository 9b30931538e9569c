r"""The glossary (``locales/glossary.yaml``): names that stay as they are, approved terms.

A msgstr whose msgid holds a protected name must hold it exactly (not dropped, not
"Biowin"); a msgid that uses a glossary term must be translated with an approved form.

>>> g = Glossary({"BioWin": 3}, {})
>>> [p.message for p in g.check("BioWin und MEDVIA", "Biowin et MEDVIA", "fr", "x.po", 7)]
["glossary: 'Biowin' alters the protected name 'BioWin' (locales/glossary.yaml:3)"]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import DocgenError, Problem
from ..source.yamllimits import compose_text, read_text

SHOWN = "locales/glossary.yaml"
_SEPARATOR = r"[\s\-\u2010\u2011\u2013/]?"


@dataclass(frozen=True)
class Glossary:
    """``protected``: name → line; ``terms``: German term → (line, language → approved forms)."""

    protected: dict[str, int] = field(default_factory=dict)
    terms: dict[str, tuple[int, dict[str, list[str]]]] = field(default_factory=dict)

    def words(self, lang: str) -> set[str]:
        """Every word the glossary vouches for in a language (accepted by the spell check);
        the German terms themselves count for German, the source language."""
        phrases = list(self.protected) + (list(self.terms) if lang == "de" else [])
        phrases += [form for _line, forms in self.terms.values() for form in forms.get(lang, [])]
        return {w for phrase in phrases for w in re.findall(r"[^\W\d_]+", phrase)}

    def check(self, msgid: str, msgstr: str, lang: str, path: str, line: int
              ) -> list[Problem]:
        out = []

        def warn(message: str) -> None:
            out.append(Problem(path, line, f"glossary: {message}", warning=True))

        for name, where in self.protected.items():
            if name not in msgid:
                continue
            loose = re.compile(_SEPARATOR.join(re.escape(ch) for ch in name if not ch.isspace()),
                               re.IGNORECASE)
            altered = sorted({m.group(0) for m in loose.finditer(msgstr)} - {name})
            for variant in altered:
                warn(f"{variant!r} alters the protected name {name!r} ({SHOWN}:{where})")
            if name not in msgstr and not altered:
                warn(f"the protected name {name!r} is missing ({SHOWN}:{where})")
        for term, (where, forms) in self.terms.items():
            approved = forms.get(lang)
            if not approved or term.lower() not in msgid.lower():
                continue
            if not any(form.lower() in msgstr.lower() for form in approved):
                shown = " or ".join(repr(f) for f in approved)
                warn(f"{term!r} is translated without its approved term {shown} "
                     f"({SHOWN}:{where})")
        return out


def load_glossary(path: Path) -> Glossary:
    """The glossary, or an empty one when the file does not exist."""
    if not path.exists():
        return Glossary()
    shown = str(path)
    root = compose_text(read_text(path, shown, "the glossary is missing"), shown)
    glossary, problems = Glossary(), []

    def bad(node: yaml.Node, message: str) -> None:
        problems.append(Problem(shown, node.start_mark.line + 1, message))

    for key, node in root.value if isinstance(root, yaml.MappingNode) else []:
        if key.value == "protected" and isinstance(node, yaml.SequenceNode):
            for item in node.value:
                if isinstance(item, yaml.ScalarNode) and item.value.strip():
                    glossary.protected[item.value] = item.start_mark.line + 1
                else:
                    bad(item, "protected: a name is one line of text")
        elif key.value == "terms" and isinstance(node, yaml.MappingNode):
            for term, forms in node.value:
                langs = _forms(forms)
                if langs is None:
                    bad(forms, f"terms.{term.value}: expected 'lang: [approved, forms]'")
                else:
                    glossary.terms[term.value] = (term.start_mark.line + 1, langs)
        else:
            bad(key, f"unknown or malformed section {key.value!r} (expected 'protected: "
                     "[names]' and 'terms: {term: {lang: [forms]}}')")
    if problems:
        raise DocgenError(problems)
    return glossary


def _forms(node: yaml.Node) -> dict[str, list[str]] | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    out = {}
    for lang, forms in node.value:
        items = forms.value if isinstance(forms, yaml.SequenceNode) else [forms]
        if not all(isinstance(i, yaml.ScalarNode) and i.value for i in items):
            return None
        out[str(lang.value)] = [str(i.value) for i in items]
    return out
