"""Input documents from ``.txt``, ``.html``, ``.jsonl`` files and stdin (see ../shared/CONTRACT.md).

A reader never raises for one bad document: it yields an ``InputDoc`` whose ``error`` is set, so the run goes
on and the output keeps one record per input, in input order. Each text file is decided as a whole (see
``readers.sniff``: encodings, binary data); a JSONL file line by line (see ``readers.jsonl``). Ids made from
file names are valid UTF-8 whatever bytes the name holds (``sniff.safe_text``).
"""

from __future__ import annotations

import re
import stat
import sys
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import IO

from newsgraph.dates import ISO_DAY, iso_day
from newsgraph.errors import DocumentError, ErrorCode
from newsgraph.readers import jsonl
from newsgraph.readers.doc import InputDoc, text_hash
from newsgraph.readers.sniff import decode, safe_text

__all__ = ["DATE", "HTML_SUFFIXES", "JSONL_SUFFIXES", "MAX_FILE_BYTES", "InputDoc", "date_in_name", "decode",
           "html_document", "iter_jsonl", "plain_document", "read_inputs", "read_path", "read_stream",
           "text_hash"]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
DATE = ISO_DAY
#: files larger than this are not read into memory at all (the text limit is checked again after decoding)
MAX_FILE_BYTES = 64 * 1024 * 1024


def read_inputs(paths: Iterable[str], published: str | None = None) -> Iterator[InputDoc]:
    for path in paths:
        if path == "-":
            yield from read_stream(sys.stdin.buffer, "stdin", published)
        else:
            yield from read_path(Path(path), published)


def _read_bytes(path: Path, name: str) -> bytes:
    """The bytes of a regular file of at most ``MAX_FILE_BYTES`` (never a FIFO or a device read forever)."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError(ErrorCode.UNREADABLE, f"{name}: not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise DocumentError(ErrorCode.TOO_LARGE, f"{name} is {info.st_size:,} bytes")
    with path.open("rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise DocumentError(ErrorCode.TOO_LARGE, f"{name} is over {MAX_FILE_BYTES:,} bytes")
    return data


def read_path(path: Path, published: str | None = None) -> Iterator[InputDoc]:
    name = safe_text(path.name)
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from iter_jsonl(path, published)
        return
    try:
        data = _read_bytes(path, name)
    except DocumentError as err:
        yield InputDoc(name, "", published, error=err)
        return
    except OSError as err:
        yield InputDoc(name, "", published, error=DocumentError(ErrorCode.UNREADABLE, safe_text(str(err))))
        return
    suffix = path.suffix.lower()
    doc = html_document(data, name, published) if suffix in HTML_SUFFIXES else plain_document(data, name, published)
    if doc.published is None:
        doc.published = date_in_name(name)
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
    if head == b"{" or data.startswith(b"\xef\xbb\xbf{"):
        problem = jsonl.whole_file_problem(data, name)
        if problem is not None:
            yield InputDoc(name, "", published, error=problem)
            return
        lines = (line + b"\n" for line in data.split(b"\n"))
        yield from jsonl.documents(lines, name, published)
    elif head == b"<" and re.search(rb"<(html|body|article|p)\b", data[:5000], re.IGNORECASE):
        yield html_document(data, name, published)
    else:
        yield plain_document(data, name, published)


def plain_document(data: bytes, name: str, published: str | None) -> InputDoc:
    try:
        return InputDoc(name, decode(data, name), published)
    except DocumentError as err:
        return InputDoc(name, "", published, error=err)


@cache
def _trafilatura() -> ModuleType:
    """trafilatura, imported on the first page (it is slow to import and only HTML needs it), with the stop
    words of its jusText fallback set to English. Left unset, the first page that needs the fallback makes it
    gather the stop words of all of jusText's 100 languages (154,000 words, 30 MB kept for the life of the
    process, and a set of them built again for each such page); newsgraph analyses English only, and a page in
    another language is refused after extraction whichever list judged its paragraphs."""
    import trafilatura

    try:
        from justext import get_stoplist
        from trafilatura import external
    except ImportError:  # a trafilatura without the jusText fallback
        return trafilatura
    if getattr(external, "JT_STOPLIST", ()) is None:  # the module's own lazily filled cache: fill it first
        external.JT_STOPLIST = tuple(get_stoplist("English"))  # type: ignore[assignment]
    return trafilatura


def html_document(data: bytes, name: str, published: str | None, url: str | None = None) -> InputDoc:
    trafilatura = _trafilatura()
    if not data.strip():
        return InputDoc(name, "", published, error=DocumentError(ErrorCode.EMPTY, f"{name}: an empty page"))
    try:
        html = decode(data, name)
    except DocumentError as err:
        return InputDoc(name, "", published, error=err)
    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                                include_tables=False, favor_precision=True)
    except (RecursionError, ValueError, TypeError, AttributeError) as err:  # a page the extractor chokes on
        return InputDoc(name, "", published, error=DocumentError(ErrorCode.NO_ARTICLE, f"{name}: {err!r}"[:300]))
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or not text.strip():
        return InputDoc(name, "", published, error=DocumentError(ErrorCode.NO_ARTICLE, name))
    date = getattr(extracted, "date", None)
    title = getattr(extracted, "title", None)
    return InputDoc(name, text, published or (date if date and DATE.fullmatch(date) else None), title,
                    url or getattr(extracted, "url", None))


def iter_jsonl(path: Path, published: str | None = None) -> Iterator[InputDoc]:
    """A JSONL corpus, streamed line by line: a file of any size, one document (or error) per line."""
    name = safe_text(path.name)
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise DocumentError(ErrorCode.UNREADABLE, f"{name}: not a regular file")
        handle = path.open("rb")
    except DocumentError as err:
        yield InputDoc(name, "", published, error=err)
        return
    except OSError as err:
        yield InputDoc(name, "", published, error=DocumentError(ErrorCode.UNREADABLE, safe_text(str(err))))
        return
    with handle:
        problem = jsonl.whole_file_problem(handle.read(jsonl.SAMPLE), name)
        if problem is not None:  # binary data is one error, not one per "line"
            yield InputDoc(name, "", published, error=problem)
            return
        handle.seek(0)
        yield from jsonl.documents(jsonl.lines_of(handle), name, published)
