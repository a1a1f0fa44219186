"""Stage 4, ``newsgraph_amounts``: money, percentages and counted quantities, with the thing they measure.

  1. candidates: the model's MONEY, PERCENT and QUANTITY entities, and cardinals of 10 or more that count a noun
     ("1,200 tonnes", "40 trucks");
  2. value: digits with separators times a scale word (thousand … trillion, bn, m); unit: ISO 4217 currency from
     a symbol or a currency word, "%" or the counted noun;
  3. object: what the amount measures, read from the parse: "trade, totaling $240 billion" (acl), "investment of
     $3.5 billion", "$40 million in aid", "worth of";
  4. date: the time expression of the same sentence that is nearest in the text.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.extensions import Amount

SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9,
          "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "crore": 1e7, "lakh": 1e5}
SYMBOLS = [("US$", "USD"), ("A$", "AUD"), ("C$", "CAD"), ("HK$", "HKD"), ("$", "USD"), ("€", "EUR"),
           ("£", "GBP"), ("¥", "JPY"), ("₹", "INR"), ("₽", "RUB"), ("₴", "UAH"), ("₩", "KRW"), ("₺", "TRY")]
CURRENCY_WORDS = {"dollar": "USD", "euro": "EUR", "pound": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY",
                  "renminbi": "CNY", "rouble": "RUB", "ruble": "RUB", "rupee": "INR", "hryvnia": "UAH",
                  "won": "KRW", "lira": "TRY", "franc": "CHF", "riyal": "SAR", "dirham": "AED", "rial": "IRR",
                  "real": "BRL", "reais": "BRL", "peso": "MXN", "rand": "ZAR", "shekel": "ILS"}
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "hundred": 100, "a": 1, "dozen": 12, "hundreds": 100, "thousands": 1000}
OBJECT_PREPS = frozenset({"of", "in", "for", "worth"})


@Language.factory("newsgraph_amounts", assigns=["doc._.ng_amounts"], requires=["doc._.ng_times"],
                  default_config={"min_cardinal": 10})
def make_amounts(nlp: Language, name: str, min_cardinal: int) -> AmountTagger:
    return AmountTagger(min_cardinal)


class AmountTagger:
    def __init__(self, min_cardinal: int) -> None:
        self.min_cardinal = min_cardinal

    def __call__(self, doc: Doc) -> Doc:
        out: list[Amount] = []
        for ent in doc.ents:
            if ent.label_ in {"MONEY", "PERCENT", "QUANTITY"}:
                value, unit = parse_amount(ent.text, ent.label_)
                after = doc[ent.end] if ent.end < len(doc) else None
                if unit is None and after is not None and after.lemma_.lower() in CURRENCY_WORDS:
                    unit = CURRENCY_WORDS[after.lemma_.lower()]  # "45 million euros" tagged without its unit
                    ent = doc[ent.start : ent.end + 1]
                if ent.label_ == "QUANTITY" and unit is None:
                    unit = ent[-1].lemma_.lower()
            elif ent.label_ == "CARDINAL" and ent.root.dep_ == "nummod" and ent.root.head.pos_ == "NOUN":
                value, _ = parse_amount(ent.text, ent.label_)
                head = ent.root.head
                if head.lemma_.lower() in CURRENCY_WORDS and head.i == ent.end:  # "45 million euros"
                    unit = CURRENCY_WORDS[head.lemma_.lower()]
                    ent = doc[ent.start : ent.end + 1]
                elif value is None or value < self.min_cardinal:
                    continue
                else:
                    unit = head.lemma_.lower()
            else:
                continue
            out.append(Amount(start=ent.start_char, end=ent.end_char, text=ent.text, value=value, unit=unit,
                              object=measured_object(ent), date=_date_near(doc, ent), tok=(ent.start, ent.end)))
        doc._.ng_amounts = out
        return doc


def parse_amount(text: str, label: str = "MONEY") -> tuple[float | None, str | None]:
    """(value, unit) of "$240 billion", "€45m", "5 trillion yen", "12.5%"."""
    low = text.lower().replace(",", "") if re.search(r"\d,\d{3}", text) else text.lower()
    unit = None
    for symbol, code in SYMBOLS:
        if symbol.lower() in low:
            unit = code
            break
    words = re.findall(r"[a-z]+", low)
    for word in words:
        stem = word[:-1] if word.endswith("s") and word[:-1] in CURRENCY_WORDS else word
        if unit is None and stem in CURRENCY_WORDS:
            unit = CURRENCY_WORDS[stem]
    if label == "PERCENT" or "%" in low or "percent" in words or "per cent" in low:
        unit = "%"
    match = NUMBER.search(low.replace(" ", ""))
    value: float | None
    if match:
        value = float(match.group(0).replace(",", "."))
    else:
        value = next((float(WORD_NUMBERS[w]) for w in words if w in WORD_NUMBERS), None)
    if value is None:
        return None, unit
    tail = re.search(r"\d\s*([a-z]+)\b", low)
    scales = [w for w in words if w in SCALES and w not in {"m", "b", "k"}]
    if tail and tail.group(1) in SCALES:
        scales = [tail.group(1), *scales]
    for word in dict.fromkeys(scales):
        value *= SCALES[word]
    return (int(value) if value.is_integer() else value), unit


def measured_object(ent: Span) -> str | None:
    """The noun an amount measures, from the dependency parse."""
    root: Token = ent.root
    for child in root.children:  # "$40 million in humanitarian aid", "$3bn of trade"
        if child.dep_ == "prep" and child.lower_ in OBJECT_PREPS:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "NOUN":
                return pobj.lemma_.lower()
    head = root.head
    if head.dep_ == "prep" and head.lower_ in {"of", "worth", "at"} and head.head.pos_ == "NOUN":
        return head.head.lemma_.lower()  # "investment of $3.5 billion"
    if head.pos_ == "VERB" and head.dep_ in {"acl", "relcl"} and head.head.pos_ in {"NOUN", "PROPN"}:
        return head.head.lemma_.lower()  # "trade, totaling $240 billion"
    if head.pos_ == "VERB" and head.lemma_ in {"total", "reach", "amount", "exceed", "hit", "be"}:
        subj = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None and subj.pos_ == "NOUN":
            return subj.lemma_.lower()
    if root.dep_ == "compound" and head.pos_ == "NOUN":
        return head.lemma_.lower()  # "a $40 million aid package"
    return None


def _date_near(doc: Doc, ent: Span) -> str | None:
    best: tuple[int, str] | None = None
    for t in doc._.ng_times or []:
        tok = doc[t["tok"][0]]
        if tok.sent.start != ent.sent.start or not t["value"] or t["type"] != "DATE":
            continue
        distance = abs(t["tok"][0] - ent.start)
        if best is None or distance < best[0]:
            best = (distance, t["value"])
    return best[1] if best else None
