"""Input documents from ``.txt``, ``.html``, ``.jsonl`` files and stdin (see ../shared/CONTRACT.md).

A reader never raises for one bad document: it yields an ``InputDoc`` whose ``error`` is set, so the run goes
on and the output keeps one record per input, in input order.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from newsgraph.dates import ISO_DAY, iso_day
from newsgraph.errors import DocumentError, ErrorCode

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
#: files larger than this are not read into memory at all (the text limit is checked again after decoding)
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass
class InputDoc:
    id: str
    text: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    error: DocumentError | None = None


def read_inputs(paths: Iterable[str], published: str | None = None) -> Iterator[InputDoc]:
    for path in paths:
        if path == "-":
            yield from read_stream(sys.stdin.buffer, "stdin", published)
        else:
            yield from read_path(Path(path), published)


def read_path(path: Path, published: str | None = None) -> Iterator[InputDoc]:
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from iter_jsonl(path, published)
        return
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DocumentError(ErrorCode.TOO_LARGE, f"{path.name} is {size:,} bytes")
        data = path.read_bytes()
    except DocumentError as err:
        yield InputDoc(path.name, "", published, error=err)
        return
    except OSError as err:
        yield InputDoc(path.name, "", published, error=DocumentError(ErrorCode.UNREADABLE, str(err)))
        return
    suffix = path.suffix.lower()
    doc = html_document(data, path.name, published) if suffix in HTML_SUFFIXES else plain_document(
        data, path.name, published)
    if doc.published is None:
        doc.published = date_in_name(path.name)
    yield doc


def date_in_name(name: str) -> str | None:
    """A publication date written in a file name ("2024-05-16_summit.txt"), the convention of many archives."""
    for match in ISO_DAY.finditer(name):
        day = iso_day(match.group(0))
        if day is not None:
            return day.isoformat()
    return None


def read_stream(stream: IO[bytes], name: str, published: str | None = None) -> Iterator[InputDoc]:
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        yield InputDoc(name, "", published, error=DocumentError(ErrorCode.TOO_LARGE, f"{name} is too large"))
        return
    head = data.lstrip()[:1]
    if head == b"{":
        yield from _jsonl(data, name, published)
    elif head == b"<" and re.search(rb"<(html|body|article|p)\b", data[:5000], re.IGNORECASE):
        yield html_document(data, name, published)
    else:
        yield plain_document(data, name, published)


def decode(data: bytes, name: str) -> str:
    """UTF-8 text (a BOM is dropped); binary data and invalid UTF-8 raise ``DocumentError``."""
    sample = data[:8192]
    if b"\x00" in sample or (sample and sum(b < 9 or 13 < b < 32 for b in sample) / len(sample) > 0.1):
        raise DocumentError(ErrorCode.BINARY, name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DocumentError(ErrorCode.ENCODING, f"{name}: byte {err.start}") from err


def plain_document(data: bytes, name: str, published: str | None) -> InputDoc:
    try:
        return InputDoc(name, decode(data, name), published)
    except DocumentError as err:
        return InputDoc(name, "", published, error=err)


def html_document(data: bytes, name: str, published: str | None, url: str | None = None) -> InputDoc:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    try:
        html = decode(data, name)
    except DocumentError as err:
        return InputDoc(name, "", published, error=err)
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_precision=True)
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or not text.strip():
        return InputDoc(name, "", published, error=DocumentError(ErrorCode.NO_ARTICLE, name))
    date = getattr(extracted, "date", None)
    title = getattr(extracted, "title", None)
    return InputDoc(name, text, published or (date if date and ISO_DAY.fullmatch(date) else None), title,
                    url or getattr(extracted, "url", None))


def iter_jsonl(path: Path, published: str | None = None) -> Iterator[InputDoc]:
    """A JSONL corpus, streamed line by line: a file of any size, one document (or error) per line."""
    try:
        handle = path.open("rb")
    except OSError as err:
        yield InputDoc(path.name, "", published, error=DocumentError(ErrorCode.UNREADABLE, str(err)))
        return
    with handle:
        try:
            decode(handle.read(8192), path.name)  # binary data is one error, not one per "line"
        except DocumentError as err:
            if err.code == ErrorCode.BINARY:
                yield InputDoc(path.name, "", published, error=err)
                return
        handle.seek(0)
        for number, raw in enumerate(handle, start=1):
            where = f"{path.name}:{number}"
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as err:
                problem = DocumentError(ErrorCode.ENCODING, f"{where}: byte {err.start}")
                yield InputDoc(where, "", published, error=problem)
                continue
            yield _json_doc(line, where, published)


def _jsonl(data: bytes, name: str, published: str | None) -> Iterator[InputDoc]:
    try:
        text = decode(data, name)
    except DocumentError as err:
        yield InputDoc(name, "", published, error=err)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        yield _json_doc(line, f"{name}:{number}", published)


def _json_doc(line: str, where: str, published: str | None) -> InputDoc:
    try:
        obj: Any = json.loads(line)
    except json.JSONDecodeError as err:
        return InputDoc(where, "", published, error=DocumentError(ErrorCode.BAD_JSON, f"{where}: {err.msg}"))
    if not isinstance(obj, dict):
        return InputDoc(where, "", published, error=DocumentError(ErrorCode.BAD_JSON, f"{where}: not an object"))
    doc_id = str(obj.get("id") if obj.get("id") is not None else where)
    text = obj.get("text")
    date = obj.get("published") or published
    if not isinstance(text, str):
        return InputDoc(doc_id, "", date if isinstance(date, str) else None,
                        error=DocumentError(ErrorCode.BAD_FIELD, f"{where}: 'text' must be a string"))
    if date is not None and (not isinstance(date, str) or not ISO_DAY.fullmatch(date[:10])):
        return InputDoc(doc_id, text, None, error=DocumentError(ErrorCode.BAD_DATE, f"{where}: {date!r}"))
    return InputDoc(doc_id, text, date[:10] if date else None, _opt_str(obj.get("title")), _opt_str(obj.get("url")))


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None
