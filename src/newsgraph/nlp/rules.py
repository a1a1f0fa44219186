"""The model's attribute ruler, remembered: the same annotations at a fraction of the cost.

spaCy's attribute ruler runs a ``Matcher`` of all its rules (in the English models about 180, most of them "a
token with tag X gets part of speech Y and morphology Z") over every token, then sets each match's attributes
token by token in Python; that is about a tenth of the English model's time. Almost every rule looks at one
token only and at nothing but its own form, tag and dependency label, so what the rules make of a token is a
function of those and of the token's values before the ruler (its part of speech, morphology and lemma). This
stand-in therefore:

1. runs the rules that look across tokens ("gon na", "let 's") with spaCy's ``Matcher`` over the document as it
   came, as the ruler does;
2. for every other token, asks the one-token rules once per distinct (form, tag, dependency, part of speech,
   morphology, lemma), by running their ``Matcher`` over that token alone and applying the matches in the ruler's
   order with spaCy's own ``set_token_attrs``, and remembers what the token became. The form counts only when a
   rule names it: every word no rule names or matches by pattern (nor a space) is one form, since the rules
   cannot tell such words apart;
3. writes the part of speech, tag, morphology, lemma and dependency label of every token back in one
   ``Doc.from_array``.

A token that a cross-token rule also touches is worked out in full, never from memory. The stand-in is used only
when every rule sets token attributes alone (part of speech, tag, morphology, lemma, dependency label: setting
them changes no lexeme) and every one-token rule tests only the token's form, lower case, tag, dependency label
or whether it is a space; otherwise the model's ruler stays as it is. The annotations are identical to the
model's (the tests compare them on written text). Past ``LIMIT`` remembered tokens it starts again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, cast

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs
from thinc.types import Ints2d

FACTORY = "newsgraph_rules"
#: what a remembered token is known by: its values before the ruler
KEY = [ORTH, IS_SPACE, TAG, DEP, POS, MORPH, LEMMA]
#: what the rules may set (token attributes only), written back for every token
OUT = [POS, TAG, MORPH, LEMMA, DEP]
#: what a one-token rule may test to be remembered: functions of the token's form, tag and dependency label
LOCAL_TESTS = frozenset({"ORTH", "TEXT", "LOWER", "TAG", "DEP", "IS_SPACE"})
#: the tests of a form whose words can be listed: a string, or one of these operators
FORM_OPERATORS = frozenset({"IN", "NOT_IN", "REGEX"})
LIMIT = 50_000

Values = tuple[int, int, int, int, int]


class RememberedRules:
    """Stands in for the model's ``attribute_ruler`` under the same name; ``inner`` is the model's own."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.inner: AttributeRuler | None = None
        self.local: Matcher | None = None  # the rules that look at one token
        self.across: Matcher | None = None  # the rest
        self.known: dict[tuple[int, ...], Values] = {}
        self.named: set[str] = set()  # the forms the one-token rules name (exact, and lower-cased with "~")
        self.patterns: list[re.Pattern[str]] = []  # and match by pattern
        self.every_form = False  # a rule tests forms in a way that cannot be listed: each form is its own
        self.forms: dict[int, int] = {}  # form -> itself when a rule may tell it apart, else 0

    def bind(self, inner: AttributeRuler) -> bool:
        """Split ``inner``'s rules into one-token and cross-token matchers; False if it cannot stand in."""
        local, across = Matcher(inner.vocab), Matcher(inner.vocab)
        for attr_id, attrs in enumerate(inner.attrs):
            if not set(attrs) <= set(OUT):
                return False
            _, patterns = inner.matcher.get(str(attr_id))
            if all(_is_local(pattern) for pattern in patterns):
                local.add(str(attr_id), patterns)
                for pattern in patterns:
                    self._note_forms(pattern[0])
            else:
                across.add(str(attr_id), patterns)
        self.inner, self.local, self.across = inner, local, across
        return True

    def _note_forms(self, token: dict[str, Any]) -> None:
        for attr in ("ORTH", "TEXT", "LOWER"):
            if attr not in token:
                continue
            mark = "~" if attr == "LOWER" else ""
            test = token[attr]
            if isinstance(test, str):
                self.named.add(mark + test)
            elif isinstance(test, dict) and set(test) <= FORM_OPERATORS:
                self.named.update(mark + str(word) for op in ("IN", "NOT_IN") for word in test.get(op, ()))
                if "REGEX" in test:
                    self.patterns.append(re.compile(str(test["REGEX"])))  # tried on both forms: may only widen
            else:
                self.every_form = True

    def _form(self, orth: int, strings: Any) -> int:
        """``orth`` if a one-token rule may tell this form apart from another, else 0."""
        form = self.forms.get(orth)
        if form is None:
            text = strings[orth]
            lower = text.lower()
            telling = (self.every_form or text in self.named or "~" + lower in self.named
                       or any(p.search(text) or p.search(lower) for p in self.patterns))
            form = self.forms[orth] = orth if telling else 0
        return form

    def __call__(self, doc: Doc) -> Doc:
        inner, local, across = self.inner, self.local, self.across
        if inner is None or local is None or across is None:
            raise RuntimeError(f"{self.name}: no attribute ruler to remember (use remember_rules)")
        if not len(doc):
            return doc
        if len(self.known) + len(self.forms) > LIMIT:
            self.known.clear()
            self.forms.clear()
        strings = doc.vocab.strings
        touched: dict[int, list[int]] = {}  # token -> the cross-token rules that set it
        for match_id, start, end in across(doc, allow_missing=True, as_spans=False) if len(across) else ():
            attr_id = int(strings[match_id])
            span = doc[start:end]
            touched.setdefault(span[inner.indices[attr_id]].i, []).append(attr_id)
        keys: list[list[int]] = doc.to_array(KEY).tolist()
        known = self.known
        values: list[Values] = []
        for i, key in enumerate(keys):
            if i in touched:
                values.append(self._apply(doc[i], touched[i]))
                continue
            key[0] = self._form(key[0], strings)
            found = known.get(tuple(key))
            if found is None:
                found = known[tuple(key)] = self._apply(doc[i], [])
            values.append(found)
        doc.from_array(OUT, cast(Ints2d, numpy.asarray(values, dtype="uint64")))
        return doc

    def _apply(self, token: Token, also: list[int]) -> Values:
        """Set ``token`` as the ruler would: its one-token rules' matches and ``also``, in the ruler's order (a
        later rule wins); what it then is."""
        inner, local = cast(AttributeRuler, self.inner), cast(Matcher, self.local)
        strings = token.vocab.strings
        doc = token.doc
        found = [int(strings[m]) for m, _, _ in local(doc[token.i : token.i + 1], allow_missing=True,
                                                        as_spans=False)]
        for attr_id in sorted(found + also):
            set_token_attrs(token, inner.attrs[attr_id])
        morph: int = token.morph.key  # type: ignore[attr-defined]  # in spaCy, not in its type stub
        return token.pos, token.tag, morph, token.lemma, token.dep

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _is_local(pattern: list[dict[str, Any]]) -> bool:
    """A pattern of one token that tests only what ``LOCAL_TESTS`` names (no operator, no extension)."""
    return len(pattern) == 1 and set(pattern[0]) <= LOCAL_TESTS


@Language.factory(FACTORY)
def make_remembered_rules(nlp: Language, name: str) -> RememberedRules:
    return RememberedRules(name)


def remember_rules(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Put a ``RememberedRules`` in place of ``nlp``'s attribute ruler ``name`` when it can stand in for it;
    True when it did."""
    if name not in nlp.pipe_names:
        return False
    inner: Any = nlp.get_pipe(name)
    if not isinstance(inner, AttributeRuler):
        return False
    probe = RememberedRules(name)
    if not probe.bind(inner):
        return False
    stand_in = nlp.replace_pipe(name, FACTORY)
    assert isinstance(stand_in, RememberedRules)
    stand_in.bind(inner)
    return True
