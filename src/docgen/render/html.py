"""The brochure as HTML: Jinja with autoescape, StrictUndefined and escaping labels.

Jinja's i18n extension marks a translated string safe even with autoescape on, so it is not
used: ``_`` here returns plain text, which autoescape then escapes like any data.

Each slot that prints a text with figures declares its kind: ``| running`` (lead,
paragraphs, list items, table cells: "44 Millionen Euro") or ``| display`` (figure cards,
chart labels: "44 Mio. €"). A text whose two forms differ, printed without either, stops the
build with the template's line: the kind is declared, never guessed.

>>> str(css_content("Seite {page} von {pages}",
...                 {"page": "counter(page)", "pages": "counter(pages)"}))
'"Seite " counter(page) " von " counter(pages)'
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateRuntimeError,
    select_autoescape,
)
from markupsafe import Markup, escape

from ..errors import DocgenError, Problem
from ..localise.document import LDocument
from ..localise.labels import Msg
from ..source.model import PLACEHOLDER
from .typeset import Typeset, settings, typeset
from .visuals import Visuals


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
    return Msg.make(joined, getattr(text, "fallback", False), key=getattr(text, "key", None))


def weblinks(text: str, web: Mapping[str, str]) -> str:
    """A text whose web addresses (as printed → URL) become live links; else the text itself.

    >>> print(weblinks("Die Plattform www.x.be wirbt", {"www.x.be": "https://www.x.be"}))
    Die Plattform <a href="https://www.x.be">www.x.be</a> wirbt
    """
    found = [address for address in web if address in text]
    if not found:
        return text
    pattern = "|".join(re.escape(a) for a in sorted(found, key=len, reverse=True))
    parts = re.split(f"({pattern})", text)
    return Markup("").join(Markup('<a href="{}">{}</a>').format(web[part], part)
                           if part in web else escape(part) for part in parts)


def weblinks_in_markup(markup: str, web: Mapping[str, str]) -> Markup:
    """Typeset markup whose web addresses become live links.

    >>> print(weblinks_in_markup(Markup("Die Plattform www.x.be&nbsp;wirbt"),
    ...                          {"www.x.be": "https://www.x.be"}))
    Die Plattform <a href="https://www.x.be">www.x.be</a>&nbsp;wirbt
    """
    out = str(markup)
    for address in sorted(web, key=len, reverse=True):
        shown = str(escape(address))
        out = out.replace(shown, str(Markup('<a href="{}">{}</a>').format(web[address], address)))
    return Markup(out)  # noqa: S704 (markup already escaped; the link is built by Markup)


def anchor_titles(root: Any) -> dict[str, str]:
    """Each element id of a page's tree → a short title for links to it: its ``data-short``,
    else that of its first heading, else its text (at most 80 characters).

    >>> from xml.etree.ElementTree import fromstring
    >>> anchor_titles(fromstring('<body><section id="a"><h2 data-short="A">Ay</h2></section>'
    ...                          '<p id="b">Be  too</p></body>'))
    {'a': 'A', 'b': 'Be too'}
    """
    titles = {}
    for element in root.iter():
        ident = element.get("id") if isinstance(element.tag, str) else None
        if not ident:
            continue
        title = element.get("data-short")
        if not title:
            heading = next((e for e in element.iter() if e.tag in
                            ("h1", "h2", "h3", "h4", "h5", "h6")), None)
            source = heading if heading is not None else element
            title = source.get("data-short") or " ".join("".join(source.itertext()).split())
        if title:
            titles[ident] = title[:80]
    return titles


def with_stylesheet(page: str, markup: str) -> str:
    """The page with ``markup`` (a <link> or <style>) last in its head: it wins the cascade.

    >>> with_stylesheet("<head><title>t</title></head>", "<style></style>")
    '<head><title>t</title><style></style>\\n</head>'
    """
    head, found, rest = page.partition("</head>")
    if not found:
        raise ValueError("the page has no </head>")
    return f"{head}{markup}\n</head>{rest}"


def environment(templates: Path, draft: bool = False,
                anchors: list[tuple[str, str | None, str]] | None = None,
                web: Mapping[str, str] | None = None) -> Environment:
    """``anchors``: when a list, every catalog text printed gets an anchor ``#msg-N`` whose
    page WeasyPrint reports; the list receives the entries' keys in reading order. ``web``:
    web addresses as printed → their URL, made live links wherever a text prints them."""

    def finalize(value: object) -> object:
        if getattr(value, "display", None) is not None:
            raise TemplateRuntimeError(f"a text with figures needs its slot kind, "
                                       f"'| running' or '| display': {str(value)[:50]!r}")
        key = getattr(value, "key", None)
        fallback = getattr(value, "fallback", False)
        if web and isinstance(value, Msg):       # a text of the document, not an attribute
            value = weblinks(value, web)
        elif web and isinstance(value, Typeset):
            value = weblinks_in_markup(value, web)
        if draft and fallback:
            value = Markup('<mark class="fallback" title="untranslated">{}</mark>').format(value)
        if anchors is not None and key is not None:
            anchors.append(key)
            return Markup('<span id="msg-{}">{}</span>').format(len(anchors) - 1, value)
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
    env.filters["running"] = lambda text: text.form("running") if isinstance(text, Msg) else text
    env.filters["display"] = lambda text: text.form("display") if isinstance(text, Msg) else text
    env.filters["css_content"] = css_content
    env.filters["css_string"] = css_string
    env.globals["visuals"] = Visuals(templates)     # the map and the chart (visuals.html)
    return env


def render(doc: LDocument, templates: Path, draft: bool = False,
           name: str = "brochure.html",
           anchors: list[tuple[str, str | None, str]] | None = None) -> str:
    try:
        template = environment(templates, draft, anchors, doc.links).get_template(name)
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
