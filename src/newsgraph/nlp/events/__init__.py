"""Stage 7, ``newsgraph_events``: who did what to whom, coded in CAMEO and PLOVER, with evidence and modality.

The package's files are its steps, in the order they run on each trigger:

  0. ``lexicon``    the patterns: verbs and nouns with their CAMEO code, object constraints, targets (data files);
  1. ``triggers``   a word of the lexicon whose particle, preposition and object constraints hold;
  2. ``arguments``  source and target actors from the dependency parse (subject, agent, object, prepositions,
                    possessor and demonym of a noun, "between X and Y", coordination, coreference);
  3. ``modality``   intent, request, threat, hypothetical, possible, denied, negated; announced and refused
                    actions recoded;
  4. ``dating``     the time expression of the trigger's clause (else the paragraph's or the publication date)
                    and a place in a locative phrase;
  5. ``coding``     Goldstein, QuadClass and PLOVER from the CAMEO table; embedded events marked; repeats merged.

``component`` is the spaCy component that runs them; ``evidence`` records the words and parse path of each actor.
"""

from __future__ import annotations

from newsgraph.nlp.events.component import EventCoder, make_events

__all__ = ["EventCoder", "make_events"]
