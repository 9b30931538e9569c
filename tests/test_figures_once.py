"""The source refuses a figure displayed twice in a partnership, and a year as a key figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.errors import DocgenError
from docgen.source.read import load

from .conftest import ROOT


def _load_with(tmp_path: Path, old: str, new: str) -> list[str]:
    text = (ROOT / "data" / "partnerships.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "partnerships.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DocgenError) as caught:
        load(path)
    return [str(p).replace(str(path), "src") for p in caught.value.problems]


def test_a_key_figure_that_is_also_a_table_row_is_an_error(tmp_path: Path) -> None:
    old = "    highlights:\n      - figure: startups\n"
    new = ("    highlights:\n      - figure: investment\n        label: \"Investitionsvolumen\"\n"
           "      - figure: startups\n")
    problems = _load_with(tmp_path, old, new)
    assert len(problems) == 1
    assert problems[0].endswith("partnerships.biowin-medvia.highlights[0]: figure 'investment' "
                                "is also row 2 of the table 'Kennzahlen': display it once")


def test_a_year_is_not_a_key_figure(tmp_path: Path) -> None:
    old = "      Rolle in der globalen Lieferkette:\n"
    new = old + ("    highlights:\n      - figure: acquired\n"
                 "        label: \"Übernahme von Novaseps Virustherapie-Sparte\"\n")
    problems = _load_with(tmp_path, old, new)
    assert len(problems) == 1
    assert "partnerships.thermo-fisher-novasep.highlights[0]: a year is not a key figure " \
           "(acquired)" in problems[0]
