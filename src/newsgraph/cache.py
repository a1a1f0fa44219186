"""Compiled forms of our data files, kept on disk so that a process does not parse and compile them again.

The YAML and CSV files stay the source a user reads and edits; what a loader makes of them (the knowledge base,
the event pattern table, the tokens of the actor names) is pickled once into the cache folder
(``$NEWSGRAPH_CACHE``, else ``~/.cache/newsgraph``) and read back by every later process in a fraction of the
time. A cached file is named by what it holds and a digest of everything it was made from: the contents of the
data files given (and whatever else the caller names, such as the spaCy model whose tokenizer made it) and the
source code of the whole ``newsgraph`` package, so that any change to the code that reads the data rebuilds it.
A file whose digest no longer matches is never read, and is removed when its successor is written. Nothing is
ever downloaded; a cache folder that cannot be written costs only the rebuild, every time.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)
PACKAGE = Path(__file__).resolve().parent


def folder() -> Path:
    """Where newsgraph keeps what it builds once per machine."""
    return Path(os.environ.get("NEWSGRAPH_CACHE") or Path.home() / ".cache" / "newsgraph")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of every ``.py`` file of the package (computed once per process)."""
    digest = hashlib.blake2b(digest_size=12)
    for root, dirs, files in os.walk(PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(f for f in files if f.endswith(".py")):
            path = os.path.join(root, name)
            digest.update(os.path.relpath(path, PACKAGE).encode("utf-8", "surrogatepass") + b"\0")
            with open(path, "rb") as handle:
                digest.update(handle.read())
    return digest.hexdigest()


def digest(parts: Iterable[Any]) -> str:
    """A digest of ``parts``: a ``Path`` (or a ``Traversable``, for packaged data) counts by its contents, a
    string or bytes as it is, anything else by its ``repr``."""
    found = hashlib.blake2b(code_digest().encode(), digest_size=12)
    for part in parts:
        if isinstance(part, bytes):
            data = part
        elif isinstance(part, str):
            data = part.encode("utf-8", "surrogatepass")
        elif hasattr(part, "read_bytes"):
            data = part.read_bytes()
        else:
            data = repr(part).encode("utf-8", "surrogatepass")
        found.update(len(data).to_bytes(8, "little") + data)
    return found.hexdigest()


def cached(name: str, parts: Iterable[Any], build: Callable[[], T]) -> T:
    """``build()``, or what an earlier process pickled under ``name`` for the same ``parts`` (see ``digest``).
    ``name`` says what the file holds and for which combination of inputs (at most one file per name is kept)."""
    path = folder() / "compiled" / f"{name}-{digest(parts)}.pickle"
    try:
        with path.open("rb") as handle:
            found: T = _load(handle)
        return found
    except FileNotFoundError:
        pass
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError) as err:
        log.debug("cache %s unreadable (%r): rebuilt", path, err)
    value = build()
    _store(path, value, name)
    return value


def _load(handle: Any) -> Any:
    """Unpickle with the cyclic garbage collector paused: the many small objects of a table would otherwise set
    it off again and again, each time over everything the process holds (the spaCy model too)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(handle)
    finally:
        if enabled:
            gc.enable()


def _store(path: Path, value: Any, name: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)  # atomic: processes building at once never read half a file
        for stale in path.parent.glob(f"{name}-*.pickle"):
            if stale != path and stale.name[len(name) + 1 :].count("-") == 0:
                stale.unlink(missing_ok=True)
    except OSError as err:
        log.debug("cache %s not written: %r", path, err)
