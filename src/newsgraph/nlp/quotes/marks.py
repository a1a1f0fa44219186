"""Step 1: quotation-mark spans per paragraph.

Curly, guillemet, straight and two-apostrophe marks; an unclosed mark runs to the end of its paragraph, and a
paragraph opening with a closing mark continues the quote before it; marks that do not pair never drop text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"“": "”", "«": "»", "„": "“"}
#: every mark the scanner looks at (two apostrophes or backticks count as one double mark)
MARK = re.compile(r"''|``|[\"“”«»„]")


@dataclass
class Marked:
    start: int  # first character inside the marks
    end: int
    closed: bool


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def marked_spans(text: str, start: int, end: int) -> list[Marked]:
    """Quotation-mark spans inside one paragraph. Straight marks and ``''`` toggle; curly marks pair. Only the
    positions of marks are visited."""
    out: list[Marked] = []
    open_at: int | None = None
    closer = ""
    first_word = end - len(text[start:end].lstrip())  # text[start:i] is blank exactly when i <= first_word
    found = MARK.search(text, start, end)
    while found is not None:
        i, mark = found.start(), found.group()
        ch = mark[0]
        step = len(mark)
        if open_at is None:
            if ch == "”" and i <= first_word:  # some outlets open a paragraph with a closing mark
                open_at, closer = i + 1, "”"
            elif ch in OPENERS:
                open_at, closer = i + 1, OPENERS[ch]
            elif mark in {'"', "''", "``"}:
                open_at, closer = i + len(mark), ("''" if len(mark) == 2 else '"')
            else:
                step = 1
        elif text.startswith(closer, i) or (closer == "''" and ch == '"') or (closer == '"' and ch == "”"):
            out.append(Marked(open_at, i, True))
            open_at, step = None, len(closer)
        elif closer == "”" and ch == "“":  # a new opener before a close: treat the first as unclosed
            out.append(Marked(open_at, i, False))
            open_at, step = i + 1, 1
        else:
            step = 1
        found = MARK.search(text, i + step, end)
    if open_at is not None and end > open_at:
        out.append(Marked(open_at, end, False))
    return [m for m in out if text[m.start : m.end].strip()]


def only_quote(text: str, start: int, end: int, marks: list[Marked]) -> bool:
    """Is the paragraph [start, end) nothing but its quotations (and punctuation)?"""
    pieces, pos = [], start
    for m in marks:  # in text order, not overlapping (see ``marked_spans``): one pass, not one copy per mark
        pieces.append(text[pos : max(m.start, pos)])
        pos = max(pos, m.end)
    pieces.append(text[pos:end])
    return not re.sub(r"[\s“”\"'‘’.,:;…-]", "", "".join(pieces))
