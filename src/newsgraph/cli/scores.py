"""Printing the scores of ``newsgraph eval events``: the dev sets' figures and how their gold sentences fared."""

from __future__ import annotations

from typing import Any


def format_event_scores(results: dict[str, Any]) -> list[str]:
    lines = []
    if "plover" in results:
        r = results["plover"]
        t = r["triples"]
        lines.append(f"PLOVER GSR ({r['sentences']} sentences): type accuracy {r['type_accuracy']:.1%}, source "
                     f"{r['source_accuracy']:.1%}, target {r['target_accuracy']:.1%}; (source, target, type) "
                     f"P {t['p']:.1%} R {t['r']:.1%} F1 {t['f1']:.1%}")
        lines.append("  sentences: " + _outcomes(r, ("no event", "wrong root", "wrong actors", "right"))
                     + " (root: the PLOVER type here)")
    if "conflibert" in results:
        r = results["conflibert"]
        per = " ".join(f"{c}:{f:.2f}" for c, f in r["per_class_f1"].items())
        lines.append(f"ConfliBERT 5-way ({r['sentences']} sentences): macro-F1 {r['macro_f1']:.3f}, accuracy "
                     f"{r['accuracy']:.1%} (per class {per})")
        lines.append("  sentences of classes 1-4: " + _outcomes(r, ("no event", "wrong class", "right")))
    if "petrarch" in results:
        r = results["petrarch"]
        t, o = r["triples"], r["roots"]
        lines.append(f"PETRARCH unit tests ({r['sentences']} sentences): (source, target, CAMEO root) P {t['p']:.1%}"
                     f" R {t['r']:.1%} F1 {t['f1']:.1%}; CAMEO root P {o['p']:.1%} R {o['r']:.1%} F1 {o['f1']:.1%}")
        lines.append("  sentences with a coded event: " + _outcomes(r, ("no event", "wrong root", "wrong actors",
                                                                       "right")))
    if "audit" in results:
        from newsgraph.evaluate.audit import format_audit_scores

        lines += format_audit_scores(results["audit"])
    return lines


def _outcomes(result: dict[str, Any], kinds: tuple[str, ...]) -> str:
    counts = result.get("outcomes", {})
    return ", ".join(f"{kind} {counts.get(kind, 0)}" for kind in kinds)
