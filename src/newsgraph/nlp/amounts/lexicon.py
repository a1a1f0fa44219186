"""The amount stage's words: ``data/amounts.yaml`` (currency signs, codes and words, scales, hedges, casualty
words, count and people nouns…) loaded into a ``Lexicon``, with user files layered on top."""

from __future__ import annotations

from dataclasses import dataclass, fields
from importlib import resources
from typing import Any

import yaml

from newsgraph.errors import ErrorCode, SetupError

#: libyaml's loader when PyYAML was built with it (several times faster at start-up), else the Python one
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Lexicon:
    """The contents of ``data/amounts.yaml`` (see its comments), ready for lookups."""

    symbols: dict[str, str]
    codes: dict[str, str]
    currency_words: dict[str, str]
    needs_scale: frozenset[str]
    weights_before_of: frozenset[str]
    scales: dict[str, int]
    compact_scales: dict[str, int]
    vague: dict[str, int]
    hedges: dict[str, str | None]
    percent_words: dict[str, str]
    casualty: dict[str, str]
    casualty_intransitive: frozenset[str]
    count_nouns: frozenset[str]
    people_nouns: frozenset[str]
    not_counted: frozenset[str]
    measure_verbs: frozenset[str]
    change_nouns: frozenset[str]
    stand_ins: frozenset[str]
    object_preps: frozenset[str]


def load_lexicon(extra: tuple[str, ...] | list[str] = ()) -> Lexicon:
    """The shipped lexicon with each file of ``extra`` layered on top."""
    merged: dict[str, Any] = {}
    texts = [("amounts.yaml", (resources.files("newsgraph.nlp") / "data" / "amounts.yaml").read_text("utf-8"))]
    for path in extra:
        try:
            with open(path, encoding="utf-8") as handle:
                texts.append((path, handle.read()))
        except OSError as err:
            raise SetupError(ErrorCode.DATA_FILE, f"amount lexicon {path}: {err}") from err
    for name, text in texts:
        try:
            data = yaml.load(text, Loader=_LOADER) or {}
        except yaml.YAMLError as err:
            raise SetupError(ErrorCode.DATA_FILE, f"amount lexicon {name}: {err}") from err
        if not isinstance(data, dict):
            raise SetupError(ErrorCode.DATA_FILE, f"amount lexicon {name}: expected a mapping of sections")
        _check_sections(name, text)
        for key, value in data.items():
            if isinstance(value, dict):
                merged[key] = {**merged.get(key, {}), **value}
            else:
                merged[key] = [*merged.get(key, []), *(value or [])]
    try:
        return _lexicon(merged)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise SetupError(ErrorCode.DATA_FILE, f"amount lexicon: {err!r}") from err


def _check_sections(name: str, text: str) -> None:
    """Every top-level key of a lexicon file is a section of ``Lexicon``: a misspelt one is E012 with its line."""
    root = yaml.compose(text, Loader=_LOADER)
    known = {f.name for f in fields(Lexicon)}
    for key, _ in root.value if isinstance(root, yaml.MappingNode) else []:
        if key.value not in known:
            raise SetupError(ErrorCode.DATA_FILE, f"amount lexicon {name}, line {key.start_mark.line + 1}: unknown "
                                                  f"section {key.value!r} (known: {', '.join(sorted(known))})")


def _lexicon(data: dict[str, Any]) -> Lexicon:
    words = {str(k).lower(): str(v) for k, v in data["currency_words"].items()}
    words.update({f"{w}s": code for w, code in list(words.items()) if not w.endswith("s")})

    def lower_set(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key) or [])

    return Lexicon(
        symbols={str(k): str(v) for k, v in data["symbols"].items()},
        codes={str(k): str(v) for k, v in data["codes"].items()},
        currency_words=words,
        needs_scale=lower_set("needs_scale"),
        weights_before_of=lower_set("weights_before_of"),
        scales={str(k).lower(): int(v) for k, v in data["scales"].items()},
        compact_scales={str(k).lower(): int(v) for k, v in data["compact_scales"].items()},
        vague={str(k).lower(): int(v) for k, v in data["vague"].items()},
        hedges={str(k).lower(): (str(v) if v is not None else None) for k, v in data["hedges"].items()},
        percent_words={str(k).lower(): str(v) for k, v in data["percent_words"].items()},
        casualty={str(k).lower(): str(v) for k, v in data["casualty"].items()},
        casualty_intransitive=lower_set("casualty_intransitive"),
        count_nouns=lower_set("count_nouns"),
        people_nouns=lower_set("people_nouns"),
        not_counted=lower_set("not_counted"),
        measure_verbs=lower_set("measure_verbs"),
        change_nouns=lower_set("change_nouns"),
        stand_ins=lower_set("stand_ins"),
        object_preps=lower_set("object_preps"),
    )
