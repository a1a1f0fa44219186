"""Stage 5, ``newsgraph_places``: toponyms with country, coordinates and GeoNames id; whether the name stands for
an actor (metonymy: "Beijing said") rather than the place ("met in Beijing"); flags for names that are places
only in part: ``demonym`` ("Kenyan"), ``bloc`` ("the EU", "the Mideast"), ``in_name`` ("Danbury police",
"American Airlines"). The files name the steps:

  names.py       the spans looked at: candidates, trimmed entities, capitalised tokens, dateline, "City, Area"
  candidates.py  1. candidates: the model's GPE, LOC and FAC entities; the knowledge base's state, capital and
                    seat mentions; the dateline ("BEIJING, May 16 (Reuters) -"); and names the gazetteer knows,
                    wherever the model missed them or put them inside another entity ("CTV Edmonton", "Kentucky
                    State Police"): countries, first-level areas, counties, continents and macro-regions always;
                    a town when it is big (100,000 people), named as a place elsewhere in the article, in a
                    first-level area the article names, or when the words around it say place ("Danbury police",
                    "a Winona man", "in Whitestown": ``data/place_cues.yaml``) — the last also where the model or
                    the actor stage read the name as a person, unless the article uses it for a person. An entity
                    the gazetteer does not know gives way to a name inside it ("Paris City Hall" -> "Paris").
                    Not places: names inside a person's name ("Jack London"), a lone town name that the article
                    or the knowledge base uses for a person, and a single word that nothing resolves.
                 2. qualifiers: "Paris, Texas", "Edmonton, Ky." and "Gatineau, Que." tie the city to the area
                    after the comma (a state, province or country, also abbreviated), which is a place too.
  resolve.py     3. context: the countries and areas the article names (also by demonym or a known person,
                    through the actor stage), the dateline's place, and how many other names of the article
                    could lie in each area. A reading is never supported by its own name.
                 4. resolution, one reading per name and article: every reading (country, area, county, city,
                    region) gets a score: a prior (a country or an area over a city of the same name, else the
                    larger population; a capital when its country is in the article) plus the context it agrees
                    with; the best one wins. "Georgia" is the state in an article about Atlanta, the country in
                    one about Tbilisi. A county takes the point of the article's town in its state (else the
                    state's); a seat of government ("the White House") that of its capital.
  stage.py       the component, and the places only the actor stage saw: blocs and regions, demonyms (also
                 inside names: "American Airlines"), each with the country's or region's point.
  metonymy.py    5. metonymy, from the name's syntactic role.
  gazetteer.py   the gazetteer and its disk cache; datafiles.py reads and checks ``data/``.
"""

from newsgraph.nlp.places.gazetteer import _centre, fold, gazetteer
from newsgraph.nlp.places.stage import PlaceTagger, make_places

__all__ = ["PlaceTagger", "_centre", "fold", "gazetteer", "make_places"]
