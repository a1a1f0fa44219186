"""Stage 0, ``newsgraph_dateline`` (runs before the parser): a wire dateline ("NAIROBI (Agency) -", "KYIV, Ukraine,
May 3 (Reuters) -") is where a story was filed, not part of its first sentence. The stage records it on
``doc._.ng_dateline`` and starts a sentence after it, so that the parser does not make "NAIROBI" the subject of
what follows; the actor stage skips it and the places stage can use it as the story's location.

A capitalised acronym of an organisation ("NATO - the alliance said") is not a dateline.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.kb.actors import KnowledgeBase, load_kb
from newsgraph.nlp.common import dateline, doc_text


@Language.factory("newsgraph_dateline", assigns=["doc._.ng_dateline"], default_config={"actor_files": []})
def make_dateline(nlp: Language, name: str, actor_files: list[str]) -> DatelineMarker:
    return DatelineMarker(load_kb(tuple(actor_files)))


class DatelineMarker:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, doc: Doc) -> Doc:
        found = dateline(doc_text(doc))
        if found is None:
            return doc
        place = doc_text(doc)[found[0] : found[1]]
        if any(hit.kind in {"bloc", "person"} for hit in self.kb.lookup(place)):
            return doc
        doc._.ng_dateline = found
        first = doc.char_span(found[2], len(doc_text(doc)), alignment_mode="expand")
        if first is not None and first.start > 0:
            doc[first.start].is_sent_start = True
        return doc
