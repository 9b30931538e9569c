"""The brochure's page plan and typesetting rules, read back from the laid-out lines.

Line rules are checked on ``pdftotext -bbox-layout`` (the PDF's own text layer, line by
line); paragraph rules (last line, widows and orphans) on WeasyPrint's line boxes, which know
where a paragraph starts and ends.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import ROOT, fill_imprint, pdf_text

pytestmark = pytest.mark.slow
LANGS = ("de", "fr", "nl", "en")
NS = "{http://www.w3.org/1999/xhtml}"
# Names and pairs never split at their hyphen (as templates/typesetting.yaml lists them).
KEEP = ("BioWin-MEDVIA", "ATMP-PIT", "COVID-19", "États-Unis", "public-privé",
        "public-private", "publiek-privaat", "öffentlich-privat", "US-Konzern")
UNITS = {"%", "m²", "€", "M", "Md", "Mio.", "Mrd.", "mln.", "mld.", "+"}
YEAR = re.compile(r"^\(?(19|20)\d\d(?!\d)")
BARE_NUMBER = re.compile(r"^€?\d[\d.,\u202f\u00a0]*$")
# Display figures as the reader must find them in the text layer, spaces included.
DISPLAY = {"de": ["60.000 m²", "7 %", "1.200", "44 Mio. €"],
           "fr": ["60 000 m²", "7 %", "1 200", "44 M €", "80 Md €"],
           "nl": ["60.000 m²", "7%", "1.200", "€ 44 mln."],
           "en": ["60,000 m²", "7%", "1,200", "€44m"]}
# Side-column and imprint labels, each its own word in the text layer (set in capitals).
LABELS = {"de": ["ORGANISATION", "ORGANISATIONEN", "STANDORT", "STANDORTE", "ZAHLEN",
                 "HERAUSGEBER", "AUSGABE", "QUELLE", "SCHRIFT"],
          "fr": ["ORGANISATION", "ORGANISATIONS", "LIEU", "LIEUX", "CHIFFRES", "ÉDITEUR",
                 "ÉDITION", "SOURCE", "POLICE"],
          "nl": ["ORGANISATIE", "ORGANISATIES", "LOCATIE", "LOCATIES", "CIJFERS", "UITGEVER",
                 "EDITIE", "BRON", "LETTERTYPE"],
          "en": ["ORGANISATION", "ORGANISATIONS", "LOCATION", "LOCATIONS", "FIGURES",
                 "PUBLISHER", "EDITION", "SOURCE", "TYPEFACE"]}


def brochure(built: Path, lang: str) -> Path:
    return built / "output" / lang / f"brochure-{lang}.pdf"


@dataclass
class Line:
    page: int
    words: list[str]
    x: float
    top: float
    bottom: float


def lines(pdf: Path) -> list[list[Line]]:
    """Each flow's lines, in reading order, as pdftotext lays them out."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    # pdftotext's own output for our own PDF, its DOCTYPE commented out: nothing untrusted.
    root = ET.fromstring(xml.replace("<!DOCTYPE", "<!-- ").replace('dtd">', 'dtd" -->', 1))  # noqa: S314
    flows = []
    for number, page in enumerate(root.iter(f"{NS}page"), start=1):
        for flow in page.iter(f"{NS}flow"):
            flows.append([Line(number, [w.text or "" for w in line.iter(f"{NS}word")],
                               float(line.get("xMin")), float(line.get("yMin")),
                               float(line.get("yMax")))
                          for line in flow.iter(f"{NS}line")])
    return flows


def continued(flows: list[list[Line]]) -> list[tuple[Line, Line]]:
    """Pairs of lines where the second continues the first's paragraph: on the same page,
    at the same left edge, one line below it."""
    every = [line for flow in flows for line in flow]
    pairs = []
    for a in every:
        height = a.bottom - a.top
        below = [b for b in every if b.page == a.page and abs(a.x - b.x) < 2
                 and abs(b.bottom - b.top - height) < 0.1 * height
                 and 0.5 * height < b.top - a.top < 1.7 * height]
        pairs += [(a, b) for b in below[:1]]
    return pairs


@pytest.mark.parametrize("lang", LANGS)
def test_no_line_splits_a_name_a_number_and_its_unit_or_a_year_and_its_word(
        built: Path, lang: str) -> None:
    pairs = continued(lines(brochure(built, lang)))
    assert len(pairs) > 50                      # the check sees the running text
    bad = []
    for a, b in pairs:
        last, first = a.words[-1], b.words[0]
        where = f"p.{a.page}: {' '.join(a.words[-3:])} | {' '.join(b.words[:3])}"
        for term in KEEP:
            for cut in [m.end() for m in re.finditer("-", term)]:
                left, right = term[:cut - 1], term[cut:]
                if re.search(re.escape(left) + "[-\u2010\u2011]$", last) and \
                        first.startswith(right):
                    bad.append(f"{term} split: {where}")
        if YEAR.match(first):
            bad.append(f"a year starts a line: {where}")
        if BARE_NUMBER.match(last) and not YEAR.match(last):
            bad.append(f"a number ends a line: {where}")
        if first in UNITS:
            bad.append(f"a unit starts a line: {where}")
    assert bad == [], "\n".join(bad)


@pytest.mark.parametrize("lang", LANGS)
def test_display_figures_keep_their_spaces_and_labels_stand_apart(built: Path,
                                                                  lang: str) -> None:
    raw = pdf_text(brochure(built, lang))
    text = re.sub(r"[ \u00a0\u202f]+", " ", raw)
    assert [f for f in DISPLAY[lang] if f not in text] == []
    assert not re.search(r"\d{5}|\d0000|\d{3}m²", text.replace(" ", "|"))
    words = {w for flow in lines(brochure(built, lang)) for line in flow for w in line.words}
    stuck = sorted(w for w in words for label in LABELS[lang]
                   if w.startswith(label) and w.rstrip(":") not in LABELS[lang])
    assert stuck == []
    assert set(LABELS[lang]) <= words


def test_the_page_plan_is_the_same_in_every_language(built: Path) -> None:
    """12 pages (a folded brochure needs a multiple of 4), each section on its page."""
    starts = {"de": ["Einleitung", "Auf einen Blick", "Partnerschaft 1 von 9", "Fazit",
                     "Impressum"],
              "fr": ["Introduction", "En bref", "Partenariat 1 sur 9", "Conclusion",
                     "Colophon"],
              "nl": ["Inleiding", "In één oogopslag", "Partnerschap 1 van 9", "Conclusie",
                     "Colofon"],
              "en": ["Introduction", "At a glance", "Partnership 1 of 9", "Conclusion",
                     "Publication details"]}
    for lang in LANGS:
        pages = PdfReader(brochure(built, lang)).pages
        assert len(pages) == 12, lang
        text = [re.sub(r"\s+", " ", p.extract_text()).lower() for p in pages]
        where: list[int] = []
        for start in starts[lang]:      # each after the one before (the contents name them all)
            after = where[-1] if where else 1
            where.append(next(i + 1 for i, t in enumerate(text)
                              if i + 1 > after and start.lower() in t))
        assert where == [2, 3, 5, 10, 11], lang


def test_the_qr_code_on_the_back_cover_decodes_to_the_site_address(project_dir: Path,
                                                                    tmp_path: Path) -> None:
    from docgen.build.pipeline import Options, build
    from docgen.project import Project
    fill_imprint(project_dir, only=('website: ""',))
    build(Project(project_dir), Options(langs=("fr",), formats=("pdf",)))
    pdf = project_dir / "output" / "fr" / "brochure-fr.pdf"
    subprocess.run(["pdftoppm", "-r", "300", "-f", "12", "-l", "12", "-png", str(pdf),
                    str(tmp_path / "back")], check=True)
    [png] = tmp_path.glob("back*.png")
    decoded = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True,
                             text=True, check=True).stdout
    assert decoded.strip() == "https://www.example.be/brochures"
    back = subprocess.run(["pdftotext", "-f", "12", "-l", "12", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "www.example.be/brochures" in back
    assert "CETTE BROCHURE DANS TOUTES LES LANGUES" in " ".join(back.split())


def test_without_a_site_address_a_draft_shows_the_marker_and_no_qr(tmp_path: Path) -> None:
    from docgen.build.pipeline import Options, build
    from docgen.project import Project

    from .conftest import copy_project
    project = copy_project(tmp_path / "p")
    build(Project(project), Options(langs=("nl",), formats=("pdf",), draft=True))
    pdf = project / "output" / "nl" / "brochure-nl.pdf"
    back = subprocess.run(["pdftotext", "-f", "12", "-l", "12", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert back.count("nog in te vullen") == 4    # QR, address, publisher, postal address
    subprocess.run(["pdftoppm", "-r", "150", "-f", "12", "-l", "12", "-png", str(pdf),
                    str(tmp_path / "back")], check=True)
    [png] = tmp_path.glob("back*.png")
    found = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True)
    assert found.returncode == 4 and found.stdout == ""      # zbarimg: no code found


def _section_texts(pdf: Path, titles: list[str], end: str) -> list[str]:
    """The body text of each partnership (pages 5 to 10, without header and footer)."""
    body = subprocess.run(["pdftotext", "-f", "5", "-l", "10", "-x", "0", "-y", "70", "-W",
                           "595", "-H", "705", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    body = re.sub(r"[ \u00a0\u202f\u2009\n]+", " ", body).replace("\u2011", "-")
    flat_titles = [re.sub(r"[ \u00a0\u202f]+", " ", t) for t in titles]
    starts = [body.index(t) for t in flat_titles] + [body.index(end)]
    return [body[a:b] for a, b in zip(starts, starts[1:], strict=False)]


@pytest.mark.parametrize("lang", LANGS)
def test_each_figure_is_displayed_once_per_partnership(built: Path, lang: str) -> None:
    """A figure is a key figure or a table row, never both; the prose may still name it."""
    from docgen.i18n.languages import load_languages
    from docgen.localise.content import content, load_catalogs
    from docgen.source.read import load
    doc = load(built / "data" / "partnerships.yaml")
    language = load_languages(built / "locales")[lang]
    local = content(doc, language, load_catalogs(built / "locales", language),
                    dt.date(2026, 1, 1))
    end = {"de": "Fazit", "fr": "Conclusion", "nl": "Conclusie", "en": "Conclusion"}[lang]
    sections = _section_texts(brochure(built, lang), [p.title for p in local.partnerships], end)
    fmt = local.formatter
    for p, text in zip(doc.partnerships, sections, strict=True):
        ranges = re.findall(r"\d{4} ?[–-] ?\d{4}", text)
        single = re.sub(r"\d{4} ?[–-] ?\d{4}", " ", text)
        named = [t for t in [p.intro, *[i for lst in p.lists for i in lst.items],
                             *[lst.title for lst in p.lists if lst.title],
                             *[h.label for h in p.highlights],
                             *[r.label for t in p.tables for r in t.rows]] if t is not None]
        shown = [h.figure.name for h in p.highlights] + \
            [n for t in p.tables for r in t.rows for n in r.value.placeholders]
        def spaced(text: str) -> str:
            return re.sub(r"[\u00a0\u202f\u2009]+", " ", text)

        for name, figure in p.figures.items():
            # A figure prints in its display form on a card, its running form in prose and
            # tables ("44 Mio. €" / "44 Millionen Euro"); both are looked for.
            values = {spaced(fmt.figure(figure, slot)) for slot in ("display", "running")}
            if figure.kind == "years":
                found = sum(re.sub(r"\s", "", r) == v.replace(" ", "")
                            for r in ranges for v in values)
            else:
                found = sum(len(re.findall(r"(?<![\w.,])" + re.escape(v) + r"(?![\w])", single))
                            for v in values)
            # A document-wide figure of the same value ("Stand 2024" beside "2024") counts too.
            same = [n for n, f in doc.figures.items() if spaced(fmt.figure(f)) in values]
            in_prose = sum(t.placeholders.count(n) for t in named for n in [name, *same])
            assert shown.count(name) <= 1, (p.id, name)
            assert found == in_prose + shown.count(name), (lang, p.id, name, found, in_prose)


def _paragraphs(lang: str) -> list[list[tuple[int, list[str]]]]:
    """Each paragraph's fragments: (page, its lines' texts), from WeasyPrint's boxes."""
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import LineBox, MarginBox, TextBox

    from docgen.i18n.languages import load_languages
    from docgen.localise.content import content, load_catalogs
    from docgen.render import html
    from docgen.source.read import load
    language = load_languages(ROOT / "locales")[lang]
    local = content(load(ROOT / "data" / "partnerships.yaml"), language,
                    load_catalogs(ROOT / "locales", language), dt.date(2026, 1, 1))
    page = html.render(local, ROOT / "templates")
    document = HTML(string=page, base_url=(ROOT / "templates").as_uri() + "/").render()
    found: dict[int, list[tuple[int, list[str]]]] = {}

    def walk(box: object, number: int) -> None:
        if isinstance(box, MarginBox):          # running headers and footers
            return
        children = getattr(box, "children", [])
        line_boxes = [c for c in children if isinstance(c, LineBox)]
        if line_boxes:
            texts = ["".join(t.text for t in lb.descendants() if isinstance(t, TextBox))
                     for lb in line_boxes]
            found.setdefault(id(box.element), []).append((number, texts))  # type: ignore[attr-defined]
            return
        for child in children:
            walk(child, number)

    for number, p in enumerate(document.pages, start=1):
        walk(p._page_box, number)
    return list(found.values())


@pytest.mark.parametrize("lang", LANGS)
def test_no_paragraph_ends_on_a_short_word_alone_and_no_widows_or_orphans(lang: str) -> None:
    paragraphs = _paragraphs(lang)
    assert len(paragraphs) > 80
    bad = []
    for fragments in paragraphs:
        last_lines = fragments[-1][1]
        words = last_lines[-1].split()
        all_lines = [t for _page, texts in fragments for t in texts]
        if len(all_lines) > 1 and len(words) == 1 and \
                sum(ch.isalnum() for ch in words[0]) <= 4:
            bad.append(f"short last line: {all_lines[-2][-30:]!r} / {words[0]!r}")
        if len(fragments) > 1 and any(len(texts) < 2 for _page, texts in fragments):
            bad.append(f"widow or orphan: {[(p, t[:1]) for p, t in fragments]}")
    assert bad == [], "\n".join(bad)
