"""The shared vocabulary (``newsgraph.vocab``) and parse helpers (``nlp.syntax``): one definition each, used
everywhere. The syntax tests build their parses by hand, so they need no model."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import spacy
from spacy.tokens import Doc

from newsgraph import vocab
from newsgraph.config import Settings
from newsgraph.nlp import syntax
from newsgraph.nlp.build import STAGE_FACTORIES, stage_needs

SRC = Path(__file__).resolve().parent.parent / "src" / "newsgraph"
ENGLISH = spacy.blank("en").vocab  # lower-case forms and the like, no model


def parse(words: list[str], heads: list[int], deps: list[str], pos: list[str] | None = None,
          tags: list[str] | None = None) -> Doc:
    """A Doc with a parse we write ourselves: ``heads`` are absolute token indices."""
    return Doc(ENGLISH, words=words, heads=heads, deps=deps, pos=pos, tags=tags)


def test_stage_dependencies_come_from_the_factories_declarations() -> None:
    assert tuple(STAGE_FACTORIES) == vocab.STAGES
    assert Settings().stages == vocab.DEFAULT_STAGES
    assert stage_needs() == {
        "actors": (), "coref": ("actors",), "times": (), "amounts": ("times",), "places": ("actors", "coref"),
        "quotes": ("actors", "coref"), "events": ("actors", "coref", "times", "places", "quotes"),
        "event_places": ("places", "events"),
    }


def test_quad_table_is_complete_and_ordered() -> None:
    assert [q.code for q in vocab.QUADS] == [1, 2, 3, 4]
    assert vocab.QuadClass(3).quad.key == "verbal_conflict"
    assert vocab.QUAD_LABELS[4] == "material conflict"
    assert all(re.fullmatch(r"#[0-9a-f]{6}", q.colour) for q in vocab.QUADS)


def test_record_modalities_are_the_vocabulary() -> None:
    assert vocab.MODALITIES == ("asserted", "intent", "request", "threat", "hypothetical", "denied", "possible",
                                "generic", "background")
    assert vocab.Modality.ASSERTED == "asserted"


def _constants(path: Path) -> list[ast.AST]:
    """The string constants and all-string collections of a module, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)}
    return [node for node in ast.walk(tree) if id(node) not in docstrings]


def _copies(path: Path) -> list[str]:
    found = []
    for node in _constants(path):
        if isinstance(node, ast.Constant) and node.value in {vocab.DEFAULT_STORE, *vocab.QUAD_LABELS.values()}:
            found.append(repr(node.value))
        elif isinstance(node, ast.Tuple | ast.List | ast.Set):
            words = {e.value for e in node.elts if isinstance(e, ast.Constant)}
            if len(words & set(vocab.MODALITIES)) >= 5:  # most of them: a copy of the list
                found.append(f"a list of modalities {sorted(words)}")
    return found


def test_no_copy_of_a_vocabulary_outside_vocab() -> None:
    """The default store name, the QuadClass labels and the list of modalities are written in vocab.py only."""
    found = {str(p.relative_to(SRC)): c for p in SRC.rglob("*.py") if p.name != "vocab.py" and (c := _copies(p))}
    assert not found, f"import these from newsgraph.vocab: {found}"


def test_pobj_of_a_preposition_and_of_a_head() -> None:
    # "China sent aid to Kyiv"
    doc = parse(["China", "sent", "aid", "to", "Kyiv"], [1, 1, 1, 1, 3], ["nsubj", "ROOT", "dobj", "prep", "pobj"])
    assert syntax.pobj(doc[3]).text == "Kyiv"
    assert syntax.pobj(doc[1], {"to"}).text == "Kyiv"
    assert syntax.pobj(doc[1], {"from"}) is None
    assert syntax.pobj(None) is None
    assert [t.text for t in syntax.pobjs(doc[1], {"to", "for"})] == ["Kyiv"]
    assert syntax.direct_object(doc[1]).text == "aid"
    assert syntax.child(doc[1], ("nsubj",)).text == "China"


def test_subject_climbs_coordination_and_complements() -> None:
    # "Exports rose and reached records": the subject of "reached" is that of "rose"
    doc = parse(["Exports", "rose", "and", "reached", "records"], [1, 1, 1, 1, 3],
                ["nsubj", "ROOT", "cc", "conj", "dobj"])
    assert syntax.subject(doc[3]).text == "Exports"
    assert syntax.subject(doc[3], through=("xcomp",)) is None  # not through a link it was not told to follow


def test_controlled_subject_is_who_acts() -> None:
    # "Washington urged Beijing to stop": Beijing is to stop (object control)
    doc = parse(["Washington", "urged", "Beijing", "to", "stop"], [1, 1, 1, 4, 1],
                ["nsubj", "ROOT", "dobj", "aux", "xcomp"], pos=["PROPN", "VERB", "PROPN", "PART", "VERB"])
    assert syntax.subject(doc[4], ("nsubj", "csubj"), ("xcomp", "advcl", "conj", "acl"), control=True).text == \
        "Beijing"
    assert syntax.subject(doc[4]).text == "Washington"  # the grammatical subject, without control
    # "the firms that supply Russia": the relative pronoun stands for "firms"
    doc = parse(["the", "firms", "that", "supply", "Russia"], [1, 1, 3, 1, 3],
                ["det", "ROOT", "nsubj", "relcl", "dobj"], tags=["DT", "NNS", "WDT", "VBP", "NNP"])
    assert syntax.subject(doc[3], control=True).text == "firms"
    assert syntax.subject(doc[3]).text == "that"


def test_auxiliaries() -> None:
    doc = parse(["sanctions", "will", "be", "lifted"], [3, 3, 3, 3], ["nsubjpass", "aux", "auxpass", "ROOT"])
    assert syntax.auxiliaries(doc[3]) == {"will", "be"}
    assert syntax.auxiliaries(doc[3]) & vocab.FUTURE_AUX == {"will"}
