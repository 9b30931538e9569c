"""``docgen watch``: rebuild a language's draft preview on every save and serve it locally.

One process stays warm (WeasyPrint, fonts, Babel's data loaded once). A save anywhere under
``data/``, ``locales/`` or ``templates/`` queues a rebuild; saves that arrive together (an
editor writes a temporary file, then renames it) make one rebuild. The preview goes to
``output/preview/<lang>/brochure/``; a published document is never touched.
"""

from __future__ import annotations

import functools
import http.server
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import DocgenError
from ..i18n.languages import Language
from ..project import Project

WATCHED = ("data", "locales", "templates")
IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".part")

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>docgen preview: {lang}</title>
<style>
 body {{ margin: 0; background: #dee2e6; font: 15px system-ui, sans-serif; color: #17212b; }}
 header {{ padding: 10px 16px; background: #0b2a45; color: #fff; }}
 #problems {{ white-space: pre-wrap; background: #fde8e8; color: #8a1111; margin: 0;
              padding: 10px 16px; }}
 #problems:empty {{ display: none; }}
 main {{ display: flex; flex-wrap: wrap; gap: 16px; padding: 16px; }}
 img {{ max-width: 100%; background: #fff; box-shadow: 0 1px 4px #0004; }}
</style></head>
<body><header>docgen preview · {lang} · draft: untranslated texts are highlighted ·
<span id="state">…</span></header>
<pre id="problems"></pre><main id="pages"></main>
<script>
let shown = "";
async function poll() {{
  try {{
    const r = await fetch("brochure/state.json", {{cache: "no-store"}});
    const s = await r.json();
    if (s.version !== shown) {{
      shown = s.version;
      document.getElementById("state").textContent = "updated " + s.time;
      document.getElementById("problems").textContent = s.problems.join("\\n");
      const main = document.getElementById("pages");
      main.replaceChildren(...s.pages.map((p, i) => {{
        const img = new Image(); img.src = "brochure/" + p + "?v=" + s.version;
        img.alt = "page " + (i + 1); return img; }}));
    }}
  }} catch (e) {{}}
  setTimeout(poll, 500);
}}
poll();
</script></body></html>
"""


class Watcher:
    """Rebuilds one language's preview; ``rebuilt`` is set after each rebuild."""

    def __init__(self, project: Project, language: Language, dpi: int = 100,
                 report: Callable[[str], None] = lambda message: None) -> None:
        from .preview import folder
        self.project, self.language, self.dpi, self.report = project, language, dpi, report
        self.folder = folder(project, language.code)
        self.version = 0
        self.rebuilt = threading.Event()
        self.changes: queue.Queue[str] = queue.Queue()
        self._observer: Any = None

    def rebuild(self) -> list[str]:
        """Gate, render, rasterise; returns the problems shown on the page (none: success)."""
        import json

        from ..build.gate import WATCH, gate
        from ..build.lock import BuildLock
        from ..build.publish import publish
        from ..files import write_atomic
        from .preview import pages, render_brochure

        started = time.perf_counter()
        problems: list[str] = []
        try:
            verdict = gate(self.project, [self.language], WATCH)
            problems = [str(p) for p in verdict.errors]
            if problems:
                raise DocgenError(verdict.errors)
            self.folder.mkdir(parents=True, exist_ok=True)
            target = self.folder / f"brochure-{self.language.code}.pdf"
            with BuildLock(self.project.output):
                publish(target, lambda tmp: render_brochure(self.project, self.language, True,
                                                            tmp))
                images = pages(target, self.folder, self.dpi)
        except DocgenError as exc:
            problems = [str(p) for p in exc.problems]
            images = sorted(self.folder.glob("page-*.png"))
        self.version += 1
        state = {"version": self.version, "time": time.strftime("%H:%M:%S"),
                 "problems": problems, "pages": [p.name for p in images]}
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomic(self.folder / "state.json", json.dumps(state).encode("utf-8"))
        write_atomic(self.folder.parent / "index.html",
                     PAGE.format(lang=self.language.code).encode("utf-8"))
        for line in problems:
            self.report(line)
        self.report(f"preview {'NOT ' if problems else ''}updated in "
                    f"{time.perf_counter() - started:.1f} s")
        self.rebuilt.set()
        return problems

    def start(self) -> None:
        """Watch the inputs (a background thread of watchdog's)."""
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer

        changes = self.changes

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                path = str(getattr(event, "dest_path", "") or event.src_path)
                if event.is_directory or event.event_type in ("opened", "closed_no_write") \
                        or path.endswith(IGNORED_SUFFIXES) or Path(path).name.startswith(".#"):
                    return
                changes.put(path)

        self._observer = Observer()
        for name in WATCHED:
            self._observer.schedule(Handler(), str(self.project.root / name), recursive=True)
        self._observer.start()

    def stop(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join()

    def step(self, timeout: float | None = None) -> bool:
        """Wait for a change, let the burst settle (0.1 s), rebuild once. False: no change."""
        try:
            self.changes.get(timeout=timeout)
        except queue.Empty:
            return False
        while True:
            try:
                self.changes.get(timeout=0.1)
            except queue.Empty:
                break
        self.rebuild()
        return True

    def run_forever(self) -> None:
        self.start()
        try:
            while True:
                self.step()
        finally:
            self.stop()


def serve(folder: Path, port: int) -> http.server.ThreadingHTTPServer:
    """Serve ``folder`` on localhost only, in a background thread."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
