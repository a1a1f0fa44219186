"""Time expressions: one table of forms for ``normalize`` (pure, no model) and pipeline tests for spans and tense."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.nlp.times import When, normalize, normalize_in

THURSDAY = dt.date(2024, 5, 16)  # the publication date of every case below


@pytest.mark.parametrize(
    ("text", "tense", "value", "kind"),
    [
        # absolute dates
        ("16 May 2024", None, "2024-05-16", "DATE"),
        ("May 16, 2024", None, "2024-05-16", "DATE"),
        ("February 2022", None, "2022-02", "DATE"),
        ("1998", None, "1998", "DATE"),
        ("since 2022", None, "2022", "DATE"),
        ("mid-2023", None, "2023", "DATE"),
        ("fiscal 2022", None, "2022", "DATE"),
        ("nineteen ninety-six", None, "1996", "DATE"),
        ("Monday, May 13", None, "2024-05-13", "DATE"),
        ("5/13/2024", None, "2024-05-13", "DATE"),
        ("13/05/2024", None, "2024-05-13", "DATE"),  # day first when it cannot be a month
        ("FY2023", None, "2023", "DATE"),
        ("H1 2023", None, "2023-H1", "DATE"),
        # decades and centuries
        ("the 1990s", None, "199", "DATE"),
        ("the early 1990s", None, "199", "DATE"),
        ("the '80s", None, "198", "DATE"),
        ("the nineties", None, "199", "DATE"),
        ("the 19th century", None, "18", "DATE"),
        # quarters, halves, seasons
        ("the first quarter", None, "2024-Q1", "DATE"),
        ("third-quarter", None, "2023-Q3", "DATE"),
        ("the third quarter of 2023", None, "2023-Q3", "DATE"),
        ("the fiscal fourth quarter", "future", "2024-Q4", "DATE"),
        ("the quarter", None, "2024-Q1", "DATE"),
        ("the first half of 2023", None, "2023-H1", "DATE"),
        ("this summer", None, "2024-SU", "DATE"),
        ("last fall", None, "2023-FA", "DATE"),
        ("spring 2021", None, "2021-SP", "DATE"),
        # a calendar unit named with "the": a DATE, as TimeML reads it
        ("the past year", None, "2023", "DATE"),
        ("the last week", None, "2024-W19", "DATE"),
        ("the past month", None, "2024-04", "DATE"),
        ("the last decade", None, "201", "DATE"),
        ("the end of the year", "future", "2024", "DATE"),
        ("by the end of the month", "future", "2024-05", "DATE"),
        ("earlier in the year", "past", "2024", "DATE"),
        ("the full year", None, "2024", "DATE"),
        ("the latest fiscal year", None, "2023", "DATE"),
        ("year-end", "future", "2024-12-31", "DATE"),
        ("since year-end", "past", "2023-12-31", "DATE"),
        ("the year's end", "future", "2024-12-31", "DATE"),
        # dates read aloud, and "this past"/"this coming"
        ("May twentieth", None, "2024-05-20", "DATE"),
        ("the first of June", None, "2024-06-01", "DATE"),
        ("this coming Sunday", None, "2024-05-19", "DATE"),
        ("this past Monday", None, "2024-05-13", "DATE"),
        ("this past winter", None, "2023-WI", "DATE"),
        ("the last half of 2023", None, "2023-H2", "DATE"),
        # an ordinal day or week of some event: a date the text does not fix
        ("the second day", None, "XXXX-XX-XX", "DATE"),
        ("the third week", None, "XXXX-WXX", "DATE"),
        # present, past and future references
        ("now", None, "PRESENT_REF", "DATE"),
        ("the near future", None, "FUTURE_REF", "DATE"),
        ("the near term", None, "FUTURE_REF", "DATE"),
        ("future quarters", None, "FUTURE_REF", "DATE"),
        ("the coming quarters", None, "FUTURE_REF", "DATE"),
        ("currently", None, "PRESENT_REF", "DATE"),
        ("recently", None, "PAST_REF", "DATE"),
        ("recent years", None, "PAST_REF", "DATE"),
        ("the future", None, "FUTURE_REF", "DATE"),
        ("several years ago", None, "PAST_REF", "DATE"),
        # relative to the publication date
        ("today", None, "2024-05-16", "DATE"),
        ("yesterday", None, "2024-05-15", "DATE"),
        ("last week", None, "2024-W19", "DATE"),
        ("this week", None, "2024-W20", "DATE"),
        ("next week", None, "2024-W21", "DATE"),
        ("last month", None, "2024-04", "DATE"),
        ("last year", None, "2023", "DATE"),
        ("earlier this year", None, "2024", "DATE"),
        ("later this month", None, "2024-05", "DATE"),
        ("three days ago", None, "2024-05-13", "DATE"),
        ("two weeks ago", None, "2024-W18", "DATE"),
        ("two years ago", None, "2022", "DATE"),
        ("a decade ago", None, "2014", "DATE"),
        ("the weekend", "past", "2024-W19-WE", "DATE"),
        ("Christmas", "past", "2023-12-25", "DATE"),
        # weekdays by tense: past -> on or before the publication date, future -> on or after
        ("Thursday", None, "2024-05-16", "DATE"),
        ("on Tuesday", "past", "2024-05-14", "DATE"),
        ("Tuesday", None, "2024-05-14", "DATE"),
        ("Tuesday", "future", "2024-05-21", "DATE"),
        ("Friday", "future", "2024-05-17", "DATE"),
        ("next Monday", None, "2024-05-20", "DATE"),
        ("last Thursday", None, "2024-05-09", "DATE"),
        # months and days without a year: the nearest plausible one for the tense
        ("in March", None, "2024-03", "DATE"),
        ("March", "future", "2025-03", "DATE"),
        ("July", "past", "2023-07", "DATE"),
        ("July", "future", "2024-07", "DATE"),
        ("December", None, "2023-12", "DATE"),
        ("March 3", None, "2024-03-03", "DATE"),
        ("Dec. 25", "past", "2023-12-25", "DATE"),
        ("June 1", "past", "2024-06-01", "DATE"),  # "payable June 1": a near date beats the tense
        ("Nov. 30", "future", "2024-11-30", "DATE"),
        # times of day
        ("10:30 a.m.", None, "2024-05-16T10:30", "TIME"),
        ("3 p.m. Monday", "past", "2024-05-13T15:00", "TIME"),
        ("noon", None, "2024-05-16T12:00", "TIME"),
        ("this morning", None, "2024-05-16TMO", "TIME"),
        ("Tuesday morning", "past", "2024-05-14TMO", "TIME"),
        ("last night", None, "2024-05-15TNI", "TIME"),
        # durations
        ("three years", None, "P3Y", "DURATION"),
        ("two weeks", None, "P2W", "DURATION"),
        ("five hours", None, "PT5H", "DURATION"),
        ("16-hour", None, "PT16H", "DURATION"),
        ("the past three years", None, "P3Y", "DURATION"),
        ("the last three years", None, "P3Y", "DURATION"),
        ("the first nine months", None, "P9M", "DURATION"),
        ("a couple of years", None, "P2Y", "DURATION"),
        ("2 1/2 years", None, "P2Y6M", "DURATION"),
        ("two decades", None, "P20Y", "DURATION"),
        ("months", None, "PXM", "DURATION"),
        ("the next few years", None, "PXY", "DURATION"),
        ("hundreds of years", None, "PXY", "DURATION"),
        ("two to three weeks", None, "PXW", "DURATION"),
        ("more than two thousand years", None, "P2000Y", "DURATION"),
        ("at least 30 days", None, "P30D", "DURATION"),
        # sets
        ("every week", None, "P1W", "SET"),
        ("each month", None, "P1M", "SET"),
        ("daily", None, "P1D", "SET"),
        ("twice a year", None, "P1Y", "SET"),
        ("every Monday", None, "XXXX-WXX-1", "SET"),
    ],
)
def test_forms(text: str, tense: str | None, value: str, kind: str) -> None:
    assert normalize(text, THURSDAY, tense=tense) == (value, kind)


def test_no_anchor_leaves_relative_dates_underspecified() -> None:
    """Without a publication date a relative date keeps what its words fix and writes X for the rest (TIMEX3's
    underspecified values), rather than being guessed from today or left without a value."""
    cases = {"last month": "XXXX-XX", "Thursday": "XXXX-WXX-4", "the first quarter": "XXXX-Q1",
             "this summer": "XXXX-SU", "three days ago": "XXXX-XX-XX", "March 3": "XXXX-03-03", "in March": "XXXX-03",
             "next week": "XXXX-WXX", "yesterday": "XXXX-XX-XX", "Christmas": "XXXX-12-25"}
    for text, value in cases.items():
        assert normalize(text, None) == (value, "DATE"), text
    assert normalize("March 2021", None)[0] == "2021-03"
    assert normalize("five years", None) == ("P5Y", "DURATION")


def test_offsets_from_a_local_anchor() -> None:
    anchor = dt.date(2022, 2, 15)
    assert normalize("a day after", THURSDAY, THURSDAY)[0] == "2024-05-15"
    assert normalize("days before", THURSDAY, anchor)[0] == "2022-02"


def test_comparisons_follow_the_quarter_being_reported() -> None:
    """In earnings news "a year earlier" and "the year-ago quarter" name the quarter a year before the one
    being reported; "last year" does too when that quarter is named in the same sentence."""
    reported = When(THURSDAY, reference="2024-Q1", nearby=True)
    assert normalize_in("a year earlier", reported)[0] == "2023-Q1"
    assert normalize_in("the year-ago quarter", reported)[0] == "2023-Q1"
    assert normalize_in("last year", reported)[0] == "2023-Q1"
    assert normalize_in("last year", When(THURSDAY, reference="2024-Q1"))[0] == "2023"
    assert normalize_in("a year earlier", When(THURSDAY))[0] == "2023"


def test_anaphora_use_the_last_named_day() -> None:
    when = When(THURSDAY, reference="2024-03-02", reference_day="2024-03-02")  # a Saturday
    assert normalize_in("that day", when)[0] == "2024-03-02"
    assert normalize_in("the next day", when)[0] == "2024-03-03"
    assert normalize_in("the previous Friday", when)[0] == "2024-03-01"
    assert normalize_in("the following Monday", when)[0] == "2024-03-04"
    assert normalize_in("that quarter", When(THURSDAY, reference="2023-Q3"))[0] == "2023-Q3"
    # "In March ... the following month": from the last named date when it is as fine as the unit
    assert normalize_in("the following month", When(THURSDAY, reference="2023-03"))[0] == "2023-04"
    assert normalize_in("the previous year", When(THURSDAY, reference="2020"))[0] == "2019"
    assert normalize_in("the following week", When(THURSDAY, reference="2020"))[0] == "2024-W21"


def test_a_period_closed_by_a_day() -> None:
    """"The quarter ended July 31" is the quarter holding most of May to July; a quarter named by its ordinal is
    a fiscal one, of the year it ends in; "the year ended June 30" is twelve months, a DURATION."""
    assert normalize_in("the quarter", When(THURSDAY, ends="2023-09-30"))[0] == "2023-Q3"
    assert normalize_in("the quarter", When(THURSDAY, ends="2023-07-31"))[0] == "2023-Q2"
    assert normalize_in("the fourth quarter", When(THURSDAY, ends="2023-09-30"))[0] == "2023-Q4"
    assert normalize_in("the year", When(THURSDAY, ends="2023-06-30")) == ("P1Y", "DURATION")
    assert normalize_in("the year", When(THURSDAY)) == ("2024", "DATE")


def _times(record: dict) -> dict[str, tuple[str | None, str]]:
    return {t["text"]: (t["value"], t["type"]) for t in record["times"]}


def test_pipeline_finds_relative_phrases(analyze) -> None:
    rec = analyze("The envoy arrived on Tuesday, two days after the talks collapsed in Geneva.", "2024-05-16")
    values = {t["text"]: t["value"] for t in rec["times"]}
    assert values.get("Tuesday") == "2024-05-14"
    # "X after <clause>" dates the clause it introduces: the talks collapsed two days before Tuesday
    assert values.get("two days after") == "2024-05-12"


def test_tense_of_the_governing_verb(analyze) -> None:
    rec = analyze("The minister said on Tuesday that she will travel to Paris on Friday.", "2024-05-16")
    times = _times(rec)
    assert times["Tuesday"] == ("2024-05-14", "DATE")
    assert times["Friday"] == ("2024-05-17", "DATE")


def test_spans_follow_timeml(analyze) -> None:
    rec = analyze("Exports fell sharply over the past year, the ministry said. Prices rose between 2019 and 2021. "
                  "Smith, 44, who has lived here since 1998, spoke to reporters.", "2024-05-16")
    times = _times(rec)
    assert times.get("the past year") == ("2023", "DATE")  # the determiner is in, the preposition out
    assert times.get("2019") == ("2019", "DATE") and times.get("2021") == ("2021", "DATE")  # a range is two
    assert times.get("1998") == ("1998", "DATE")
    assert "44" not in times  # an age is no time


def test_pieces_of_one_expression_are_joined(analyze) -> None:
    rec = analyze("The ministers met on Monday, May 13, and again on Tuesday night.", "2024-05-16")
    times = _times(rec)
    assert times.get("Monday, May 13") == ("2024-05-13", "DATE")
    assert times.get("Tuesday night") == ("2024-05-14TNI", "TIME")


def test_references_the_model_misses(analyze) -> None:
    rec = analyze("The company now employs 300 people. It recently opened a plant and will hire more in the "
                  "future.", "2024-05-16")
    values = {t["text"]: t["value"] for t in rec["times"]}
    assert values.get("now") == "PRESENT_REF"
    assert values.get("recently") == "PAST_REF"
    assert values.get("the future") == "FUTURE_REF"


def test_without_a_publication_date_relative_values_stay_underspecified(analyze) -> None:
    rec = analyze("The envoy arrived on Tuesday and leaves in March 2025.", None)
    values = {t["text"]: t["value"] for t in rec["times"]}
    assert values.get("Tuesday") == "XXXX-WXX-2"
    assert values.get("March 2025") == "2025-03"


# -- the lexicon file --------------------------------------------------------------------------------------------

def test_shipped_lexicon_reads() -> None:
    from newsgraph.nlp.times.calendar import holiday_in
    from newsgraph.nlp.times.lexicon import LEX

    assert LEX.months["sept"] == 9 and LEX.weekdays["monday"] == 0 and LEX.season_starts["FA"] == 9
    assert "on" in LEX.lead_words  # a YAML 1.1 boolean unless quoted: the loader insists on words
    assert holiday_in(LEX.holidays["thanksgiving"], 2024) == dt.date(2024, 11, 28)
    assert holiday_in(LEX.holidays["memorial day"], 2024) == dt.date(2024, 5, 27)
    assert holiday_in(LEX.holidays["election day"], 2024) == dt.date(2024, 11, 5)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("months:\n  may: 5\nmonhts:\n  june: 6\n", "line 3: unknown section 'monhts'"),
        ("holidays:\n  flag day: {month: 6, day: 14, year: 1777}\n", "line 2: holiday 'flag day': unknown field"),
        ("holidays:\n  flag day: {month: 6}\n", "line 2: holiday 'flag day': give `month` and either"),
        ("holidays:\n  x: {month: 6, weekday: funday, nth: 1}\n", "weekday 'funday' is not one of"),
        ("months:\n  may: five\n", "line 2: months 'may': expected a whole number"),
        ("lead_words:\n  - on\n", "line 2: lead_words: expected a word"),
        ("future_verbs: plan\n", "line 1: future_verbs: expected a list of words"),
        ("- months\n", "expected a mapping of sections"),
    ],
)
def test_lexicon_errors_name_file_and_line(tmp_path, text: str, message: str) -> None:
    from newsgraph.errors import SetupError
    from newsgraph.nlp.times.lexicon import load_lexicon

    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SetupError) as info:
        load_lexicon(path)
    assert info.value.code.value == "E012" and str(path) in str(info.value) and message in str(info.value)


def test_rejections_are_logged_with_a_reason(analyze, caplog) -> None:
    import logging

    with caplog.at_level(logging.DEBUG, logger="newsgraph.nlp.times.recognize"):
        analyze("Smith, 44, who has run the firm for a decade, sold 300 shares.", "2024-05-16")
    assert any("rejected times:number" in r.getMessage() for r in caplog.records)


def _span(text: str):
    import spacy

    doc = spacy.blank("en")(text)
    return doc[:]


def test_a_span_is_narrowed_to_the_words_that_date_it() -> None:
    from newsgraph.nlp.times.component import _resolve

    when = When(THURSDAY)
    for text, tail, value in [("the coup last year", "last year", "2023"),
                              ("an interview several months", "several months", "PXM")]:
        span, found, _ = _resolve(_span(text), when) or (None, None, None)
        assert (span.text if span is not None else None, found) == (tail, value), text
    assert _resolve(_span("the eighth day"), when)[1] == "XXXX-XX-XX"  # never a lone "day" out of it
    assert _resolve(_span("the annual general meeting"), when) is None


def test_hedges_stay_outside_the_span() -> None:
    from newsgraph.nlp.times.recognize import _shape

    for text, shaped in [("as early as next year's first quarter", "next year's first quarter"),
                         ("at least 30 days", "30 days"), ("no later than March", "March"),
                         ("more than two years", "two years"), ("early next year", "early next year")]:
        found = _shape(_span(text))
        assert found is not None and found.text == shaped, text


def test_a_period_of_a_date_is_two_expressions() -> None:
    from newsgraph.nlp.times.recognize import _split

    assert [s.text for s in _split(_span("the first nine months of 2023"))] == ["the first nine months", "2023"]
    assert [s.text for s in _split(_span("the first half of 2023"))] == ["the first half of 2023"]
    assert [s.text for s in _split(_span("the third quarter of 2023"))] == ["the third quarter of 2023"]


def test_fiscal_periods_closed_by_a_day(analyze) -> None:
    rec = analyze("The company earned $5 million in the quarter ended Sept. 30, compared with $7 million a year "
                  "earlier. It earned $20 million in the year ended June 30.", "2024-10-20")
    times = _times(rec)
    assert times.get("the quarter") == ("2024-Q3", "DATE")
    assert times.get("Sept. 30") == ("2024-09-30", "DATE")
    assert times.get("the year") == ("P1Y", "DURATION")


def test_now_and_current(analyze) -> None:
    """"now" in "from now until ..." is the present; the adjective "current" is no time expression."""
    rec = analyze("The current system will stay in place from now until the election.", "2024-05-16")
    times = _times(rec)
    assert times.get("now") == ("PRESENT_REF", "DATE")
    assert "current" not in times
    assert _times(analyze("Prices will be reviewed three years from now.", "2024-05-16")).get(
        "three years from now") == ("2027", "DATE")


def test_no_date_without_a_value(analyze) -> None:
    rec = analyze("The talks ran into their second day on Tuesday. The deal was signed last year.", "2024-05-16")
    assert all(t["value"] for t in rec["times"] if t["type"] == "DATE")


@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        # an infinitive under a verb that looks ahead lies ahead only when that verb speaks of now
        ("The two firms agreed to buy the plant in March.", "2024-05-16", "March", "2024-03"),
        ("The ceasefire is expected to last until March.", "2024-05-16", "March", "2025-03"),
        ("The ceasefire, which was expected to last until March, collapsed.", "2024-05-16", "March", "2024-03"),
        ("The union plans to strike on Friday.", "2024-05-16", "Friday", "2024-05-17"),
        # a participle without an auxiliary takes the time of the clause it hangs on
        ("The stock has fluctuated sharply, rising to a high in June from a low in March.", "2024-11-20", "March",
         "2024-03"),
        # a clause of time follows the time of its head clause
        ("Investors were likely to buy the shares as soon as trading opened Monday.", "2024-05-16", "Monday",
         "2024-05-20"),
        # what a past report is about may lie ahead when the date modifies a noun
        ("The minister warned farmers of a sharp cut in water deliveries in June.", "2024-05-16", "June", "2024-06"),
        ("The ministry cut supplies in June.", "2024-05-16", "June", "2023-06"),
    ],
)
def test_tense_placement(analyze, text: str, published: str, expression: str, value: str) -> None:
    assert _times(analyze(text, published)).get(expression, (None,))[0] == value


def test_the_reported_quarter_is_not_a_forecast() -> None:
    """Comparisons ("the year-ago quarter") count from the quarter being reported: the last one named that is
    not still ahead of the publication date (a forecast), else the latest to have ended."""
    assert normalize_in("the year-ago quarter", When(THURSDAY, reference="2025-Q1"))[0] == "2023-Q1"
    assert normalize_in("the year-ago quarter", When(THURSDAY, reference="2024-Q2"))[0] == "2023-Q2"
    assert normalize_in("last year's quarter", When(THURSDAY, reference="2024-Q1"))[0] == "2023-Q1"


def test_ages_are_no_times(analyze) -> None:
    rec = analyze("A 6-year-old boy and his father, aged 70, were rescued; the 40-year-old treaty still holds.",
                  "2024-05-16")
    assert not [t for t in rec["times"] if t["type"] == "DATE"]
