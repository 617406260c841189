"""The batch job: read -> annotate -> write, streaming in batches, in input order.

Documents are read lazily, annotated a batch at a time and written as they come back, so the
corpus is never held in memory. The engines: the local one (in this process, or a pool of
`n_process` worker processes) and the dask one (`pipeline.batch.distributed`), each running
`work.process_batch` on batches of documents.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path

from pipeline import __version__
from pipeline.batch.finding import InputDocument, InputPart, find_inputs, input_path
from pipeline.batch.reading import read_inputs
from pipeline.batch.resume import PreviousRun
from pipeline.batch.work import RunOptions, failed, process_batch
from pipeline.batch.workers import stop_with_parent
from pipeline.batch.writing import (
    OutputLock,
    OutputWriter,
    UnwritableRecord,
    owned_paths,
)
from pipeline.nlp import (
    cached_pipeline,
    model_description,
)
from pipeline.records import DocumentResult


@dataclass
class RunSummary:
    """What a run did, for the summary printed after it."""

    documents: int = 0
    failed: int = 0
    entities: int = 0
    claims: int = 0
    reused: int = 0
    seconds: float = 0.0
    entities_by_label: Counter[str] = field(default_factory=Counter)
    claims_by_unit: Counter[str] = field(default_factory=Counter)

    def add(self, record: dict, entities: list[dict], claims: list[dict]) -> None:
        self.documents += 1
        self.entities += len(entities)
        self.claims += len(claims)
        self.entities_by_label.update(entity["label"] for entity in entities)
        self.claims_by_unit.update(claim["unit"] or "(none)" for claim in claims)
        if record["status"] != "ok":
            self.failed += 1


class RunListener:
    """Told how a run goes, for a progress display; the default does nothing."""

    def started(self, found: list[InputPart]) -> None:
        """The inputs are listed and the model is loaded; documents follow."""

    def document_done(self, record: dict) -> None:
        """One document's results are written (or reused)."""


def run_job(
    inputs: list[Path | str],
    out_dir: Path | str,
    options: RunOptions | None = None,
    listener: RunListener | None = None,
    **overrides: object,
) -> RunSummary:
    """Process every input document and write the output files into `out_dir`. `inputs` are
    local paths or URL strings (`reading.input_path`)."""
    listener = listener or RunListener()
    options = RunOptions(**{**asdict(options or RunOptions()), **overrides})
    inputs = [input_path(str(path)) if isinstance(path, str) else path for path in inputs]
    out_dir = Path(out_dir)
    started = time.perf_counter()
    # a missing input path stops the run before anything is written; the output folder's own
    # files are never inputs, even when it lies inside an input folder
    found = find_inputs(inputs, exclude=owned_paths(out_dir))
    model = model_description(cached_pipeline(options.model, options.refine_entities))
    expected = {"options": options.output_options(), "model": model}
    with OutputLock(out_dir), OutputWriter(out_dir, expected) as writer:
        previous = PreviousRun.load(out_dir, expected) if options.resume else PreviousRun()
        summary = RunSummary()
        loaded = time.perf_counter()
        listener.started(found)
        if options.engine == "dask":
            from pipeline.batch.distributed import run_on_dask

            results = run_on_dask(found, out_dir, options, previous)
        else:
            results = _run_locally(read_inputs(found, options.max_input_bytes), options,
                                   previous)
        for result in results:
            record, entities, claims = _write(writer, result)
            summary.add(record, entities, claims)
            listener.document_done(record)
        summary.reused = previous.reused
        finished = time.perf_counter()
        writer.commit({
            "pipeline_version": __version__,
            "model": model,
            "options": options.output_options(),
            "inputs": [str(path) for path in inputs],
            "counts": {"documents": summary.documents, "failed": summary.failed,
                       "entities": summary.entities, "claims": summary.claims},
            "timings": {
                "load_seconds": round(loaded - started, 3),
                "process_seconds": round(finished - loaded, 3),
                "engine": options.engine, "n_process": options.n_process,
                "batch_size": options.batch_size, "reused_documents": summary.reused,
            },
        })
    summary.seconds = time.perf_counter() - started
    return summary


# Engines ----------------------------------------------------------------------------------


def _run_locally(
    documents: Iterable[InputDocument], options: RunOptions, previous: PreviousRun
) -> Iterator[DocumentResult]:
    """Yield each document's output records, in input order, reusing unchanged results."""
    batches = _batches(documents, options.batch_size)
    planned = ((batch, [previous.lines_for(document) for document in batch]) for batch in batches)
    if options.n_process > 1:
        results = _map_in_pool(planned, options)
    else:
        results = ((reused, _process_needed(batch, reused, options)) for batch, reused in planned)
    for reused, processed in results:
        fresh = iter(processed)
        for result in reused:
            yield result if result is not None else next(fresh)


def _process_needed(
    batch: list[InputDocument], reused: list, options: RunOptions
) -> list[DocumentResult]:
    needed = [document for document, lines in zip(batch, reused, strict=True) if lines is None]
    return process_batch(needed, options)


def _map_in_pool(planned: Iterator, options: RunOptions) -> Iterator:
    """Batches processed by `n_process` worker processes, at most two each in flight, results
    in input order."""
    context = multiprocessing.get_context("fork")
    window: deque[tuple[list, Future]] = deque()
    with ProcessPoolExecutor(options.n_process, mp_context=context,
                             initializer=_start_worker,
                             initargs=(os.getpid(), options.model,
                                       options.refine_entities)) as pool:
        try:
            yield from _in_order(pool, planned, window, options)
        except BaseException:
            # Ctrl-C, SIGTERM or a failure: stop the workers now instead of letting the
            # pool finish the batches in flight
            for process in list(pool._processes.values()):  # noqa: SLF001
                process.kill()
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _start_worker(parent: int, model: str, refine_entities: bool) -> None:
    stop_with_parent(parent)
    cached_pipeline(model, refine_entities)


def _in_order(pool: ProcessPoolExecutor, planned: Iterator,
              window: deque[tuple[list, Future]], options: RunOptions) -> Iterator:
    """Submit the batches, at most two per worker in flight, and yield results in order."""
    for batch, reused in planned:
        needed = [doc for doc, lines in zip(batch, reused, strict=True) if lines is None]
        window.append((reused, pool.submit(process_batch, needed, options)))
        if len(window) >= 2 * options.n_process:
            reused_lines, future = window.popleft()
            yield reused_lines, future.result()
    while window:
        reused_lines, future = window.popleft()
        yield reused_lines, future.result()


def _write(writer: OutputWriter, result: DocumentResult) -> DocumentResult:
    """Write one document's records; one that cannot be written as JSON becomes the
    document's error record instead, so that it never costs the run."""
    try:
        writer.write_document(*result)
    except UnwritableRecord as error:
        result = failed(result[0], f"cannot write its results: {error}")
        writer.write_document(*result)
    return result



def _batches(documents: Iterable[InputDocument], size: int) -> Iterator[list[InputDocument]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


# Resuming ---------------------------------------------------------------------------------
