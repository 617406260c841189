"""Command line: thin typer commands that check their arguments and call the plain functions."""

from __future__ import annotations

import json
import logging
import shutil
import signal
from contextlib import contextmanager
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console

from pipeline import __version__
from pipeline.batch.finding import InputPathError, input_path
from pipeline.batch.job import run_job
from pipeline.batch.progress import ProgressBar, listener_for, summary_lines
from pipeline.batch.reading import MAX_INPUT_BYTES
from pipeline.batch.work import EngineError, RunOptions
from pipeline.batch.writing import OutputError
from pipeline.nlp import DEFAULT_MODEL, ModelNotFoundError
from pipeline.review.annotation_tools import FORMATS, export_tasks, import_annotations, write_tasks
from pipeline.review.evaluating import EvaluationError, evaluate
from pipeline.review.reporting import write_report
from pipeline.review.showing import ShowError, printable, run_texts, show_document
from pipeline.review.tables import TABLE_FORMATS, TableError, write_tables

app = typer.Typer(
    help="News articles in, spaCy entities and numeric claims out, as JSON Lines.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,  # plain click help: flags without a "<bool>" metavar
)


class Engine(str, Enum):  # noqa: UP042 - typer's choices need a str Enum
    """--engine: where the batches run."""

    local = "local"
    dask = "dask"


# --format: the annotation tools, as `annotation_tools.FORMATS` names them
Tool = Enum("Tool", {name.replace("-", "_"): name for name in FORMATS}, type=str)
# export --format: the tools, or a flat table for pandas, DuckDB or a spreadsheet
ExportFormat = Enum("ExportFormat", {name.replace("-", "_"): name
                                     for name in (*FORMATS, *TABLE_FORMATS)}, type=str)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"pipeline {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(  # noqa: ARG001 - handled by its callback
        False, "--version", callback=_print_version, is_eager=True,
        help="Print the version and exit.",
    ),
) -> None:
    """News articles in, spaCy entities and numeric claims out, as JSON Lines."""

USAGE_ERROR = 2
INTERRUPTED = 130  # the shell's code for a program stopped by Ctrl-C
TERMINATED = 143  # ... and by SIGTERM


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C: the run stops where it is and can be resumed."""


@contextmanager
def _sigterm_as_interrupt():
    def stop(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _fail(message: str, code: int = USAGE_ERROR) -> typer.Exit:
    typer.echo(f"error: {printable(message)}", err=True)  # it may quote a file's contents
    return typer.Exit(code)


def _inputs(names: list[str] | None) -> list[Path | str] | None:
    """Input arguments are taken as strings, since Path would turn s3://b/k into s3:/b/k."""
    return [input_path(name) for name in names] if names else None


@app.command()
def run(
    inputs: list[str] = typer.Argument(  # noqa: B008
        None, help=".txt files, .jsonl files of {\"id\", \"text\"}, or folders; paths or URLs "
        "(s3://, gs://, ... through fsspec). Default: corpus/"
    ),
    out: Path = typer.Option(Path("output"), "--out", help="Output folder."),  # noqa: B008
    model: str = typer.Option(DEFAULT_MODEL, help="Installed spaCy model package or path."),
    batch_size: int = typer.Option(64, min=1, help="Documents per batch."),
    n_process: int = typer.Option(1, min=1, help="Worker processes on this machine."),
    max_chars: int = typer.Option(
        100_000, min=1_000, help="Longer documents are split at paragraphs into pieces this long."
    ),
    max_input_bytes: int = typer.Option(
        MAX_INPUT_BYTES, min=1, help="A .txt file or JSONL line larger than this is an error "
        "record, never read whole."
    ),
    resume: bool = typer.Option(
        False, help="Reuse OUT's results for documents whose text, model and options are unchanged."
    ),
    engine: Engine = typer.Option(  # noqa: B008
        Engine.local, help="Where batches run: local, or dask (needs the 'dask' extra).",
    ),
    scheduler: str = typer.Option(
        None, help="Dask scheduler address; without it a local cluster of --n-process workers."
    ),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="No progress bar and no summary; errors are still printed."
    ),
    debug: bool = typer.Option(
        False, "--debug", help="Log the traceback of every document that fails to stderr."
    ),
) -> None:
    """Extract entities and numeric claims from INPUTS into OUT.

    Writes documents.jsonl, entities.jsonl, claims.jsonl and run.json; a document that cannot
    be read is an error record in documents.jsonl. Exit codes: 0 all documents ok, 1 some
    documents failed (count on stderr), 2 usage or configuration error (or OUT cannot be
    written, or another run is writing it), 130 interrupted by Ctrl-C and 143 by SIGTERM (the
    finished files of an earlier run are untouched; --resume continues).
    """
    options = RunOptions(model=model, batch_size=batch_size, n_process=n_process,
                         max_chars=max_chars, max_input_bytes=max_input_bytes, resume=resume,
                         engine=engine.value, scheduler=scheduler)
    if debug:
        logging.basicConfig(level=logging.DEBUG, format="%(name)s: %(message)s")
    listener = listener_for(Console(stderr=True), quiet)
    try:
        with _sigterm_as_interrupt():
            summary = run_job(_inputs(inputs) or [Path("corpus")], out, options, listener)
    except (ModelNotFoundError, InputPathError, EngineError, OutputError) as error:
        raise _fail(str(error)) from None
    except KeyboardInterrupt as interrupt:
        code = TERMINATED if isinstance(interrupt, Terminated) else INTERRUPTED
        raise _fail(f"interrupted; rerun with --resume to continue into {out}", code) from None
    finally:
        if isinstance(listener, ProgressBar):
            listener.stop()
    if not quiet:
        width = shutil.get_terminal_size().columns
        for line in summary_lines(summary, out, width):
            typer.echo(line, err=True)
    if summary.failed:
        typer.echo(f"{summary.failed} of {summary.documents} documents failed: see the "
                   f"\"error\" field in {out / 'documents.jsonl'}", err=True)
        raise typer.Exit(1)


@app.command("evaluate")
def evaluate_command(
    gold: Path = typer.Option(Path("tests/gold"), help="Folder of gold JSONL files."),  # noqa: B008
    pred: Path = typer.Option(Path("output"), help="Folder of a run's output."),  # noqa: B008
    json_path: Path = typer.Option(None, "--json", help="Also write the report as JSON."),  # noqa: B008
    min_f1: float = typer.Option(
        None, min=0.0, max=1.0, help="Exit 1 if claim or entity (lenient) F1 is below this."
    ),
) -> None:
    """Score a run's output against hand-labelled gold (docs/annotation.md, "Matching")."""
    for folder in (gold, pred):
        if not folder.is_dir():
            raise _fail(f"not a folder: {folder}")
    try:
        report = evaluate(gold, pred)
    except EvaluationError as error:
        raise _fail(str(error)) from None
    typer.echo(report.format_table())
    if json_path is not None:
        json_path.write_text(json.dumps(report.to_dict(), indent=2) + "\n", encoding="utf-8")
    failures = report.failures(min_f1) if min_f1 is not None else []
    for failure in failures:
        typer.echo(f"below --min-f1: {failure}", err=True)
    if failures:
        raise typer.Exit(1)


@app.command()
def show(
    doc_id: str = typer.Argument(..., help="The document's doc_id."),
    pred: Path = typer.Option(Path("output"), help="Folder of a run's output."),  # noqa: B008
    input_paths: list[str] = typer.Option(  # noqa: B008
        None, "--input", help="The run's inputs (paths or URLs), if not where run.json says."
    ),
) -> None:
    """Print one document with its entities and claims highlighted, then its claims as a table."""
    try:
        show_document(pred, doc_id, Console(), _inputs(input_paths))
    except (ShowError, InputPathError) as error:
        raise _fail(str(error)) from None


@app.command()
def report(
    pred: Path = typer.Option(Path("output"), help="Folder of a run's output."),  # noqa: B008
    out: Path = typer.Option(Path("report.html"), "--out", help="The HTML file to write."),  # noqa: B008
    input_paths: list[str] = typer.Option(  # noqa: B008
        None, "--input", help="The run's inputs (paths or URLs), if not where run.json says."
    ),
    max_documents: int = typer.Option(
        10_000, min=0, help="Documents whose text is in the page (every claim and document is)."
    ),
) -> None:
    """Write one self-contained HTML page: the run's overview, a searchable, filterable table of
    every claim, a document index with failed documents, and each document's highlights."""
    try:
        texts = run_texts(pred, _inputs(input_paths))
        shown = write_report(pred, texts, out, max_documents)
    except (ShowError, InputPathError) as error:
        raise _fail(str(error)) from None
    except OSError as error:
        raise _fail(f"cannot write {out}: {error.strerror or error}") from None
    typer.echo(f"report -> {out} (texts of {shown} documents)", err=True)


@app.command("export")
def export_command(
    tool: ExportFormat = typer.Option(  # noqa: B008
        ..., "--format", help="An annotation tool, or csv/parquet for flat tables."
    ),
    out: Path = typer.Option(  # noqa: B008
        ..., "--out", help="The task file to write; for csv/parquet, the folder."
    ),
    pred: Path = typer.Option(Path("output"), help="Folder of a run's output."),  # noqa: B008
    input_paths: list[str] = typer.Option(  # noqa: B008
        None, "--input", help="The run's inputs (paths or URLs), if not where run.json says."
    ),
) -> None:
    """Turn a run's entities and claims into pre-annotations for an annotation tool, or into
    flat tables (claims.csv and entities.csv, or .parquet) for pandas, DuckDB or a spreadsheet."""
    if tool.value in TABLE_FORMATS:
        try:
            counts = write_tables(pred, out, tool.value)
        except TableError as error:
            raise _fail(str(error)) from None
        except OSError as error:
            raise _fail(f"cannot write {out}: {error.strerror or error}") from None
        typer.echo(f"{counts['claims']} claims, {counts['entities']} entities -> {out}",
                   err=True)
        return
    try:
        tasks = export_tasks(pred, run_texts(pred, _inputs(input_paths)), tool.value)
        write_tasks(tasks, out, tool.value)
    except (ShowError, InputPathError, ValueError) as error:
        raise _fail(str(error)) from None
    typer.echo(f"{len(tasks)} tasks -> {out}", err=True)


@app.command("import")
def import_command(
    path: Path = typer.Argument(..., help="The tool's export of the corrected tasks."),  # noqa: B008
    tool: Tool = typer.Option(..., "--format", help="The annotation tool."),  # noqa: B008
    gold: Path = typer.Option(..., "--gold", help="Gold folder to write."),  # noqa: B008
    force: bool = typer.Option(False, "--force", help="Replace a gold folder that has files."),
    accept_unreviewed: bool = typer.Option(
        False, "--accept-unreviewed", help="Take tasks no one reviewed (pre-annotations) as gold."
    ),
) -> None:
    """Turn an annotation tool's corrected export into a gold folder that `evaluate` reads.
    Refuses a gold folder that has files (--force) and tasks no one reviewed
    (--accept-unreviewed)."""
    try:
        summary = import_annotations(path, tool.value, gold, force, accept_unreviewed)
    except ValueError as error:
        raise _fail(str(error)) from None
    typer.echo(f"{summary.entities} entities, {summary.claims} claims -> {gold}", err=True)
    if summary.unreviewed:
        typer.echo(f"{summary.unreviewed} task(s) taken without review (--accept-unreviewed)",
                   err=True)
    if summary.incomplete:
        typer.echo(f"{summary.incomplete} claim(s) have no value or no unit: fill them in by "
                   f"hand in {gold / 'claims.jsonl'}", err=True)
