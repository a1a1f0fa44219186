"""Step 5: coding — the event record with its CAMEO code (recoded for modality), Goldstein value, QuadClass and
PLOVER type/mode/context from the ontology; embedded events marked; one event per repeated report."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.kb.ontology import Ontology
from newsgraph.nlp.events.dating import date_for, is_background, place_for
from newsgraph.nlp.events.evidence import evidence
from newsgraph.nlp.events.lexicon import Pattern
from newsgraph.nlp.events.modality import ModalityRules, modality_of, recode
from newsgraph.nlp.extensions import Event


def build(doc: Doc, tok: Token, pattern: Pattern, source: list[str], target: list[str], ontology: Ontology,
          rules: ModalityRules) -> Event:
    date, date_how = date_for(doc, tok)
    modality, negated, reporter = modality_of(doc, tok, rules)
    if modality == "asserted" and (is_background(date, date_how, doc._.ng_published)
                                   or (pattern.standing and date_how != "time-expression")):
        modality = "background"  # "in 2011 Exxon signed a deal", "Russia's support for Assad": not news
    cameo = recode(pattern.cameo, modality, negated, rules)
    code = ontology.get(cameo)
    plover, mode = code.plover, code.mode
    if pattern.plover and cameo == pattern.cameo and pattern.plover != plover:
        plover, mode = pattern.plover, None  # the pattern knows the PLOVER type better than its CAMEO code
    sent = tok.sent
    return Event(
        source=source, target=target, cameo=cameo, plover=plover, mode=mode,
        context=list(code.context), goldstein=code.goldstein, quad_class=code.quad_class,
        trigger=(tok.idx, tok.idx + len(tok.text)), sentence=(sent.start_char, sent.end_char),
        date=date, date_how=date_how, place=place_for(doc, tok), negated=negated, modality=modality,
        reported_by=reporter, pattern=pattern.name, also=[], embedded=False,
        evidence={"source": evidence(doc, tok, source), "target": evidence(doc, tok, target)},
    )


def mark_embedded(doc: Doc, events: list[Event]) -> None:
    """"accused them of attacking": an event whose trigger sits under another event's trigger is embedded."""
    roots = {n: doc.char_span(*e["trigger"]) for n, e in enumerate(events)}
    triggers = {span.root.i for span in roots.values() if span is not None}
    for n, event in enumerate(events):
        span = roots[n]
        event["embedded"] = span is not None and any(a.i in triggers for a in span.root.ancestors)


def merge_repeats(events: list[Event]) -> list[Event]:
    """One event per (source, target, code, date, modality, negation): a report that tells the same event twice
    ("whose top diplomat flew to China" … "Blinken flew to China") yields one event with both triggers."""
    kept: dict[tuple[object, ...], Event] = {}
    for event in events:
        key = (tuple(event["source"]), tuple(event["target"]), event["cameo"], event["date"], event["modality"],
               event["negated"])
        if key in kept:
            kept[key]["also"].append(event["trigger"])
        else:
            kept[key] = event
    return list(kept.values())
