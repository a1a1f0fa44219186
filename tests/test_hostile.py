"""Hostile and odd input (issue 12): no input stops a run, loses a document or damages the store.

One test (or more) per reproduced defect of the issue, through the real readers and the real pipeline. The
texts are our own sentences; the hostile parts (huge numbers, deep nesting, lone surrogates, NUL bytes, file
names that are not UTF-8, CJK text, PDF headers…) are built here.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from newsgraph.errors import ErrorCode
from newsgraph.pipeline.analyzer import Analyzer
from newsgraph.pipeline.record import validate_record
from newsgraph.readers import InputDoc, read_path, read_stream

GOOD = ("Kenya and Ethiopia signed a trade agreement in Nairobi on Tuesday, the Kenyan foreign ministry said. "
        "President William Ruto praised the deal and said both countries would cut tariffs next year.")
GOOD_2 = ("Japan pledged $40 million in aid to the Philippines on Monday after a typhoon struck the northern "
          "provinces, officials in Tokyo said.")


def codes(records: list[dict[str, Any]]) -> list[str | None]:
    return [r["error"]["code"] if r.get("error") else None for r in records]


def dumps_ok(record: dict[str, Any]) -> str:
    """The record as the CLI writes it: JSON that is also valid UTF-8."""
    line = json.dumps(record, ensure_ascii=False)
    line.encode("utf-8")
    return line


def jsonl(*lines: str | dict[str, Any]) -> bytes:
    return "".join((json.dumps(x) if isinstance(x, dict) else x) + "\n" for x in lines).encode(
        "utf-8", "surrogatepass")


# --- 1. a number of 4,400 digits; 5. an amount above the int64 range ------------------------------------------

@pytest.mark.parametrize("written", ["$" + "9" * 4400, "$99999999999999999999 billion", "€1e400"],
                         ids=["4400-nines", "beyond-int64", "exponent"])
def test_huge_amount_is_kept_with_a_null_value(analyze: Any, written: str) -> None:
    record = analyze(f"The government of Kenya said on Monday that it would spend {written} on new roads. {GOOD}")
    assert not record.get("error"), record.get("error")
    dumps_ok(record)
    huge = [a for a in record["amounts"] if a["text"].startswith(("$", "€"))]
    if written.startswith("€1e"):  # not a number we read: no amount, and no crash
        return
    assert huge, record["amounts"]
    assert huge[0]["value"] is None and huge[0]["out_of_range"] is True
    assert validate_record(record) == []


def test_amounts_within_bounds_keep_their_value(analyze: Any) -> None:
    record = analyze("Trade between China and Russia reached $240 billion last year, officials said on Monday.")
    [amount] = [a for a in record["amounts"] if a["unit"] == "USD"]
    assert amount["value"] == 240_000_000_000 and "out_of_range" not in amount


# --- 2-4. JSONL: decided line by line -----------------------------------------------------------------------------

HOSTILE_LINES = {
    "nested 2,000 deep": ('{"id": "deep", "text": ' + "[" * 2000 + "]" * 2000 + "}", "E007"),
    "id of 4,400 digits": ('{"id": ' + "9" * 4400 + ', "text": "Kenya praised Ethiopia."}', "E007"),
    "lone surrogate": ('{"id": "sur", "text": "Kenya \\ud800 praised Ethiopia on Monday."}', "E003"),
    "escaped NUL": ('{"id": "nul", "text": "Kenya praised\\u0000 Ethiopia on Monday."}', "E002"),
    "raw NUL byte": ('{"id": "raw", "text": "Kenya praised\x00 Ethiopia."}', "E002"),
    "id is a list": ('{"id": ["a", "b"], "text": "Kenya praised Ethiopia on Monday."}', "E008"),
    "id is an object": ('{"id": {"a": 1}, "text": "Kenya praised Ethiopia on Monday."}', "E008"),
    "id is true": ('{"id": true, "text": "Kenya praised Ethiopia on Monday."}', "E008"),
    "date with garbage": ('{"id": "g", "text": "Kenya praised Ethiopia.", "published": "2024-05-16garbage"}',
                          "E011"),
    "impossible time": ('{"id": "t", "text": "Kenya praised Ethiopia.", "published": "2024-05-16T25:61:99"}',
                        "E011"),
    "full-width digits": ('{"id": "w", "text": "Kenya praised Ethiopia.", "published": "２０２４-05-16"}', "E011"),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_LINES))
@pytest.mark.parametrize("via", ["file", "stdin"])
def test_one_bad_jsonl_line_is_one_error_record(analyzer: Analyzer, tmp_path: Path, kind: str, via: str) -> None:
    bad, code = HOSTILE_LINES[kind]
    data = jsonl({"id": "before", "text": GOOD, "published": "2024-05-14"}, bad,
                 {"id": "after", "text": GOOD_2, "published": "2024-05-16T09:30:00Z"})
    if via == "file":
        path = tmp_path / "mixed.jsonl"
        path.write_bytes(data)
        docs = list(read_path(path))
    else:
        docs = list(read_stream(io.BytesIO(data), "stdin"))
    records = list(analyzer.analyze(docs))
    assert codes(records) == [None, code, None], [r.get("error") for r in records]
    assert records[0]["id"] == "before" and records[2]["id"] == "after"
    assert records[0]["actors"] and records[2]["actors"]
    assert records[2]["published"] == "2024-05-16"
    for record in records:
        dumps_ok(record)
        assert validate_record(record) == []


def test_valid_ids_and_dates_are_kept(analyzer: Analyzer, tmp_path: Path) -> None:
    path = tmp_path / "ok.jsonl"
    path.write_bytes(jsonl({"id": 17, "text": GOOD, "published": "2024-05-16T10:00:00+02:00"},
                           {"id": "s", "text": GOOD_2, "published": "2024-05-16 10:00"}))
    records = list(analyzer.analyze(read_path(path)))
    assert codes(records) == [None, None]
    assert [r["id"] for r in records] == ["17", "s"]
    assert [r["published"] for r in records] == ["2024-05-16", "2024-05-16"]


# --- 4. text files: NUL anywhere --------------------------------------------------------------------------------

def test_nul_after_the_first_8kb_is_binary(analyzer: Analyzer, tmp_path: Path) -> None:
    path = tmp_path / "late-nul.txt"
    path.write_bytes((GOOD + "\n").encode() * 60 + b"\x00" + GOOD.encode())
    assert path.stat().st_size > 9000
    [record] = list(analyzer.analyze(read_path(path)))
    assert codes([record]) == ["E002"]


# --- 11. misclassified inputs ------------------------------------------------------------------------------------

CHINESE = ("中国外交部发言人星期一在北京表示，中方愿同俄方一道，推动两国关系继续向前发展。双方领导人在会谈中"
           "就贸易、能源和地区安全问题深入交换了意见，并签署了多项合作文件。") * 3
JAPANESE = ("日本政府は月曜日、東京で記者会見を開き、フィリピンに対する人道支援として四千万ドルを拠出すると"
            "発表した。外務省によると、支援は台風の被害を受けた北部地域に送られる。") * 3


@pytest.mark.parametrize(("name", "content", "code"), [
    ("chinese.txt", CHINESE.encode(), "E005"),
    ("japanese.txt", JAPANESE.encode(), "E005"),
    ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" * 20,
     "E002"),
    ("archive.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"story.txt" + bytes(range(32, 127)) * 40, "E002"),
    ("empty.html", b"", "E001"),
    ("blank.html", b"  \n \n", "E001"),
    ("zero-width.txt", "\u200b\u200c\u200d\u2060\ufeff \u200b\n".encode() * 50, "E001"),
    ("brackets.txt", b"[" * 100_000, "E001"),
], ids=lambda v: v if isinstance(v, str) and "." in v else "")
def test_misclassified_inputs(analyzer: Analyzer, tmp_path: Path, name: str, content: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    [record] = list(analyzer.analyze(read_path(path, "2024-05-16")))
    assert codes([record]) == [code], record.get("error")


def test_far_future_publication_date_is_analysed(analyze: Any) -> None:
    record = analyze("Kenya praised Ethiopia on Monday and said talks would resume next month. " + GOOD,
                     published="9999-12-31")
    assert not record.get("error"), record["error"]
    assert record["events"] and validate_record(record) == []
    dumps_ok(record)


# --- 12. error records keep an excerpt and a hash, never the whole text -----------------------------------------

def test_error_record_keeps_an_excerpt_and_a_hash(analyzer: Analyzer) -> None:
    text = (GOOD + " ") * 20_000  # about 4 MB: over max_chars
    [record] = list(analyzer.analyze([InputDoc("big", text, "2024-05-16")]))
    assert record["error"]["code"] == "E004"
    assert len(record["text"]) <= 500 and text.startswith(record["text"])
    assert record["error"]["chars"] == len(text)
    assert len(record["error"]["text_hash"]) == 32
    assert validate_record(record) == []
    other = analyzer.analyze_one(InputDoc("big2", text + "x", "2024-05-16"))
    assert other["error"]["text_hash"] != record["error"]["text_hash"]


def test_error_codes_are_in_the_catalogue() -> None:
    assert ErrorCode("E018") is ErrorCode.TIME_BUDGET


# --- 8. the per-document time budget ------------------------------------------------------------------------------

class FakeClock:
    """A clock the test moves: stages below advance it as if they took that long."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _toy_pipeline(clock: FakeClock, seen: list[str]) -> Any:
    """A blank English pipeline with three stages: one that 'takes' 100 s on texts saying SLOW, one whose loop
    asks the budget and 'takes' 10 s a round on texts saying LOOP, and one that records who reached it."""
    import spacy
    from spacy.language import Language

    from newsgraph.nlp import budget

    @Language.component("test_hostile_slow")
    def slow(doc: Any) -> Any:
        if "SLOW" in doc.text:
            clock.now += 100.0
        return doc

    @Language.component("test_hostile_loop")
    def loop(doc: Any) -> Any:
        for _ in range(100 if "LOOP" in doc.text else 0):
            clock.now += 10.0
            budget.check(doc)
        return doc

    @Language.component("test_hostile_last")
    def last(doc: Any) -> Any:
        seen.append(doc.text.split()[0])
        return doc

    nlp = spacy.blank("en")
    for name in ("test_hostile_slow", "test_hostile_loop", "test_hostile_last"):
        nlp.add_pipe(name)
    return nlp


def test_a_document_over_its_time_budget_becomes_e018_and_the_run_goes_on() -> None:
    from newsgraph.config import Settings

    clock, seen = FakeClock(), []
    analyzer = Analyzer(Settings(time_budget=60.0), nlp=_toy_pipeline(clock, seen), clock=clock)
    docs = [InputDoc("a", "First: Kenya praised Ethiopia."), InputDoc("b", "Second SLOW: Kenya praised Ethiopia."),
            InputDoc("c", "Third LOOP: Kenya praised Ethiopia."), InputDoc("d", "Fourth: Ethiopia thanked Kenya.")]
    records = list(analyzer.analyze(docs))
    assert codes(records) == [None, "E018", "E018", None]
    assert "after stage test_hostile_slow" in records[1]["error"]["message"]
    assert "during stage test_hostile_loop" in records[2]["error"]["message"]
    assert clock.now < 200  # the loop stopped at its first check past the deadline, not after 100 rounds
    assert seen == ["First:", "Fourth:"]  # no later stage ran on the documents over budget
    unlimited = Analyzer(Settings(time_budget=0), nlp=_toy_pipeline(FakeClock(), []), clock=FakeClock())
    assert codes(list(unlimited.analyze(docs[:2]))) == [None, None]
