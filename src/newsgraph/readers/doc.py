"""The input document every reader yields, and the hash that names a text."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from newsgraph.errors import DocumentError

_SPACE = re.compile(r"\s+")


@dataclass
class InputDoc:
    id: str
    text: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    error: DocumentError | None = None


def text_hash(text: str, chunk: int = 1 << 16) -> str:
    """The BLAKE2b hash (32 hex digits) of a text with its whitespace normalised (each run of whitespace one
    space, none at either end): the store's article id, and what an error record keeps instead of a text it does
    not repeat. The text is hashed in pieces of about ``chunk`` characters, each cut inside a run of whitespace,
    so a 20 MB text costs a piece's worth of memory, not a list of its millions of words."""
    hasher = hashlib.blake2b(digest_size=16)
    start, sep = 0, b""
    while start < len(text):
        cut = _SPACE.search(text, start + chunk) if start + chunk < len(text) else None
        end = cut.start() if cut else len(text)
        words = text[start:end].split()  # str.split and \s agree on what whitespace is
        if words:
            hasher.update(sep + " ".join(words).encode("utf-8", "surrogatepass"))
            sep = b" "
        start = cut.end() if cut else len(text)
    return hasher.hexdigest()
