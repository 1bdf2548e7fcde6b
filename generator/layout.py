# SPDX-License-Identifier: Apache-2.0
"""Line layout of generated C++: the templates write one logical line per
table row, statement or directive, and this module breaks the ones longer
than the column limit the way the project's .clang-format lays them out.
The generator needs no formatter installed, so a regeneration gives the same
bytes on every machine; a test checks the result with clang-format 14 where
it is installed.

Three kinds of long line occur in generated code, each broken greedily at
the last point that keeps the line within the limit:
- code: after ", " (or "; " in an if with an initialiser) outside string
  literals, continuing one column after the innermost bracket still open on
  the line, or at the line's own indentation when none is;
- preprocessor conditions: after a " &&" / " ||" outside parentheses, with a
  trailing backslash, continuing four columns in;
- // comments: at a space, continuing with the same "// " prefix.
Templates that loop over an empty list leave empty braces and runs of blank
lines; those close up as clang-format closes them (one blank line at most,
"{{}}" for an empty initialiser, "namespace x {}" for an empty namespace).
"""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

COLUMN_LIMIT = 100
_CONTINUATION = 4  # .clang-format: ContinuationIndentWidth (Google style)
_OPEN = "([{"
_CLOSE = ")]}"


def layout(text: str, limit: int = COLUMN_LIMIT) -> str:
    """`text` with every line longer than `limit` broken as described above."""
    text = re.sub(r"\n{3,}", "\n\n", text)
    text = re.sub(r"\{\{\n\}\};", "{{}};", text)
    text = re.sub(r"(namespace [\w:]+) \{\n+\}", r"\1 {}", text)
    out: List[str] = []
    for line in text.split("\n"):
        out.extend(_break(line, limit))
    return "\n".join(out)


def _break(line: str, limit: int) -> List[str]:
    if len(line) <= limit:
        return [line]
    stripped = line.lstrip()
    indent = len(line) - len(stripped)
    if stripped.startswith("//"):
        return _break_comment(line, indent, limit)
    if stripped.startswith("#"):
        return _break_directive(line, limit)
    return _break_code(line, limit)


def _break_comment(line: str, indent: int, limit: int) -> List[str]:
    prefix = " " * indent + "// "
    words = line[len(prefix):].split(" ")
    lines: List[str] = []
    current = prefix
    for word in words:
        candidate = current + word if current == prefix else current + " " + word
        if len(candidate) > limit and current != prefix:
            lines.append(current)
            current = prefix + word
        else:
            current = candidate
    lines.append(current)
    return lines


def _break_directive(line: str, limit: int) -> List[str]:
    # The break follows the last operator outside parentheses that leaves
    # room for the " \\" ending a continued directive line.
    cut = None
    depth = 0
    for i, ch in enumerate(line):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0 and i + 5 <= limit and line[i:i + 4] in (" && ", " || "):
            cut = i
    if cut is None:
        return [line]
    head = line[:cut + 3] + " \\"
    rest = " " * _CONTINUATION + line[cut + 4:]
    return [head] + _break(rest, limit)


def _scan(line: str) -> List[Tuple[int, int]]:
    """The places a code line may break, as (index after the separator,
    continuation column), outside string and character literals."""
    points: List[Tuple[int, int]] = []
    stack: List[int] = []
    quote: Optional[str] = None
    escaped = False
    own = len(line) - len(line.lstrip())
    for i, ch in enumerate(line):
        if quote is not None:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == quote:
                quote = None
            continue
        if ch in "\"'":
            quote = ch
        elif ch in _OPEN:
            stack.append(i)
        elif ch in _CLOSE:
            if stack:
                stack.pop()
        elif ch in ",;" and i + 1 < len(line) and line[i + 1] == " ":
            column = stack[-1] + 1 if stack else own
            points.append((i + 1, column))
    return points


def _break_code(line: str, limit: int) -> List[str]:
    best = None
    for end, column in _scan(line):
        if end <= limit:
            best = (end, column)
    if best is None:
        return [line]
    end, column = best
    head = line[:end].rstrip()
    rest = " " * column + line[end:].lstrip()
    return [head] + _break(rest, limit)
