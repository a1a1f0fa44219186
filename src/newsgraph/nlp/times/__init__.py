"""Stage 3, ``newsgraph_times``: time expressions with TIMEX3 values anchored on the publication date.

The steps, one module each:

  1-2. ``recognize``: candidates (the model's DATE and TIME entities plus what it tends to miss) shaped to
       TimeML's span conventions; what is no time expression is rejected with a logged reason;
  3.   ``context``: the tense of the governing verb, the nearest explicit date earlier in the sentence, the
       document's last explicit value;
  4.   ``normalize``: a cascade of small rules, one per family of forms — references and sets (``refs``),
       times of day (``timeofday``), dates that name their unit, quarters, halves, seasons and holidays
       (``absolute``), dates that lean on the tense, the publication date or an earlier date (``relative``),
       and durations (``durations``); calendar arithmetic is in ``calendar``;
  and ``component``, the spaCy component that runs them. The words (months, holidays, reference words, verbs
  that look ahead…) are data, in ``nlp/data/times.yaml``, read by ``lexicon``.

Values follow TIMEX3: ``2024-05-16``, ``2024-05``, ``2024``, ``199`` (a decade), ``19`` (a century), ``2024-W20``,
``2024-Q1``, ``2024-H1``, ``2024-SU``, ``2024-W20-WE``, ``2024-05-16T15:30``, ``2024-05-16TMO``, ``PRESENT_REF``,
``P3Y``/``PT5H``/``PXD`` (durations) and ``P1W``/``XXXX-WXX-1``/``XXXX-07`` (sets).

"X after <clause>" dates the clause's event: "the visit comes a day after he said" puts the saying a day
before the anchor; "days before he invaded" puts the invasion days after the anchor.
"""

from newsgraph.nlp.times.component import TimeTagger, make_times
from newsgraph.nlp.times.context import When
from newsgraph.nlp.times.normalize import normalize, normalize_in
from newsgraph.nlp.times.words import number

__all__ = ["TimeTagger", "When", "make_times", "normalize", "normalize_in", "number"]
