"""The audited real-news event set: its loader, its scorer (on records written for these tests) and, when
../shared is present, the judgments' integrity against the gold articles they point into."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.evaluate.audit import AuditCounts, fully_right, score_article
from newsgraph.evaluate.judgments import Judgment, Side, draw_sample, load_judgments
from newsgraph.evaluate.places import read_gold

JUDGMENTS = Path(__file__).parent / "data" / "audit" / "judgments.jsonl"

TEXT = "Police arrested two men in Paris. France met Germany. Fans fought fires. They may attack Spain."


def _line(**extra: object) -> dict:
    base = {"file": "lgl.xml", "article": "a1", "split": "tune", "trigger": [7, 15], "word": "arrested",
            "event": True, "roots": ["17"], "source": {"codes": ["FRA"], "spans": [[0, 6]]},
            "target": {"codes": ["FRA"], "spans": [[16, 23]]}, "reason": "police arrest", "system": []}
    return {**base, **extra}


def _write(tmp_path: Path, *lines: dict | str) -> Path:
    path = tmp_path / "judgments.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return path


def test_loader_reads_a_judgment(tmp_path: Path) -> None:
    (j,) = load_judgments(_write(tmp_path, _line(source={"codes": ["FRA"], "spans": [], "optional": True})))
    assert j.trigger == (7, 15) and j.roots == frozenset({"17"}) and j.source.optional and not j.target.optional


@pytest.mark.parametrize(("bad", "detail"), [
    (_line(colour="red"), "unknown keys ['colour']"),
    (_line(split="dev"), "split must be one of"),
    (_line(event=False, roots=None), "needs a cause"),
    (_line(event=False, roots=None, cause="boring"), "needs a cause"),
    (_line(cause="generic"), "an event has roots and no cause"),
    (_line(target={"codes": ["FRA"], "where": "Paris"}), "a side takes only"),
    ("{not json", "not JSON"),
])
def test_loader_rejects_a_malformed_line_naming_file_and_line(tmp_path: Path, bad: dict | str, detail: str) -> None:
    path = _write(tmp_path, _line(), bad)
    with pytest.raises(NewsgraphError) as err:
        load_judgments(path)
    assert err.value.code == "E012"
    assert f"{path}, line 2" in str(err.value) and detail in str(err.value)


def _record(*events: dict, mentions: list | None = None) -> dict:
    actors = {"FRA.COP": {"country": "FRA"}, "FRA": {"country": "FRA"}, "DEU": {"country": "DEU"},
              "UNK.CVL": {"country": None}, "ESP": {"country": "ESP"}, "ORG.fans": {"country": None}}
    return {"id": "a1", "text": TEXT, "actors": actors, "mentions": mentions or [], "events": list(events)}


def _event(trigger: list[int], cameo: str, source: list[str], target: list[str], **extra: object) -> dict:
    return {"trigger": trigger, "cameo": cameo, "source": source, "target": target, "modality": "asserted",
            "negated": False, **extra}


def _judgment(trigger: tuple[int, int], word: str, event: bool = True, **extra: object) -> Judgment:
    return Judgment("lgl.xml", "a1", "tune", trigger, word, event, "why", **extra)  # type: ignore[arg-type]


ARREST = _judgment((7, 15), "arrested", roots=frozenset({"17"}), source=Side(frozenset({"FRA"}), ((0, 6),)),
                   target=Side(frozenset({"FRA"}), ((16, 23),)))
MEETING = _judgment((41, 44), "met", roots=frozenset({"04"}), source=Side(frozenset({"FRA"}), ((34, 40),)),
                    target=Side(frozenset({"DEU"}), ((45, 52),)), mutual=True)
FIRES = _judgment((59, 65), "fought", event=False, cause="other-sense")
ATTACK = _judgment((82, 88), "attack", event=False, cause="hypothetical")


def test_a_real_event_is_fully_right_by_root_and_country_codes() -> None:
    good = _event([7, 15], "173", ["FRA.COP"], ["UNK.CVL"])
    assert not fully_right(_record(good), good, ARREST)  # the men's country is unknown to the system
    placed = _event([7, 15], "173", ["FRA.COP"], ["FRA"])
    assert fully_right(_record(placed), placed, ARREST)
    assert not fully_right(_record(placed), {**placed, "cameo": "190"}, ARREST)


def test_an_optional_side_accepts_no_actor_and_a_star_any_code() -> None:
    implied = _judgment((7, 15), "arrested", roots=frozenset({"17"}), source=Side(frozenset({"FRA"}), optional=True),
                        target=Side(frozenset({"*"}), ((16, 23),)))
    event = _event([7, 15], "173", [], ["ESP"])
    assert fully_right(_record(event), event, implied)
    assert not fully_right(_record(event), {**event, "source": ["DEU"]}, implied)
    assert not fully_right(_record(event), event, ARREST)  # a named police force must be found


def test_mutual_events_may_be_coded_either_way_but_not_onto_one_side() -> None:
    back = _event([41, 44], "040", ["DEU"], ["FRA"])
    assert fully_right(_record(back), back, MEETING)
    same = _event([41, 44], "040", ["FRA"], ["FRA"])
    assert not fully_right(_record(same), same, MEETING)


def test_actor_level_needs_the_words_the_judge_marked() -> None:
    mentions = [{"start": 0, "end": 6, "actor": "FRA.COP"}, {"start": 16, "end": 23, "actor": "FRA"}]
    event = _event([7, 15], "173", ["FRA.COP"], ["FRA"])
    assert fully_right(_record(event, mentions=mentions), event, ARREST, actor_level=True)
    elsewhere = [{"start": 27, "end": 32, "actor": "FRA"}, {"start": 0, "end": 6, "actor": "FRA.COP"}]
    assert not fully_right(_record(event, mentions=elsewhere), event, ARREST, actor_level=True)


def test_scoring_an_article() -> None:
    record = _record(_event([7, 15], "173", ["FRA.COP"], ["FRA"]),
                     _event([41, 44], "040", ["FRA"], ["UNK.CVL"]),
                     _event([59, 65], "190", ["ORG.fans"], []),
                     _event([82, 88], "190", ["UNK.CVL"], ["ESP"], modality="possible"),
                     _event([24, 26], "173", [], []))
    counts, listing = AuditCounts(), []
    score_article(record, [ARREST, MEETING, FIRES, ATTACK], counts, listing)
    s = counts.scores()
    assert (s["events"], s["unjudged"], s["real"], s["false"], s["qualified"]) == (5, 1, 2, 1, 1)
    assert s["fully_right"] == 1 and s["errors"] == {"target missing": 1}
    assert s["causes"] == {"other-sense": 1}
    assert s["false_still_coded"] == 1 and s["false_triggers"] == 2  # the hypothetical one is marked 'possible'
    assert s["real_share"] == 2 / 3 and s["misaligned"] == 0
    assert [x["verdict"] for x in listing] == ["target missing", "false: other-sense", "qualified", "unjudged"]


def test_a_moved_trigger_word_is_reported() -> None:
    counts = AuditCounts()
    score_article(_record(), [_judgment((7, 15), "detained", roots=frozenset({"17"}))], counts)
    assert counts.misaligned == 1 and counts.real_still_coded == 0


def test_the_sample_is_seeded_and_fills_each_split_in_turn() -> None:
    triggers = {"lgl.xml": [(f"a{n}", n % 4) for n in range(40)]}
    quotas = {"lgl.xml": {"tune": 20, "heldout": 8}}
    first = draw_sample(triggers, 13, quotas)
    assert first == draw_sample(triggers, 13, quotas) != draw_sample(triggers, 14, quotas)
    chosen = first["lgl.xml"]
    counts = dict(triggers["lgl.xml"])
    assert not set(chosen["tune"]) & set(chosen["heldout"])
    assert all(counts[a] > 0 for split in chosen.values() for a in split)
    assert 20 <= sum(counts[a] for a in chosen["tune"]) < 24
    assert 8 <= sum(counts[a] for a in chosen["heldout"]) < 12


def test_the_shipped_judgments_load_and_are_big_enough() -> None:
    judgments = load_judgments(JUDGMENTS)
    tune = [j for j in judgments if j.split == "tune"]
    heldout = [j for j in judgments if j.split == "heldout"]
    assert len(tune) >= 300 and len({(j.file, j.article) for j in tune}) >= 60
    assert len(heldout) >= 100
    assert not {(j.file, j.article) for j in tune} & {(j.file, j.article) for j in heldout}
    assert len({(j.file, j.article, j.trigger) for j in judgments}) == len(judgments)
    assert Counter(j.file for j in tune).keys() == {"lgl.xml", "TR-News.xml"}


def test_the_judgments_point_at_the_words_they_name(shared: Path) -> None:
    geo = shared / "gold" / "geo"
    if not (geo / "lgl.xml").exists() or not (geo / "TR-News.xml").exists():
        pytest.skip("the geoparsing gold files are not present")
    texts = {(name, a.id): a.text for name in ("lgl.xml", "TR-News.xml") for a in read_gold(geo / name)}
    for j in load_judgments(JUDGMENTS):
        text = texts[(j.file, j.article)]
        assert text[j.trigger[0]:j.trigger[1]] == j.word, (j.file, j.article, j.trigger)
        for side in (j.source, j.target):
            for start, end in side.spans:
                assert 0 <= start < end <= len(text)
                assert text[start:end] in side.who, (j.file, j.article, j.trigger, text[start:end], side.who)
