"""What was said: contents as runs of tokens, mixed quotes, nested attributions and empty contents."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import accumulate

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.extensions import Quote
from newsgraph.nlp.quotes.frames import Frame, cue_key, frame_of
from newsgraph.nlp.quotes.lexicon import Lexicon

#: words dropped from the edges of a content ("that", a comma, a conjunction)
EDGE_WORDS = frozenset({"that", ",", ":", ";", "—", "–", "-", "--", "and", "but", "as", "because"})
CLOSING_MARKS = frozenset({"”", '"', "''"})


def pieces(doc: Doc, chosen: set[int]) -> list[Span]:
    """Contiguous runs of the chosen tokens, without edge punctuation and complementisers."""
    out: list[Span] = []
    run: list[int] = []
    for i in [*sorted(chosen), -2]:
        if run and i == run[-1] + 1:
            run.append(i)
            continue
        if run:
            start, end = run[0], run[-1]
            while start < end and (doc[start].lower_ in EDGE_WORDS or doc[start].is_space):
                start += 1
            while end > start and (doc[end].is_punct or doc[end].is_space) and doc[end].text not in {
                    "”", '"', "''", "?", "!"}:
                end -= 1
            if not (doc[start].is_punct or doc[start].is_space) or end > start:
                out.append(doc[start : end + 1])
        run = [i]
    return [p for p in out if p.text.strip()]


def mixed_content(cue: Token, quoted: Span, frame: Frame | None) -> set[int] | None:
    """The reported material of ``cue`` when the quotation is part of it, with the unquoted words that lead to
    the quotation ("said he had fought in Vietnam “for the nation's rights”", "called Trump a “liar”"): the
    frame's content, the quotation and the words between them, without the cue and its subject. None when
    the frame has no words outside the quotation or does not reach it."""
    if frame is None or frame.name in {"passive", "rest", "colon"}:
        return None
    doc = cue.doc
    inside = set(range(quoted.start, quoted.end))
    lead = frame.content - inside
    if not any(doc[i].is_alpha for i in lead):
        return None
    first, last = min(frame.content), max(frame.content)
    if quoted.start > last + 2 or quoted.end <= first or quoted.start < first:
        return None  # the quotation is not where the frame's content is, or opens before it
    if frame.name == "inverted" and quoted.start > cue.i:
        return None
    between = set(range(last + 1, quoted.start))
    if any(doc[i].is_alpha for i in between) or doc[first].sent.start != cue.sent.start:
        return None
    subject = {t.i for c in cue.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}
    chosen = set(frame.content | inside | between) - subject - {cue.i}
    if quoted.end - 1 > cue.i and _closes_clause(quoted):  # "she was “going to put … out of business,” while …"
        chosen = {i for i in chosen if i < quoted.end + 1}
    return chosen


def _closes_clause(quoted: Span) -> bool:
    """Does the quotation end its clause: a comma or full stop inside the marks, or a dash, semicolon or
    parenthesis right after them?"""
    doc = quoted.doc
    last = quoted[-1] if len(quoted) else None
    if last is not None and last.text in {",", ".", "?", "!"}:
        return True
    after = quoted.end
    while after < len(doc) and doc[after].is_punct and doc[after].text in CLOSING_MARKS:
        after += 1
    return after < len(doc) and doc[after].text in {"—", "–", "--", ";", "("}


def trim(lex: Lexicon, tok: Token, chosen: set[int]) -> set[int]:
    """Drop what a content carries but does not report: a trailing ", which …" or apposition, and a second
    attribution hanging on it (", arguing that …", ", referring to …")."""
    doc = tok.doc
    for t in [doc[i] for i in sorted(chosen)]:
        if t.i in chosen and t.dep_ in {"relcl", "appos", "acl"} and t.left_edge.i > 0 \
                and doc[t.left_edge.i - 1].text == "," and t.right_edge.i + 1 >= max(chosen):
            chosen -= {x.i for x in t.subtree}
    for t in [doc[i] for i in sorted(chosen)]:
        if t.i in chosen and t.dep_ in {"advcl", "conj"} and t.tag_ == "VBG" and is_cue(lex, t):
            chosen -= {x.i for x in t.subtree}
    return chosen


def is_cue(lex: Lexicon, tok: Token) -> bool:
    """Does the lexicon keep ``tok`` as a cue in the frame its content has?"""
    frame = frame_of(tok, lex.nouns)
    return frame is not None and lex.row(cue_key(tok), tok.pos_, frame.name) is not None


def outermost(quotes: list[Quote]) -> list[Quote]:
    """Drop an attribution nested in what someone else said: in "X said Y believes Z", X said it all (news
    attribution, and PolNeAR's annotation, credit the outer speaker). Cues are looked up by bisection, so the
    cost grows with the number of quotes, not its square."""
    cued = sorted((q["cue"][0], n) for n, q in enumerate(quotes) if q["cue"] is not None)
    starts = [start for start, _ in cued]

    def within(q: Quote, o: Quote) -> bool:
        cue = q["cue"]
        return cue is not None and any(a <= cue[0] < b for a, b in o["content"])

    nested: set[int] = set()
    for n, outer in enumerate(quotes):
        for a, b in outer["content"]:
            for _, m in cued[bisect_left(starts, a) : bisect_left(starts, b)]:
                if m != n and not within(outer, quotes[m]):
                    nested.add(m)
    return [q for n, q in enumerate(quotes) if n not in nested]


def covered_by(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test of whether [start, end) lies within one of ``spans`` (whose end may fall one character short), by
    bisection over the spans sorted by start with the running maximum of their ends."""
    ordered = sorted(spans)
    starts = [a for a, _ in ordered]
    reach = list(accumulate((b for _, b in ordered), max))

    def test(start: int, end: int) -> bool:
        k = bisect_right(starts, start) - 1
        return k >= 0 and reach[k] + 1 >= end

    return test


def substantive(doc: Doc, quote: Quote) -> bool:
    """Content worth a quote has a word that is neither a number nor a particle ("1,769." and "’s" are not)."""
    return any(t.is_alpha and t.pos_ != "PART" for a, b in quote["content"]
               for t in (doc.char_span(a, b, alignment_mode="expand") or []))
