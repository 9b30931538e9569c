"""The download page in a real headless Chromium: axe-core, its own fonts under its CSP, no
request outside the output folder, French first, each section in its language."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from docgen.errors import UsageError
from docgen.project import Project
from docgen.release.page import page_order, write_page
from docgen.release.state import current

from .browser import axe_violations, chromium, load, outside, requests

# What each language's section says, literally (the labels of ui.po, Babel's sizes).
SAYS = {
    "fr": ["Français", "Brochure, version web (HTML)", "Brochure pour écran (PDF)",
           "Note d’information pour décideurs (Word)", "Éditeur", "Mentions légales",
           "Accessibilité", "Sommes de contrôle (SHA-256)", "Édition du 18 novembre 2026",
           "Pour signaler un problème d’accessibilité"],
    "de": ["Deutsch", "Broschüre, Webausgabe (HTML)", "Broschüre für den Bildschirm (PDF)",
           "Briefing für Entscheidungsträger (Word)", "Herausgeber", "Rechtliche Hinweise",
           "Barrierefreiheit", "Prüfsummen (SHA-256)", "Ausgabe vom 18. November 2026"],
    "nl": ["Nederlands", "Brochure, webversie (HTML)", "Brochure voor het scherm (PDF)",
           "Briefing voor beslissingsnemers (Word)", "Uitgever", "Wettelijke vermeldingen",
           "Toegankelijkheid", "Controlesommen (SHA-256)", "Editie van 18 november 2026"],
    "en": ["English", "Brochure, web edition (HTML)", "Brochure for screens (PDF)",
           "Briefing for decision-makers (Word)", "Publisher", "Legal notice", "Accessibility",
           "Checksums (SHA-256)", "Edition of 18 November 2026"],
}
PAGES_WORD = {"de": "Seiten", "fr": "pages", "nl": "pagina’s", "en": "pages"}


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.sections: list[str] = []
        self.html_lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for name in ("href", "src"):
            if a.get(name):
                self.urls.append(a[name] or "")
        if tag == "section" and a.get("lang"):
            self.sections.append(a["lang"] or "")
        if tag == "html":
            self.html_lang = a.get("lang")


def section_text(page: str, lang: str) -> str:
    start = page.index(f'<section class="language" id="{lang}"')
    return page[start:page.index("</section>", start)]


@pytest.fixture(scope="module")
def site(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shared build: the page rewrites the manifest (the edition's state)."""
    target = tmp_path_factory.mktemp("site") / "project"
    shutil.copytree(built, target)
    return target


@pytest.fixture(scope="module")
def page(site: Path) -> Path:
    from .conftest import EPOCH
    project = Project(site)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return write_page(project, current(project))


@pytest.mark.slow
def test_page_content_french_first_each_language_in_its_own(site: Path, page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    parsed = Page()
    parsed.feed(text)
    assert parsed.html_lang == "fr" and parsed.sections == ["fr", "de", "nl", "en"]
    assert "<h1>9 partenariats biotech qui renforcent l’économie wallonne</h1>" in text
    manifest = json.loads((site / "output" / "manifest.json").read_text())
    for lang, says in SAYS.items():
        section = section_text(text, lang)
        assert [s for s in says if s not in section] == []
        pdf = next(d for d in manifest["documents"]
                   if d["language"] == lang and d["format"] == "pdf")
        assert f"{pdf['pages']} {PAGES_WORD[lang]}" in section
        word = re.search(r'\(Word\)</a></h3>\s*<p class="details">(\d+) '
                         rf"{PAGES_WORD[lang]} · \d+", section)      # LibreOffice's count
        assert word and 3 <= int(word.group(1)) <= 12, section
    assert re.search(r"\d+\u202fko", text)                      # Babel's French size
    for url in (u for u in parsed.urls if not u.startswith("#")):
        assert "://" not in url and not url.startswith("/"), url
        assert (site / "output" / url).is_file(), url


@pytest.mark.slow
def test_the_briefing_thumbnail_is_a_real_render(site: Path, page: Path) -> None:
    from PIL import Image
    image = Image.open(site / "output" / "thumbs" / "briefing-fr.docx.png").convert("L")
    assert image.size[0] == 208 and image.size[1] > 250           # an A4 page's proportions
    dark = sum(1 for value in image.getdata() if value < 100)      # text, not a grey box
    assert dark > 500
    assert len(image.getcolors(256) or []) > 20


def test_page_order_is_configurable(project_dir: Path) -> None:
    project = Project(project_dir)
    assert page_order(project) == ["fr", "de", "nl", "en"]
    assert page_order(project, ("nl", "en")) == ["nl", "en", "de", "fr"]
    with pytest.raises(UsageError, match="--order: unknown language xx"):
        page_order(project, ("xx",))


@pytest.mark.slow
def test_page_in_headless_chromium(site: Path, page: Path, tmp_path: Path) -> None:
    """axe-core: zero violations; Inter loads under the page's CSP; nothing is fetched from
    outside output/; no horizontal scrolling at 320 CSS px; screenshots at 390 and 1280."""
    output = site / "output"
    with chromium(tmp_path / "profile") as driver:
        requests(driver)
        for width in (320, 390, 1280):
            load(driver, page.as_uri(), width)
            seen = requests(driver)
            assert page.as_uri() in seen and outside(seen, output) == []
            fonts = driver.execute_script(
                "return [...document.fonts].filter(f => f.family === 'Inter'"
                " && f.status === 'loaded').length")
            assert fonts >= 2, "Inter blocked (CSP?) or missing"
            assert driver.execute_script("return document.documentElement.scrollWidth") \
                <= width
            assert axe_violations(driver) == []
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": min(height, 8000), "deviceScaleFactor": 1,
                "mobile": False})
            driver.save_screenshot(str(tmp_path / f"index-{width}.png"))
    print(f"screenshots: {tmp_path}")


def test_the_page_shows_the_imprint_once_the_source_has_one(project_dir: Path) -> None:
    """The publisher's fields come from the source's imprint (field names as the imprint
    section defines them); an empty field is left out, never invented."""
    import datetime as dt
    from types import SimpleNamespace

    from docgen.build.manifest import Entry
    from docgen.localise.content import content, load_catalogs
    from docgen.release import index
    from docgen.source.read import load

    project = Project(project_dir)
    language = project.languages["fr"]
    source = load(project.source)
    local = content(source, language, load_catalogs(project.locales, language),
                    dt.date(2026, 11, 18))
    imprint = SimpleNamespace(organisation={"fr": "Agence wallonne (exemple)"},
                              publisher_name="Jeanne Exemple",
                              publisher_address=("Rue de l’Exemple 1", "5000 Namur"),
                              contact="contact@example.org", website="https://example.org/",
                              copyright="", licence="CC BY 4.0 (exemple)")
    state = current(project)
    entries = [Entry(language="fr", format="pdf", path="fr/brochure-fr.pdf", size=120_000,
                     pages=8, sha256="0" * 64, inputs="k", input_files={}, coverage=1.0)]
    with_imprint = index.render([index.section(local, SimpleNamespace(imprint=imprint),
                                               entries, {}, state)], project.templates)
    for text in ("<p class=\"org\">Agence wallonne (exemple)</p>", "Éditeur responsable",
                 "Jeanne Exemple<br>Rue de l’Exemple 1<br>5000 Namur",
                 '<a href="mailto:contact@example.org">contact@example.org</a>',
                 "écrivez à\u00a0: <a href=\"mailto:contact@example.org\">",
                 "CC BY 4.0 (exemple)", '<a href="https://example.org/">'):
        assert text in with_imprint, text
    assert "©" not in with_imprint                          # no copyright holder given
    without = index.render([index.section(local, object(), entries, {}, state)],
                           project.templates)
    assert "Équipe communication, Wallonie" in without
    assert "contactez l’éditeur mentionné sur cette page" in without
    assert "Éditeur responsable" not in without and "mailto:" not in without
