"""Stage 2, ``newsgraph_coref``: pronouns and descriptions that point back to an actor, without a neural model.

  1. he/she/him/her/his → the most recent person mentioned within the last three sentences;
  2. it/its → the most recent state, bloc or organisation; they/them/their → the subjects of a coordination
     ("Putin and Xi ... as they announced"), else the most recent group or organisation;
  3. "the two leaders", "both sides", "the two countries" → the two most recent distinct people or states;
  4. "the country", "the government", "the ministry" with no country of their own → the most recent state.

Each resolution is stored on the mention's ``how`` ("coref:pronoun", "coref:pair", ...).
"""

from __future__ import annotations

from heapq import heappop, heappush, nlargest
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.kb.actors import Actor, KnowledgeBase, load_kb
from newsgraph.nlp.common import add_actor
from newsgraph.nlp.extensions import Mention
from newsgraph.nlp.lookup import growing, per_list

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS
PAIR_NOUNS = {"leader": "person", "side": "any", "country": "state", "nation": "state", "president": "person",
              "party": "any", "government": "state", "neighbour": "state", "neighbor": "state"}
BLOC_NOUNS = frozenset({"bloc", "alliance", "union", "organisation", "organization", "body", "coalition"})
STATE_NOUNS = {"country": None, "nation": None, "government": "GOV", "ministry": "GOV", "administration": "GOV",
               "regime": "GOV", "military": "MIL", "army": "MIL", "state": None}
WINDOW_SENTENCES = 3
DOMESTIC_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "REB", "CVL", "LAB", "SPY"})
GOAL_PREPS = frozenset({"against", "on", "to", "toward", "towards", "with", "at", "over", "into", "for", "upon"})
AGENT_ADJECTIVES = frozenset({"willing", "ready", "prepared", "determined", "committed", "able", "eager", "keen",
                              "reluctant", "unwilling", "unable", "unprepared", "confident", "opposed"})


@Language.factory(
    "newsgraph_coref",
    assigns=["doc._.ng_mentions"],
    requires=["doc._.ng_mentions"],
    default_config={"actor_files": []},
)
def make_coref(nlp: Language, name: str, actor_files: list[str]) -> Coreference:
    return Coreference(load_kb(tuple(actor_files)))


class Coreference:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Mention] = list(doc._.ng_mentions or [])
        taken = {i for m in mentions for i in range(*m["tok"])}
        sent_index = {s.start: n for n, s in enumerate(doc.sents)}
        known = list(mentions)  # the mentions, then those resolved here: grows, so its indexes grow with it
        for tok in doc:
            if tok.i in taken:
                continue
            resolved = self.resolve(doc, tok, known, sent_index)
            if resolved is not None:
                known.append(resolved)
        for m in mentions:  # role phrases left unresolved: "the two leaders", "the ministry"
            if m["actor"] is None and m["label"] == "ROLE":
                head = doc[m["tok"][1] - 1]
                lemma = head.lemma_.lower()
                if lemma in PAIR_NOUNS and head.tag_ in {"NNS", "NNPS"} and self._is_pair(head):
                    pair = self._pair(doc, head, known, sent_index, PAIR_NOUNS[lemma])
                    if pair is not None:
                        m["actor"], m["group"], m["how"] = pair["actor"], pair["group"], pair["how"]
                    continue
                self._resolve_role(doc, m, mentions, sent_index)
                if m["actor"] is None:
                    self._generic(doc, m)
        doc._.ng_mentions = sorted(known, key=lambda m: m["start"])
        self._place_domestic(doc, doc._.ng_mentions)
        return doc

    # ---- 5. domestic actors placed by their sentence ----------------------------------------------------
    def _place_domestic(self, doc: Doc, mentions: list[Mention]) -> None:
        """Police, rebels, protesters or a president the text does not place ("President Museveni banned
        Ugandan opposition candidates", "riot police dispersed protesters in Monrovia") act at home: they take
        the one country their sentence places itself in. A country named as the goal of the action ("sanctions
        against Nigeria", "flew to Kyiv") does not place anyone, and two countries place nobody."""
        actors = doc._.ng_actors or {}
        unplaced = [m for m in mentions if m["actor"] and len(m["group"]) == 1
                    and actors.get(m["actor"], {}).get("country") is None
                    and actors[m["actor"]].get("sector") in DOMESTIC_SECTORS]
        if not unplaced:
            return
        settings: dict[int, set[str]] = {}
        present: dict[int, set[str]] = {}  # actors already in each sentence: placing must not merge two parties
        for m in mentions:
            if m["actor"]:
                present.setdefault(doc[m["tok"][0]].sent.start, set()).update(m["group"])
            actor = actors.get(m["actor"] or "", {})
            country = actor.get("country")
            if not country or actor.get("kind") not in {"state", "group", "person"} or country not in self.kb.states:
                continue
            if m["how"].startswith("coref"):
                continue  # "the embassy", "he": the text does not name the country here
            root = doc[m["tok"][1] - 1]
            if root.dep_ == "pobj" and root.head.lower_ in GOAL_PREPS:
                continue
            settings.setdefault(root.sent.start, set()).add(country)
        renamed: dict[str, str] = {}
        for m in unplaced:
            countries = settings.get(doc[m["tok"][0]].sent.start, set())
            if len(countries) != 1:
                continue
            country, current = next(iter(countries)), str(m["actor"])
            old = actors[current]
            if old["kind"] == "group":
                placed = self.kb.state_actor(country, old["sector"])
                if placed.id in present.get(doc[m["tok"][0]].sent.start, set()):
                    continue  # "the former chief minister condemned the Indian government": not one actor
                aid = add_actor(doc, placed)
            else:
                if current not in renamed:
                    renamed[current] = add_actor(doc, Actor(
                        f"{country}.{old['id'].split('.', 1)[1]}", old["name"], old["kind"], country, old["sector"],
                        old.get("description")))
                aid = renamed[current]
            m["actor"], m["group"], m["how"] = aid, [aid], m["how"] + "+placed-by-sentence"
        for m in mentions:  # later mentions of a renamed person ("Museveni", "he") follow
            if m["actor"] and m["actor"] in renamed:
                m["actor"] = renamed[m["actor"]]
                m["group"] = [m["actor"]]

    def resolve(self, doc: Doc, tok: Token, known: list[Mention], sent_index: dict[int, int]) -> Mention | None:
        low = tok.lower_
        if tok.pos_ == "PRON" or low in PRONOUNS:
            if low in PERSON_PRONOUNS:
                ante = self._recent(doc, tok, known, sent_index, kinds={"person"})
                return _link(tok, ante, "coref:pronoun") if ante else None
            if low in THING_PRONOUNS:
                if low == "it" and (tok.dep_ != "nsubj" or (tok.head.lemma_ == "be" and not any(
                        c.dep_ == "acomp" and c.lemma_.lower() in AGENT_ADJECTIVES for c in tok.head.children))):
                    return None  # "nurture it", "it is necessary": a thing or an expletive; "it is willing" is not
                ante = self._recent(doc, tok, known, sent_index, kinds={"state", "bloc", "igo", "organisation"})
                return _link(tok, ante, "coref:pronoun") if ante else None
            if low in PLURAL_PRONOUNS:
                return self._plural(doc, tok, known, sent_index)
            return None
        if (tok.pos_ == "NOUN" and tok.lemma_.lower() in BLOC_NOUNS and tok.tag_ == "NN"
                and any(c.lower_ == "the" for c in tok.children)):  # "the bloc", "the alliance"
            ante = self._recent(doc, tok, known, sent_index, kinds={"bloc", "igo"})
            return _link(tok, ante, "coref:definite") if ante else None
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in PAIR_NOUNS and self._is_pair(tok):
            kind = PAIR_NOUNS[tok.lemma_.lower()]
            return self._pair(doc, tok, known, sent_index, kind)
        return None

    # ---- 1/2. pronouns --------------------------------------------------------------------------------
    def _recent(
        self, doc: Doc, tok: Token, known: list[Mention], sent_index: dict[int, int], kinds: set[str]
    ) -> Mention | None:
        """The antecedent: a subject earlier in the pronoun's own sentence if there is one, else the most
        recent compatible mention within the window. Adjectives ("Western sanctions") are not antecedents."""
        limit = sent_index.get(tok.sent.start, 0) - WINDOW_SENTENCES
        fallback: Mention | None = None
        blocked = _relative_heads(tok)
        for m in growing(doc, known).latest_first(tok.idx):
            if m["tok"][1] > tok.i:
                continue
            head = doc[m["tok"][1] - 1]
            if sent_index.get(head.sent.start, 0) < limit:
                break  # out of the window: so is every mention before it
            if not m["actor"] or len(m["group"]) > 1:
                continue
            if head.dep_ in {"amod", "compound"} or m["how"] in {"demonym", "bloc_demonym"} or head.i in blocked:
                continue
            kind = (doc._.ng_actors or {}).get(m["actor"], {}).get("kind")
            if kind == "group":
                kind = "organisation"
            if kind not in kinds:
                continue
            if head.sent.start != tok.sent.start:
                return fallback or m
            if head.dep_ in {"nsubj", "nsubjpass"} and head.head.i in _governing_verbs(tok):
                return m
            fallback = fallback or m
        return fallback

    def _plural(self, doc: Doc, tok: Token, known: list[Mention], sent_index: dict[int, int]) -> Mention | None:
        # a coordinated subject in this or the previous sentence: "Putin and Xi condemned ... as they announced"
        sents = [tok.sent]
        prev_start = tok.sent.start - 1
        if prev_start >= 0:
            sents.append(doc[prev_start].sent)
        index = growing(doc, known)
        for sent in sents:
            for t in sent:
                if t.i >= tok.i or t.dep_ not in {"nsubj", "nsubjpass"}:
                    continue
                named = [m["actor"] for c in (t, *t.conjuncts) if (m := index.covering(c.i)) is not None]
                group = list(dict.fromkeys(a for a in named if a))
                if len(group) > 1:
                    m = _link(tok, None, "coref:coordination")
                    m["actor"], m["group"] = group[0], group
                    return m
        limit = sent_index.get(tok.sent.start, 0) - 1
        for m in index.latest_first(tok.idx):  # "both sides ... their backs"
            if m["tok"][1] > tok.i:
                continue
            if sent_index.get(doc[m["tok"][0]].sent.start, 0) < limit:
                break  # out of the window: so is every mention before it
            if len(m["group"]) > 1:
                return _link(tok, m, "coref:plural-group")
        ante = self._recent(doc, tok, known, sent_index, kinds={"organisation", "bloc", "igo", "state"})
        return _link(tok, ante, "coref:plural-pronoun") if ante else None

    # ---- 3. "the two leaders" -------------------------------------------------------------------------
    @staticmethod
    def _is_pair(tok: Token) -> bool:
        if tok.tag_ not in {"NNS", "NNPS"}:
            return tok.lemma_.lower() in STATE_NOUNS and any(c.lower_ == "the" for c in tok.children)
        words = {c.lower_ for c in tok.children}
        return bool(words & {"two", "both", "the"})

    def _pair(
        self, doc: Doc, tok: Token, known: list[Mention], sent_index: dict[int, int], kind: str
    ) -> Mention | None:
        actors = doc._.ng_actors or {}
        if tok.tag_ not in {"NNS", "NNPS"}:  # "the country", "the government"
            ante = self._recent(doc, tok, known, sent_index, kinds={"state"})
            if ante is None:
                return None
            sector = STATE_NOUNS.get(tok.lemma_.lower())
            m = _link(tok, ante, "coref:definite")
            if sector and ante["actor"]:
                country = actors[ante["actor"]]["country"]
                aid = add_actor(doc, self.kb.state_actor(country, sector))
                m["actor"], m["group"] = aid, [aid]
            return m
        group = self._salient_pair(doc, tok, known, kind)
        if group is None:
            return None
        link = _link(tok, None, "coref:pair")
        link["actor"], link["group"] = group[0], sorted(group[:2])
        left = min([tok.i, *(c.i for c in tok.children if c.dep_ in {"det", "nummod", "predet"})])
        link["tok"] = (left, tok.i + 1)
        link["start"] = doc[left].idx
        link["text"] = doc[left : tok.i + 1].text
        return link

    def _salient_pair(self, doc: Doc, tok: Token, known: list[Mention], kind: str) -> list[str] | None:
        """The two most-mentioned people (or countries) before ``tok``; recency breaks ties.

        "The two leaders" and "both sides" point at the pair the story is about, which is the most salient
        pair so far, not merely the last two names (a third party is often named just before)."""
        ranked = per_list(doc, "salience", known, Salience).top_two(tok.i, kind, doc._.ng_actors or {})
        if len(ranked) < 2:
            return None
        if kind == "person":
            return sorted(ranked)
        return sorted(add_actor(doc, self.kb.state_actor(code)) for code in ranked)

    # ---- 4. descriptions without a country ------------------------------------------------------------
    def _generic(self, doc: Doc, m: Mention) -> None:
        """A role noun nobody could place ("suicide bombers", "civilians", "rebels") still names a party to an
        event: an actor of that sector with no country."""
        sector = m.get("description")
        if not sector or sector not in self.kb.sector_names:
            return
        name = self.kb.sector_names[sector]
        aid = add_actor(doc, Actor(f"UNK.{sector}", f"{name} (unidentified)", "group", None, sector))
        m["actor"], m["group"], m["how"] = aid, [aid], "generic-sector"

    def _resolve_role(self, doc: Doc, m: Mention, known: list[Mention], sent_index: dict[int, int]) -> None:
        sector = m.get("description")
        if sector not in {"GOV", "MIL", "LEG", "JUD"}:
            return
        head = doc[m["tok"][1] - 1]
        if not any(c.lower_ == "the" for c in head.children):
            return
        ante = self._recent(doc, head, known, sent_index, kinds={"state"})
        if ante and ante["actor"]:
            country = (doc._.ng_actors or {})[ante["actor"]]["country"]
            aid = add_actor(doc, self.kb.state_actor(country, sector))
            m["actor"], m["group"] = aid, [aid]
            m["how"] = "coref:definite-role"


class Salience:
    """How often each person (``kind`` "person") or country has been named before a token, counted over a
    growing list of mentions as the stage moves forward through the text: each mention is counted once, when
    the stage first asks about a token after it (``_salient_pair`` scanned them all for every question).
    Asking about an earlier token than the last one starts the count again."""

    def __init__(self, known: list[Mention]) -> None:
        self.known = known
        self._reset()

    def _reset(self) -> None:
        self._pending: list[tuple[int, int]] = []  # (end token, list position) of mentions not yet counted
        self._synced = 0
        self._last = -1
        # key -> [count, list position of its latest mention, that mention's start, position of its first]
        self._score: dict[str, dict[str, list[int]]] = {"person": {}, "country": {}}

    def top_two(self, i: int, kind: str, actors: dict[str, Any]) -> list[str]:
        """The two keys named most often by mentions ending at or before token ``i``; ties go to the key named
        most recently (by the latest such mention in list order), then to the key named first."""
        if i < self._last or any(self.known[n]["tok"][1] <= self._last for n in range(self._synced, len(self.known))):
            self._reset()
        for n in range(self._synced, len(self.known)):
            heappush(self._pending, (self.known[n]["tok"][1], n))
        self._synced, self._last = len(self.known), i
        while self._pending and self._pending[0][0] <= i:
            self._count(self._pending[0][1], actors)
            heappop(self._pending)
        score = self._score["person" if kind == "person" else "country"]
        return nlargest(2, score, key=lambda k: (score[k][0], score[k][2], -score[k][3]))

    def _count(self, n: int, actors: dict[str, Any]) -> None:
        m = self.known[n]
        if not m["actor"] or m["how"].startswith("coref:pair"):
            return
        for aid in m["group"]:
            actor = actors.get(aid, {})
            person = aid if actor.get("kind") == "person" else None
            # states and sides count at country level: a leader stands for their country
            country = actor.get("country") if actor.get("kind") in {"person", "state", "group"} else None
            for kind, key in (("person", person), ("country", country)):
                if key:
                    entry = self._score[kind].setdefault(key, [0, -1, 0, n])
                    entry[0] += 1
                    if n > entry[1]:
                        entry[1], entry[2] = n, m["start"]


def _relative_heads(tok: Token) -> set[int]:
    """Tokens a pronoun inside a relative clause cannot refer to: the clause's head noun and its conjuncts
    ("the companies and officials it accuses": "it" is not the companies)."""
    for anc in tok.ancestors:
        if anc.dep_ == "relcl":
            head = anc.head
            return {head.i, *(c.i for c in head.conjuncts)}
    return set()


def _governing_verbs(tok: Token) -> set[int]:
    """The verb of the pronoun's clause, and the verb above it when that clause is adverbial or a
    complement ("Russia became dependent … as sanctions cut its access": became, cut)."""
    verbs: list[Token] = []
    for anc in tok.ancestors:
        if anc.pos_ in {"VERB", "AUX"}:
            verbs.append(anc)
            if len(verbs) == 2 or verbs[0].dep_ not in {"advcl", "ccomp", "conj"}:
                break
    return {v.i for v in verbs}


def _link(tok: Token, ante: Mention | None, how: str) -> Mention:
    actor = ante["actor"] if ante else None
    return Mention(
        start=tok.idx,
        end=tok.idx + len(tok.text),
        text=tok.text,
        label="PRON" if tok.pos_ == "PRON" else "NOMINAL",
        actor=actor,
        group=list(ante["group"]) if ante else [],
        tok=(tok.i, tok.i + 1),
        how=how,
        description=None,
    )
