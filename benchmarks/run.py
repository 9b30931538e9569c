"""docgen benchmark: prints figures and ratios for this machine, in one run.

    .venv/bin/python benchmarks/run.py

Measures in a fresh copy of the project (medians of 3 to 5 runs; this machine is noisy):
  cold      a full build of all eight documents (docgen build, default jobs = cores)
  floor     the same work without docgen: WeasyPrint rendering the same HTML and
            python-docx saving the same documents, in as many processes
  no-op     `docgen build` when everything is up to date
  fr edit   a rebuild after editing one French catalog, against the French floor
  --help    `docgen --help`
  scale     a build of a synthetic source 1, 4 and 16 times as large (German, both formats)
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCGEN = [sys.executable, "-m", "docgen"]
# Measured as users run it: Python caches compiled modules (some sandboxes switch that off
# with PYTHONDONTWRITEBYTECODE, which makes every start recompile docgen).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["SOURCE_DATE_EPOCH"] = "1795000000"
CORES = os.cpu_count() or 1
# The floor is WeasyPrint and python-docx: the builds measured against it make those formats.
PDF_DOCX = ["--format", "pdf", "--format", "docx"]


def copy(target: Path, scale: int = 1) -> Path:
    for name in ("data", "locales", "templates"):
        shutil.copytree(ROOT / name, target / name)
    if scale > 1:
        source = target / "data" / "partnerships.yaml"
        text = source.read_text(encoding="utf-8")
        head, body = text.split("\npartnerships:\n", 1)
        copies = [body] + [re.sub(r"^  - id: (\S+)", rf"  - id: \1-copy{i}", body, flags=re.M)
                           for i in range(1, scale)]
        source.write_text(head + "\npartnerships:\n" + "\n".join(copies), encoding="utf-8")
    return target


def timed(command: list[str], cwd: Path, repeat: int = 1) -> float:
    best = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        best.append(time.perf_counter() - start)
    return statistics.median(best)


def _floor_pdf(args: tuple[str, str, str]) -> None:
    html, base, target = args
    from weasyprint import HTML
    HTML(string=html, base_url=base).write_pdf(target, pdf_variant="pdf/ua-1", pdf_tags=True)


def _floor_docx(args: tuple[str, str]) -> None:
    source, target = args
    import docx
    docx.Document(source).save(target)


def floor(project: Path, langs: list[str]) -> float:
    """WeasyPrint and python-docx alone, on the HTML and documents docgen made."""
    sys.path.insert(0, str(ROOT / "src"))
    from docgen.i18n import catalogs
    from docgen.i18n.languages import load_languages
    from docgen.localise import localise
    from docgen.render import html
    from docgen.source import load

    doc = load(project / "data" / "partnerships.yaml")
    languages = load_languages(project / "locales")
    pages, docs = [], []
    scratch = Path(tempfile.mkdtemp())
    for lang in langs:
        language = languages[lang]
        cats = catalogs.load_all(project / "locales", language)
        import datetime as dt
        local = localise(doc, language, cats, dt.date(2026, 11, 28))
        pages.append((html.render(local, project / "templates"),
                      (project / "templates").as_uri() + "/", str(scratch / f"{lang}.pdf")))
        docs.append((str(project / "output" / lang / f"briefing-{lang}.docx"),
                     str(scratch / f"{lang}.docx")))
    with ProcessPoolExecutor(CORES) as pool:   # warm the workers like docgen's pool is not
        start = time.perf_counter()
        list(pool.map(_floor_pdf, pages))
        list(pool.map(_floor_docx, docs))
        return time.perf_counter() - start


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="docgen-bench-"))
    rows: list[tuple[str, float, str]] = []
    project = copy(work / "main")
    colds, floors = [], []
    for _ in range(3):          # interleaved, so drift of the machine hits both alike
        colds.append(timed(DOCGEN + ["build", "--force", *PDF_DOCX], project))
        floors.append(floor(project, ["de", "fr", "nl", "en"]))
    cold, full_floor = statistics.median(colds), statistics.median(floors)
    rows += [("cold build, 8 files", cold, f"{cold / full_floor:.2f} x floor"),
             ("floor, 8 files", full_floor, "WeasyPrint + python-docx alone")]
    timed(DOCGEN + ["build"], project)          # the HTML editions too, then nothing to do
    noop = timed(DOCGEN + ["build"], project, repeat=5)
    rows.append(("no-op build", noop, "target <= 0.25 s"))
    po = project / "locales" / "fr" / "LC_MESSAGES" / "content.po"
    edits, fr_floors = [], []
    for i in range(3):
        po.write_text(po.read_text(encoding="utf-8").replace(
            'msgstr "Objectifs', f'msgstr "Objectifs{i}', 1), encoding="utf-8")
        edits.append(timed(DOCGEN + ["build", *PDF_DOCX], project))
        fr_floors.append(floor(project, ["fr"]))
    edit, fr_floor = statistics.median(edits), statistics.median(fr_floors)
    rows += [("rebuild after a fr edit", edit, f"{edit / fr_floor:.2f} x fr floor"),
             ("fr floor", fr_floor, "")]
    rows.append(("docgen --help", timed(DOCGEN + ["--help"], project, repeat=5),
                 "target <= 0.2 s"))
    base = None
    for scale in (1, 4, 16):
        scaled = copy(work / f"x{scale}", scale)
        seconds = timed(DOCGEN + ["build", "--lang", "de", *PDF_DOCX], scaled)
        base = base or seconds
        rows.append((f"source x{scale} (de, pdf+docx)", seconds,
                     f"{seconds / base:.2f} x the x1 build"))
    print(f"docgen benchmark on {CORES} core(s), Python {sys.version.split()[0]}")
    for name, seconds, note in rows:
        print(f"  {name:<30}{seconds:>8.2f} s   {note}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
