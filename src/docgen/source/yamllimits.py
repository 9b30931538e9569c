"""Reading a YAML file with bounded work: size, nodes, nesting and aliases are limited.

PyYAML composes an alias as a second reference to the anchored node, so an "alias bomb"
(nine levels of lists of aliases) is a few kilobytes on disk and billions of nodes to
whoever walks it. Here each node's size *with its aliases expanded* is known as soon as it
is composed, and the file is refused, with the line, the moment a limit is passed.

>>> compose_text("a: [1, 2]\\n", "x.yaml").value[0][1].value[1].value
'2'
>>> compose_text("a: &x [1]\\nb: [*x, *x]\\n", "x.yaml", max_aliases=1)
Traceback (most recent call last):
docgen.errors.DocgenError: x.yaml:2: more than 1 alias uses (*name): write the values out
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import DocgenError, Problem

MAX_BYTES = 5 * 1024 * 1024       # a source or catalog file
MAX_NODES = 100_000               # YAML nodes, each alias counted as what it stands for
MAX_DEPTH = 50                    # lists and mappings inside each other
MAX_ALIASES = 1_000               # uses of *name
MAX_TEXT = 20_000                 # characters in one text
MAX_DIGITS = 30                   # digits in one number


class _Limit(Exception):
    def __init__(self, mark: yaml.Mark | None, message: str) -> None:
        super().__init__(message)
        self.line = mark.line + 1 if mark is not None else None
        self.message = message


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader's composer, counting as it goes (nothing is constructed)."""

    max_nodes, max_depth, max_aliases = MAX_NODES, MAX_DEPTH, MAX_ALIASES

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.nodes = 0
        self.depth = 0
        self.aliases = 0
        self.sizes: dict[int, tuple[int, int]] = {}    # id(node) → (expanded size, height)

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        mark = event.start_mark
        self.depth += 1
        try:
            if self.depth > self.max_depth:
                raise _Limit(mark, f"nested more than {self.max_depth} levels deep")
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        if node is None:
            return None
        if isinstance(event, yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > self.max_aliases:
                raise _Limit(mark, f"more than {self.max_aliases:,} alias uses (*name): "
                             "write the values out")
            if id(node) not in self.sizes:
                raise _Limit(mark, "an alias (*name) inside the value it names: a loop")
            added, height = self.sizes[id(node)]
        else:               # its children were counted as they were composed
            added, height = 1, self._measure(node)
        self.nodes += added
        if self.nodes > self.max_nodes:
            raise _Limit(mark, f"more than {self.max_nodes:,} YAML values "
                         "(an alias counts as what it stands for)")
        if height + self.depth > self.max_depth:
            raise _Limit(mark, f"nested more than {self.max_depth} levels deep "
                         "(an alias counts as what it stands for)")
        return node

    def _measure(self, node: yaml.Node) -> int:
        """Note size and height with aliases expanded (children are measured); the height."""
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        size, height = 1, 1
        for child in children:
            child_size, child_height = self.sizes.get(id(child), (1, 1))
            size += child_size
            height = max(height, child_height + 1)
        self.sizes[id(node)] = (size, height)
        return height


def compose_text(text: str, shown: str, max_aliases: int = MAX_ALIASES) -> yaml.Node | None:
    """The composed root node of ``text``; a limit or a syntax error raises DocgenError."""
    try:
        loader = _BoundedLoader(text)
        loader.max_aliases = max_aliases
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()
    except _Limit as exc:
        raise DocgenError([Problem(shown, exc.line, exc.message)]) from None
    except yaml.YAMLError as exc:       # syntax, or a character YAML does not allow
        raise DocgenError([_yaml_problem(exc, shown, text)]) from None


def read_text(path: Path, shown: str, missing: str) -> str:
    """A UTF-8 file of at most MAX_BYTES; each problem is a DocgenError with its line."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocgenError([Problem(shown, None, f"file of {size:,} bytes, more than the "
                                       f"limit of {MAX_BYTES:,} (5 MB)")])
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DocgenError([Problem(shown, None, missing)]) from None
    except IsADirectoryError:
        raise DocgenError([Problem(shown, None, "a folder, not a file")]) from None
    except UnicodeDecodeError as exc:
        bad_line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise DocgenError([Problem(shown, bad_line, "not UTF-8 text")]) from None


def _yaml_problem(exc: yaml.YAMLError, shown: str, source: str) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    if mark is not None:
        line: int | None = mark.line + 1
    elif isinstance(getattr(exc, "position", None), int):       # a ReaderError
        line = source[: exc.position].count("\n") + 1  # type: ignore[attr-defined]
    else:
        line = None
    what = getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc)
    return Problem(shown, line, f"YAML syntax: {what}")
