"""The tree tells the pipeline: each stage is a folder, imports only go down, modules stay small.

The stages, lowest first. A module may import from its own stage or a lower one, never from a
higher one (a lazy import inside a function counts too): the renderer never reaches into the
build, the source never into the catalogs.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "src" / "docgen"
STAGES = [
    ("errors", "files", "zips"),        # what every stage shares
    ("source",),                        # YAML → typed model
    ("i18n",),                          # languages, catalogs, the translators' tools
    ("project",),                       # where a project's inputs are, its languages
    ("localise",),                      # model + catalogs + Babel → finished content
    ("render",),                        # finished content → HTML, PDF, DOCX, SVG
    ("build",),                         # gate, plan, jobs, lock, atomic publish, manifest
    ("proof",),                         # the translators' preview, the review document
    ("release",),                       # download page, bundle, the release gate
    ("cli", "__main__", "__init__"),    # the command line
]
MAX_LINES = 250


def _stage(module: str) -> int:
    head = module.split(".")[1] if "." in module else "__init__"
    for rank, names in enumerate(STAGES):
        if head in names:
            return rank
    raise AssertionError(f"docgen.{head} belongs to no stage of tests/test_layout.py")


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name if name != "docgen" else "docgen.__init__"] = path
    return found


def _imports(name: str, path: Path) -> set[str]:
    """The docgen modules ``name`` imports, at the top or inside a function."""
    package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
    if name == "docgen.__init__":
        package = ["docgen"]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.split(".")[0] != "docgen":
                continue
            for alias in node.names:     # ``from . import html``: a module, not a name
                child = f"{module}.{alias.name}"
                out.add(child if child in MODULES else module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.split(".")[0] == "docgen"}
    out.discard("docgen")
    return out


MODULES = _modules()


def test_every_import_goes_down_the_pipeline() -> None:
    upward = []
    for name, path in MODULES.items():
        for target in _imports(name, path):
            if _stage(target) > _stage(name):
                upward.append(f"{name} imports {target}")
    assert upward == []


def test_no_import_circle() -> None:
    graph = {name: _imports(name, path) & set(MODULES) for name, path in MODULES.items()}
    circles = []

    def visit(node: str, trail: list[str]) -> None:
        for nxt in sorted(graph[node]):
            if nxt in trail:
                circles.append(" → ".join(trail[trail.index(nxt):] + [nxt]))
            elif nxt not in seen:
                seen.add(nxt)
                visit(nxt, trail + [nxt])

    seen: set[str] = set()
    for start in sorted(graph):
        if start not in seen:
            seen.add(start)
            visit(start, [start])
    assert circles == []


def test_modules_stay_small() -> None:
    long = {name: n for name, path in MODULES.items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_readme_layout_names_every_module() -> None:
    """The README's layout section lists each module where it is."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout of the repository", 1)[1].split("\n## ", 1)[0]
    folders = set(re.findall(r"^\s*([a-z0-9_]+)/", layout, re.M))
    missing = []
    for path in MODULES.values():
        rel = path.relative_to(PACKAGE)
        if rel.name in ("__init__.py", "__main__.py"):
            continue
        if len(rel.parts) > 1 and rel.parts[0] not in folders:
            missing.append(f"{rel.parts[0]}/ (folder)")
        if not re.search(rf"(?<![\w.]){re.escape(rel.stem)}\.py\b", layout):
            missing.append(str(rel))
    stale = [f for f in re.findall(r"\b([a-z_]+\.py)\b", layout)
             if not any(p.name == f for p in PACKAGE.rglob(f))
             and not (ROOT / "benchmarks" / f).exists() and not (ROOT / "tests" / f).exists()
             and not (ROOT / "scripts" / f).exists()]
    assert (sorted(set(missing)), stale) == ([], [])
