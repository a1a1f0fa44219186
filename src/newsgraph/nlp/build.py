"""Build the spaCy pipeline: the configured model plus our components, each registered by factory."""

from __future__ import annotations

import importlib.util

import spacy
from spacy.language import Language

from newsgraph.config import DEFAULT_MODELS, Settings
from newsgraph.errors import ErrorCode, SetupError

# importing the stage modules registers their factories
from newsgraph.nlp import actors, amounts, coref, dateline, events, places, quotes, times  # noqa: F401

STAGE_FACTORIES = {
    "actors": "newsgraph_actors",
    "coref": "newsgraph_coref",
    "times": "newsgraph_times",
    "amounts": "newsgraph_amounts",
    "places": "newsgraph_places",
    "quotes": "newsgraph_quotes",
    "events": "newsgraph_events",
}


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
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise SetupError(ErrorCode.MODEL, f"{model}: {err}") from err
    nlp.max_length = max(nlp.max_length, settings.max_chars + 1)
    files = list(settings.actor_files)
    nlp.add_pipe("newsgraph_dateline", first=True, config={"actor_files": files})
    for stage in settings.stages:
        if stage == "lang":
            continue  # the language check runs before parsing, in analyze.py
        factory = STAGE_FACTORIES.get(stage)
        if factory is None:
            raise SetupError(ErrorCode.CONFIG, f"unknown stage {stage!r}; known: {sorted(STAGE_FACTORIES)}")
        config: dict[str, object] = {}
        if stage in {"actors", "coref", "places", "events"}:
            config["actor_files"] = files
        if stage == "events":
            config["keep_unattached"] = settings.keep_unattached_events
        if stage == "places":
            if settings.places_min_population not in {500, 1000, 5000, 15000}:
                raise SetupError(ErrorCode.CONFIG, "places_min_population must be 500, 1000, 5000 or 15000, not "
                                                   f"{settings.places_min_population}")
            config["min_population"] = settings.places_min_population
        nlp.add_pipe(factory, config=config)
    return nlp
