"""The ``newsgraph`` command as a user runs it: a fresh process, real files, stdout parsed back.

Every process start loads the model (a few seconds), so each subprocess run is shared by the assertions that
need its output. The help/README checks run in-process and need no model.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.core import TyperCommand, TyperGroup
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.pipeline.record import validate_record

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
STATE_VISIT_HTML = ROOT / "examples" / "state_visit.html"

STORY = (
    "Canadian Prime Minister Justin Trudeau met German Chancellor Olaf Scholz in Berlin on Monday to discuss "
    "energy cooperation and support for Ukraine.\n"
    "The two leaders signed an agreement on hydrogen exports worth $2 billion, according to a joint statement.\n"
    "\u201cCanada is ready to be a reliable supplier of clean energy to Europe,\u201d Trudeau told reporters.  \n"
    "Scholz said Germany would buy more liquefied natural gas from Canada in the coming years.\n"
)
SECOND = (
    "Japan and South Korea agreed on Thursday to resume regular security talks, the Japanese foreign ministry "
    "said. The ministers met in Seoul and pledged to work more closely with the United States."
)


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m newsgraph.cli ARGS`` from the repository root, wide terminal so tables do not wrap."""
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "newsgraph.cli", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)


def records_of(result: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def story_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def jsonl_record(story_file: Path) -> dict[str, Any]:
    records = records_of(run_cli("analyze", str(story_file), "--format", "jsonl", "--published", "2024-05-16"))
    assert len(records) == 1
    return records[0]


def test_jsonl_one_valid_record_per_document(jsonl_record: dict[str, Any], story_file: Path) -> None:
    assert validate_record(jsonl_record) == []
    assert "error" not in jsonl_record
    assert jsonl_record["id"] == "story.txt"
    assert jsonl_record["text"] == story_file.read_text(encoding="utf-8") == STORY
    assert jsonl_record["published"] == "2024-05-16"
    assert jsonl_record["actors"]


def test_json_is_the_same_record_pretty(jsonl_record: dict[str, Any], story_file: Path) -> None:
    result = run_cli("analyze", str(story_file), "--format", "json", "--published", "2024-05-16")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("{\n  ")
    assert json.loads(result.stdout) == jsonl_record


def test_report_shows_sections_and_actors(story_file: Path) -> None:
    result = run_cli("analyze", str(story_file), "--published", "2024-05-16")
    assert result.returncode == 0, result.stderr
    for title in ("Actors", "Quotations", "Events"):
        assert title in result.stdout
    assert "Trudeau" in result.stdout
    assert "2024-05-16" in result.stdout


def test_stdin_text_and_jsonl() -> None:
    [record] = records_of(run_cli("analyze", "-", "--format", "jsonl", "--published", "2024-05-16", stdin=STORY))
    assert record["id"] == "stdin"
    assert record["text"] == STORY
    assert record["published"] == "2024-05-16"
    assert validate_record(record) == []

    lines = [{"id": "one", "text": STORY, "published": "2024-05-13"}, {"id": "two", "text": SECOND}]
    stdin = "".join(json.dumps(obj) + "\n" for obj in lines)
    records = records_of(run_cli("analyze", "-", "--format", "jsonl", stdin=stdin))
    assert [r["id"] for r in records] == ["one", "two"]
    assert [r["published"] for r in records] == ["2024-05-13", None]
    assert [r["text"] for r in records] == [STORY, SECOND]
    assert all(validate_record(r) == [] and "error" not in r for r in records)


def test_a_folder_is_read_as_ingest_reads_it(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    (folder / "asia").mkdir(parents=True)
    (folder / "2024-05-16_europe.txt").write_text(STORY, encoding="utf-8")
    (folder / "asia" / "korea.txt").write_text(SECOND, encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (folder / ".notes.txt").write_text(SECOND, encoding="utf-8")  # hidden: not read, as ingest does not
    records = records_of(run_cli("analyze", str(folder), "-", "--format", "jsonl",
                                 stdin=json.dumps({"id": "piped", "text": SECOND}) + "\n"))
    assert [r["id"] for r in records] == ["2024-05-16_europe.txt", "korea.txt", str(folder / "photo.png"), "piped"]
    assert [(r.get("error") or {}).get("code") for r in records] == [None, None, "E002", None]
    assert records[0]["published"] == "2024-05-16" and records[0]["text"] == STORY
    assert records[1]["actors"] and validate_record(records[1]) == []


def test_html_text_and_date_from_the_page() -> None:
    [record] = records_of(run_cli("analyze", str(STATE_VISIT_HTML), "--format", "jsonl"))
    assert "error" not in record, record.get("error")
    assert record["id"] == "state_visit.html"
    assert record["published"] == "2024-03-12"
    assert "<" not in record["text"]
    assert "Ruto" in record["text"]
    assert "Subscribe" not in record["text"]  # navigation boilerplate is dropped
    assert validate_record(record) == []


def test_bad_published_date_is_refused(story_file: Path) -> None:
    result = run_cli("analyze", str(story_file), "--published", "16/05/2024")
    assert result.returncode != 0
    assert "E011" in result.stderr
    assert result.stdout == ""


# --- help text and README (in-process, no model) --------------------------------------------------------------------

AnyCommand = TyperCommand | TyperGroup


def walk(command: AnyCommand, ctx: typer.Context, path: tuple[str, ...] = ()) -> Iterator[
        tuple[tuple[str, ...], AnyCommand]]:
    """Every command under ``command`` (itself included), with its path of names."""
    yield path, command
    if isinstance(command, TyperGroup):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert isinstance(sub, TyperCommand | TyperGroup), name
            yield from walk(sub, typer.Context(sub, parent=ctx, info_name=name), (*path, name))


def all_commands() -> list[tuple[tuple[str, ...], AnyCommand]]:
    root = typer.main.get_command(app)
    assert isinstance(root, TyperGroup)
    return list(walk(root, typer.Context(root, info_name="newsgraph")))


COMMANDS = all_commands()


def test_commands_found() -> None:
    paths = [path for path, _ in COMMANDS]
    assert ("analyze",) in paths and ("eval",) in paths and ("eval", "seed") in paths


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) or "newsgraph" for p, _ in COMMANDS])
def test_every_command_has_help(path: tuple[str, ...], command: AnyCommand) -> None:
    help_text = (command.help or "").strip()
    assert help_text, f"`newsgraph {' '.join(path)}` has no help text"
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output
    assert help_text.split()[0] in result.output


def test_every_command_is_in_readme() -> None:
    assert README.exists(), "README.md is missing"
    readme = README.read_text(encoding="utf-8")
    missing = [" ".join(path) for path, _ in COMMANDS if path and " ".join(path) not in readme]
    assert not missing, f"commands not documented in README.md: {missing}"


def test_explain_shows_the_parse_path(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Japan and South Korea condemned North Korea on Sunday.", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "newsgraph.cli", "explain", str(article), "--published", "2024-02-26", "--event", "0"],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"}, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "matched pattern verb:condemn" in result.stdout
    assert "condemned >nsubj Japan" in result.stdout
    assert "2024-02-25 (from time-expression)" in result.stdout
