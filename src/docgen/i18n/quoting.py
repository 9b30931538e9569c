r"""PO string literals: the C escapes read and written, and the ``#|`` lines that quote a
fuzzy entry's previous source. Used by the reader and the writer in ``po``.

>>> escape('a "b"\n'), unquote('"a \\"b\\"\\n"', "x.po", 1, [])
('a \\"b\\"\\n', 'a "b"\n')
"""

from __future__ import annotations

from ..errors import Problem

_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r", "a": "\a", "b": "\b",
            "f": "\f", "v": "\v"}
QUOTE = {v: "\\" + k for k, v in _ESCAPES.items()}
UNTERMINATED = 'a quotation mark " is missing at the end of this line (unterminated string)'


def escape(text: str) -> str:
    return "".join(QUOTE.get(ch, ch) for ch in text)


def unquote(text: str, path: str, line: int, problems: list[Problem]) -> str | None:
    """The value of one ``"..."`` token (with C escapes), or None after noting the problem."""
    text = text.rstrip()
    if len(text) < 2 or not text.startswith('"') or not text.endswith('"') or _ends_escaped(text):
        problems.append(Problem(path, line, UNTERMINATED))
        return None
    body = text[1:-1]
    if "\\" not in body and '"' not in body:    # the common case: nothing to unescape
        return body
    out, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch == '"':
            problems.append(Problem(path, line, 'a quotation mark " inside the text must be '
                                    'written \\" (unescaped ")'))
            return None
        if ch == "\\":
            nxt = body[i + 1: i + 2]
            if nxt not in _ESCAPES:
                problems.append(Problem(path, line, f"a backslash \\ must be followed by n, t, "
                                        f'" or \\; write \\\\ for a backslash itself (invalid '
                                        f"escape \\{nxt})"))
                return None
            out.append(_ESCAPES[nxt])
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _ends_escaped(text: str) -> bool:
    """True when the closing quote is itself escaped (``"abc\\"``)."""
    backslashes = len(text[:-1]) - len(text[:-1].rstrip("\\"))
    return backslashes % 2 == 1


def previous_fields(lines: list[str]) -> list[tuple[str, str]]:
    """An entry's ``#|`` lines as (keyword, value) pairs: the source a fuzzy entry came from.

    >>> previous_fields(['msgctxt "k"', 'msgid "Alte "', '"Fassung"'])
    [('msgctxt', 'k'), ('msgid', 'Alte Fassung')]
    """
    out: list[tuple[str, str]] = []
    for line in lines:
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            if out:
                out[-1] = (out[-1][0], out[-1][1] + (unquote(line, "", 0, []) or ""))
        elif keyword in ("msgid", "msgid_plural", "msgctxt"):
            out.append((keyword, unquote(rest, "", 0, []) or ""))
    return out
