"""Errors that carry their location; the CLI turns them into ``path:line: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, where it is."""

    path: str
    line: int | None
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        kind = "warning: " if self.warning else ""
        return f"{where}: {kind}{self.message}"


class DocgenError(Exception):
    """A failure the user can fix; ``problems`` lists every location found.

    ``warnings``: what the same run found that does not fail it, shown before the errors.
    """

    exit_code = 1

    def __init__(self, problems: list[Problem] | str,
                 warnings: list[Problem] | tuple[()] = ()) -> None:
        if isinstance(problems, str):
            problems = [Problem("docgen", None, problems)]
        self.problems = list(problems)
        self.warnings = list(warnings)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(DocgenError):
    """The command line asked for something that does not exist (exit 2)."""

    exit_code = 2


def raise_if_errors(problems: list[Problem] | tuple[Problem, ...], strict: bool = False
                    ) -> None:
    """Stop once, after validation collected everything it found; ``strict``: warnings too.

    >>> raise_if_errors([Problem("fr.po", 3, "odd", warning=True)])
    >>> raise_if_errors([Problem("fr.po", 3, "odd", warning=True)], strict=True)
    Traceback (most recent call last):
    docgen.errors.DocgenError: fr.po:3: (strict) odd
    """
    errors = [p for p in problems if not p.warning]
    if strict:
        errors += [Problem(p.path, p.line, f"(strict) {p.message}") for p in problems
                   if p.warning]
    if errors:
        raise DocgenError(errors, [] if strict else [p for p in problems if p.warning])


def raise_failures(failures: list[BaseException]) -> None:
    """After every job ran: a bug first (it stops everything), else every problem once."""
    for exc in failures:
        if not isinstance(exc, DocgenError):
            raise exc
    problems: list[Problem] = []
    for exc in failures:
        assert isinstance(exc, DocgenError)
        problems.extend(p for p in exc.problems if p not in problems)
    if problems:
        raise DocgenError(problems)
