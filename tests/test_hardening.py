"""Hardening: warnings never fail a build, bounded work on any input, a sandbox by real path,
no orphans, validated configuration, all-or-nothing publish, every error with a place."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import cli
from docgen.errors import DocgenError
from docgen.source.read import load

from .conftest import EPOCH, ROOT, fill_imprint

HEADER = ('title: "T"\nsubtitle: "S"\nsource_note: "N"\nlead: "L {n}"\nconclusion: "C"\n'
          "figures:\n  n: {count: 1}\npartnerships: []\n")


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--root", str(root), *args])
    return result.exit_code, result.output


def source_problems(tmp_path: Path, text: str) -> str:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocgenError) as caught:
        load(path)
    return str(caught.value).replace(str(path), "s.yaml")


def snapshot(folder: Path) -> dict[str, bytes]:
    """What a build publishes (not the lock, not the gate's findings cache in .cache/)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".docgen.lock" and ".cache" not in p.parts}


# -- 0. a warning never fails a build ---------------------------------------------------------

FR_CONTENT = "locales/fr/LC_MESSAGES/content.po"
WARNINGS = {   # kind: (file, old, new, the start of the warning, written out)
    "apostrophe": (FR_CONTENT, 'msgstr "Objectifs"', 'msgstr "L\'objectif"',
                   "warning: typography: use the apostrophe ’ (U+2019) rather than '"),
    "space before colon": (FR_CONTENT, 'msgstr "Objectifs"', 'msgstr "Objectifs : tous"',
                           "warning: French typography: a no-break space (U+00A0) goes before a "
                           "colon"),
    "straight quote": (FR_CONTENT, 'msgstr "Objectifs"', 'msgstr "Objectifs \\"clés\\""',
                       "warning: French typography: quote with « » rather than \" or “ ”"),
    "length": ("locales/fr/LC_MESSAGES/ui.po", 'msgstr "Partenariats biotech en Wallonie"',
               'msgstr "Biotech"', "warning: suspicious length: 7 characters for a source of 32"),
    "guillemets": (FR_CONTENT, 'msgstr "Objectifs"', 'msgstr "«Objectifs»"',
                   "warning: French typography: « and » take a no-break space (U+00A0) "
                   "inside"),
    "german quotes": ("locales/de/LC_MESSAGES/ui.po", 'msgstr "Auf einen Blick"',
                      'msgstr "Auf einen \\"Blick\\""',
                      "warning: German typography: quote with „…“"),
    "missing entry": (FR_CONTENT, 'msgctxt "partnerships.biowin-medvia.lists[0].title"\n'
                      'msgid "Ziele"\nmsgstr "Objectifs"\n', "",
                      "warning: 1 text(s) of "),
}


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(WARNINGS))
def test_each_warning_passes_a_build_and_fails_strict(project_dir: Path, kind: str) -> None:
    fill_imprint(project_dir)           # only the planted warning: no empty imprint field
    name, old, new, expected = WARNINGS[kind]
    lang = name.split("/")[1]
    po = project_dir / name
    text = po.read_text(encoding="utf-8")
    assert old in text
    po.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, out = run(project_dir, "build", "--lang", lang, "--format", "docx")
    assert code == 0, out
    assert out.count(expected) == 1, out                  # printed once, labelled
    assert "error" not in out
    assert out.rstrip().endswith("1 built, 0 up to date; 1 warning(s)"), out
    assert (project_dir / f"output/{lang}/briefing-{lang}.docx").exists()
    code, out = run(project_dir, "i18n", "check", "--lang", lang)
    assert code == 0 and "catalogs OK (1 warning(s))" in out, out
    code, out = run(project_dir, "check")
    assert code == 0 and out.count(expected) == 1, out
    assert out.rstrip().endswith("all checks passed; 1 warning(s)"), out
    before = snapshot(project_dir / "output")
    code, out = run(project_dir, "build", "--lang", lang, "--format", "docx", "--strict")
    assert code == 1 and "(strict)" in out and expected.removeprefix("warning: ") in out, out
    assert snapshot(project_dir / "output") == before


@pytest.mark.slow
def test_preview_and_page_pass_with_a_warning(project_dir: Path) -> None:
    fill_imprint(project_dir)
    name, old, new, expected = WARNINGS["apostrophe"]
    po = project_dir / name
    po.write_text(po.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    code, out = run(project_dir, "preview", "--lang", "fr")
    assert code == 0 and out.count(expected) == 1, out
    assert (project_dir / "output/preview/fr/brochure/contact-sheet.png").exists()
    code, out = run(project_dir, "page")
    assert code == 0 and out.count(expected) == 1, out
    assert "16 built, 0 up to date; 1 warning(s)" in out, out  # preview publishes nothing


def test_what_a_cache_returns_cannot_be_changed_by_a_caller(tmp_path: Path) -> None:
    from docgen.i18n.catalogs import read_entries
    from docgen.render.fonts import coverage
    po = tmp_path / "x.po"
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\n', encoding="utf-8")
    entries, problems = read_entries(po)
    entries[1].msgstr.append("added")
    entries[1].flags.add("fuzzy")
    problems.append("added")                          # type: ignore[arg-type]
    again, problems_again = read_entries(po)
    assert again[1].msgstr == ["b"] and again[1].flags == set() and problems_again == []
    fonts = coverage(ROOT / "templates" / "fonts")
    with pytest.raises(TypeError):
        fonts["Inter-Regular.otf"] = frozenset()      # type: ignore[index]


# -- 1. bounded work ---------------------------------------------------------------------------

def alias_bomb() -> str:
    lines = ['lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    return "\n".join(lines) + "\n"


def limited(*args: str) -> subprocess.CompletedProcess[str]:
    """docgen in a process that may use 1 GiB of memory and 60 s."""
    def limit() -> None:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True,
                          text=True, timeout=60, preexec_fn=limit,
                          env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})


@pytest.mark.parametrize("case", ["alias bomb", "huge file", "deep nesting"])
def test_hostile_sources_stop_with_a_clear_error_in_bounded_memory(project_dir: Path,
                                                                   case: str) -> None:
    data = project_dir / "data" / "partnerships.yaml"
    text = data.read_text(encoding="utf-8")
    if case == "alias bomb":             # nine levels of aliases, used as a list of places
        bomb = "".join(f"  {line}\n" for line in alias_bomb().splitlines())
        text = text.replace("figures:\n", "bombs:\n" + bomb + "figures:\n", 1)
        text = text.replace("places: [Wallonien, Flandern]", "places: *i", 1)
        expected = "more than 100,000 YAML values (an alias counts as what it stands for)"
    elif case == "huge file":            # a 6 MB text value
        text = text.replace('subtitle: "Wie', 'subtitle: "' + "x" * 6_000_000 + " Wie", 1)
        expected = "more than the limit of 5,242,880 (5 MB)"
    else:
        text += "deep: " + "[" * 10_000 + "]" * 10_000 + "\n"
        expected = f"{text.count(chr(10))}: nested more than 50 levels deep"
    data.write_text(text, encoding="utf-8")
    for command in (["check"], ["build", "--lang", "de", "--format", "docx"]):
        done = limited("--root", str(project_dir), *command)
        assert done.returncode == 1, done.stderr[-2000:]
        assert expected in done.stderr and "Traceback" not in done.stderr, done.stderr[-2000:]
        assert "internal error" not in done.stderr
    assert not (project_dir / "output" / "de").exists()


@pytest.mark.parametrize(("text", "expected"), [
    ("x: " + "[" * 51 + "]" * 51 + "\n", "s.yaml:1: nested more than 50 levels deep"),
    ("a: &a [1]\nb: [" + ", ".join(["*a"] * 1001) + "]\n",
     "s.yaml:2: more than 1,000 alias uses (*name): write the values out"),
    ("a: &a [*a]\n", "s.yaml:1: an alias (*name) inside the value it names: a loop"),
], ids=["depth", "aliases", "loop"])
def test_the_yaml_limits_name_the_line_and_the_limit(tmp_path: Path, text: str,
                                                     expected: str) -> None:
    assert source_problems(tmp_path, text) == expected


def test_a_text_longer_than_the_limit_is_refused(tmp_path: Path) -> None:
    out = source_problems(tmp_path, HEADER.replace('"C"', '"' + "Wort " * 5000 + '"'))
    assert "s.yaml:5: conclusion: a text of 25,000 characters, more than the limit of 20,000" \
        in out
    assert "Wort Wort" not in out                      # the text itself is not copied


def test_a_list_where_text_belongs_is_not_written_out(tmp_path: Path) -> None:
    out = source_problems(tmp_path, "a: &a [" + ", ".join(['"lol"'] * 9) + "]\n" +
                          HEADER.replace('"C"', "[*a, *a, *a]"))
    assert "s.yaml:6: conclusion: expected text, got a list (quote it)" in out
    assert "lol" not in out


def test_catalog_limits(project_dir: Path) -> None:
    po = project_dir / FR_CONTENT
    text = po.read_text(encoding="utf-8")
    line = text[: text.index('msgstr "Objectifs"')].count("\n") + 1
    po.write_text(text.replace('msgstr "Objectifs"', 'msgstr "' + "x" * 20_001 + '"'), "utf-8")
    code, out = run(project_dir, "i18n", "check", "--lang", "fr")
    assert code == 1
    assert f"content.po:{line}: a translation of 20,001 characters, more than the limit of " \
           "20,000" in out
    po.write_text(text + "#" * 6_000_000 + "\n", encoding="utf-8")
    code, out = run(project_dir, "i18n", "check", "--lang", "fr")
    assert code == 1 and "content.po: file of 6,0" in out and "(5 MB)" in out


# -- 2. a sandbox by real path -----------------------------------------------------------------

USES = {
    "image": '<img src="{name}" alt="">',
    "stylesheet": '<link rel="stylesheet" href="{name}">',
    "font": '<style>@font-face {{ font-family: X; src: url({name}) }} p {{ font-family: X }}'
            '</style>',
    "attachment": '<link rel="attachment" href="{name}">',
}
SECRET = b"docgen-outside-4e1d"


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    copy = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", copy)
    return copy


@pytest.mark.parametrize("suffix", [".css", ".otf", ".ttf", ".woff2", ".png", ".svg"])
@pytest.mark.parametrize("use", sorted(USES))
def test_a_symlink_out_of_templates_is_refused(templates: Path, tmp_path: Path, suffix: str,
                                               use: str) -> None:
    from docgen.render.pdf import write_pdf
    outside = tmp_path / f"secret{suffix}"
    outside.write_bytes(SECRET)
    (templates / f"logo{suffix}").symlink_to(outside)
    html = f"<html lang=en><body>{USES[use].format(name='logo' + suffix)}<p>x</p></body></html>"
    target = tmp_path / "x.pdf"
    with pytest.raises(DocgenError) as caught:
        write_pdf(html, templates, target, "t")
    assert str(caught.value) == (f"t: refused URL 'logo{suffix}': only the brochure's own "
                                 "assets (files under templates/) may load")
    assert not target.exists()


@pytest.mark.parametrize("url", ["logo.png", "fonts/..%2f..%2fsecret.png", "%62rochure.css",
                                 "fonts/../../secret.png", "brochure.css?x=1"])
def test_a_link_to_a_file_without_an_asset_suffix_and_encodings_are_refused(
        templates: Path, tmp_path: Path, url: str) -> None:
    from docgen.render.pdf import write_pdf
    (tmp_path / "secret.txt").write_bytes(SECRET)
    (tmp_path / "secret.png").write_bytes(SECRET)
    (templates / "logo.png").symlink_to(tmp_path / "secret.txt")
    html = f'<html lang=en><body><link rel="attachment" href="{url}"><p>x</p></body></html>'
    with pytest.raises(DocgenError, match="refused URL"):
        write_pdf(html, templates, tmp_path / "x.pdf", "t")


def test_a_link_inside_templates_is_served(templates: Path, tmp_path: Path) -> None:
    from docgen.render.pdf import write_pdf
    (templates / "alias.css").symlink_to(templates / "brochure.css")
    html = '<html lang=en><head><link rel="stylesheet" href="alias.css"></head><body><p>Fine'
    assert write_pdf(html + "</p></body></html>", templates, tmp_path / "ok.pdf", "t") >= 1


class Fatal(BaseException):
    """What WeasyPrint's FatalURLFetchingError is: not an Exception."""


def test_any_weasyprint_base_exception_is_one_error_line(project_dir: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    fill_imprint(project_dir)         # no warning that names the project folder
    from docgen.render import pdf

    class Exploding:
        def __init__(self, **kwargs: object) -> None:
            pass

        def render(self, **kwargs: object) -> None:
            raise Fatal(f"cannot fetch {project_dir}/templates/x.png\nsecond line")
    monkeypatch.setattr(pdf, "HTML", Exploding)
    code, out = run(project_dir, "build", "--lang", "de", "--format", "pdf", "--jobs", "1")
    assert code == 1
    assert out.splitlines()[-1] == "error: de/brochure-de.pdf: WeasyPrint failed: Fatal: " \
                                   "cannot fetch x.png"
    assert "Traceback" not in out and str(project_dir) not in out


# -- 3. no orphans, a lock that follows no link ------------------------------------------------

KILLABLE = """
import os, sys, time
from pathlib import Path
import docgen.build.pipeline as b
marker = Path(sys.argv[1])

def hooked(*args, **kwargs):
    (marker / str(os.getpid())).touch()      # a worker has started its job
    time.sleep(120)

b.run_job = hooked
from docgen.cli import main
main(sys.argv[2:])
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(") ")[-1].startswith("Z"))


def wait_for(condition: object, seconds: float) -> bool:
    import time
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():                               # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


@pytest.mark.slow
def test_killing_the_build_kills_its_workers_and_frees_the_lock(project_dir: Path,
                                                                tmp_path: Path) -> None:
    import signal
    import time
    marker = tmp_path / "workers"
    marker.mkdir()
    main = subprocess.Popen([sys.executable, "-c", KILLABLE, str(marker), "--root",
                             str(project_dir), "build", "--format", "docx", "--jobs", "2"],
                            stderr=subprocess.DEVNULL,
                            env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    try:
        assert wait_for(lambda: list(marker.iterdir()), 60)
        worker = int(next(marker.iterdir()).name)
        assert worker != main.pid and alive(worker)
        main.send_signal(signal.SIGKILL)              # the main process only
        main.wait()
        started = time.monotonic()
        assert wait_for(lambda: not alive(worker), 10), "the worker outlived its build"
        code, out = run(project_dir, "build", "--lang", "de", "--format", "docx")
        assert code == 0, out
        assert time.monotonic() - started < 10
    finally:
        main.kill()
        main.wait()
        for pid in [int(p.name) for p in marker.iterdir()]:
            if alive(pid):                            # today's bug: leave no orphan behind
                os.kill(pid, signal.SIGKILL)


def test_a_symlinked_lock_leaves_its_target_untouched(project_dir: Path,
                                                      tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    (project_dir / "output").mkdir()
    (project_dir / "output" / ".docgen.lock").symlink_to(precious)
    code, out = run(project_dir, "build", "--lang", "de", "--format", "docx")
    assert code == 1
    assert "output/.docgen.lock: is a symbolic link; a build lock must be a plain file" in out
    assert precious.read_text() == "keep me"


def test_a_lock_left_by_a_killed_process_does_not_block(project_dir: Path) -> None:
    from docgen.build.lock import BuildLock
    output = project_dir / "output"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from docgen.build.lock import BuildLock; BuildLock(Path(sys.argv[1])).__enter__(); "
         "print('held', flush=True); time.sleep(60)", str(output)],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait()
    holder.stdout.close()
    with BuildLock(output):
        assert (output / ".docgen.lock").exists()


# -- 4. validated configuration ----------------------------------------------------------------

@pytest.mark.parametrize(("args", "expected"), [
    (("--lang", "it", "--locale", "it_IT: {x"), "unknown CLDR locale 'it_IT: {x'"),
    (("--lang", "it", "--locale", "it_IT", "--name", "Ital\niano"),
     "a language name has no control, invisible or line-break character"),
    (("--lang", "it", "--locale", "it_IT", "--name", "Ital\u202eiano"),
     "a language name has no control, invisible or line-break character"),
    (("--lang", "it", "--locale", "../../etc"), "unknown CLDR locale '../../etc'"),
])
def test_init_refuses_bad_locales_and_names(project_dir: Path, args: tuple[str, ...],
                                            expected: str) -> None:
    config = project_dir / "locales" / "languages.yaml"
    before = config.read_bytes()
    code, out = run(project_dir, "i18n", "init", *args)
    assert code == 2 and expected in out, out
    assert config.read_bytes() == before
    assert not (project_dir / "locales" / "it").exists()


def test_init_norwegian_stays_no_and_the_comments_stay(project_dir: Path) -> None:
    config = project_dir / "locales" / "languages.yaml"
    before = config.read_text(encoding="utf-8")
    code, out = run(project_dir, "i18n", "init", "--lang", "no", "--locale", "nb_NO",
                    "--name", 'Norsk "bok\\mål": #1')
    assert code == 0, out
    after = config.read_text(encoding="utf-8")
    assert after == before + "'no': {locale: nb_NO, name: 'Norsk \"bok\\mål\": #1'}\n"
    code, out = run(project_dir, "i18n", "status", "--lang", "no", "--json")
    assert code == 0 and '"language": "no"' in out, out
    header = (project_dir / "locales/no/LC_MESSAGES/ui.po").read_text(encoding="utf-8")
    assert header.startswith('# docgen: Norsk "bok\\mål": #1 ui catalog.\n')
    assert '"Language-Team: Norsk \\"bok\\\\mål\\": #1\\n"\n' in header   # escaped
    assert '"Language: no\\n"' in header
    code, out = run(project_dir, "i18n", "check", "--lang", "no")
    assert code == 0 and "catalogs OK" in out, out


@pytest.mark.parametrize(("line", "expected"), [
    ("no: {locale: nb_NO, name: Norsk}", None),
    ("it: {locale: no, name: X}", "languages.yaml:9: it.locale: expected text, got bool 'no'"),
    ("it: {locale: 'it_IT: {x', name: X}", "languages.yaml:9: it: unknown CLDR locale"),
    ("it: {locale: it_IT, name: [1]}", "languages.yaml:9: it.name: expected text, got a list"),
    ("IT: {locale: it_IT}", "languages.yaml:9: IT: a language code is two or three"),
    ("it: {locale: it_IT, nom: X}", "languages.yaml:9: it.nom: unknown field"),
])
def test_the_language_list_is_read_like_the_source(project_dir: Path, line: str,
                                                   expected: str | None) -> None:
    config = project_dir / "locales" / "languages.yaml"
    config.write_text(config.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    if expected is None:
        from docgen.i18n.languages import Language, load_languages
        assert load_languages(project_dir / "locales")["no"] == Language("no", "nb_NO", "Norsk")
    else:
        code, out = run(project_dir, "i18n", "status", "--json")
        assert code == 1 and "Traceback" not in out
        assert expected in out.replace(str(project_dir / "locales") + "/", ""), out


# -- 5. all or nothing per language ------------------------------------------------------------

@pytest.mark.slow
def test_a_language_with_a_failed_job_changes_nothing(project_dir: Path) -> None:
    assert run(project_dir, "build", "--lang", "fr", "--lang", "nl")[0] == 0
    output = project_dir / "output"
    before = snapshot(output)
    manifest = json.loads((output / "manifest.json").read_text())
    ui = project_dir / "locales/fr/LC_MESSAGES/ui.po"             # fr: only the PDF fails
    ui.write_text(ui.read_text(encoding="utf-8").replace('msgstr "En bref"',
                                                         'msgstr "En bref ☃"'), "utf-8")
    nl = project_dir / "locales/nl/LC_MESSAGES/content.po"
    nl.write_text(nl.read_text(encoding="utf-8").replace('msgstr "Doelstellingen"',
                                                         'msgstr "Doelen"'), "utf-8")
    code, out = run(project_dir, "build", "--lang", "fr", "--lang", "nl")
    assert code == 1 and "error: fr/brochure-fr.pdf: font Inter-Regular.otf has no glyph for " \
        "U+2603 SNOWMAN\n" in out, out
    assert "fr docx: not published, another fr document failed (the previous one is kept)" \
        in out
    after = snapshot(output)
    for name in ("fr/brochure-fr.pdf", "fr/briefing-fr.docx"):
        assert after[name] == before[name], name                  # fr: nothing changed
    for name in ("nl/brochure-nl.pdf", "nl/briefing-nl.docx"):
        assert after[name] != before[name], name                  # nl: published
    new = json.loads((output / "manifest.json").read_text())
    assert [d["path"] for d in new["documents"]] == [d["path"] for d in manifest["documents"]]
    assert new["documents"][:2] == manifest["documents"][:2]      # fr's entries as they were
    assert new["documents"][2:] != manifest["documents"][2:]
    assert not [p for p in output.rglob("*.tmp")]


@pytest.mark.slow
def test_failed_builds_before_or_in_a_job_leave_the_manifest_byte_identical(
        project_dir: Path) -> None:
    assert run(project_dir, "build", "--format", "docx")[0] == 0
    output = project_dir / "output"
    before = snapshot(output)
    po = project_dir / FR_CONTENT
    good = po.read_text(encoding="utf-8")
    po.write_text(good.replace('msgstr "Objectifs"', 'msgstr ""'), "utf-8")   # a fallback
    code, out = run(project_dir, "build", "--lang", "fr", "--format", "docx", "--strict")
    assert code == 1 and "(strict)" in out
    assert snapshot(output) == before
    po.write_text(good.replace('msgstr "Objectifs"', 'msgstr "Objectifs'), "utf-8")  # the gate
    code, out = run(project_dir, "build", "--format", "docx")
    assert code == 1 and "unterminated string" in out
    assert snapshot(output) == before


# -- 6. every error has a place ----------------------------------------------------------------

@pytest.mark.parametrize(("figure", "expected"), [
    ('{money: "1e999999", currency: EUR}',
     "s.yaml:7: figures.n.money: float 1e999999 where money must be exact"),
    ("{money: 1e6, currency: EUR}", "s.yaml:7: figures.n.money: float 1e6 where money must be"),
    ("{money: 1.5e6, currency: EUR}", "s.yaml:7: figures.n.money: float 1.5e6 where money"),
    ("{count: " + "9" * 5000 + "}",
     "s.yaml:7: figures.n.count: a number of 5,000 digits, more than the limit of 30"),
    ("{area_m2: " + "1" * 31 + "}", "s.yaml:7: figures.n.area_m2: a number of 31 digits"),
    ("{percent: " + "1" * 31 + ".5}", "s.yaml:7: figures.n.percent: a number of 32 digits"),
], ids=["1e999999", "1e6", "1.5e6", "5000 digits", "31 digits", "32 digits"])
def test_numbers_out_of_bounds_are_errors_with_a_line(tmp_path: Path, figure: str,
                                                      expected: str) -> None:
    out = source_problems(tmp_path, HEADER.replace("{count: 1}", figure))
    assert expected in out, out
    assert "internal error" not in out and len(out) < 2000


def test_a_figure_written_as_text_is_an_error_not_a_crash(tmp_path: Path) -> None:
    """Found by the fuzz test: a figure whose value is a text (``n: \\``)."""
    out = source_problems(tmp_path, HEADER.replace("{count: 1}", "'\\'"))
    assert "s.yaml:7: figures.n: expected a mapping" in out, out


def test_a_vertical_tab_escape_is_a_control_character(tmp_path: Path) -> None:
    out = source_problems(tmp_path, HEADER.replace('"C"', '"Fazit\\vEnde"'))
    assert "s.yaml:5: conclusion: control, bidi or zero-width character in text" in out


def test_a_percent_sign_followed_by_a_space_is_prose() -> None:
    from docgen.i18n import po
    from docgen.i18n.rules import check_entry
    entry = po.Entry(line=1, msgid="60 Prozent der Mittel", msgstr=["60 % des fonds"])
    assert check_entry(entry, "fr", "x.po") == []
    entry = po.Entry(line=1, msgid="Anteil der Mittel", msgstr=["en %d fonds"])
    assert [p.message for p in check_entry(entry, "fr", "x.po")] == [
        "the %-placeholders differ from the source text: keep each %s or %(name)s exactly as "
        "in the msgid (printf-style placeholders)"]


def test_a_full_disk_names_the_document_not_a_temporary_file(tmp_path: Path) -> None:
    from docgen.build.publish import publish
    target = tmp_path / "out" / "brochure-fr.pdf"

    def full(tmp: Path) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp))
    with pytest.raises(DocgenError) as caught:
        publish(target, full)
    assert str(caught.value) == f"{target}: cannot write: No space left on device"
    assert list(target.parent.iterdir()) == []


def test_page_outside_a_project_creates_nothing(tmp_path: Path) -> None:
    code, out = run(tmp_path, "page")
    assert code == 1 and "no docgen source here" in out
    assert list(tmp_path.iterdir()) == []


def test_no_temporary_path_in_a_failed_check_message(tmp_path: Path) -> None:
    from docgen.build.publish import publish
    target = tmp_path / "brochure-fr.pdf"
    with pytest.raises(DocgenError) as caught:
        publish(target, lambda tmp: tmp.write_bytes(b"%PDF-1.7 torn") and None)
    assert ".tmp" not in str(caught.value) and "brochure-fr.pdf: new file failed its check" \
        in str(caught.value)


def test_a_bad_source_never_shows_a_traceback_or_an_internal_error(project_dir: Path) -> None:
    data = project_dir / "data" / "partnerships.yaml"
    text = data.read_text(encoding="utf-8")
    assert "startups: {count: 75}" in text
    data.write_text(text.replace("startups: {count: 75}", "startups: {count: 1e999999}"),
                    encoding="utf-8")
    code, out = run(project_dir, "check")
    line = text[: text.index("startups: {count: 75}")].count("\n") + 1
    assert code == 1 and re.search(rf"partnerships\.yaml:{line}: partnerships\.[a-z-]+\.figures"
                                   r"\.startups\.count: expected a whole number, got str "
                                   "'1e999999'", out), out
    assert "Traceback" not in out and "internal error" not in out


def test_an_os_error_on_a_temporary_file_names_the_file_it_becomes(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import docgen.cli

    def full(ctx: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC),
                      str(tmp_path / "output" / ".index.html.k2j4_x9q.tmp"))
    monkeypatch.setattr(docgen.cli, "current_project", full)
    code, out = run(tmp_path, "check")
    assert code == 1
    assert out == f"error: {tmp_path}/output/index.html: No space left on device\n"
