"""Learning the cue lexicon from PolNeAR (``newsgraph learn cues --split train``).

For every word outside quotation marks whose part of speech can be a cue (verb, noun, adjective) the learner
asks the quote stage's own ``frame_of`` for the frame of its content, and counts, per (cue lemma, part of
speech, frame):

  count      how often the word had that frame;
  gold       how often it was a gold Cue whose gold Content holds at least half of the frame's content (the
             rule by which ``newsgraph eval quotes`` calls a prediction right), for the better of two shapes:
             the complement alone, or the subject with it ("X seemed to …": the subject is content);
  speaker    of those, the share whose subject (or agent, or possessor) overlaps the gold Source.

Direct quotations add a frame "quote": a verb in a sentence that holds a quotation of four words or more, right
when it is the gold cue of that quotation. Words inside a gold Content are left out (PolNeAR annotates only the
outermost attribution, so a nested cue is neither right nor wrong).

Words seen fewer than ``min_count`` times in a frame are pooled: with the other rare words of their class in
``cues.yaml`` (a row "@class") or of their part of speech (a row "*"). A row is kept when it was right at least
``min_gold`` times and its smoothed precision (gold + 1) / (count + 2) reaches a threshold. The threshold is chosen
on the training split itself, by running the quote stage over it with the rows kept at each threshold and taking
the best content F1 among those whose content precision reaches ``target`` (``choose_threshold``). The dev split is
never read here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy
from spacy.tokens import Doc, Token

from newsgraph.evaluate.quotes import Counts, GoldArticle, load_split, score_article
from newsgraph.nlp.common import doc_text
from newsgraph.nlp.quotes import QuoteFinder
from newsgraph.nlp.quotes.frames import CUE_POS, cue_key, frame_of, subtree
from newsgraph.nlp.quotes.lexicon import ANY, CLASS, CueRow, Lexicon
from newsgraph.nlp.quotes.marks import marked_spans, paragraphs

THRESHOLDS = tuple(round(0.40 + 0.05 * n, 2) for n in range(11))  # 0.40 … 0.90
MIN_QUOTE_WORDS = 4
QUOTE_MARKS = frozenset("\"“”„«»'`‘’")

Span = tuple[int, int]


@dataclass
class Tally:
    count: int = 0
    cue: int = 0  # a gold cue at all, whatever its content
    right: dict[str, int] = field(default_factory=lambda: {"complement": 0, "subject+complement": 0})
    found: dict[str, int] = field(default_factory=lambda: {"complement": 0, "subject+complement": 0})
    speaker: dict[str, int] = field(default_factory=lambda: {"complement": 0, "subject+complement": 0})

    def best(self) -> str:
        """The shape that both is right and finds its gold content (covers half of it) most often."""
        return max(self.right, key=lambda shape: (self.found[shape], self.right[shape], shape == "complement"))

    def smoothed(self) -> float:
        return (self.right[self.best()] + 1) / (self.count + 2)


@dataclass
class Gold:
    cue: list[Span]
    content: list[Span]
    source: list[Span]


def chars(text: str, spans: Iterable[Span]) -> set[int]:
    return {i for a, b in spans for i in range(a, min(b, len(text))) if not text[i].isspace()
            and text[i] not in QUOTE_MARKS}


def _token_chars(doc: Doc, indices: Iterable[int]) -> set[int]:
    text = doc_text(doc)
    return chars(text, [(doc[i].idx, doc[i].idx + len(doc[i].text)) for i in indices])


def _party_span(tok: Token) -> Span:
    left = tok.left_edge.i
    return tok.doc[left].idx, tok.idx + len(tok.text)


def _overlaps(span: Span, spans: list[Span]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


class Learner:
    """Counts frames over documents with their gold attributions (see the module docstring)."""

    def __init__(self, utterance_nouns: frozenset[str] = frozenset(), classes: dict[str, str] | None = None) -> None:
        self.nouns = utterance_nouns
        self.class_of = classes or {}  # word -> the class it is pooled with when rare
        self.tallies: dict[tuple[str, str, str], Tally] = defaultdict(Tally)
        self.gold_total = 0
        self.nested = 0

    def add(self, doc: Doc, golds: list[Gold]) -> None:
        text = doc_text(doc)
        gold_chars = [chars(text, g.content) for g in golds]
        self.gold_total += sum(1 for c in gold_chars if c)
        content_chars = set().union(*gold_chars) if gold_chars else set()
        cue_of: dict[int, list[int]] = defaultdict(list)
        for n, gold in enumerate(golds):
            for start, end in gold.cue:
                span = doc.char_span(start, end, alignment_mode="expand")
                for tok in span or []:
                    cue_of[tok.i].append(n)
        inside, quotes = self._marks(doc)
        for tok in doc:
            if tok.pos_ not in CUE_POS or tok.i in inside or not tok.is_alpha:
                continue
            if tok.idx in content_chars:
                self.nested += 1
                continue
            self._frame(tok, golds, gold_chars, cue_of.get(tok.i, []))
            if tok.pos_ == "VERB":
                self._quote(tok, quotes, golds, gold_chars, cue_of.get(tok.i, []))

    def _marks(self, doc: Doc) -> tuple[set[int], list[tuple[int, int, set[int]]]]:
        """Tokens inside quotation marks, and the quotations of four words or more as (start token, end
        token, characters)."""
        inside: set[int] = set()
        quotes: list[tuple[int, int, set[int]]] = []
        text = doc_text(doc)
        for start, end in paragraphs(text):
            for mark in marked_spans(text, start, end):
                span = doc.char_span(mark.start, mark.end, alignment_mode="expand")
                if span is None:
                    continue
                inside.update(range(span.start, span.end))
                if len(text[mark.start : mark.end].split()) >= MIN_QUOTE_WORDS:
                    quotes.append((span.start, span.end, chars(text, [(mark.start, mark.end)])))
        return inside, quotes

    def _frame(self, tok: Token, golds: list[Gold], gold_chars: list[set[int]], cues: list[int]) -> None:
        frame = frame_of(tok, self.nouns)
        if frame is None:
            return
        tally = self.tallies[(cue_key(tok), tok.pos_, frame.name)]
        tally.count += 1
        if not cues:
            return
        tally.cue += 1
        doc = tok.doc
        shapes = {"complement": _token_chars(doc, frame.content)}
        if frame.subject is not None:
            shapes["subject+complement"] = shapes["complement"] | _token_chars(doc, subtree(frame.subject))
        speaker = frame.speaker if frame.subject is None else None
        for shape, found in shapes.items():
            who = frame.speaker if shape == "complement" else speaker
            right = [n for n in cues if found and len(found & gold_chars[n]) >= 0.5 * len(found)]
            if right:
                tally.right[shape] += 1
                tally.found[shape] += any(len(found & gold_chars[n]) >= 0.5 * len(gold_chars[n]) for n in right)
                if who is not None and any(_overlaps(_party_span(who), golds[n].source) for n in right):
                    tally.speaker[shape] += 1

    def _quote(self, tok: Token, quotes: list[tuple[int, int, set[int]]], golds: list[Gold],
               gold_chars: list[set[int]], cues: list[int]) -> None:
        sent = tok.sent
        near = [q for q in quotes if q[0] < sent.end and sent.start < q[1]]
        if not near:
            return
        found = min(near, key=lambda q: min(abs(tok.i - q[0]), abs(tok.i - q[1])))[2]
        tally = self.tallies[(cue_key(tok), tok.pos_, "quote")]
        tally.count += 1
        if not cues:
            return
        tally.cue += 1
        right = [n for n in cues if found and len(found & gold_chars[n]) >= 0.5 * len(found)]
        if right:
            tally.right["complement"] += 1
            tally.found["complement"] += 1
            subject = frame_of(tok, self.nouns)
            who = subject.speaker if subject is not None else None
            if who is not None and any(_overlaps(_party_span(who), golds[n].source) for n in right):
                tally.speaker["complement"] += 1

    def pooled(self, min_count: int) -> dict[tuple[str, str, str], Tally]:
        """The tallies of words seen fewer than ``min_count`` times in a frame, pooled per part of speech and
        frame under the cue "*" (the figures of a rare word on its own say little)."""
        out: dict[tuple[str, str, str], Tally] = defaultdict(Tally)
        for (cue, pos, frame), tally in self.tallies.items():
            if tally.count >= min_count:
                out[(cue, pos, frame)] = tally
                continue
            name = self.class_of.get(cue)
            pool = out[(CLASS + name if name else ANY, pos, frame)]
            pool.count += tally.count
            pool.cue += tally.cue
            for table in ("right", "found", "speaker"):
                for shape, n in getattr(tally, table).items():
                    getattr(pool, table)[shape] += n
        return out

    def rows(self, threshold: float, min_gold: int, min_count: int) -> list[CueRow]:
        """Every word seen at least ``min_count`` times in a frame, and the pooled rows "*", each kept when it was
        right at least ``min_gold`` times and its smoothed precision reaches ``threshold``; most right first."""
        out = []
        for (cue, pos, frame), tally in self.pooled(min_count).items():
            shape = tally.best()
            right = tally.right[shape]
            kept = right >= min_gold and tally.smoothed() >= threshold
            out.append(CueRow(cue, pos, frame, shape, tally.count, right, right / tally.count,
                              tally.speaker[shape] / right if right else None, kept, "learned"))
        return sorted(out, key=lambda r: (-(r.gold or 0), -(r.count or 0), r.cue, r.pos, r.frame))


def _quotes_record(doc: Doc) -> dict[str, Any]:
    return {"quotes": [{"content": [list(c) for c in q["content"]],
                        "speaker": q["speaker"]} for q in doc._.ng_quotes or []]}


def stage_scores(docs: list[tuple[Doc, GoldArticle]], lexicon: Lexicon) -> dict[str, float]:
    """Content and speaker scores of the quote stage with ``lexicon`` over documents already parsed."""
    finder = QuoteFinder(lexicon)
    total = Counts()
    for doc, article in docs:
        finder(doc)
        total.add(score_article(article, _quotes_record(doc)))
    return total.scores()


def choose_threshold(learner: Learner, docs: list[tuple[Doc, GoldArticle]], base: Lexicon, user: list[CueRow],
                     min_gold: int, min_count: int, target: float) -> tuple[float, list[dict[str, float]]]:
    """Run the quote stage over the training documents with the rows kept at each threshold; choose the one
    with the best content F1 among those whose content precision reaches ``target`` (else the most precise)."""
    table = []
    for threshold in THRESHOLDS:
        rows = learner.rows(threshold, min_gold, min_count) + user
        lexicon = replace(base, rows={(r.cue, r.pos, r.frame): r for r in rows})
        scores = stage_scores(docs, lexicon)
        table.append({"threshold": threshold, "rows": sum(r.kept for r in rows), **scores})
    good = [row for row in table if row["content_p"] >= target]
    best = max(good, key=lambda row: row["content_f1"]) if good else max(table, key=lambda row: row["content_p"])
    return best["threshold"], table


@dataclass
class Learned:
    """What ``learn_cues`` did: the chosen threshold, the table it was chosen from, the rows and the header."""

    threshold: float
    table: list[dict[str, float]]
    rows: list[CueRow]
    header: list[str]
    articles: int
    gold: int


def parse_split(root: Path, split: str, limit: int | None = None) -> list[tuple[Doc, GoldArticle]]:
    """The split's articles parsed by the model alone (the quote stage needs no other stage to find contents)."""
    from newsgraph.config import Settings
    from newsgraph.nlp.build import build_pipeline

    nlp = build_pipeline(Settings(stages=()))
    articles = list(load_split(root, split))[:limit]
    out = []
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        doc.tensor = numpy.zeros((0, 0), dtype="float32")  # the parse is kept, the vectors are not needed
        out.append((doc, article))
    return out


def _header(split: str, learned: Learned, min_gold: int, min_count: int, target: float) -> list[str]:
    lines = [
        "The learned cue lexicon of the quote stage: nlp/quotes/lexicon.py reads it, nlp/quotes/frames.py defines",
        f"the frames. Written by `newsgraph learn cues --split {split}` from PolNeAR {split} ({learned.articles} "
        f"articles, {learned.gold} gold attributions).",
        "Columns: cue (lemma with its particle; @name = the rare words of a class in cues.yaml; * = any other rare",
        "word), pos, frame, shape (is the cue's subject part of the content?), count (times seen in that frame),",
        "gold (times it was a gold cue with that content), precision (gold / count), speaker (share of the gold ones",
        "whose speaker matched), kept (does the quote stage use it), source (learned, or who added the row).",
        f"Kept: gold >= {min_gold} and (gold + 1) / (count + 2) >= {learned.threshold:.2f}; a word seen fewer than "
        f"{min_count} times in a frame is pooled with its class or *.",
        f"The threshold is chosen on {split}: the best content F1 of the quote stage among thresholds whose content",
        f"precision reaches {target:.2f}. Quote stage on {split} at each threshold:",
    ]
    for row in learned.table:
        mark = "  <- chosen" if row["threshold"] == learned.threshold else ""
        lines.append(f"  {row['threshold']:.2f}: {int(row['rows'])} rows kept, content P {row['content_p']:.3f} "
                     f"R {row['content_r']:.3f} F1 {row['content_f1']:.3f}, speaker F1 {row['speaker_f1']:.3f}{mark}")
    lines.append("Rows whose source is not 'learned' were added by hand; learning again keeps them.")
    return lines


def learn_cues(root: Path, split: str, base: Lexicon, limit: int | None = None, min_gold: int = 3,
               min_count: int = 5, target: float = 0.90) -> Learned:
    """Parse ``split``, count frames, choose the threshold with the quote stage, and return the rows (the hand
    rows of ``base`` kept as they are)."""
    docs = parse_split(root, split, limit)
    learner = Learner(base.nouns, base.class_of)
    for doc, article in docs:
        learner.add(doc, [Gold(g.cue, g.content, g.source) for g in article.attributions])
    user = [row for row in base.rows.values() if row.source != "learned"]
    threshold, table = choose_threshold(learner, docs, base, user, min_gold, min_count, target)
    own = {(r.cue, r.pos, r.frame) for r in user}
    rows = [r for r in learner.rows(threshold, min_gold, min_count) if (r.cue, r.pos, r.frame) not in own] + user
    learned = Learned(threshold, table, rows, [], len(docs), learner.gold_total)
    learned.header = _header(split, learned, min_gold, min_count, target)
    return learned
