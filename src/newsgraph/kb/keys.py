"""The keys each section of a knowledge-base YAML file may have, checked on the parsed nodes so that a misspelt
key stops the run with E012 naming the file and the line (``countries.yaml``, ``blocs.yaml``, ``sectors.yaml`` and
user actor files with the sections ``countries``, ``blocs``, ``people``, ``sectors``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml

from newsgraph.errors import ErrorCode, SetupError

#: the roles a person can hold (people.csv ``roles``; the ``roles`` section of sectors.yaml)
ROLES = ("leader", "head_of_state", "head_of_government", "foreign_minister", "defence_minister")

#: the keys an entry of each section may have (a user file's sections are these four)
ENTRY_KEYS: dict[str, frozenset[str]] = {
    "countries": frozenset({"code", "name", "aliases", "demonyms", "capital", "capital_aliases", "seats", "iso2",
                            "parent", "status", "valid_from", "valid_to", "extend"}),
    "blocs": frozenset({"id", "name", "aliases", "demonyms", "kind", "country", "members", "seats", "sector"}),
    "people": frozenset({"name", "aliases", "country", "sector", "roles", "office", "start", "end"}),
    "sectors": frozenset({"name", "nouns"}),
    "role phrases": frozenset({"phrase", "countries"}),
}


def _unknown(path: Any, key: yaml.Node, known: Iterable[str], where: str) -> SetupError:
    return SetupError(ErrorCode.DATA_FILE, f"{path}, line {key.start_mark.line + 1}: unknown key {key.value!r} "
                                           f"in {where} (known: {', '.join(sorted(known))})")


def check_keys(path: Any, root: yaml.Node | None, section: str | None) -> None:
    if root is None:
        return
    if section is None:  # a user file: a mapping of sections
        if isinstance(root, yaml.MappingNode):
            for key, value in root.value:
                if key.value not in ("countries", "blocs", "people", "sectors"):
                    raise _unknown(path, key, ("countries", "blocs", "people", "sectors"), "the file")
                check_keys(path, value, key.value)
        return
    if section == "sectors" and isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "roles" and isinstance(value, yaml.MappingNode):
                for role, phrases in value.value:
                    if role.value not in ROLES:
                        raise _unknown(path, role, ROLES, "roles")
                    _check_entries(path, phrases, "role phrases")
            elif isinstance(value, yaml.MappingNode):
                _check_entries(path, yaml.SequenceNode("tag:yaml.org,2002:seq", [value]), "sectors")
        return
    _check_entries(path, root, section)


def _check_entries(path: Any, node: yaml.Node, section: str) -> None:
    for item in node.value if isinstance(node, yaml.SequenceNode) else []:
        if isinstance(item, yaml.MappingNode):
            for key, _ in item.value:
                if key.value not in ENTRY_KEYS[section]:
                    raise _unknown(path, key, ENTRY_KEYS[section], f"a {section} entry")
