"""The brochure as HTML: Jinja with autoescape, StrictUndefined and escaping labels.

Jinja's i18n extension marks a translated string safe even with autoescape on, so it is not
used: ``_`` here returns plain text, which autoescape then escapes like any data.

>>> str(css_content("Seite {page} von {pages}",
...                 {"page": "counter(page)", "pages": "counter(pages)"}))
'"Seite " counter(page) " von " counter(pages)'
"""

from __future__ import annotations

import traceback
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, select_autoescape
from markupsafe import Markup, escape

from ..errors import DocgenError, Problem
from ..localise import LDocument, Msg
from ..model import PLACEHOLDER
from .typeset import settings, typeset


def css_string(text: str) -> str:
    """A CSS string literal; anything but letters and common punctuation is escaped.

    >>> print(css_string('a"</style>'))
    "a\\22 \\3c /style\\3e "
    """
    out = []
    for ch in text:
        if ch.isalnum() or ch in " .,:;!?()-–/+%€«»„“”’\u00a0\u202f":
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):x} ")
    return Markup('"' + "".join(out) + '"')  # noqa: S704 (only whitelisted characters remain)


def css_content(template: str, values: dict[str, str]) -> str:
    """A translated label with ``{name}`` placeholders as a CSS ``content`` value."""
    parts, last = [], 0
    for match in PLACEHOLDER.finditer(template):
        if match.start() > last:
            parts.append(css_string(template[last:match.start()]))
        parts.append(values[match.group(1)])
        last = match.end()
    if last < len(template):
        parts.append(css_string(template[last:]))
    return Markup(" ".join(parts))  # noqa: S704 (CSS strings above, counters from the template)


def figure(text: str) -> Markup:
    """A figure for display size: CLDR's narrow no-break space (U+202F) becomes a no-break
    space, or "1 200" reads as "1200" at 20 points and the text layer loses the gap.

    >>> print(figure("60\u202f000\u202fm²").replace("\xa0", "~"))
    <span class="nobr">60~000~m²</span>
    """
    escaped = str(escape(text.replace("\u202f", "\u00a0")))
    return Markup(f'<span class="nobr">{escaped}</span>')  # noqa: S704 (escaped above)


def qr_svg(url: str, title: str) -> Markup:
    """The address as an inline SVG QR code (black on white, the quiet zone left to CSS).

    >>> qr_svg("https://www.example.be", "QR").startswith('<svg viewBox="0 0 25 25"')
    True
    """
    import segno

    code = segno.make(url, error="m", micro=False)
    return Markup(code.svg_inline(scale=1, border=0, omitsize=True, title=title,  # noqa: S704
                                  dark="#000", svgclass="qr-code"))


def nowidow(text: str) -> str:
    """Join the last two words of a heading, so no word stands alone on its last line.

    >>> nowidow("Virale Vektoren für die Gentherapie")
    'Virale Vektoren für die\xa0Gentherapie'
    """
    head, space, last = text.rpartition(" ")
    joined = f"{head}\u00a0{last}" if space and len(last) < 20 else text
    return Msg.make(joined, getattr(text, "fallback", False))


def environment(templates: Path, draft: bool = False) -> Environment:
    def finalize(value: object) -> object:
        if draft and getattr(value, "fallback", False):
            return Markup('<mark class="fallback" title="untranslated">{}</mark>').format(value)
        return value

    env = Environment(loader=FileSystemLoader(templates), autoescape=select_autoescape(
        ["html", "xml"], default_for_string=True), undefined=StrictUndefined,
        finalize=finalize, trim_blocks=True, lstrip_blocks=True)
    env.filters["nowidow"] = nowidow
    typesetting = settings(templates / "typesetting.yaml")
    env.filters["ts"] = lambda text: typeset(text, typesetting["keep_together"])
    env.globals["page_starts"] = typesetting["page_starts"]
    env.globals["features"] = typesetting["features"]
    env.filters["qr_svg"] = qr_svg
    env.filters["plain"] = str      # no fallback flag: not marked in drafts (attributes)
    env.filters["figure"] = figure
    env.filters["css_content"] = css_content
    env.filters["css_string"] = css_string
    return env


def render(doc: LDocument, templates: Path, draft: bool = False,
           name: str = "brochure.html") -> str:
    try:
        template = environment(templates, draft).get_template(name)
        return template.render(doc=doc, _=doc.labels.gettext, ngettext=doc.labels.ngettext,
                               raw=doc.labels.raw, draft=draft)
    except TemplateError as exc:
        raise template_problem(exc, templates / name) from None


def template_problem(exc: TemplateError, path: Path) -> DocgenError:
    """A template mistake as ``templates/x.html:LINE: message``."""
    line = getattr(exc, "lineno", None)
    where = getattr(exc, "filename", None) or str(path)
    if line is None:        # a runtime error: Jinja puts the template's line in the traceback
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == where]
        line = frames[-1].lineno if frames else None
    return DocgenError([Problem(where, line, f"template: {exc.message or exc}")])
