"""Request parameters shared by the pages and the API: their limits, and the checks that turn bad input into
422 responses (never a 500) — periods, dates, uploads — and the one write path ("store it")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal, TypeVar

from fastapi import HTTPException, Path, Query, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from newsgraph.dates import iso_day
from newsgraph.readers.files import HTML_SUFFIXES, InputDoc, date_in_name, html_document, plain_document
from newsgraph.store.db import Store
from newsgraph.web import data

T = TypeVar("T")

#: no control characters (a NUL, a newline) in a parameter: they name nothing in the store
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
TextParam = Annotated[str | None, Query(max_length=200, pattern=PRINTABLE)]
PeriodParam = Annotated[str | None, Query(max_length=10, pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
                                          description="YYYY, YYYY-MM or YYYY-MM-DD (ASCII digits)")]
ByParam = Annotated[Literal["day", "week", "month", "quarter", "year"], Query()]
CountryParam = Annotated[str, Path(min_length=1, max_length=40, pattern=PRINTABLE, description="Country or bloc code")]
ActorParam = Annotated[str, Path(min_length=1, max_length=200, pattern=PRINTABLE, description="Actor id")]
KeyParam = Annotated[str, Path(min_length=1, max_length=200, pattern=PRINTABLE,
                               description="An article's id or its document id")]
OffsetParam = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip")]
QuadParam = Annotated[int | None, Query(ge=1, le=4, description="QuadClass 1-4")]
MetricParam = Annotated[Literal["events", "goldstein"], Query(description="Shade countries by event count or "
                                                                          "mean Goldstein value")]


def checked(run: Callable[[], T]) -> T:
    """Run a query whose arguments may still be wrong in ways a pattern cannot see (2024-13): 422, not 500."""
    try:
        return run()
    except ValueError as err:
        raise HTTPException(422, str(err)) from err


def published_date(value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    day = iso_day(value.strip())
    if day is not None:
        return day.isoformat()
    raise HTTPException(422, f"the publication date must be YYYY-MM-DD, got {value!r}")


async def analyse_input(request: Request, text: str, published: str | None, title: str | None,
                        upload: UploadFile | None) -> InputDoc:
    """The document a form or API call describes: an uploaded file (text or HTML) or the pasted text."""
    day = published_date(published)
    limit: int = request.app.state.web.max_body
    if upload is not None and upload.filename:
        raw = await upload.read(limit + 1)
        if len(raw) > limit:
            raise HTTPException(413, f"the file is larger than {limit:,} bytes")
        name = upload.filename[-200:]
        is_html = any(name.lower().endswith(s) for s in HTML_SUFFIXES)
        doc = html_document(raw, name, day) if is_html else plain_document(raw, name, day)
        doc.published = doc.published or date_in_name(name)
        doc.title = title or doc.title
        return doc
    if not text.strip():
        raise HTTPException(422, "paste the text of an article or choose a file")
    return data.as_item(text, day, title or None)


async def store_analysed(request: Request, doc: InputDoc) -> str:
    """Analyse ``doc`` and write it to the store (briefly opened for writing, in a worker thread: the event
    loop never waits for the store's lock); returns its article id."""
    config = request.app.state.web
    record = await config.analyze(doc)
    item, _ = data.analysed(doc, record)
    if record.get("error"):
        raise HTTPException(422, f"the article could not be analysed: [{record['error']['code']}] "
                                 f"{record['error']['message']}")

    def write() -> None:
        with Store(config.db_path, read_only=False, wait=config.wait) as store:
            store.write([item])

    await run_in_threadpool(write)
    return item.article_id
