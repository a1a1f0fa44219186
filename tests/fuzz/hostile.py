"""A seeded, deterministic generator of hostile and odd documents, each followed by a good one.

``generate(n, seed)`` returns about ``n`` cases: every other one a good news report written from our own
templates (short, varied, unique by a serial number, so each is really analysed), the others drawn from the
categories of issue 12:

binary        headers of PDF, ZIP, gzip, PNG, JPEG, GIF, ELF, MP3, SQLite files and random bytes with NULs
encoding      UTF-8 with a BOM, UTF-16 and UTF-32 with and without a BOM, Latin-1, Windows-1252, Shift-JIS,
              GB2312, KOI8-R: the same kind of report in each
invalid       invalid UTF-8: truncated and overlong sequences, lone continuation bytes, encoded surrogates
controls      control characters, zero-width characters (alone and inside words), right-to-left marks, emoji
scripts       reports in Chinese, Japanese, Korean, Arabic, Hebrew, Russian, Greek, Hindi, Thai, French, German,
              Spanish, Turkish (our own sentences)
html          broken HTML, script-only pages, empty pages, entity bombs, tags nested 20,000 deep
jsonl         malformed and mistyped lines: cut short, arrays, nesting 3,000 deep, wrong types of id, text and
              published, lone surrogates, NUL, giant integer ids, bad dates
numbers       a "$" followed by thousands of digits, amounts beyond 64 bits, numbers with huge exponents
names         file names that are not UTF-8, with spaces, newlines, tabs, 200 characters, a leading dash
long          0.5-1 MB documents (``long_sizes``): 10,000 short sentences, 2,500 quotations, unbalanced quote
              marks, "the " repeated, one 860,000-character line, 100,000 brackets
huge          one 20 MB file (``huge=True``)

Every case says what may come of it (``expect``: None for "analysed", else error codes); a good case must be
analysed, with actors. Nothing is written to disk here: ``Case.data`` holds the bytes, ``Case.name`` the file
name (bytes a file system may hold, not always UTF-8).
"""

from __future__ import annotations

import codecs
import gzip
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field

STATES = [("Kenya", "Nairobi", "William Ruto"), ("Ethiopia", "Addis Ababa", "Abiy Ahmed"),
          ("Japan", "Tokyo", "the Japanese prime minister"), ("Brazil", "Brasilia", "Luiz Inacio Lula da Silva"),
          ("Germany", "Berlin", "Olaf Scholz"), ("Indonesia", "Jakarta", "Joko Widodo"),
          ("Canada", "Ottawa", "Justin Trudeau"), ("Mexico", "Mexico City", "the Mexican president"),
          ("Egypt", "Cairo", "Abdel Fattah el-Sisi"), ("Poland", "Warsaw", "the Polish foreign minister"),
          ("Nigeria", "Abuja", "Bola Tinubu"), ("France", "Paris", "Emmanuel Macron")]
ACTIONS = ["condemned {b} over the detention of two of its citizens", "signed a trade agreement with {b}",
           "pledged ${n} million in humanitarian aid to {b}", "accused {b} of violating its airspace",
           "praised {b} for its help after the floods", "expelled {n} diplomats from {b}",
           "imposed new sanctions on {b}", "agreed with {b} to resume security talks"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "last week", "on May {d}", "on Friday"]
FOLLOW = ["Officials in {cap_a} said talks with {b} would continue next month.",
          "\u201cWe expect a clear answer,\u201d {lead_a} told reporters in {cap_a}.",
          "The government of {b} did not comment on the statement.",
          "Trade between the two countries reached ${n} billion last year, according to officials.",
          "{lead_b} said {b} was ready to discuss the matter with {a}."]
#: a few sentences of a report in each language, written for this corpus
SCRIPTS = {
    "chinese": "肯尼亚外交部星期二在内罗毕表示，两国将恢复贸易谈判。官员说，双方同意在下个月举行新一轮会谈。",
    "japanese": "ケニア政府は火曜日、ナイロビで記者会見を開き、エチオピアとの貿易交渉を再開すると発表した。",
    "korean": "케냐 외교부는 화요일 나이로비에서 에티오피아와의 무역 협상을 재개하겠다고 밝혔다. "
              "양국은 다음 달에 만날 예정이다.",
    "arabic": "قالت وزارة الخارجية الكينية يوم الثلاثاء إن البلدين سيستأنفان محادثات التجارة الشهر المقبل في نيروبي.",
    "hebrew": "משרד החוץ של קניה הודיע ביום שלישי כי שתי המדינות יחדשו את שיחות הסחר בחודש הבא בניירובי.",
    "russian": "Министерство иностранных дел Кении заявило во вторник, что обе страны возобновят торговые "
               "переговоры в следующем месяце в Найроби.",
    "greek": "Το υπουργείο Εξωτερικών της Κένυας ανακοίνωσε την Τρίτη ότι οι δύο χώρες θα ξαναρχίσουν τις "
             "εμπορικές συνομιλίες τον επόμενο μήνα.",
    "hindi": "केन्या के विदेश मंत्रालय ने मंगलवार को कहा कि दोनों देश अगले महीने नैरोबी में व्यापार वार्ता फिर से शुरू करेंगे।",
    "thai": "กระทรวงการต่างประเทศเคนยาแถลงเมื่อวันอังคารว่าทั้งสองประเทศจะกลับมาเจรจาการค้ากันอีกครั้งในเดือนหน้า",
    "french": "Le ministère kényan des Affaires étrangères a annoncé mardi que les deux pays reprendraient les "
              "négociations commerciales le mois prochain à Nairobi, selon un communiqué publié après la réunion.",
    "german": "Das kenianische Außenministerium teilte am Dienstag mit, dass die beiden Länder ihre Handelsgespräche "
              "im nächsten Monat in Nairobi wieder aufnehmen werden, wie es in einer Erklärung hieß.",
    "spanish": "El ministerio de Asuntos Exteriores de Kenia anunció el martes que los dos países reanudarán las "
               "negociaciones comerciales el próximo mes en Nairobi, según un comunicado oficial.",
    "turkish": "Kenya Dışişleri Bakanlığı salı günü yaptığı açıklamada, iki ülkenin gelecek ay Nairobi'de ticaret "
               "görüşmelerine yeniden başlayacağını bildirdi ve taraflar anlaşmaya vardı.",
}
ENCODED = {"latin-1": "Kenya's café owners in Nairobi said on Monday that the price of crème and pâté rose again.",
           "cp1252": "Officials said \u201cthe deal is done\u201d \u2013 a rare agreement after months of talks.",
           "shift_jis": "ケニア政府は火曜日、貿易交渉を再開すると発表した。",
           "gb2312": "肯尼亚外交部星期二表示，两国将恢复贸易谈判。", "koi8-r": "Министерство заявило во вторник."}
#: what may come of a line of raw bytes (binary data, another encoding) in a JSONL file
RAW_LINE = frozenset({"E002", "E003", "E007"})
SIGNATURES = [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", b"PK\x03\x04\x14\x00\x06\x00", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
              b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", b"GIF89a\x01\x00\x01\x00", b"\x7fELF\x02\x01\x01\x00",
              b"ID3\x03\x00\x00\x00", b"SQLite format 3\x00", b"Rar!\x1a\x07\x00", b"OggS\x00\x02"]


@dataclass
class Case:
    """One document: its file name and bytes, its category, what may come of it, and its JSONL line."""

    name: bytes
    data: bytes
    kind: str
    expect: frozenset[str | None]
    good: bool = False
    line: bytes | None = None  # the case as one JSONL line (None: it has none)
    line_expect: frozenset[str | None] | None = None  # what may come of that line, when not ``expect``
    ids: tuple[str, ...] = field(default_factory=tuple)  # the record ids a JSONL case file yields


def good_text(rng: random.Random, serial: int) -> str:
    """A short report of our own, unique by its serial number."""
    (a, cap_a, lead_a), (b, cap_b, lead_b) = rng.sample(STATES, 2)
    values = {"a": a, "b": b, "cap_a": cap_a, "cap_b": cap_b, "lead_a": lead_a, "lead_b": lead_b,
              "n": rng.randrange(2, 90), "d": rng.randrange(1, 29)}
    first = f"{a} {rng.choice(ACTIONS)} {rng.choice(DAYS)}.".format(**values)
    rest = " ".join(f.format(**values) for f in rng.sample(FOLLOW, 2))
    return f"{first} {rest}\n\nReport {serial} from {cap_b}."


def _line(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass")


def _text_case(name: str, text: str, kind: str, expect: set[str | None], encoding: str = "utf-8") -> Case:
    return Case(f"{name}.txt".encode(), text.encode(encoding, "surrogatepass"), kind, frozenset(expect),
                line=_line({"id": name, "text": text}))


# ---- the categories: each returns one hostile case -------------------------------------------------------------

def binary(rng: random.Random, n: int) -> Case:
    data = rng.choice(SIGNATURES) + rng.randbytes(rng.randrange(200, 4000))
    if rng.random() < 0.2:
        data = gzip.compress(good_text(rng, n).encode())
    suffix = rng.choice([".txt", ".html", ".jsonl"])
    return Case(f"{n:05d}-binary{suffix}".encode(), data, "binary", frozenset({"E002", "E003"}),
                line=data.replace(b"\n", b" ")[:2000], line_expect=RAW_LINE)


def encoding(rng: random.Random, n: int) -> Case:
    text = good_text(rng, n)
    choice = rng.randrange(7)
    if choice == 0:
        return Case(f"{n:05d}-utf8-bom.txt".encode(), codecs.BOM_UTF8 + text.encode(), "encoding",
                    frozenset({None}), line=_line({"id": f"{n:05d}-utf8-bom", "text": text}))
    if choice in (1, 2):
        codec = rng.choice(["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
        bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
               "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[codec]
        with_bom = choice == 1
        data = (bom if with_bom else b"") + text.encode(codec)
        return Case(f"{n:05d}-{codec}{'-bom' if with_bom else ''}.txt".encode(), data, "encoding",
                    frozenset({None} if with_bom else {"E002"}), line=data.replace(b"\n", b" "),
                    line_expect=RAW_LINE)
    name, sample = rng.choice(list(ENCODED.items()))
    data = sample.encode(name)
    return Case(f"{n:05d}-{name}.txt".encode(), data, "encoding", frozenset({"E003", "E005", None}),
                line=b'{"id": "enc", "text": "' + data + b'"}', line_expect=frozenset({"E003", "E005", "E007", None}))


def invalid(rng: random.Random, n: int) -> Case:
    text = good_text(rng, n).encode()
    bad = rng.choice([b"\xe2\x82", b"\xc0\xaf", b"\x80\x80", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\xff"])
    at = rng.randrange(len(text))
    data = text[:at] + bad + text[at:]
    return Case(f"{n:05d}-invalid.txt".encode(), data, "invalid", frozenset({"E003"}), line=data.replace(b"\n", b" "))


def controls(rng: random.Random, n: int) -> Case:
    text = good_text(rng, n)
    choice = rng.randrange(6)
    if choice == 0:
        return _text_case(f"{n:05d}-zero-width-only", "\u200b\u200c\u200d\u2060\ufeff \n" * rng.randrange(1, 400),
                          "controls", {"E001"})
    if choice == 1:
        mixed = "".join(c + ("\u200b" if c.isalpha() else "") for c in text)
        return _text_case(f"{n:05d}-zero-width-inside", mixed, "controls", {None, "E005"})
    if choice == 2:
        return _text_case(f"{n:05d}-rtl", "\u202e" + text + "\u202c \u200f" + text[::-1], "controls", {None, "E005"})
    if choice == 3:
        emoji = " ".join(w + rng.choice(["", " 🇰🇪", " 🔥", " 👍🏽", " 🤝", " 😀"]) for w in text.split(" "))
        return _text_case(f"{n:05d}-emoji", emoji, "controls", {None})
    if choice == 4:
        noisy = "".join(c + (chr(rng.choice([1, 2, 7, 27, 127])) if rng.random() < 0.02 else "") for c in text)
        return _text_case(f"{n:05d}-some-controls", noisy, "controls", {None})
    heavy = "".join(chr(rng.randrange(1, 9)) * 3 + c for c in text)
    return _text_case(f"{n:05d}-mostly-controls", heavy, "controls", {"E002", "E001", "E005", None})


def scripts(rng: random.Random, n: int) -> Case:
    language, text = rng.choice(list(SCRIPTS.items()))
    return _text_case(f"{n:05d}-{language}", f"{text} {text} ({n})", "scripts", {"E005"})


def html(rng: random.Random, n: int) -> Case:
    text = good_text(rng, n)
    choice = rng.randrange(5)
    if choice == 0:
        page = f"<html><body><article><p>{text}<p><div><span>unclosed <b>tags <i>{text[:80]}"
        expect = {None, "E006"}
    elif choice == 1:
        page = "<html><head><script>" + "var x = 1;" * 500 + "</script></head><body><script>go()</script></body></html>"
        expect = {"E006"}
    elif choice == 2:
        page = rng.choice(["", "   \n", "<html></html>", "<!DOCTYPE html>"])
        expect = {"E001", "E006"}
    elif choice == 3:
        entities = "".join(f'<!ENTITY e{i} "&e{i - 1};&e{i - 1};&e{i - 1};&e{i - 1};">' for i in range(1, 10))
        page = f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY e0 "bomb">{entities}]><html><body><p>&e9;</p>' \
               f"<p>{text}</p></body></html>"
        expect = {None, "E006"}
    else:
        page = "<div>" * 20_000 + f"<p>{text}</p>" + "</div>" * 20_000
        expect = {None, "E006"}
    return Case(f"{n:05d}-html.html".encode(), page.encode(), "html", frozenset(expect))


JSONL_LINES: list[tuple[Callable[[random.Random, str], bytes], set[str | None]]] = [
    (lambda r, t: b'{"id": "cut", "text": "' + t.encode()[: r.randrange(5, 40)], {"E007"}),
    (lambda r, t: _line(["not", "an", "object", t]), {"E007"}),
    (lambda r, t: b'{"id": "deep", "text": ' + b"[" * 3000 + b"]" * 3000 + b"}", {"E007"}),
    (lambda r, t: b'{"id": ' + b"9" * r.randrange(4400, 9000) + b', "text": "x"}', {"E007"}),
    (lambda r, t: _line({"id": ["a", "b"], "text": t}), {"E008"}),
    (lambda r, t: _line({"id": {"x": 1}, "text": t}), {"E008"}),
    (lambda r, t: _line({"id": True, "text": t}), {"E008"}),
    (lambda r, t: _line({"id": "n", "text": r.randrange(10**6)}), {"E008"}),
    (lambda r, t: _line({"id": "nul", "text": t[:40] + "\x00" + t[40:]}), {"E002"}),
    (lambda r, t: b'{"id": "raw", "text": "' + t.encode()[:40] + b'\x00"}', {"E002"}),
    (lambda r, t: _line({"id": "sur", "text": t[:30] + "\ud800" + t[30:]}), {"E003"}),
    (lambda r, t: _line({"id": "d", "text": t, "published": r.choice(["2024-05-16garbage", "2024-13-45",
                                                                      "2024-05-16T25:61:99", "16/05/2024",
                                                                      "\uff12\uff10\uff12\uff14-05-16"])}),
     {"E011"}),
    (lambda r, t: _line({"id": "w", "text": t, "published": 20240516}), {"E011"}),
    (lambda r, t: b'{"id": "bad-utf8", "text": "caf\xe9"}', {"E003"}),
]


def jsonl(rng: random.Random, n: int) -> Case:
    make, expect = rng.choice(JSONL_LINES)
    line = make(rng, good_text(rng, n)).replace(b"\n", b" ")
    return Case(f"{n:05d}-line.jsonl".encode(), line + b"\n", "jsonl", frozenset(expect), line=line)


def numbers(rng: random.Random, n: int) -> Case:
    text = good_text(rng, n)
    big = rng.choice(["$" + "9" * rng.randrange(20, 6000), "$99999999999999999999 billion",
                      "\u20ac" + "1" * 40 + " trillion", f"{'7' * 400} soldiers", "1e999999 dollars",
                      "$" + "8" * 25 + "." + "5" * 30])
    return _text_case(f"{n:05d}-numbers", f"{text} The ministry spent {big} on new roads, officials said.",
                      "numbers", {None})


def names(rng: random.Random, n: int) -> Case:
    name = rng.choice([b"bad\xff\xfe name", "caf\u00e9 \u540d\u524d".encode(), b"with\nnewline", b"tab\there",
                       b"x" * 200, b"-leading-dash", b"2024-05-16_dated", b"semi;colon & 'quote'"])
    text = good_text(rng, n)
    case = _text_case("x", text, "names", {None})
    case.name = f"{n:05d}-".encode() + name + b".txt"
    case.line = _line({"id": case.name.decode("utf-8", "backslashreplace"), "text": text})
    return case


def long(rng: random.Random, n: int, size: int) -> Case:
    """A document of about ``size`` characters in one of the shapes the issue found slow."""
    choice = rng.randrange(6)
    sentences = [good_text(rng, n * 10_000 + i).split("\n")[0] for i in range(200)]
    if choice == 0:
        text = " ".join(s.split(". ")[0] + "." for s in sentences)
    elif choice == 1:
        text = " ".join(f"\u201c{s}\u201d {STATES[i % 12][2]} said." for i, s in enumerate(sentences))
    elif choice == 2:
        text = " ".join(('"' if i % 3 == 0 else "") + s for i, s in enumerate(sentences))
    elif choice == 3:
        text = "the "
    elif choice == 4:
        text = " ".join(sentences).replace("\n", " ")
    else:
        text = "["
    text = (text * (size // len(text) + 1))[:size] + f" ({n})"
    return _text_case(f"{n:05d}-long", text, "long", {"E001"} if choice == 5 else {None})


HOSTILE: list[Callable[[random.Random, int], Case]] = [binary, encoding, invalid, controls, scripts, html, jsonl,
                                                       numbers, names]


def generate(n: int, seed: int, long_sizes: tuple[int, ...] = (), huge: bool = False) -> list[Case]:
    """About ``n`` cases, hostile and good in turn; ``long_sizes``: documents of those sizes (characters) in the
    shapes the issue found slow, among them; ``huge``: and one 20 MB file."""
    rng = random.Random(seed)
    cases: list[Case] = []
    at = {rng.randrange(max(n // 2, 1)): size for size in long_sizes}
    for i in range(n // 2):
        serial = len(cases)
        cases.append(long(rng, serial, at[i]) if i in at else rng.choice(HOSTILE)(rng, serial))
        text = good_text(rng, serial + 1)
        cases.append(Case(f"{serial + 1:05d}-good.txt".encode(), text.encode(), "good", frozenset({None}), True,
                          _line({"id": f"{serial + 1:05d}-good", "text": text, "published": "2024-05-16"})))
    if huge:
        sentence = "The foreign ministers met in Geneva on Tuesday to discuss trade and security. "
        data = (sentence * (20 * 1024 * 1024 // len(sentence) + 1)).encode()
        cases.insert(len(cases) // 2, Case(b"99999-huge.txt", data, "huge", frozenset({"E004"})))
    return cases


def long_sizes(seed: int, count: int = 6) -> tuple[int, ...]:
    """``count`` sizes between 0.5 and 1 MB (characters), drawn from ``seed``."""
    rng = random.Random(seed + 1)
    return tuple(rng.randrange(500_000, 1_000_000) for _ in range(count))
