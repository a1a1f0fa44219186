"""Propose the patterns of the CAMEO "families": the same kinds of object under verbs of appeal (02), intent (03),
demand (10) and rejection (12). The codebook gives each family the same subcodes (appeal for / intent to provide /
demand / reject economic aid: 0231, 0331, 1031, 1221), so one table of object kinds and one of verb groups give the
patterns. The output was pasted into the pattern files and then edited by hand; what ships is those files.

    python tools/lexicon_families.py
"""

from __future__ import annotations

# object kind -> (objects as written in a pattern, subcode per family: appeal, intent, demand, reject)
KINDS: list[tuple[str, str, tuple[str | None, str | None, str | None, str | None]]] = [
    ("economic cooperation", "[ECONOMIC_TIES, economic+cooperation, economic+ties]", ("0211", "0311", "1011", "1211")),
    ("military cooperation", "[military+cooperation, defence+cooperation, defense+cooperation, joint+EXERCISES]",
     ("0212", "0312", "1012", "1212")),
    ("judicial cooperation", "[JUDICIAL, judicial+cooperation, legal+assistance]", ("0213", "0313", "1013", "1213")),
    ("intelligence", "[INFORMATION]", ("0214", "0314", "1014", None)),
    ("economic aid", "[MONEY, economic+aid, financial+aid, debt+relief]", ("0231", "0331", "1031", "1221")),
    ("military aid", "[WEAPONS, military+aid]", ("0232", "0332", "1032", "1222")),
    ("humanitarian aid", "[RELIEF_GOODS, humanitarian+aid, ASYLUM]", ("0233", "0333", "1033", "1223")),
    ("protection", "[PEACEKEEPERS, military+protection, international+protection]", ("0234", "0334", "1034", "1224")),
    ("aid", "[AID]", ("023", "033", "103", "122")),
    ("diplomatic cooperation", "[SUPPORT, endorsement, recognition, solidarity]", ("022", "032", "102", None)),
    ("change in leadership", "[LEADERSHIP_CHANGE]", ("0241", "0341", "1041", "1231")),
    ("elections", "[election, early+election, new+election, referendum]", ("0241", None, "1041", None)),
    ("policy change", "[policy+change, policy+shift, change+policy]", ("0242", "0342", "1042", "1232")),
    ("rights", "[RIGHTS]", ("0243", "0343", "1043", "1233")),
    ("institutions", "[INSTITUTIONS, constitutional+reform, regime+change]", ("0244", "0344", "1044", "1234")),
    ("political reform", "[REFORM, political+change]", ("024", "034", "104", "123")),
    ("release", "[RELEASE, freedom+DETAINEES]", ("0253", "0353", "1053", "1243")),
    ("easing economic sanctions", "[EASING+SANCTIONS]", ("0254", "0354", "1054", "1244")),
    ("easing administrative sanctions", "[EASING+RESTRICTIONS, EASING+curfew, EASING+EMERGENCY_RULE]",
     ("0251", "0351", "1051", "1241")),
    ("international involvement", "[ACCESS]", ("0255", "0355", "1055", "1245")),
    ("de-escalation", "[DEESCALATION, end+HOSTILITIES, halt+HOSTILITIES]", ("0256", "0356", "1056", "1246")),
    ("meeting", "[TALKS, MEETINGS, consultation]", ("026", "036", "106", "125")),
    ("settlement", "[SETTLEMENT]", ("027", "037", "107", "127")),
    ("mediation", "[MEDIATION]", ("028", "038", "108", "126")),
]

# family index -> the verb groups (trigger, preposition required, target slots)
VERBS: dict[int, list[tuple[str, str | None, str]]] = {
    0: [("SEEK", None, "[dobj, from, to]"), ("APPEAL_FOR", "for", "[dobj, \"on\", to, with]")],
    1: [("[offer, pledge, promise, vow, guarantee]", None, "[dobj, to]"),
        ("[agree, commit, consent]", "to", "[with]")],
    2: [("demand", None, "[dobj, from, of]"), ("PRESS_FOR", "for", "[dobj]"), ("insist", "on", "[]")],
    3: [("REFUSE", None, "[from, of, dobj]")],
}
ROOTS = ("02", "03", "10", "12")
#: combinations the other files already code, or that read otherwise ("offered talks" is in 03 already)
SKIP = {("[offer, pledge, promise, vow, guarantee]", "meeting")}


def main() -> None:
    for family, root in enumerate(ROOTS):
        print(f"# ---- root {root}")
        for verb, prep, targets in VERBS[family]:
            for kind, objects, codes in KINDS:
                code = codes[family]
                if (verb, kind) in SKIP:
                    continue
                if code is None:
                    continue
                prep_part = f", prep: {prep}" if prep else ""
                print(f'  - {{verb: {verb}, cameo: "{code}", object: {objects}{prep_part}, target: {targets}}}'
                      f"  # {kind}")


if __name__ == "__main__":
    main()
