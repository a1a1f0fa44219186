"""What was said: contents as runs of tokens, mixed quotes, nested attributions and empty contents."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp import syntax
from newsgraph.nlp.extensions import Quote

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


def mixed_content(cue: Token, quoted: Span) -> Span | None:
    """The reported clause of ``cue`` when it starts before the quotation marks and contains them."""
    comp = syntax.child(cue, ("ccomp", "xcomp"))
    if comp is None:
        return None
    if comp.i < cue.i:  # "Not paying taxes ''makes me smart,'' Trump said": the clause must end at the cue
        subject = {t.i for c in cue.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}
        between = cue.doc[comp.right_edge.i + 1 : cue.i]
        if any(not t.is_punct and not t.is_space and t.i not in subject for t in between):
            return None
    left, right = comp.left_edge.i, comp.right_edge.i
    while left < right and cue.doc[left].lower_ in {"that", ","}:
        left += 1
    if left >= quoted.start - 1 or right < quoted.start:
        return None
    end = max(right, quoted.end - 1)
    while end > left and cue.doc[end].is_punct and cue.doc[end].text not in CLOSING_MARKS:
        end -= 1
    return cue.doc[left : end + 1]


def outermost(quotes: list[Quote], speech_verbs: frozenset[str]) -> list[Quote]:
    """Drop an attitude attribution nested in what someone said ("X said Y expects Z" is X's): news
    attribution credits the outer speaker; speech inside speech ("said Y told him") is kept."""
    def lemma(q: Quote) -> str:
        return q["how"].split(":")[1] if ":" in q["how"] else ""

    outer = [q for q in quotes if q["cue"] and lemma(q) in speech_verbs]
    kept = []
    for q in quotes:
        cue = q["cue"]
        nested = cue is not None and lemma(q) not in speech_verbs and any(
            o is not q and any(a <= cue[0] < b for a, b in o["content"]) for o in outer)
        if not nested:
            kept.append(q)
    return kept


def substantive(doc: Doc, quote: Quote) -> bool:
    """Content worth a quote has a word that is neither a number nor a particle ("1,769." and "’s" are not)."""
    return any(t.is_alpha and t.pos_ != "PART" for a, b in quote["content"]
               for t in (doc.char_span(a, b, alignment_mode="expand") or []))
