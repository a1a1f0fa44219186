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


def text_hash(text: str) -> str:
    """The BLAKE2b hash (32 hex digits) of a text with its whitespace normalised: the store's article id, and
    what an error record keeps instead of a text it does not repeat."""
    key = _SPACE.sub(" ", text).strip()
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
