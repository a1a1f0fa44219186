"""What ``newsgraph ingest`` reads: paths, directories, globs, JSONL corpora, RSS/Atom feeds and URLs.

Each argument expands to ``(InputDoc, source)`` pairs, where ``source`` says where the document came from (a file
path, ``path:line`` for JSONL, a feed item's link). Nothing here raises for one bad input: a missing path, an
unreadable feed or a failed download becomes an ``InputDoc`` with an error, stored as an error row.

Feeds: a ``.rss``/``.atom``/``.xml`` file or an ``http(s)`` URL whose body parses as a feed gives one document per
item, with the item's own text (its content, else its summary, HTML stripped). With ``fetch=True`` each item's
page is downloaded instead (httpx, with a timeout and a size limit) and its article text extracted.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.errors import DocumentError, ErrorCode
from newsgraph.readers.files import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    InputDoc,
    html_document,
    read_inputs,
    read_path,
    read_stream,
)
from newsgraph.readers.sniff import binary_signature, safe_text

FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
READABLE = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
USER_AGENT = "newsgraph/0.1 (+https://github.com/newsgraph)"


@dataclass
class FetchLimits:
    timeout: float = 20.0
    max_bytes: int = 8 * 1024 * 1024


def expand(args: list[str], published: str | None = None, fetch: bool = False,
           limits: FetchLimits | None = None) -> Iterator[tuple[InputDoc, str]]:
    limits = limits or FetchLimits()
    for arg in args:
        if arg == "-":
            for doc in read_stream(sys.stdin.buffer, "stdin", published):
                yield doc, "stdin"
        elif arg.startswith(("http://", "https://")):
            yield from _url(safe_text(arg), published, fetch, limits)
        elif any(c in arg for c in "*?["):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                yield _missing(safe_text(arg), "no file matches this pattern")
            for match in matches:
                yield from _path(Path(match), published, fetch, limits)
        else:
            yield from _path(Path(arg), published, fetch, limits)


def documents(args: list[str], published: str | None = None) -> Iterator[InputDoc]:
    """What ``analyze`` reads: a file (JSONL: one document per line) or stdin (``-``) as given, and a folder as
    ``expand`` reads it for ``ingest`` (every file under it, in order; one it cannot read is an error document
    saying why)."""
    for arg in args:
        if arg != "-" and Path(arg).is_dir():
            yield from (doc for doc, _ in expand([arg], published))
        else:
            yield from read_inputs([arg], published)


def _missing(name: str, why: str, code: ErrorCode = ErrorCode.UNREADABLE) -> tuple[InputDoc, str]:
    return InputDoc(name, "", error=DocumentError(code, f"{name}: {why}")), name


def _walk(folder: Path) -> list[Path]:
    """Every file under ``folder`` (symbolic links included, dangling or not), sorted by path; names starting
    with a dot (``.git``, ``.DS_Store``) are left out, as is what symbolic links to folders point at."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and not (Path(root) / d).is_symlink()]
        found.extend(Path(root) / f for f in files if not f.startswith("."))
    return sorted(found)


def _not_readable(path: Path) -> tuple[InputDoc, str]:
    """The error document of a file in a folder that ingest does not read, saying why."""
    where = safe_text(str(path))
    if path.is_symlink() and not path.exists():
        return _missing(where, "a symbolic link to nothing")
    try:
        with path.open("rb") as handle:
            kind = binary_signature(handle.read(64))
    except OSError as err:
        return _missing(where, safe_text(str(err)))
    if kind is not None:
        return _missing(where, f"a {kind}, not a kind of file newsgraph reads", ErrorCode.BINARY)
    suffix = safe_text(path.suffix) or "no suffix"
    return _missing(where, f"not a kind of file newsgraph reads ({suffix}; it reads "
                           f"{', '.join(sorted(READABLE))})")


def _path(path: Path, published: str | None, fetch: bool, limits: FetchLimits) -> Iterator[tuple[InputDoc, str]]:
    where = safe_text(str(path))
    if path.is_dir():
        children = _walk(path)
        if not children:
            yield _missing(where, "a folder without files")
        for child in children:
            if child.suffix.lower() in READABLE and child.exists() and not child.is_dir():
                yield from _path(child, published, fetch, limits)
            else:
                yield _not_readable(child)
        return
    if not path.exists():
        yield _missing(where, "a symbolic link to nothing" if path.is_symlink() else "no such file or directory")
        return
    if path.suffix.lower() in FEED_SUFFIXES:
        try:
            data = path.read_bytes()
        except OSError as err:
            yield _missing(where, safe_text(str(err)))
            return
        yield from _feed(data, where, published, fetch, limits)
        return
    for doc in read_path(path, published):
        yield doc, where if path.suffix.lower() not in JSONL_SUFFIXES else f"{where}:{doc.id}"


def _url(url: str, published: str | None, fetch: bool, limits: FetchLimits) -> Iterator[tuple[InputDoc, str]]:
    try:
        items = read_url(url, published, fetch, limits)
    except DocumentError as err:
        yield InputDoc(url, "", published, url=url, error=err), url
        return
    yield from items


def read_url(url: str, published: str | None = None, fetch: bool = False,
             limits: FetchLimits | None = None) -> list[tuple[InputDoc, str]]:
    """The documents of a feed or page URL: one per feed item, else the page itself. A failed download of
    ``url`` raises E017 (``DocumentError``) — ``newsgraph watch`` retries it later; a failed download of one
    item's page (``fetch``) is that item's error document."""
    limits = limits or FetchLimits()
    data, content_type = download(url, limits)
    if "xml" in content_type or "rss" in content_type or "atom" in content_type or data.lstrip()[:5] == b"<?xml":
        items = list(_feed(data, url, published, fetch, limits))
        if items or _is_feed(data):
            return items  # a feed with no items (yet) has nothing to read, it is no page
    return [(html_document(data, url, published, url=url), url)]


def _is_feed(data: bytes) -> bool:
    import feedparser

    return bool(feedparser.parse(data).get("version"))


def download(url: str, limits: FetchLimits) -> tuple[bytes, str]:
    """The body and content type of ``url``; a timeout, an HTTP error or a body over the limit raise E017."""
    import httpx  # only users who fetch pay for the import

    try:
        with httpx.stream("GET", url, timeout=limits.timeout, follow_redirects=True,
                          headers={"User-Agent": USER_AGENT}) as response:
            response.raise_for_status()
            declared = int(response.headers.get("content-length") or 0)
            if declared > limits.max_bytes:
                raise DocumentError(ErrorCode.FETCH, f"{url}: {declared:,} bytes > limit {limits.max_bytes:,}")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limits.max_bytes:
                    raise DocumentError(ErrorCode.FETCH, f"{url}: more than {limits.max_bytes:,} bytes")
                chunks.append(chunk)
            return b"".join(chunks), response.headers.get("content-type", "").lower()
    except httpx.HTTPError as err:
        raise DocumentError(ErrorCode.FETCH, f"{url}: {type(err).__name__}: {err}") from err


def _feed(data: bytes, name: str, published: str | None, fetch: bool,
          limits: FetchLimits) -> Iterator[tuple[InputDoc, str]]:
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            yield InputDoc(name, "", published, error=DocumentError(
                ErrorCode.UNREADABLE, f"{name}: not a readable feed ({parsed.get('bozo_exception')})")), name
        return
    for n, entry in enumerate(parsed.entries):
        link = entry.get("link")
        doc_id = str(entry.get("id") or link or f"{name}#{n}")
        date = _entry_date(entry) or published
        if fetch and link:
            try:
                page, _ = download(link, limits)
            except DocumentError as err:
                yield InputDoc(doc_id, "", date, entry.get("title"), link, error=err), link
                continue
            doc = html_document(page, doc_id, date, url=link)
            doc.title = doc.title or entry.get("title")
            yield doc, link
            continue
        html = _entry_html(entry)
        if not html:
            yield InputDoc(doc_id, "", date, entry.get("title"), link,
                           error=DocumentError(ErrorCode.EMPTY, f"{doc_id}: the feed item has no text")), link or name
            continue
        text = _strip_html(html)
        yield InputDoc(doc_id, text, date, entry.get("title"), link), link or name


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    return None


def _entry_html(entry: Any) -> str:
    content = entry.get("content") or []
    if content:
        return "\n\n".join(str(c.get("value", "")) for c in content)
    return str(entry.get("summary") or "")


def _strip_html(html: str) -> str:
    """Paragraph text of a feed item's HTML (tags dropped, entities decoded, paragraphs kept apart)."""
    import re
    from html import unescape

    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    html = re.sub(r"(?i)</p\s*>|<br\s*/?>|</div\s*>|</li\s*>", "\n\n", html)
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    paragraphs = [re.sub(r"[ \t\r\f\v]+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)
