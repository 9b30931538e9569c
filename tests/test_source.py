"""The structured source: the real file loads; every kind of mistake is reported with its line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from docgen.errors import DocgenError
from docgen.source import load

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
