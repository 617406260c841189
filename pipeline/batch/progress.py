"""How a run looks on the terminal: a progress bar on stderr and a short summary afterwards.

The bar is drawn only when stderr is a terminal, so logs and pipes get plain lines; `run_job`
knows nothing about it beyond the `RunListener` calls.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from pipeline.batch.finding import InputPart
from pipeline.batch.job import RunListener, RunSummary
from pipeline.batch.reading import count_documents


class RateColumn(ProgressColumn):
    """Documents per second since the start, shown once a second has passed: rich's own speed
    estimate, taken over the first few documents (reused ones come back at once), started at
    thousands of docs/s."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        shown = f"{task.completed / elapsed:.1f}" if elapsed >= 1.0 else "-"
        return Text(f"{shown} docs/s", style="progress.data.speed")


class ProgressBar(RunListener):
    """Documents done out of all, docs/s, elapsed time and ETA, redrawn on `console`."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("documents"), BarColumn(), MofNCompleteColumn(), RateColumn(),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=console, speed_estimate_period=60,
        )
        self._task = None

    def started(self, found: list[InputPart]) -> None:
        self._task = self._progress.add_task("run", total=count_documents(found))
        self._progress.start()

    def document_done(self, record: dict) -> None:
        self._progress.advance(self._task)

    def stop(self) -> None:
        self._progress.stop()


def listener_for(console: Console, quiet: bool) -> RunListener | ProgressBar:
    """A progress bar on a terminal, unless `quiet`; otherwise nothing."""
    if quiet or not console.is_terminal:
        return RunListener()
    return ProgressBar(console)


def summary_lines(summary: RunSummary, out: Path, width: int = 0) -> list[str]:
    """The few lines printed after a run, each wrapped at word ends to `width` columns (0:
    not wrapped), so that a terminal never breaks a word or a label in two."""
    lines = _summary(summary, out)
    if width <= 0:
        return lines
    return [wrapped for line in lines
            for wrapped in textwrap.wrap(line, width, subsequent_indent="  ",
                                         break_long_words=False, break_on_hyphens=False)]


def _summary(summary: RunSummary, out: Path) -> list[str]:
    ok = summary.documents - summary.failed
    rate = summary.documents / summary.seconds if summary.seconds else 0.0
    return [
        f"{summary.documents} documents: {ok} ok, {summary.failed} failed, "
        f"{summary.reused} reused; {summary.seconds:.1f} s, {rate:.1f} docs/s -> {out}",
        f"entities: {summary.entities}{_breakdown(summary.entities_by_label)}",
        f"claims: {summary.claims}{_breakdown(summary.claims_by_unit)}",
    ]


def _breakdown(counts: Counter[str], shown: int = 8) -> str:
    if not counts:
        return ""
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    parts = [f"{name} {count}" for name, count in ranked[:shown]]
    if len(ranked) > shown:
        parts.append(f"{len(ranked) - shown} more")
    return " (" + ", ".join(parts) + ")"
