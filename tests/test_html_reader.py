"""Reading an HTML page: the article's text through trafilatura, at the memory cost of English alone."""

from __future__ import annotations

from trafilatura import external

from newsgraph.readers.files import html_document

PAGE = (b"<html><head><title>Floods</title></head><body><p>Kenya praised France for its help after the floods "
        b"on Friday. The president said the country was ready to discuss the matter with its partners.</p>"
        b"</body></html>")


def test_a_short_page_is_read_and_its_fallback_weighs_english_stop_words_only() -> None:
    """A page this short sends trafilatura to its jusText fallback, which judges paragraphs by their share of
    stop words: the English ones (a few hundred), not the 154,000 of all its languages kept for the process."""
    doc = html_document(PAGE, "floods.html", None)
    assert doc.error is None and doc.text.startswith("Kenya praised France for its help")
    words = external.JT_STOPLIST
    assert words is not None and "the" in words and "which" in words
    assert len(words) < 1000 and "und" not in words and "les" not in words
