"""WeasyPrint's warm layout time per page of each brochure (``benchmarks/run.py --layout``)."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def layout(langs: tuple[str, ...] = ("de", "fr", "nl", "en"), repeat: int = 5
           ) -> list[tuple[str, int, float, float]]:
    """Warm layout time per page: (language, pages, wall and CPU seconds per page), medians.

    The CPU time is this process's own: on a machine shared with other work, the wall time
    also counts the waits for a core.
    """
    import datetime as dt

    sys.path.insert(0, str(ROOT / "src"))
    from weasyprint import HTML

    from docgen.i18n.languages import load_languages
    from docgen.localise.content import content, load_catalogs
    from docgen.render import html
    from docgen.render.fetcher import AssetFetcher
    from docgen.source.read import load

    doc = load(ROOT / "data" / "partnerships.yaml")
    languages = load_languages(ROOT / "locales")
    out = []
    for lang in langs:
        language = languages[lang]
        local = content(doc, language, load_catalogs(ROOT / "locales", language),
                        dt.date(2026, 11, 28))
        page = html.render(local, ROOT / "templates")
        fetcher = AssetFetcher(ROOT / "templates")
        base = fetcher.root.as_uri() + "/"
        HTML(string=page, base_url=base, url_fetcher=fetcher).render(pdf_tags=True)   # warm
        walls, cpus, pages = [], [], 0
        for _ in range(repeat):
            start, cpu = time.perf_counter(), time.process_time()
            document = HTML(string=page, base_url=base, url_fetcher=fetcher).render(
                pdf_tags=True)
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
            pages = len(document.pages)
        out.append((lang, pages, statistics.median(walls) / pages,
                    statistics.median(cpus) / pages))
    return out


def print_layout() -> None:
    print(f"WeasyPrint warm layout per page (target <= 80 ms), Python {sys.version.split()[0]}")
    for lang, pages, wall, cpu in layout():
        print(f"  layout {lang:<3}{pages:>4} pages {wall * 1000:>6.0f} ms a page "
              f"(CPU {cpu * 1000:.0f} ms)")
