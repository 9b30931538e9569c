"""The one rasteriser (thumbnails and page previews): sizes, page ranges, pixels."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from docgen.proof.preview import pages
from docgen.release.thumbs import thumbnail
from docgen.render.raster import pages_to_png


@pytest.fixture
def three_pages(tmp_path: Path) -> Path:
    """Page 1: 144 x 72 pt, its left half black; pages 2 and 3: 288 x 144 pt, white."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(144, 72))
    pdf.pages[0].Contents = pdf.make_stream(b"0 0 0 rg 0 0 72 72 re f")
    pdf.add_blank_page(page_size=(288, 144))
    pdf.add_blank_page(page_size=(288, 144))
    path = tmp_path / "three.pdf"
    pdf.save(path)
    return path


def sizes(pngs: list[bytes]) -> list[tuple[int, int]]:
    return [Image.open(io.BytesIO(png)).size for png in pngs]


def test_every_page_at_a_resolution(three_pages: Path) -> None:
    raster = pages_to_png(three_pages, dpi=144)
    assert raster.pages == 3
    assert sizes(raster.pngs) == [(288, 144), (576, 288), (576, 288)]
    with Image.open(io.BytesIO(raster.pngs[0])) as first:
        assert first.mode == "RGB"
        assert first.getpixel((20, 70)) == (0, 0, 0)
        assert first.getpixel((250, 70)) == (255, 255, 255)


def test_a_range_of_pages_at_a_width_keeps_the_page_count(three_pages: Path) -> None:
    first = pages_to_png(three_pages, width=208, last=1)
    assert first.pages == 3 and sizes(first.pngs) == [(208, 104)]
    assert sizes(pages_to_png(three_pages, dpi=72, first=2).pngs) == [(288, 144), (288, 144)]
    assert pages_to_png(three_pages, dpi=72, first=3, last=9).pngs == \
        pages_to_png(three_pages, dpi=72).pngs[2:]


def test_optimize_writes_the_same_pixels_in_fewer_bytes(three_pages: Path) -> None:
    plain = pages_to_png(three_pages, dpi=72, last=1).pngs[0]
    small = pages_to_png(three_pages, dpi=72, last=1, optimize=True).pngs[0]
    assert len(small) < len(plain)
    with Image.open(io.BytesIO(plain)) as a, Image.open(io.BytesIO(small)) as b:
        assert a.tobytes() == b.tobytes()


def test_dpi_or_width_not_both(three_pages: Path) -> None:
    with pytest.raises(ValueError, match="give dpi or width, not both"):
        pages_to_png(three_pages, dpi=72, width=100)
    with pytest.raises(ValueError, match="give dpi or width, not both"):
        pages_to_png(three_pages)


def test_thumbnail_and_previews_use_it(three_pages: Path, tmp_path: Path) -> None:
    target = tmp_path / "thumbs" / "three.pdf.png"
    assert thumbnail(three_pages, target, "0" * 64) == 3
    assert target.read_bytes() == pages_to_png(three_pages, width=208, last=1,
                                               optimize=True).pngs[0]
    folder = tmp_path / "preview"
    (folder / "page-07.png").parent.mkdir()
    (folder / "page-07.png").write_bytes(b"stale")
    written = pages(three_pages, folder, dpi=36)
    assert [p.name for p in written] == ["page-01.png", "page-02.png", "page-03.png"]
    assert sorted(p.name for p in folder.iterdir()) == [p.name for p in written]
    assert [p.read_bytes() for p in written] == pages_to_png(three_pages, dpi=36).pngs
