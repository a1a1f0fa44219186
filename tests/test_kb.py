"""The knowledge base: coverage of the shipped data, lookups, dated roles, and user files layered on top."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.config import Settings
from newsgraph.kb import load_kb, load_ontology
from newsgraph.pipeline.analyzer import Analyzer
from newsgraph.readers.files import InputDoc

FICTIONAL = Path(__file__).parent / "data" / "fictional_actors.yaml"
G20 = {"ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX", "RUS", "SAU",
       "ZAF", "TUR", "GBR", "USA"}


def test_every_un_member_and_the_special_cases() -> None:
    kb = load_kb()
    members = [c for c, s in kb.states.items() if s.get("status") == "member"]
    assert len(members) == 193
    for code in ("VAT", "PSE", "TWN", "XKX", "SUN", "YUG"):
        assert code in kb.states


def test_blocs_have_dyad_codes() -> None:
    kb = load_kb()
    for bid in ("WST", "EUR", "EU", "NATO", "UN", "G7", "G20", "BRICS", "ASEAN", "AU", "OPEC"):
        assert bid in kb.blocs, bid
        assert kb.country_of_bloc(bid)


def test_people_with_dated_offices() -> None:
    kb = load_kb()
    terms = sum(len(p.terms) for p in kb.people.values())
    assert terms >= 400
    assert {p.country for p in kb.people.values()} >= G20
    blinken = kb.office_holder("USA", "foreign_minister", "2024-04")
    assert blinken is not None and blinken.name == "Antony Blinken"
    assert kb.office_holder("RUS", "head_of_state", "2010-01-01").name == "Dmitry Medvedev"
    assert kb.office_holder("GBR", "head_of_government", "2016-08-01").name == "Theresa May"


def test_lookup_kinds() -> None:
    kb = load_kb()
    assert {h.kind for h in kb.lookup("Chinese")} == {"demonym"}
    assert any(h.kind == "capital" and h.target == "UKR" for h in kb.lookup("Kiev"))
    assert any(h.kind == "seat" and h.target == "RUS" for h in kb.lookup("the Kremlin"))
    assert kb.sector_for("firms") == "BUS"
    assert kb.sector_for("troops") == "MIL"
    assert kb.role_for("top diplomat", "USA") == "foreign_minister"


def test_ontology_covers_all_roots() -> None:
    onto = load_ontology()
    for root in range(2, 21):
        code = onto.get(f"{root:02d}")
        assert code.quad_class in {1, 2, 3, 4}
    assert onto.get("111").plover == "ACCUSE"
    assert onto.get("0421").code == "042"  # unknown 4-digit code falls back to its parent


def test_user_actor_file_extends_the_knowledge_base() -> None:
    kb = load_kb((str(FICTIONAL),))
    assert "ARN" in kb.states and "GON" in kb.states
    assert kb.office_holder("GON", "foreign_minister", "2005-01-01").name == "Faramir Hurinion"
    assert "ARN" not in load_kb().states  # the shipped base is untouched


def test_user_actor_file_in_the_pipeline() -> None:
    analyzer = Analyzer(Settings(actor_files=(str(FICTIONAL),)))
    rec = analyzer.analyze_one(InputDoc("f", "Arnor condemned Gondor on Tuesday. Gondor's top diplomat "
                                        "flew to Fornost to protest.", "2005-03-10"))
    condemn = next(e for e in rec["events"] if e["trigger_text"] == "condemned")
    assert condemn["source"] == ["ARN"] and condemn["target"] == ["GON"]
    diplomat = next(m for m in rec["mentions"] if m["text"].endswith("top diplomat"))
    assert diplomat["actor"] == "GON.GOV.faramir_hurinion"


def test_a_misspelt_key_in_an_actor_file_names_file_and_line(tmp_path) -> None:
    from newsgraph.errors import SetupError

    path = tmp_path / "mine.yaml"
    path.write_text("countries:\n  - code: XXA\n    name: Arnor\n    demonym: [Arnorian]\n", encoding="utf-8")
    with pytest.raises(SetupError, match=r"E012.*mine\.yaml, line 4: unknown key 'demonym' in a countries entry"):
        load_kb((str(path),))
    path.write_text("people:\n  - name: A B\n    country: USA\n    roel: leader\n", encoding="utf-8")
    with pytest.raises(SetupError, match=r"line 4: unknown key 'roel' in a people entry"):
        load_kb((str(path),))
