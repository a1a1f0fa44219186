"""Why quote attribution misses and over-predicts: the breakdown ``newsgraph eval quotes`` prints.

  misses by cue class   each gold attribution that is not found, by the word class of its gold cue: a verb of
                        speech ("said"), of belief or attitude ("believes", "wants", "seemed"), an evaluative act
                        ("called", "accused", "praised"), any other verb whose object is what is attributed
                        ("backed Cruz", "showed a lead"), a noun ("allegation", "announcement"), a preposition
                        ("according to", "for"), another word class (an adverb such as "reportedly"), or none
                        (no cue word: a colon, or no cue span at all). The verb classes are word lists in
                        ``data/cue_classes.yaml``; a verb in none of them counts as "object". A miss whose gold
                        content is partly covered is also counted as "partly covered" (a boundary miss).
  false positives       each predicted quote that is not right, by cause: in the headline (the first paragraph
                        when it is a title of at most HEADLINE_WORDS words); merged (it overlaps two or more gold
                        contents); boundary (it overlaps one gold content but mostly lies outside it); adjunct (it
                        overlaps no gold content and is a noun or prepositional phrase hanging on its cue:
                        "responded to requests for comment"); unannotated (a clause no gold attribution covers).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token

from newsgraph.nlp.quotes.datafile import read_yaml_lists

CUE_CLASSES = ("speech", "belief", "evaluative", "object", "noun", "preposition", "other", "none")
FP_CAUSES = ("boundary", "merged", "adjunct", "headline", "unannotated")
HEADLINE_WORDS = 25
#: relations that make a content a noun or prepositional phrase of its cue rather than a clause
PHRASE_DEPS = frozenset({"dobj", "pobj", "prep", "dative", "attr", "npadvmod", "oprd", "pcomp", "agent"})


def load_classes() -> dict[str, frozenset[str]]:
    """Verb lemmas of the speech, belief and evaluative classes (``data/cue_classes.yaml``)."""
    path = resources.files("newsgraph.evaluate") / "data" / "cue_classes.yaml"
    return read_yaml_lists(path, "evaluate/data/cue_classes.yaml", ("speech", "belief", "evaluative"))


@dataclass
class Breakdown:
    missed: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    partly: Counter[str] = field(default_factory=Counter)
    missed_lemmas: dict[str, Counter[str]] = field(default_factory=dict)
    false_positives: Counter[str] = field(default_factory=Counter)

    def add(self, other: Breakdown) -> None:
        self.missed.update(other.missed)
        self.gold.update(other.gold)
        self.partly.update(other.partly)
        self.false_positives.update(other.false_positives)
        for cls, lemmas in other.missed_lemmas.items():
            self.missed_lemmas.setdefault(cls, Counter()).update(lemmas)

    def as_dict(self, top: int = 8) -> dict[str, Any]:
        return {
            "misses_by_class": {c: {"missed": self.missed[c], "gold": self.gold[c], "partly": self.partly[c],
                                    "top": self.missed_lemmas.get(c, Counter()).most_common(top)}
                                for c in CUE_CLASSES},
            "false_positives": {c: self.false_positives[c] for c in FP_CAUSES},
        }


def _tokens(doc: Doc, spans: list[tuple[int, int]]) -> list[Token]:
    out: list[Token] = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out.extend(span)
    return out


def cue_class(doc: Doc, cue: list[tuple[int, int]], classes: dict[str, frozenset[str]]) -> tuple[str, str]:
    """(class, lemma) of a gold cue: see the module docstring."""
    words = [t for t in _tokens(doc, cue) if t.is_alpha]
    if not words:
        return "none", ""
    if any(t.lower_ == "according" for t in words):
        return "preposition", "according to"
    inside = {t.i for t in words}
    head = next((t for t in words if t.head.i not in inside or t.head.i == t.i), words[0])
    if head.pos_ == "AUX" and any(t.pos_ == "VERB" for t in words):
        head = next(t for t in words if t.pos_ == "VERB")  # "has said", "is expected"
    lemma = head.lemma_.lower()
    if head.pos_ in {"NOUN", "PROPN"}:
        return "noun", lemma
    if head.pos_ in {"ADP", "SCONJ"}:
        return "preposition", lemma
    if head.pos_ in {"VERB", "AUX", "ADJ"}:
        cls = next((c for c in ("speech", "belief", "evaluative") if lemma in classes[c]), "object")
        return cls, lemma
    cls = next((c for c in ("speech", "belief", "evaluative") if lemma in classes[c]), "other")
    return cls, lemma


def _first_paragraph(text: str) -> tuple[int, int]:
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    if end < 0 or len(text[start:end].split()) > HEADLINE_WORDS:
        return 0, 0  # one paragraph, or a long first one: no title
    return start, end


def _is_phrase(doc: Doc, quote: dict[str, Any]) -> bool:
    """Is the predicted content a noun or prepositional phrase hanging on its cue ("responded to requests")?"""
    if not quote.get("cue"):
        return False
    start, end = quote["content"][0]
    span = doc.char_span(start, end, alignment_mode="expand")
    cue = doc.char_span(quote["cue"][0], quote["cue"][1], alignment_mode="expand")
    if span is None or cue is None or len(span) == 0:
        return False
    root = span.root
    if root.dep_ not in PHRASE_DEPS:
        return False
    heads = {root.head.i, root.head.head.i}  # the cue itself, or the cue's preposition
    return any(t.i in heads for t in cue)


def fp_cause(doc: Doc, quote: dict[str, Any], chars: set[int], golds: list[set[int]], text: str) -> str:
    """The cause of one wrong prediction (see the module docstring)."""
    head_start, head_end = _first_paragraph(text)
    first = quote["content"][0][0]
    if head_start <= first < head_end:
        return "headline"
    touched = [g for g in golds if len(chars & g) >= max(3, 0.1 * len(chars))]
    if len(touched) >= 2:
        return "merged"
    if touched or any(chars & g for g in golds):
        return "boundary"
    return "adjunct" if _is_phrase(doc, quote) else "unannotated"


def explain_article(doc: Doc, text: str, quotes: list[dict[str, Any]], pred_chars: list[set[int]],
                    golds: list[tuple[list[tuple[int, int]], set[int]]],
                    classes: dict[str, frozenset[str]]) -> Breakdown:
    """The breakdown for one article: ``quotes`` with their content characters ``pred_chars`` (as the scorer
    counts them), and each gold attribution as (cue spans, content characters)."""
    out = Breakdown()
    gold_chars = [g for _, g in golds if g]
    covered: set[int] = set().union(*pred_chars) if pred_chars else set()
    for cue, chars in golds:
        if not chars:
            continue
        cls, lemma = cue_class(doc, cue, classes)
        out.gold[cls] += 1
        if len(chars & covered) >= 0.5 * len(chars):
            continue
        out.missed[cls] += 1
        out.partly[cls] += bool(chars & covered)
        out.missed_lemmas.setdefault(cls, Counter())[lemma or "-"] += 1
    for quote, chars in zip(quotes, pred_chars, strict=True):
        if not chars or any(len(chars & g) >= 0.5 * len(chars) for g in gold_chars):
            continue
        out.false_positives[fp_cause(doc, quote, chars, gold_chars, text)] += 1
    return out
