"""The metonymy scorer: its readers (ReLocaR and SemEval formats, written here) and its arithmetic."""

from __future__ import annotations

from pathlib import Path

from newsgraph.evaluate.metonymy import read_relocar, read_semeval, score_metonymy

RELOCAR = """<?xml version="1.0" encoding="UTF-8"?>
<data>
<sample number="1">Ministers met in <loc reading="lit">Oslo</loc> on Monday.
</sample>
<sample number="2"><loc reading="met">Norway</loc> won the final.
</sample>
</data>
"""

SEMEVAL = """<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE sampletexts [
<!ENTITY equo   '"' >
<!ENTITY dollar   "&#36;">
]>
<sampletexts>
<sample id="samp1">
<bnc:title> A title </bnc:title>
<par>
It cost &dollar;5. &equo;Fine&equo; said <annot><location reading="metonymic"> Chile </location></annot> on Friday.
</par>
</sample>
<sample id="samp2">
<bnc:title> Another </bnc:title>
<par>
We drove across <annot><location reading="mixed"> Peru </location></annot> for a week.
</par>
</sample>
</sampletexts>
"""


def test_readers(tmp_path: Path) -> None:
    (tmp_path / "r.xml").write_text(RELOCAR, encoding="utf-8")
    (tmp_path / "s.xml").write_text(SEMEVAL, encoding="latin-1")
    relocar = read_relocar(tmp_path / "r.xml")
    assert [(s.text[s.start : s.end], s.reading) for s in relocar] == [("Oslo", "literal"), ("Norway", "metonymic")]
    semeval = read_semeval(tmp_path / "s.xml")
    assert [(s.text[s.start : s.end], s.reading) for s in semeval] == [("Chile", "metonymic"), ("Peru", "mixed")]
    assert '$5. "Fine" said' in semeval[0].text


def test_scores(tmp_path: Path) -> None:
    (tmp_path / "r.xml").write_text(RELOCAR, encoding="utf-8")
    oslo, norway = read_relocar(tmp_path / "r.xml")

    def place(sample, metonymy: bool) -> dict:
        return {"places": [{"start": sample.start, "end": sample.end, "metonymy": metonymy}]}

    errors: list[dict] = []
    right = score_metonymy([oslo, norway], [place(oslo, False), place(norway, True)], errors)
    assert (right["accuracy"], right["met_f1"], errors) == (1.0, 1.0, [])
    wrong = score_metonymy([oslo, norway], [place(oslo, True), {"places": []}], errors)
    assert (wrong["accuracy"], wrong["met_p"], wrong["met_r"]) == (0.0, 0.0, 0.0)
    assert [e["name"] for e in errors] == ["Oslo", "Norway"] and not errors[1]["place_found"]
