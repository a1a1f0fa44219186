"""Stage 6, ``newsgraph_quotes``: who said what to whom — direct, indirect and mixed quotations.

  1. quotation-mark spans per paragraph: curly, straight and two-apostrophe marks; an unclosed mark runs to the
     end of its paragraph, and a paragraph opening with a mark continues the quote before it; marks that do not
     pair never drop text;
  2. each direct quote of four words or more finds its cue outside the marks in the sentences it touches: a
     verb of saying with its subject (before or after: "said Hoo Tiang Boon"), "according to X", or a colon
     after "X said:" / "the statement read:"; its addressee ("told Putin") and the speaker's apposition;
  3. a paragraph that is only a quote takes the speaker of the quote in the paragraph before;
  4. reported speech: a verb of saying (or a nominal cue: "a statement spoke of") with a clausal complement
     ("Xi said the two leaders see…", "China claims to take…") outside any direct quote; a complement that
     contains a quoted fragment is a mixed quote.
Speakers and addressees resolve to actors through the mentions of ``newsgraph_actors`` and ``newsgraph_coref``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.errors import ErrorCode, SetupError
from newsgraph.nlp import syntax
from newsgraph.nlp.common import doc_text, mention_at, with_lemma, with_text
from newsgraph.nlp.extensions import Party, Quote

OPENERS = {"“": "”", "«": "»", "„": "“"}
TRANSCRIPT = re.compile(r"([A-Z][A-Z.'’ -]{1,40}[A-Z.]):\s+(\S.*)")
HEADLINE = re.compile(r"([A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}):\s+(\S.*)")
SIGNED_LINE = re.compile(r"([A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,3})\s[―—]\s+(\S.*)")
MIN_DIRECT_WORDS = 4


@dataclass
class Marked:
    start: int  # first character inside the marks
    end: int
    closed: bool


def load_cues() -> dict[str, Any]:
    path = resources.files("newsgraph.nlp") / "data" / "cues.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise SetupError(ErrorCode.DATA_FILE, f"cues.yaml: {err}") from err
    return {
        "verbs": frozenset(data["verbs"]),
        "addressee_verbs": frozenset(data["addressee_verbs"]),
        "nouns": frozenset(data["nouns"]),
        "with_particle": {k: frozenset(v) for k, v in (data.get("with_particle") or {}).items()},
        "object_verbs": frozenset(data.get("object_verbs") or []),
        "prep_verbs": {k: frozenset(v) for k, v in (data.get("prep_verbs") or {}).items()},
    }


@Language.factory("newsgraph_quotes", assigns=["doc._.ng_quotes"], requires=["doc._.ng_mentions"],
                  default_config={})
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder(load_cues())


def paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def marked_spans(text: str, start: int, end: int) -> list[Marked]:
    """Quotation-mark spans inside one paragraph. Straight marks and ``''`` toggle; curly marks pair."""
    out: list[Marked] = []
    i = start
    open_at: int | None = None
    closer = ""
    while i < end:
        ch = text[i]
        two = text[i : i + 2]
        if open_at is None:
            if ch == "”" and not text[start:i].strip():  # some outlets open a paragraph with a closing mark
                open_at, closer, i = i + 1, "”", i + 1
                continue
            if ch in OPENERS:
                open_at, closer, i = i + 1, OPENERS[ch], i + 1
                continue
            if ch == '"' or two in {"''", "``"}:
                width = 2 if two in {"''", "``"} else 1
                open_at, closer, i = i + width, ("''" if width == 2 else '"'), i + width
                continue
        else:
            if text.startswith(closer, i) or (closer == "''" and ch == '"') or (closer == '"' and ch == "”"):
                out.append(Marked(open_at, i, True))
                i += len(closer)
                open_at = None
                continue
            if closer == "”" and ch == "“":  # a new opener before a close: treat the first as unclosed
                out.append(Marked(open_at, i, False))
                open_at, i = i + 1, i + 1
                continue
        i += 1
    if open_at is not None and end > open_at:
        out.append(Marked(open_at, end, False))
    return [m for m in out if text[m.start : m.end].strip()]


class QuoteFinder:
    def __init__(self, cues: dict[str, Any]) -> None:
        self.cues = cues
        #: the lemmas a reported-speech cue can have: speech verbs, "speak", attitude verbs, prepositional verbs
        self.cue_lemmas = frozenset(cues["verbs"]) | {"speak"} | frozenset(cues["object_verbs"]) | frozenset(
            cues["prep_verbs"])

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        index = mention_at(doc)
        quotes: list[Quote] = []
        inside: set[int] = set()
        used_cues: set[int] = set()
        prev_para_speaker: Quote | None = None
        for p_start, p_end in paragraphs(text):
            marks = marked_spans(text, p_start, p_end)
            para_quotes: list[Quote] = []
            for mark in marks:
                span = doc.char_span(mark.start, mark.end, alignment_mode="expand")
                if span is None:
                    continue
                inside.update(range(span.start, span.end))
                short = len(text[mark.start : mark.end].split()) < MIN_DIRECT_WORDS
                if short and not (mark.closed and text[mark.end - 1] in ",.?!"):
                    continue  # a scare quote ("no-limits"), not an utterance
                quote = self.attribute_direct(doc, span, mark, index, used_cues, text)
                if short and quote["speaker"] is None:
                    if para_quotes and para_quotes[-1]["speaker"] is not None:
                        para_quotes[-1]["content"].append((mark.start, mark.end))  # "…,” she said. “Not yet.”"
                    continue
                only_quote = _only_quote(text, p_start, p_end, marks)
                if quote["speaker"] is None and only_quote and prev_para_speaker is not None:
                    quote["speaker"] = prev_para_speaker["speaker"]
                    quote["speaker_description"] = prev_para_speaker["speaker_description"]
                    quote["how"] = "carry-over:previous-paragraph"
                if para_quotes and quote["speaker"] is None and para_quotes[-1]["speaker"] is not None:
                    last = para_quotes[-1]  # split quote: "…," he said, "…"
                    last["content"].append((mark.start, mark.end))
                    continue
                if quote["speaker"] is not None and para_quotes and para_quotes[-1]["cue"] == quote["cue"]:
                    para_quotes[-1]["content"].append((mark.start, mark.end))
                    continue
                para_quotes.append(quote)
            quotes.extend(para_quotes)
            attributed = [q for q in para_quotes if q["speaker"] is not None]
            if attributed:
                prev_para_speaker = attributed[-1]
            elif not marks:
                prev_para_speaker = None
        quotes.extend(self.transcript_lines(doc, index, inside))
        reported = _outermost(self.reported(doc, index, inside, used_cues), self.cues["verbs"], doc)
        mixed = [(q["content"][0][0], q["content"][-1][1]) for q in reported if q["kind"] == "mixed"]
        quotes = [q for q in quotes if not any(a <= q["content"][0][0] and q["content"][-1][1] <= b + 1
                                               for a, b in mixed)]  # the quoted fragment of a mixed quote
        quotes.extend(reported)
        quotes = [q for q in quotes if _substantive(doc, q)]
        quotes.sort(key=lambda q: q["content"][0][0])
        doc._.ng_quotes = quotes
        return doc

    # ---- 2. direct quotes -----------------------------------------------------------------------------
    def attribute_direct(
        self, doc: Doc, span: Span, mark: Marked, index: dict[int, int], used: set[int], text: str
    ) -> Quote:
        quote = Quote(kind="direct", content=[(mark.start, mark.end)], cue=None, speaker=None, addressee=None,
                      speaker_description=None, how="no-cue")
        sents = {span[0].sent.start: span[0].sent, span[-1].sent.start: span[-1].sent}
        own = set(sents)
        after = span.end + 1
        if after < len(doc):
            sents.setdefault(doc[after].sent.start, doc[after].sent)
        candidates: list[Token] = []
        for start, sent in sents.items():
            for tok in sent:
                if span.start - 1 <= tok.i <= span.end or not self.is_cue(tok):
                    continue
                if start not in own and tok.i - span.end > 4:
                    continue  # the next sentence lends its cue only when the parser cut "…,” he said" off
                candidates.append(tok)
        candidates.sort(key=lambda t: min(abs(t.i - span.end), abs(t.i - span.start)))
        for cue in candidates:
            speaker = syntax.subject(cue)
            if speaker is None:
                continue
            used.add(cue.i)
            mixed = _mixed_content(cue, span)
            if mixed is not None:  # "said that both sides believe that for “a settlement …”"
                quote["kind"] = "mixed"
                quote["content"] = [(mixed.start_char, mixed.end_char)]
            quote["cue"] = (cue.idx, cue.idx + len(cue.text))
            quote["speaker"] = _party(doc, speaker, index)
            quote["addressee"] = self.addressee(doc, cue, index)
            quote["speaker_description"] = _apposition(speaker)
            quote["how"] = f"cue:{cue.lemma_.lower()}"
            return quote
        signed = _signature(span, index, text)
        if signed is not None:  # "“…” ― Carla Sanchez" or "PENCE: …"
            quote["cue"] = (signed[0].idx, signed[0].idx + len(signed[0].text))
            quote["speaker"] = _party(doc, signed[1], index)
            quote["how"] = "cue:signature"
            return quote
        according = _according_to(span)
        if according is not None:
            quote["cue"] = (according[0].idx, according[1].idx + len(according[1].text))
            quote["speaker"] = _party(doc, according[2], index)
            quote["how"] = "cue:according-to"
        return quote

    def is_cue(self, tok: Token) -> bool:
        lemma = tok.lemma_.lower()
        if tok.pos_ not in {"VERB", "AUX"} or lemma not in self.cues["verbs"]:
            return False
        if tok.dep_ == "ccomp" and self.is_cue(tok.head):
            return False  # "the statement said both sides believe …": the outer verb is the cue
        particles = self.cues["with_particle"].get(lemma)
        if particles is not None:
            return any(c.lower_ in particles for c in tok.children)
        return True

    def addressee(self, doc: Doc, cue: Token, index: dict[int, int]) -> Party | None:
        if cue.lemma_.lower() in self.cues["addressee_verbs"]:
            obj = syntax.child(cue, ("dobj", "dative"))
            if obj is not None and obj.pos_ in {"PROPN", "NOUN", "PRON"}:
                return _party(doc, obj, index)
        to = syntax.pobj(cue, ("to",))
        return _party(doc, to, index) if to is not None else None

    def transcript_lines(self, doc: Doc, index: dict[int, int], inside: set[int]) -> list[Quote]:
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
            if match.re is SIGNED_LINE and _is_dateline(name):
                continue  # "WASHINGTON — Sen. Sanders defended …" opens a story; nobody signs it
            inside.update(t.i for t in body)
            colon = match.end(1)  # the colon, or for a signed line the dash after the name
            if match.re is SIGNED_LINE:
                colon = next(i for i in range(match.end(1), match.start(2)) if text[i] in "―—")
            out.append(Quote(kind="direct", content=[(body.start_char, body.end_char)], cue=(colon, colon + 1),
                             speaker=_party(doc, name[-1], index), addressee=None, speaker_description=None,
                             how="cue:transcript"))
        return out

    # ---- 4. reported speech ---------------------------------------------------------------------------
    def reported(self, doc: Doc, index: dict[int, int], inside: set[int], used: set[int]) -> list[Quote]:
        out: list[Quote] = []
        for tok in (doc[i] for i in with_lemma(doc, self.cue_lemmas)):  # every test below needs such a lemma
            if tok.i in inside or tok.i in used:
                continue
            nominal = self._nominal_cue(tok)
            if not (nominal or self.is_cue(tok) or self.is_object_cue(tok)):
                continue
            speaker = syntax.subject(tok)
            if speaker is None:
                continue
            pieces = self.reported_content(tok, nominal, speaker)
            if not pieces or sum(len(p) for p in pieces) < 2 or all(t.i in inside for p in pieces for t in p):
                continue
            partly_quoted = any(t.i in inside or t.text in {"“", "”", '"'} for p in pieces for t in p)
            out.append(Quote(
                kind="mixed" if partly_quoted else "indirect",
                content=[(p.start_char, p.end_char) for p in pieces],
                cue=(tok.idx, tok.idx + len(tok.text)),
                speaker=_party(doc, speaker, index),
                addressee=self.addressee(doc, tok, index),
                speaker_description=_apposition(speaker),
                how=f"reported:{tok.lemma_.lower()}" + (":nominal" if nominal else ""),
            ))
        out.extend(self.according_to(doc, index, inside))
        out.extend(self.possessed_claims(doc, index, inside))
        out.extend(self.colon_intros(doc, index, inside, used))
        return out

    def colon_intros(self, doc: Doc, index: dict[int, int], inside: set[int], used: set[int]) -> list[Quote]:
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
                if self.is_cue(tok) or subj.lemma_.lower() in self.cues["nouns"]:
                    speaker = subj
                    break
            if speaker is None:
                continue
            pieces = _pieces(doc, {t.i for t in rest})
            if pieces:
                out.append(Quote(kind="indirect", content=[(p.start_char, p.end_char) for p in pieces],
                                 cue=(colon.idx, colon.idx + 1), speaker=_party(doc, speaker, index),
                                 addressee=None, speaker_description=None, how="reported:colon"))
        return out

    def possessed_claims(self, doc: Doc, index: dict[int, int], inside: set[int]) -> list[Quote]:
        """ "Moscow's contention that Russia was provoked", "her claim that …": an utterance noun whose
        possessor is the speaker and whose that-clause is the content."""
        out: list[Quote] = []
        for tok in (doc[i] for i in with_lemma(doc, self.cues["nouns"])):
            if tok.pos_ != "NOUN":
                continue
            owner = syntax.child(tok, ("poss",))
            clause = next((c for c in tok.children if c.dep_ in {"acl", "ccomp", "relcl"}
                           and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)), None)
            if owner is None or clause is None:
                continue
            pieces = _pieces(doc, {t.i for t in clause.subtree})
            if not pieces or all(t.i in inside for p in pieces for t in p):
                continue
            out.append(Quote(
                kind="mixed" if any(t.i in inside for p in pieces for t in p) else "indirect",
                content=[(p.start_char, p.end_char) for p in pieces], cue=(tok.idx, tok.idx + len(tok.text)),
                speaker=_party(doc, owner, index), addressee=None, speaker_description=None,
                how=f"reported:{tok.lemma_.lower()}:possessive",
            ))
        return out

    def is_object_cue(self, tok: Token) -> bool:
        """Verbs whose object is what is attributed: "criticized the plan", "called for a ceasefire"."""
        if tok.pos_ != "VERB":
            return False
        lemma = tok.lemma_.lower()
        if lemma in self.cues["object_verbs"]:
            return True
        preps = self.cues["prep_verbs"].get(lemma)
        return bool(preps) and any(c.dep_ in {"prep", "prt"} and c.lower_ in preps for c in tok.children)

    def reported_content(self, tok: Token, nominal: bool, speaker: Token) -> list[Span]:
        """What ``tok`` attributes: its clausal complement, else (for object cues) its objects and their
        complements, else for a parenthetical cue ("…, Mr. Clarke said, …") the clause around it."""
        doc = tok.doc
        chosen: set[int] = set()
        comp = syntax.child(tok, ("ccomp", "xcomp"))
        if comp is not None and comp.i < tok.i and any(t.text in {":", ";"} for t in doc[comp.right_edge.i : tok.i]):
            comp = None  # "… fireworks on Friday: Republicans said …": the clause before the colon is not theirs
        speech = tok.lemma_.lower() in self.cues["verbs"]
        after = doc[tok.i + 1] if tok.i + 1 < tok.sent.end else None
        if comp is not None:
            chosen = {t.i for t in comp.subtree}
            if comp.i < tok.i:  # "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt"
                for child in tok.rights:
                    if child.dep_ in {"advcl", "prep", "npadvmod", "ccomp"}:
                        chosen |= {t.i for t in child.subtree}
        elif nominal:
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"of", "about"}), None)
            chosen = {t.i for t in prep.subtree} if prep is not None else set()
        elif speech and after is not None and not after.is_punct and speaker.i < tok.i:
            # "Republicans said they're convinced …" parsed without a complement: the rest of the sentence
            chosen = set(range(tok.i + 1, tok.sent.end))
        elif tok.dep_ == "parataxis" and speech:
            chosen = {t.i for t in tok.head.subtree} - {t.i for t in tok.subtree}
        elif self.is_object_cue(tok):
            cue_preps = self.cues["prep_verbs"].get(tok.lemma_.lower())
            for child in tok.rights:
                if child.dep_ not in OBJECT_DEPS:
                    continue
                if cue_preps is not None and child.dep_ in {"prep", "prt"} and child.lower_ not in cue_preps:
                    continue  # "called into a radio show" is not "called for"
                chosen |= {t.i for t in child.subtree}
                if cue_preps is not None and child.lower_ in cue_preps:
                    chosen.discard(child.i)  # "called for | a ceasefire": the preposition is part of the cue
        chosen -= {t.i for t in speaker.subtree} | {tok.i}
        if comp is None or comp.sent == tok.sent:  # content stays in the cue's sentence unless the parse says so
            chosen &= set(range(tok.sent.start, tok.sent.end))
        chosen -= self._frame(tok)
        for t in [doc[i] for i in sorted(chosen)]:  # ", which makes him …", ", the existing alliance …"
            if t.i in chosen and t.dep_ in {"relcl", "appos", "acl"} and t.left_edge.i > 0 \
                    and doc[t.left_edge.i - 1].text == "," and t.right_edge.i + 1 >= max(chosen):
                chosen -= {x.i for x in t.subtree}
        for t in [doc[i] for i in sorted(chosen)]:  # ", arguing that …" is an attribution of its own
            if t.i in chosen and t.dep_ in {"advcl", "conj"} and t.tag_ == "VBG" and (
                    self.is_cue(t) or self.is_object_cue(t)):
                chosen -= {x.i for x in t.subtree}
        return _pieces(doc, chosen)

    def _frame(self, tok: Token) -> set[int]:
        """Adjuncts of the cue that frame the utterance rather than belong to it: "in a statement",
        "on Thursday", "in an interview with CNN"."""
        out: set[int] = set()
        for child in tok.rights:
            if child.dep_ == "prep" and child.lower_ in {"in", "on", "during", "at", "via", "through"}:
                pobj = syntax.pobj(child)
                if pobj is not None and (pobj.lemma_.lower() in self.cues["nouns"] or pobj.ent_type_ in {
                        "DATE", "TIME"}):
                    out |= {t.i for t in child.subtree}
            elif child.dep_ == "npadvmod" and child.ent_type_ in {"DATE", "TIME"}:
                out |= {t.i for t in child.subtree}
        return out

    def according_to(self, doc: Doc, index: dict[int, int], inside: set[int]) -> list[Quote]:
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
            chosen = {t.i for t in clause.subtree} - phrase
            pieces = _pieces(doc, chosen)
            if not pieces or all(t.i in inside for p in pieces for t in p):
                continue
            partly_quoted = any(t.i in inside for p in pieces for t in p)
            out.append(Quote(
                kind="mixed" if partly_quoted else "indirect",
                content=[(p.start_char, p.end_char) for p in pieces],
                cue=(tok.idx, doc[tok.i + 1].idx + 2), speaker=_party(doc, pobj, index), addressee=None,
                speaker_description=_apposition(pobj), how="reported:according-to",
            ))
        return out

    def _nominal_cue(self, tok: Token) -> bool:
        """'A joint statement spoke of …', 'the statement said …': the subject is an utterance noun."""
        subj = syntax.subject(tok)
        return bool(subj is not None and tok.pos_ == "VERB" and subj.lemma_.lower() in self.cues["nouns"]
                    and (tok.lemma_.lower() in self.cues["verbs"] or tok.lemma_.lower() == "speak"))


OBJECT_DEPS = frozenset({"dobj", "xcomp", "ccomp", "oprd", "prep", "dative", "attr", "acomp", "prt", "npadvmod"})
EDGE_WORDS = frozenset({"that", ",", ":", ";", "—", "–", "-", "--", "and", "but", "as", "because"})


def _outermost(quotes: list[Quote], speech_verbs: frozenset[str], doc: Doc) -> list[Quote]:
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


def _pieces(doc: Doc, chosen: set[int]) -> list[Span]:
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


def _mixed_content(cue: Token, quoted: Span) -> Span | None:
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
    while end > left and cue.doc[end].is_punct and cue.doc[end].text not in {"”", '"', "''"}:
        end -= 1
    return cue.doc[left : end + 1]


def _only_quote(text: str, start: int, end: int, marks: list[Marked]) -> bool:
    rest = text[start:end]
    for m in sorted(marks, key=lambda m: -m.start):
        rest = rest[: m.start - start] + rest[m.end - start :]
    return not re.sub(r"[\s“”\"'‘’.,:;…-]", "", rest)


def _party(doc: Doc, tok: Token, index: dict[int, int]) -> Party:
    n = index.get(tok.i)
    if n is not None:
        m = (doc._.ng_mentions or [])[n]
        return Party(start=m["start"], end=m["end"], text=m["text"], actor=m["actor"])
    left = tok.left_edge.i
    while left < tok.i and (doc[left].is_space or doc[left].is_punct):
        left += 1
    for child in tok.children:  # keep "a joint statement", drop relative clauses and appositions
        if child.dep_ in {"relcl", "appos", "acl", "prep"} and child.i > tok.i:
            break
    span = doc[left : tok.i + 1]
    inner = next((index[t.i] for t in reversed(span) if t.i in index), None)
    actor = (doc._.ng_mentions or [])[inner]["actor"] if inner is not None else None
    return Party(start=span.start_char, end=span.end_char, text=span.text, actor=actor)


def _apposition(tok: Token) -> str | None:
    appos = syntax.child(tok, ("appos",))
    if appos is None:
        return None
    return tok.doc[appos.left_edge.i : appos.right_edge.i + 1].text.strip(" ,.")


DASHES = frozenset({"―", "—", "–", "--", "-"})


def _signature(span: Span, index: dict[int, int], text: str) -> tuple[Token, Token] | None:
    """A speaker signed after a dash ("“…” ― Carla Sanchez") or named before a colon at the start of the
    paragraph, as transcripts do ("PENCE: …")."""
    doc = span.doc
    j = span.end
    while j < len(doc) and doc[j].is_punct and doc[j].text not in DASHES:
        j += 1
    first = j + 1
    while first < len(doc) and doc[first].is_space:  # "― Steve", often with a no-break space
        first += 1
    if first < len(doc) and j < len(doc) and doc[j].text in DASHES and doc[first].pos_ == "PROPN":
        name = doc[first]
        while name.i + 1 < len(doc) and doc[name.i + 1].pos_ == "PROPN" and doc[name.i + 1].dep_ == "flat":
            name = doc[name.i + 1]
        return doc[j], doc[first] if first in index else name
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


def _is_dateline(name: Span) -> bool:
    """A place written in capitals before a dash ("WASHINGTON —", "KYIV, Ukraine —") is a dateline."""
    letters = [c for c in name.text if c.isalpha()]
    return (bool(letters) and all(c.isupper() for c in letters)) or name.root.ent_type_ in {"GPE", "LOC"}


def _substantive(doc: Doc, quote: Quote) -> bool:
    """Content worth a quote has a word that is neither a number nor a particle ("1,769." and "’s" are not)."""
    return any(t.is_alpha and t.pos_ != "PART" for a, b in quote["content"]
               for t in (doc.char_span(a, b, alignment_mode="expand") or []))


def _according_to(span: Span) -> tuple[Token, Token, Token] | None:
    sent = span[-1].sent
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 2 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            pobj = syntax.pobj(tok.nbor(1))
            if pobj is not None:
                return tok, tok.nbor(1), pobj
    return None
