"""Step 0: the event lexicon — trigger patterns with their CAMEO code, read and checked at start-up.

  data/classes.yaml          word classes: object nouns (WEAPONS, MONEY…), verb synonym sets (CONDEMN…) and the
                             prepositions a pattern may name
  data/patterns/NN_*.yaml    the patterns of CAMEO root NN (01 … 20), one file per root
  user pattern files         the same format, plus classes of their own (``pattern_files`` in newsgraph.toml,
                             ``--patterns FILE``); their patterns are tried before the shipped ones

The format is documented in ``data/README.md``. Every mistake (an unknown key, word class, preposition, CAMEO code
or PLOVER type) stops the start with E012 naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsgraph.cache import cached, digest
from newsgraph.kb.ontology import Ontology, load_ontology, plover_types
from newsgraph.nlp.events.datafile import DataFileError, Entry, Items, check_keys, flag, line_of, read, words

DATA = resources.files("newsgraph.nlp.events") / "data"
DEFAULT_VERB_TARGETS = ("dobj",)
DEFAULT_NOUN_TARGETS = ("against", "on", "with", "to", "for", "between")
PATTERN_KEYS = {"verb", "noun", "cameo", "object", "object_not", "subject", "party_object", "prep", "target",
                "source", "passive_source", "needs", "mutual", "place_is_target", "standing", "plover", "example",
                "note"}
NEEDS = ("source", "target")
CLASS_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
BUILT_IN = {"PERSON", "ANY"}  # a named person or nationality; any object at all
ANY_VERB = "*"  # ``to ANY``: an infinitive complement of any verb

#: (part of speech, lemma) → the patterns of that trigger word, in the order they are tried
PatternTable = dict[tuple[str, str], list["Pattern"]]


@dataclass(frozen=True)
class Objects:
    """A pattern's object constraint: any item whose parts all appear among the object's lemmas (a part is any
    word of its class: ``joint+EXERCISES``), or a person (``PERSON``), or anything (``ANY``)."""

    items: tuple[tuple[frozenset[str], ...], ...] = ()
    person: bool = False
    anything: bool = False
    written: tuple[str, ...] = ()  # as the file says it, for the pattern's name
    infinitives: frozenset[str] = frozenset()  # "to comment": the verb of an infinitive complement

    def __bool__(self) -> bool:
        return bool(self.items or self.person or self.anything or self.infinitives)

    def hold(self, lemmas: set[str]) -> bool:
        return any(all(part & lemmas for part in item) for item in self.items)


@dataclass(frozen=True)
class Pattern:
    lemma: str
    pos: str  # VERB or NOUN
    cameo: str
    objects: Objects = Objects()
    targets: tuple[str, ...] = DEFAULT_VERB_TARGETS
    mutual: bool = False
    place_is_target: bool = False
    particle: str | None = None
    prep: str | None = None  # a preposition the trigger must govern: "call for", "pull out of"
    plover: str | None = None  # a PLOVER type that replaces the one the CAMEO table gives
    where: str = ""  # file:line
    examples: tuple[str, ...] = ()
    objects_not: Objects = Objects()  # no object (or noun modifier) may be one of these: "fought the fire"
    subject: Objects = Objects()  # the subject must be one of these: "troops moved to the border"
    party_object: bool = False  # a direct object, if any, must name a party: "met Putin", not "met expectations"
    source_preps: tuple[str, ...] = ()  # converse verbs: the source is the object of these ("received aid from")
    passive_source: tuple[str, ...] = ()  # in a passive with no agent, these name the source ("expelled from the US")
    needs: frozenset[str] = frozenset()  # sides that must be found: {"target"} for a visit
    standing: bool = False  # a noun naming a standing situation ("the war", "its support"): news only when dated

    @property
    def rank(self) -> tuple[int, int]:
        """Specific patterns are tried first: phrasal verbs, then object words, a preposition, any object, none."""
        if self.objects.items or self.objects.person or self.objects.infinitives or self.subject:
            constraint = 0
        elif self.prep and not self.objects:
            constraint = 1
        else:
            constraint = 2 if self.objects.anything else 3
        return (0 if self.particle else 1, constraint)

    @property
    def name(self) -> str:
        words_ = f"{self.lemma} {self.particle}" if self.particle else self.lemma
        prep = f" [{self.prep}]" if self.prep else ""
        objects = f"+{'|'.join(self.objects.written)}" if self.objects.written else ""
        return f"{self.pos.lower()}:{words_}{prep}{objects} ({self.where})"


@dataclass
class WordClasses:
    nouns: dict[str, frozenset[str]] = field(default_factory=dict)
    verbs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    prepositions: frozenset[str] = frozenset()


def load_patterns(extra: tuple[str, ...] = ()) -> PatternTable:
    """The shipped patterns with the user's files (tried first); cached, as every pipeline reads the same, and
    compiled on disk (``newsgraph.cache``: rebuilt when a pattern, class, CAMEO or PLOVER file changes)."""
    return _compiled(tuple(extra))


@lru_cache(maxsize=8)
def _compiled(extra: tuple[str, ...]) -> PatternTable:
    kb_data = resources.files("newsgraph.kb") / "data"
    sources = [DATA / "classes.yaml", *sorted(DATA.joinpath("patterns").iterdir(), key=lambda f: f.name),
               kb_data / "cameo.csv", kb_data / "plover.yaml", *(Path(p) for p in extra if Path(p).is_file())]
    name = "events+" + digest(extra)[:12] if extra else "events"
    return cached(name, [*sources, *extra], lambda: _load(extra))


@lru_cache(maxsize=1)
def shipped_classes() -> WordClasses:
    """The word classes of ``classes.yaml`` alone (other data files of the stage name them)."""
    raw, prepositions = _raw_classes(read(DATA / "classes.yaml", "classes.yaml"), "classes.yaml", user=False)
    return _resolve(raw, prepositions)


def words_of(items: list[str], classes: WordClasses, where: str, line: int) -> frozenset[str]:
    """Lemmas and noun classes (upper case) as one set of lemmas."""
    found: set[str] = set()
    for item in items:
        if CLASS_NAME.match(item):
            if item not in classes.nouns:
                raise DataFileError(where, line, f"unknown word class {item}")
            found |= classes.nouns[item]
        else:
            found.add(item.lower())
    return frozenset(found)


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> PatternTable:
    raw, prepositions = _raw_classes(read(DATA / "classes.yaml", "classes.yaml"), "classes.yaml", user=False)
    user_docs = []
    for path in extra:
        doc = check_keys(read(Path(path), path), path, 1, {"name", "root", "classes", "patterns"})
        if "classes" in doc:
            more, extra_preps = _raw_classes(doc["classes"], path, user=True, known=raw)
            raw, prepositions = _merge_classes(raw, more), prepositions | extra_preps
        user_docs.append((path, doc))
    classes = _resolve(raw, prepositions)
    ontology, plover = load_ontology(), plover_types()
    shipped: list[Pattern] = []
    for file in sorted(DATA.joinpath("patterns").iterdir(), key=lambda f: f.name):
        if file.name.endswith(".yaml"):
            where = f"patterns/{file.name}"
            doc = check_keys(read(file, where), where, 1, {"root", "name", "patterns"}, {"root", "name", "patterns"})
            if doc["root"] != file.name[:2]:
                raise DataFileError(where, line_of(doc, "root"), f"root {doc['root']!r} but the file is named "
                                                                 f"for root {file.name[:2]}")
            shipped += _file_patterns(doc, where, classes, ontology, plover)
    table: PatternTable = {}
    for patterns in (*(_file_patterns(d, p, classes, ontology, plover) for p, d in user_docs), shipped):
        for pattern in sorted(patterns, key=lambda p: p.rank):  # stable: file order within a rank
            table.setdefault((pattern.pos, pattern.lemma), []).append(pattern)
    return table


# ---- word classes ----------------------------------------------------------------------------------------
RawClass = tuple[str, list[str], int, str]  # kind (nouns/verbs), words, line, file


def _raw_classes(doc: Any, where: str, user: bool, known: dict[str, RawClass] | None = None
                 ) -> tuple[dict[str, RawClass], frozenset[str]]:
    entry = check_keys(doc, where, getattr(doc, "line", 1), {"nouns", "verbs", "prepositions"})
    found: dict[str, RawClass] = {}
    for kind in ("nouns", "verbs"):
        section = entry.get(kind) or Entry()
        if not isinstance(section, Entry):
            raise DataFileError(where, line_of(entry, kind), f"{kind} must map class names to classes")
        for name, body in section.items():
            line = section.lines[name]
            if not CLASS_NAME.match(name) or name in BUILT_IN:
                raise DataFileError(where, line, f"{name!r}: a class name is upper case (A-Z, 0-9, _) and not "
                                                 f"{' or '.join(sorted(BUILT_IN))}")
            allowed = {"about", "words", "extend"} if user else {"about", "words"}
            body = check_keys(body, where, line, allowed, {"words"})
            extends = flag(body, "extend", where)
            if known is not None and (name in known) != extends:
                problem = "extends a class that does not exist" if extends else "exists already (add extend: true)"
                raise DataFileError(where, line, f"class {name} {problem}")
            if extends and known is not None and known[name][0] != kind:
                raise DataFileError(where, line, f"class {name} is a class of {known[name][0]}, not {kind}")
            found[name] = (kind, words(body["words"], where, line_of(body, "words"), "words"), line, where)
    preps = entry.get("prepositions", Items())
    return found, frozenset(w.lower() for w in words(preps, where, line_of(entry, "prepositions"), "prepositions"))


def _merge_classes(shipped: dict[str, RawClass], user: dict[str, RawClass]) -> dict[str, RawClass]:
    merged = dict(shipped)
    for name, (kind, items, line, where) in user.items():
        merged[name] = (kind, merged[name][1] + items, line, where) if name in merged else (kind, items, line, where)
    return merged


def _resolve(raw: dict[str, RawClass], prepositions: frozenset[str]) -> WordClasses:
    """Expand classes that name other classes; refuse unknown names and cycles."""
    done: dict[str, list[str]] = {}

    def expand(name: str, path: tuple[str, ...]) -> list[str]:
        if name in done:
            return done[name]
        kind, items, line, where = raw[name]
        out: list[str] = []
        for item in items:
            if CLASS_NAME.match(item):
                if item not in raw or raw[item][0] != kind:
                    raise DataFileError(where, line, f"class {name}: unknown {kind[:-1]} class {item}")
                if item in path:
                    raise DataFileError(where, line, f"class {name}: a cycle through {' > '.join((*path, item))}")
                out += expand(item, (*path, item))
            else:
                out.append(item.lower())
        done[name] = out
        return out

    classes = WordClasses(prepositions=prepositions)
    for name, (kind, *_rest) in raw.items():
        if kind == "nouns":
            classes.nouns[name] = frozenset(expand(name, (name,)))
        else:
            classes.verbs[name] = tuple(dict.fromkeys(expand(name, (name,))))
    return classes


# ---- patterns --------------------------------------------------------------------------------------------
def _file_patterns(doc: Entry, where: str, classes: WordClasses, ontology: Ontology,
                   plover: frozenset[str]) -> list[Pattern]:
    items = doc.get("patterns", Items())
    if not isinstance(items, Items):
        raise DataFileError(where, line_of(doc, "patterns"), "patterns must be a list")
    root = doc.get("root")
    out: list[Pattern] = []
    for entry, line in zip(items, items.lines, strict=True):
        entry = check_keys(entry, where, line, PATTERN_KEYS, {"cameo"})
        cameo = entry["cameo"]
        if not isinstance(cameo, str) or cameo not in ontology:
            raise DataFileError(where, line_of(entry, "cameo"), f"{cameo!r} is not a CAMEO code of kb/data/cameo.csv")
        if root is not None and not cameo.startswith(root):
            raise DataFileError(where, line_of(entry, "cameo"), f"{cameo} is not a code of root {root}")
        out += _entry_patterns(entry, f"{where}:{line}", where, classes, plover)
    return out


def _entry_patterns(entry: Entry, at: str, where: str, classes: WordClasses, plover: frozenset[str]
                    ) -> list[Pattern]:
    """One pattern per trigger word of the entry (a verb class stands for each of its verbs)."""
    pos_key = [k for k in ("verb", "noun") if k in entry]
    if len(pos_key) != 1:
        raise DataFileError(where, entry.line, "a pattern has exactly one of verb or noun")
    key = pos_key[0]
    pos = key.upper()
    triggers = _triggers(entry, key, where, classes)
    objects = _objects(entry, "object", pos, where, classes)
    prep = _preposition(entry, "prep", where, classes) if "prep" in entry else None
    default = DEFAULT_VERB_TARGETS if pos == "VERB" else DEFAULT_NOUN_TARGETS
    targets = tuple(_targets(entry, where, classes)) if "target" in entry else default
    kind = entry.get("plover")
    if kind is not None and (not isinstance(kind, str) or kind.upper() not in plover):
        raise DataFileError(where, line_of(entry, "plover"),
                            f"{kind!r} is not a PLOVER type ({', '.join(sorted(plover))})")
    examples = tuple(words(entry["example"], where, line_of(entry, "example"), "example")) if "example" in entry else ()
    common = {"cameo": entry["cameo"], "objects": objects, "targets": targets, "prep": prep,
              "mutual": flag(entry, "mutual", where), "place_is_target": flag(entry, "place_is_target", where),
              "plover": kind.upper() if kind else None, "where": at, "examples": examples,
              **_constraints(entry, pos, where, classes)}
    return [Pattern(lemma=lemma, pos=pos, particle=particle, **common) for lemma, particle in triggers]


def _constraints(entry: Entry, pos: str, where: str, classes: WordClasses) -> dict[str, Any]:
    """The keys that narrow where a pattern holds: object_not, subject, party_object, source, needs, standing."""
    found: dict[str, Any] = {
        "objects_not": _objects(entry, "object_not", pos, where, classes, built_in=False),
        "subject": _objects(entry, "subject", pos, where, classes, built_in=False),
        "party_object": flag(entry, "party_object", where), "standing": flag(entry, "standing", where)}
    if found["standing"] and pos != "NOUN":
        raise DataFileError(where, line_of(entry, "standing"), "standing applies to nouns")
    if "source" in entry:
        found["source_preps"] = tuple(_prepositions(entry, "source", where, classes))
    if "passive_source" in entry:
        found["passive_source"] = tuple(_prepositions(entry, "passive_source", where, classes))
    if "needs" in entry:
        needs = words(entry["needs"], where, line_of(entry, "needs"), "needs")
        if not set(needs) <= set(NEEDS):
            raise DataFileError(where, line_of(entry, "needs"), f"needs: {', '.join(NEEDS)}, not {needs}")
        found["needs"] = frozenset(needs)
    return found


def _triggers(entry: Entry, key: str, where: str, classes: WordClasses) -> list[tuple[str, str | None]]:
    line = line_of(entry, key)
    out: list[tuple[str, str | None]] = []
    for item in words(entry[key], where, line, key):
        if CLASS_NAME.match(item):
            if key != "verb" or item not in classes.verbs:
                kinds = "verb class" if key == "verb" else "class (nouns are single words)"
                raise DataFileError(where, line, f"unknown {kinds} {item}")
            members = list(classes.verbs[item])
        else:
            members = [item.lower()]
        for member in members:
            parts = member.split()
            if len(parts) > (2 if key == "verb" else 1):
                raise DataFileError(where, line, f"{member!r}: a {key} is one word" +
                                    (" with at most one particle" if key == "verb" else ""))
            out.append((parts[0], parts[1] if len(parts) > 1 else None))
    return out


def _objects(entry: Entry, key: str, pos: str, where: str, classes: WordClasses, built_in: bool = True
             ) -> Objects:
    """A list of lemmas, noun classes, ``a+B`` combinations, ``to VERB`` (an infinitive complement) and, where
    ``built_in``, PERSON and ANY."""
    if key not in entry:
        return Objects()
    line = line_of(entry, key)
    written = words(entry[key], where, line, key)
    items: list[tuple[frozenset[str], ...]] = []
    infinitives: set[str] = set()
    for item in written:
        if item in BUILT_IN:
            if pos != "VERB" or not built_in:
                raise DataFileError(where, line, f"{item} applies to a verb's object only")
            continue
        if item.startswith("to "):
            infinitives |= _infinitive(item[3:].strip(), pos, where, line, classes)
            continue
        parts = []
        for part in item.split("+"):
            if CLASS_NAME.match(part):
                if part not in classes.nouns:
                    raise DataFileError(where, line, f"unknown word class {part} (known: "
                                                     f"{', '.join(sorted(classes.nouns))}, PERSON, ANY)")
                parts.append(classes.nouns[part])
            elif part.strip():
                parts.append(frozenset({part.strip().lower()}))
            else:
                raise DataFileError(where, line, f"{item!r}: an empty part")
        items.append(tuple(parts))
    return Objects(tuple(items), "PERSON" in written, "ANY" in written, tuple(written), frozenset(infinitives))


def _infinitive(verb: str, pos: str, where: str, line: int, classes: WordClasses) -> set[str]:
    """``to comment`` / ``to MEET_CLASS`` / ``to ANY``: the verbs an infinitive complement may have ("*": any)."""
    if pos != "VERB":
        raise DataFileError(where, line, f"'to {verb}': an infinitive complement belongs to a verb")
    if verb == "ANY":
        return {ANY_VERB}
    if CLASS_NAME.match(verb):
        if verb not in classes.verbs:
            raise DataFileError(where, line, f"unknown verb class {verb}")
        return {v.split()[0] for v in classes.verbs[verb]}
    if not verb or " " in verb:
        raise DataFileError(where, line, f"'to {verb}': one verb lemma or a verb class")
    return {verb.lower()}


def _prepositions(entry: Entry, key: str, where: str, classes: WordClasses) -> list[str]:
    found = [w.lower() for w in words(entry[key], where, line_of(entry, key), key)]
    for word in found:
        if word not in classes.prepositions:
            raise DataFileError(where, line_of(entry, key), f"{key} {word!r}: not a preposition of classes.yaml")
    return found


def _preposition(entry: Entry, key: str, where: str, classes: WordClasses) -> str:
    value = entry[key]
    if not isinstance(value, str) or value.lower() not in classes.prepositions:
        raise DataFileError(where, line_of(entry, key), f"{value!r} is not a preposition of classes.yaml")
    return value.lower()


def _targets(entry: Entry, where: str, classes: WordClasses) -> list[str]:
    value = entry["target"]
    found = words(value, where, line_of(entry, "target"), "target")
    for word in found:
        if word.lower() != "dobj" and word.lower() not in classes.prepositions:
            raise DataFileError(where, line_of(entry, "target"),
                                f"target {word!r}: dobj or a preposition of classes.yaml")
    return [w.lower() for w in found]
