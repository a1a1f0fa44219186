"""Amounts: money, percentages and counts, their values and units, what they measure and when.

The first tables need no model (``read_amounts`` reads text alone); the rest run the whole pipeline once per
session through the ``analyze`` fixture, with publication date 2024-05-16 (a Thursday) unless stated.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import ErrorCode, SetupError
from newsgraph.nlp.amounts import Scanner, load_lexicon, parse_amount, read_amounts
from newsgraph.pipeline.record import validate_record


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("$240 billion", 240_000_000_000, "USD"),
        ("€45m", 45_000_000, "EUR"),
        ("$240bn", 240_000_000_000, "USD"),
        ("€3.2tn", 3_200_000_000_000, "EUR"),
        ("5 trillion yen", 5_000_000_000_000, "JPY"),
        ("US$3.5 billion", 3_500_000_000, "USD"),
        ("£1,200", 1200, "GBP"),
        ("USD 5 million", 5_000_000, "USD"),
        ("5bn EUR", 5_000_000_000, "EUR"),
        ("40 million dollars", 40_000_000, "USD"),
        ("240 billion US dollars", 240_000_000_000, "USD"),
        ("3 trillion yuan", 3_000_000_000_000, "CNY"),
        ("50 million roubles", 50_000_000, "RUB"),
        ("₽1.5 trillion", 1_500_000_000_000, "RUB"),
        ("₹500 crore", 5_000_000_000, "INR"),
        ("a million dollars", 1_000_000, "USD"),
        ("5 trillion won", 5_000_000_000_000, "KRW"),
        ("12.5%", 12.5, "percent"),
        ("12 percent", 12, "percent"),
        ("12 per cent", 12, "percent"),
        ("two percentage points", 2, "percentage point"),
        ("forty-five", 45, None),
        ("two hundred and fifty", 250, None),
        ("10,000", 10_000, None),
    ],
)
def test_value_and_unit(text: str, value: float, unit: str | None) -> None:
    assert parse_amount(text) == (value, unit)


@pytest.mark.parametrize(
    ("text", "written", "value", "high", "hedge"),
    [
        ("It will cost $5-10 billion.", "$5-10 billion", 5e9, 1e10, None),
        ("It will cost between 5 and 10 billion dollars.", "between 5 and 10 billion dollars", 5e9, 1e10, None),
        ("It will cost $5 billion to $10 billion.", "$5 billion to $10 billion", 5e9, 1e10, None),
        ("Rates of 5-10% apply.", "5-10%", 5, 10, None),
        ("Two or three ships sank.", "Two or three", 2, 3, None),
        ("Trade fell by about $3 billion.", "about $3 billion", 3e9, None, "about"),
        ("It is worth more than $2 billion.", "more than $2 billion", 2e9, None, "more than"),
        ("Nearly $1 billion was repaid.", "Nearly $1 billion", 1e9, None, "nearly"),
        ("They offered up to $300 million.", "up to $300 million", 3e8, None, "up to"),
        ("At least 40 were hurt.", "At least 40", 40, None, "at least"),
        ("They found an estimated $10 trillion.", "an estimated $10 trillion", 1e13, None, "about"),
        ("Dozens of civilians fled.", "Dozens", 24, None, "at least"),
        ("Tens of thousands of people marched.", "Tens of thousands", 20_000, None, "at least"),
        ("Millions of dollars vanished.", "Millions of dollars", 2e6, None, "at least"),
    ],
)
def test_ranges_and_hedges(text: str, written: str, value: float, high: float | None, hedge: str | None) -> None:
    reading = read_amounts(text)[0]
    assert (reading.text, reading.value, reading.high, reading.hedge) == (written, value, high, hedge)
    assert text[reading.start : reading.end] == written


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Prices rose from 5% to 7%.", ["5%", "7%"]),  # a change, not a range
        ("Prices rose 5% to 7%.", ["5%", "7%"]),
        ("It rose from $3 billion to $5 billion.", ["$3 billion", "$5 billion"]),
        ("He scored 5 and 6.", ["5", "6"]),  # "and" makes a range only after "between"
    ],
)
def test_changes_are_two_amounts(text: str, read: list[str]) -> None:
    assert [r.text for r in read_amounts(text)] == read


@pytest.mark.parametrize(
    "text",
    [
        "Call 555-123-4567 or +44 20 7946 0958 for details.",
        "The 25-year-old arrived.",
        "Inflation in the 1990s was high.",
        "He finished 21st.",
        "The meeting starts at 10:30.",
        "It was signed on 16/05/2024.",
        "They won 3-1.",
        "The 2023-24 budget passed.",
        "Ukraine's F-16 jets and the G20 summit.",
        "Version 3.2.1 shipped.",
        "Flight 0143 landed.",
        "The 10m wall fell.",  # a glued "m" is a scale only beside a currency
        "Someone often gave tender offers.",
    ],
)
def test_not_amounts_in_text(text: str) -> None:
    assert read_amounts(text) == []


def test_ambiguous_currency_words() -> None:
    assert parse_amount("He weighs 236 pounds.") == (236, None)  # a count of pounds, not money
    assert parse_amount("They paid 3 million pounds.") == (3_000_000, "GBP")
    assert read_amounts("5 million pounds of explosives") == []  # a weight, not sterling
    assert parse_amount("Samsung won 3 awards.")[1] is None


def test_user_lexicon_is_layered(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("currency_words:\n  bolivar: VES\nhedges:\n  a whopping: null\n", encoding="utf-8")
    lexicon = load_lexicon([str(extra)])
    assert parse_amount("It cost 5 million bolivars.", lexicon) == (5_000_000, "VES")
    assert parse_amount("It cost $5 million.", lexicon) == (5_000_000, "USD")  # the shipped entries stay
    assert parse_amount("It cost 5 million bolivars.") == (5_000_000, None)
    assert Scanner(lexicon).scan("a whopping $3 billion")[0].text == "a whopping $3 billion"


def test_bad_lexicon_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("currency_words: [unclosed\n", encoding="utf-8")
    with pytest.raises(SetupError) as err:
        load_lexicon([str(broken)])
    assert err.value.code is ErrorCode.DATA_FILE
    with pytest.raises(SetupError) as err:
        load_lexicon([str(tmp_path / "missing.yaml")])
    assert err.value.code is ErrorCode.DATA_FILE


# With the parse: (sentence, amount text, value, unit, object, date)
FOUND = [
    # money: signs, ISO codes, currency words, glued scales
    ("Bilateral trade reached $240 billion in 2023, the ministry said.", "$240 billion", 240e9, "USD", "trade",
     "2023"),
    ("The fund will receive USD 5 million from the development bank.", "USD 5 million", 5e6, "USD", None, None),
    ("Gas exports were worth 240 billion dollars last year.", "240 billion dollars", 240e9, "USD", "gas exports",
     "2023"),
    ("The central bank holds 3 trillion yuan in reserves.", "3 trillion yuan", 3e12, "CNY", "reserves", None),
    ("The fine was set at 50 million roubles.", "50 million roubles", 5e7, "RUB", "fine", None),
    ("The bloc approved 45 million euros in aid on Tuesday.", "45 million euros", 45e6, "EUR", "aid",
     "2024-05-14"),
    ("The group spent $240bn on imports.", "$240bn", 240e9, "USD", "imports", None),
    ("Donors pledged $5m for reconstruction.", "$5m", 5e6, "USD", "reconstruction", None),
    ("Lending rose to €3.2tn in March.", "€3.2tn", 3.2e12, "EUR", "lending", "2024-03"),
    ("Canada sent a $40 million aid package.", "$40 million", 40e6, "USD", "aid package", None),
    ("Nearly $1 billion in loans was repaid.", "Nearly $1 billion", 1e9, "USD", "loans", None),
    ("Washington offered up to $300 million in military aid.", "up to $300 million", 3e8, "USD", "aid", None),
    ("The deal is worth more than $2 billion.", "more than $2 billion", 2e9, "USD", "deal", None),
    ("Trade fell by about $3 billion.", "about $3 billion", 3e9, "USD", "trade", None),
    ("The programme will cost $5-10 billion.", "$5-10 billion", 5e9, "USD", "programme", None),
    ("The plan would cost between 5 and 10 billion dollars.", "between 5 and 10 billion dollars", 5e9, "USD",
     "plan", None),
    ("Their bilateral trade, totaling $12 billion last year, keeps growing.", "$12 billion", 12e9, "USD", "trade",
     "2023"),
    ("Moscow spent ₽1.5 trillion on defence.", "₽1.5 trillion", 1.5e12, "RUB", "defence", None),
    ("China and Russia's trade hit a record $240 billion in 2023.", "$240 billion", 240e9, "USD", "trade", "2023"),
    ("Aid reached a total of $5 billion last year.", "$5 billion", 5e9, "USD", "aid", "2023"),
    ("The IMF approved a $15.6 billion loan to Ukraine in March 2023.", "$15.6 billion", 15.6e9, "USD", "loan",
     "2023-03"),
    # percentages
    ("Inflation rose 12% in April.", "12%", 12, "percent", "inflation", "2024-04"),
    ("Unemployment fell to 12 percent last month.", "12 percent", 12, "percent", "unemployment", "2024-04"),
    ("Support for the party dropped 3 per cent.", "3 per cent", 3, "percent", "support", None),
    ("A 25% tariff on steel took effect.", "25%", 25, "percent", "tariff", None),
    ("A 5% rise in exports was recorded in 2023.", "5%", 5, "percent", "exports", "2023"),
    ("Russia's GDP grew 3.6% in 2023, the statistics office said on Monday.", "3.6%", 3.6, "percent", "gdp",
     "2023"),
    # counts of people and things
    ("Five people were killed in the blast.", "Five", 5, "people", "people killed", None),
    ("Five people killed as storm hits coast.", "Five", 5, "people", "people killed", None),
    ("At least 40 wounded were taken to hospital.", "At least 40", 40, "people", "people wounded", None),
    ("Moscow deployed 10,000 troops to the border.", "10,000", 10_000, "troop", "troops", None),
    ("Dozens of civilians fled the town.", "Dozens", 24, "civilian", "civilians", None),
    ("The navy sent two aircraft carriers to the region.", "two", 2, "aircraft carrier", "aircraft carriers",
     None),
    ("Hundreds of drones struck the city overnight.", "Hundreds", 200, "drone", "drones", None),
    ("Rebels killed at least 15 soldiers last week.", "at least 15", 15, "soldier", "soldiers killed",
     "2024-W19"),
    ("Twelve died in the attack on Monday.", "Twelve", 12, "people", "people killed", "2024-05-13"),
    ("Police arrested 20 protesters on Friday.", "20", 20, "protester", "protesters arrested", "2024-05-10"),
    ("At least 12 people were reported dead after the attack.", "At least 12", 12, "people", "people killed",
     None),
    ("The militants handed over 40 prisoners.", "40", 40, "prisoner", "prisoners", None),  # "over" is a particle
    ("The attack left 12 people dead.", "12", 12, "people", "people killed", None),
    ("One soldier was killed and two others were wounded.", "One", 1, "soldier", "soldier killed", None),
    ("One soldier was killed and two others were wounded.", "two", 2, "people", "people wounded", None),
    ("The government said 1.2 million people had been displaced.", "1.2 million", 1.2e6, "people",
     "people displaced", None),
    ("The strike killed 7 aid workers on April 1.", "7", 7, "aid worker", "aid workers killed", "2024-04-01"),
]


@pytest.mark.parametrize(("sentence", "text", "value", "unit", "measured", "date"), FOUND)
def test_amounts_in_sentences(analyze, sentence: str, text: str, value: float, unit: str, measured: str | None,
                              date: str | None) -> None:
    record = analyze(sentence)
    found = [a for a in record["amounts"] if a["text"] == text]
    assert found, record["amounts"]
    amount = found[0]
    assert (amount["value"], amount["unit"], amount["object"], amount["date"]) == (value, unit, measured, date)
    assert amount["year"] == (date[:4] if date else None)


def test_relative_year_from_publication_date(analyze) -> None:
    record = analyze("Canada pledged $40 million in humanitarian aid to Sudan last year.", "2024-06-08")
    [money] = [a for a in record["amounts"] if a["unit"] == "USD"]
    assert (money["value"], money["object"], money["date"], money["year"]) == (40_000_000, "aid", "2023", "2023")
    undated = analyze("Canada pledged $40 million in humanitarian aid to Sudan last year.", None)
    assert undated["amounts"][0]["date"] is None  # without a publication date "last year" stays unresolved


def test_record_fields(analyze) -> None:
    record = analyze("Officials said the war will cost between $5 billion and $10 billion in 2025.")
    assert validate_record(record) == []
    [amount] = record["amounts"]
    assert amount["kind"] == "money" and amount["value"] == 5e9 and amount["high"] == 1e10
    assert amount["hedge"] is None and amount["year"] == "2025"
    record = analyze("More than 40 soldiers and 12% of the crew were lost.")
    kinds = {a["text"]: (a["kind"], a["hedge"]) for a in record["amounts"]}
    assert kinds == {"More than 40": ("count", "more than"), "12%": ("percent", None)}


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks were held in 2023.",
        "The summit opened on May 16.",
        "He finished first in the second round.",
        "Call 555-123-4567 for details.",
        "He was one of the leaders of the group.",
        "The two leaders met for three hours.",
        "No one was hurt in the incident.",
        "Five days later, the army withdrew.",
        "The 25-year-old soldier was detained.",
        "Ukraine's F-16 jets arrived on Monday.",
        "The court ruled 5-4 in favour of the state.",
        "A Boeing 737 landed at 3 p.m.",
    ],
)
def test_not_amounts(analyze, sentence: str) -> None:
    assert analyze(sentence)["amounts"] == []


def test_weight_is_no_money(analyze) -> None:
    record = analyze("The bomb weighed 500 pounds.")
    assert [a["unit"] for a in record["amounts"]] in ([], ["pound"])


def test_a_misspelt_lexicon_section_names_file_and_line(tmp_path) -> None:
    from newsgraph.errors import SetupError

    path = tmp_path / "mine.yaml"
    path.write_text("currency_words:\n  bolivar: VES\nhedge:\n  about: about\n", encoding="utf-8")
    with pytest.raises(SetupError, match=r"E012.*mine\.yaml, line 3: unknown section 'hedge'"):
        load_lexicon([str(path)])
