"""Every `Example:` line of every command's help is parsed, and run (in a git checkout of a
project copy under tmp): an example that no longer works fails here."""

from __future__ import annotations

import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from docgen.cli import cli

from .conftest import copy_project, fill_imprint


def help_text(path: tuple[str, ...]) -> str:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    return result.output


def commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [prefix]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            out += commands(command, prefix + (name,))
        else:
            out.append(prefix + (name,))
    return out


def examples(path: tuple[str, ...]) -> list[str]:
    """The lines of the help's Example: block, without their # comments."""
    lines = help_text(path).splitlines()
    start = [i for i, line in enumerate(lines) if line.strip() == "Example:"]
    if not start:
        return []
    out = []
    for line in lines[start[0] + 1:]:
        if not line.strip() or not line.startswith("    "):
            break
        out.append(re.sub(r"\s+#.*$", "", line).strip())
    return out


ALL = [(path, line) for path in commands() for line in examples(path)]


def docgen_parts(line: str) -> list[list[str]]:
    """The docgen commands of an example line (a shell line: `a && b`, `(cd x && c)`)."""
    parts = []
    for part in re.split(r"&&|\(|\)", line):
        words = shlex.split(part)
        if words and words[0] == "docgen":
            parts.append(words[1:])
    return parts


def parse(args: list[str]) -> tuple[str, ...]:
    """Parse an example's arguments as click would (no command runs); the command's path."""
    command: click.Command = cli
    path: list[str] = []
    parent = None
    while True:
        try:
            ctx = command.make_context(" ".join(["docgen", *path]), list(args), parent=parent)
        except click.BadParameter as exc:   # a file the example makes first (export, import)
            assert "does not exist" in str(exc), exc
            return tuple(path)
        if not isinstance(command, click.Group):
            return tuple(path)
        rest = [*ctx._protected_args, *ctx.args]
        assert rest, f"docgen {' '.join(path)}: no subcommand"
        name, args = rest[0], rest[1:]
        sub = command.get_command(ctx, name)
        assert sub is not None, f"docgen {' '.join(path)}: no command {name!r}"
        command, parent = sub, ctx
        path.append(name)


@pytest.mark.parametrize(("path", "line"), ALL, ids=[line for _, line in ALL])
def test_every_example_names_real_commands_and_options(path: tuple[str, ...],
                                                       line: str) -> None:
    parts = docgen_parts(line)
    assert parts, f"{line!r}: no docgen command"
    paths = [parse(args) for args in parts]
    assert any(p[:len(path)] == path for p in paths), f"{line!r} is not an example of {path}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy as a release has it: imprint filled, committed, an 'origin' remote."""
    root = tmp_path_factory.mktemp("examples")
    project = copy_project(root / "project")
    fill_imprint(project)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.be"]
    subprocess.run(["git", "init", "-q", "--bare", str(root / "origin.git")], check=True)
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "edition"],
                 ["remote", "add", "origin", str(root / "origin.git")]):
        subprocess.run([*git, *args], cwd=project, check=True, capture_output=True)
    (project / ".gitignore").write_text("/output/\n")
    return project


def shell(line: str, project: Path, tmp: Path) -> str:
    """An example line as a shell runs it in the project, with `docgen` this checkout's
    and the two places outside the project moved under tmp."""
    line = line.replace("/tmp/b ", f"{tmp / 'bundle'} ")
    line = line.replace("chromium output/index.html", "test -s output/index.html")
    docgen = f"{shlex.quote(sys.executable)} -m docgen"
    line = re.sub(r"(^|&&\s*|\(\s*)docgen\b", lambda m: m.group(1) + docgen, line)
    done = subprocess.run(["bash", "-c", line], cwd=project, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


# The order a newcomer would follow; a new language last (it changes the project).
ORDER = ["docgen build", "docgen i18n", "docgen preview", "docgen watch", "docgen review",
         "docgen page", "docgen bundle", "docgen release", "docgen i18n import",
         "docgen i18n init"]


def rank(line: str) -> int:
    """The place of the longest start of ORDER the line has (unknown commands first)."""
    starts = [start for start in ORDER if line.startswith(start)]
    return ORDER.index(max(starts, key=len)) if starts else -1


@pytest.mark.slow
def test_every_example_runs(checkout: Path, tmp_path: Path) -> None:
    lines = sorted({line for _, line in ALL}, key=lambda line: (rank(line), line))
    for line in lines:
        if line.startswith("docgen watch"):
            watch(line, checkout)
        else:
            shell(line, checkout, tmp_path)
    tags = subprocess.run(["git", "ls-remote", "--tags", "origin"], cwd=checkout,
                          capture_output=True, text=True, check=True).stdout
    assert "refs/tags/edition-" in tags                 # `git push origin --tags` ran
    assert (checkout / "locales" / "it" / "LC_MESSAGES" / "content.po").exists()


def watch(line: str, project: Path) -> None:
    """`docgen watch` serves until stopped: wait (bounded) for its page, then stop it."""
    port = free_port()
    args = shlex.split(re.sub(r"--port \d+", f"--port {port}", line))[1:]
    server = subprocess.Popen([sys.executable, "-m", "docgen", *args], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 300
        while True:
            assert server.poll() is None, server.communicate()[0]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
                    assert page.status == 200
                    return
            except OSError:
                assert time.monotonic() < deadline, "docgen watch never served its page"
                time.sleep(0.5)
    finally:
        server.terminate()
        server.communicate(timeout=30)
