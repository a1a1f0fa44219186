"""The syntactic frame of a cue's content: what, in the parse, a candidate cue word attributes.

The learner (``newsgraph learn cues``) and the quote stage both call ``frame_of``, so the precision the learner
measures for (cue, part of speech, frame) on PolNeAR's train split is the precision of the stage's decision.
A word has at most one frame, the first that applies:

  that        a clausal complement introduced by "that": "said that taxes will rise", "the claim that …"
  wh          a complement opened by if/whether or a wh-word: "asked whether …", "explained why …"
  clause      another clausal complement to the right: "said taxes will rise"
  inverted    a clausal complement before the cue: "Taxes will rise, she said."
  parenthetical  the cue is inserted in the clause it attributes: "Taxes, she said, will rise."
  to          an infinitive or other open complement: "wants to win", "plans to run", "eager to help"
  object      a direct object (with what completes it): "backed Cruz", "showed Trump leading the field"
  predicate   an adjective or noun predicate: "seemed unlikely", "sounds sophisticated"
  prep:X      the object of the preposition X: "called for talks", "criticism of the plan", "critical of"
  passive     the subject of a passive cue with no complement: "the move was first reported by CNN"
  rest        a verb of saying with a subject before it and no parsed complement: the rest of the sentence
  colon       the words after a colon that follows the cue: "He put it this way: …"

Prepositional phrases that frame the utterance rather than carry it ("in a statement", "on Tuesday",
"during an interview") are never a frame's content (``FRAMING_PREPS``), and neither are dates.
The speaker is the subject for an active verb, the "by" agent for a passive one, the possessor or the
"by"/"from" object for a noun ("Trump's claim", "criticism from Democrats"), the subject of a light verb whose
object the noun is ("made allegations against …"), and the subject of the copula for an adjective ("was
critical of …"). Each learned row also says whether the subject belongs to the content ("X seemed to …") or
speaks it ("X wanted to …"): its ``shape``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.nlp import syntax
from newsgraph.nlp.common import doc_text

#: parts of speech a cue can have
CUE_POS = frozenset({"VERB", "NOUN", "ADJ"})
WH_WORDS = frozenset({"if", "whether", "why", "how", "what", "when", "where", "who", "whom", "which", "whose"})
#: prepositions whose phrase frames an utterance ("in a statement", "at a rally") rather than carries it
FRAMING_PREPS = frozenset({"in", "on", "at", "during", "via", "through", "after", "before", "since", "from",
                           "while", "with", "by", "into", "outside", "inside", "near", "until"})
#: of those, the ones that can still carry content after a verb ("focused on", "agreed with")
CARRYING = frozenset({"on", "with", "from", "into"})
TIME_ENTS = frozenset({"DATE", "TIME"})
LIGHT_DEPS = frozenset({"dobj", "attr", "pobj"})
#: words that may stand between a clause and its inverted cue ("…, he has also said")
NEAR_DEPS = frozenset({"aux", "auxpass", "advmod", "neg", "prt"})
#: what completes an object ("painted Romney | as a caricature", "compared him | favorably | to Obama")
COMPLETING = frozenset({"oprd", "xcomp", "ccomp", "acomp", "prep", "advmod", "dative"})


@dataclass(frozen=True)
class Frame:
    name: str
    content: frozenset[int]  # token indices of the content, without the subject
    subject: Token | None  # the cue's subject (for "subject+complement" rows it joins the content)
    speaker: Token | None  # who the frame gives as the source, before a row's shape is applied


def cue_key(tok: Token) -> str:
    """The lemma a cue is learned under, with its particle: "point out", "lay out", "say"."""
    lemma = tok.lemma_.lower()
    particle = next((c for c in tok.children if c.dep_ == "prt" and c.i > tok.i), None)
    return f"{lemma} {particle.lower_}" if particle is not None else lemma


def paragraph_tokens(tok: Token) -> tuple[int, int]:
    """The token range of ``tok``'s paragraph (the parser's sentences may run over a line break)."""
    doc = tok.doc
    text = doc_text(doc)
    breaks = doc.user_data.get("ng_line_breaks")  # found once per document: a cue asks in O(log n)
    if breaks is None:
        breaks = doc.user_data["ng_line_breaks"] = [m.start() for m in re.finditer("\n", text)]
    k = bisect.bisect_left(breaks, tok.idx)
    first = breaks[k - 1] + 1 if k > 0 else 0
    last = breaks[k] if k < len(breaks) else len(text)
    span = doc.char_span(first, last, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (tok.sent.start, tok.sent.end)


def subtree(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


def _is_time(tok: Token) -> bool:
    return tok.ent_type_ in TIME_ENTS


def framing(child: Token, utterance_nouns: frozenset[str] = frozenset()) -> bool:
    """Does the prepositional (or noun) phrase ``child`` frame the utterance: "in a statement", "on Tuesday"?"""
    if child.dep_ == "npadvmod":
        return _is_time(child)
    if child.dep_ != "prep":
        return False
    pobj = syntax.pobj(child)
    if pobj is None:
        return child.lower_ in FRAMING_PREPS and child.lower_ not in CARRYING
    if _is_time(pobj) or pobj.lemma_.lower() in utterance_nouns:
        return True
    return child.lower_ in FRAMING_PREPS and child.lower_ not in CARRYING


def _clause_name(comp: Token) -> str:
    first = comp.doc[comp.left_edge.i]
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in comp.children) or first.lower_ == "that":
        return "that"
    if first.lower_ in WH_WORDS or first.tag_ in {"WDT", "WP", "WRB", "WP$"}:
        return "wh"
    return "clause"


def _verb_speaker(tok: Token) -> Token | None:
    if any(c.dep_ == "nsubjpass" for c in tok.children) or any(c.dep_ == "auxpass" for c in tok.children):
        agent = syntax.child(tok, ("agent",))
        return syntax.pobj(agent) if agent is not None else None
    # a cue with no subject of its own ("…, defending himself", "stopped short of calling") speaks for the
    # subject of the clause it hangs on, or for who controls it
    return syntax.subject(tok) or syntax.subject(tok, control=True)


def _noun_speaker(tok: Token) -> Token | None:
    owner = syntax.child(tok, ("poss",))
    if owner is not None:
        return owner
    for prep in syntax.children(tok, ("prep",)):
        if prep.lower_ in {"by", "from", "among"}:
            return syntax.pobj(prep)
    if tok.dep_ in LIGHT_DEPS:  # "made allegations against …", "issued a warning that …"
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        if verb.pos_ in {"VERB", "AUX"}:
            return syntax.subject(verb)
    return None


def _adj_speaker(tok: Token) -> Token | None:
    if tok.dep_ in {"acomp", "oprd", "amod"} and tok.head.pos_ in {"VERB", "AUX"}:
        return syntax.subject(tok.head)
    return None


def speaker_of(tok: Token) -> Token | None:
    if tok.pos_ == "NOUN":
        found = _noun_speaker(tok)
    elif tok.pos_ == "ADJ":
        found = _adj_speaker(tok)
    else:
        found = _verb_speaker(tok)
    return in_paragraph(found, tok) if found is not None else None


def in_paragraph(speaker: Token, cue: Token) -> Token | None:
    """The speaker as far as it lies in the cue's paragraph: a parse that runs over a line break ("7 p.m." ¶
    "Donald Trump says …" with "7 p.m." as the subject) keeps the head of the part in the cue's paragraph."""
    start, end = paragraph_tokens(cue)
    if start <= speaker.i < end:
        return speaker
    twins = [c for c in speaker.head.children if c.dep_ == speaker.dep_ and start <= c.i < end]
    if twins:  # two subjects of one verb: the one in the cue's paragraph
        return twins[-1]
    inside = {t.i for t in speaker.subtree if start <= t.i < end and not (t.is_punct or t.is_space)}
    return next((t for t in speaker.subtree if t.i in inside and t.head.i not in inside), None)


def _subject_of(tok: Token) -> Token | None:
    if tok.pos_ == "ADJ":
        return _adj_speaker(tok)
    if tok.pos_ == "NOUN":
        return None
    return syntax.child(tok, ("nsubj", "nsubjpass", "csubj")) or syntax.subject(tok)


def _prep_frame(tok: Token, utterance_nouns: frozenset[str]) -> tuple[str, set[int]] | None:
    for child in tok.rights:
        if child.dep_ != "prep" or not child.is_alpha or framing(child, utterance_nouns):
            continue
        obj = syntax.child(child, ("pobj", "pcomp"))
        if obj is not None:
            return f"prep:{child.lower_}", subtree(obj)
    return None


def _right_complement(tok: Token) -> tuple[str, set[int]] | None:
    """A clausal, infinitive, object or predicate complement to the right of ``tok``."""
    for child in tok.rights:
        if child.dep_ == "ccomp" or (child.dep_ == "acl" and tok.pos_ == "NOUN" and _clause_name(child) == "that"):
            return _clause_name(child), subtree(child)
    xcomp = next((c for c in tok.rights if c.dep_ == "xcomp" or (c.dep_ == "acl" and tok.pos_ == "NOUN" and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in c.children))), None)
    if xcomp is not None:
        return "to", subtree(xcomp)
    obj = next((c for c in tok.rights if c.dep_ in {"dobj", "dative"}), None)
    if obj is not None and tok.pos_ != "NOUN":
        chosen = subtree(obj)
        for after in tok.rights:  # "painted Romney as a caricature", "accused her of lying", "found it to be"
            if after.i > obj.i and after.dep_ in COMPLETING and not framing(after):
                chosen |= subtree(after)
        return "object", chosen
    pred = next((c for c in tok.rights if c.dep_ in {"acomp", "attr", "oprd"}), None)
    if pred is not None and tok.pos_ != "NOUN":
        return "predicate", subtree(pred)
    return None


def _fallbacks(tok: Token) -> tuple[str, set[int]] | None:
    """Frames of a verb with no parsed complement: passive subject, colon, rest of the sentence."""
    doc, sent = tok.doc, tok.sent
    passive = syntax.child(tok, ("nsubjpass",))
    if passive is not None:
        return "passive", subtree(passive)
    after = doc[tok.i + 1] if tok.i + 1 < sent.end else None
    if after is not None and after.text == ":":
        return "colon", set(range(after.i + 1, sent.end))
    subject = syntax.child(tok, ("nsubj",))
    if subject is not None and subject.i < tok.i and after is not None and not after.is_punct:
        return "rest", set(range(tok.i + 1, sent.end))
    return None


def _adjacent_before(comp: Token, tok: Token) -> bool:
    """Does the clause ``comp`` end right before the cue, but for punctuation, the cue's subject and its
    auxiliaries and adverbs ("…, he has also said")?"""
    subject = {t.i for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}
    return all(t.is_punct or t.is_space or t.i in subject or (t.head.i == tok.i and t.dep_ in NEAR_DEPS)
               for t in tok.doc[comp.right_edge.i + 1 : tok.i])


def _find(tok: Token, utterance_nouns: frozenset[str]) -> tuple[str, set[int]] | None:
    start, end = paragraph_tokens(tok)
    comps = [c for c in syntax.children(tok, ("ccomp",)) if start <= c.i < end]  # not a clause of another paragraph
    right = next((c for c in comps if c.i > tok.i), None)
    if right is not None:
        return _clause_name(right), subtree(right)
    if comps and tok.pos_ != "NOUN" and _adjacent_before(comps[0], tok):
        chosen = subtree(comps[0])  # "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt"
        for child in tok.rights:
            if child.dep_ in {"advcl", "prep", "npadvmod", "ccomp"}:
                chosen |= subtree(child)
        return "inverted", chosen
    if tok.dep_ == "parataxis" and tok.pos_ == "VERB":
        return "parenthetical", subtree(tok.head) - subtree(tok)
    found = _right_complement(tok) or _prep_frame(tok, utterance_nouns)
    if found is None and tok.pos_ == "VERB":
        found = _fallbacks(tok)
    return found


def frame_of(tok: Token, utterance_nouns: frozenset[str] = frozenset()) -> Frame | None:
    """The frame of the candidate cue ``tok`` (see the module docstring), or None."""
    if tok.pos_ not in CUE_POS:
        return None
    found = _find(tok, utterance_nouns)
    if found is None:
        return None
    name, content = found
    subject = _subject_of(tok) if name not in {"passive", "parenthetical", "inverted"} else None
    content -= {tok.i}
    if subject is not None:
        content -= subtree(subject)
    start, end = paragraph_tokens(tok)
    sent = tok.sent
    content &= set(range(max(sent.start, start), min(sent.end, end)))  # in its cue's sentence and paragraph
    for child in tok.children:
        if framing(child, utterance_nouns):
            content -= subtree(child)
    if not content:
        return None
    return Frame(name, frozenset(content), subject, speaker_of(tok))


#: the dependents a word needs for each frame (prep:X needs a preposition X)
FRAME_NEEDS = {"that": {"ccomp", "acl"}, "wh": {"ccomp", "acl"}, "clause": {"ccomp"}, "inverted": {"ccomp"},
               "to": {"xcomp", "acl"}, "object": {"dobj", "dative"}, "predicate": {"acomp", "attr", "oprd"},
               "passive": {"nsubjpass"}}


def could_have(tok: Token, frames: frozenset[str]) -> bool:
    """A cheap first look: might ``tok`` have one of ``frames``? (False only when it surely cannot.)"""
    deps = {c.dep_ for c in tok.children}
    for frame in frames:
        if frame.startswith("prep:"):
            if any(c.dep_ == "prep" and c.lower_ == frame[5:] for c in tok.children):
                return True
        elif frame in FRAME_NEEDS:
            if deps & FRAME_NEEDS[frame]:
                return True
        else:  # parenthetical, rest, colon: no single dependent tells
            return True
    return False
