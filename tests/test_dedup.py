"""Near-duplicate signatures (store/dedup.py) on texts written here."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.store import dedup

STORY = ("Kenya and Ethiopia agreed on Monday to reopen the border crossing at Moyale, closed since March, "
         "after talks between their foreign ministers in Nairobi, officials from both governments said.")


@settings(max_examples=40, deadline=None)
@given(words=st.lists(st.sampled_from(STORY.split()), max_size=60), chunk=st.integers(1, 7))
def test_a_signature_does_not_depend_on_how_many_shingles_are_hashed_at_once(words: list[str], chunk: int) -> None:
    text = " ".join(words)
    whole = dedup.signature(text)
    kept = dedup.CHUNK
    try:
        dedup.CHUNK = chunk
        assert (dedup.signature(text) == whole).all()
    finally:
        dedup.CHUNK = kept


def test_copies_are_similar_and_other_stories_are_not() -> None:
    copy = STORY.replace("officials from both governments said", "officials said on Tuesday")
    other = "Uganda's parliament passed the budget on Thursday after a long debate over spending on roads."
    assert dedup.similarity(dedup.signature(STORY), dedup.signature(copy)) >= dedup.THRESHOLD
    assert dedup.similarity(dedup.signature(STORY), dedup.signature(other)) < 0.2
    assert {int(v) for v in dedup.signature("")} == {2**64 - 1}  # no shingles: every position at its maximum
