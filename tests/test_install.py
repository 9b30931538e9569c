"""What the quick start installs is what the README's commands need.

``scripts/setup`` (without ``--test``) installs the runtime dependencies of pyproject.toml and
the Debian packages of its runtime list. The commands of the README then run in a copy of
the project, in a Python that cannot import anything else (a test tool such as pytest or
selenium raises ModuleNotFoundError there, as it would after the plain install).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from .conftest import ROOT, copy_project, fill_imprint
from .test_release import git

README = (ROOT / "README.md").read_text(encoding="utf-8")
# Each command the README documents, as written there (the test checks it is still there).
COMMANDS = [
    "docgen build",
    "docgen build --lang fr --format pdf",
    "docgen build --draft",
    "docgen build --strict",
    "docgen preview --lang de",
    "docgen check",
    "docgen page",
    "docgen bundle",
    "docgen i18n extract",
    "docgen i18n update",
    "docgen i18n status --fail-under 100",
    "docgen i18n check --strict",
    "docgen release",
]
BLOCKER = '''
import importlib.abc, sys
ALLOWED = {allowed!r}
BLOCKED = {blocked!r}
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {{name!r}} (not a runtime dependency)")
        return None
sys.meta_path.insert(0, Block())
'''


def _name(requirement: str) -> tuple[str, set[str], str]:
    found = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(?:\[([^\]]*)\])?([^;]*)(?:;(.*))?", requirement)
    assert found, requirement
    extras = {e.strip() for e in (found.group(2) or "").split(",") if e.strip()}
    return found.group(1).lower().replace("_", "-"), extras, found.group(4) or ""


def runtime_closure() -> set[str]:
    """The runtime dependencies of pyproject.toml and everything they require."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    todo = [_name(r)[:2] for r in project["dependencies"]]
    seen: set[str] = set()
    visited: set[tuple[str, frozenset[str]]] = set()     # fonttools, and fonttools[woff]
    while todo:
        name, extras = todo.pop()
        if (name, frozenset(extras)) in visited:
            continue
        visited.add((name, frozenset(extras)))
        seen.add(name)
        try:
            requirements = metadata.requires(name) or []
        except metadata.PackageNotFoundError:      # a dependency for another platform
            continue
        for requirement in requirements:
            dep, dep_extras, marker = _name(requirement)
            wanted = re.search(r"extra\s*==\s*['\"]([^'\"]+)", marker)
            if wanted and wanted.group(1) not in extras:
                continue
            todo.append((dep, dep_extras))
    return seen


def blocked_modules() -> set[str]:
    allowed = runtime_closure()
    out = set()
    for module, dists in metadata.packages_distributions().items():
        names = {d.lower().replace("_", "-") for d in dists}
        if module != "docgen" and not names & allowed:
            out.add(module)
    return out


def test_runtime_dependencies_are_what_src_uses() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {_name(r)[0] for r in project["dependencies"]}
    assert {"pypdfium2", "pillow"} <= runtime              # preview and page need them
    assert "pypdf" not in runtime                          # src/ never imports it
    used = subprocess.run(["grep", "-rlE", r"^\s*(import|from) pypdf\b", "src"], cwd=ROOT,
                          capture_output=True, text=True).stdout
    assert used == ""
    test = {_name(r)[0] for r in project["optional-dependencies"]["test"]}
    assert not test & runtime and {"pytest", "selenium", "pypdf"} <= test


def setup_lists() -> dict[str, list[str]]:
    text = re.sub(r"\s#[^\n]*", "", (ROOT / "scripts" / "setup").read_text())  # comments
    lists = {}
    for name in ("runtime", "testing"):
        body = re.search(rf"^{name}=\((.*?)\)", text, flags=re.S | re.M)
        assert body, name
        lists[name] = body.group(1).split()
    return lists


def test_setup_installs_what_the_commands_call() -> None:
    lists = setup_lists()
    runtime, testing = set(lists["runtime"]), set(lists["testing"])
    assert {"libreoffice-writer-nogui", "fonts-crosextra-carlito", "libenchant-2-2",
            "hunspell-fr", "hunspell-nl", "hunspell-de-de", "hunspell-en-gb",
            "libharfbuzz-subset0", "git"} <= runtime
    assert {"poppler-utils", "qpdf", "chromium", "chromium-driver", "nodejs"} <= testing
    assert not runtime & testing
    assert subprocess.run(["bash", "-n", str(ROOT / "scripts" / "setup")]).returncode == 0
    assert "npm ci" in (ROOT / "scripts" / "setup").read_text()


def test_the_blocker_refuses_test_tools(tmp_path: Path) -> None:
    env = _plain_env(tmp_path)
    for module, works in (("pytest", False), ("selenium", False), ("pypdf", False),
                          ("pypdfium2", True), ("PIL", True), ("weasyprint", True)):
        out = subprocess.run([sys.executable, "-c", f"import {module}"], env=env,
                             capture_output=True, text=True)
        assert (out.returncode == 0) == works, (module, out.stderr)


def _plain_env(tmp_path: Path) -> dict[str, str]:
    site = tmp_path / "plain-install"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(BLOCKER.format(
        allowed=sorted(runtime_closure()), blocked=sorted(blocked_modules())))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT / "src")])
    return env


@pytest.mark.slow
def test_every_readme_command_runs_after_the_plain_install(tmp_path: Path) -> None:
    missing = [c for c in COMMANDS if c not in README]
    assert missing == [], "the README no longer documents these (update COMMANDS)"
    root = copy_project(tmp_path / "project")
    fill_imprint(root)                   # the README's first release step: fill in the imprint
    (root / ".gitignore").write_text("/output/\n")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "edition")
    env = _plain_env(tmp_path)
    for command in COMMANDS:
        out = subprocess.run([sys.executable, "-m", "docgen", *command.split()[1:]], cwd=root,
                             env=env, capture_output=True, text=True, timeout=900)
        assert out.returncode == 0, f"{command}:\n{out.stdout}\n{out.stderr}"
        assert "internal error" not in out.stderr, (command, out.stderr)
    assert git(root, "tag") == "edition-2026-11-18"
    assert (root / "output" / "preview" / "de" / "brochure" / "contact-sheet.png").is_file()
    assert list((root / "output" / "dist").glob("*.zip"))

    # The release manager's sequence, as the README writes it (without the final push).
    block = README[README.index("## Publishing a new edition"):]
    start = block.index("```sh\n") + 6
    script = block[start:block.index("\n```", start)]
    assert script.splitlines()[-1].startswith("git push origin --tags")
    script = "\n".join(script.splitlines()[:-1])
    script = script.replace(".venv/bin/docgen", f"{sys.executable} -m docgen")
    script = script.replace("/tmp/edition", str(tmp_path / "edition"))
    out = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=root, env=env,
                         capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stdout + out.stderr
    assert (tmp_path / "edition" / "index.html").is_file()
    assert (tmp_path / "edition" / "fr" / "brochure-fr.html").is_file()
