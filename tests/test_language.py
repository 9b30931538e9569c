"""What a Belgian communications department would publish: the review's fixes, numbers in
running text and on displays, the house style, and counts derived from the source."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from docgen.errors import DocgenError
from docgen.i18n.languages import load_languages
from docgen.localise.content import content, load_catalogs
from docgen.localise.document import LDocument
from docgen.localise.formatting import Formatter
from docgen.render import docx as docx_render
from docgen.render import html
from docgen.source.model import Figure
from docgen.source.read import load

from .conftest import ROOT

LANGS = ("de", "fr", "nl", "en")
N, NN = "\u00a0", "\u202f"          # no-break space, narrow no-break space


def local(root: Path, lang: str) -> LDocument:
    language = load_languages(root / "locales")[lang]
    return content(load(root / "data" / "partnerships.yaml"), language,
                   load_catalogs(root / "locales", language), dt.date(2026, 11, 1))


@pytest.fixture(scope="module")
def docs() -> dict[str, LDocument]:
    return {lang: local(ROOT, lang) for lang in LANGS}


def texts_of(doc: LDocument, pid: str) -> dict[str, str]:
    p = next(x for x in doc.partnerships if x.id == pid)
    out = {"title": p.title, "intro": p.intro}
    out.update({f"highlight{i}": h.label for i, h in enumerate(p.highlights)})
    for i, lst in enumerate(p.lists):
        out.update({f"list{i}.{j}": item for j, item in enumerate(lst.items)})
    for i, table in enumerate(p.tables):
        out.update({f"table{i}.{j}": value for j, (_label, value) in enumerate(table.rows)})
    return out


# -- the review's findings ------------------------------------------------------------

SOURCE_NOTE = {
    "de": "Nach dem deutschsprachigen Artikel „9 Biotech-Partnerschaften stärken die "
          "wallonische Wirtschaft“.",
    "fr": f"D’après l’article en allemand «{N}9 Biotech-Partnerschaften stärken die "
          f"wallonische Wirtschaft{N}».",
    "nl": "Naar het Duitstalige artikel ‘9 Biotech-Partnerschaften stärken die wallonische "
          "Wirtschaft’.",
    "en": "Based on the German-language article “9 Biotech-Partnerschaften stärken die "
          "wallonische Wirtschaft”.",
}
BIOWIN_TITLE = {
    "de": "BioWin und MEDVIA: Regionenübergreifende Zusammenarbeit für Gesundheitsinnovationen",
    "fr": f"BioWin et MEDVIA{N}: une coopération interrégionale au service de l’innovation "
          "en santé",
    "nl": "BioWin en MEDVIA: interregionale samenwerking voor gezondheidsinnovatie",
    "en": "BioWin and MEDVIA: interregional cooperation for health innovation",
}
RECYCLING_LABEL = {"de": "der Laborabfälle bis 2025 recycelt (Ziel, Stand 2024)",
                   "fr": "des déchets de laboratoire recyclés d’ici 2025 (objectif annoncé "
                         "en 2024)",
                   "nl": "van het labo-afval gerecycleerd tegen 2025 (doelstelling, stand 2024)",
                   "en": "of laboratory waste recycled by 2025 (target as of 2024)"}
FORECAST_JOBS = {"de": "prognostizierte neue direkte Arbeitsplätze bis 2028",
                 "fr": "créations d’emplois directs prévues d’ici 2028",
                 "nl": "verwachte nieuwe directe jobs tegen 2028",
                 "en": "new direct jobs forecast by 2028"}
KEY_PLAYER = {"de": "als Schlüsselakteur für Gentherapien", "fr": "comme un acteur clé des",
              "nl": "als sleutelspeler op het vlak van", "en": "as a key player in gene"}


@pytest.mark.parametrize("lang", LANGS)
def test_source_note_names_the_german_title_and_says_it_is_german(
        docs: dict[str, LDocument], lang: str) -> None:
    assert docs[lang].source_note == SOURCE_NOTE[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_review_fixes_in_every_language(docs: dict[str, LDocument], lang: str) -> None:
    doc = docs[lang]
    assert texts_of(doc, "biowin-medvia")["title"] == BIOWIN_TITLE[lang]
    assert texts_of(doc, "circular-wallonia")["highlight0"] == RECYCLING_LABEL[lang]
    assert texts_of(doc, "atmp-pit")["highlight1"] == FORECAST_JOBS[lang]
    assert KEY_PLAYER[lang] in doc.conclusion
    kickstart = next(p for p in doc.partnerships if p.id == "kickstart-biomanufacturing")
    assert kickstart.organisations == ["Kickstart Biomanufacturing", "Takeda"]


def test_german_source_wording() -> None:
    text = (ROOT / "data" / "partnerships.yaml").read_text(encoding="utf-8")
    for wrong in ("Grenzüberschreitende", "recycelt bis", "Schlüsselplayer"):
        assert wrong not in text


def test_french_fixes(docs: dict[str, LDocument]) -> None:
    fr = docs["fr"]
    biowin, kickstart = texts_of(fr, "biowin-medvia"), texts_of(fr, "kickstart-biomanufacturing")
    assert biowin["list0.1"] == "Échange d’expertise en biopharma et en technologies médicales"
    assert texts_of(fr, "catalent-masthercell")["table0.1"] == "au moins 50 essais cliniques par an"
    assert kickstart["intro"] == ("La plateforme www.kickstartbiomanufacturing.be prospecte de "
                                  "manière ciblée les investisseurs biotech en faisant valoir "
                                  f"les atouts du territoire{N}:")
    assert fr.lead.startswith("Ces dernières années, le secteur wallon des biotechnologies "
                              "s’est imposé comme une référence en Europe.")
    assert fr.labels("Typeface") == "Police de caractères"
    assert fr.labels("Publication details") == "Colophon"


def test_dutch_fixes(docs: dict[str, LDocument]) -> None:
    nl = docs["nl"]
    assert "een dynamische netwerkvorming tussen bedrijven" in nl.lead
    assert texts_of(nl, "kickstart-biomanufacturing")["intro"] == (
        "Het platform www.kickstartbiomanufacturing.be dingt gericht naar de gunst van "
        "biotechinvesteerders met vestigingsvoordelen:")
    assert texts_of(nl, "circular-wallonia")["intro"] == (
        "De strategie Circular Wallonia stimuleert hulpbronnenefficiënte biotechprocessen:")


def test_english_fixes(docs: dict[str, LDocument]) -> None:
    en = docs["en"]
    assert texts_of(en, "eu-biotech-school")["intro"] == (
        "As part of the Walloon recovery plan, a training centre for biotech professions is "
        "being set up:")
    assert texts_of(en, "kickstart-biomanufacturing")["intro"] == (
        "The www.kickstartbiomanufacturing.be platform targets biotech investors with the "
        "region’s advantages as a location:")
    assert texts_of(en, "kickstart-biomanufacturing")["list0.2"] == (
        "Achievements: attracting Takeda, as well as partners in Pfizer’s supply chain")
    assert en.labels("Briefing for decision-makers") == "Briefing for decision-makers"


# -- numbers in running text and on displays ------------------------------------------

# (running text, display) of each figure kind, as each language prints them.
MONEY = {"de": (f"44{N}Millionen Euro", f"44{N}Mio.{N}€"),
         "fr": (f"44{N}millions d’euros", f"44{N}M{N}€"),
         "nl": (f"44{N}miljoen euro", f"€{N}44{N}mln."),
         "en": (f"€44{N}million", "€44m")}
MARKET = {"de": (f"80{N}Milliarden Euro", f"80{N}Mrd.{N}€"),
          "fr": (f"80{N}milliards d’euros", f"80{N}Md{N}€"),
          "nl": (f"80{N}miljard euro", f"€{N}80{N}mld."),
          "en": (f"€80{N}billion", "€80bn")}
PERCENT = {"de": (f"85{N}%", f"85{N}%"), "fr": (f"85{N}%", f"85{N}%"),
           "nl": ("85%", "85%"), "en": ("85%", "85%")}
COUNT = {"de": ("1.200", "1.200"), "fr": (f"1{NN}200", f"1{NN}200"),
         "nl": ("1.200", "1.200"), "en": ("1,200", "1,200")}
AT_LEAST = {"de": ("mindestens 50", "50+"), "fr": ("au moins 50", "au moins 50"),
            "nl": ("minstens 50", "50+"), "en": ("at least 50", "50+")}
YEARS = {"de": "2023–2024", "fr": "2023–2024", "nl": "2023–2024", "en": "2023–2024"}


@pytest.mark.parametrize("lang", LANGS)
def test_figures_in_running_text_and_on_displays(docs: dict[str, LDocument], lang: str) -> None:
    fmt = docs[lang].formatter
    cases = [(MONEY, Figure("m", "money", Decimal("44000000"), "EUR")),
             (MARKET, Figure("m", "money", Decimal("80000000000"), "EUR")),
             (PERCENT, Figure("p", "percent", Decimal(85))),
             (COUNT, Figure("c", "count", 1200)), (AT_LEAST, Figure("a", "at_least", 50))]
    for expected, figure in cases:
        assert (fmt.figure(figure, "running"), fmt.figure(figure, "display")) == expected[lang]
    assert fmt.figure(Figure("y", "years", (2023, 2024))) == YEARS[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_a_text_knows_both_forms(docs: dict[str, LDocument], lang: str) -> None:
    biowin = next(p for p in docs[lang].partnerships if p.id == "biowin-medvia")
    value = biowin.tables[0].rows[1][1]
    running, display = MONEY[lang]
    assert value.startswith(running) and value.form("running").startswith(running)
    assert value.form("display").startswith(display)
    glance = docs[lang].at_a_glance[1]
    assert (glance.value.form("running"), glance.value.form("display")) == MONEY[lang]


def test_the_brochure_declares_its_slots(docs: dict[str, LDocument]) -> None:
    page = html.render(docs["en"], ROOT / "templates")
    # Typeset as the brochure sets them: U+2011 in "public‑private", no-break spaces.
    assert f"<td>€44{N}million (public\u2011private)</td>" in page    # a table cell
    assert '<p class="value"><span class="nobr">€44m</span></p>' in page    # a figure card
    assert '<p class="value"><span class="nobr">€80bn</span></p>' in page
    assert f"<td>at least 50{N}clinical trials a{N}year</td>" in page


def test_a_slot_without_its_kind_stops_the_build(tmp_path: Path,
                                                 docs: dict[str, LDocument]) -> None:
    (tmp_path / "page.html").write_text("<p>{{ doc.lead }}</p>\n"
                                        "<p>{{ doc.partnerships[0].tables[0].rows[1][1] }}</p>",
                                        encoding="utf-8")
    with pytest.raises(DocgenError) as caught:
        html.render(docs["de"], tmp_path, name="page.html")
    assert str(caught.value) == (
        f"{tmp_path / 'page.html'}:2: template: a text with figures needs its slot kind, "
        "'| running' or '| display': '44\\xa0Millionen Euro (öffentlich-privat)'")


def test_the_briefing_uses_running_text_except_in_key_figures(
        docs: dict[str, LDocument]) -> None:
    data = docx_render.render(docs["fr"], ROOT / "templates" / "briefing.docx",
                              dt.datetime(2026, 11, 1))
    word = docx.Document(io.BytesIO(data))
    cells = [[c.text for c in row.cells] for t in word.tables for row in t.rows]
    assert [f"80{N}Md{N}€", "valeur du marché des ATMP en Europe d’ici 2032"] in cells
    assert ["Volume d’investissement", f"44{N}millions d’euros (public-privé)"] in cells
    assert ["Capacité", "au moins 50 essais cliniques par an"] in cells
    items = [p.text for p in word.paragraphs]
    assert f"Valeur du marché des ATMP en Europe{N}: 80{N}milliards d’euros d’ici 2032" in items


# -- house style ------------------------------------------------------------------------

def test_house_style_is_data(project_dir: Path) -> None:
    style = project_dir / "locales" / "style.yaml"
    text = style.read_text(encoding="utf-8")
    style.write_text(text.replace("en: {numbers: en_GB, running: long, display: short, "
                                  "year_range: closed",
                                  "en: {numbers: en_IE, running: short, display: short, "
                                  "year_range: cldr"), encoding="utf-8")
    en = local(project_dir, "en")
    assert en.formatter.figure(Figure("m", "money", Decimal("44000000"), "EUR"), "running") \
        == "€44M"
    assert en.formatter.years(2023, 2024) == "2023\u2009–\u20092024"


def test_a_wrong_house_style_names_its_line(project_dir: Path) -> None:
    style = project_dir / "locales" / "style.yaml"
    text = style.read_text(encoding="utf-8").replace("running: long, display: short, "
                                                     "year_range: closed",
                                                     "running: spoken, display: short, "
                                                     "year_range: closed")
    style.write_text(text, encoding="utf-8")
    line = text.splitlines().index(next(x for x in text.splitlines() if "spoken" in x)) + 1
    with pytest.raises(DocgenError) as caught:
        load_languages(project_dir / "locales")
    assert str(caught.value) == f"{style}:{line}: en.running: 'spoken' is not one of long, short"


# -- counts derived from the source ----------------------------------------------------

WORDS = {"de": ("neun", "zehn", "siebzig"), "fr": ("neuf", "dix", "septante"),
         "nl": ("negen", "tien", "zeventig"), "en": ("nine", "ten", "seventy")}


@pytest.mark.parametrize("lang", LANGS)
def test_numbers_in_words(docs: dict[str, LDocument], lang: str) -> None:
    fmt = docs[lang].formatter
    assert tuple(fmt.words(n) for n in (9, 10, 70)) == WORDS[lang]


def test_german_counts_say_ein_not_eins() -> None:
    fmt = Formatter("de_BE", load_languages(ROOT / "locales")["de"].style)
    assert (fmt.words(1), fmt.words(21), fmt.words(101)) == ("ein", "einundzwanzig",
                                                              "einhundertein")


LEAD = {"de": ("Dieser Überblick zeigt neun ", "Dieser Überblick zeigt zehn "),
        "fr": ("Ce panorama présente neuf ", "Ce panorama présente dix "),
        "nl": ("Dit overzicht belicht negen ", "Dit overzicht belicht tien "),
        "en": ("This overview presents nine ", "This overview presents ten ")}
COVER = {"de": "Biotech-Partnerschaften stärken die wallonische Wirtschaft",
         "fr": "partenariats biotech qui renforcent l’économie wallonne",
         "nl": "biotechpartnerschappen versterken de Waalse economie",
         "en": "biotech partnerships strengthening the Walloon economy"}
TENTH = """
  - id: tenth
    title: "Eine zehnte Partnerschaft"
    organisations: []
    places: [Wallonien]
    intro: "Eine Partnerschaft, die nur dieser Test kennt."
"""


@pytest.mark.parametrize("lang", LANGS)
def test_the_count_comes_from_the_list(docs: dict[str, LDocument], lang: str) -> None:
    assert docs[lang].title == f"9 {COVER[lang]}"
    assert LEAD[lang][0] in docs[lang].lead


def test_a_tenth_partnership_changes_cover_and_lead(project_dir: Path) -> None:
    source = project_dir / "data" / "partnerships.yaml"
    source.write_text(source.read_text(encoding="utf-8") + TENTH, encoding="utf-8")
    for lang in LANGS:
        doc = local(project_dir, lang)
        assert doc.title == f"10 {COVER[lang]}"
        assert LEAD[lang][1] in doc.lead
        assert doc.source_note == SOURCE_NOTE[lang]          # the cited title keeps its 9
        page = html.render(doc, project_dir / "templates")
        assert f"<h1>10{N}{COVER[lang]}</h1>" in page
    page = html.render(local(project_dir, "en"), project_dir / "templates")
    assert "Partnership 10 of 10" in page


def test_a_typed_count_is_refused(project_dir: Path) -> None:
    source = project_dir / "data" / "partnerships.yaml"
    text = source.read_text(encoding="utf-8")
    text = text.replace("  growth: {percent: 7}", "  growth: {percent: 7}\n  partnerships: "
                                                   "{count: 9}")
    source.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  partnerships: {count: 9}") + 1
    with pytest.raises(DocgenError) as caught:
        load(source)
    assert f"{source}:{line}: figures.partnerships: derived from the list of partnerships, " \
           "never typed: remove it" in str(caught.value)


def test_an_unknown_number_language_is_one_clear_line() -> None:
    from docgen.i18n.style import Style
    with pytest.raises(DocgenError) as caught:
        Formatter("de_BE", Style(words="xx")).words(9)
    assert str(caught.value) == "locales/style.yaml: words: num2words has no language 'xx'"
