"""Quote attribution against PolNeAR (brat standoff), with the definitions of issue 3.

  content precision   a predicted quote is correct when at least half of its characters (ignoring whitespace
                      and quote marks) fall inside one gold Content;
  content recall      a gold attribution is found when at least half of its Content characters are covered by
                      predicted contents; reported over all gold attributions and over those with a
                      double-quoted string;
  speaker-attributed  as above, and the predicted speaker span overlaps the gold Source.

The gold annotator of an article is the first one ``metadata.tsv`` lists that has a file in the split.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from newsgraph.evaluate.quote_errors import Breakdown, explain_article, load_classes
from newsgraph.pipeline.record import to_record
from newsgraph.readers.files import InputDoc

QUOTE_MARKS = frozenset("\"“”„«»''`‘’")
DOUBLE_MARKS = ("“", "”", '"', "''", "``", "«", "»")


@dataclass
class GoldAttribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class GoldArticle:
    name: str
    text: str
    published: str | None
    attributions: list[GoldAttribution]


def _spans(field_text: str) -> list[tuple[int, int]]:
    out = []
    for piece in field_text.split(";"):
        start, end = piece.split()
        out.append((int(start), int(end)))
    return out


def parse_ann(text: str) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    out: list[GoldAttribution] = []
    events: list[str] = []
    for line in text.splitlines():  # a span's text may run over several lines: only T/E lines count
        if re.match(r"T\d+\t", line):
            tid, info, *_ = line.split("\t")
            label, _, where = info.partition(" ")
            spans[tid] = (label, _spans(where))
        elif re.match(r"E\d+\t", line):
            events.append(line.split("\t")[1])
    for event in events:
        roles: dict[str, list[tuple[int, int]]] = {}
        for arg in event.split():
            role, _, tid = arg.partition(":")
            if tid in spans:
                roles.setdefault(re.sub(r"\d+$", "", role), []).extend(spans[tid][1])
        if "Content" in roles:
            out.append(GoldAttribution(roles["Content"], roles.get("Source", []), roles.get("Cue", [])))
    return out


def load_split(root: Path, split: str) -> Iterator[GoldArticle]:
    meta: dict[str, dict[str, str]] = {}
    with (root / "metadata.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            meta[row["filename"]] = row
    folder = root / split
    for text_path in sorted((folder / "text").glob("*.txt")):
        name = text_path.stem
        row = meta.get(name, {})
        annotators = [a for a in (row.get("annotators") or "").split("|") if a]
        files = {p.stem.rsplit("_", 1)[1]: p for p in (folder / "attributions").glob(f"{name}_*.ann")}
        chosen = next((files[a] for a in annotators if a in files), None) or next(iter(sorted(files.values())), None)
        if chosen is None:
            continue
        date = row.get("publication_date")
        yield GoldArticle(name, text_path.read_text(encoding="utf-8"),
                          date if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None,
                          parse_ann(chosen.read_text(encoding="utf-8")))


def _chars(text: str, spans: list[tuple[int, int]]) -> set[int]:
    return {i for a, b in spans for i in range(a, min(b, len(text))) if not text[i].isspace()
            and text[i] not in QUOTE_MARKS}


def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(x < y2 and x2 < y for x, y in a for x2, y2 in b)


def _has_double_quote(text: str, spans: list[tuple[int, int]]) -> bool:
    return any(any(m in text[max(0, a - 2) : b + 2] for m in DOUBLE_MARKS) for a, b in spans)


@dataclass
class Counts:
    pred: int = 0
    pred_correct: int = 0
    pred_speaker: int = 0
    gold: int = 0
    gold_found: int = 0
    gold_speaker: int = 0
    gold_quoted: int = 0
    gold_quoted_found: int = 0

    def add(self, other: Counts) -> None:
        for key in self.__dataclass_fields__:
            setattr(self, key, getattr(self, key) + getattr(other, key))

    def scores(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        p, r = ratio(self.pred_correct, self.pred), ratio(self.gold_found, self.gold)
        sp, sr = ratio(self.pred_speaker, self.pred), ratio(self.gold_speaker, self.gold)
        return {"content_p": p, "content_r": r, "content_f1": f1(p, r),
                "quoted_r": ratio(self.gold_quoted_found, self.gold_quoted),
                "speaker_p": sp, "speaker_r": sr, "speaker_f1": f1(sp, sr)}


def score_article(article: GoldArticle, record: dict[str, Any]) -> Counts:
    text = article.text
    counts = Counts()
    golds = [(g, _chars(text, g.content)) for g in article.attributions]
    preds = []
    for q in record["quotes"]:
        spans = [tuple(c) for c in q["content"]]
        speaker = [(q["speaker"]["start"], q["speaker"]["end"])] if q["speaker"] else []
        preds.append((spans, _chars(text, spans), speaker))
    covered: set[int] = set().union(*(p[1] for p in preds)) if preds else set()
    for _, chars, speaker in preds:
        if not chars:
            continue
        counts.pred += 1
        match = [g for g, gchars in golds if gchars and len(chars & gchars) >= 0.5 * len(chars)]
        if match:
            counts.pred_correct += 1
            if any(speaker and _overlaps(speaker, g.source) for g in match):
                counts.pred_speaker += 1
    for g, gchars in golds:
        if not gchars:
            continue
        counts.gold += 1
        quoted = _has_double_quote(text, g.content)
        counts.gold_quoted += quoted
        if len(gchars & covered) >= 0.5 * len(gchars):
            counts.gold_found += 1
            counts.gold_quoted_found += quoted
            # speaker credit: some predicted quote covering this gold content names an overlapping source
            for _, chars, speaker in preds:
                overlap = len(chars & gchars) >= 0.5 * min(len(chars), len(gchars)) if chars else False
                if overlap and speaker and _overlaps(speaker, g.source):
                    counts.gold_speaker += 1
                    break
    return counts


def analysed(analyzer: Any, articles: list[GoldArticle]) -> Iterator[tuple[GoldArticle, Doc, dict[str, Any]]]:
    """Each article with its processed ``Doc`` and its record (the breakdown reads the parse)."""
    docs = []
    for article in articles:
        doc = analyzer.nlp.make_doc(article.text)
        doc._.ng_published = article.published
        doc.user_data["ng_id"] = article.name
        docs.append(doc)
    by_id = {id(d): d for d in analyzer.nlp.pipe(docs, batch_size=analyzer.settings.batch_size)}
    for article, doc in zip(articles, docs, strict=True):
        if id(doc) not in by_id:  # a document a stage failed on is scored as if nothing was found
            yield article, doc, {"quotes": []}
            continue
        yield article, doc, to_record(doc, InputDoc(article.name, article.text, article.published))


def breakdown(article: GoldArticle, doc: Doc, record: dict[str, Any],
              classes: dict[str, frozenset[str]]) -> Breakdown:
    text = article.text
    pred_chars = [_chars(text, [tuple(c) for c in q["content"]]) for q in record["quotes"]]
    golds = [(g.cue, _chars(text, g.content)) for g in article.attributions]
    return explain_article(doc, text, record["quotes"], pred_chars, golds, classes)


def evaluate_quotes(analyzer: Any, root: Path, split: str, limit: int | None = None) -> dict[str, Any]:
    """Scores over the split (see the module docstring) and, under "errors", the breakdown of misses by cue
    class and of false positives by cause (``quote_errors``)."""
    articles = list(load_split(root, split))[:limit]
    total, errors, classes = Counts(), Breakdown(), load_classes()
    for article, doc, record in analysed(analyzer, articles):
        total.add(score_article(article, record))
        errors.add(breakdown(article, doc, record, classes))
    return {"articles": len(articles), "gold": total.gold, "predicted": total.pred, **total.scores(),
            "errors": errors.as_dict()}
