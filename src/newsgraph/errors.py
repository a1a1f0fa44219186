"""One catalogue of newsgraph's error codes.

Every failure that reaches a user carries a code from this catalogue, so that logs, tests and the docs can cite
it. A document that cannot be analysed becomes an error record (see ``record.error_record``); the run goes on.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    """Codes and their one-line meaning. Keep codes stable: users search for them."""

    EMPTY = "E001"
    BINARY = "E002"
    ENCODING = "E003"
    TOO_LARGE = "E004"
    NOT_ENGLISH = "E005"
    NO_ARTICLE = "E006"
    BAD_JSON = "E007"
    BAD_FIELD = "E008"
    UNREADABLE = "E009"
    PIPELINE = "E010"
    BAD_DATE = "E011"
    DATA_FILE = "E012"
    MODEL = "E013"
    CONFIG = "E014"
    STORE = "E015"
    STORE_BUSY = "E016"
    FETCH = "E017"
    TIME_BUDGET = "E018"
    READ_ONLY = "E019"


MESSAGES: dict[ErrorCode, str] = {
    ErrorCode.EMPTY: "the document has no text (empty or whitespace only)",
    ErrorCode.BINARY: "the input looks like binary data, not text",
    ErrorCode.ENCODING: "the input is not valid UTF-8",
    ErrorCode.TOO_LARGE: "the document is larger than the configured limit",
    ErrorCode.NOT_ENGLISH: "the document does not look like English text",
    ErrorCode.NO_ARTICLE: "no article text could be extracted from the HTML",
    ErrorCode.BAD_JSON: "a JSONL line is not a valid JSON object",
    ErrorCode.BAD_FIELD: "a field of the input document has the wrong type or value",
    ErrorCode.UNREADABLE: "the input path cannot be read",
    ErrorCode.PIPELINE: "the analysis pipeline failed on this document",
    ErrorCode.BAD_DATE: "a date is not of the form YYYY-MM-DD",
    ErrorCode.DATA_FILE: "a knowledge-base or lexicon data file is malformed",
    ErrorCode.MODEL: "the spaCy model cannot be loaded",
    ErrorCode.CONFIG: "the configuration is invalid",
    ErrorCode.STORE: "the store cannot be used",
    ErrorCode.STORE_BUSY: "another process is using the store",
    ErrorCode.FETCH: "the page or feed could not be downloaded",
    ErrorCode.TIME_BUDGET: "the document took longer to analyse than its time budget",
    ErrorCode.READ_ONLY: "only one read-only query (SELECT or EXPLAIN) may run on the store",
}


class NewsgraphError(Exception):
    """An error with a catalogue code. ``str(err)`` reads ``[E003] the input is not valid UTF-8: detail``."""

    def __init__(self, code: ErrorCode, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        super().__init__(self.message)

    @property
    def message(self) -> str:
        base = MESSAGES[self.code]
        return f"{base}: {self.detail}" if self.detail else base

    def __str__(self) -> str:
        return f"[{self.code.value}] {self.message}"

    def __reduce__(self) -> tuple[Any, tuple[ErrorCode, str]]:  # pickles across worker processes
        return (self.__class__, (self.code, self.detail))


class DocumentError(NewsgraphError):
    """A problem with one input document: it becomes an error record and the run goes on."""


class SetupError(NewsgraphError):
    """A problem with configuration, data files or the model: the run cannot start."""
