"""The ``newsgraph_places`` component: candidates, context, resolution, then the places that only the actor stage
saw — demonyms ("Kenyan"), blocs and regions ("the EU", "European") — and flags (see the package docstring)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.kb.actors import KnowledgeBase, load_kb
from newsgraph.nlp.extensions import Place
from newsgraph.nlp.intervals import Intervals
from newsgraph.nlp.places.candidates import Candidates
from newsgraph.nlp.places.gazetteer import Area, Gazetteer, fold, gazetteer
from newsgraph.nlp.places.metonymy import is_metonymic
from newsgraph.nlp.places.names import Candidate
from newsgraph.nlp.places.resolve import Reading, Resolver

#: Actor-stage resolutions that name a place ("Beijing said" is still Beijing) but are no place reading to check.
NAME_LABELS = frozenset({"ORG", "PERSON", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})


@Language.factory("newsgraph_places", assigns=["doc._.ng_places"], requires=["doc._.ng_mentions"],
                  default_config={"actor_files": [], "min_population": 500, "big_city": 100_000})
def make_places(nlp: Language, name: str, actor_files: list[str], min_population: int = 500,
                big_city: int = 100_000) -> PlaceTagger:
    return PlaceTagger(load_kb(tuple(actor_files)), min_population, big_city)


class PlaceTagger(Candidates, Resolver):
    """Find, qualify and resolve the toponyms of a ``Doc``; see the package docstring for the steps."""

    def __init__(self, kb: KnowledgeBase, min_population: int = 500, big_city: int = 100_000) -> None:
        self.kb = kb
        self.min_population = min_population
        self.big_city = big_city
        # the knowledge base's names of states ("U.S.", "Britain") for the text scan; True for an acronym, which
        # must be written in capitals there ("US", not "Us")
        self.state_names = {fold(name): name in kb.acronyms for name, hits in kb.names.items()
                            if any(h.kind == "state" for h in hits)}
        self.state_first_words = {name.split(" ", 1)[0] for name in self.state_names}
        # names repeat from article to article: their knowledge-base hits and gazetteer runs are looked up once
        self.lookup = lru_cache(maxsize=65_536)(kb.lookup)
        self.runs: dict[tuple[str, ...], tuple[int, str, bool, str] | None] = {}

    def __call__(self, doc: Doc) -> Doc:
        gaz = gazetteer(self.min_population)
        mentions = {tuple(m["tok"]): m for m in doc._.ng_mentions or []}
        candidates = self.candidates(doc, gaz, mentions)
        context = self.context(doc, gaz, candidates)
        resolved = self.resolve_all(candidates, gaz, context)
        names = _name_spans(doc, mentions)
        out: list[Place] = []
        for cand in candidates:
            reading = resolved.get(self._key(cand))
            if reading is None and cand.source == "ner" and cand.end - cand.start == 1:
                continue  # one capitalised word no gazetteer knows is more often a misread name ("Oudshoorn")
            out.append(self._place(doc, cand, reading, names))
        out.extend(self.bloc_places(doc, gaz, mentions, out))
        out.extend(self.demonyms(doc, gaz, mentions, out, names))
        for place in out:
            place["metonymy"] = is_metonymic(doc, place, mentions, self.kb)
        doc._.ng_places = sorted(out, key=lambda p: p["start"])
        return doc

    def _place(self, doc: Doc, cand: Candidate, reading: Reading | None, names: Intervals[None]) -> Place:
        span = doc[cand.start : cand.end]
        place = Place(start=span.start_char, end=span.end_char, text=cand.text, name=cand.text, country=None,
                      lat=None, lon=None, geonameid=None, metonymy=False, demonym=False,
                      in_name=names.contain(cand.start, cand.end), bloc=False, tok=(cand.start, cand.end))
        if reading is not None:
            place.update({"name": reading.name, "country": reading.iso3, "lat": reading.lat, "lon": reading.lon,
                          "geonameid": reading.geonameid, "kind": reading.kind, "admin1": reading.admin1})
        return place

    def bloc_places(self, doc: Doc, gaz: Gazetteer, mentions: dict[Any, Any], places: list[Place]) -> list[Place]:
        """A region or bloc the actor stage found ("the EU", "Europe", "the Mideast", "European") names the place
        it covers (``data/macro_regions.yaml``): a place flagged ``bloc`` (and ``demonym`` for an adjective)."""
        taken = {i for p in places for i in range(*p["tok"])}
        out: list[Place] = []
        for (start, end), mention in mentions.items():
            if any(i in taken for i in range(start, end)) or not mention["actor"]:
                continue
            hits = [h for h in self.lookup(mention["text"]) if h.kind in {"bloc", "bloc_demonym"}]
            area = next((gaz.blocs[h.target] for h in hits if h.target in gaz.blocs), None)
            if area is None:
                continue
            demonym = all(h.kind == "bloc_demonym" for h in hits)
            out.append(_area_place(doc, start, end, area, demonym=demonym, bloc=True))
            taken.update(range(start, end))
        return out

    def demonyms(self, doc: Doc, gaz: Gazetteer, mentions: dict[Any, Any], places: list[Place],
                 names: Intervals[None]) -> list[Place]:
        """A state's demonym ("Turkish", "Kenyan"), also inside a name ("American Airlines", "the Russian
        Museum"), names that country: a place with the country's point and GeoNames id, flagged ``demonym``, as
        geoparsing gold sets count it. Not a location for events."""
        taken = {i for p in places for i in range(*p["tok"])}
        actors = doc._.ng_actors or {}
        found: dict[tuple[int, int], str] = {}
        for (start, end), mention in mentions.items():
            if mention["how"] == "demonym":
                found[(start, end)] = str(actors.get(mention["actor"] or "", {}).get("country"))
        for start, end in names:  # demonyms inside the names of organisations, museums, airlines
            for tok in doc[start:end]:
                if tok.is_title and (tok.i, tok.i + 1) not in found:
                    state = next((h.target for h in self.lookup(tok.text) if h.kind == "demonym"), None)
                    if state is not None:
                        found[(tok.i, tok.i + 1)] = state
        out: list[Place] = []
        for (start, end), code in sorted(found.items()):
            country = gaz.countries.get(code)
            if country is None or country.iso3 is None or any(i in taken for i in range(start, end)):
                continue
            place = _area_place(doc, start, end, country, demonym=True, bloc=False)
            place["in_name"] = names.contain(start, end)
            out.append(place)
            taken.update(range(start, end))
        return out


def _area_place(doc: Doc, start: int, end: int, area: Area, demonym: bool, bloc: bool) -> Place:
    span = doc[start:end]
    return Place(start=span.start_char, end=span.end_char, text=span.text, name=area.name, country=area.iso3,
                 lat=area.lat, lon=area.lon, geonameid=area.geonameid, metonymy=False, demonym=demonym,
                 in_name=False, bloc=bloc, tok=(start, end), kind=area.kind, admin1=area.admin1)


def _name_spans(doc: Doc, mentions: dict[Any, Any]) -> Intervals[None]:
    """The token spans of names of things other than places: the model's organisations, people, facilities...
    and the actor stage's organisations ("Radio France Internationale", "Kenya Wildlife Service")."""
    spans = {(e.start, e.end) for e in doc.ents if e.label_ in NAME_LABELS and len(e) > 1}
    spans |= {(s, e) for (s, e), m in mentions.items() if e - s > 1 and str(m["how"]).startswith("article-")}
    return Intervals((s, e, None) for s, e in spans)
