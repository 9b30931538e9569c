"""The only way a brochure reaches a file: a WeasyPrint URL fetcher that serves the asset files
under ``templates/`` (and named extra files) and refuses every other URL.

WeasyPrint fetches any URL by default (``file://``, http, attachments) and only logs what it
cannot load; a refused URL here stops the rendering.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

ASSET_SUFFIXES = {".css": "text/css", ".otf": "font/otf", ".ttf": "font/ttf",
                  ".woff2": "font/woff2", ".png": "image/png", ".svg": "image/svg+xml",
                  ".icc": "application/vnd.iccprofile", ".icm": "application/vnd.iccprofile"}


class RefusedURL(FatalURLFetchingError):
    """A URL outside the brochure's own assets."""


class AssetFetcher(URLFetcher):
    """Serves only the asset files under ``templates/``, by their real path, and the ``extra``
    files named (the print edition's colour profile); refuses the rest.

    A URL is resolved to a real path (symlinks followed) and served only when that path is
    a file inside the real templates folder with an allowed suffix: a link named logo.png
    that points elsewhere is refused, whatever its target is.
    """

    def __init__(self, templates: Path, extra: Iterable[Path] = ()) -> None:
        super().__init__(allowed_protocols=("file",), fail_on_errors=True)
        self.root = templates.resolve()
        found = (self._real(p) for p in self.root.rglob("*"))
        self.assets = {p for p in found if p is not None}
        # Named files outside templates/ (the print profile): served by their exact path only.
        self.extra = {p.resolve() for p in extra if p.suffix in ASSET_SUFFIXES and p.is_file()}
        self.assets |= self.extra

    def _real(self, path: Path) -> Path | None:
        """The real path of an allowed asset inside the templates folder, or None."""
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):        # missing, or a loop of links
            return None
        inside = real.is_relative_to(self.root)
        return real if inside and real.suffix in ASSET_SUFFIXES and real.is_file() else None

    def foreign_fonts(self, fonts: Iterable[Any]) -> list[str]:
        """Families of the fonts a document used that are not bundled under templates/."""
        bundled = _families(tuple(sorted(p for p in self.assets if p.suffix in (".otf", ".ttf"))))
        return sorted({str(font.family) for font in fonts} - bundled)

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        base = self.root.as_uri() + "/"
        shown = url.removeprefix(base) if url.startswith(base) else url
        if len(shown) > 120:
            shown = shown[:119] + "…"
        real, rest = None, url.removeprefix(base)
        if url.startswith(base) and not any(c in rest for c in "%?#\\") and \
                ".." not in rest.split("/"):
            real = self._real(self.root / rest)
        if real is None and url.startswith("file:///") and not any(c in url for c in "%?#"):
            candidate = Path(url.removeprefix("file://")).resolve()
            real = candidate if candidate in self.extra else None
        if real is None or real not in self.assets:
            raise RefusedURL(f"refused URL {shown!r}: only the brochure's own assets "
                             "(files under templates/) may load")
        return URLFetcherResponse(url, real.read_bytes(),
                                  {"Content-Type": ASSET_SUFFIXES[real.suffix]})


@lru_cache(maxsize=4)
def _families(paths: tuple[Path, ...]) -> frozenset[str]:
    from fontTools.ttLib import TTFont

    names: set[str] = set()
    for path in paths:
        with TTFont(path, lazy=True) as font:
            names |= {str(font["name"].getDebugName(i)) for i in (1, 16)}
    return frozenset(names)
