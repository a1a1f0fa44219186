"""Bad input becomes a clear error record (code + message) and the run goes on, one record per input, in order.

Every case goes through the real readers (``read_path`` / ``read_stream``) and the real pipeline
(``Analyzer.analyze``). The texts below were written for these tests; they are not news reports.
"""

from __future__ import annotations

import io
import json
import random
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from newsgraph.errors import MESSAGES, DocumentError, ErrorCode, NewsgraphError
from newsgraph.pipeline.analyzer import Analyzer
from newsgraph.pipeline.record import validate_record
from newsgraph.readers import InputDoc, read_path, read_stream

ENGLISH = (
    "Canadian Prime Minister Justin Trudeau met German Chancellor Olaf Scholz in Berlin on Monday to discuss "
    "energy cooperation and support for Ukraine. The two leaders signed an agreement on hydrogen exports worth "
    "$2 billion, according to a joint statement. \u201cCanada is ready to be a reliable supplier of clean energy "
    "to Europe,\u201d Trudeau told reporters after the talks. Scholz said Germany would buy more liquefied "
    "natural gas from Canada in the coming years.\n"
)
ENGLISH_2 = (
    "Japan and South Korea agreed on Thursday to resume regular security talks, the Japanese foreign ministry "
    "said. The ministers of the two countries met in Seoul and pledged to work more closely with the United "
    "States on regional security.\n"
)
FRENCH = (
    "Le ministre des Affaires étrangères a rencontré mardi son homologue italien à Rome pour discuter de la "
    "coopération économique entre les deux pays. Selon un communiqué publié après la réunion, les deux "
    "responsables ont convenu de renforcer les échanges commerciaux et de lancer un programme commun de "
    "recherche sur l'énergie solaire. Le ministre a déclaré que cette visite marquait une étape importante "
    "dans les relations bilatérales. Une nouvelle rencontre est prévue à Paris au mois de septembre, avec la "
    "participation de plusieurs entreprises des deux pays, qui souhaitent investir davantage dans la région.\n"
)
RUSSIAN = (
    "Министр иностранных дел провёл во вторник переговоры со своим коллегой из Казахстана в Москве. Стороны "
    "обсудили развитие торговли, строительство новых железных дорог и сотрудничество в области энергетики. "
    "По словам министра, обе страны намерены заметно увеличить объём взаимной торговли в ближайшие годы. "
    "После встречи министры подписали совместное заявление и договорились провести следующую встречу осенью "
    "в Астане. Эксперты считают, что эти переговоры помогут укрепить экономические связи между двумя "
    "государствами, создать новые рабочие места и привлечь новых инвесторов в весь этот большой регион.\n"
)
BOILERPLATE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Example Daily News</title></head>
<body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li>
  <li><a href="/subscribe">Subscribe</a></li></ul></nav>
  <footer><p>&copy; 2024 Example Daily News. All rights reserved.</p>
  <ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms of use</a></li></ul></footer>
</body></html>
"""
EMPTY_BODY_HTML = "<!DOCTYPE html>\n<html><head><title>Nothing here</title></head><body></body></html>\n"


def binary_bytes() -> bytes:
    """A PNG signature and header followed by random bytes, NULs included."""
    noise = random.Random(20240516).randbytes(4000)
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + noise + b"\x00" * 64


def analyze_all(analyzer: Analyzer, docs: Iterable[InputDoc]) -> list[dict[str, Any]]:
    return list(analyzer.analyze(docs))


def error_code(record: dict[str, Any]) -> str | None:
    error = record.get("error")
    return error["code"] if error else None


def assert_error_record(record: dict[str, Any], code: ErrorCode) -> None:
    """A well-formed error record: the code, a readable message, nothing extracted, and contract-valid."""
    assert record.get("error"), f"expected {code.value}, got a record without error (id {record['id']})"
    assert record["error"]["code"] == code.value, record["error"]
    assert record["error"]["message"].startswith(MESSAGES[code])
    for key in ("actors", "mentions", "quotes", "events", "times", "amounts", "places"):
        assert not record[key], key
    assert validate_record(record) == []


# --- files that cannot be analysed ------------------------------------------------------------------------------

BAD_FILES: list[tuple[str, bytes, ErrorCode]] = [
    ("empty.txt", b"", ErrorCode.EMPTY),
    ("blank.txt", b"  \n\t \r\n   \n", ErrorCode.EMPTY),
    ("image.txt", binary_bytes(), ErrorCode.BINARY),
    ("latin1.txt", b"caf\xe9 au lait, the minister said on Monday after the talks in Paris.\n", ErrorCode.ENCODING),
    ("french.txt", FRENCH.encode(), ErrorCode.NOT_ENGLISH),
    ("russian.txt", RUSSIAN.encode(), ErrorCode.NOT_ENGLISH),
    ("boilerplate.html", BOILERPLATE_HTML.encode(), ErrorCode.NO_ARTICLE),
    ("empty_body.html", EMPTY_BODY_HTML.encode(), ErrorCode.NO_ARTICLE),
]


@pytest.mark.parametrize(("name", "content", "code"), BAD_FILES, ids=[name for name, _, _ in BAD_FILES])
def test_bad_file_gives_error_record(analyzer: Analyzer, tmp_path: Path, name: str, content: bytes,
                                     code: ErrorCode) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    records = analyze_all(analyzer, read_path(path, "2024-05-16"))
    assert len(records) == 1
    assert records[0]["id"] == name
    assert records[0]["published"] == "2024-05-16"
    assert_error_record(records[0], code)


def test_huge_file_is_refused_before_parsing(analyzer: Analyzer, tmp_path: Path) -> None:
    sentence = "The foreign ministers of both countries met in Geneva on Tuesday to discuss trade and security. "
    path = tmp_path / "huge.txt"
    path.write_text(sentence * (20 * 1024 * 1024 // len(sentence) + 1), encoding="utf-8")
    assert path.stat().st_size > 20 * 1024 * 1024
    [doc] = list(read_path(path))
    # the size check belongs to the checks that run without a parse
    problem = analyzer.precheck(doc)
    assert problem is not None and problem.code is ErrorCode.TOO_LARGE
    [record] = analyze_all(analyzer, [doc])
    assert_error_record(record, ErrorCode.TOO_LARGE)


def test_missing_path_gives_e009(analyzer: Analyzer, tmp_path: Path) -> None:
    records = analyze_all(analyzer, read_path(tmp_path / "no-such-article.txt"))
    assert len(records) == 1
    assert records[0]["id"] == "no-such-article.txt"
    assert_error_record(records[0], ErrorCode.UNREADABLE)


# --- JSON Lines ---------------------------------------------------------------------------------------------------

def test_jsonl_bad_line_does_not_stop_the_others(analyzer: Analyzer, tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "first", "text": ENGLISH, "published": "2024-05-13"}),
        '{"id": "second", "text": "a line cut short',
        json.dumps({"id": "third", "text": ENGLISH_2, "published": "2024-05-16"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = analyze_all(analyzer, read_path(path))
    assert [r["id"] for r in records] == ["first", "batch.jsonl:2", "third"]
    assert [error_code(r) for r in records] == [None, "E007", None]
    assert_error_record(records[1], ErrorCode.BAD_JSON)
    assert records[0]["text"] == ENGLISH and records[0]["published"] == "2024-05-13"
    assert records[2]["text"] == ENGLISH_2 and records[2]["published"] == "2024-05-16"
    assert records[0]["actors"] and records[2]["actors"]
    assert all(validate_record(r) == [] for r in records)


@pytest.mark.parametrize(
    ("obj", "code"),
    [
        ({"id": "numeric", "text": 20240516}, ErrorCode.BAD_FIELD),
        ({"id": "no-text", "title": "A headline only"}, ErrorCode.BAD_FIELD),
        ({"id": "day-first", "text": ENGLISH_2, "published": "16/05/2024"}, ErrorCode.BAD_DATE),
        (["not", "an", "object"], ErrorCode.BAD_JSON),
    ],
    ids=["text-is-number", "text-missing", "date-day-first", "array"],
)
def test_jsonl_bad_field(analyzer: Analyzer, tmp_path: Path, obj: Any, code: ErrorCode) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(obj) + "\n", encoding="utf-8")
    [record] = analyze_all(analyzer, read_path(path))
    assert_error_record(record, code)
    if isinstance(obj, dict):
        assert record["id"] == obj["id"]


# --- stdin ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("data", "codes"),
    [
        (b"", ["E001"]),
        (b"\n   \n", ["E001"]),
        (binary_bytes(), ["E002"]),
        (b"caf\xe9 au lait\n", ["E003"]),
        (FRENCH.encode(), ["E005"]),
        (b'{"id": "a", "text": "Short text."}\n{"id": "b", "text": \n{"id": "c", "text": 7}\n',
         [None, "E007", "E008"]),
    ],
    ids=["empty", "blank", "binary", "latin1", "french", "jsonl"],
)
def test_bad_stdin_gives_error_records(analyzer: Analyzer, data: bytes, codes: list[str | None]) -> None:
    records = analyze_all(analyzer, read_stream(io.BytesIO(data), "stdin"))
    assert [error_code(r) for r in records] == codes
    assert all(validate_record(r) == [] for r in records)


# --- a mixed run ----------------------------------------------------------------------------------------------------

def test_mixed_batch_one_record_per_input_in_order(analyzer: Analyzer, tmp_path: Path) -> None:
    files: dict[str, bytes] = {
        "good.txt": ENGLISH.encode(),
        "empty.txt": b"",
        "image.txt": binary_bytes(),
        "latin1.txt": b"caf\xe9 cr\xe8me\n",
        "french.txt": FRENCH.encode(),
        "nav.html": BOILERPLATE_HTML.encode(),
        "mixed.jsonl": (json.dumps({"id": "j-good", "text": ENGLISH_2}) + "\n{oops\n"
                        + json.dumps({"id": "j-date", "text": ENGLISH_2, "published": "May 16"}) + "\n").encode(),
    }
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    # enough inputs to cross the analyzer's batch boundary, good ones at both ends and in the middle
    filler = [InputDoc(f"blank-{n}", " ") for n in range(analyzer.settings.batch_size)]
    docs: list[InputDoc] = [
        *read_path(tmp_path / "good.txt", "2024-05-13"),
        *read_path(tmp_path / "empty.txt"),
        *read_path(tmp_path / "image.txt"),
        *read_path(tmp_path / "latin1.txt"),
        *read_path(tmp_path / "missing.txt"),
        *read_path(tmp_path / "french.txt"),
        *read_path(tmp_path / "nav.html"),
        *read_path(tmp_path / "mixed.jsonl"),
        *filler,
        InputDoc("direct", RUSSIAN, "2024-05-16"),
        InputDoc("last", ENGLISH, "2024-05-16"),
    ]
    expected = ["good.txt", "empty.txt", "image.txt", "latin1.txt", "missing.txt", "french.txt", "nav.html",
                "j-good", "mixed.jsonl:2", "j-date", *(d.id for d in filler), "direct", "last"]
    records = analyze_all(analyzer, iter(docs))
    assert [r["id"] for r in records] == expected
    assert [error_code(r) for r in records] == [
        None, "E001", "E002", "E003", "E009", "E005", "E006", None, "E007", "E011",
        *(["E001"] * len(filler)), "E005", None,
    ]
    for record in records:
        assert validate_record(record) == [], record["id"]
    good = [r for r in records if not r.get("error")]
    assert [r["id"] for r in good] == ["good.txt", "j-good", "last"]
    assert all(r["actors"] for r in good)
    assert records[0]["text"] == ENGLISH


# --- the catalogue --------------------------------------------------------------------------------------------------

def test_every_code_has_a_message() -> None:
    assert set(MESSAGES) == set(ErrorCode)
    assert all(MESSAGES[code].strip() for code in ErrorCode)
    values = [code.value for code in ErrorCode]
    assert len(set(values)) == len(values)
    assert all(re.fullmatch(r"E\d{3}", v) for v in values)


@pytest.mark.parametrize("code", list(ErrorCode), ids=lambda c: c.value)
def test_error_str_starts_with_code(code: ErrorCode) -> None:
    err = NewsgraphError(code, "x")
    assert str(err).startswith(f"[{code.value}]")
    assert str(err) == f"[{code.value}] {MESSAGES[code]}: x"
    assert str(DocumentError(code)).startswith(f"[{code.value}] ")


def test_a_published_date_that_is_not_a_day_is_an_error_record(analyzer) -> None:
    from newsgraph.readers.files import InputDoc

    record = analyzer.analyze_one(InputDoc("d", "Japan thanked India for the aid.", "Wed Nov 23"))
    assert record["error"]["code"] == "E011" and "Wed Nov 23" in record["error"]["message"]
    assert analyzer.analyze_one(InputDoc("d", "Japan thanked India.", "2024-02-30"))["error"]["code"] == "E011"


def test_a_sentence_mostly_of_names_is_english() -> None:
    # names carry no evidence of the language: only the lower-case words and the function words are counted
    from newsgraph.nlp.lang import english_ratio

    ratio, counted = english_ratio("U.S. President Joe Biden, French President Emmanuel Macron and German "
                                   "Chancellor Olaf Scholz condemned Russia and its allies over the attacks.")
    assert counted == 8 and ratio > 0.5
    ratio, counted = english_ratio("Le président de la République a annoncé mardi de nouvelles mesures pour "
                                   "soutenir l'Ukraine, et le gouvernement va livrer des armes.")
    assert counted >= 12 and ratio < 0.12
