"""The GDELT 2.0 and PLOVER exports read as their users read them (issue 18, item 1).

A known article (written for this test) and a near-duplicate copy of it from another site are ingested through the
real pipeline; the GDELT export is read with GDELT 2.0's published 61-column header and the dtypes GDELT's
codebook gives — with pandas and with DuckDB's ``read_csv`` — and checked row by row; the PLOVER export is
checked against the PLOVER manual's JSON field names."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from newsgraph.analysis.export import GDELT_COLUMNS, export_events
from newsgraph.nlp.tone import tone
from newsgraph.store.db import Store
from newsgraph.store.ingest import ingest_sources

#: the GDELT 2.0 event table's header, as the GDELT 2.0 event codebook lists its fields
PUBLISHED_HEADER = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate Actor1Code Actor1Name Actor1CountryCode "
    "Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code "
    "Actor1Type3Code Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode "
    "Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code IsRootEvent EventCode "
    "EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles AvgTone Actor1Geo_Type "
    "Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long "
    "Actor1Geo_FeatureID Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code "
    "Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID ActionGeo_Type ActionGeo_FullName "
    "ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID "
    "DATEADDED SOURCEURL").split()
#: the types the codebook gives: integers for ids, dates, counts and geo types; floats for scores and points;
#: strings for codes (an EventCode keeps its leading zero) and names
INTEGERS = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions",
            "NumSources", "NumArticles", "DATEADDED"}
FLOATS = {"FractionDate", "GoldsteinScale", "AvgTone"} | {c for c in PUBLISHED_HEADER if c.endswith(("_Lat", "_Long"))}
GEO_TYPES = {c for c in PUBLISHED_HEADER if c.endswith("Geo_Type")}
PANDAS = {c: "int64" if c in INTEGERS else "float64" if c in FLOATS else "Int64" if c in GEO_TYPES else "string"
          for c in PUBLISHED_HEADER}
DUCKDB = {c: "BIGINT" if c in INTEGERS else "DOUBLE" if c in FLOATS else "INTEGER" if c in GEO_TYPES else "VARCHAR"
          for c in PUBLISHED_HEADER}

TEXT = ("Kenyan President William Ruto and Ethiopian Prime Minister Abiy Ahmed met in Nairobi on Tuesday.\n\n"
        "Ruto praised Ethiopia for its support and said the new trade deal would bring peace and prosperity to the "
        "region.")
COPY = TEXT + "\n\nThis report was first published by a partner site."
URL, COPY_URL = "https://news.example.org/africa/ruto-abiy", "https://daily.example.net/world/kenya-ethiopia"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, analyzer: Any) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("gdelt")
    docs = [{"id": "wire-1", "text": TEXT, "published": "2024-08-08", "title": "Ruto and Abiy meet", "url": URL},
            {"id": "wire-1-copy", "text": COPY, "published": "2024-08-08", "title": "Leaders meet", "url": COPY_URL}]
    inputs = folder / "wire.jsonl"
    inputs.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    db = folder / "wire.duckdb"
    with Store(db) as store:
        summary = ingest_sources([str(inputs)], store, lambda: analyzer.analyze)
        assert summary.stored == 2 and summary.copies == 1
    out = {"db": db, "gdelt": folder / "events.tsv", "header": folder / "events-header.tsv",
           "plover": folder / "events.jsonl"}
    with Store(db, read_only=True) as store:
        export_events(store, out["gdelt"], "gdelt")
        export_events(store, out["header"], "gdelt", header=True)
        export_events(store, out["plover"], "plover")
    return out


def meeting_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["EventCode"] == "040"].sort_values("Actor1Code").reset_index(drop=True)


def test_the_layout_is_gdelts(exported: dict[str, Path]) -> None:
    assert len(GDELT_COLUMNS) == len(PUBLISHED_HEADER) == 61
    header = exported["header"].read_text(encoding="utf-8").splitlines()[0].split("\t")
    renamed = {"GLOBALEVENTID": "GlobalEventID", "SQLDATE": "Day"}  # GDELT 2.0 names these two so
    assert header == [renamed.get(c, c) for c in PUBLISHED_HEADER]
    lines = exported["gdelt"].read_text(encoding="utf-8").splitlines()
    assert lines and all(len(line.split("\t")) == 61 for line in lines)  # no header, as GDELT's own files


def expect_meeting_row(row: Any, first: str, second: str) -> None:
    people = {"KEN": ("KENGOV", "WILLIAM RUTO", "Kenya", "KE", 1.0, 38.0),
              "ETH": ("ETHGOV", "ABIY AHMED", "Ethiopia", "ET", 8.0, 38.0)}
    for n, who in ((1, first), (2, second)):
        code, name, country, fips, lat, lon = people[who]
        assert (row[f"Actor{n}Code"], row[f"Actor{n}Name"], row[f"Actor{n}CountryCode"]) == (code, name, who)
        assert row[f"Actor{n}Type1Code"] == "GOV" and pd.isna(row[f"Actor{n}KnownGroupCode"])
        assert (row[f"Actor{n}Geo_Type"], row[f"Actor{n}Geo_FullName"], row[f"Actor{n}Geo_CountryCode"]) == (
            1, country, fips)
        assert (row[f"Actor{n}Geo_ADM1Code"], row[f"Actor{n}Geo_FeatureID"]) == (fips, fips)
        assert (row[f"Actor{n}Geo_Lat"], row[f"Actor{n}Geo_Long"]) == (lat, lon)
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == (20240806, 202408, 2024)  # "on Tuesday"
    assert row["FractionDate"] == pytest.approx(2024 + 218 / 365, abs=1e-4)
    assert (row["IsRootEvent"], row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == (1, "040", "040",
                                                                                                   "04")
    assert (row["QuadClass"], row["GoldsteinScale"]) == (1, 1.0)
    # the story: this article and its copy on another site, each mentioning the meeting once
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == (2, 2, 2)
    assert row["AvgTone"] == pytest.approx((tone(TEXT).tone + tone(COPY).tone) / 2, abs=1e-3)
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"], row["ActionGeo_CountryCode"]) == (4, "Nairobi, Kenya",
                                                                                                "KE")
    assert row["ActionGeo_ADM1Code"] == "KE05" and row["ActionGeo_FeatureID"] == "184745"  # GeoNames: Nairobi
    assert row["ActionGeo_Lat"] == pytest.approx(-1.283, abs=0.01)
    assert row["ActionGeo_Long"] == pytest.approx(36.817, abs=0.01)
    assert pd.isna(row["ActionGeo_ADM2Code"])
    assert len(str(row["DATEADDED"])) == 14 and row["SOURCEURL"] == URL


def test_pandas_reads_it_with_gdelts_dtypes(exported: dict[str, Path]) -> None:
    frame = pd.read_csv(exported["gdelt"], sep="\t", header=None, names=PUBLISHED_HEADER, dtype=PANDAS,
                        quoting=csv.QUOTE_NONE)
    assert frame["SOURCEURL"].eq(URL).all()  # only the story's first article is exported; the copy is counted
    meeting = meeting_rows(frame)
    assert len(meeting) == 2
    expect_meeting_row(meeting.iloc[0], "ETH", "KEN")
    expect_meeting_row(meeting.iloc[1], "KEN", "ETH")
    praise = frame[frame["EventCode"] == "051"]
    # its sentence names no place: GDELT's rule takes the place mentioned nearest to the action ("Ethiopia" there
    # stands for an actor, so Nairobi)
    assert not praise.empty and praise["ActionGeo_FullName"].eq("Nairobi, Kenya").all()
    assert praise["AvgTone"].eq(meeting["AvgTone"].iloc[0]).all()  # the same two articles report it


def test_duckdb_reads_it_with_gdelts_types(exported: dict[str, Path]) -> None:
    con = duckdb.connect()
    frame = con.execute("SELECT * FROM read_csv(?, delim = '\t', header = false, quote = '', columns = ?)",
                        [str(exported["gdelt"]), DUCKDB]).df()
    meeting = meeting_rows(frame)
    assert len(meeting) == 2
    expect_meeting_row(meeting.iloc[0], "ETH", "KEN")
    expect_meeting_row(meeting.iloc[1], "KEN", "ETH")
    typed = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_csv(?, delim = '\t', "
                             "header = false, quote = '', columns = ?))", [str(exported["gdelt"]), DUCKDB]).fetchall())
    assert typed["EventCode"] == "VARCHAR" and typed["SQLDATE"] == "BIGINT" and typed["ActionGeo_Lat"] == "DOUBLE"


def test_plover_json_fields(exported: dict[str, Path]) -> None:
    records = [json.loads(line) for line in exported["plover"].read_text(encoding="utf-8").splitlines()]
    meeting = sorted((r for r in records if r["cameo"] == "040"), key=lambda r: r["actor"][0]["code"])
    assert len(meeting) == 2
    ethiopia, kenya = meeting
    for rec in meeting:
        assert {"id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "event_text",
                "quad_code", "event_scale", "text", "text_info", "cite_info"} <= set(rec)
        assert rec["date"] == "2024-08-06" and rec["event"] == ["CONSULT"] and rec["quad_code"] == 1
        assert isinstance(rec["mode"], list) and isinstance(rec["context"], list)
        assert rec["event_text"] == ["met"]
        assert rec["text"] == TEXT[rec["text_info"]["start"] : rec["text_info"]["end"]] and "Nairobi" in rec["text"]
        loc = rec["event_loc"]
        assert (loc["extracted_place"], loc["resolved_place"], loc["geonameid"], loc["country"],
                loc["country_code"], loc["resolution"]) == ("Nairobi", "Nairobi", 184745, "Kenya", "KEN", 4)
        assert loc["lat"] == pytest.approx(-1.283, abs=0.01)
        cite = rec["cite_info"]
        assert (cite["url"], cite["title"], cite["publication"], cite["citation"]) == (
            URL, "Ruto and Abiy meet", "news.example.org", "wire-1")
        assert (rec["num_articles"], rec["num_mentions"]) == (2, 2)
        assert rec["tone"] == tone(TEXT[rec["text_info"]["start"]: rec["text_info"]["end"]]).tone
        assert rec["article_tone"] == tone(TEXT).tone
    praise = [r for r in records if r["cameo"] == "051"]
    assert praise and all(r["event_loc"] is None for r in praise)  # PLOVER: only a place the text gives the event
    assert kenya["actor"] == [{"code": "KEN", "sector": "GOV", "entity_text": "William Ruto", "identifier_id":
                               "KEN.GOV.william_ruto", "identifier_text": "William Ruto", "kind": "person"}]
    assert kenya["recipient"][0]["identifier_id"] == "ETH.GOV.abiy_ahmed" and ethiopia["recipient"][0]["code"] == "KEN"
