"""Stage 1, ``newsgraph_actors``: find the spans that stand for actors and resolve each to a knowledge-base actor.

  1. candidates: knowledge-base names (phrase matcher) and the model's named entities, longest first;
  2. role descriptions: noun phrases headed by a role or sector noun ("top diplomat", "Chinese firms",
     "Russia's military"), with their country from a demonym, a compound, a possessive or ``whose``;
  3. resolution of each candidate: people by name (and, for a short name, by an earlier full name or by who
     held office at the publication date), states, blocs, capitals and seats of power (government, unless the
     name is used as a place: "met in Beijing"), organisations and people known only from the article, whose
     country and sector come from an apposition or a title ("a professor ... at Singapore's ... University").

Every mention records ``how`` it was resolved. Pronouns and descriptions without a country are left to
``newsgraph_coref``.
"""

from __future__ import annotations

import re

from spacy.attrs import ENT_TYPE, POS
from spacy.language import Language
from spacy.parts_of_speech import NOUN, PROPN
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsgraph.cache import digest
from newsgraph.kb.actors import Actor, KnowledgeBase, NameHit, Person, load_kb, normalize, short_names, slug
from newsgraph.nlp import syntax
from newsgraph.nlp.common import add_actor, is_place_use, mention_of, with_lemma
from newsgraph.nlp.extensions import Mention
from newsgraph.nlp.phrases import phrase_indexes

NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
TITLE_WORDS = frozenset({"mr", "mrs", "ms", "dr", "prof", "sir", "dame", "president", "minister", "premier"})


@Language.factory(
    "newsgraph_actors",
    assigns=["doc._.ng_actors", "doc._.ng_mentions"],
    default_config={"actor_files": []},
)
def make_actors(nlp: Language, name: str, actor_files: list[str]) -> ActorResolver:
    return ActorResolver(nlp, load_kb(tuple(actor_files)), "+" + digest(actor_files)[:12] if actor_files else "")


class ActorResolver:
    def __init__(self, nlp: Language, kb: KnowledgeBase, files: str = "") -> None:
        """``files`` names the user's actor files in the cache of the phrases' tokens (``nlp/phrases.py``)."""
        self.kb = kb
        forms = {f for form in kb.surface_forms() for f in (form, form.replace("'", "’"))}
        surnames = [s for s in kb.surnames if s not in kb.names]
        multiword = [p for p in {*kb.role_nouns, *kb.sector_nouns} if " " in p]
        found = phrase_indexes(nlp, {"KB": forms, "SURNAME": surnames, "TITLE": multiword}, f"actor-phrases{files}")
        self.matcher, self.surnames, self.titles = found["KB"], found["SURNAME"], found["TITLE"]
        #: the last words of every role and sector phrase: only a token with one of them can end a role mention
        self.role_heads = frozenset(p.rsplit(" ", 1)[-1] for p in {*kb.role_nouns, *kb.sector_nouns})

    # ---- 0. entry point ------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_actors = {}
        doc._.ng_mentions = []
        date = doc._.ng_published
        spans = self.candidates(doc)
        taken: set[int] = set()
        mentions: list[Mention] = []
        seen_people: dict[str, str] = {}
        for span in spans:
            mention = self.resolve_name(doc, span, date, seen_people)
            if mention is not None:
                mentions.append(mention)
                taken.update(range(span.start, span.end))
        for mention in self.role_mentions(doc, taken, date):
            mentions.append(mention)
        mentions.sort(key=lambda m: m["start"])
        doc._.ng_mentions = mentions
        return doc

    # ---- 1. candidates -------------------------------------------------------------------------------
    def candidates(self, doc: Doc) -> list[Span]:
        found: list[Span] = []
        for _, start, end in self.matcher(doc):
            span = doc[start:end]
            if self._looks_like_name(span):
                found.append(span)
        inside_titles = {i for _, start, end in self.titles(doc) for i in range(start, end)}
        found.extend(self._titled_names(doc))
        found.extend(self._known_surnames(doc))
        for ent in doc.ents:
            if ent.label_ in NER_LABELS and not all(t.i in inside_titles for t in ent):
                found.append(syntax.strip_the(ent))
        opening = doc._.ng_dateline
        if opening is not None:  # "NAIROBI (Agency) -" says where the story was filed, not who acted
            found = [s for s in found if s.start_char >= opening[2]]
        return sorted(filter_spans(found), key=lambda s: s.start)

    def _known_surnames(self, doc: Doc) -> list[Span]:
        """Short names of people in the knowledge base ("Modi's visit") that the model did not tag: proper
        nouns outside any other entity, and either unique in the knowledge base or tagged PERSON."""
        out: list[Span] = []
        for _, start, end in self.surnames(doc):
            span = doc[start:end]
            if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span):
                continue
            if any(t.ent_type_ and t.ent_type_ != "PERSON" for t in span):
                continue
            if all(t.ent_type_ == "PERSON" for t in span):
                out.append(Span(doc, start, end, label="PERSON"))
                continue
            people = self.kb.surnames.get(normalize(span.text), [])
            date = doc._.ng_published
            if (len(people) == 1 and not any(t.is_stop for t in span) and date
                    and self.kb.in_office_near(people[0], date)):
                out.append(Span(doc, start, end, label="PERSON"))
        return out

    def _titled_names(self, doc: Doc) -> list[Span]:
        """Names the model missed after a title: "spokesperson Esmaeil Baghaei" → a PERSON span."""
        out: list[Span] = []
        # proper nouns outside entities, read as columns: only a title's neighbours become Tokens
        columns: list[list[int]] = doc.to_array([POS, ENT_TYPE]).reshape(len(doc), 2).tolist()  # type: ignore[assignment]
        bare = [pos == PROPN and not ent for pos, ent in columns]
        i = 1
        while i < len(doc):
            if bare[i] and columns[i - 1][0] in (NOUN, PROPN) and (
                    self.kb.sector_for(doc[i - 1].lower_) or self.kb.role_for(doc[i - 1].lower_, None)):
                end = i
                while end < len(doc) and bare[end] and end - i < 4:
                    end += 1
                if end - i >= 2:
                    out.append(Span(doc, i, end, label="PERSON"))
                i = end
            i += 1
        return out

    def _looks_like_name(self, span: Span) -> bool:
        """Names start with a capital; acronyms ("US", "WHO") must be written in capitals ("us", "Who")."""
        text = span.text
        first = text.lstrip("“\"'‘")[:1]
        if not first or not (first.isupper() or first.isdigit()):
            return False
        if normalize(text) in self.kb.acronyms:
            return re.sub(r"[^A-Za-z]", "", text).isupper()
        return True

    # ---- 3. resolution of names ----------------------------------------------------------------------
    def resolve_name(self, doc: Doc, span: Span, date: str | None, seen: dict[str, str]) -> Mention | None:
        hits = self.kb.lookup(span.text)
        label = span.label_ or "KB"
        key = normalize(span.text)
        if key in seen and not any(h.kind == "person" for h in hits):  # "Baghaei" after "Esmaeil Baghaei"
            return mention_of(span, "PERSON", seen[key], "coref:short-name")
        if hits:
            return self._from_hits(doc, span, hits, date, seen)
        if label == "PERSON":
            return self._person_by_name(doc, span, date, seen)
        if label in {"ORG", "NORP"}:  # "Taliban", "Houthi rebels", "Boko Haram": organisations by name
            return self._organisation(doc, span)
        return None

    def _from_hits(
        self, doc: Doc, span: Span, hits: list[NameHit], date: str | None, seen: dict[str, str]
    ) -> Mention | None:
        people = [h for h in hits if h.kind == "person"]
        if people:
            person = self._pick_person([self.kb.people[h.target] for h in people], date)
            self._remember(person, seen)
            return mention_of(span, "PERSON", add_actor(doc, person.actor()), "name")
        hit = _best_hit(hits)
        if hit.kind in {"bloc", "bloc_demonym"}:
            actor = self.kb.bloc_actor(hit.target)
            return mention_of(span, "NORP" if hit.kind == "bloc_demonym" else "ORG", add_actor(doc, actor), hit.kind)
        if hit.kind == "seat":
            actor = self.kb.state_actor(hit.target, hit.sector)
            return mention_of(span, "ORG", add_actor(doc, actor), "seat")
        if hit.kind == "capital":
            if is_place_use(span):
                m = mention_of(span, "GPE", None, "capital-as-place")
                m["description"] = hit.target
                return m
            actor = self.kb.state_actor(hit.target, "GOV")
            return mention_of(span, "GPE", add_actor(doc, actor), "capital-metonymy")
        if hit.kind == "demonym":
            return mention_of(span, "NORP", add_actor(doc, self.kb.state_actor(hit.target)), "demonym")
        return mention_of(span, "GPE", add_actor(doc, self.kb.state_actor(hit.target)), "state-name")

    def _pick_person(self, people: list[Person], date: str | None) -> Person:
        if len(people) == 1 or not date:
            return people[0]
        in_office = [p for p in people if any(t.covers(date) for t in p.terms)]
        return (in_office or people)[0]

    @staticmethod
    def _remember(person: Person | Actor, seen: dict[str, str]) -> None:
        country = person.country or ""
        for short in short_names(person.name, country):
            seen[normalize(short)] = person.id
        seen[normalize(person.name)] = person.id

    def _person_by_name(self, doc: Doc, span: Span, date: str | None, seen: dict[str, str]) -> Mention | None:
        key = normalize(span.text)
        if key in seen:
            return mention_of(span, "PERSON", seen[key], "coref:short-name")
        if len(span) == 1 or key.count(" ") == 0:
            found = self.kb.people_by_surname(span.text, date)
            if found:
                person = found[0]
                self._remember(person, seen)
                return mention_of(span, "PERSON", add_actor(doc, person.actor()), "kb:short-name")
            return mention_of(span, "PERSON", None, "unknown-short-name")
        # a person known only from the article: country and sector from an apposition or a title
        country, sector, description = self.describe(doc, span)
        country = self.kb.dyad_code(country) if country else None
        pid = f"{country or 'UNK'}.{sector or 'UNK'}.{slug(span.text)}"
        actor = Actor(pid, span.text, "person", country, sector, description)
        self._remember(actor, seen)
        m = mention_of(span, "PERSON", add_actor(doc, actor), "article-person")
        m["description"] = description
        return m

    def _organisation(self, doc: Doc, span: Span) -> Mention | None:
        sector = self._name_sector(span)
        country = self._country_near(span)
        country = self.kb.dyad_code(country) if country else None
        if country is None and sector is None:
            return mention_of(span, "ORG", add_actor(doc, Actor(f"ORG.{slug(span.text)}", span.text,
                                                              "organisation", None, None)), "article-org")
        oid = f"{country or 'UNK'}.{sector or 'UNK'}.{slug(span.text)}"
        return mention_of(span, "ORG", add_actor(doc, Actor(oid, span.text, "organisation", country, sector)),
                        "article-org")

    def _name_sector(self, span: Span) -> str | None:
        """The sector of a role noun in an organisation's name, the longest and then the last first: "Nigerian Air
        Force" (air force: MIL), "U.S. State Department" (state department: GOV), "Grovetown Police" (police)."""
        words = [t.lower_ for t in span]
        for size in (3, 2, 1):
            for start in range(len(words) - size, -1, -1):
                sector = self.kb.sector_for(" ".join(words[start : start + size]))
                if sector:
                    return sector
        return None

    def _country_near(self, span: Span) -> str | None:
        """A country named inside the span or attached to its root as a possessive/compound/amod."""
        for tok in span:
            for hit in self.kb.lookup(tok.text):
                if hit.kind in {"state", "demonym"}:
                    return hit.target
        for child in span.root.children:
            if child.dep_ in {"poss", "compound", "amod"} and child.i < span.start:
                country = self._country_of_token(child)
                if country:
                    return country
        return None

    def _country_of_token(self, tok: Token) -> str | None:
        phrase = tok.doc[tok.left_edge.i : tok.i + 1]
        for text in (phrase.text, tok.text):
            text = re.sub(r"['’]s$", "", text)
            for hit in self.kb.lookup(text):
                if hit.kind in {"state", "demonym", "capital", "seat"}:
                    return hit.target
                if hit.kind in {"bloc", "bloc_demonym"}:
                    return hit.target  # the bloc itself: "an EU official" is the EU, not "Europe"
                if hit.kind == "person":
                    return self.kb.people[hit.target].country
        return None

    def describe(self, doc: Doc, span: Span) -> tuple[str | None, str | None, str | None]:
        """Country, sector and description of a person from ", a professor who ... at X" or "Chinese President"."""
        root = span.root
        appos = syntax.child(root, ("appos",))
        if appos is None and span.end < len(doc) and doc[span.end].text == ",":
            nxt = doc[span.end + 1] if span.end + 1 < len(doc) else None
            if nxt is not None and nxt.dep_ == "appos":
                appos = nxt
        country = sector = description = None
        if appos is not None:
            sub = doc[appos.left_edge.i : appos.right_edge.i + 1]
            description = sub.text.rstrip(" ,.")
            sector = self.kb.sector_for(appos.lemma_) or self.kb.sector_for(appos.text)
            country = self._country_in(sub)
        if country is None:  # "King Hassan of Morocco"
            for prep in root.rights:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    pobj = syntax.pobj(prep)
                    country = self._country_of_token(pobj) if pobj is not None else None
        if sector is None or country is None:
            left = doc[max(span.sent.start, span.start - 5) : span.start]
            for tok in reversed(left):  # "Lebanon's new President Elias Hrawi"
                if tok.tag_ == "POS":
                    continue
                if tok.pos_ not in {"PROPN", "NOUN", "ADJ"}:
                    break
                sector = sector or self.kb.sector_for(tok.lower_)
                country = country or self._country_of_token(tok)
        return country, sector, description

    def _country_in(self, sub: Span) -> str | None:
        """Prefer the country of an institution ("at Singapore's ... University") over a topic adjective."""
        best: tuple[int, str] | None = None
        for tok in sub:
            country = self._country_of_token(tok) if tok.pos_ in {"PROPN", "ADJ", "NOUN"} else None
            if not country:
                continue
            rank = 0 if tok.dep_ == "poss" or tok.head.dep_ == "pobj" or tok.dep_ == "pobj" else 1
            if best is None or rank < best[0]:
                best = (rank, country)
        return best[1] if best else None

    # ---- 2. role descriptions ------------------------------------------------------------------------
    def role_mentions(self, doc: Doc, taken: set[int], date: str | None) -> list[Mention]:
        out: list[Mention] = []
        for tok in (doc[i] for i in with_lemma(doc, self.role_heads, ("LEMMA", "LOWER"))):
            if tok.i in taken or tok.pos_ not in {"NOUN", "PROPN"}:
                continue
            phrase = self._role_phrase(tok)
            if phrase is None:
                continue
            start_tok, text = phrase
            if any(i in taken for i in range(start_tok, tok.i + 1)):
                start_tok = tok.i
                text = tok.lower_
            mention = self._rolemention_of(doc, tok, start_tok, text, date)
            if mention is not None:
                out.append(mention)
                taken.update(range(mention["tok"][0], mention["tok"][1]))
        return out

    def _role_phrase(self, head: Token) -> tuple[int, str] | None:
        """The longest role/sector phrase ending at ``head`` ("top diplomat", "foreign minister", "firms")."""
        if head.dep_ == "compound" and head.head.pos_ in {"NOUN", "PROPN"} and head.head.i == head.i + 1:
            return None  # "defence ministry" is read at its head
        doc = head.doc
        for width in (3, 2, 1):
            start = head.i - width + 1
            if start < 0:
                continue
            words = " ".join(t.lower_ for t in doc[start : head.i + 1])
            lemma_words = " ".join([*(t.lower_ for t in doc[start : head.i]), head.lemma_.lower()])
            for cand in (words, lemma_words):
                if cand in self.kb.role_nouns or self.kb.sector_for(cand):
                    return start, cand
        return None

    def _rolemention_of(self, doc: Doc, head: Token, start_tok: int, phrase: str, date: str | None) -> Mention | None:
        country, how = self._role_country(head, start_tok)
        left = syntax.np_left_edge(head, start_tok)
        span = doc[left : head.i + 1]
        role = self.kb.role_for(phrase, country)
        plural = head.tag_ in {"NNS", "NNPS"}
        if role and country and not plural and not syntax.title_before_name(head):
            person = self.kb.office_holder(country, role, date)
            if person is not None:
                return mention_of(span, "PERSON", add_actor(doc, person.actor()), f"role:{role}@{date}+{how}")
        if syntax.title_before_name(head):
            return None  # a title before a name: the name is the mention
        sector = self.kb.sector_for(phrase) or (self.kb.sector_for(head.lemma_) if head.lemma_ else None)
        if country and sector:
            return mention_of(span, "NORP", add_actor(doc, self.kb.state_actor(country, sector)), f"sector+{how}")
        if sector or role:
            m = mention_of(span, "ROLE", None, "role-unresolved")
            m["description"] = sector or role
            return m
        return None

    def _role_country(self, head: Token, start_tok: int) -> tuple[str | None, str]:
        for child in head.children:
            if child.i >= start_tok and child.i <= head.i:
                continue
            if child.dep_ in {"amod", "compound", "nmod"} and child.i < head.i:
                country = self._country_of_token(child)
                if country:
                    return country, "modifier"
            if child.dep_ == "poss":
                if child.lower_ == "whose" and head.head.dep_ == "relcl":
                    country = self._country_of_token(head.head.head)
                    if country:
                        return country, "whose"
                country = self._country_of_token(child)
                if country:
                    return country, "possessive"
        for tok in head.doc[start_tok : head.i]:
            country = self._country_of_token(tok)
            if country:
                return country, "modifier"
        for prep in head.rights:  # "opposition groups in Zimbabwe", "the interior ministry of Nigeria"
            if prep.dep_ == "prep" and prep.lower_ in {"in", "of", "from"}:
                pobj = syntax.pobj(prep)
                country = self._country_of_token(pobj) if pobj is not None and pobj.pos_ == "PROPN" else None
                if country:
                    return country, f"prep-{prep.lower_}"
        return None, ""


def _best_hit(hits: list[NameHit]) -> NameHit:
    order = {"state": 0, "bloc": 1, "seat": 2, "capital": 3, "demonym": 4, "bloc_demonym": 5}
    return min(hits, key=lambda h: order.get(h.kind, 9))
