"""The structured source: the real file loads; every kind of mistake is reported with its line."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from docgen.errors import DocgenError
from docgen.source.read import load

from .conftest import ROOT

SEED = ROOT.parent / "shared" / "seed"


def test_real_source_has_the_nine_partnerships_in_order() -> None:
    doc = load(ROOT / "data" / "partnerships.yaml")
    assert [p.number for p in doc.partnerships] == list(range(1, 10))
    assert doc.partnerships[0].id == "biowin-medvia"
    money = doc.partnerships[0].figures["investment"]
    assert (money.kind, money.value, money.currency) == ("money", Decimal("44000000"), "EUR")
    assert doc.figures["partnerships"].value == len(doc.partnerships)


def test_every_number_of_the_article_is_a_figure() -> None:
    """Each number printed in the German article is a typed figure of the source."""
    article = next(SEED.glob("*.txt"), None) if SEED.exists() else None
    if article is None:
        pytest.skip("the seed article is not beside this checkout")
    import re
    text = article.read_text(encoding="utf-8")
    body = text.split("\n", 1)[1]
    body = re.sub(r"^\d+\. ", "", body, flags=re.M)          # section numbers
    body = body.replace("COVID-19", "")                    # a name, not a figure
    numbers = {n.replace(".", "") for n in re.findall(r"\d[\d.]*\d|\d", body)}
    doc = load(ROOT / "data" / "partnerships.yaml")
    values: set[str] = set()
    for figures in [doc.figures] + [p.figures for p in doc.partnerships]:
        for f in figures.values():
            v = f.value
            if f.kind == "money":
                v = int(v)  # type: ignore[arg-type]
                values |= {str(v), str(v // 1_000_000), str(v // 1_000_000_000)}
            elif isinstance(v, tuple):
                values |= {str(x) for x in v}
            else:
                values.add(str(v))
    assert numbers - values == set()


BROKEN = """\
title: "{partnerships} Partnerschaften"
title: "again"
subtitle: "Untertitel"
colour: blue
source_note: "Quelle"
lead: "Es gibt 75 Start-ups."
conclusion: "Fazit mit {missing}"
figures:
  partnerships: {count: 1}
  money: {money: 44000000.5, currency: EUR}
  other: {money: "12", currency: EURO}
  flag: {count: NO}
partnerships:
  - id: Bad_Slug
    title: "Titel"
    organisations: [A]
    places: [B]
    intro: "Intro"
"""


def test_every_problem_is_reported_once_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "partnerships.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(DocgenError) as caught:
        load(path)
    lines = [str(p) for p in caught.value.problems]
    text = "\n".join(lines)
    assert f"{path}:2: document.title: duplicate key" in text
    assert f"{path}:4: document.colour: unknown field" in text
    assert f"{path}:6: lead: a number inside prose" in text
    assert f"{path}:7: conclusion: placeholder {{missing}} has no figure" in text
    assert f"{path}:10: figures.money.money: float 44000000.5 where money must be exact" in text
    assert f"{path}:11: figures.other.currency: unknown currency 'EURO'" in text
    assert f"{path}:12: figures.flag.count: expected a whole number, got bool 'NO'" in text
    assert f"{path}:14: partnerships[0].id: not a slug" in text
    assert len(lines) >= 8


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "partnerships.yaml"
    path.write_text('title: "x"\nlead: [unclosed\n', encoding="utf-8")
    with pytest.raises(DocgenError) as caught:
        load(path)
    assert str(caught.value.problems[0]).startswith(f"{path}:")
    assert "YAML syntax" in str(caught.value)


def test_control_characters_in_data_are_rejected_with_their_line(tmp_path: Path) -> None:
    source = (ROOT / "data" / "partnerships.yaml").read_text(encoding="utf-8")
    source = source.replace('subtitle: "Wie', 'subtitle: "\\u0007Wie', 1)
    path = tmp_path / "partnerships.yaml"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(DocgenError) as caught:
        load(path)
    assert any(p.line and "control" in p.message for p in caught.value.problems)


def test_an_unused_figure_is_an_error(tmp_path: Path) -> None:
    source = (ROOT / "data" / "partnerships.yaml").read_text(encoding="utf-8")
    source = source.replace("  growth: {percent: 7}", "  growth: {percent: 7}\n  spare: {count: 3}")
    path = tmp_path / "partnerships.yaml"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(DocgenError, match="figures.spare: figure is never used"):
        load(path)


@pytest.mark.parametrize("value, message", [
    ("0x4B", "write whole numbers in plain decimal digits"),
    ("0113", "write whole numbers in plain decimal digits"),
    ("1:15", "write whole numbers in plain decimal digits"),
])
def test_whole_numbers_are_plain_decimals(tmp_path: Path, value: str, message: str) -> None:
    source = (ROOT / "data" / "partnerships.yaml").read_text(encoding="utf-8")
    path = tmp_path / "partnerships.yaml"
    path.write_text(source.replace("startups: {count: 75}", f"startups: {{count: {value}}}"),
                    encoding="utf-8")
    with pytest.raises(DocgenError, match=message):
        load(path)


@pytest.mark.parametrize("content, line, message", [
    (b'title: "a"\nlead: "b\x01"\n', 2, "YAML syntax"),
    (b'title: "a"\nlead: "\xff"\n', 2, "not UTF-8 text"),
    (b'title: "a"\n[1, 2]: "b"\n', 2, "a key must be a plain name"),
    (b"", 1, "the source is empty"),
    (b"growth: {percent: .inf}\n", 1, "expected a percentage"),
])
def test_unreadable_sources_are_clean_errors(tmp_path: Path, content: bytes, line: int,
                                             message: str) -> None:
    path = tmp_path / "partnerships.yaml"
    path.write_bytes(content if b"percent" not in content else
                     b"figures:\n  " + content)
    with pytest.raises(DocgenError) as caught:
        load(path)
    found = [p for p in caught.value.problems if message in p.message]
    assert found, caught.value
    assert found[0].line == (line if b"percent" not in content else 2)


# -- the places, links abroad, derived figures and chart (drawn in the brochure) ----------

def test_the_usa_is_a_connection_not_a_place() -> None:
    doc = load(ROOT / "data" / "partnerships.yaml")
    us = next(p for p in doc.partnerships if p.id == "us-pharma")
    assert [t.msgid for t in us.places] == ["Wallonien"]
    assert [(c.country, c.kind) for c in us.connections] == [("US", "export_destination")]
    assert [p.id for p in doc.partnerships if p.connections] == ["us-pharma"]


def test_the_eu_average_is_declared_as_half_the_sector_growth() -> None:
    doc = load(ROOT / "data" / "partnerships.yaml")
    eu = doc.figures["eu_growth"]
    assert (eu.kind, eu.value) == ("percent", Decimal("3.5"))
    assert eu.derivation is not None
    assert (eu.derivation.source.name, eu.derivation.divisor) == ("growth", 2)
    assert "„doppelt so schnell wie der EU-Durchschnitt“" in eu.derivation.reason.msgid


def test_towns_have_their_geonames_source() -> None:
    doc = load(ROOT / "data" / "partnerships.yaml")
    towns = {name: (loc.geonames, loc.lat, loc.lon, loc.region)
             for name, loc in doc.locations.items() if loc.is_town}
    assert towns == {
        "Rixensart": (2787989, Decimal("50.71229"), Decimal("4.52529"), "BWR"),
        "Gosselies": (2797376, Decimal("50.46936"), Decimal("4.43324"), "BWR"),
        "Seneffe": (2786852, Decimal("50.53135"), Decimal("4.26301"), "BWR"),
    }


def _line(source: str, needle: str) -> int:
    return source[: source.index(needle)].count("\n") + 1


@pytest.mark.parametrize("old, new, message", [
    ('Seneffe: {region: BWR, geonames: 2786852, ', 'Seneffe: {region: BWR, ',
     "locations.Seneffe: a town has lat, lon and the geonames id of its source"),
    ("Flandern: {region: BFR}", "Flandern: {region: BXX}",
     "locations.Flandern.region: unknown region 'BXX' (one of BWR, BFR, BCR)"),
    ("{country: US, kind: export_destination}", "{country: USA, kind: export_destination}",
     "partnerships.us-pharma.connections[0].country: not an ISO 3166 country code: 'USA'"),
    ("{country: US, kind: export_destination}", "{country: US, kind: export}",
     "partnerships.us-pharma.connections[0].kind: unknown kind 'export'"),
    ("    derive: growth\n", "    derive: growht\n",
     "figures.eu_growth.derive: no figure named 'growht'"),
    ("      - figure: eu_growth", "      - figure: partnerships",
     "chart[0].bars: one unit per panel, got count, percent"),
])
def test_bad_visual_data_is_a_clean_error(tmp_path: Path, old: str, new: str,
                                          message: str) -> None:
    source = (ROOT / "data" / "partnerships.yaml").read_text(encoding="utf-8")
    assert old in source
    broken = source.replace(old, new, 1)
    path = tmp_path / "partnerships.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(DocgenError) as caught:
        load(path)
    found = [str(p) for p in caught.value.problems if message in p.message]
    assert found, caught.value
    if "chart[0]" not in message:   # a panel's problem is on its title's line
        assert found[0].startswith(f"{path}:{_line(broken, new)}: ")


def test_a_place_without_a_location_is_an_error(tmp_path: Path) -> None:
    source = (ROOT / "data" / "partnerships.yaml").read_text(encoding="utf-8")
    path = tmp_path / "partnerships.yaml"
    path.write_text(re.sub(r"\n  Gosselies: .*", "", source), encoding="utf-8")
    with pytest.raises(DocgenError) as caught:
        load(path)
    messages = [p.message for p in caught.value.problems]
    assert messages == [
        "partnerships.catalent-masthercell.places: 'Gosselies' has no entry under locations:",
        "partnerships.thermo-fisher-novasep.places: 'Gosselies' has no entry under locations:"]


def test_a_location_no_partnership_uses_is_an_error(tmp_path: Path) -> None:
    source = (ROOT / "data" / "partnerships.yaml").read_text(encoding="utf-8")
    path = tmp_path / "partnerships.yaml"
    path.write_text(source.replace("  Flandern: {region: BFR}\n",
                                   "  Flandern: {region: BFR}\n  Namur: {region: BWR}\n"),
                    encoding="utf-8")
    with pytest.raises(DocgenError) as caught:
        load(path)
    line = _line(path.read_text(encoding="utf-8"), "  Namur:")
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:{line}: locations.Namur: no partnership is there"]
