"""Shared fixtures: a private copy of the project, and one full build shared by the slow tests."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Builds in tests are dated by SOURCE_DATE_EPOCH, never by the clock or a checkout's history.
EPOCH = "1795000000"


# What a test session may leave in the checkout: virtualenvs, npm's packages, caches of
# Python, pytest, ruff and mypy, and mutmut's copy. Anything else is a test writing outside
# its temporary folder.
SCRATCH = re.compile(r"(^|/)(\.venv[^/]*|node_modules|__pycache__|\.pytest_cache|\.mypy_cache"
                     r"|\.ruff_cache|[^/]*\.egg-info|mutants|\.hypothesis)(/|$)")


def checkout_state() -> set[str] | None:
    """The checkout's changed and untracked files, and every file under output/ (ignored by
    git, so listed with its size and time); None outside the top of a git checkout."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                                cwd=ROOT, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if status.returncode != 0 or Path(top.stdout.strip() or "/nowhere") != ROOT:
        return None                 # not a checkout (or a copy inside one, as mutmut makes)
    state = {line for line in status.stdout.splitlines() if not SCRATCH.search(line[3:])}
    output = ROOT / "output"
    if output.is_dir():
        state |= {f"{p.relative_to(ROOT)} {p.stat().st_size} {p.stat().st_mtime_ns}"
                  for p in output.rglob("*") if p.is_file()}
    return state


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[CHECKOUT] = checkout_state()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the session if a test wrote into the checkout instead of a temporary folder."""
    before = session.config.stash.get(CHECKOUT, None)
    after = checkout_state() if before is not None else None
    if before is None or after is None or before == after:
        return
    changed = sorted(before ^ after)
    session.config.get_terminal_writer().line(
        "\ntests wrote into the checkout (write under tmp_path instead):\n  "
        + "\n  ".join(changed[:20]), red=True)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


CHECKOUT = pytest.StashKey[set[str] | None]()


@pytest.fixture(autouse=True)
def _edition(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def copy_project(target: Path) -> Path:
    for name in ("data", "locales", "templates"):
        shutil.copytree(ROOT / name, target / name)
    return target


# An imprint as a release has it (test values): the real one is empty until someone who
# knows fills it in, and --strict fails on each empty field.
IMPRINT_FILLED = {
    'name: ""': 'name: "Marie Dupont"',
    "address: []": 'address: ["Rue de l’Exemple 1", "5000 Namur"]',
    'contact: ""': 'contact: "info@example.be"',
    'website: ""': 'website: "https://www.example.be/brochures"',
    'copyright: ""': 'copyright: "Example Media"',
    'licence: ""': 'licence: "CC BY 4.0"',
}


def fill_imprint(project: Path, only: tuple[str, ...] = tuple(IMPRINT_FILLED)) -> Path:
    """Fill the imprint of a project copy (all fields, or ``only`` those); returns the source."""
    source = project / "data" / "partnerships.yaml"
    text = source.read_text(encoding="utf-8")
    for old in only:
        assert old in text
        text = text.replace(old, IMPRINT_FILLED[old], 1)
    source.write_text(text, encoding="utf-8")
    return source


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    """A writable copy of data/, locales/ and templates/ (tests may break it)."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """All eight documents, built once for the session."""
    from docgen.build.pipeline import Options, build
    from docgen.project import Project

    root = copy_project(tmp_path_factory.mktemp("built"))
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        build(Project(root), Options())
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    return root


def flat(text: str) -> str:
    """Text as a reader sees it: one kind of space, one hyphen (the brochure keeps names
    such as ATMP-PIT on one line with U+2011), no line-end hyphenation or breaks."""
    text = re.sub(r"[\u00a0\u202f\u2009]", " ", text).replace("\u2011", "-")
    text = re.sub(r"(\w)[-\u2010]\n(\w)", r"\1\2", text)   # WeasyPrint hyphenates with U+2010
    return re.sub(r"\s+", " ", text)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def plant(root: Path, relative: Path, old: str, new: str) -> int:
    """Replace a unique text in a project copy; the line it is on (counted here, not by
    docgen, so a test can expect ``file:line`` literally)."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1
