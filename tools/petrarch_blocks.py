"""Read PETRARCH-2's CAMEO verb dictionary into blocks (a synonym set of verbs, its default code, its patterns),
to propose candidates for our own lexicon. Nothing of that file ships: see src/newsgraph/nlp/events/data/README.md.

    python tools/petrarch_blocks.py [PATH] [--code PREFIX] [--summary]
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

DEFAULT = Path("../shared/reference/cameo/PETRARCH2_CAMEO.2.0.verbs.txt")


@dataclass
class Rule:
    subject: list[str]
    obj: list[str]
    preps: list[tuple[str, list[str]]]
    code: str
    raw: str


@dataclass
class Block:
    head: str
    code: str
    verbs: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)


def _verb(line: str) -> str:
    return line.split("{", 1)[0].strip().lower().replace("_", " ").strip()


def _rule(line: str) -> Rule | None:
    m = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]", line)
    if not m:
        return None
    body, code = m.groups()
    before, _, after = body.partition("*")
    preps = []
    for pm in re.finditer(r"\(([^()]*)\)", after):
        words = pm.group(1).replace("{", " ").replace("}", " ").split()
        if words:
            preps.append((words[0].lower(), [w.lower() for w in words[1:]]))
    obj = re.sub(r"\([^()]*\)", " ", after).replace("{", " ").replace("}", " ").split()
    subject = before.replace("{", " ").replace("}", " ").split()
    return Rule([w.lower() for w in subject], [w.lower() for w in obj], preps, code.strip(), line.strip())


def read_blocks(path: Path) -> list[Block]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    blocks: list[Block] = []
    for line in lines[start + 1:]:
        head = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
        if head:
            blocks.append(Block(head.group(1).lower().replace("_", " "), head.group(2)))
            continue
        text = line.split("#", 1)[0].rstrip()
        if not blocks or not text.strip():
            continue
        if text.lstrip().startswith("-"):
            rule = _rule(text.strip())
            if rule:
                blocks[-1].rules.append(rule)
        elif text.startswith("+"):
            blocks[-1].phrases.append(_verb(text[1:]))
        else:
            blocks[-1].verbs.append(_verb(text))
    return blocks


def main(argv: list[str]) -> int:
    path = Path(next((a for a in argv if not a.startswith("--") and "/" in a), DEFAULT))
    prefix = argv[argv.index("--code") + 1] if "--code" in argv else None
    for block in read_blocks(path):
        rules = [r for r in block.rules if prefix is None or r.code.lstrip(":").startswith(prefix)]
        if prefix and not rules and not block.code.startswith(prefix):
            continue
        if "--summary" in argv:
            print(f"{block.head} [{block.code}] verbs={','.join(block.verbs)} rules={len(block.rules)}")
        else:
            print(json.dumps({**asdict(block), "rules": [asdict(r) for r in rules]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
