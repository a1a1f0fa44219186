"""The readable report and the query tables fit the terminal without breaking a word (issue 18, item 4).

``cli.layout`` decides between a table and one block per row; these tests render with a real rich console of a
given width and compare the words printed with the words of the cells: a word broken over two lines ("publishe"
/ "d") or cut ("Kenya (govern…") is a printed word that no cell has."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from rich.console import Console

from newsgraph.cli.layout import WIDE, Section, as_blocks, clip, column_widths, show
from newsgraph.cli.report import render, sections, title_of
from newsgraph.readers import read_path

BOX = re.compile(r"[\u2500-\u257f]+")  # rich's box-drawing characters: table rules and the title rule
MARKS = {"·", "—", "none", "→"}


def printed_words(output: str) -> list[str]:
    return BOX.sub(" ", output).split()


def cell_words(parts: list[Section], extra: str = "") -> set[str]:
    words = set(extra.split()) | MARKS
    for section in parts:
        words |= set(section.title.split())
        for name in section.columns:
            words |= set(name.split())
        for row in section.rows:
            for cell in row:
                words |= set(cell.split())
            words |= set(section.heading.format(*row).split())
    return words


def render_at(record: dict[str, Any], width: int) -> str:
    out = io.StringIO()
    render(record, Console(width=width, file=out, color_system=None, legacy_windows=False))
    return out.getvalue()


@pytest.fixture(scope="module")
def seed_record(analyzer: Any, shared: Any) -> dict[str, Any]:
    article = shared / "seed" / "article.txt"
    if not article.exists():
        pytest.skip("../shared/seed is not present")
    return analyzer.analyze_one(next(read_path(article, "2024-05-16")))


@pytest.mark.slow
@pytest.mark.parametrize("width", [80, 160])
def test_seed_report_breaks_no_word(seed_record: dict[str, Any], width: int) -> None:
    output = render_at(seed_record, width)
    parts = sections(seed_record, width)
    allowed = cell_words(parts, title_of(seed_record))
    printed = printed_words(output)
    broken = sorted({w for w in printed if w not in allowed})
    assert broken == [], f"words printed that no cell has (a word broken or cut): {broken[:20]}"
    whole = set(printed) | {w.strip("[],") for w in printed}  # a block's heading may bracket an id: "China [CHN]"
    missing = sorted({w for s in parts for row in s.rows for cell in row for w in cell.split()} - whole)
    assert missing == [], f"words of cells never printed whole: {missing[:20]}"
    assert max(len(line) for line in output.splitlines()) <= width
    events = seed_record["events"]
    assert events and "Events" in output and events[0]["trigger_text"] in output


@pytest.mark.slow
def test_seed_report_is_blocks_when_narrow_and_tables_when_wide(seed_record: dict[str, Any]) -> None:
    narrow, wide = render_at(seed_record, 80), render_at(seed_record, 160)
    # one event per block: its heading names source and target, its codes follow on an indented line
    assert "\nVladimir Putin, Xi Jinping → United States\n  CAMEO 111" in narrow
    assert "[RUS.GOV.vladimir_putin]" not in narrow.split("Events", 1)[1]  # ids only in the actors section
    assert "┃ source → target" in wide and "[RUS.GOV.vladimir_putin]" in wide.split("Events", 1)[1]


# ---- the layout itself, on sections we write ------------------------------------------------------------------
SHORT = Section("People", ["name", "country"], [["Ruto", "KEN"], ["Abiy Ahmed", "ETH"]])
LONG = Section("Events", ["source → target", "CAMEO", "date", "trigger"],
               [["Kenya (government) [KEN.GOV] → Ethiopia (government) [ETH.GOV]",
                 "036 Express intent to meet or negotiate", "2024-02-21", "published a statement"]] * 3,
               heading="{0}")


def shown(section: Section, width: int) -> str:
    out = io.StringIO()
    show(section, Console(width=width, file=out, color_system=None))
    return out.getvalue()


def test_a_table_whose_cells_fit_on_one_line_stays_a_table_at_any_width() -> None:
    assert column_widths(SHORT, 40) == [10, 7]
    assert "┃ name" in shown(SHORT, 40)


def test_a_wide_section_becomes_blocks_when_narrow_and_a_table_when_wide() -> None:
    assert column_widths(LONG, 80) is None
    narrow = shown(LONG, 80)
    assert narrow.splitlines()[1] == "Kenya (government) [KEN.GOV] → Ethiopia (government) [ETH.GOV]"
    assert narrow.splitlines()[2].startswith("  CAMEO 036 Express intent to meet or negotiate · date 2024-02-21")
    widths = column_widths(LONG, 160)
    assert widths is not None and sum(widths) + 3 * len(widths) + 1 <= 160
    wide = shown(LONG, 160)
    assert "┃ source → target" in wide
    for text in (narrow, wide):
        assert set(printed_words(text)) <= cell_words([LONG])


def test_blocks_wrap_between_words_within_the_width() -> None:
    lines = [str(line) for line in as_blocks(LONG, 30)]
    assert all(len(line) <= 30 for line in lines)
    assert "published a statement" in " ".join(line.strip() for line in lines)
    assert WIDE > 80


def test_clip_cuts_at_a_space() -> None:
    assert clip("the two leaders see eye-to-eye on defence", 20) == "the two leaders …"  # 17 of at most 20
    assert clip("short", 20) == "short"
    assert json.dumps(clip("x" * 30, 10))  # one long word is cut, never an error
