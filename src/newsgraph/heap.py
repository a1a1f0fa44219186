"""Give the C heap's free memory back to the system once a long document is done with.

A long document passes through several large transient structures (its pieces, the arrays its parse is written
back from, its record in three forms). Once they are freed, the C library's allocator keeps most of those pages
mapped for reuse, so the process stays as large as its worst moment and the next large structure is laid on
top. ``give_back`` asks glibc to return the free pages (``malloc_trim``), which lowers both the resident size
after a long document and the peak of what follows it. It costs a few milliseconds, so the analyser calls it
only after a document longer than ``batch_chars``. Where the C library has no ``malloc_trim`` (musl, macOS)
it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable
from functools import cache


@cache
def _trim() -> Callable[[int], int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim: Callable[[int], int] = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


def give_back() -> bool:
    """Return the C heap's free pages to the system; True when something was returned."""
    trim = _trim()
    return bool(trim(0)) if trim is not None else False
