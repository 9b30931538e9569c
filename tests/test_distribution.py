"""The download page in a real headless browser, and the release bundle."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from docgen.distribute import bundle
from docgen.project import Project

from .conftest import ROOT, copy_project

pytestmark = pytest.mark.slow
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("Chromium is not installed: scripts/setup --test installs it")
    return found


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.langs: list[str] = []
        self.hreflangs: list[str] = []
        self.imgs_without_alt = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for name in ("href", "src"):
            if a.get(name):
                self.urls.append(a[name] or "")
        if tag == "section" and a.get("lang"):
            self.langs.append(a["lang"] or "")
        if tag == "a" and a.get("hreflang"):
            self.hreflangs.append(a["hreflang"] or "")
        if tag == "img" and not a.get("alt"):
            self.imgs_without_alt += 1


def page_requests(netlog: Path) -> list[str]:
    """Network requests the page started (Chromium's own background ones have no origin)."""
    log = json.loads(netlog.read_text(errors="replace"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [e["params"]["url"] for e in log["events"] if e["type"] == start
            and "url" in e.get("params", {}) and e["params"].get("initiator") != "not an origin"]


def test_the_request_check_sees_a_page_request(tmp_path: Path) -> None:
    browser = chromium()
    page = tmp_path / "leaky.html"
    page.write_text('<html lang="en"><body><img src="http://127.0.0.1:9/x.png" alt="x">'
                    "</body></html>")
    netlog = tmp_path / "netlog.json"
    subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'p'}",
                    f"--log-net-log={netlog}", "--dump-dom", page.as_uri()], check=True,
                   timeout=120, capture_output=True)
    assert page_requests(netlog) == ["http://127.0.0.1:9/x.png"]


def test_page_in_headless_chromium(built: Path, tmp_path: Path) -> None:
    browser = chromium()
    from docgen.distribute import write_page
    page = write_page(Project(built))
    profile = tmp_path / "profile"
    netlog = tmp_path / "netlog.json"
    shots = ROOT / "output" / "test-screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        shot = shots / f"index-{width}.png"
        subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                        f"--log-net-log={netlog}", f"--window-size={width},2400",
                        f"--screenshot={shot}", page.as_uri()], check=True, timeout=120,
                       capture_output=True)
        from PIL import Image
        image = Image.open(shot).convert("RGB")
        assert image.size == (width, 2400)
        assert len(image.getcolors(1 << 20) or []) > 50      # a rendered page, not blank
        print(f"screenshot: {shot}")
        assert page_requests(netlog) == []      # the page fetched nothing over the network
    dom = subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                          "--dump-dom", page.as_uri()], check=True, timeout=120,
                         capture_output=True, text=True).stdout
    links = Links()
    links.feed(dom)
    assert links.langs == ["de", "fr", "nl", "en"]
    assert sorted(set(links.hreflangs)) == ["de", "en", "fr", "nl"]
    assert links.imgs_without_alt == 0
    files = [u for u in links.urls if not u.startswith("#")]
    assert len(files) >= 12 + 8             # 12 documents, 8 cover thumbnails
    for url in files:
        assert "://" not in url and not url.startswith("/"), url
        assert (built / "output" / url).is_file(), url
    manifest = json.loads((built / "output" / "manifest.json").read_text())
    for d in manifest["documents"]:
        assert d["sha256"] in dom and d["path"] in files
    pages = {d["language"]: d["pages"] for d in manifest["documents"] if d["format"] == "pdf"}
    for lang, word in (("de", "Seiten"), ("fr", "pages"), ("nl", "pagina’s"), ("en", "pages")):
        assert f"{pages[lang]} {word}" in dom
    assert re.search(r"\d+\u202fko", dom)                    # Babel's French size


def test_bundle_verifies_and_is_reproducible(built: Path, tmp_path: Path) -> None:
    first = bundle(Project(built))
    data = first.read_bytes()
    again = bundle(Project(built))
    assert again.read_bytes() == data
    other = copy_project(tmp_path / "other")
    from docgen.build import Options, build
    build(Project(other), Options(jobs=1))
    assert bundle(Project(other)).read_bytes() == data
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(first) as archive:
        archive.extractall(unpacked)
        names = archive.namelist()
    assert "SHA256SUMS" in names and "index.html" in names and "manifest.json" in names
    assert sum(n.endswith((".pdf", ".docx")) for n in names) == 12
    assert "fr/brochure-fr-print.pdf" in names
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=unpacked,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    listed = {line.split("  ", 1)[1] for line in
              (unpacked / "SHA256SUMS").read_text().splitlines()}
    assert listed == set(names) - {"SHA256SUMS"}
