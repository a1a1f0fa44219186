"""Build the spaCy pipeline: the configured model plus our components, each registered by factory.

Which stage needs which is read off the factories' declarations: a stage needs every earlier stage that
``assigns`` a ``Doc`` attribute it ``requires`` (events require mentions, times, places and quotes, so they need
actors, coref, times, places and quotes).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable

import spacy
from spacy.language import Language

from newsgraph.config import DEFAULT_MODELS, Settings
from newsgraph.errors import ErrorCode, SetupError

# importing the stage modules registers their factories
from newsgraph.nlp import actors, amounts, coref, dateline, event_places, events, places, quotes, times  # noqa: F401
from newsgraph.nlp.lemmas import remember_lemmas
from newsgraph.nlp.places.gazetteer import prepare as prepare_gazetteer
from newsgraph.nlp.rules import remember_rules
from newsgraph.vocab import LANG_STAGE, STAGES, factory_name

STAGE_FACTORIES = {stage: factory_name(stage) for stage in STAGES}


def stage_needs() -> dict[str, tuple[str, ...]]:
    """Each stage -> the earlier stages that assign a ``Doc`` attribute its factory declares it requires."""
    metas = {stage: Language.get_factory_meta(factory) for stage, factory in STAGE_FACTORIES.items()}
    needs: dict[str, tuple[str, ...]] = {}
    for n, stage in enumerate(STAGES):
        required = set(metas[stage].requires)
        needs[stage] = tuple(s for s in STAGES[:n] if required & set(metas[s].assigns))
    return needs


def stages_for(wanted: Iterable[str]) -> tuple[str, ...]:
    """The stages to run for ``wanted`` ("events,quotes"), with what they need, in pipeline order."""
    needs = stage_needs()
    todo = [w.strip() for w in wanted if w.strip()]
    unknown = [w for w in todo if w not in needs]
    if unknown:
        raise SetupError(ErrorCode.CONFIG, f"unknown stage(s) {unknown}; known: {', '.join(STAGES)}")
    chosen: set[str] = set()
    while todo:
        stage = todo.pop()
        if stage not in chosen:
            chosen.add(stage)
            todo.extend(needs[stage])
    return (LANG_STAGE, *(s for s in STAGES if s in chosen))


def resolve_model(name: str = "") -> str:
    """The model to load: ``name`` if given, else the first installed of ``DEFAULT_MODELS``."""
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise SetupError(ErrorCode.MODEL, f"none of {', '.join(DEFAULT_MODELS)} is installed; run `make install`")


def build_pipeline(settings: Settings | None = None) -> Language:
    settings = settings or Settings()
    model = resolve_model(settings.model)
    if "places" in settings.stages:
        if settings.places_min_population not in {500, 1000, 5000, 15000}:
            raise SetupError(ErrorCode.CONFIG, "places_min_population must be 500, 1000, 5000 or 15000, not "
                                               f"{settings.places_min_population}")
        prepare_gazetteer(settings.places_min_population)  # built, if it must be, before the model loads
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise SetupError(ErrorCode.MODEL, f"{model}: {err}") from err
    nlp.max_length = max(nlp.max_length, settings.max_chars + 1)
    remember_rules(nlp)  # the model's attribute ruler and lemmatizer, the same answers each worked out once
    remember_lemmas(nlp)  # (nlp/rules.py, nlp/lemmas.py)
    files = list(settings.actor_files)
    nlp.add_pipe("newsgraph_dateline", first=True, config={"actor_files": files})
    for stage in settings.stages:
        if stage == LANG_STAGE:
            continue  # the language check runs before parsing, in analyze.py
        factory = STAGE_FACTORIES.get(stage)
        if factory is None:
            raise SetupError(ErrorCode.CONFIG, f"unknown stage {stage!r}; known: {sorted(STAGE_FACTORIES)}")
        config: dict[str, object] = {}
        if stage in {"actors", "coref", "places", "events"}:
            config["actor_files"] = files
        if stage == "events":
            config["keep_unattached"] = settings.keep_unattached_events
            config["pattern_files"] = list(settings.pattern_files)
        if stage == "places":
            config["min_population"] = settings.places_min_population
        nlp.add_pipe(factory, config=config)
    return nlp
