"""Steps 2 and 5: direct quotations and transcript lines.

A direct quote finds its cue outside the marks in the sentences it touches: a verb of saying with its subject
(before or after: "said Hoo Tiang Boon"), a signature after a dash ("― Carla Sanchez"), a transcript label
("PENCE: …") or "according to X"; then its addressee ("told Putin") and the speaker's apposition. Transcript
paragraphs ("WALLACE: Do you really see…") and signed lines give the rest of the paragraph to the name.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp import syntax
from newsgraph.nlp.common import doc_text, with_lemma
from newsgraph.nlp.extensions import Party, Quote
from newsgraph.nlp.quotes.content import mixed_content, pieces, trim
from newsgraph.nlp.quotes.frames import cue_key, frame_of, in_paragraph, paragraph_tokens
from newsgraph.nlp.quotes.lexicon import Lexicon
from newsgraph.nlp.quotes.marks import Marked, paragraphs
from newsgraph.nlp.quotes.speakers import apposition, party

TRANSCRIPT = re.compile(r"([A-Z][A-Z.'’ -]{1,40}[A-Z.]):\s+(\S.*)")
HEADLINE = re.compile(r"([A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}):\s+(\S.*)")
SIGNED_LINE = re.compile(r"([A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,3})\s[―—]\s+(\S.*)")
DASHES = frozenset({"―", "—", "–", "--", "-"})


def is_cue(lex: Lexicon, tok: Token) -> bool:
    """Is ``tok`` the cue of a direct quotation: a verb with a learned "quote" row ("said", "told")?"""
    if tok.pos_ != "VERB" or cue_key(tok) not in lex.quote_cues:
        return False
    if tok.dep_ != "ccomp" or not is_cue(lex, tok.head):
        return True
    start, end = paragraph_tokens(tok)  # "said both sides believe": the outer one, if in the same paragraph
    return not start <= tok.head.i < end


def addressee(lex: Lexicon, doc: Doc, cue: Token, index: dict[int, int]) -> Party | None:
    if cue.lemma_.lower() in lex.addressee_verbs:
        obj = syntax.child(cue, ("dobj", "dative"))
        if obj is not None and obj.pos_ in {"PROPN", "NOUN", "PRON"}:
            return party(doc, obj, index)
    to = syntax.pobj(cue, ("to",))
    return party(doc, to, index) if to is not None else None


def _has_complement(tok: Token) -> bool:
    """Does the verb say something of its own ("The network said it would …"), unlike "… ?” he asked."?"""
    return any(c.dep_ in {"ccomp", "xcomp", "dobj"} and c.i > tok.i for c in tok.children)


def _says_its_own(tok: Token, quoted: Span) -> bool:
    """Has the verb a clause of its own to its right, outside the quotation (it then reports that clause)?"""
    return any(c.dep_ in {"ccomp", "xcomp"} and c.i > tok.i and not quoted.start <= c.i < quoted.end
               for c in tok.children)


def cue_verbs(lex: Lexicon, doc: Doc) -> list[int]:
    """Indices of the document's words that can cue a direct quotation, found once per document."""
    lemmas = frozenset(cue.split()[0] for cue in lex.quote_cues)
    return [i for i in with_lemma(doc, lemmas) if is_cue(lex, doc[i])]


def _candidates(doc: Doc, span: Span, cues: list[int]) -> list[Token]:
    """Cue verbs outside the marks in the sentences the quote touches, nearest first."""
    sents = {span[0].sent.start: span[0].sent, span[-1].sent.start: span[-1].sent}
    own = set(sents)
    after = span.end + 1
    if after < len(doc):
        sents.setdefault(doc[after].sent.start, doc[after].sent)
    candidates: list[Token] = []
    text = doc_text(doc)
    for start, sent in sents.items():
        for i in cues[bisect_left(cues, sent.start) : bisect_left(cues, sent.end)]:
            tok = doc[i]
            if span.start - 1 <= i <= span.end:
                continue
            if "\n" in text[min(tok.idx, span.end_char) : max(tok.idx, span.start_char)]:
                continue  # a cue speaks for quotations of its own paragraph
            if start not in own and (i - span.end > 4 or _has_complement(tok)):
                continue  # the next sentence lends its cue only when the parser cut "…,” he said" off
            candidates.append(tok)
    candidates.sort(key=lambda t: min(abs(t.i - span.end), abs(t.i - span.start)))
    return candidates


def attribute_direct(lex: Lexicon, doc: Doc, span: Span, mark: Marked, index: dict[int, int],
                     used: set[int], cues: list[int]) -> Quote:
    quote = Quote(kind="direct", content=[(mark.start, mark.end)], cue=None, speaker=None, addressee=None,
                  speaker_description=None, how="no-cue")
    for cue in _candidates(doc, span, cues):
        speaker = syntax.subject(cue)
        speaker = in_paragraph(speaker, cue) if speaker is not None else None
        if speaker is None:
            continue
        if cue.i < span.end or not _says_its_own(cue, span):
            used.add(cue.i)  # '"…," Ryan said the shootings …': the clause after it is his too, and reported
        mixed = mixed_content(cue, span, frame_of(cue, lex.nouns))
        found = pieces(doc, trim(lex, cue, mixed)) if mixed is not None else []
        if found:  # "said that both sides believe that for “a settlement …”"
            quote["kind"] = "mixed"
            quote["content"] = [(p.start_char, p.end_char) for p in found]
        quote["cue"] = (cue.idx, cue.idx + len(cue.text))
        quote["speaker"] = party(doc, speaker, index)
        quote["addressee"] = addressee(lex, doc, cue, index)
        quote["speaker_description"] = apposition(speaker)
        quote["how"] = f"cue:{cue.lemma_.lower()}"
        return quote
    signed = signature(span, index, doc_text(doc))
    if signed is not None:  # "“…” ― Carla Sanchez" or "PENCE: …"
        quote["cue"] = (signed[0].idx, signed[0].idx + len(signed[0].text))
        quote["speaker"] = party(doc, signed[1], index)
        quote["how"] = "cue:signature"
        return quote
    according = _according_to(span)
    if according is not None:
        quote["cue"] = (according[0].idx, according[1].idx + len(according[1].text))
        quote["speaker"] = party(doc, according[2], index)
        quote["how"] = "cue:according-to"
        return quote
    tagged = speech_tag(span, mark)
    if tagged is not None:  # "“…?” Graham asked.", "Trump boasted, “…”": a verb the lexicon does not list
        verb, who = tagged
        used.add(verb.i)
        quote["cue"] = (verb.idx, verb.idx + len(verb.text))
        quote["speaker"] = party(doc, who, index)
        quote["speaker_description"] = apposition(who)
        quote["how"] = f"cue:tag:{verb.lemma_.lower()}"
    return quote


#: the longest tag, in words: "“…,” she yells while moving along the tree-lined street."
TAG_TOKENS = 12
#: what a verb that only tags a quotation has no room for: a complement of its own ("“…,” she said it would …")
OWN_COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj"})
#: a tag is a main clause: not a relative or adverbial clause ("for which she later apologized: “…”")
SUBORDINATE = frozenset({"relcl", "acl", "advcl", "pcomp"})
#: relative and question words
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})


def _tag_verb(words: list[Token], quoted: Span) -> tuple[Token, Token] | None:
    """The verb of ``words`` whose subject is among them and whose only complement, if any, is the quotation."""
    inside = {t.i for t in words}
    for verb in (t for t in words if t.pos_ == "VERB" and t.dep_ not in SUBORDINATE):
        who = syntax.child(verb, ("nsubj",))
        if who is None or who.i not in inside or who.pos_ not in {"PROPN", "NOUN", "PRON"} or who.tag_ in WH_TAGS:
            continue  # "“…” that ricocheted through the arena", "the chant “…” which returns"
        if any(c.dep_ in OWN_COMPLEMENTS and not quoted.start <= c.i < quoted.end for c in verb.children):
            continue
        if any(c.dep_ == "mark" or c.tag_ in WH_TAGS for c in verb.children):
            continue  # "“…,” while Trump refers to …", "hits liberals where they live: “…”"
        return verb, who
    return None


def speech_tag(span: Span, mark: Marked) -> tuple[Token, Token] | None:
    """A short clause that tags the quotation: after the closing mark up to the end of the sentence when the
    quotation ends in a comma, question or exclamation mark ("“…?” Graham asked.", "“…,” she yells to the crowd."),
    or before the opening mark when a comma or colon leads into it ("Trump boasted, “…”", "a friend commented:
    “…”"). Its verb tells who speaks even where the lexicon lists no quote row for it. (the verb, its subject)"""
    text = doc_text(span.doc)
    if mark.closed and text[mark.start : mark.end].rstrip(" '‘’")[-1:] in {",", "?", "!"}:
        words = _words_after(span)
        if words:
            return _tag_verb(words, span)
    return _tag_before(span, mark)


def _words_after(span: Span) -> list[Token]:
    """The words from the closing mark to the end of the sentence, a line or a comma before the next quotation
    ("“…,” she yelled, “…”"); none when there are more than TAG_TOKENS."""
    doc = span.doc
    j = span.end
    while j < len(doc) and (doc[j].is_punct or doc[j].is_space) and "\n" not in doc[j].text:
        j += 1
    words: list[Token] = []
    while j < len(doc) and doc[j].text not in {".", "!", "?", ";"} and "\n" not in doc[j].text:
        if doc[j].is_quote:
            return words if words and words[-1].text == "," else []
        words.append(doc[j])
        if len(words) > TAG_TOKENS:
            return []
        j += 1
    return words


def _tag_before(span: Span, mark: Marked) -> tuple[Token, Token] | None:
    """The clause ending in a comma or colon right before the opening mark: its last three words."""
    doc, text = span.doc, doc_text(span.doc)
    lead = text[: mark.start].rstrip(" \t\xa0“\"'‘«„`")
    if lead[-1:] not in {",", ":"}:
        return None
    before = doc.char_span(len(lead) - 1, len(lead), alignment_mode="expand")
    if before is None:
        return None
    words = [t for t in doc[max(before.start - 3, before.sent.start) : before.start] if not t.is_punct]
    if not words or "\n" in text[words[0].idx : mark.start]:
        return None
    return _tag_verb(words, span) if words[-1].pos_ in {"VERB", "PROPN", "NOUN", "PRON"} else None


def _is_dash(tok: Token) -> bool:
    """A dash, also when the tokenizer kept it with the closing mark before it ("”―")."""
    return tok.text in DASHES or (tok.is_punct and len(tok.text) > 1 and tok.text[-1] in "―—–")


def signature(span: Span, index: dict[int, int], text: str) -> tuple[Token, Token] | None:
    """A speaker signed after a dash ("“…” ― Carla Sanchez") or named before a colon at the start of the
    paragraph, as transcripts do ("PENCE: …"): (the cue token, the speaker token)."""
    doc = span.doc
    j = span.end
    while j < len(doc) and (doc[j].is_punct or doc[j].is_space) and "\n" not in doc[j].text and not _is_dash(doc[j]):
        j += 1  # "…” ― Jacklyn Ashley", with a no-break space before the dash
    first = j + 1
    while first < len(doc) and doc[first].is_space:  # "― Steve", often with a no-break space
        first += 1
    if first < len(doc) and j < len(doc) and _is_dash(doc[j]) and doc[first].pos_ == "PROPN":
        if first in index:
            return doc[j], doc[first]
        name = doc[first]
        while name.i + 1 < len(doc) and doc[name.i + 1].pos_ == "PROPN" and doc[name.i + 1].dep_ == "flat":
            name = doc[name.i + 1]
        return doc[j], name
    inner = TRANSCRIPT.match(text, span.start_char, span.end_char)
    if inner is not None:  # "“PENCE: And that's why …”"
        label = doc.char_span(inner.start(1), inner.end(1), alignment_mode="expand")
        if label is not None:
            return doc[label.end] if label.end < len(doc) else label[-1], label[-1]
    k = span.start - 1
    while k >= 0 and doc[k].is_punct and doc[k].text != ":":
        k -= 1
    if k >= 1 and doc[k].text == ":":
        head = doc[k - 1]
        line_start = text.rfind("\n", 0, head.idx) + 1
        before = text[line_start : head.idx + len(head.text)]
        if before.isupper() and 0 < len(before.split()) <= 4:
            return doc[k], head
    return None


def _according_to(span: Span) -> tuple[Token, Token, Token] | None:
    sent = span[-1].sent
    if "according" not in doc_text(span.doc)[sent.start_char : sent.end_char].lower():
        return None
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 2 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            pobj = syntax.pobj(tok.nbor(1))
            if pobj is not None:
                return tok, tok.nbor(1), pobj
    return None


def is_dateline(name: Span) -> bool:
    """A place written in capitals before a dash ("WASHINGTON —", "KYIV, Ukraine —") is a dateline."""
    letters = [c for c in name.text if c.isalpha()]
    return (bool(letters) and all(c.isupper() for c in letters)) or name.root.ent_type_ in {"GPE", "LOC"}


def transcript_lines(doc: Doc, index: dict[int, int], inside: set[int]) -> list[Quote]:
    """Transcript paragraphs "WALLACE: Do you really see…" and signed lines "Carla Sanchez ― Trump must …":
    the name speaks the rest of the paragraph."""
    out: list[Quote] = []
    text = doc_text(doc)
    for p_start, p_end in paragraphs(text):
        match = TRANSCRIPT.match(text, p_start, p_end) or SIGNED_LINE.match(text, p_start, p_end)
        headline = HEADLINE.match(text, p_start, p_end) if match is None else None
        if headline is not None:  # "Pence: Gennifer Flowers Won't Be at Debate": a named speaker only
            label = doc.char_span(headline.start(1), headline.end(1), alignment_mode="expand")
            if label is not None and (label.root.ent_type_ in {"PERSON", "ORG"} or label.root.i in index):
                match = headline
        if match is None:
            continue
        name = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        body = doc.char_span(match.start(2), p_end, alignment_mode="contract")
        if name is None or body is None or len(body) < 2 or any(t.i in inside for t in body):
            continue
        if match.re is SIGNED_LINE and is_dateline(name):
            continue  # "WASHINGTON — Sen. Sanders defended …" opens a story; nobody signs it
        inside.update(t.i for t in body)
        colon = match.end(1)  # the colon, or for a signed line the dash after the name
        if match.re is SIGNED_LINE:
            colon = next(i for i in range(match.end(1), match.start(2)) if text[i] in "―—")
        out.append(Quote(kind="direct", content=[(body.start_char, body.end_char)], cue=(colon, colon + 1),
                         speaker=party(doc, name[-1], index), addressee=None, speaker_description=None,
                         how="cue:transcript"))
    return out
