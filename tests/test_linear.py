"""The work our stages do grows linearly with the length of a document (issue 12, defect 8).

Time is a poor witness on a shared machine, so these tests count work instead: the lines of newsgraph's own
code executed while our stages run on a document of N sentences and on one of 4N sentences (the model's parse
runs untraced). Linear work gives a ratio near 4 (the test allows 5); a step that compares every event with
every time expression, or every pronoun with every mention, gives a ratio near 16. The texts are our own
sentences, each a pattern the issue found to be slow: many short sentences, many quotations, unbalanced quote
marks, pronouns, "the two leaders".
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from newsgraph.pipeline.analyzer import Analyzer

SUBJECTS = ["The minister", "Officials in Nairobi", "The president", "Kenya", "The government", "Police",
            "The United Nations", "Ethiopia"]
VERBS = ["condemned", "praised", "visited", "criticized", "rejected", "welcomed", "accused", "supported"]
OBJECTS = ["the plan", "Ethiopia", "the deal", "the talks", "China", "new sanctions", "Somalia", "Uganda"]
PACKAGE = str(Path(__file__).resolve().parent.parent / "src" / "newsgraph")


def _sentence(n: int) -> str:
    return (f"{SUBJECTS[n % 8]} {VERBS[(n // 8) % 8]} {OBJECTS[(n // 64 + n) % 8]} on "
            f"{['Monday', 'Tuesday', 'May 3', 'last week'][n % 4]}.")


KINDS = {
    "short sentences": lambda n: " ".join(_sentence(i) for i in range(n)),
    "quotations": lambda n: " ".join(f"\u201c{_sentence(i)}\u201d {SUBJECTS[i % 8]} said." for i in range(n)),
    "unbalanced marks": lambda n: " ".join(('"' if i % 3 == 0 else "") + _sentence(i) for i in range(n)),
    "pronouns": lambda n: " ".join(f"President William Ruto met Abiy Ahmed. He {VERBS[i % 8]} them and they "
                                   f"thanked him. It {VERBS[(i + 3) % 8]} {OBJECTS[i % 8]}." for i in range(n // 3)),
    "the two leaders": lambda n: " ".join(f"Ruto met Abiy in Addis Ababa. The two leaders {VERBS[i % 8]} "
                                          f"{OBJECTS[i % 8]}." for i in range(n // 2)),
    "paragraphs": lambda n: "\n".join(_sentence(i) for i in range(n)),
}


def _work(analyzer: Analyzer, text: str) -> int:
    """Lines of newsgraph code executed by our stages on ``text`` (the spaCy model's components untraced)."""
    nlp = analyzer.nlp
    doc = nlp.make_doc(text)
    doc._.ng_published = "2024-05-16"
    lines = 0

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal lines
        if not frame.f_code.co_filename.startswith(PACKAGE):
            return None  # do not trace inside other libraries' functions
        if event == "line":
            lines += 1
        return tracer

    for name, proc in nlp.pipeline:
        if name.startswith("newsgraph_"):
            sys.settrace(tracer)
            try:
                doc = proc(doc)
            finally:
                sys.settrace(None)
        else:
            doc = proc(doc)
    return lines


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_work_grows_linearly(analyzer: Analyzer, kind: str) -> None:
    make = KINDS[kind]
    small, large = _work(analyzer, make(60)), _work(analyzer, make(240))
    assert small > 0
    assert large / small < 5, f"{kind}: 4x the text took {large / small:.1f}x the work ({small:,} -> {large:,} lines)"
