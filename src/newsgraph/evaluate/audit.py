"""The audited real-news event set (issue 13): events coded from real articles, judged by the CAMEO codebook.

The articles are the real local (LGL) and international (TR-News) news of ``../shared/gold/geo/``; the judgments
live in ``tests/data/audit/judgments.jsonl`` (its README gives the judging rules) and refer to the articles by
gold file, article id and character offsets only. One line judges one trigger: whether the text there reports a
real political interaction, and if so its CAMEO root, source and target; plus what the system said when it was
judged. Any later system output at that trigger can so be scored:

  1. run the pipeline over the audited articles;
  2. match each coded event to the judged trigger its trigger overlaps (events at no judged trigger are
     ``unjudged``: the system now codes something nobody looked at);
  3. a matched event is *real* when the judged trigger is an event, *qualified* when the judgment is a
     generic, hypothetical or negated statement or background history and the system itself marks the event so
     (negated, or any modality but ``asserted``), else *false*, counted by the judged cause;
  4. a real event is *fully right* when its CAMEO root is one the judge accepts and its source and target
     codes (each actor's country, or its bloc's code) agree with the judged ones: a subset of the judged codes
     when the text names a party (``*``: any code), none when it names none, and either when the judge marked
     the side ``optional`` (the party is implied, as the police behind "was arrested"); roles may be swapped
     where the judge marked the event mutual. ``actor``-level rightness asks instead that a source (target)
     actor of the event be named by the words the judge marked for that side.

Judged-false triggers that are still coded are the regression count kept under a ceiling in
``tests/floors.json``. The ``heldout`` split (a second sample from other articles) is for the final
fresh-sample measurement: its figures are printed, its items never listed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.evaluate.judgments import (
    GOLD_FILES,
    PLACE_MENTIONS,
    QUALIFIABLE,
    SEED,
    SPLITS,
    Judgment,
    Side,
    draw_sample,
    load_judgments,
)
from newsgraph.evaluate.places import read_gold
from newsgraph.readers.files import InputDoc


# ---- scoring -------------------------------------------------------------------------------------------------
def _codes(record: dict[str, Any], ids: Iterable[str]) -> frozenset[str]:
    return frozenset(str(record["actors"][a].get("country") or "") for a in ids if a in record["actors"]) - {""}


def _named_by(record: dict[str, Any], event: dict[str, Any], role: str, spans: Sequence[tuple[int, int]]) -> bool:
    """Is one of the event's ``role`` actors named (evidence or mention) by words overlapping ``spans``?"""
    ids = set(event[role])
    found = [(ev["start"], ev["end"]) for ev in event.get("evidence", {}).get(role, []) if ev.get("actor") in ids]
    found += [(m["start"], m["end"]) for m in record["mentions"] if m.get("actor") in ids]
    return any(a < e and s < b for a, b in spans for s, e in found)


def _side_right(record: dict[str, Any], event: dict[str, Any], role: str, side: Side, actor_level: bool) -> bool:
    codes = _codes(record, event[role])
    if side.optional and not event[role]:
        return True
    if actor_level:
        if side.spans:
            return _named_by(record, event, role, side.spans)
        return side.optional and _side_right(record, event, role, side, False) if event[role] else True
    if "*" in side.codes or (side.optional and not codes):
        return True
    return bool(codes) and codes <= side.codes if side.codes else not codes


def fully_right(record: dict[str, Any], event: dict[str, Any], j: Judgment, actor_level: bool = False) -> bool:
    if event["cameo"][:2] not in j.roots:
        return False
    straight = (_side_right(record, event, "source", j.source, actor_level)
                and _side_right(record, event, "target", j.target, actor_level))
    swapped = j.mutual and (_side_right(record, event, "source", j.target, actor_level)
                            and _side_right(record, event, "target", j.source, actor_level))
    return straight or swapped


def error_kind(record: dict[str, Any], event: dict[str, Any], j: Judgment) -> str:
    """Why a real event is not fully right: its root, or which side is missing, reversed or wrong."""
    if event["cameo"][:2] not in j.roots:
        return "wrong root"
    src_ok = _side_right(record, event, "source", j.source, False)
    tgt_ok = _side_right(record, event, "target", j.target, False)
    if not src_ok and not tgt_ok and j.source.codes != j.target.codes and (
            _side_right(record, event, "source", j.target, False)
            and _side_right(record, event, "target", j.source, False)):
        return "source and target reversed"
    for ok, role, side in ((src_ok, "source", j.source), (tgt_ok, "target", j.target)):
        if not ok:
            if not _codes(record, event[role]):
                return f"{role} missing" if side.codes else f"{role} unresolved"
            if _from_place(event, role):
                return f"{role} from a place name"
            return f"{role} wrong" if side.codes else f"{role} where the text names none"
    return "right"


def _from_place(event: dict[str, Any], role: str) -> bool:
    """Did a place name give this side its actor ("a Paris man", "Lebanon police", "the London rally")?"""
    for ev in event.get("evidence", {}).get(role, []):
        mention, path = str(ev.get("mention", "")), str(ev.get("path", ""))
        if any(p in mention for p in PLACE_MENTIONS) or (
                mention == "state-name" and (">compound" in path or ">prep in" in path or ">prep at" in path)):
            return True
    return False


@dataclass
class AuditCounts:
    events: int = 0
    unjudged: int = 0
    real: int = 0
    qualified: int = 0
    false: int = 0
    right: int = 0
    right_actor: int = 0
    counted: int = 0  # asserted, non-negated events at judged triggers (what the dyad tables count)
    counted_real: int = 0
    causes: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    triggers: int = 0
    false_triggers: int = 0
    false_still_coded: int = 0
    real_triggers: int = 0
    real_still_coded: int = 0
    misaligned: int = 0

    def scores(self) -> dict[str, Any]:
        scored = self.real + self.false
        return {"events": self.events, "unjudged": self.unjudged, "real": self.real, "false": self.false,
                "qualified": self.qualified, "fully_right": self.right, "fully_right_actor": self.right_actor,
                "real_share": self.real / scored if scored else 0.0,
                "right_share": self.right / scored if scored else 0.0,
                "right_actor_share": self.right_actor / scored if scored else 0.0,
                "counted_real_share": self.counted_real / self.counted if self.counted else 0.0,
                "triggers": self.triggers, "false_triggers": self.false_triggers,
                "false_still_coded": self.false_still_coded, "real_triggers": self.real_triggers,
                "real_still_coded": self.real_still_coded, "misaligned": self.misaligned,
                "causes": dict(self.causes.most_common()), "errors": dict(self.errors.most_common())}


def _matches(event: dict[str, Any], j: Judgment) -> bool:
    start, end = event["trigger"]
    return start < j.trigger[1] and j.trigger[0] < end


def _is_qualified(event: dict[str, Any], j: Judgment) -> bool:
    return j.cause in QUALIFIABLE and (bool(event.get("negated")) or event.get("modality") != "asserted")


def score_article(record: dict[str, Any], judged: Sequence[Judgment], counts: AuditCounts,
                  listing: list[dict[str, Any]] | None = None) -> None:
    """Add one article's events, scored against its judged triggers, to ``counts`` (and ``listing``)."""
    _count_triggers(record, judged, counts)
    for event in record["events"]:
        counts.events += 1
        match = next((j for j in judged if _matches(event, j)), None)
        verdict = _verdict(record, event, match, counts)
        if match is not None and not event.get("negated") and event.get("modality") == "asserted":
            counts.counted += 1
            counts.counted_real += match.event
        if listing is not None and verdict != "right":
            listing.append({"file": judged[0].file if judged else None, "article": record["id"],
                            "trigger": event["trigger"], "word": event.get("trigger_text"),
                            "cameo": event["cameo"], "source": event["source"], "target": event["target"],
                            "verdict": verdict, "judged": None if match is None else match.reason})


def _count_triggers(record: dict[str, Any], judged: Sequence[Judgment], counts: AuditCounts) -> None:
    """Which judged triggers are still coded (an event the system does not itself qualify away)."""
    text = record["text"]
    for j in judged:
        counts.triggers += 1
        counts.misaligned += text[j.trigger[0]:j.trigger[1]] != j.word
        coded = any(_matches(e, j) and not _is_qualified(e, j) for e in record["events"])
        if j.event:
            counts.real_triggers += 1
            counts.real_still_coded += coded
        else:
            counts.false_triggers += 1
            counts.false_still_coded += coded


def _verdict(record: dict[str, Any], event: dict[str, Any], j: Judgment | None, counts: AuditCounts) -> str:
    if j is None:
        counts.unjudged += 1
        return "unjudged"
    if _is_qualified(event, j):
        counts.qualified += 1
        return "qualified"
    if j.event:
        return _score_real(record, event, j, counts)
    counts.false += 1
    counts.causes[j.cause or ""] += 1
    return f"false: {j.cause}"


def _score_real(record: dict[str, Any], event: dict[str, Any], j: Judgment, counts: AuditCounts) -> str:
    counts.real += 1
    counts.right_actor += fully_right(record, event, j, actor_level=True)
    if fully_right(record, event, j):
        counts.right += 1
        return "right"
    kind = error_kind(record, event, j)
    counts.errors[kind] += 1
    return kind


def audit_articles(judgments: Sequence[Judgment], gold: Path) -> dict[str, list[InputDoc]]:
    """The audited articles of each gold file present under ``gold``, as pipeline inputs."""
    wanted = {(j.file, j.article) for j in judgments}
    docs: dict[str, list[InputDoc]] = {}
    for name in GOLD_FILES:
        path = gold / name
        if not path.exists() or not any(f == name for f, _ in wanted):
            continue
        docs[name] = [InputDoc(a.id, a.text, a.published) for a in read_gold(path) if (name, a.id) in wanted]
    return docs


def evaluate_audit(analyzer: Any, gold: Path, judgments_path: Path, listing: list[dict[str, Any]] | None = None,
                   splits: Sequence[str] = SPLITS) -> dict[str, Any]:
    """Score ``analyzer``'s events on the audited articles of ``splits``; ``listing`` collects the tune split's
    events that are not fully right (the heldout split is never listed)."""
    judgments = [j for j in load_judgments(judgments_path) if j.split in splits]
    by_article: dict[tuple[str, str], list[Judgment]] = {}
    for j in judgments:
        by_article.setdefault((j.file, j.article), []).append(j)
    counts = {split: AuditCounts() for split in SPLITS}
    articles = dict.fromkeys(SPLITS, 0)
    for name, docs in audit_articles(judgments, gold).items():
        for record in analyzer.analyze(docs):
            judged = by_article[(name, record["id"])]
            split = judged[0].split
            articles[split] += 1
            score_article(record, judged, counts[split], listing if split == "tune" else None)
    return {split: {"articles": articles[split], **counts[split].scores()} for split in SPLITS if articles[split]}


def format_audit_scores(results: dict[str, Any]) -> list[str]:
    lines = []
    for split, s in results.items():
        lines.append(
            f"audited real news, {split} ({s['articles']} articles, {s['triggers']} judged triggers): "
            f"{s['events']} coded events, {s['unjudged']} unjudged; of the judged ones, real political "
            f"interactions {s['real_share']:.1%} ({s['real']}/{s['real'] + s['false']}), fully right "
            f"{s['right_share']:.1%} (actor level {s['right_actor_share']:.1%}); {s['qualified']} qualified by "
            f"their modality; real among those the dyads count {s['counted_real_share']:.1%}")
        lines.append(f"  judged-false triggers still coded {s['false_still_coded']}/{s['false_triggers']}; "
                     f"judged-real triggers still coded {s['real_still_coded']}/{s['real_triggers']}"
                     + (f"; {s['misaligned']} triggers no longer match the gold text" if s["misaligned"] else ""))
        if s["causes"]:
            lines.append("  false events by cause: " + ", ".join(f"{k} {v}" for k, v in s["causes"].items()))
        if s["errors"]:
            lines.append("  real events not fully right: " + ", ".join(f"{k} {v}" for k, v in s["errors"].items()))
    return lines


# ---- drawing a sample and writing it out for a judge -------------------------------------------------------------
def worksheet(name: str, split: str, record: dict[str, Any]) -> list[str]:
    """One article for a judge: its text with every coded trigger marked ⟦so⟧#n, then the events at each."""
    text, events = record["text"], record["events"]
    triggers = sorted({tuple(e["trigger"]) for e in events})
    marked, pos = [], 0
    for n, (start, end) in enumerate(triggers, start=1):
        if start >= pos:
            marked += [text[pos:start], f"⟦{text[start:end]}⟧#{n}"]
            pos = end
    lines = [f"=== {name} {record['id']} [{split}] published {record.get('published')}", "".join(marked) + text[pos:],
             "---"]
    for n, trigger in enumerate(triggers, start=1):
        for e in (e for e in events if tuple(e["trigger"]) == trigger):
            lines.append(f"#{n} {list(trigger)} {e['cameo']} {','.join(e['source']) or '-'} -> "
                         f"{','.join(e['target']) or '-'} [{e['modality']}{' negated' if e['negated'] else ''}]")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m newsgraph.evaluate.audit [GEO_DIR] [SEED]``: run the pipeline over the geoparsing gold files,
    draw the tune and heldout articles with ``draw_sample`` and print them as worksheets for a judge."""
    import sys

    from newsgraph.evaluate.places import read_gold
    from newsgraph.pipeline.analyzer import Analyzer

    args = list(sys.argv[1:] if argv is None else argv)
    geo = Path(args[0] if args else "../shared/gold/geo")
    seed = int(args[1]) if len(args) > 1 else SEED
    if not all((geo / name).exists() for name in GOLD_FILES):
        print(f"skipped: the audited gold files are not all in {geo}", file=sys.stderr)
        return 0
    analyzer = Analyzer()
    records = {name: {r["id"]: r for r in analyzer.analyze(InputDoc(a.id, a.text, a.published)
                                                             for a in read_gold(geo / name))}
               for name in GOLD_FILES}
    counts = {name: [(i, len({tuple(e["trigger"]) for e in r["events"]})) for i, r in recs.items()]
              for name, recs in records.items()}
    for name, chosen in draw_sample(counts, seed).items():
        for split, ids in chosen.items():
            for art in ids:
                print("\n".join(worksheet(name, split, records[name][art])), end="\n\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
