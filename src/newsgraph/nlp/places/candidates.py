"""Steps 1 and 2 of the place stage: candidate names, and "City, Area" qualifiers. See the package docstring."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc, Span

from newsgraph.kb.actors import KnowledgeBase, normalize
from newsgraph.nlp.places.datafiles import place_cues
from newsgraph.nlp.places.gazetteer import COUNTY_WORDS, GENERIC_WORDS, Area, Gazetteer, _county_key, fold
from newsgraph.nlp.places.names import (
    Candidate,
    _area_after,
    _capitalised,
    _dateline,
    _longest_first,
    _trim,
)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
KB_PLACE_HOWS = frozenset({"capital-metonymy", "capital-as-place", "state-name", "seat"})
NOT_PLACE_KINDS = frozenset({"demonym", "bloc_demonym", "person"})
#: entities that are no names: a town called "March" or "Christmas" is not meant "in March"
NOT_NAME_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})

class Candidates:
    """Candidate finding; mixed into ``PlaceTagger``."""

    kb: KnowledgeBase
    big_city: int
    MAX_READINGS: int
    lookup: Any  # KnowledgeBase.lookup, memoised
    runs: dict[tuple[str, ...], tuple[int, str, bool, str] | None]
    state_names: dict[str, bool]
    state_first_words: set[str]

    # ---- 1. candidates -------------------------------------------------------------------------------------
    def candidates(self, doc: Doc, gaz: Gazetteer, mentions: dict[Any, Any]) -> list[Candidate]:
        found: list[Candidate] = []
        after: dict[int, tuple[Span, Area] | None] = {}  # "City, Area" qualifiers by the city's end

        def add(span: Span | None, source: str) -> None:
            if span is not None and len(span):
                cand = Candidate(span.start, span.end, span.text, source)
                if not self._not_a_place(cand.text):
                    found.append(cand)

        ents = list(doc.ents)
        for ent in ents:
            if ent.label_ in PLACE_LABELS:
                add(_trim(ent), "ner")
        for (start, end), m in mentions.items():
            if m["how"] in KB_PLACE_HOWS:
                add(doc[start:end], "kb")
        add(_dateline(doc, gaz), "dateline")
        for cand in found:
            after[cand.end] = _area_after(doc, cand.end, gaz)
        confirmed = {c.key for c in found}
        regions = self._regions(found, after, gaz)
        scanned = [c for c in (Candidate(s.start, s.end, s.text, "gazetteer", cued=cued)
                               for s, cued in self._gazetteer_spans(doc, gaz, ents, confirmed, regions))
                   if c.cued or not self._not_a_place(c.text)]
        # an entity the gazetteer does not know gives way to a name it holds: "Paris City Hall" -> "Paris"
        inner = {i for c in scanned for i in range(c.start, c.end)}
        found = [c for c in found if self._known(c, gaz) or not any(i in inner for i in range(c.start, c.end))]
        chosen = _longest_first([*found, *scanned])
        for cand in chosen:
            if cand.end not in after:
                after[cand.end] = _area_after(doc, cand.end, gaz)
        return self._qualify(chosen, after)

    def _known(self, cand: Candidate, gaz: Gazetteer) -> bool:
        return cand.key in gaz.kinds or _county_key(cand.text) in gaz.counties or \
            any(h.kind == "state" for h in self.lookup(cand.text))

    def _not_a_place(self, text: str) -> bool:
        hits = self.lookup(text)
        return bool(hits) and all(h.kind in NOT_PLACE_KINDS for h in hits)

    @staticmethod
    def _regions(cands: list[Candidate], after: dict[int, tuple[Span, Area] | None], gaz: Gazetteer
                 ) -> set[tuple[str, str]]:
        """The first-level areas the places the model found name or qualify ("Ohio", "Dayton, Ohio", a county
        found in one state only)."""
        found: set[tuple[str, str]] = set()
        for cand in cands:
            areas = [a for a in gaz.areas.get(cand.key, []) if a.kind == "admin1"]
            counties = gaz.counties.get(_county_key(cand.text), [])
            qualifier = after.get(cand.end)
            areas += counties if len(counties) == 1 else []
            areas += [qualifier[1]] if qualifier is not None and qualifier[1].kind == "admin1" else []
            found.update((a.iso2 or "", a.admin1 or "") for a in areas)
        return found

    def _gazetteer_spans(self, doc: Doc, gaz: Gazetteer, ents: list[Span], confirmed: set[str],
                         regions: set[tuple[str, str]]) -> Iterator[tuple[Span, bool]]:
        """Known names the model did not tag as places: areas always, cities when big, confirmed, in a region
        the article names or where the words around them say place (each with whether they do). Only
        capitalised tokens are visited (picked out by array, to stay cheap)."""
        entity_at = {i: e for e in ents for i in range(e.start, e.end)}
        known = {i for e in ents if e.label_ in {"GPE", "LOC"} and fold(e.text) in gaz.kinds
                 for i in range(e.start, e.end)}
        people: set[str] | None = None  # words of the article's multi-word person names, when first needed
        capitalised = _capitalised(doc)
        if len(self.runs) > 200_000:
            self.runs.clear()
        i = 0
        for start in sorted(capitalised):
            if start < i or start in known:
                continue  # a known name the model found whole: already a candidate
            found = self._longest_name(start, capitalised, gaz)
            if found is None:
                continue
            n, kind, drop_dot, key = found
            if kind == "city" and key in GENERIC_WORDS:
                continue
            cued = place_cue(doc, start, start + n, entity_at.get(start))
            if kind == "city" and not cued and not self._city_worth_it(key, gaz, confirmed, regions):
                continue
            span = doc[start : start + n]
            if drop_dot:
                span = doc.char_span(span.start_char, span.end_char - 1, alignment_mode="expand") or span
            ent = entity_at.get(start)
            if people is None and ent is not None and ent.label_ == "PERSON":
                people = {fold(t.text) for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
            if self._acceptable(span, kind, ent, people or set(), cued):
                yield span, cued
                i = span.end

    def _longest_name(self, start: int, capitalised: dict[int, tuple[str, bool]], gaz: Gazetteer
                      ) -> tuple[int, str, bool, str] | None:
        """The longest run of up to ``max_words`` capitalised tokens from ``start`` that the gazetteer (or the
        knowledge base, for states: "U.S.") knows: (tokens, kind, whether its final full stop is left out, key).
        A name's words are one space apart; a trailing full stop belongs to the name only where the name has
        one ("Calif.", not "Texas.")."""
        words = [capitalised[start][0]]
        while len(words) < gaz.max_words and capitalised[start + len(words) - 1][1] and \
                start + len(words) in capitalised:
            words.append(capitalised[start + len(words)][0])
        run = tuple(words)
        if run not in self.runs:
            self.runs[run] = self._lookup_run(words, gaz)
        return self.runs[run]

    def _lookup_run(self, words: list[str], gaz: Gazetteer) -> tuple[int, str, bool, str] | None:
        first = fold(words[0])
        if first not in gaz.first_words and first.rstrip(".") not in gaz.first_words and \
                first not in self.state_first_words:
            return None
        for n in range(len(words), 0, -1):
            text = " ".join(words[:n])
            for candidate in (text, text[:-1]) if text.endswith(".") else (text,):
                key = fold(candidate)
                kind = "area" if self._state_name(key, candidate) else gaz.kinds.get(key)
                if kind is not None:
                    return n, kind, candidate != text, key
        return None

    def _state_name(self, key: str, text: str) -> bool:
        acronym = self.state_names.get(key)
        return acronym is not None and (not acronym or text.isupper())

    def _city_worth_it(self, key: str, gaz: Gazetteer, confirmed: set[str], regions: set[tuple[str, str]]) -> bool:
        """A city name outside a place entity counts when the article names it as a place elsewhere, when it is
        a big city's own name, or when a town of that name lies in a first-level area the article names."""
        own = gaz.cities.get(key)
        if key in confirmed or (own and own[0].population >= self.big_city):
            return True
        return bool(own and regions and any((c.iso2, c.admin1) in regions for c in own[: self.MAX_READINGS]))

    def _acceptable(self, span: Span, kind: str, ent: Span | None, people: set[str], cued: bool) -> bool:
        if kind == "county":
            return True  # "Laurel County Clerk Dean Johnson" is a person, but "Laurel County" is no one's name
        if ent is not None and ent.label_ == "PERSON":
            if len(ent) > 1 and not (cued and ent.start == span.start):
                return False  # "Paris Hilton", "Jack London"; not "Rock Hill police", "Alexandria Police"
            # the model often takes a lone town name for a person: not when the article knows someone by that
            # name ("Michael Jackson ... Jackson said"), nor, unless the words around it say place ("Clinton
            # police"), when the knowledge base does
            if fold(span.text) in people:
                return False
            if not cued and (any(h.kind == "person" for h in self.lookup(span.text))
                             or self.kb.surnames.get(normalize(span.text))):
                return False
        # outside an entity only proper nouns count: not "Mobile phones", "Reading the report"
        return ent is not None or cued or \
            all(t.pos_ == "PROPN" for t in span if t.is_alpha and t.lower_ not in COUNTY_WORDS)

    @staticmethod
    def _qualify(cands: list[Candidate], after: dict[int, tuple[Span, Area] | None]) -> list[Candidate]:
        """Attach "City, Area" qualifiers; the area after the comma becomes a candidate of its own."""
        taken = {i for c in cands for i in range(c.start, c.end)}
        at = {(c.start, c.end): c for c in cands}
        extra: list[Candidate] = []
        for cand in cands:
            found = after.get(cand.end)
            if found is None:
                continue
            span, area = found
            cand.qualifier = area
            same = at.get((span.start, span.end))
            if same is not None:
                same.fixed = area
            elif not any(i in taken for i in range(span.start, span.end)):
                extra.append(Candidate(span.start, span.end, span.text, "qualifier", fixed=area))
                taken.update(range(span.start, span.end))
        return sorted([*cands, *extra], key=lambda c: c.start)


def place_cue(doc: Doc, start: int, end: int, ent: Span | None) -> bool:
    """Do the words around ``doc[start:end]`` say it is a place ("Danbury police", "a Winona man", "in
    Whitestown", "the mayor of Sligo", "Tulsa-based", a dateline in capitals: "TORRINGTON --")? The name must
    open its run of capitalised words ("Athens Police Department" says nothing of "Police"), and after a
    preposition be the whole run ("in Council Chambers"); dates ("in March") and acronyms ("SEC") never count."""
    if ent is not None and ent.label_ in NOT_NAME_LABELS:
        return False
    first = doc[start]
    if start > 0 and _capital_word(doc[start - 1]) and doc[start - 1].lower_ not in {"the", "a", "an"}:
        return False
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and nxt.text in {"--", "—", "–"} and first.is_upper and first.is_sent_start:
        return True
    if first.is_upper and len(first) <= 4:
        return False
    cues = place_cues()
    if nxt is not None:
        if nxt.lower_ in cues.after or (nxt.text == "-" and end + 1 < len(doc) and doc[end + 1].lower_ == "based"):
            return True
        if nxt.tag_ == "POS" or _capital_word(nxt):
            return False  # "in Lincoln's speech", "in Human Resources"
    if start == 0:
        return False
    prev = doc[start - 1]
    if prev.lower_ in cues.before:
        return True
    return prev.lower_ == "of" and start >= 2 and doc[start - 2].lower_ in cues.of_nouns


def _capital_word(tok: Any) -> bool:
    return bool(tok.is_alpha and (tok.is_title or tok.is_upper))
