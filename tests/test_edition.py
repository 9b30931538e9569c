"""The brochure's HTML edition: every fact, semantic structure, offline assets; then a real
headless Chromium runs axe-core on it, logs its requests and measures it at 320 CSS px."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from docgen.build.pipeline import Options, build
from docgen.project import Project

from .browser import axe_violations, chromium, load, outside, requests
from .conftest import flat
from .facts import squeeze, texts

LANGS = ("de", "fr", "nl", "en")
# Organisations, places, titles and every figure as each language writes it (Babel, CLDR).
FIGURES = {
    "de": ["1.200", "100 Mio. €", "44 Mio. €", "80 Mrd. €", "60.000 m²", "50.000", "35 %",
           "85 %", "7 %", "mindestens 50", "2023–2024", "470", "500", "75", "60", "26", "15",
           "2032"],
    "fr": ["1 200", "100 M €", "44 M €", "80 Md €", "60 000 m²", "50 000", "35 %", "85 %",
           "7 %", "au moins 50", "2023–2024", "470", "500", "75", "60", "26", "15", "2032"],
    "nl": ["1.200", "€ 100 mln.", "€ 44 mln.", "€ 80 mld.", "60.000 m²", "50.000", "35%",
           "85%", "7%", "minstens 50", "2023–2024", "470", "500", "75", "60", "26", "15", "2032"],
    "en": ["1,200", "€100m", "€44m", "€80bn", "60,000 m²", "50,000", "35%", "85%", "7%",
           "at least 50", "2023–2024", "470", "500", "75", "60", "26", "15", "2032"],
}
NAMES = ["BioWin", "MEDVIA", "ATMP-PIT", "GSK Vaccines", "Univercells", "Catalent",
         "MaSTherCell", "Celyad", "Bone Therapeutics", "Thermo Fisher Scientific", "Novasep",
         "Kickstart Biomanufacturing", "Takeda", "Pfizer", "Circular Wallonia",
         "Johnson & Johnson", "Rixensart", "Gosselies", "Seneffe",
         "www.kickstartbiomanufacturing.be"]
PLACES = {
    "de": ["Wallonien", "Flandern", "USA"],
    "fr": ["Wallonie", "Flandre", "États-Unis"],
    "nl": ["Wallonië", "Vlaanderen", "de Verenigde Staten"],
    "en": ["Wallonia", "Flanders", "the United States"],
}
TITLES = {
    "de": ["9 Biotech-Partnerschaften stärken die wallonische Wirtschaft",
           "BioWin und MEDVIA: Regionenübergreifende Zusammenarbeit für Gesundheitsinnovationen",
           "EU-Biotech-Schule: Ausbildung für grüne Jobs", "Fazit"],
    "fr": ["BioWin et MEDVIA : une coopération interrégionale au service de l’innovation en "
           "santé", "École européenne des biotechnologies : former aux emplois verts",
           "Conclusion"],
    "nl": ["BioWin en MEDVIA: interregionale samenwerking voor gezondheidsinnovatie",
           "Europese biotechschool: opleiding voor groene jobs", "Conclusie"],
    "en": ["BioWin and MEDVIA: interregional cooperation for health innovation",
           "EU Biotech School: training for green jobs", "Conclusion"],
}


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The four HTML editions, built with ``--format html`` into a copy of the project."""
    from .conftest import EPOCH, copy_project
    root = copy_project(tmp_path_factory.mktemp("editions"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        build(Project(root), Options(formats=("html",), jobs=1))
    return root


def edition(root: Path, lang: str) -> Path:
    return root / "output" / lang / f"brochure-{lang}.html"


def visible(page: str) -> str:
    body = re.sub(r"<(head|script|style)\b.*?</\1>", " ", page, flags=re.S)
    return flat(html.unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.mark.parametrize("lang", LANGS)
def test_every_fact_is_in_the_html_edition(editions: Path, lang: str) -> None:
    text = visible(edition(editions, lang).read_text(encoding="utf-8"))
    expected = FIGURES[lang] + NAMES + PLACES[lang] + TITLES[lang]
    assert [fact for fact in expected if flat(fact) not in text] == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_of_the_source_is_in_the_html_edition(editions: Path, lang: str) -> None:
    page = squeeze(visible(edition(editions, lang).read_text(encoding="utf-8")))
    assert [t for t in texts(editions, lang) if squeeze(flat(t)) not in page] == []


class Outline(HTMLParser):
    """Headings, landmarks, tables, every URL a page loads and every link out of it."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.landmarks: list[str] = []
        self.urls: list[str] = []
        self.links: list[str] = []
        self.tags: list[str] = []
        self.th_scopes: list[str | None] = []
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in ("header", "nav", "main", "footer"):
            self.landmarks.append(tag)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "th":
            self.th_scopes.append(a.get("scope"))
        for name in ("href", "src"):
            if tag == "a" and "://" in (a.get(name) or ""):
                self.links.append(a[name] or "")        # a link the reader follows, no load
            elif a.get(name):
                self.urls.append(a[name] or "")


@pytest.mark.parametrize("lang", LANGS)
def test_html_edition_is_semantic_and_offline(editions: Path, lang: str) -> None:
    path = edition(editions, lang)
    outline = Outline()
    outline.feed(path.read_text(encoding="utf-8"))
    assert outline.lang == lang
    assert outline.headings.count(1) == 1 and outline.headings[0] == 1
    jumps = [(a, b) for a, b in zip(outline.headings, outline.headings[1:], strict=False)
             if b > a + 1]
    assert jumps == []                                  # h1 → h2 → h3, never skipping
    assert outline.landmarks == ["header", "nav", "main", "footer"]
    assert outline.tags.count("table") == 2 and outline.tags.count("caption") == 2
    assert outline.th_scopes and None not in outline.th_scopes
    # Two numbered lists: the contents (nav) and the map legend (discs 1–9 on the map).
    assert outline.tags.count("ul") >= 10 and outline.tags.count("ol") == 2
    for url in outline.urls:                            # relative, inside the folder
        assert url.startswith("#") or ("://" not in url and not url.startswith(("/", ".."))), url
        assert url.startswith("#") or (path.parent / url).is_file(), url
    # The one web address the source prints is a live link, as in the screen PDF.
    assert outline.links == ["https://www.kickstartbiomanufacturing.be"]
    assert (path.parent / "assets" / "fonts" / "OFL-Inter.txt").is_file()


def test_a_broken_asset_list_is_caught(editions: Path, tmp_path: Path) -> None:
    """The offline check above would see a stylesheet that loads from elsewhere."""
    outline = Outline()
    outline.feed('<link rel="stylesheet" href="https://cdn.example/x.css">')
    assert outline.urls == ["https://cdn.example/x.css"]
    assert outside(["https://cdn.example/x.css", (tmp_path / "a.css").as_uri()], tmp_path) \
        == ["https://cdn.example/x.css"]


@pytest.mark.slow
def test_html_editions_in_headless_chromium(editions: Path, tmp_path: Path) -> None:
    """axe-core (WCAG 2.0/2.1 A and AA): zero violations; no request leaves the folder; no
    horizontal scrolling at 320 CSS px; screenshots at 390 and 1280 px."""
    shots = tmp_path / "screenshots"
    shots.mkdir()
    with chromium(tmp_path / "profile") as driver:
        requests(driver)                                 # the browser's own start-up
        for lang in LANGS:
            path = edition(editions, lang)
            load(driver, path.as_uri(), 320)
            seen = requests(driver)
            assert path.as_uri() in seen
            assert any(u.endswith("/assets/fonts/web/Inter-Regular.woff2") for u in seen)
            assert outside(seen, path.parent) == []
            assert driver.execute_script("return document.documentElement.scrollWidth") <= 320
            fonts = driver.execute_script(
                "return [...document.fonts].filter(f => f.status === 'loaded').length")
            assert fonts >= 3                            # Inter, not a fallback font
            assert axe_violations(driver) == []
            for width in (390, 1280):
                load(driver, path.as_uri(), width)
                driver.save_screenshot(str(shots / f"{lang}-{width}.png"))
                assert outside(requests(driver), path.parent) == []
    print(f"screenshots: {shots}")


@pytest.mark.slow
def test_axe_sees_a_violation(tmp_path: Path) -> None:
    """The checks are live: an image without alt text, no lang, faint text and a request to
    the network are each seen."""
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html><head><title>x</title></head><body>'
                    '<img src="http://127.0.0.1:9/x.png"><p style="color:#bbb;background:#fff">'
                    "faint</p></body></html>")
    with chromium(tmp_path / "profile") as driver:
        requests(driver)
        load(driver, page.as_uri(), 800)
        assert outside(requests(driver), tmp_path) == ["http://127.0.0.1:9/x.png"]
        found = axe_violations(driver)
    assert [v.split(":")[0] for v in found] == ["color-contrast", "html-has-lang", "image-alt"]


def test_a_character_outside_the_web_fonts_fails_the_html_build(project_dir: Path) -> None:
    """The web fonts are a Latin subset: a character they lack is named, not left to a
    fallback font of the reader's machine (the full OTF has it, so the PDF would pass)."""
    from docgen.errors import DocgenError
    po = project_dir / "locales" / "fr" / "LC_MESSAGES" / "ui.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Aller au contenu"', 'msgstr "Aller au contenu (Timișoara)"'), encoding="utf-8")
    with pytest.raises(DocgenError) as failed:
        build(Project(project_dir), Options(langs=("fr",), formats=("html",), jobs=1))
    assert [str(p) for p in failed.value.problems] == [
        "fr/brochure-fr.html: font Inter-Bold.woff2 has no glyph for U+0219 LATIN SMALL "
        "LETTER S WITH COMMA BELOW",
        "fr/brochure-fr.html: font Inter-Regular.woff2 has no glyph for U+0219 LATIN SMALL "
        "LETTER S WITH COMMA BELOW",
        "fr/brochure-fr.html: font Inter-SemiBold.woff2 has no glyph for U+0219 LATIN SMALL "
        "LETTER S WITH COMMA BELOW",
        "fr/brochure-fr.html: font InterDisplay-Bold.woff2 has no glyph for U+0219 LATIN SMALL "
        "LETTER S WITH COMMA BELOW"]
