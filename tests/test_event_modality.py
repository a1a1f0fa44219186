"""Modality and embedding (issue 13, point 5) on sentences written for these tests."""

from __future__ import annotations

import pytest


def _event(rec: dict, trigger: str) -> dict:
    return next(e for e in rec["events"] if e["trigger_text"] == trigger)


@pytest.mark.parametrize(("text", "trigger"), [
    ("The United States wants Israel to withdraw from Gaza.", "withdraw"),
    ("France wants Iran to release the hostages.", "release"),
    ("China said Taiwan must withdraw its troops from the islands.", "withdraw"),
])
def test_wanting_someone_to_act_and_must_are_requests(analyze, text: str, trigger: str) -> None:
    assert _event(analyze(text), trigger)["modality"] == "request"


@pytest.mark.parametrize(("text", "trigger", "modality"), [
    ("Israel plans to withdraw its troops from Gaza.", "withdraw", "intent"),
    ("Israel withdrew its troops from Gaza.", "withdrew", "asserted"),
])
def test_an_own_plan_or_act_is_no_request(analyze, text: str, trigger: str, modality: str) -> None:
    assert _event(analyze(text), trigger)["modality"] == modality
