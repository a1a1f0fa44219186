"""Stage 6, ``newsgraph_quotes``: who said what to whom — direct, indirect and mixed quotations.

  1. quotation-mark spans per paragraph (``marks``): curly, straight and two-apostrophe marks; an unclosed mark
     runs to the end of its paragraph, and a paragraph opening with a mark continues the quote before it;
  2. each direct quote of four words or more finds its cue outside the marks (``direct``): a verb of saying with
     its subject, a signature, a transcript label or "according to X"; its addressee and the speaker's apposition;
  3. a paragraph that is only a quote takes the speaker of the quote in the paragraph before; a short quote or
     one with no cue after an attributed quote of the same paragraph continues it (split quotes);
  4. reported speech (``reported``): cue verbs and nouns with their content outside any direct quote; a content
     that contains a quoted fragment is a mixed quote, and the fragment is not a quote of its own;
  5. transcript paragraphs and signed lines (``direct.transcript_lines``);
  6. contents with no word are dropped (``content``).
Speakers and addressees resolve to actors through the mentions of ``newsgraph_actors`` and ``newsgraph_coref``
(``speakers``). Cue words come from ``data/cues.yaml`` (``lexicon``).
"""

from __future__ import annotations

from spacy.language import Language

from newsgraph.nlp.quotes.finder import QuoteFinder
from newsgraph.nlp.quotes.lexicon import shipped_lexicon
from newsgraph.nlp.quotes.marks import Marked, marked_spans, paragraphs

__all__ = ["Marked", "QuoteFinder", "make_quotes", "marked_spans", "paragraphs"]


@Language.factory("newsgraph_quotes", assigns=["doc._.ng_quotes"], requires=["doc._.ng_mentions"],
                  default_config={})
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder(shipped_lexicon())
