"""Reproducible font subsets: HarfBuzz when the machine has it, else fontTools, which dates
each subset by SOURCE_DATE_EPOCH (the edition's time unless the caller set one)."""

from __future__ import annotations

import ctypes.util
import datetime as dt
import io
import os

import pytest
from fontTools import subset
from fontTools.ttLib import TTFont

from docgen.render.fonts import harfbuzz_subset_available
from docgen.render.pdf import source_date_epoch

from .conftest import ROOT

EDITION = dt.datetime(2025, 11, 24, 16, 0)          # 1764000000 seconds after 1970-01-01 UTC


def test_the_edition_dates_the_subsets_and_leaves_no_trace(monkeypatch:
                                                           pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with source_date_epoch(EDITION):
        assert os.environ["SOURCE_DATE_EPOCH"] == "1764000000"
        font = TTFont(ROOT / "templates" / "fonts" / "Inter-Regular.otf")
        subsetter = subset.Subsetter()
        subsetter.populate(text="Wallonie")
        subsetter.subset(font)
        saved = io.BytesIO()
        font.save(saved)
    assert "SOURCE_DATE_EPOCH" not in os.environ
    # The font's clock counts from 1904: 1764000000 + 2082844800.
    assert TTFont(io.BytesIO(saved.getvalue()))["head"].modified == 3846844800


def test_a_date_the_caller_set_wins_and_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    with source_date_epoch(EDITION):
        assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"
    assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"


def test_the_date_goes_when_the_rendering_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with pytest.raises(RuntimeError), source_date_epoch(EDITION):
        raise RuntimeError("WeasyPrint failed")
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_the_harfbuzz_probe_asks_for_the_subset_library(monkeypatch:
                                                        pytest.MonkeyPatch) -> None:
    assert harfbuzz_subset_available()          # scripts/setup installs libharfbuzz-subset0
    asked: list[str] = []

    def missing(name: str) -> None:
        asked.append(name)

    monkeypatch.setattr(ctypes.util, "find_library", missing)
    assert not harfbuzz_subset_available()
    assert asked == ["harfbuzz-subset"]
