"""``newsgraph learn``: learn data files from public gold data (today: the quote stage's cue lexicon)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsgraph.errors import NewsgraphError

learn_app = typer.Typer(no_args_is_help=True, help="Learn data files from public gold data.")
err_console = Console(stderr=True)


def _shipped_frames() -> Path:
    from newsgraph.nlp import quotes

    return Path(quotes.__file__).parent / "data" / "cue_frames.csv"


@learn_app.command("cues")
def cues(
    polnear: Annotated[Path, typer.Option(help="The PolNeAR folder (metadata.tsv, dev/, train/).")] = Path(
        "../shared/gold/polnear"),
    split: Annotated[str, typer.Option(help="The split to learn from (never the one you report).")] = "train",
    out: Annotated[Path | None, typer.Option(help="Where to write the rows (default: the shipped "
                                                  "nlp/quotes/data/cue_frames.csv).")] = None,
    target: Annotated[float, typer.Option(help="Content precision the chosen threshold must reach.")] = 0.90,
    min_gold: Annotated[int, typer.Option(help="A row is kept only when it was right this many times.")] = 3,
    min_count: Annotated[int, typer.Option(help="Words seen fewer times in a frame are pooled.")] = 5,
    limit: Annotated[int | None, typer.Option(help="Only the first N articles (for a quick look).")] = None,
) -> None:
    """Learn the quote stage's cue lexicon: every (cue lemma, part of speech, frame of its content) with its
    count and precision on the split, kept above a threshold chosen on that split with the quote stage itself."""
    from newsgraph.evaluate.learn_cues import learn_cues
    from newsgraph.nlp.quotes.lexicon import load_lexicon, rows_csv

    if not (polnear / "metadata.tsv").exists():
        err_console.print(f"skipped: no PolNeAR data at {polnear}")
        raise typer.Exit(0)
    target_path = out or _shipped_frames()
    try:
        base = load_lexicon(frames=target_path if target_path.exists() else None)
        learned = learn_cues(polnear, split, base, limit, min_gold, min_count, target)
    except NewsgraphError as err:
        err_console.print(f"[bold red]error[/] {err}")
        raise typer.Exit(2) from err
    target_path.write_text(rows_csv(learned.rows, learned.header), encoding="utf-8")
    console = Console()
    for line in learned.header[-len(learned.table) - 2 :]:
        console.print(line, highlight=False)
    kept = sum(r.kept for r in learned.rows)
    console.print(f"{len(learned.rows)} rows ({kept} kept) written to {target_path}", highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(learn_app, name="learn")
