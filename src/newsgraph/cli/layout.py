"""Tables that fit the terminal they are printed on, without breaking a word.

A :class:`Section` is a titled table of plain strings. :func:`show` prints it as a table when every cell fits
on one line, or, on a wide terminal, when every column can be at least as wide as its longest word (and a few
characters more, so that a column is not one word a line); otherwise each row becomes a block: a heading line
(``Section.heading``, a format over the row's cells, such as ``"{0} → {1}"``) and below it, indented, the
other cells as ``name value`` pairs joined by `` · `` and wrapped between words. At 80 columns — the width
when output is piped, and many terminals' default — wide records therefore read as one block each instead of
columns squeezed until "published" breaks over two lines; on a wide terminal the table is the same as it
always was. Cells are printed as plain text, never as rich markup, so an id in square brackets stays as it is.
"""

from __future__ import annotations

import string
import textwrap
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

#: below this many columns a report writes names without ids and leaves out what only a wide table has room for
WIDE = 120
#: a table column may shrink to its longest word, but no narrower than this (or its widest cell, if smaller)
COMFORT = 12
#: what a table with n columns spends on borders and padding: one rule between and around columns, one space on
#: each side of a cell
OVERHEAD_PER_COLUMN = 3
SEPARATOR = " · "


@dataclass
class Section:
    """A titled table of strings; ``heading`` formats a row (``"{0} → {2}"``) as its block's first line when the
    table does not fit, and the cells it uses are not repeated below it."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    heading: str = "{0}"

    def heading_fields(self) -> set[int]:
        return {int(name) for _, name, _, _ in string.Formatter().parse(self.heading) if name}


def longest_word(value: str) -> int:
    return max((cell_len(word) for word in value.split()), default=0)


def widest_line(value: str) -> int:
    return max((cell_len(line) for line in value.splitlines()), default=0)


def column_widths(section: Section, width: int) -> list[int] | None:
    """Widths that fit ``section`` into ``width`` terminal columns with no word broken, or None when it should
    be printed as blocks. A table is kept when every cell fits on one line; on a wide terminal (``WIDE``) also
    when each column can get its longest word (and ``COMFORT`` characters when it has wider cells), what is left
    going to the columns in proportion to how much more their widest cell needs."""
    n = len(section.columns)
    if n == 0:
        return None
    room = width - OVERHEAD_PER_COLUMN * n - 1
    cells = [[section.columns[i], *(row[i] for row in section.rows)] for i in range(n)]
    high = [max(widest_line(c) for c in column) for column in cells]
    if sum(high) <= room:
        return high
    low = [max(longest_word(c) for c in column) for column in cells]
    low = [max(lo, min(hi, COMFORT)) for lo, hi in zip(low, high, strict=True)]
    if width < WIDE or sum(low) > room:
        return None
    spare = room - sum(low)
    need = [hi - lo for lo, hi in zip(low, high, strict=True)]
    widths = [lo + nd * spare // sum(need) for lo, nd in zip(low, need, strict=True)]
    left = room - sum(widths)
    for i in sorted(range(n), key=lambda i: -(high[i] - widths[i])):
        if left <= 0:
            break
        if widths[i] < high[i]:
            widths[i] += 1
            left -= 1
    return widths


def show(section: Section, console: Console) -> None:
    """Print ``section`` as a table when it fits ``console.width`` without breaking a word, else as blocks."""
    widths = column_widths(section, console.width)
    if widths is not None:
        console.print(as_table(section, widths))
        return
    for line in as_blocks(section, console.width):
        console.print(line, soft_wrap=True)


def as_table(section: Section, widths: list[int]) -> Table:
    table = Table(title=Text(section.title, style="bold") if section.title else None, title_justify="left")
    for name, width in zip(section.columns, widths, strict=True):
        table.add_column(Text(name), width=width, overflow="fold")
    for row in section.rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def wrap(value: str, width: int, indent: str = "") -> list[str]:
    """``value`` in lines of at most ``width`` columns, broken between words (a longer word keeps its line)."""
    return textwrap.wrap(value, width=max(20, width), initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False) or [indent]


def as_blocks(section: Section, width: int) -> list[Text]:
    """Lines of at most ``width`` columns, broken between words: per row a heading line and, indented below it,
    the row's other non-empty cells as ``name value`` pairs."""
    lines = [Text(section.title, style="bold underline")] if section.title else []
    used = section.heading_fields()
    for row in section.rows:
        heading = section.heading.format(*row).strip() or "—"
        lines.extend(Text(line, style="bold") for line in wrap(heading, width))
        rest = SEPARATOR.join(f"{name} {' '.join(cell.split())}"
                              for i, (name, cell) in enumerate(zip(section.columns, row, strict=True))
                              if i not in used and cell.strip())
        if rest:
            lines.extend(Text(line) for line in wrap(rest, width, "  "))
    if not section.rows:
        lines.append(Text("  none"))
    return lines


def clip(value: str, limit: int) -> str:
    """``value`` cut to at most ``limit`` characters at a space, with " …" when something was left out."""
    if len(value) <= limit:
        return value
    cut = value.rfind(" ", 0, limit - 1)
    return value[: cut if cut > 0 else limit - 2].rstrip() + " …"
