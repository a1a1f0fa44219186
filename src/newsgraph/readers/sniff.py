"""Bytes to text, deciding per document: binary data, encodings, and names that are not valid UTF-8.

1. A byte-order mark decides the encoding (UTF-8, UTF-16 or UTF-32, little or big endian); without one the
   bytes must be UTF-8.
2. Binary data is refused (E002) when the bytes start with the signature of a binary format (PDF, ZIP and
   Office files, gzip, PNG, JPEG, GIF, ELF…), hold a NUL byte anywhere, or, in their first 8 KB, more than a
   tenth of control bytes other than tab, newlines and form feed.
3. Text that does not decode is refused (E003), naming the first bad byte.

``safe_text`` makes any string printable as UTF-8: a file name read from the operating system may carry bytes
that are not UTF-8 (Python keeps them as lone surrogates); they become backslash escapes (``bad\\xff.txt``), so
that ids, sources and JSON output stay valid UTF-8 and the same file gets the same id on every run.
"""

from __future__ import annotations

import codecs
import re

from newsgraph.errors import DocumentError, ErrorCode

#: signatures of binary formats (the first bytes of the file) and the name given in the error message
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"), (b"PK\x03\x04", "ZIP archive (or Office/EPUB file)"), (b"PK\x05\x06", "empty ZIP archive"),
    (b"\x1f\x8b", "gzip archive"), (b"BZh", "bzip2 archive"), (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"), (b"Rar!\x1a\x07", "RAR archive"), (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"), (b"RIFF", "RIFF media (WebP, WAV, AVI)"), (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"), (b"\x7fELF", "ELF executable"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office file"),
    (b"SQLite format 3\x00", "SQLite database"), (b"DUCK", "DuckDB database"), (b"wOFF", "web font"),
    (b"\x00asm", "WebAssembly"), (b"\xca\xfe\xba\xbe", "Java class or Mach-O file"),
)
BOMS: tuple[tuple[bytes, str], ...] = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
SAMPLE = 8192
CONTROL_SHARE = 0.10
_SURROGATE = re.compile("[\ud800-\udfff]")


def binary_signature(data: bytes) -> str | None:
    """The binary format ``data`` starts with, if any."""
    if data[:3] == b"BZh" and not re.match(rb"BZh[1-9]1AY&SY", data[:10]):
        return None  # "BZh" alone may start a word
    if data[:3] == b"ID3" and not (len(data) > 5 and data[3] in (2, 3, 4)):
        return None
    return next((name for magic, name in SIGNATURES if data.startswith(magic)), None)


def control_share(sample: bytes) -> float:
    """The share of control bytes other than tab, newlines, vertical tab, form feed and carriage return."""
    if not sample:
        return 0.0
    return sum(b < 9 or 13 < b < 32 or b == 127 for b in sample) / len(sample)


def check_binary(data: bytes, name: str, share: float = CONTROL_SHARE) -> None:
    """Raise E002 if ``data`` (no byte-order mark) looks like binary data rather than text."""
    kind = binary_signature(data)
    if kind is not None:
        raise DocumentError(ErrorCode.BINARY, f"{name}: a {kind}")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DocumentError(ErrorCode.BINARY, f"{name}: NUL byte at {nul:,}")
    if control_share(data[:SAMPLE]) > share:
        raise DocumentError(ErrorCode.BINARY, f"{name}: mostly control bytes")


def decode(data: bytes, name: str) -> str:
    """Text from bytes: the encoding of a byte-order mark, else UTF-8; binary data (E002) and bytes that do not
    decode (E003) raise ``DocumentError``."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as err:
                raise DocumentError(ErrorCode.ENCODING, f"{name}: not valid {encoding.upper()} at byte "
                                                        f"{err.start + len(bom):,}") from err
            if "\x00" in text:
                raise DocumentError(ErrorCode.BINARY, f"{name}: NUL character in the text")
            return text
    check_binary(data, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DocumentError(ErrorCode.ENCODING, f"{name}: byte {err.start:,}") from err


def has_surrogates(text: str) -> bool:
    """Does ``text`` hold lone surrogates (which no encoder writes, nor the tokenizer reads)?"""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def safe_text(text: str) -> str:
    """``text`` unchanged when it is valid Unicode; else each lone surrogate as a backslash escape: a byte the
    operating system gave in a file name (``\\xff``), or another surrogate (``\\ud800``)."""
    return _SURROGATE.sub(_escape, text) if has_surrogates(text) else text
