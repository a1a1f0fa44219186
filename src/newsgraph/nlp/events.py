"""Stage 7, ``newsgraph_events``: who did what to whom, coded in CAMEO and PLOVER, with evidence and modality.

  1. triggers: verbs and nouns of the pattern lexicon (``data/event_patterns.yaml``), with object constraints
     ("impose" + sanctions) and phrasal particles;
  2. arguments from the dependency parse: subject (through xcomp/advcl/conj/relative clauses when the trigger
     has none), passive agent ("rejected by both Ukraine and the West"), direct object or prepositional target,
     possessor and demonym of a nominal trigger ("Putin's visit", "Western sanctions"), "between X and Y",
     coordination; each argument maps to actors through the mentions (and so through coreference);
     a target that is a thing named by an earlier event ("the plan") takes that event's source;
  3. modality and negation: intent (will/would, "continue to", "plan to"), request ("urged X to"), threat,
     hypothetical ("if"), possible (may/might/could), denied, negated;
  4. time and place: the time expression nearest the trigger in the parse tree of its sentence (else the
     publication date, recorded as such), and a place in a locative phrase of the trigger;
  5. ontology: Goldstein, QuadClass and PLOVER type/mode/context from the CAMEO table; reciprocal triggers
     with a plural subject and no target give one event each way.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.errors import ErrorCode, SetupError
from newsgraph.kb.actors import KnowledgeBase, load_kb
from newsgraph.kb.ontology import Ontology, load_ontology
from newsgraph.nlp.common import add_actor, doc_text, mention_at
from newsgraph.nlp.extensions import Event, Mention

#: CAMEO codes an announced action takes: "will provide aid" is an expressed intent to provide aid (033), "will
#: strike" a threat of military force (138). Longest matching prefix wins; codes without an entry keep their own.
INTENT_OF = {"04": "036", "05": "032", "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
             "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334", "08": "035", "081": "0351",
             "084": "0353", "085": "0354", "086": "0355", "087": "0356"}
#: A refused action ("will not lift the embargo", "would not meet") is coded as CAMEO codes refusals.
REFUSAL_OF = {"03": "120", "04": "125", "05": "120", "06": "121", "061": "1211", "062": "1212", "07": "122",
              "08": "124", "081": "1241", "084": "1243", "085": "1244", "086": "1245", "087": "1246"}
THREAT_OF = {"16": "131", "163": "1312", "17": "137", "18": "138", "19": "1384", "191": "1381", "192": "1382",
             "20": "1385"}
RECIPIENT_PREPS = frozenset({"to", "for", "with", "against", "toward", "towards", "in", "into", "on"})
ADDRESSED_ROOTS = frozenset({"02", "10", "11", "13"})  # appeal, demand, disapprove, threaten
DEFAULT_NOUN_TARGETS = ("against", "on", "with", "to", "for", "between")
INTENT_HEADS = frozenset({"ready", "willing", "prepared", "determined", "set", "eager", "keen", "about",
                          "plan", "intend", "want", "seek", "vow", "pledge", "promise", "aim",
                          "prepare", "hope", "expect", "decide", "agree", "offer", "try", "attempt"})
REQUEST_HEADS = frozenset({"urge", "ask", "call", "demand", "press", "request", "appeal", "encourage", "tell"})
THREAT_HEADS = frozenset({"threaten", "warn"})
DENY_HEADS = frozenset({"deny", "dismiss", "refute"})
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})
POSSIBLE_AUX = frozenset({"may", "might", "could"})
PERSON_ENTS = frozenset({"PERSON", "NORP"})  # what an "@person" object constraint accepts


@dataclass(frozen=True)
class Pattern:
    lemma: str
    pos: str  # VERB or NOUN
    cameo: str
    objects: frozenset[str] = frozenset()
    targets: tuple[str, ...] = ("dobj",)
    mutual: bool = False
    place_is_target: bool = False
    particle: str | None = None
    prep: str | None = None  # a preposition the trigger must govern: "call for", "pull out of"

    @property
    def name(self) -> str:
        return f"{self.pos.lower()}:{self.lemma}" + (f"+{'|'.join(sorted(self.objects))}" if self.objects else "")


def load_patterns(extra: tuple[str, ...] = ()) -> dict[tuple[str, str], list[Pattern]]:
    texts = [(resources.files("newsgraph.nlp") / "data" / "event_patterns.yaml").read_text(encoding="utf-8")]
    for path in extra:
        try:
            with open(path, encoding="utf-8") as handle:
                texts.append(handle.read())
        except OSError as err:
            raise SetupError(ErrorCode.DATA_FILE, f"event pattern file {path}: {err}") from err
    table: dict[tuple[str, str], list[Pattern]] = {}
    for text in texts:  # the shipped file first; a user file's patterns are tried before the shipped ones
        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError as err:
            raise SetupError(ErrorCode.DATA_FILE, f"event patterns: {err}") from err
        own: dict[tuple[str, str], list[Pattern]] = {}
        for pos, key in (("VERB", "verbs"), ("NOUN", "nouns")):
            for entry in data.get(key) or []:
                pattern = _pattern(entry, pos)
                own.setdefault((pos, pattern.lemma), []).append(pattern)
        for lemma, patterns in own.items():
            table[lemma] = patterns + table.get(lemma, [])
    return table


def _word(value: Any) -> str:
    """YAML 1.1 reads a bare ``on``/``off`` as a boolean; we mean the preposition."""
    if value is True:
        return "on"
    if value is False:
        return "off"
    return str(value).lower()


def _pattern(entry: dict[str, Any], pos: str) -> Pattern:
    try:
        words = str(entry["lemma"]).lower().split()
        default = ("dobj",) if pos == "VERB" else DEFAULT_NOUN_TARGETS
        return Pattern(
            lemma=words[0],
            pos=pos,
            cameo=str(entry["cameo"]),
            objects=frozenset(str(o).lower() for o in entry.get("object") or []),
            targets=tuple(_word(t) for t in entry.get("target") or default),
            mutual=bool(entry.get("mutual", False)),
            place_is_target=bool(entry.get("place_is_target", False)),
            particle=words[1] if len(words) > 1 else None,
            prep=_word(entry["prep"]) if entry.get("prep") is not None else None,
        )
    except (KeyError, TypeError, AttributeError) as err:
        raise SetupError(ErrorCode.DATA_FILE, f"event pattern {entry!r}: {err!r}") from err


@Language.factory("newsgraph_events", assigns=["doc._.ng_events"],
                  requires=["doc._.ng_mentions", "doc._.ng_times", "doc._.ng_places", "doc._.ng_quotes"],
                  default_config={"pattern_files": [], "keep_unattached": False, "actor_files": []})
def make_events(nlp: Language, name: str, pattern_files: list[str], keep_unattached: bool,
                actor_files: list[str]) -> EventCoder:
    return EventCoder(load_patterns(tuple(pattern_files)), load_ontology(), keep_unattached,
                      load_kb(tuple(actor_files)))


class EventCoder:
    def __init__(self, patterns: dict[tuple[str, str], list[Pattern]], ontology: Ontology,
                 keep_unattached: bool, kb: KnowledgeBase) -> None:
        self.patterns = patterns
        self.ontology = ontology
        self.keep_unattached = keep_unattached
        self.kb = kb

    def __call__(self, doc: Doc) -> Doc:
        index = mention_at(doc)
        mentions = doc._.ng_mentions or []
        events: list[Event] = []
        object_owner: dict[str, list[str]] = {}  # "plan" → the source of the event whose object it was
        for tok in doc:
            pattern = self.match(tok)
            if pattern is None:
                continue
            if pattern.pos == "NOUN" and tok.dep_ in {"dobj", "attr"} and self.match(tok.head) is not None:
                continue  # "gave aid", "imposed sanctions": the verb's event already tells it
            source = self.sources(tok, pattern, index, mentions)
            target = self.targets(tok, pattern, index, mentions, object_owner)
            if not target and pattern.pos == "NOUN":
                target = self._affected(tok, index, mentions)
            if not target:
                target = self._between(tok, index, mentions)
            if not target and pattern.pos == "VERB" and pattern.cameo[:2] in ADDRESSED_ROOTS:
                target = self._addressee_clause(tok, source, index, mentions)
            if not target and pattern.pos == "VERB" and not (pattern.mutual and len(source) >= 2):
                target = self._recipient(tok, source, index, mentions)  # "signed … in Nairobi": no recipient
            source = [a for a in source if a not in target] or source
            if pattern.mutual and not source and len(target) >= 2:
                source, target = target, []  # "talks between Moscow and Kyiv"
            attached = bool(source) if pattern.pos == "NOUN" else bool(source or target)
            if not attached and not self.keep_unattached:
                continue
            if target and set(source) == set(target) and not pattern.mutual:
                continue  # an actor acting on itself is a parse or entity error, not an event
            obj = _direct_object(tok)
            if obj is not None and source and obj.i not in index:
                object_owner[obj.lemma_.lower()] = source
            for src, tgt in self._directions(source, target, pattern):
                events.append(self.build(doc, tok, pattern, src, tgt))
        roots = {n: doc.char_span(*e["trigger"]) for n, e in enumerate(events)}
        triggers = {span.root.i for span in roots.values() if span is not None}
        for n, event in enumerate(events):  # "accused them of attacking": the attack is embedded in the accusation
            span = roots[n]
            event["embedded"] = span is not None and any(a.i in triggers for a in span.root.ancestors)
        doc._.ng_events = merge_repeats(events)
        return doc

    # ---- 1. triggers ----------------------------------------------------------------------------------
    def match(self, tok: Token) -> Pattern | None:
        pos = "VERB" if tok.pos_ == "VERB" else "NOUN" if tok.pos_ == "NOUN" else None
        if pos is None:
            return None
        for pattern in self.patterns.get((pos, tok.lemma_.lower()), []):
            if pattern.particle and not any(c.dep_ == "prt" and c.lower_ == pattern.particle
                                            for c in tok.children):
                continue
            if pattern.prep and not any(c.dep_ in {"prep", "agent"} and c.lower_ == pattern.prep
                                        for c in tok.children):
                continue
            if pattern.objects and not _objects_hold(tok, pattern):
                continue
            return pattern
        return None

    # ---- 2. arguments ---------------------------------------------------------------------------------
    def sources(self, tok: Token, pattern: Pattern, index: dict[int, int], mentions: list[Mention]) -> list[str]:
        if pattern.pos == "NOUN":
            found: list[str] = []
            for child in tok.children:
                if child.dep_ in {"poss", "amod", "compound", "nmod"} and child.i < tok.i:
                    found += _actors_of(child, index, mentions)
            if not found and tok.dep_ in {"dobj", "attr"} and tok.head.pos_ == "VERB":
                subj = _subject(tok.head)  # light verbs: "the navies began a joint exercise", "held talks"
                found = _actors_of(subj, index, mentions) if subj is not None else []
            return _unique(found)
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            return _actors_of(pobj, index, mentions) if pobj is not None else []
        subj = _subject(tok)
        return _actors_of(subj, index, mentions) if subj is not None else []

    def targets(self, tok: Token, pattern: Pattern, index: dict[int, int], mentions: list[Mention],
                owner: dict[str, list[str]]) -> list[str]:
        found: list[str] = []
        passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        heads = [tok]
        obj = _direct_object(tok)
        if pattern.objects and obj is not None:
            heads.append(obj)  # "impose sanctions on X": the preposition may hang on the object
        for head in heads:
            for child in head.children:
                if child.dep_ == "dative" and child.pos_ == "ADP":  # "sent billions to Kyiv"
                    if child.lower_ in pattern.targets or "dobj" in pattern.targets:
                        for pobj in (c for c in child.children if c.dep_ == "pobj"):
                            found += self._argument(pobj, pattern, index, mentions, owner)
                elif child.dep_ in {"dobj", "dative"} and "dobj" in pattern.targets:
                    # "impose sanctions": the constrained object is the thing, not the target
                    if not (pattern.objects and obj is not None and child.i == obj.i):
                        found += self._argument(child, pattern, index, mentions, owner)
                elif child.dep_ == "prep" and child.lower_ in pattern.targets:
                    for pobj in (c for c in child.children if c.dep_ == "pobj"):
                        found += self._argument(pobj, pattern, index, mentions, owner)
        if passive is not None:
            found += self._argument(passive, pattern, index, mentions, owner)
        if not found and pattern.objects and obj is not None:
            # "lifted its blockade of Yemen" → Yemen; "expelled two Russian diplomats" → Russia
            subject = self.sources(tok, pattern, index, mentions)
            found += [a for a in _actors_of_modifiers(obj, index, mentions) if a not in subject]
        if not found and tok.dep_ == "relcl" and "dobj" in pattern.targets and obj is None:
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.tag_ not in {"WDT", "WP"}:  # "the officials it accuses": the gap
                found += self._argument(tok.head, pattern, index, mentions, owner)
        return _unique(found)

    def _argument(self, tok: Token, pattern: Pattern, index: dict[int, int], mentions: list[Mention],
                  owner: dict[str, list[str]]) -> list[str]:
        actors = _actors_of(tok, index, mentions)
        if actors:
            return actors
        n = index.get(tok.i)
        if pattern.place_is_target and n is not None and mentions[n]["how"] == "capital-as-place":
            return [add_actor(tok.doc, self.kb.state_actor(str(mentions[n]["description"])))]
        for child in tok.children:  # "support for Russia's war" → Russia; "a launch by North Korea"
            if child.dep_ == "poss":
                return _actors_of(child, index, mentions)
            if child.dep_ == "prep" and child.lower_ in {"by", "of", "from"}:  # "an offer from Kabul"
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and _actors_of(pobj, index, mentions):
                    return _actors_of(pobj, index, mentions)
        return list(owner.get(tok.lemma_.lower(), []))

    @staticmethod
    def _affected(tok: Token, index: dict[int, int], mentions: list[Mention]) -> list[str]:
        """A nominal event that is the subject of a verb acts on that verb's object's owner:
        "Western sanctions cut its access" → the sanctions target "its" owner."""
        if tok.dep_ != "nsubj":
            return []
        obj = _direct_object(tok.head)
        if obj is None:
            return []
        owner = next((c for c in obj.children if c.dep_ == "poss"), None)
        return _actors_of(owner or obj, index, mentions)

    def _recipient(self, tok: Token, source: list[str], index: dict[int, int], mentions: list[Mention]) -> list[str]:
        """Last resort for a target: the nearest actor named in a to/for/with/against/in phrase inside the
        trigger's own clause and its infinitival complement ("offered to hand over to Great Britain",
        "promised to continue military aid to Mozambique", "arrived in Amman")."""
        best: tuple[int, list[str]] | None = None
        for t in tok.subtree:
            if t.dep_ != "pobj" or t.head.lower_ not in RECIPIENT_PREPS:
                continue
            path, node = 0, t
            while node.i != tok.i and path < 8:  # no other clause with its own subject in between
                node = node.head
                path += 1
                if node.i != tok.i and any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children):
                    path = 99
                    break
            actors = [a for a in _actors_of(t, index, mentions) if a not in source]
            n = index.get(t.i)
            if not actors and n is not None and mentions[n]["how"] == "capital-as-place":
                place = add_actor(tok.doc, self.kb.state_actor(str(mentions[n]["description"])))
                actors = [place] if place not in source else []  # "Peru lifted the curfew in Lima"
            if actors and path < 99 and (best is None or path < best[0]):
                best = (path, actors)
        return best[1] if best else []

    @staticmethod
    def _addressee_clause(tok: Token, source: list[str], index: dict[int, int], mentions: list[Mention]
                          ) -> list[str]:
        """An appeal, demand, accusation or threat whose object is a clause is aimed at that clause's subject:
        "demanded that the US cancel the sale" → the US; "urged that Israel ease restrictions" → Israel."""
        clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
        if clause is None:
            return []
        subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            return []  # "warned that it would not end the strike": a speaker's own plan is aimed at nobody
        return [a for a in _actors_of(subject, index, mentions) if a not in source]

    @staticmethod
    def _between(tok: Token, index: dict[int, int], mentions: list[Mention]) -> list[str]:
        """Parties named by "between X and Y" inside the trigger's phrase ("calling for talks between …")."""
        for t in tok.subtree:
            if t.lower_ == "between" and t.dep_ == "prep":
                pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return _actors_of(pobj, index, mentions)
        return []

    @staticmethod
    def _directions(source: list[str], target: list[str], pattern: Pattern) -> list[tuple[list[str], list[str]]]:
        if pattern.mutual and not target and len(source) >= 2:
            return [([a], [b]) for a in source for b in source if a != b]
        return [(source, target)]

    # ---- 3-5. modality, time, place, ontology ---------------------------------------------------------
    def build(self, doc: Doc, tok: Token, pattern: Pattern, source: list[str], target: list[str]) -> Event:
        date, date_how = _date_for(doc, tok)
        modality, negated, reported_by = _modality(doc, tok)
        cameo = pattern.cameo
        if modality in {"intent", "threat"} and not negated:
            cameo = _announced(cameo, INTENT_OF) or _announced(cameo, THREAT_OF) or cameo
        elif modality == "intent" and negated:
            cameo = _announced(cameo, REFUSAL_OF) or cameo
        code = self.ontology.get(cameo)
        sent = tok.sent
        return Event(
            source=source, target=target, cameo=cameo, plover=code.plover, mode=code.mode,
            context=list(code.context), goldstein=code.goldstein, quad_class=code.quad_class,
            trigger=(tok.idx, tok.idx + len(tok.text)), sentence=(sent.start_char, sent.end_char),
            date=date, date_how=date_how, place=_place_for(doc, tok), negated=negated, modality=modality,
            reported_by=reported_by, pattern=pattern.name, also=[], embedded=False,
            evidence={"source": _evidence(doc, tok, source), "target": _evidence(doc, tok, target)},
        )


def dep_path(trigger: Token, other: Token) -> str:
    """The dependency path between two tokens, e.g. "condemned <nsubj Putin" or "flew >prep to >pobj China"."""
    up = [trigger, *trigger.ancestors]
    index = {t.i: n for n, t in enumerate(up)}
    down: list[Token] = []
    node = other
    while node.i not in index and node.head.i != node.i:
        down.append(node)
        node = node.head
    if node.i not in index:
        return "(no path in the parse)"
    steps = [f"^{t.dep_} {t.head.text}" for t in up[: index[node.i]]]
    steps += [f">{t.dep_} {t.text}" for t in reversed(down)]
    return " ".join([trigger.text, *steps]) if steps else trigger.text


def _evidence(doc: Doc, trigger: Token, actors: list[str]) -> list[dict[str, Any]]:
    """For each actor, the mention in the trigger's sentence that named it, nearest in the parse, and the path."""
    out: list[dict[str, Any]] = []
    sent = trigger.sent
    for actor in actors:
        best: tuple[int, Mention] | None = None
        for m in doc._.ng_mentions or []:
            if actor not in (m["group"] or [m["actor"]]) or not (sent.start <= m["tok"][0] < sent.end):
                continue
            head = doc[m["tok"][0] : m["tok"][1]].root
            distance = len(dep_path(trigger, head).split())
            if best is None or distance < best[0]:
                best = (distance, m)
        if best is None:
            out.append({"actor": actor, "start": None, "end": None, "text": None, "mention": None, "path": None})
            continue
        m = best[1]
        head = doc[m["tok"][0] : m["tok"][1]].root
        out.append({"actor": actor, "start": m["start"], "end": m["end"], "text": m["text"], "mention": m["how"],
                    "path": dep_path(trigger, head)})
    return out


def _announced(code: str, table: dict[str, str]) -> str | None:
    for width in range(len(code), 1, -1):
        if code[:width] in table:
            return table[code[:width]]
    return None


def merge_repeats(events: list[Event]) -> list[Event]:
    """One event per (source, target, code, date, modality, negation): a report that tells the same event twice
    ("whose top diplomat flew to China" … "Blinken flew to China") yields one event with both triggers."""
    kept: dict[tuple[object, ...], Event] = {}
    for event in events:
        key = (tuple(event["source"]), tuple(event["target"]), event["cameo"], event["date"], event["modality"],
               event["negated"])
        if key in kept:
            kept[key]["also"].append(event["trigger"])
        else:
            kept[key] = event
    return list(kept.values())


def _objects_hold(tok: Token, pattern: Pattern) -> bool:
    """Does the trigger's object meet the pattern's object constraint?

    A verb's objects are its direct object, a passive's subject ("the vessels were released"), the subject of its
    infinitive clause ("allowed refugees to return") and, for a pattern with a required preposition, that
    preposition's object ("went on strike", "beat him to death"); a noun's are its own modifiers ("hunger
    strike"). An item "joint+drill" asks for both words; ``@person`` for an object that names people, a person's
    name or a nationality ("will release Ana Ruiz", "freed three Britons"); ``@any`` for any object at all
    ("returned the documents to Peru")."""
    if pattern.pos == "NOUN":
        return _lemmas_hold({c.lemma_.lower() for c in tok.children if c.dep_ in {"compound", "amod"}}, pattern)
    objects = [c for c in tok.children if c.dep_ in {"dobj", "attr", "nsubjpass"}]
    for clause in (c for c in tok.children if c.dep_ == "ccomp" and any(a.lower_ == "to" for a in c.children)):
        objects += [c for c in clause.children if c.dep_ == "nsubj"]  # "allowed refugees to return"
    if pattern.prep:
        objects += [o for c in tok.children if c.dep_ == "prep" and c.lower_ == pattern.prep
                    for o in c.children if o.dep_ == "pobj"]
    for obj in objects:
        if "@any" in pattern.objects or ("@person" in pattern.objects and _names_people(obj)):
            return True
        if _lemmas_hold(_object_lemmas(obj), pattern):
            return True
    return False


def _lemmas_hold(lemmas: set[str], pattern: Pattern) -> bool:
    return any(all(part in lemmas for part in item.split("+")) for item in pattern.objects)


def _names_people(obj: Token) -> bool:
    """A person's name or a nationality ("Britons"); a proper name spaCy could not type is most often a person."""
    return any(t.ent_type_ in PERSON_ENTS or (t.pos_ == "PROPN" and not t.ent_type_) for t in (obj, *obj.conjuncts))


def _object_lemmas(obj: Token) -> set[str]:
    """The object's lemma, the noun it measures and its modifiers: "25,000 tons of food aid" → {ton, aid},
    "curfew hours" → {hour, curfew}, "joint drills" → {drill, joint}."""
    lemmas = {obj.lemma_.lower()}
    for child in obj.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            lemmas |= {c.lemma_.lower() for c in child.children if c.dep_ == "pobj"}
        elif child.dep_ in {"compound", "amod"}:  # "curfew hours", "aid package", "martial law"
            lemmas.add(child.lemma_.lower())
    return lemmas


def _direct_object(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ in {"dobj", "attr"}), None)


def _subject(tok: Token) -> Token | None:
    """The trigger's subject, looking up through xcomp/advcl/conj chains and relative clauses."""
    current = tok
    for _ in range(6):
        subj = next((c for c in current.children if c.dep_ in {"nsubj", "csubj"}), None)
        if subj is not None:
            if subj.tag_ in {"WDT", "WP"} and current.dep_ == "relcl":
                return current.head  # "the firms that supply …"
            return subj
        if current.dep_ == "relcl":
            return current.head
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head.head
            controller = _direct_object(current) or next(
                (c for c in current.children if c.dep_ == "nsubjpass"), None)
            if controller is not None:  # "accused X of supplying", "X was provoked into attacking": X acts
                return controller
            if current.dep_ == "relcl" and current.pos_ == "VERB":
                return current.head  # "the firms it accuses of supplying …": the firms supply
            continue
        if current.dep_ in {"xcomp", "advcl", "conj", "acl"} and current.head.i != current.i:
            if current.dep_ == "xcomp":  # "urging Beijing to scale back": the object of the head acts
                obj = _direct_object(current.head)
                if obj is not None:
                    return obj
            if current.dep_ == "acl" and current.head.pos_ in {"NOUN", "PROPN"}:
                return current.head  # "Chinese firms supplying Russia's military"
            current = current.head
            continue
        if current.pos_ in {"ADP", "ADJ", "ADV"} and current.dep_ in {"prep", "acomp", "attr", "advmod", "oprd"}:
            current = current.head  # "Arnor is about to restore", "Syria is ready to send"
            continue
        break
    return None


def _actors_of(tok: Token | None, index: dict[int, int], mentions: list[Mention]) -> list[str]:
    """Actors a token stands for: its own mention (a group counts for all) and its coordinated siblings."""
    if tok is None:
        return []
    found: list[str] = []
    for t in (tok, *tok.conjuncts):
        n = index.get(t.i)
        if n is None:
            for child in t.children:  # "both Ukraine and the West", "the Chinese firms"
                if child.dep_ in {"compound", "amod", "poss", "preconj"} and child.i in index:
                    n = index[child.i]
                    break
        if n is not None:
            actor = mentions[n]["actor"]
            found += mentions[n]["group"] or ([actor] if actor else [])
    return _unique(found)


def _actors_of_modifiers(tok: Token, index: dict[int, int], mentions: list[Mention]) -> list[str]:
    """Actors among a noun's own modifiers: "two Russian diplomats" → Russia, "Iran's tanker" → Iran."""
    n = index.get(tok.i)
    if n is not None:
        return _actors_of(tok, index, mentions)
    found: list[str] = []
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "on", "against"}:
            found += [a for c in child.children if c.dep_ == "pobj" for a in _actors_of(c, index, mentions)]
        elif child.dep_ in {"amod", "compound", "poss", "nmod"} and child.i in index:
            found += _actors_of(child, index, mentions)
    return _unique(found)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def _modality(doc: Doc, tok: Token) -> tuple[str, bool, str | None]:
    negated = any(c.dep_ == "neg" for c in tok.children)
    modality = "asserted"
    aux = {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}}
    chain = [tok]
    head = tok
    while head.dep_ in {"xcomp", "ccomp", "advcl", "conj"} and head.head.i != head.i and len(chain) < 5:
        head = head.head
        chain.append(head)
    for link, parent in pairwise(chain):
        lemma = parent.lemma_.lower()
        aux |= {c.lower_ for c in parent.children if c.dep_ == "aux"} if link.dep_ == "xcomp" else set()
        negated = negated or (link.dep_ == "xcomp" and any(c.dep_ == "neg" for c in parent.children))
        if link.dep_ == "xcomp" and lemma in REQUEST_HEADS:
            modality = "request"
            break
        if link.dep_ == "xcomp" and lemma in THREAT_HEADS:
            modality = "threat"
            break
        if link.dep_ == "ccomp" and lemma in DENY_HEADS:
            modality = "denied"
            break
        if link.dep_ == "xcomp" and lemma in INTENT_HEADS:
            modality = "intent"
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in tok.children):
        modality = "hypothetical"
    elif modality == "asserted" and aux & FUTURE_AUX:
        modality = "intent"
    elif modality == "asserted" and aux & POSSIBLE_AUX:
        modality = "possible"
    reported_by = None
    for quote in doc._.ng_quotes or []:
        if any(a <= tok.idx < b for a, b in quote["content"]) and quote["speaker"]:
            reported_by = quote["speaker"]["actor"]
            break
    return modality, negated, reported_by


def _clause_path(trigger: Token, time: Token) -> int | None:
    """Tree distance from the trigger to a time expression in the same clause, or None.

    From the time expression up to the common ancestor no other verb may intervene (the time belongs to that
    clause, not to a relative clause inside it); from the trigger up, only participial, infinitival and
    coordinated links may be climbed ("flew … last month urging Beijing": the urging is last month too)."""
    up = {t.i: n for n, t in enumerate([trigger, *trigger.ancestors])}
    for n, t in enumerate([time, *time.ancestors]):
        if t.i in up:
            climbed = [trigger, *trigger.ancestors][: up[t.i]]
            if any(c.dep_ not in {"xcomp", "advcl", "conj", "acl", "pcomp", "prep", "pobj", "dobj", "ccomp",
                                  "compound", "amod", "nsubj", "nsubjpass", "poss"} for c in climbed):
                return None
            return up[t.i] + n
        if n > 0 and t.pos_ in {"VERB", "AUX"} and t.dep_ != "acl":  # "trade, totaling … last year" passes
            return None
    return None


def _date_for(doc: Doc, tok: Token) -> tuple[str | None, str]:
    """The event's date: a time expression of its clause; else the last dated event of the same paragraph
    for a past-tense report; else the publication date for past and present tense; else none."""
    best: tuple[int, int, str] | None = None
    for t in doc._.ng_times or []:
        if t["type"] != "DATE" or not t["value"]:
            continue
        span = doc[t["tok"][0] : t["tok"][1]]
        if span.root.sent.start != tok.sent.start:
            continue
        text = t["text"].lower()
        if text.endswith((" after", " before")) and tok.i < span.start:
            continue  # "X comes weeks after Y": the offset dates Y, not X
        distance = _clause_path(tok, span.root)
        if distance is None and text.endswith((" after", " before")) and tok.i >= span.end:
            distance = 50 + tok.i - span.end  # the clause introduced by "after"/"before"
        if distance is None:
            continue
        key = (distance, abs(span.root.i - tok.i), t["value"])
        if best is None or key < best:
            best = key
    if best is not None:
        return best[2], "time-expression"
    carried = _paragraph_date(doc, tok)
    if carried is not None and _simple_past(tok):
        return carried, "paragraph"
    if doc._.ng_published and tok.tag_ in {"VBD", "VBZ", "VBP", "VBN", "VBG", "NN", "NNS"}:
        return doc._.ng_published, "published"
    return None, "none"


def _simple_past(tok: Token) -> bool:
    """'condemned', 'was rejected' — not 'has supplied' (the perfect reaches into the present)."""
    aux = {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}}
    if tok.tag_ == "VBD":
        return not aux & {"has", "have"}
    return tok.tag_ == "VBN" and bool(aux & {"was", "were"}) and not aux & {"has", "have", "had"}


def _paragraph_start(doc: Doc, offset: int) -> int:
    """Start of the paragraph holding ``offset`` (paragraph starts are computed once per document)."""
    starts = doc.user_data.get("ng_paragraph_starts")
    if starts is None:
        text = doc_text(doc)
        starts = [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]
        doc.user_data["ng_paragraph_starts"] = starts
    return int(starts[bisect_right(starts, offset) - 1])


def _paragraph_date(doc: Doc, tok: Token) -> str | None:
    """The last explicit date earlier in the trigger's paragraph (narrative time carries over)."""
    para_start = _paragraph_start(doc, tok.idx)
    found = None
    for t in doc._.ng_times or []:
        if para_start <= t["start"] < tok.sent.start_char and t["type"] == "DATE" and t["value"]:
            found = t["value"]
    return found


def _place_for(doc: Doc, tok: Token) -> str | None:
    places = {p["tok"][0]: p for p in doc._.ng_places or [] if not (p["metonymy"] or p["demonym"])}
    for head in (tok, tok.head):
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "at", "near"}:
                for pobj in prep.children:
                    for start, place in places.items():
                        if start <= pobj.i < place["tok"][1]:
                            return place["name"]
    return None
