"""Step 4: reported speech.

A verb of saying (or a nominal cue: "a statement spoke of") with a clausal complement ("Xi said the two leaders
see…", "China claims to take…") outside any direct quote; a verb whose object is the content ("criticized the
plan", "called for talks"); "according to X"; "X's contention that …"; "the statement was blunt: …". A complement
that contains a quoted fragment is a mixed quote.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp import syntax
from newsgraph.nlp.common import with_lemma, with_text
from newsgraph.nlp.extensions import Quote
from newsgraph.nlp.quotes.content import pieces
from newsgraph.nlp.quotes.direct import addressee, is_cue
from newsgraph.nlp.quotes.lexicon import Lexicon
from newsgraph.nlp.quotes.speakers import apposition, party

OBJECT_DEPS = frozenset({"dobj", "xcomp", "ccomp", "oprd", "prep", "dative", "attr", "acomp", "prt", "npadvmod"})
FRAME_PREPS = frozenset({"in", "on", "during", "at", "via", "through"})


def reported(lex: Lexicon, doc: Doc, index: dict[int, int], inside: set[int], used: set[int]) -> list[Quote]:
    out: list[Quote] = []
    for tok in (doc[i] for i in with_lemma(doc, lex.cue_lemmas)):  # every test below needs such a lemma
        if tok.i in inside or tok.i in used:
            continue
        nominal = _nominal_cue(lex, tok)
        if not (nominal or is_cue(lex, tok) or is_object_cue(lex, tok)):
            continue
        speaker = syntax.subject(tok)
        if speaker is None:
            continue
        found = reported_content(lex, tok, nominal, speaker)
        if not found or sum(len(p) for p in found) < 2 or all(t.i in inside for p in found for t in p):
            continue
        partly_quoted = any(t.i in inside or t.text in {"“", "”", '"'} for p in found for t in p)
        out.append(Quote(
            kind="mixed" if partly_quoted else "indirect",
            content=[(p.start_char, p.end_char) for p in found],
            cue=(tok.idx, tok.idx + len(tok.text)),
            speaker=party(doc, speaker, index),
            addressee=addressee(lex, doc, tok, index),
            speaker_description=apposition(speaker),
            how=f"reported:{tok.lemma_.lower()}" + (":nominal" if nominal else ""),
        ))
    out.extend(according_to(doc, index, inside))
    out.extend(possessed_claims(lex, doc, index, inside))
    out.extend(colon_intros(lex, doc, index, inside, used))
    return out


def colon_intros(lex: Lexicon, doc: Doc, index: dict[int, int], inside: set[int], used: set[int]) -> list[Quote]:
    """ "The statement was blunt: the talks had failed." / "He put it this way: …" — what follows the colon
    belongs to the subject before it, when that subject is an utterance or the clause has a cue verb."""
    out: list[Quote] = []
    for colon in (doc[i] for i in with_text(doc, ":") if i not in inside):
        sent = colon.sent
        rest = [t for t in doc[colon.i + 1 : sent.end] if not t.is_space]
        if len(rest) < 3 or any(t.i in inside for t in rest[:2]):
            continue
        speaker = None
        for tok in doc[sent.start : colon.i]:
            subj = syntax.subject(tok) if tok.pos_ in {"VERB", "AUX"} else None
            if subj is None or subj.i >= colon.i or tok.i in used:
                continue
            if is_cue(lex, tok) or subj.lemma_.lower() in lex.nouns:
                speaker = subj
                break
        if speaker is None:
            continue
        found = pieces(doc, {t.i for t in rest})
        if found:
            out.append(Quote(kind="indirect", content=[(p.start_char, p.end_char) for p in found],
                             cue=(colon.idx, colon.idx + 1), speaker=party(doc, speaker, index),
                             addressee=None, speaker_description=None, how="reported:colon"))
    return out


def possessed_claims(lex: Lexicon, doc: Doc, index: dict[int, int], inside: set[int]) -> list[Quote]:
    """ "Moscow's contention that Russia was provoked", "her claim that …": an utterance noun whose
    possessor is the speaker and whose that-clause is the content."""
    out: list[Quote] = []
    for tok in (doc[i] for i in with_lemma(doc, lex.nouns)):
        if tok.pos_ != "NOUN":
            continue
        owner = syntax.child(tok, ("poss",))
        clause = next((c for c in tok.children if c.dep_ in {"acl", "ccomp", "relcl"}
                       and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)), None)
        if owner is None or clause is None:
            continue
        found = pieces(doc, {t.i for t in clause.subtree})
        if not found or all(t.i in inside for p in found for t in p):
            continue
        out.append(Quote(
            kind="mixed" if any(t.i in inside for p in found for t in p) else "indirect",
            content=[(p.start_char, p.end_char) for p in found], cue=(tok.idx, tok.idx + len(tok.text)),
            speaker=party(doc, owner, index), addressee=None, speaker_description=None,
            how=f"reported:{tok.lemma_.lower()}:possessive",
        ))
    return out


def is_object_cue(lex: Lexicon, tok: Token) -> bool:
    """Verbs whose object is what is attributed: "criticized the plan", "called for a ceasefire"."""
    if tok.pos_ != "VERB":
        return False
    lemma = tok.lemma_.lower()
    if lemma in lex.object_verbs:
        return True
    preps = lex.prep_verbs.get(lemma) or frozenset()
    return any(c.dep_ in {"prep", "prt"} and c.lower_ in preps for c in tok.children)


def _object_content(lex: Lexicon, tok: Token) -> set[int]:
    """The objects of an object cue and their complements ("called for | a ceasefire")."""
    chosen: set[int] = set()
    cue_preps = lex.prep_verbs.get(tok.lemma_.lower())
    for child in tok.rights:
        if child.dep_ not in OBJECT_DEPS:
            continue
        if cue_preps is not None and child.dep_ in {"prep", "prt"} and child.lower_ not in cue_preps:
            continue  # "called into a radio show" is not "called for"
        chosen |= {t.i for t in child.subtree}
        if cue_preps is not None and child.lower_ in cue_preps:
            chosen.discard(child.i)  # the preposition is part of the cue
    return chosen


def _chosen(lex: Lexicon, tok: Token, comp: Token | None, nominal: bool, speaker: Token) -> set[int]:
    """The tokens ``tok`` attributes before trimming (see ``reported_content``)."""
    doc = tok.doc
    speech = tok.lemma_.lower() in lex.verbs
    after = doc[tok.i + 1] if tok.i + 1 < tok.sent.end else None
    if comp is not None:
        chosen = {t.i for t in comp.subtree}
        if comp.i < tok.i:  # "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt"
            for child in tok.rights:
                if child.dep_ in {"advcl", "prep", "npadvmod", "ccomp"}:
                    chosen |= {t.i for t in child.subtree}
        return chosen
    if nominal:
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"of", "about"}), None)
        return {t.i for t in prep.subtree} if prep is not None else set()
    if speech and after is not None and not after.is_punct and speaker.i < tok.i:
        # "Republicans said they're convinced …" parsed without a complement: the rest of the sentence
        return set(range(tok.i + 1, tok.sent.end))
    if tok.dep_ == "parataxis" and speech:
        return {t.i for t in tok.head.subtree} - {t.i for t in tok.subtree}
    if is_object_cue(lex, tok):
        return _object_content(lex, tok)
    return set()


def reported_content(lex: Lexicon, tok: Token, nominal: bool, speaker: Token) -> list[Span]:
    """What ``tok`` attributes: its clausal complement, else (for object cues) its objects and their
    complements, else for a parenthetical cue ("…, Mr. Clarke said, …") the clause around it."""
    doc = tok.doc
    comp = syntax.child(tok, ("ccomp", "xcomp"))
    if comp is not None and comp.i < tok.i and any(t.text in {":", ";"} for t in doc[comp.right_edge.i : tok.i]):
        comp = None  # "… fireworks on Friday: Republicans said …": the clause before the colon is not theirs
    chosen = _chosen(lex, tok, comp, nominal, speaker)
    chosen -= {t.i for t in speaker.subtree} | {tok.i}
    if comp is None or comp.sent == tok.sent:  # content stays in the cue's sentence unless the parse says so
        chosen &= set(range(tok.sent.start, tok.sent.end))
    chosen -= _frame(lex, tok)
    for t in [doc[i] for i in sorted(chosen)]:  # ", which makes him …", ", the existing alliance …"
        if t.i in chosen and t.dep_ in {"relcl", "appos", "acl"} and t.left_edge.i > 0 \
                and doc[t.left_edge.i - 1].text == "," and t.right_edge.i + 1 >= max(chosen):
            chosen -= {x.i for x in t.subtree}
    for t in [doc[i] for i in sorted(chosen)]:  # ", arguing that …" is an attribution of its own
        if t.i in chosen and t.dep_ in {"advcl", "conj"} and t.tag_ == "VBG" and (
                is_cue(lex, t) or is_object_cue(lex, t)):
            chosen -= {x.i for x in t.subtree}
    return pieces(doc, chosen)


def _frame(lex: Lexicon, tok: Token) -> set[int]:
    """Adjuncts of the cue that frame the utterance rather than belong to it: "in a statement",
    "on Thursday", "in an interview with CNN"."""
    out: set[int] = set()
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in FRAME_PREPS:
            pobj = syntax.pobj(child)
            if pobj is not None and (pobj.lemma_.lower() in lex.nouns or pobj.ent_type_ in {"DATE", "TIME"}):
                out |= {t.i for t in child.subtree}
        elif child.dep_ == "npadvmod" and child.ent_type_ in {"DATE", "TIME"}:
            out |= {t.i for t in child.subtree}
    return out


def according_to(doc: Doc, index: dict[int, int], inside: set[int]) -> list[Quote]:
    """ "…, according to X." — the rest of the clause is X's."""
    out: list[Quote] = []
    for tok in (doc[i] for i in with_text(doc, "according", lower=True)):
        if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        pobj = syntax.pobj(doc[tok.i + 1])
        if pobj is None:
            continue
        phrase = {t.i for t in tok.subtree} | {t.i for t in doc[tok.i + 1].subtree}
        clause = tok.head if tok.head.pos_ in {"VERB", "AUX"} else tok.sent.root
        found = pieces(doc, {t.i for t in clause.subtree} - phrase)
        if not found or all(t.i in inside for p in found for t in p):
            continue
        partly_quoted = any(t.i in inside for p in found for t in p)
        out.append(Quote(
            kind="mixed" if partly_quoted else "indirect",
            content=[(p.start_char, p.end_char) for p in found],
            cue=(tok.idx, doc[tok.i + 1].idx + 2), speaker=party(doc, pobj, index), addressee=None,
            speaker_description=apposition(pobj), how="reported:according-to",
        ))
    return out


def _nominal_cue(lex: Lexicon, tok: Token) -> bool:
    """'A joint statement spoke of …', 'the statement said …': the subject is an utterance noun."""
    subj = syntax.subject(tok)
    return bool(subj is not None and tok.pos_ == "VERB" and subj.lemma_.lower() in lex.nouns
                and (tok.lemma_.lower() in lex.verbs or tok.lemma_.lower() == "speak"))
