"""Quotations: mark pairing (pure) and attribution through the real pipeline."""

from __future__ import annotations

from newsgraph.nlp.quotes import marked_spans


def _contents(text: str) -> list[str]:
    return [text[m.start : m.end] for m in marked_spans(text, 0, len(text))]


def test_curly_straight_and_double_apostrophe_marks() -> None:
    assert _contents("He said “we will go” and left.") == ["we will go"]
    assert _contents('He said "we will go" and left.') == ["we will go"]
    assert _contents("He said ''we will go'' and left.") == ["we will go"]


def test_unclosed_mark_runs_to_the_end_of_the_paragraph() -> None:
    marks = marked_spans("“We will not stop here", 0, 22)
    assert len(marks) == 1 and not marks[0].closed


def test_apostrophes_are_not_quote_marks() -> None:
    assert _contents("Russia’s war and the country's economy") == []


def _texts(rec: dict) -> list[tuple[str, str, str | None, str | None]]:
    text = rec["text"]
    out = []
    for q in rec["quotes"]:
        content = " … ".join(text[a:b] for a, b in q["content"])
        speaker = q["speaker"]["text"] if q["speaker"] else None
        addressee = q["addressee"]["text"] if q["addressee"] else None
        out.append((q["kind"], content, speaker, addressee))
    return out


def test_direct_quote_with_cue_and_addressee(analyze) -> None:
    rec = analyze("“Our two nations will build the bridge together,” Modi told Kishida in Tokyo.")
    kinds = _texts(rec)
    assert ("direct", "Our two nations will build the bridge together,", "Modi", "Kishida") in kinds


def test_inverted_cue_and_apposition(analyze) -> None:
    text = ("“The sanctions will not change the course of the war,” said Maria Lind, a researcher at "
            "Sweden’s Uppsala University.")
    rec = analyze(text)
    quote = rec["quotes"][0]
    assert quote["speaker"]["text"] == "Maria Lind"
    assert quote["speaker_description"].startswith("a researcher")
    actor = rec["actors"][quote["speaker"]["actor"]]
    assert actor["country"] == "SWE" and actor["sector"] == "EDU"


def test_split_quote_is_one_quote(analyze) -> None:
    text = "“We are ready to talk,” she said. “But we will not be pushed around by anyone.”"
    rec = analyze(text)
    direct = [q for q in rec["quotes"] if q["kind"] == "direct"]
    assert len(direct) == 1
    assert len(direct[0]["content"]) == 2


def test_paragraph_of_only_a_quote_carries_the_speaker(analyze) -> None:
    text = ("“The talks went well and we expect progress,” the Kenyan president William Ruto said.\n"
            "“Our teams will meet again next month in Addis Ababa to finish the work.”")
    rec = analyze(text)
    second = [q for q in rec["quotes"] if "finish the work" in rec["text"][q["content"][0][0] : q["content"][0][1]]]
    assert second and second[0]["speaker"] is not None
    assert second[0]["how"] == "carry-over:previous-paragraph"


def test_indirect_and_mixed(analyze) -> None:
    rec = analyze("Brazil’s foreign minister said the plan was “a fair basis for talks” between the two sides. "
                  "Venezuela claims to support a negotiated settlement.")
    kinds = {(k, s) for k, _, s, _ in _texts(rec)}
    assert ("mixed", "Brazil’s foreign minister") in kinds or ("mixed", "foreign minister") in kinds
    assert ("indirect", "Venezuela") in kinds


def test_pronoun_speaker_resolves(analyze) -> None:
    rec = analyze("Antony Blinken flew to Beijing on Friday. He said Washington would keep its pressure on "
                  "the firms that supply Moscow.", "2024-04-27")
    quote = next(q for q in rec["quotes"] if q["speaker"] and q["speaker"]["text"] == "He")
    assert quote["kind"] == "indirect"
    assert quote["speaker"]["actor"] == "USA.GOV.antony_blinken"


def test_scare_quotes_are_not_quotations(analyze) -> None:
    rec = analyze("The two leaders praised their “no-limits” partnership on Thursday.")
    assert not [q for q in rec["quotes"] if q["kind"] == "direct"]


def test_according_to(analyze) -> None:
    rec = analyze("Exports fell by a third last year, according to the central bank.")
    quote = next(q for q in rec["quotes"] if q["how"] == "reported:according-to")
    assert quote["speaker"]["text"] == "the central bank"
    assert rec["text"][quote["content"][0][0] : quote["content"][0][1]].startswith("Exports fell by a third")


def test_object_of_an_attitude_verb_is_the_content(analyze) -> None:
    rec = analyze("The senator criticized the trade deal with Mexico. The minister called for an immediate "
                  "ceasefire in the north.")
    contents = {rec["text"][q["content"][0][0] : q["content"][0][1]]: q["speaker"]["text"] for q in rec["quotes"]}
    assert contents.get("the trade deal with Mexico") == "The senator"
    assert contents.get("an immediate ceasefire in the north") == "The minister"


def test_parenthetical_cue_splits_the_content(analyze) -> None:
    text = "The new plant, the governor said, will employ two thousand people by next spring."
    rec = analyze(text)
    quote = next(q for q in rec["quotes"] if q["speaker"] and q["speaker"]["text"] == "the governor")
    pieces = [text[a:b] for a, b in quote["content"]]
    assert pieces[0] == "The new plant"
    assert pieces[-1].startswith("will employ two thousand people")


def test_short_quote_with_a_cue_and_a_scare_quote_without(analyze) -> None:
    rec = analyze("“Not yet,” she said. Critics call it a “reset” of relations.")
    direct = [q for q in rec["quotes"] if q["kind"] == "direct"]
    assert len(direct) == 1 and rec["text"][direct[0]["content"][0][0] : direct[0]["content"][0][1]] == "Not yet,"


def test_signed_quote_and_transcript(analyze) -> None:
    text = ("“The water has been off for three days and nobody answers the phone.” ― Maria Gonzalez\n"
            "HOST: Do you think the council will act before the winter?")
    rec = analyze(text)
    speakers = {q["speaker"]["text"] for q in rec["quotes"] if q["speaker"]}
    assert {"Gonzalez", "HOST"} <= {s.split()[-1] for s in speakers}


def test_colon_introduces_the_content(analyze) -> None:
    rec = analyze("The statement was blunt: the talks had failed and the truce was over.")
    quote = next(q for q in rec["quotes"] if q["how"] == "reported:colon")
    assert quote["speaker"]["text"] == "The statement"
    assert rec["text"][quote["content"][0][0] : quote["content"][0][1]] == "the talks had failed and the truce was over"


def test_possessive_nominal_cue(analyze) -> None:
    rec = analyze("Moscow’s contention that the drills were purely defensive was widely doubted.")
    quote = next(q for q in rec["quotes"] if q["how"] == "reported:contention:that")
    assert quote["speaker"]["actor"] == "RUS.GOV"
    assert rec["text"][quote["content"][0][0] : quote["content"][0][1]] == "the drills were purely defensive"


def test_repeating_a_claim_makes_it_the_repeater_s(analyze) -> None:
    rec = analyze("Beijing has repeated Moscow’s contention that the drills were purely defensive.")
    assert [q["speaker"]["text"] for q in rec["quotes"]] == ["Beijing"]


def test_quote_running_over_two_paragraphs(analyze) -> None:
    text = ("“We will rebuild every school that was destroyed,” the education minister said. “We owe it to the "
            "children of this region\n“and to their parents, who have waited far too long.”")
    rec = analyze(text)
    texts = [" ".join(rec["text"][a:b] for a, b in q["content"]) for q in rec["quotes"]]
    assert any("their parents" in t for t in texts)
    assert all(q["speaker"] is not None for q in rec["quotes"] if q["kind"] == "direct")


def test_unpaired_marks_lose_nothing(analyze) -> None:
    text = ("He called it “a historic day.\nThe ministry said the border would reopen on Monday. "
            "Officials said \"trade will resume.")
    rec = analyze(text, "2024-05-16")
    assert rec["text"] == text
    said = [q for q in rec["quotes"] if q["speaker"] and q["speaker"]["text"] == "The ministry"]
    assert said and "border would reopen" in rec["text"][said[0]["content"][0][0] : said[0]["content"][-1][1]]


def test_reported_event_keeps_its_speaker_and_modality(analyze) -> None:
    rec = analyze("Antony Blinken said Washington would impose sanctions on Chinese firms.", "2024-04-26")
    event = next(e for e in rec["events"] if e["trigger_text"] == "impose")
    assert event["reported_by"] == "USA.GOV.antony_blinken"
    assert event["modality"] == "intent"


def test_headline_speaker_and_paragraph_opened_with_a_closing_mark(analyze) -> None:
    text = ("Olaf Scholz: Europe Must Spend More on Its Own Defence\n"
            "”We cannot wait for others to protect us. That time is over,” ― Maria Gonzalez.")
    rec = analyze(text, "2024-02-21")
    speakers = {q["speaker"]["text"] for q in rec["quotes"] if q["speaker"]}
    assert "Olaf Scholz" in speakers
    assert any(s.endswith("Gonzalez") or s == "Maria" for s in speakers)


def test_dateline_dash_is_not_a_signature(analyze) -> None:
    text = ("NAIROBI — The finance minister unveiled a budget on Tuesday that cuts fuel subsidies.\n\n"
            "Amina Odhiambo — The budget punishes the poor.\n\n"
            "The opposition leader: 1,200.")
    quotes = analyze(text)["quotes"]
    assert [q["speaker"]["text"] for q in quotes] == ["Amina Odhiambo"]
    cue = quotes[0]["cue"]
    assert text[cue[0] : cue[1]] == "—"


def _quotes(rec: dict) -> list[tuple[str, str | None]]:
    text = rec["text"]
    return [(" … ".join(text[a:b] for a, b in q["content"]), q["speaker"]["text"] if q["speaker"] else None)
            for q in rec["quotes"]]


def test_quoted_fragment_and_its_unquoted_lead_are_one_content(analyze) -> None:
    rec = analyze("The senator said he had fought in the war “for the rights of every citizen, rich or poor.”")
    assert len(rec["quotes"]) == 1
    content, speaker = _quotes(rec)[0]
    assert content.startswith("he had fought in the war") and "rich or poor" in content
    assert speaker == "The senator" and rec["quotes"][0]["kind"] == "mixed"


def test_nested_attribution_credits_the_outer_speaker(analyze) -> None:
    rec = analyze("The senator said that most voters believe the new taxes will hurt farmers.")
    assert _quotes(rec) == [("most voters believe the new taxes will hurt farmers", "The senator")]


def test_a_cue_speaks_only_for_quotations_of_its_own_paragraph(analyze) -> None:
    text = ("The harbour master walked along the pier. “It will take years to rebuild the port.”\n\n"
            "The governor says the money for the harbour is there.")
    speakers = {content: speaker for content, speaker in _quotes(analyze(text))}
    assert speakers.get("It will take years to rebuild the port.") != "The governor"


def test_a_next_sentence_with_its_own_content_lends_no_cue(analyze) -> None:
    text = ("Her editor wrote to her that the piece was “not in line with our editorial policy.” "
            "The network said it would send her to the front for a better understanding.")
    for content, speaker in _quotes(analyze(text)):
        if "editorial policy" in content:
            assert speaker != "The network"


def test_a_paragraph_ending_in_a_colon_introduces_the_quotation(analyze) -> None:
    text = ("The ministry answered the charges on Monday. Its statement reads:\n\n"
            "“We will not negotiate with those who attack our soldiers, now or ever.”")
    quote = next(q for q in analyze(text)["quotes"] if "negotiate" in text[q["content"][0][0] : q["content"][0][1]])
    assert quote["speaker"]["text"] == "Its statement"
    assert text[quote["cue"][0] : quote["cue"][1]] == "reads"


def test_a_signature_dash_glued_to_the_closing_mark(analyze) -> None:
    text = "“They must stop portraying us as criminals, because we are not criminals.”― Carla Sanchez."
    quote = analyze(text)["quotes"][0]
    assert quote["speaker"] is not None and "Sanchez" in quote["speaker"]["text"]


def test_a_relative_pronoun_speaks_for_its_antecedent(analyze) -> None:
    rec = analyze("The budget was attacked by Senator Maria Lopez, who said the figures were wrong.")
    quote = next(q for q in rec["quotes"] if q["speaker"] and q["speaker"]["text"] == "who")
    lopez = next(m for m in rec["mentions"] if m["text"].endswith("Maria Lopez"))
    assert quote["speaker"]["actor"] is not None and quote["speaker"]["actor"] == lopez["actor"]


def test_a_cue_without_a_subject_speaks_for_the_clause_it_hangs_on(analyze) -> None:
    text = "The senator stopped short of calling the ruling a disgrace."
    quote = next(q for q in analyze(text)["quotes"] if "ruling" in text[q["content"][0][0] : q["content"][0][1]])
    assert quote["speaker"] is not None and quote["speaker"]["text"] == "The senator"


def test_a_speaker_stays_in_the_cue_paragraph(analyze) -> None:
    text = ("Updates on the campaign (all times EDT):\n\n7 p.m.\n\n"
            "Maria Lopez is once again questioning the fairness of the vote count.")
    quote = next(q for q in analyze(text)["quotes"] if "fairness" in text[q["content"][0][0] : q["content"][0][1]])
    assert quote["speaker"] is not None and quote["speaker"]["text"] == "Maria Lopez"


def test_a_short_tag_after_the_quotation_names_its_speaker(analyze) -> None:
    text = "“Will you pledge to keep the clinic open next year?” Lopez demanded."
    quote = analyze(text)["quotes"][0]
    assert quote["how"] == "cue:tag:demand" and quote["speaker"]["text"] == "Lopez"


def test_a_clause_leading_into_the_quotation_names_its_speaker(analyze) -> None:
    text = "The senator yelled, “We will not be silenced by anyone in this building!”"
    quote = analyze(text)["quotes"][0]
    assert quote["speaker"] is not None and quote["speaker"]["text"] == "The senator"


def test_a_subordinate_clause_after_a_quotation_is_no_tag(analyze) -> None:
    for text, name in [("The council met on Monday. “We can not keep paying for a bridge nobody uses,” while the "
                        "mayor slept at home.", "the mayor"),
                       ("Protesters chanted “No more cuts to our schools!” which echoed through the square.", "which")]:
        assert all(q["speaker"] is None or q["speaker"]["text"] != name for q in analyze(text)["quotes"])


def test_a_wire_timeline_lends_no_speaker_across_its_lines(analyze) -> None:
    text = ("The Latest: the mayor’s budget not from the council.\n\nSPRINGFIELD (AP) — The Latest on the race between "
            "Republican Maria Lopez and Democrat John Reed (all times EDT):\n\n2:45 p.m.\n\n"
            "The city’s budget director says an internal review shows no one from her office leaked the figures.")
    quotes = analyze(text)["quotes"]
    quote = next(q for q in quotes if "internal review" in text[q["content"][0][0] : q["content"][0][1]])
    assert quote["speaker"] is not None and quote["speaker"]["text"] == "The city’s budget director"


def test_a_quotation_before_a_cue_with_a_clause_of_its_own_leaves_that_clause_reported(analyze) -> None:
    text = ('In an interview on the program "Meet the Voters," Senator Maria Lopez said the new budget would close '
            "three hospitals in the county.")
    contents = [(text[q["content"][0][0] : q["content"][-1][1]], q["speaker"]) for q in analyze(text)["quotes"]]
    assert any("close three hospitals" in c and s is not None and s["text"].endswith("Maria Lopez")
               for c, s in contents)
