"""Near-duplicate articles — the same wire story in many outlets — by MinHash over word shingles.

Each article gets a signature of ``PERMUTATIONS`` minimum hashes of its word 5-grams; the signature is cut into
``BANDS`` bands, and two articles sharing any band are candidates (locality-sensitive hashing: with 20 bands
of 5 rows, pairs with a Jaccard similarity above about 0.55 are found with high probability). A candidate is a
copy when the share of equal signature positions — an estimate of the Jaccard similarity — is at least
``THRESHOLD``. The bands are stored (``story_bands``) so that copies are found across ingest runs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

import numpy as np

SHINGLE = 5
BANDS = 20
ROWS = 5
PERMUTATIONS = BANDS * ROWS
THRESHOLD = 0.6
CHUNK = 4096  # shingles hashed at once by ``signature``
_PRIME = np.uint64((1 << 61) - 1)
_RNG = np.random.default_rng(20240516)  # fixed: signatures must compare across runs and machines
_A = _RNG.integers(1, 1 << 32, size=PERMUTATIONS, dtype=np.uint64)
_B = _RNG.integers(0, 1 << 32, size=PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def shingles(text: str) -> Iterator[str]:
    """``text``'s word 5-grams (all words when fewer), in order, repeats included (a MinHash ignores them)."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        if words:
            yield " ".join(words)
        return
    for i in range(len(words) - SHINGLE + 1):
        yield " ".join(words[i : i + SHINGLE])


def signature(text: str) -> np.ndarray:
    """The MinHash signature (``PERMUTATIONS`` unsigned 64-bit values) of ``text``'s shingles."""
    values = np.fromiter(
        (int.from_bytes(hashlib.blake2b(s.encode(), digest_size=4).digest(), "little") for s in shingles(text)),
        dtype=np.uint64,
    )
    out = np.full(PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
    # (a*x + b) mod p with x, a, b < 2**32 never overflows 64 bits; CHUNK shingles at a time, so that a long
    # text costs CHUNK x PERMUTATIONS values at once, not all of them (170,000 shingles would take 400 MB)
    for start in range(0, values.size, CHUNK):
        part = values[start : start + CHUNK]
        np.minimum(out, ((part[:, None] * _A[None, :] + _B[None, :]) % _PRIME).min(axis=0), out=out)
    return out


def band_hashes(sig: np.ndarray) -> list[int]:
    """One signed 64-bit hash per band (DuckDB BIGINT)."""
    out = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        out.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little", signed=True))
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8").astype(np.uint64)
