"""JSON Lines corpora, decided line by line: one bad line is one error document, the lines around it are read.

A line (``{"id", "text", "published", "title", "url"}``) becomes an error document when
1. it holds a NUL byte (E002), is not UTF-8 (E003) or is longer than ``MAX_LINE_BYTES`` (E004);
2. it is not a JSON object (E007): invalid JSON, an array, nesting too deep for the parser, an integer of more
   digits than Python converts;
3. a field has the wrong type (E008): ``text`` not a string, ``id`` neither a string nor an integer (lists,
   objects and booleans are not ids), an ``id`` longer than ``MAX_ID_CHARS``;
4. its text holds a NUL character (E002) or a lone surrogate, which no UTF-8 writer or tokenizer accepts (E003);
5. ``published`` is not an ISO 8601 date or date and time (E011): ``2024-05-16``, ``2024-05-16T10:00:00Z``,
   ``2024-05-16 10:00+02:00`` — a real day and time, ASCII digits; nothing is cut to fit.

A whole file is one error only when it cannot be a JSONL file at all: a binary format's signature, mostly
control bytes, or a UTF-16/UTF-32 byte-order mark (JSON Lines are UTF-8).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

from newsgraph.errors import DocumentError, ErrorCode
from newsgraph.readers.doc import InputDoc
from newsgraph.readers.sniff import BOMS, SAMPLE, binary_signature, control_share, has_surrogates, safe_text

#: a line longer than this is one E004 error (its bytes are skipped, not held in memory)
MAX_LINE_BYTES = 64 * 1024 * 1024
MAX_ID_CHARS = 1000
#: what ``published`` may be: a day, or a day and a time of day with an optional UTC offset
ISO_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]{1,6})?)?"
                          r"(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?")
_CHUNK = 1024 * 1024


def iso_day(value: str) -> str | None:
    """The day of a strict ISO 8601 date or date and time, or None (never a day cut from a longer string)."""
    if not ISO_DATETIME.fullmatch(value):
        return None
    try:
        return dt.datetime.fromisoformat(value.replace(",", ".")).date().isoformat()
    except ValueError:
        return None


def whole_file_problem(head: bytes, name: str) -> DocumentError | None:
    """Why a file that should hold JSON Lines cannot (from its first bytes), or None."""
    kind = binary_signature(head)
    if kind is not None:
        return DocumentError(ErrorCode.BINARY, f"{name}: a {kind}")
    for bom, encoding in BOMS:
        if head.startswith(bom) and encoding != "utf-8":
            return DocumentError(ErrorCode.ENCODING, f"{name}: {encoding.upper()}; JSON Lines must be UTF-8")
    if control_share(head[:SAMPLE]) > 0.3:
        return DocumentError(ErrorCode.BINARY, f"{name}: mostly control bytes")
    return None


def lines_of(handle: IO[bytes]) -> Iterator[bytes | None]:
    """The lines of a binary stream, each at most ``MAX_LINE_BYTES`` long; None stands for a longer line,
    whose bytes are read through and dropped."""
    while True:
        line = handle.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := handle.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield line


def documents(lines: Iterable[bytes | None], name: str, published: str | None) -> Iterator[InputDoc]:
    """One document (or error document) per non-blank line, in order."""
    for number, raw in enumerate(lines, start=1):
        where = f"{name}:{number}"
        if raw is None:
            yield InputDoc(where, "", published, error=DocumentError(
                ErrorCode.TOO_LARGE, f"{where}: a line longer than {MAX_LINE_BYTES:,} bytes"))
            continue
        if not raw.strip():
            continue
        if b"\x00" in raw:
            yield InputDoc(where, "", published, error=DocumentError(ErrorCode.BINARY, f"{where}: NUL byte"))
            continue
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as err:
            yield InputDoc(where, "", published, error=DocumentError(ErrorCode.ENCODING, f"{where}: byte {err.start}"))
            continue
        yield json_document(line, where, published)


def _bad(where: str, published: str | None, code: ErrorCode, why: str, doc_id: str | None = None) -> InputDoc:
    return InputDoc(doc_id or where, "", published, error=DocumentError(code, f"{where}: {why}"))


def json_document(line: str, where: str, published: str | None) -> InputDoc:
    """The document one JSONL line describes, or an error document saying what is wrong with it."""
    try:
        obj: Any = json.loads(line)
    except json.JSONDecodeError as err:
        return _bad(where, published, ErrorCode.BAD_JSON, err.msg)
    except RecursionError:
        return _bad(where, published, ErrorCode.BAD_JSON, "nested too deeply")
    except ValueError as err:  # an integer of more digits than Python converts
        return _bad(where, published, ErrorCode.BAD_JSON, str(err)[:200])
    if not isinstance(obj, dict):
        return _bad(where, published, ErrorCode.BAD_JSON, "not an object")
    raw_id = obj.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, str | int)):
        return _bad(where, published, ErrorCode.BAD_FIELD, f"'id' must be a string or an integer, not "
                                                           f"{type(raw_id).__name__}")
    doc_id = safe_text(str(raw_id)) if raw_id is not None else where
    if len(doc_id) > MAX_ID_CHARS:
        return _bad(where, published, ErrorCode.BAD_FIELD, f"'id' is longer than {MAX_ID_CHARS:,} characters")
    text = obj.get("text")
    if not isinstance(text, str):
        return _bad(where, published, ErrorCode.BAD_FIELD, "'text' must be a string", doc_id)
    if "\x00" in text:
        return _bad(where, published, ErrorCode.BINARY, "NUL character in 'text'", doc_id)
    if has_surrogates(text):
        return _bad(where, published, ErrorCode.ENCODING, "'text' holds a lone surrogate (not Unicode text)", doc_id)
    date = obj.get("published") or published
    day = iso_day(date) if isinstance(date, str) else None
    if date is not None and day is None:
        shown = safe_text(date[:40]) if isinstance(date, str) else type(date).__name__
        return InputDoc(doc_id, text, None, error=DocumentError(
            ErrorCode.BAD_DATE, f"{where}: published {shown!r} is not an ISO 8601 date or date and time"))
    return InputDoc(doc_id, text, day, _opt_str(obj.get("title")), _opt_str(obj.get("url")))


def _opt_str(value: Any) -> str | None:
    return safe_text(value) if isinstance(value, str) else None
