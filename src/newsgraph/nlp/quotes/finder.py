"""The component: runs the steps of the quote stage (numbered as in the package docstring) over a ``Doc``."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.nlp import syntax
from newsgraph.nlp.common import doc_text, mention_at
from newsgraph.nlp.extensions import Quote
from newsgraph.nlp.quotes.content import covered_by, outermost, substantive
from newsgraph.nlp.quotes.direct import attribute_direct, cue_verbs, transcript_lines
from newsgraph.nlp.quotes.lexicon import Lexicon
from newsgraph.nlp.quotes.marks import Marked, marked_spans, only_quote, paragraphs
from newsgraph.nlp.quotes.reported import reported
from newsgraph.nlp.quotes.speakers import apposition, party

MIN_DIRECT_WORDS = 4


INTRO = "cue:introduced-by-colon"


def colon_intro(doc: Doc, paragraph: tuple[int, int], index: dict[int, int]) -> Quote | None:
    """A paragraph that ends with a colon after a clause with a subject ("The New York Times reports:") introduces
    the quotation that follows: the last verb with a subject before the colon is the cue."""
    text = doc_text(doc)
    body = text[paragraph[0] : paragraph[1]].rstrip()
    if not body.endswith(":"):
        return None
    colon = doc.char_span(paragraph[0] + len(body) - 1, paragraph[0] + len(body), alignment_mode="expand")
    if colon is None:
        return None
    sent = colon[0].sent
    for tok in reversed(doc[max(sent.start, colon.start - 12) : colon.start]):
        subject = syntax.subject(tok) if tok.pos_ == "VERB" else None
        if subject is not None and subject.i < tok.i:
            return Quote(kind="direct", content=[], cue=(tok.idx, tok.idx + len(tok.text)),
                         speaker=party(doc, subject, index), addressee=None,
                         speaker_description=apposition(subject), how=INTRO)
    return None


class QuoteFinder:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        index = mention_at(doc)
        quotes: list[Quote] = []
        inside: set[int] = set()
        used_cues: set[int] = set()
        previous: Quote | None = None
        cues = cue_verbs(self.lex, doc)
        before: tuple[int, int] | None = None
        for p_start, p_end in paragraphs(text):  # 1-3
            marks = marked_spans(text, p_start, p_end)
            intro = colon_intro(doc, before, index) if before is not None else None
            if intro is not None:
                previous = intro
            para_quotes = self._paragraph(doc, marks, only_quote(text, p_start, p_end, marks), previous, index,
                                          inside, used_cues, cues)
            before = (p_start, p_end)
            quotes.extend(para_quotes)
            attributed = [q for q in para_quotes if q["speaker"] is not None]
            if attributed:
                previous = attributed[-1]
            elif not marks:
                previous = None
        quotes.extend(transcript_lines(doc, index, inside))  # 5
        found = outermost(reported(self.lex, doc, index, inside, used_cues))  # 4
        in_mixed = covered_by([(q["content"][0][0], q["content"][-1][1]) for q in found if q["kind"] == "mixed"])
        quotes = [q for q in quotes if not in_mixed(q["content"][0][0], q["content"][-1][1])]  # its fragment
        quotes.extend(found)
        quotes = [q for q in quotes if substantive(doc, q)]  # 6
        quotes.sort(key=lambda q: q["content"][0][0])
        doc._.ng_quotes = quotes
        return doc

    def _paragraph(self, doc: Doc, marks: list[Marked], alone: bool, previous: Quote | None,
                   index: dict[int, int], inside: set[int], used_cues: set[int], cues: list[int]) -> list[Quote]:
        """Steps 2 and 3 for the quotations of one paragraph."""
        text = doc_text(doc)
        para_quotes: list[Quote] = []
        for mark in marks:
            span = doc.char_span(mark.start, mark.end, alignment_mode="expand")
            if span is None:
                continue
            inside.update(range(span.start, span.end))
            short = len(text[mark.start : mark.end].split()) < MIN_DIRECT_WORDS
            if short and not (mark.closed and text[mark.end - 1] in ",.?!"):
                continue  # a scare quote ("no-limits"), not an utterance
            quote = attribute_direct(self.lex, doc, span, mark, index, used_cues, cues)
            last = para_quotes[-1] if para_quotes else None
            if short and quote["speaker"] is None:
                if last is not None and last["speaker"] is not None:
                    last["content"].append((mark.start, mark.end))  # "…,” she said. “Not yet.”"
                continue
            if quote["speaker"] is None and previous is not None and (alone or (
                    previous["how"] == INTRO and not para_quotes)):
                quote["speaker"] = previous["speaker"]
                quote["speaker_description"] = previous["speaker_description"]
                if previous["how"] == INTRO:  # "The Times reports:" ¶ "…": the introduction is the cue
                    quote["cue"], quote["how"] = previous["cue"], INTRO
                else:
                    quote["how"] = "carry-over:previous-paragraph"
            if last is not None and quote["speaker"] is None and last["speaker"] is not None:
                last["content"].append((mark.start, mark.end))  # split quote: "…," he said, "…"
                continue
            if quote["speaker"] is not None and last is not None and last["cue"] == quote["cue"]:
                last["content"].append((mark.start, mark.end))
                continue
            para_quotes.append(quote)
        return para_quotes
