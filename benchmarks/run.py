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
  watch     a saved French catalog edit → updated preview pages (docgen watch, warm process)
  layout    WeasyPrint's warm layout time per page of each brochure (HTML(...).render(),
            after one render that loads fonts and caches; target <= 80 ms a page)

    .venv/bin/python benchmarks/run.py watch        # only the save -> preview latency
    .venv/bin/python benchmarks/run.py --layout     # only the layout figures
    .venv/bin/python benchmarks/run.py noop         # only the no-op build (wall and CPU)
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from layout import layout, print_layout  # benchmarks/layout.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
DOCGEN = [sys.executable, "-m", "docgen"]
# Measured as users run it: Python caches compiled modules (some sandboxes switch that off
# with PYTHONDONTWRITEBYTECODE, which makes every start recompile docgen).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["SOURCE_DATE_EPOCH"] = "1795000000"
CORES = os.cpu_count() or 1


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


SCREEN = ["--format", "pdf", "--format", "docx"]     # the formats the floor renders


def timed(command: list[str], cwd: Path, repeat: int = 1) -> float:
    best = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        best.append(time.perf_counter() - start)
    return statistics.median(best)


def noop(project: Path, repeat: int = 11) -> tuple[float, float]:
    """Median wall and CPU (user + system) seconds of `docgen build` with nothing to do; a
    busy machine inflates the CPU time much less than the wall time."""
    timed(DOCGEN + ["build"], project)
    walls, cpus = [], []
    for _ in range(repeat):
        was = resource.getrusage(resource.RUSAGE_CHILDREN)
        walls.append(timed(DOCGEN + ["build"], project))
        now = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(now.ru_utime + now.ru_stime - was.ru_utime - was.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


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
    from docgen.i18n.languages import load_languages
    from docgen.localise.content import content, load_catalogs
    from docgen.render import html
    from docgen.source.read import load

    doc = load(project / "data" / "partnerships.yaml")
    languages = load_languages(project / "locales")
    pages, docs = [], []
    scratch = Path(tempfile.mkdtemp())
    for lang in langs:
        language = languages[lang]
        cats = load_catalogs(project / "locales", language)
        import datetime as dt
        local = content(doc, language, cats, dt.date(2026, 11, 28))
        pages.append((html.render(local, project / "templates"),
                      (project / "templates").as_uri() + "/", str(scratch / f"{lang}.pdf")))
        docs.append((str(project / "output" / lang / f"briefing-{lang}.docx"),
                     str(scratch / f"{lang}.docx")))
    with ProcessPoolExecutor(CORES) as pool:   # warm the workers like docgen's pool is not
        start = time.perf_counter()
        list(pool.map(_floor_pdf, pages))
        list(pool.map(_floor_docx, docs))
        return time.perf_counter() - start


def save_to_preview(project: Path, runs: int = 5) -> float:
    """Median seconds from saving a catalog to the watcher's updated page images."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["SOURCE_DATE_EPOCH"] = ENV["SOURCE_DATE_EPOCH"]
    from docgen.project import Project
    from docgen.proof.watch import Watcher

    docgen_project = Project(project)
    watcher = Watcher(docgen_project, docgen_project.languages["fr"], dpi=100)
    watcher.rebuild()                                  # warm: WeasyPrint, fonts, Babel
    po = project / "locales" / "fr" / "LC_MESSAGES" / "content.po"
    watcher.start()
    seconds = []
    try:
        for i in range(runs):
            text = po.read_text(encoding="utf-8")
            start = time.perf_counter()
            po.write_text(text.replace('msgstr "Objectifs', f'msgstr "Objectifs{i}', 1),
                          encoding="utf-8")
            if not watcher.step(timeout=30):
                raise SystemExit("the watcher did not see the save")
            seconds.append(time.perf_counter() - start)
    finally:
        watcher.stop()
    return statistics.median(seconds)


def main() -> None:
    if "--layout" in sys.argv[1:]:
        print_layout()
        return
    work = Path(tempfile.mkdtemp(prefix="docgen-bench-"))
    if sys.argv[1:] == ["noop"]:
        wall, cpu = noop(copy(work / "noop"))
        print(f"  {'no-op build':<30}{wall:>8.2f} s   CPU {cpu:.2f} s; target <= 0.15 s")
        shutil.rmtree(work, ignore_errors=True)
        return
    if sys.argv[1:] == ["watch"]:
        latency = save_to_preview(copy(work / "watch"))
        print(f"  {'save -> preview (fr, watch)':<30}{latency:>8.2f} s   target <= 1.5 s")
        shutil.rmtree(work, ignore_errors=True)
        return
    rows: list[tuple[str, float, str]] = []
    project = copy(work / "main")
    colds, floors = [], []
    for _ in range(3):          # interleaved, so drift of the machine hits both alike
        colds.append(timed(DOCGEN + ["build", "--force"] + SCREEN, project))
        floors.append(floor(project, ["de", "fr", "nl", "en"]))
    cold, full_floor = statistics.median(colds), statistics.median(floors)
    rows += [("cold build, 8 files", cold, f"{cold / full_floor:.2f} x floor"),
             ("floor, 8 files", full_floor, "WeasyPrint + python-docx alone")]
    prints = timed(DOCGEN + ["build", "--force", "--format", "print"], project)
    rows.append(("print edition, 4 files", prints, "PDF/X-4 (not in the floor)"))
    wall, cpu = noop(project)                   # the HTML editions too, then nothing to do
    rows.append(("no-op build", wall, f"CPU {cpu:.2f} s; target <= 0.15 s"))
    po = project / "locales" / "fr" / "LC_MESSAGES" / "content.po"
    edits, fr_floors = [], []
    for i in range(3):
        po.write_text(po.read_text(encoding="utf-8").replace(
            'msgstr "Objectifs', f'msgstr "Objectifs{i}', 1), encoding="utf-8")
        edits.append(timed(DOCGEN + ["build"] + SCREEN, project))
        fr_floors.append(floor(project, ["fr"]))
    edit, fr_floor = statistics.median(edits), statistics.median(fr_floors)
    rows += [("rebuild after a fr edit", edit, f"{edit / fr_floor:.2f} x fr floor"),
             ("fr floor", fr_floor, "")]
    rows.append(("docgen --help", timed(DOCGEN + ["--help"], project, repeat=5),
                 "target <= 0.2 s"))
    base = None
    for scale in (1, 4, 11):    # 99 partnerships: the map numbers its markers with two digits
        scaled = copy(work / f"x{scale}", scale)
        seconds = timed(DOCGEN + ["build", "--lang", "de"] + SCREEN, scaled)
        base = base or seconds
        rows.append((f"source x{scale} (de, pdf+docx)", seconds,
                     f"{seconds / base:.2f} x the x1 build"))
    latency = save_to_preview(copy(work / "watch"))
    rows.append(("save -> preview (fr, watch)", latency, "target <= 1.5 s"))
    print(f"docgen benchmark on {CORES} core(s), Python {sys.version.split()[0]}")
    for name, seconds, note in rows:
        print(f"  {name:<30}{seconds:>8.2f} s   {note}")
    shutil.rmtree(work, ignore_errors=True)
    for lang, pages, wall, cpu in layout():
        print(f"  layout {lang}, {pages} pages{'':<14}{wall * 1000:>8.0f} ms a page   "
              f"warm WeasyPrint render() (CPU {cpu * 1000:.0f} ms); target <= 80 ms")


if __name__ == "__main__":
    main()
