"""Memory stays flat: the analyzer holds one batch, bounded in documents and characters, and frees what spaCy
added to its vocabulary for that batch (sentences written here)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from newsgraph.pipeline.analyzer import Analyzer, _batches
from newsgraph.readers.files import InputDoc


def _docs(*lengths: int) -> list[InputDoc]:
    return [InputDoc(f"d{n}", "x" * length) for n, length in enumerate(lengths)]


def test_batches_are_bounded_in_documents_and_characters() -> None:
    docs = _docs(10, 10, 10, 10, 10)
    assert [len(b) for b in _batches(iter(docs), 2, 1_000)] == [2, 2, 1]
    assert [len(b) for b in _batches(iter(docs), 10, 25)] == [2, 2, 1]
    assert [[d.id for d in b] for b in _batches(iter(_docs(5, 50, 5, 5)), 10, 20)] == [["d0"], ["d1"], ["d2", "d3"]]
    assert [b for b in _batches(iter([]), 4, 10)] == []


def test_input_is_read_one_batch_at_a_time() -> None:
    read: list[str] = []

    def source() -> Iterator[InputDoc]:
        for doc in _docs(10, 10, 10, 10, 10, 10):
            read.append(doc.id)
            yield doc

    batches = _batches(source(), 2, 1_000)
    first = next(batches)
    assert [d.id for d in first] == ["d0", "d1"] and read == ["d0", "d1", "d2"]  # the next batch's first only


NOVEL = ("The Zorvathian envoy Quillamere Oxtrabine met Blenkovar Streppish in Vandrelisk on Tuesday, "
         "Zorvath's foreign ministry said, after talks on the Krellian corridor.")


def test_the_vocabulary_does_not_grow_with_the_documents(analyzer: Analyzer) -> None:
    analyzer.analyze_one(InputDoc("warm", NOVEL.replace("Zorv", "Tarv"), "2024-05-16"))
    strings = len(analyzer.nlp.vocab.strings)
    kept = analyzer.settings
    try:
        # batches of two documents; a memory zone per batch (1 character), then one zone for all of them
        for zone_chars in (1, 10**9):
            analyzer.settings = replace(kept, batch_size=2, zone_chars=zone_chars)
            records = list(analyzer.analyze(InputDoc(f"n{n}", NOVEL.replace("Zorv", f"Zo{n}rv"), "2024-05-16")
                                            for n in range(5)))
            assert [r["id"] for r in records] == [f"n{n}" for n in range(5)]
            assert all(not r.get("error") for r in records)
            assert "Zo3rvathian" in records[3]["text"]
            assert len(analyzer.nlp.vocab.strings) == strings  # the new words were freed with their zone
    finally:
        analyzer.settings = kept


def test_ingest_batches_end_early_at_their_characters() -> None:
    from newsgraph.readers.files import InputDoc
    from newsgraph.store.ingest import _batches

    lengths = [10, 10, 500, 10, 10, 10, 300, 300, 10]
    pairs = iter([(InputDoc(f"d{n}", "x" * size), "src") for n, size in enumerate(lengths)])
    batches = [[len(doc.text) for doc, _ in batch] for batch in _batches(pairs, 4, chars=400)]
    # a long document ends its batch; four documents end one; so does reaching 400 characters
    assert batches == [[10, 10, 500], [10, 10, 10, 300], [300, 10]]
