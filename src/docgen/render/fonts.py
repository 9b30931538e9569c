"""The bundled fonts must have a glyph for every character a document prints.

Otherwise the renderer silently takes a glyph from some font of the build machine (or draws
a box): the PDF would depend on the machine. ``docgen check`` and every build run this.

One check (``glyph_problems``: ``where: font X has no glyph for U+… NAME``) over what is
printed: for a PDF, the text WeasyPrint drew (``pdf.glyph_problems``); for the HTML edition,
which a browser lays out with its own web fonts, the text of the page (``check_glyphs``).
"""

from __future__ import annotations

import ctypes.util
import html as _html
import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from ..errors import DocgenError, Problem

# Characters a stylesheet may draw (leaders, separators) besides the page's text.
CSS_CHARACTERS = ". ·"


@lru_cache(maxsize=8)
def coverage(fonts_dir: Path) -> Mapping[str, frozenset[int]]:
    """Code points each bundled font maps, by file name (read-only: it is cached)."""
    out = {}
    for path in sorted(p for p in fonts_dir.iterdir() if p.suffix in (".otf", ".ttf", ".woff2")):
        from fontTools.ttLib import TTFont  # only where a font is read
        with TTFont(path, lazy=True) as font:
            out[path.name] = frozenset(font.getBestCmap())
    return MappingProxyType(out)


def visible_text(page: str) -> str:
    """The characters of an HTML page that reach its reader (text and CSS strings)."""
    body = re.sub(r"<!--.*?-->", "", page, flags=re.S)
    styles = "".join(re.findall(r"<style>(.*?)</style>", body, flags=re.S))
    strings = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', styles))
    strings = re.sub(r"\\([0-9a-f]{1,6}) ?", lambda m: chr(int(m.group(1), 16)), strings)
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(style|head)>.*?</\1>", " ", body, flags=re.S))
    return _html.unescape(text) + strings + CSS_CHARACTERS


def missing_glyphs(text: str, fonts_dir: Path) -> dict[str, list[str]]:
    """Characters (shown as U+XXXX NAME) that some bundled font lacks, by font file."""
    needed = {ord(c) for c in text if not c.isspace() or c in "\u00a0\u202f\u2009"}
    needed -= {ord(c) for c in "\n\t\r"}
    out = {}
    for name, points in coverage(fonts_dir).items():
        lacking = sorted(needed - points)
        if lacking:
            out[name] = [f"U+{p:04X} {unicodedata.name(chr(p), '?')}" for p in lacking]
    return out


def glyph_problems(text: str, fonts_dir: Path, where: str) -> list[Problem]:
    """One problem per font of ``fonts_dir`` that lacks a character of ``text``."""
    return [Problem(where, None, f"font {name} has no glyph for {', '.join(chars)}")
            for name, chars in missing_glyphs(text, fonts_dir).items()]


def check_glyphs(page: str, fonts_dir: Path, where: str) -> None:
    """The HTML edition's glyph check: no layout engine of ours sees its text laid out (a
    browser does), so the text is read from ``page`` itself (``visible_text``)."""
    problems = glyph_problems(visible_text(page), fonts_dir, where)
    if problems:
        raise DocgenError(problems)


def harfbuzz_subset_available() -> bool:
    """WeasyPrint subsets fonts 3x faster, byte-identically, with this library.

    A PDF concern, kept here rather than in ``pdf``: the build asks before any job, in the
    parent process, which never imports WeasyPrint (``pdf`` does, at import).
    """
    return ctypes.util.find_library("harfbuzz-subset") is not None
