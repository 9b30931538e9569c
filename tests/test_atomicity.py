"""A failed write never replaces a file: a fault is injected at each step of the atomic write
and of publishing (writer, check, rename); the old file stays as it was and no temporary
file is left behind. Deterministic: no process is killed, nothing waits."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from docgen.build import publish
from docgen.errors import DocgenError
from docgen.files import write_atomic

OLD = b"%PDF-1.7 the old, good document"
PDF = (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\nxref\n0 1\n0000000000 65535 f \n"
       b"trailer\n<<>>\nstartxref\n29\n%%EOF\n")   # xref at byte 29


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "out" / "brochure-fr.pdf"
    path.parent.mkdir()
    path.write_bytes(OLD)
    return path


def left(target: Path) -> list[str]:
    """Everything in the target's folder but the target: temporary files a write left."""
    return sorted(p.name for p in target.parent.iterdir() if p != target)


def no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def renames(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[tuple[Path, Path]]:
    """Record each rename, and check at that moment that the old file is still whole."""
    real, seen = os.replace, []

    def replace(src: str | Path, dst: str | Path) -> None:
        assert Path(dst) == target and Path(dst).read_bytes() == OLD
        assert Path(src).parent == target.parent        # same folder: one rename
        seen.append((Path(src), Path(dst)))
        real(src, dst)
    monkeypatch.setattr(os, "replace", replace)
    return seen


def test_write_atomic_renames_a_whole_file_over_the_old_one(
        target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = renames(monkeypatch, target)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and len(seen) == 1
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert left(target) == []


@pytest.mark.parametrize("step", ["open", "write", "chmod", "rename"])
def test_write_atomic_keeps_the_old_file_when_a_step_fails(
        target: Path, monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    if step == "open":
        monkeypatch.setattr("tempfile.mkstemp", no_space)
    elif step == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, fd: int, mode: str) -> None:
                self.handle = real_fdopen(fd, mode)

            def __enter__(self) -> Full:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()

            def write(self, data: bytes) -> int:
                self.handle.write(data[:3])               # a part, then the disk is full
                raise OSError(errno.ENOSPC, "No space left on device")
        monkeypatch.setattr(os, "fdopen", Full)
    elif step == "chmod":
        monkeypatch.setattr(os, "chmod", no_space)
    else:
        monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(DocgenError) as raised:
        write_atomic(target, b"new and longer than three bytes")
    assert str(raised.value) == f"{target}: cannot write: No space left on device"
    assert target.read_bytes() == OLD
    assert left(target) == []


def test_publish_renames_a_checked_file_over_the_old_one(
        target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = renames(monkeypatch, target)
    assert publish.publish(target, lambda tmp: tmp.write_bytes(PDF) and 3) == 3
    assert target.read_bytes() == PDF and len(seen) == 1
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert left(target) == []


def test_publish_keeps_the_old_file_when_the_writer_fails(target: Path) -> None:
    def writer(tmp: Path) -> None:
        tmp.write_bytes(PDF[:20])
        raise OSError(errno.ENOSPC, "No space left on device")
    with pytest.raises(DocgenError, match="cannot write: No space left on device"):
        publish.publish(target, writer)
    assert target.read_bytes() == OLD and left(target) == []


def test_publish_keeps_the_old_file_when_the_new_one_is_cut_short(target: Path) -> None:
    with pytest.raises(DocgenError) as raised:
        publish.publish(target, lambda tmp: tmp.write_bytes(PDF[:-12]) and None)
    assert str(raised.value) == (f"{target}: new file failed its check (not a complete PDF "
                                 "(no trailer)); the previous file is kept")
    assert target.read_bytes() == OLD and left(target) == []


def test_publish_keeps_the_old_file_when_the_check_fails(
        target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def verify(path: Path, kind: str) -> None:
        raise ValueError(f"cannot read {path}")
    monkeypatch.setattr(publish, "verify", verify)
    with pytest.raises(DocgenError) as raised:
        publish.publish(target, lambda tmp: tmp.write_bytes(PDF) and None)
    assert str(raised.value) == (f"{target}: new file failed its check (cannot read "
                                 f"{target.name}); the previous file is kept")
    assert target.read_bytes() == OLD and left(target) == []


def test_publish_keeps_the_old_file_when_the_rename_fails(
        target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(DocgenError, match="cannot write: No space left on device"):
        publish.publish(target, lambda tmp: tmp.write_bytes(PDF) and None)
    assert target.read_bytes() == OLD and left(target) == []


def test_stage_keeps_the_old_file_until_commit_and_discard_cleans_up(target: Path) -> None:
    staged = publish.stage(target, lambda tmp: tmp.write_bytes(PDF) and 1)
    assert target.read_bytes() == OLD and left(target) == [staged.tmp.name]
    assert staged.tmp.name.startswith(".brochure-fr.pdf.") and staged.tmp.suffix == ".tmp"
    publish.discard([staged])
    assert target.read_bytes() == OLD and left(target) == []
    staged = publish.stage(target, lambda tmp: tmp.write_bytes(PDF) and 1)
    publish.commit([staged])
    assert target.read_bytes() == PDF and left(target) == [] and staged.pages == 1


def test_a_commit_that_fails_half_way_keeps_the_rest_and_names_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for path in (first, second):
        path.write_bytes(OLD)
    staged = [publish.stage(p, lambda tmp: tmp.write_bytes(PDF) and None)
              for p in (first, second)]
    real = os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        if Path(dst) == second:
            raise OSError(errno.EROFS, "Read-only file system")
        real(src, dst)
    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(DocgenError) as raised:
        publish.commit(staged)
    assert str(raised.value) == f"{second}: cannot write: Read-only file system"
    publish.discard(staged)
    assert first.read_bytes() == PDF and second.read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "b.pdf"]


def test_leftovers_of_an_interrupted_build_are_removed(tmp_path: Path) -> None:
    (tmp_path / "fr").mkdir()
    for name in (".manifest.json.x1.tmp", "fr/.brochure-fr.pdf.x2.tmp", "fr/keep.tmp"):
        (tmp_path / name).write_bytes(b"")
    removed = publish.remove_leftovers(tmp_path)
    assert sorted(p.name for p in removed) == [".brochure-fr.pdf.x2.tmp",
                                                ".manifest.json.x1.tmp"]
    assert [p.name for p in (tmp_path / "fr").iterdir()] == ["keep.tmp"]


def test_a_build_whose_rename_fails_keeps_the_old_document_and_a_true_manifest(
        project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole pipeline, in-process (one worker): the briefing's rename fails after the
    HTML edition was renamed; the briefing stays the old one, nothing temporary is left,
    and the manifest describes exactly the files on disk."""
    import hashlib
    import json

    from docgen.build.pipeline import Options, build
    from docgen.project import Project

    project = Project(project_dir)
    options = Options(langs=("fr",), formats=("html", "docx"), jobs=1)
    build(project, options)
    out = project_dir / "output"
    old_docx = (out / "fr" / "briefing-fr.docx").read_bytes()
    po = project_dir / "locales" / "fr" / "LC_MESSAGES" / "content.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Flandre"', 'msgstr "Flandres"'),
                  encoding="utf-8")
    real = os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        if str(dst).endswith(".docx"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(src, dst)
    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(DocgenError) as raised:
        build(project, options)
    assert str(raised.value) == f"{out / 'fr' / 'briefing-fr.docx'}: cannot write: No space " \
                                "left on device"
    assert (out / "fr" / "briefing-fr.docx").read_bytes() == old_docx
    assert "Flandres" in (out / "fr" / "brochure-fr.html").read_text(encoding="utf-8")
    assert [p.name for p in out.rglob("*.tmp")] == []
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]
    for entry in entries:
        data = (out / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest(), entry["path"]
