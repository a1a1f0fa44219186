"""Step 4: what money or a percentage measures ("$40 million in aid", "trade reached $240 billion")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.nlp import syntax
from newsgraph.nlp.amounts.lexicon import Lexicon
from newsgraph.nlp.amounts.parse import NUMBER_DEPS, SIBLING_PREPS, VERB_PREPS, is_thing, phrase


class Measuring:
    """The object rules of ``AmountTagger`` (they read its lexicon)."""

    lex: Lexicon

    def _measured(self, span: Span, root: Token | None = None) -> str | None:
        """What the amount ``span`` measures; ``root`` is the word standing for it ("a record $240 billion")."""
        root = root if root is not None else span.root
        own = self._own_phrase(root, span)
        if own is not None:
            return own
        head = root.head
        if head is root:
            return None
        if root.dep_ in NUMBER_DEPS and head.lemma_.lower() in self.lex.stand_ins and head.i < span.start:
            return self._measured(span, head)  # "trade hit a record $240 billion"
        if root.dep_ in NUMBER_DEPS and head.pos_ == "NOUN" and head.i >= span.end:
            return self._noun_or_changed(head, span)  # "a $40 million aid package", "a 5% rise in exports"
        if head.lower_ == "worth":
            return self._worth(head, span)
        if root.dep_ == "pobj" and head.dep_ == "prep":
            governor = head.head
            if head.lower_ == "of" and governor.lemma_.lower() in self.lex.stand_ins:
                return self._measured(span, governor)  # "trade reached a total of $240 billion"
            if head.lower_ in {"of", "at", "worth"} and governor.pos_ == "NOUN":
                return self._noun_or_changed(governor, span)  # "investment of $3.5 billion"
            if head.lower_ in VERB_PREPS and governor.pos_ in {"VERB", "AUX"}:
                obj = syntax.child(governor, ("dobj",))  # "raised tariffs to 25%", "trade rose to $240 billion"
                return phrase(obj, span) if is_thing(obj) else self._subject(governor, span)
            return None
        if head.pos_ in {"VERB", "AUX"}:
            return self._from_verb(head, root, span)
        return None

    def _own_phrase(self, root: Token, span: Span) -> str | None:
        """ "$40 million in aid", "12% of the population", "$40 million worth of arms"."""
        for child in root.children:
            if child.i < span.end or child.dep_ not in {"prep", "amod", "advmod", "npadvmod"}:
                continue
            if child.lower_ == "worth":
                child = syntax.child(child, ("prep",)) or child
            if child.lower_ in self.lex.object_preps:
                pobj = syntax.pobj(child)
                if is_thing(pobj) and pobj.lemma_.lower() not in self.lex.not_counted:
                    return self._noun_or_changed(pobj, span)
        return None

    def _worth(self, worth: Token, span: Span) -> str | None:
        """ "a deal worth $5bn" names the deal; "the deal is worth $5bn" names its subject."""
        if worth.dep_ in {"amod", "acl", "prep"} and worth.head.pos_ == "NOUN":
            return phrase(worth.head, span)
        if worth.head.pos_ in {"VERB", "AUX"}:
            return self._subject(worth.head, span)
        return None

    def _from_verb(self, verb: Token, root: Token, span: Span) -> str | None:
        if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ == "NOUN":
            return phrase(verb.head, span)  # "trade, totaling $240 billion"
        if verb.lemma_.lower() in self.lex.measure_verbs and root.dep_ != "nsubj":
            return self._subject(verb, span)  # "trade reached $240 billion", "inflation rose 12%"
        for child in verb.children:  # "spent $240bn on imports", "pledged $5m for reconstruction"
            if child.dep_ == "prep" and child.i >= span.end and child.lower_ in SIBLING_PREPS:
                pobj = syntax.pobj(child)
                if is_thing(pobj) and pobj.lemma_.lower() not in self.lex.not_counted:
                    return phrase(pobj, span)
        return None

    def _subject(self, verb: Token, span: Span) -> str | None:
        # "exports are expected to reach $5bn", "rose and reached $5bn"
        subject = syntax.subject(verb, through=("conj", "xcomp"))
        if subject is None:
            return None
        thing = next((t for t in (subject, *subject.conjuncts) if is_thing(t)), None)
        return phrase(thing, span) if thing is not None else None  # "China and Russia's trade hit ..."

    def _noun_or_changed(self, noun: Token, span: Span) -> str:
        """A change noun stands for what changed: "a 5% rise in exports" measures exports."""
        if noun.lemma_.lower() in self.lex.change_nouns:
            prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"in", "of"}), None)
            pobj = syntax.pobj(prep)
            if is_thing(pobj):
                return phrase(pobj, span)
        return phrase(noun, span)
