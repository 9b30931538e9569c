"""Publishing in detail (files.py, build/lock.py, build/publish.py, build/manifest.py): the
exact messages, names and formats a reader, a user or the next build relies on. Written to
kill the mutants scripts/mutate found alive; every expectation is spelled out."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from docgen.build import publish
from docgen.build.lock import BuildLock
from docgen.build.manifest import Entry, Manifest
from docgen.errors import DocgenError
from docgen.files import cannot_write, code_version, digest, write_atomic

from .test_atomicity import PDF


def test_cannot_write_names_the_target_not_the_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "fr" / "brochure-fr.pdf"
    temp = f"'{tmp_path}/fr/.brochure-fr.pdf.k2j4.tmp'"
    assert str(cannot_write(target, OSError(f"lost the disk under {temp}"))) == \
        f"{target}: cannot write: lost the disk under"
    assert str(cannot_write(target, OSError())) == f"{target}: cannot write: OSError"
    assert str(cannot_write(target, OSError(28, "No space left on device"))) == \
        f"{target}: cannot write: No space left on device"


def test_the_temporary_file_is_hidden_beside_its_target_and_ends_in_tmp(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names, real = [], os.replace

    def replace(src: str, dst: Path) -> None:
        names.append(Path(src).name)
        real(src, dst)
    monkeypatch.setattr(os, "replace", replace)
    write_atomic(tmp_path / "manifest.json", b"{}")
    publish.publish(tmp_path / "a" / "b" / "page.html",   # folders made on the way
                    lambda tmp: tmp.write_text("<!DOCTYPE html><p>x</p></html>") and None)
    assert [n.startswith(".manifest.json.") and n.endswith(".tmp") for n in names[:1]] == [True]
    assert names[1].startswith(".page.html.") and names[1].endswith(".tmp")


def test_digest_is_names_and_contents_in_order(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"alpha")
    content = hashlib.sha256(b"alpha").hexdigest().encode()
    want = hashlib.sha256(b"a.txt\0" + content + b"gone.txt\0<missing>" + b"v1\0").hexdigest()
    assert digest([tmp_path / "a.txt", tmp_path / "gone.txt"], tmp_path, "v1") == want
    version = code_version()
    assert len(version) == 16 and int(version, 16) >= 0


def test_the_lock_makes_its_folders_and_refuses_a_symbolic_link(tmp_path: Path) -> None:
    output = tmp_path / "deep" / "output"
    with BuildLock(output):
        assert (output / ".docgen.lock").is_file()
    link = tmp_path / "linked"
    link.mkdir()
    (link / ".docgen.lock").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(DocgenError) as raised, BuildLock(link):
        pass
    assert str(raised.value) == (f"{link / '.docgen.lock'}: is a symbolic link; a build lock "
                                 "must be a plain file: remove the link")


def test_a_held_lock_is_waited_for_then_refused_with_the_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    holder = subprocess.Popen(           # holds the lock until its stdin closes: no sleep
        [sys.executable, "-c", "import sys; from pathlib import Path; "
         "from docgen.build.lock import BuildLock\n"
         "with BuildLock(Path(sys.argv[1])):\n    print('held', flush=True); sys.stdin.read()",
         str(tmp_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        monkeypatch.setattr(BuildLock, "grace", 0.2)     # waits, polling, then gives up
        with pytest.raises(DocgenError) as raised, BuildLock(tmp_path):
            pass
        assert str(raised.value) == (f"{tmp_path}: another docgen build is running in this "
                                     "folder; wait for it to finish")
    finally:
        holder.communicate("")
    with BuildLock(tmp_path):                            # released with its process
        pass


def check_message(tmp_path: Path, name: str, data: bytes) -> str:
    target = tmp_path / name
    with pytest.raises(DocgenError) as raised:
        publish.publish(target, lambda tmp: tmp.write_bytes(data) and None)
    return str(raised.value).removeprefix(f"{target}: ")


def test_verify_says_what_is_missing(tmp_path: Path) -> None:
    kept = "; the previous file is kept"
    assert check_message(tmp_path, "e.html", b"<!DOCTYPE html><p>cut") == \
        f"new file failed its check (not a complete HTML page){kept}"
    assert check_message(tmp_path, "b.pdf", PDF.replace(b"startxref\n29", b"startxref\n30")) \
        == f"new file failed its check (not a complete PDF (cross-reference table missing)){kept}"


def test_the_trailer_must_be_in_the_last_1024_bytes(tmp_path: Path) -> None:
    """As PDF readers look for it: %%EOF and startxref within the file's last 1024 bytes."""
    tail = PDF[PDF.index(b"startxref"):]
    inside = PDF + b" " * (1024 - len(tail))           # startxref starts 1024 bytes from the end
    publish.publish(tmp_path / "in.pdf", lambda tmp: tmp.write_bytes(inside) and None)
    assert check_message(tmp_path, "out.pdf", inside + b" ") == \
        "new file failed its check (not a complete PDF (no trailer)); the previous file is kept"


def test_a_failing_writer_names_its_target(tmp_path: Path) -> None:
    def writer(tmp: Path) -> None:
        raise OSError(30, "Read-only file system")
    with pytest.raises(DocgenError) as raised:
        publish.publish(tmp_path / "x.docx", writer)
    assert str(raised.value) == f"{tmp_path / 'x.docx'}: cannot write: Read-only file system"


def test_manifest_reads_what_it_wrote_in_utf8(tmp_path: Path) -> None:
    entry = {"language": "fr", "format": "html", "path": "fr/brochure-fr.html", "size": 3,
             "pages": None, "sha256": "0" * 64, "inputs": "k", "input_files": {},
             "coverage": 0.99, "fallbacks": [["content", None, "Fachkräfte", "untranslated"]]}
    Manifest({"fr/html": Entry.from_json(entry)}).save(tmp_path, ["fr/html"])
    text = (tmp_path / "manifest.json").read_text(encoding="utf-8")
    assert text.startswith('{\n  "generator": "docgen",\n  "documents": [\n')
    assert '"Fachkräfte"' in text                        # UTF-8, not \u00e4
    assert Manifest.load(tmp_path).entries == {"fr/html": Entry.from_json(entry)}
    assert Manifest.load(tmp_path).entries["fr/html"].as_json() == entry
    assert json.loads(text)["documents"] == [entry]


def test_an_unchanged_input_skips_a_document_and_a_touched_one_rebuilds_it(
        project_dir: Path) -> None:
    from docgen.build.pipeline import Options, build
    from docgen.project import Project
    project = Project(project_dir)
    options = Options(langs=("fr",), formats=("html",), jobs=1)
    assert [r.skipped for r in build(project, options).results] == [False]
    assert [r.skipped for r in build(project, options).results] == [True]
    page = project.output_path("fr", "html")
    po = project_dir / "locales" / "fr" / "LC_MESSAGES" / "ui.po"
    os.utime(po, (page.stat().st_mtime + 10, page.stat().st_mtime + 10))   # saved again
    assert [r.skipped for r in build(project, options).results] == [False]


def test_the_manifest_keeps_what_the_page_adds_and_orders_strangers_last(
        tmp_path: Path) -> None:
    entry = {"language": "fr", "format": "html", "path": "fr/brochure-fr.html", "size": 3,
             "pages": None, "sha256": "0" * 64, "inputs": "k", "input_files": {},
             "coverage": 1.0, "fallbacks": []}
    other = dict(entry, language="xx", format="pdf", path="xx/brochure-xx.pdf")
    Manifest({"xx/pdf": Entry.from_json(other), "fr/html": Entry.from_json(entry)}).save(
        tmp_path, ["fr/html"])                              # xx/pdf is in no order: last
    data = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert [d["language"] for d in data["documents"]] == ["fr", "xx"]
    data["edition"] = {"date": "2026-11-29"}                # what the download page adds
    (tmp_path / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    assert Manifest.read(tmp_path).extra == {"edition": {"date": "2026-11-29"}}


def test_a_worker_closes_the_lock_it_inherited(tmp_path: Path) -> None:
    """In a forked worker the parent's lock file is closed (the lock stays the parent's)."""
    lock = BuildLock(tmp_path)
    lock.__enter__()
    fd = BuildLock.fds[tmp_path.resolve()]
    BuildLock.close_inherited()
    assert BuildLock.fds == {} and BuildLock.held == {}
    with pytest.raises(OSError):
        os.fstat(fd)                                        # closed: the flock is gone too
    with BuildLock(tmp_path):                               # so the folder can be locked again
        pass


def test_no_manifest_is_an_error_naming_where_it_should_be(tmp_path: Path) -> None:
    with pytest.raises(DocgenError) as caught:
        Manifest.read(tmp_path)
    assert str(caught.value) == f"{tmp_path}/manifest.json: no manifest: run 'docgen build' first"


def test_the_manifest_records_a_document_as_built(tmp_path: Path) -> None:
    import datetime as dt

    from docgen.build.plan import Job
    from docgen.project import Project
    source = tmp_path / "data" / "partnerships.yaml"
    source.parent.mkdir()
    source.write_bytes(b"x")
    pdf = tmp_path / "output" / "fr" / "brochure-fr.pdf"
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(b"%PDF-1.7 abc")
    job = Job(lang="fr", fmt="pdf", key="k1", edition=dt.datetime(2026, 1, 1),
              inputs=(source,))
    manifest = Manifest({})
    manifest.record(Project(tmp_path), job, 12, 0.5, [])
    assert manifest.entries["fr/pdf"].as_json() == {
        "language": "fr", "format": "pdf", "path": "fr/brochure-fr.pdf", "size": 12,
        "pages": 12, "sha256": hashlib.sha256(b"%PDF-1.7 abc").hexdigest(), "inputs": "k1",
        "input_files": {"data/partnerships.yaml": hashlib.sha256(b"x").hexdigest()},
        "coverage": 0.5, "fallbacks": []}
