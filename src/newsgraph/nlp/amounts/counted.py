"""Step 3: what a bare number counts ("10,000 troops", "dozens of civilians", "40 were wounded")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.nlp.amounts.lexicon import Lexicon
from newsgraph.nlp.amounts.parse import NAME_ENTS, NOUNS, PEOPLE, modified_noun, noun_phrase
from newsgraph.nlp.amounts.scan import DEFINITE, NEGATORS, NUMBER_SIGNS, Reading


class Counting:
    """The count rules of ``AmountTagger`` (they read its lexicon and ``min_definite_count``)."""

    lex: Lexicon
    min_definite_count: int

    def _counted(self, span: Span, reading: Reading) -> tuple[str, str] | None:
        """(unit, object) of a count, or None when the parse shows no counted thing."""
        doc, root = span.doc, span.root
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        after = doc[span.end] if span.end < len(doc) else None
        if span[0].ent_type_ in NAME_ENTS or before in NUMBER_SIGNS or before in NEGATORS:
            return None  # "Boeing 737", "No. 10": part of a name; "no one"
        if after is not None and after.lower_ in self.lex.not_counted:
            return None  # "a 3 a.m. call", "five years ago"
        if reading.after_of:  # "dozens of civilians"; "one of the leaders" is no count
            noun = next((c for c in doc[span.end].children if c.dep_ == "pobj" and c.pos_ in NOUNS), None)
            happened = self._casualty_of(root)
            if noun is None or (not reading.vague and happened is None):
                return None
        else:
            noun = modified_noun(root, span)
            if noun is None:  # "40 were wounded", "40 wounded", "12 died"
                happened = self._casualty_of(root) or (self._casualty_word(after) if after is not None else None)
                return (PEOPLE, f"{PEOPLE} {happened}") if happened else None
            happened = self._casualty_of(noun)
        return self._count_of(noun, span, reading, happened)

    def _count_of(self, noun: Token, span: Span, reading: Reading, happened: str | None) -> tuple[str, str] | None:
        lemma = noun.lemma_.lower()
        if self._casualty_word(noun):  # "40 wounded" parsed as a noun
            return PEOPLE, f"{PEOPLE} {self._casualty_word(noun)}"
        if lemma in self.lex.people_nouns:  # "two others were wounded"
            return PEOPLE, f"{PEOPLE} {happened}" if happened else PEOPLE
        if lemma in self.lex.not_counted or noun.lower_ in self.lex.not_counted or not noun.text[:1].isalpha():
            return None  # "five days"; "the '90s"
        if reading.value is None:
            return None  # a count beyond MAX_VALUE counts nothing real
        if reading.value == 1 and lemma not in self.lex.count_nouns:
            return None  # "one day", "one side"
        before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        if before in DEFINITE and reading.value < self.min_definite_count and not reading.vague:
            return None  # "the two leaders" refers to them rather than counting them
        words = noun_phrase(noun, span)
        unit = " ".join([*words[:-1], lemma])
        measured = " ".join(words)
        return unit, f"{measured} {happened}" if happened else measured

    def _casualty_word(self, token: Token) -> str | None:
        return self.lex.casualty.get(token.lower_) or self.lex.casualty.get(token.lemma_.lower())

    def _casualty_of(self, token: Token) -> str | None:
        """What a casualty word says happened to ``token``: "five people were killed", "killed 15 soldiers",
        "five people killed", "12 died", "12 were reported dead", "left 40 people wounded"."""
        head = token.head
        role = token.dep_
        if head.pos_ in {"VERB", "ADJ"} and head is not token:
            word = self._casualty_word(head)
            intransitive = head.lemma_.lower() in self.lex.casualty_intransitive
            if word and (role in {"nsubjpass", "dobj"} or (role == "nsubj" and intransitive)):
                return word
        if head.pos_ in {"VERB", "AUX"} and role in {"nsubj", "nsubjpass", "dobj"}:
            for child in head.children:  # "were reported dead", "left 40 people wounded"
                if child.dep_ in {"oprd", "acomp", "xcomp", "ccomp"} and child.i > token.i:
                    word = self._casualty_word(child)
                    if word:
                        return word
        for child in token.children:  # "five people killed", "12 people dead"
            if child.dep_ in {"acl", "amod"} and child.i > token.i:
                word = self._casualty_word(child)
                if word:
                    return word
        return None
