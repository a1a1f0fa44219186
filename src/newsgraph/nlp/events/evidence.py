"""The evidence kept with every event: for each actor, the words that named it and their path in the parse."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from newsgraph.nlp.extensions import Mention
from newsgraph.nlp.lookup import mentions_starting_in


def dep_path(trigger: Token, other: Token) -> str:
    """The dependency path between two tokens, e.g. "condemned <nsubj Putin" or "flew >prep to >pobj China"."""
    up = [trigger, *trigger.ancestors]
    index = {t.i: n for n, t in enumerate(up)}
    down: list[Token] = []
    node = other
    while node.i not in index and node.head.i != node.i:
        down.append(node)
        node = node.head
    if node.i not in index:
        return "(no path in the parse)"
    steps = [f"^{t.dep_} {t.head.text}" for t in up[: index[node.i]]]
    steps += [f">{t.dep_} {t.text}" for t in reversed(down)]
    return " ".join([trigger.text, *steps]) if steps else trigger.text


def evidence(doc: Doc, trigger: Token, actors: list[str]) -> list[dict[str, Any]]:
    """For each actor, the mention in the trigger's sentence that named it, nearest in the parse, and the path."""
    out: list[dict[str, Any]] = []
    sent = trigger.sent
    in_sentence = mentions_starting_in(doc, sent.start, sent.end)
    for actor in actors:
        best: tuple[int, Mention] | None = None
        for m in in_sentence:
            if actor not in (m["group"] or ([m["actor"]] if m["actor"] else [])):
                continue
            head = doc[m["tok"][0] : m["tok"][1]].root
            distance = len(dep_path(trigger, head).split())
            if best is None or distance < best[0]:
                best = (distance, m)
        if best is None:
            out.append({"actor": actor, "start": None, "end": None, "text": None, "mention": None, "path": None})
            continue
        m = best[1]
        head = doc[m["tok"][0] : m["tok"][1]].root
        out.append({"actor": actor, "start": m["start"], "end": m["end"], "text": m["text"], "mention": m["how"],
                    "path": dep_path(trigger, head)})
    return out
