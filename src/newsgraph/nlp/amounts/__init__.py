"""Stage 4, ``newsgraph_amounts``: money, percentages and counts, with what they measure and when. A package by
step: ``scan`` (1-2), ``counted`` (3), ``measured`` (4), ``parse`` (5 and the helpers), ``component``, ``lexicon``.

  1. candidates (``Scanner``): the tokens that can begin a number (a digit first, or a number word such as
     "five", "dozens") are picked from their hashes in one vectorised pass; at each, one compiled pattern reads
     the number (digits with separators, number words, a vague plural), the currency or percent sign around
     it, a scale word ("billion", glued "bn"), a range ("$5-10 billion", "between 5 and 10 billion dollars")
     and a hedge before it ("about", "more than", "up to"). "From 5% to 7%" is two amounts, not a range.
     Ordinals ("21st"), hyphenated modifiers ("25-year-old"), decades ("1990s"), clock times, slashed dates,
     scores ("3-1") and phone-like digit groups never match.
  2. value and unit: the number times its scale (decimal arithmetic, so "3.2tn" is exactly 3.2e12); a range
     keeps its low end in ``value`` and its high end in ``high``; a vague plural keeps the least it can mean
     ("dozens" -> 24, hedge "at least"). Unit: the ISO 4217 code of a sign, code or currency word, or "percent".
  3. counts: a number with neither currency nor percent is kept only when the parse shows what it counts: the
     noun it modifies ("10,000 troops"), the noun after "of" ("dozens of civilians"), or people when it is the
     subject of a casualty word ("40 were wounded", "40 wounded"). Such numbers inside a time expression
     ("May 16", "in 2023", "five days") are dropped, as are counts of one outside ``count_nouns`` ("one of the
     leaders", "one day"), small counts after "the" or a possessive ("the two leaders"), and bare four-digit
     numbers from 1800 to 2100, which are years.
  4. object: what the amount measures, read from the parse: "$40 million in aid", "investment of $3.5 billion",
     "a $40 million aid package", "trade reached $240 billion", "a 5% rise in exports", "five people killed".
  5. date: of the DATE expressions the times stage resolved in the same sentence, the one attached nearest to
     the amount in the parse ("trade reached $240 billion in 2023, officials said on Monday" -> 2023); ``year``
     is its calendar year.

Words, signs and codes live in ``data/amounts.yaml``. The record gains, beside the contract's fields: ``kind``
("money", "percent", "count"), ``high`` (the top of a range, else null) and ``hedge`` ("about", "more than",
"at least", "less than", "nearly", "up to", or null), and ``year``.

Bounds: a number whose magnitude exceeds ``scan.MAX_VALUE`` (10^15: beyond any real budget, population or
percentage, and below 2^53, so every kept value is exact in a double and in JSON) is kept as an amount with
``value`` (or ``high``) null and ``out_of_range: true``: a "$" followed by thousands of nines breaks neither the
JSON output nor the store's numeric columns.
"""

from newsgraph.nlp.amounts.component import AmountRecord, AmountTagger, make_amounts
from newsgraph.nlp.amounts.lexicon import Lexicon, load_lexicon
from newsgraph.nlp.amounts.scan import Reading, Scanner, parse_amount, read_amounts

__all__ = ["AmountRecord", "AmountTagger", "Lexicon", "Reading", "Scanner", "load_lexicon", "make_amounts",
           "parse_amount", "read_amounts"]
