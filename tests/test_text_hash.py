"""The hash that names a text (readers/doc.py): hashed in pieces, it is still the hash of the whole text with its
whitespace normalised, so article ids in stores written before stay the same."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.readers.doc import text_hash

# every kind of whitespace str.split and the regular expression \s know, with words, an emoji and a lone surrogate
SPACES = [chr(c) for c in range(0x3001) if chr(c).isspace()]
LETTERS = [*SPACES, "a", "b", "é", "😀", "\ud800", "."]


def whole_hash(text: str) -> str:
    """The definition: whitespace runs as one space, none at either end, BLAKE2b of that in UTF-8."""
    key = " ".join(text.split())
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(LETTERS), max_size=40).map("".join), chunk=st.integers(1, 9))
def test_hashing_in_pieces_hashes_the_whole_normalised_text(text: str, chunk: int) -> None:
    assert text_hash(text, chunk) == text_hash(text) == whole_hash(text)


def test_texts_that_differ_only_in_whitespace_share_a_hash_and_others_do_not() -> None:
    text = "Kenya thanked Ethiopia.\n\nUganda did not."
    assert text_hash(text) == text_hash("  Kenya thanked\tEthiopia.\u2028Uganda   did not.\n")
    assert text_hash(text) != text_hash(text.replace("not", "too"))
    long = "Kenya thanked Ethiopia.  " * 20_000  # many pieces at the default size
    assert text_hash(long) == whole_hash(long)
