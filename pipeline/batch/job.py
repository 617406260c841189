"""The batch job: read -> annotate -> write, streaming in batches, in input order.

Documents are read lazily, annotated a batch at a time and written as they come back, so the
corpus is never held in memory. `process_batch` is the unit of work of every engine: the local
one (in this process, or a pool of `n_process` worker processes) and the dask one
(`pipeline.batch.distributed`). Each worker process loads the model once (`cached_pipeline`); only
documents and plain records cross process boundaries, never `nlp` or a `Doc`.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path

from pipeline import __version__
from pipeline.batch.pieces import split_text
from pipeline.batch.reading import (
    MAX_INPUT_BYTES,
    InputDocument,
    InputPart,
    find_inputs,
    read_inputs,
)
from pipeline.batch.workers import stop_with_parent
from pipeline.batch.writing import (
    OUTPUT_FILES,
    PROGRESS_FILE,
    RUN_FILE,
    OutputLock,
    OutputWriter,
    UnwritableRecord,
    current_set,
    owned_paths,
    read_lines,
    staging_folders,
)
from pipeline.nlp import (
    DEFAULT_MODEL,
    Annotation,
    annotate,
    cached_pipeline,
    model_description,
)
from pipeline.records import SPAN_FIELDS, Claim, text_hash

DocumentResult = tuple[dict, list[dict], list[dict]]

logger = logging.getLogger(__name__)


class EngineError(Exception):
    """The requested engine cannot run here (for example dask is not installed)."""


@dataclass(frozen=True)
class RunOptions:
    """How to run. Only `output_options()` can change what is written; the rest is speed."""

    model: str = DEFAULT_MODEL
    batch_size: int = 64
    n_process: int = 1
    refine_entities: bool = True
    max_chars: int = 100_000
    max_input_bytes: int = MAX_INPUT_BYTES
    resume: bool = False
    engine: str = "local"
    scheduler: str | None = None

    def output_options(self) -> dict:
        return {"model": self.model, "refine_entities": self.refine_entities,
                "max_chars": self.max_chars, "max_input_bytes": self.max_input_bytes}


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
    out_dir: Path,
    options: RunOptions | None = None,
    listener: RunListener | None = None,
    **overrides: object,
) -> RunSummary:
    """Process every input document and write the output files into `out_dir`. `inputs` are
    local paths or URL strings (`reading.input_path`)."""
    listener = listener or RunListener()
    options = RunOptions(**{**asdict(options or RunOptions()), **overrides})
    started = time.perf_counter()
    # a missing input path stops the run before anything is written; the output folder's own
    # files are never inputs, even when it lies inside an input folder
    found = find_inputs(inputs, exclude=owned_paths(out_dir))
    model = model_description(cached_pipeline(options.model, options.refine_entities))
    with OutputLock(out_dir), OutputWriter(out_dir, {"options": options.output_options(),
                                                      "model": model}) as writer:
        previous = PreviousRun.load(out_dir, options, model) if options.resume else PreviousRun()
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


def failed(record: dict, problem: str) -> DocumentResult:
    """The error record of a document that was read but could not be annotated or written."""
    return ({**record, "status": "error", "error": f"internal error: {problem}",
             "n_entities": 0, "n_claims": 0}, [], [])


def process_batch(documents: list[InputDocument], options: RunOptions) -> list[DocumentResult]:
    """Annotate a batch of documents: the unit of work of every engine. If annotating the batch
    fails, each document is annotated alone, so that only the one that fails becomes an error
    record (`internal error: <type>: <message>`; the traceback goes to the debug log); the
    others come out as they would in any batch."""
    try:
        return _annotate_batch(documents, options)
    except Exception:  # noqa: BLE001 - isolate the document that fails, below
        if len(documents) == 1:
            return [_failed_alone(documents[0])]
    return [result for document in documents for result in _annotate_alone(document, options)]


def _annotate_alone(document: InputDocument, options: RunOptions) -> list[DocumentResult]:
    try:
        return _annotate_batch([document], options)
    except Exception:  # noqa: BLE001 - this document's error, not the run's
        return [_failed_alone(document)]


def _failed_alone(document: InputDocument) -> DocumentResult:
    """Called inside `except`: the current exception becomes the document's error record."""
    logger.debug("document %r failed", document.doc_id, exc_info=True)
    error = sys.exc_info()[1]
    record = _document_record(document, "ok", 0, 0)
    return failed(record, f"{type(error).__name__}: {error}")


def _annotate_batch(documents: list[InputDocument], options: RunOptions
                    ) -> list[DocumentResult]:
    nlp = cached_pipeline(options.model, options.refine_entities)
    pieces = [
        (index, offset, piece)
        for index, document in enumerate(documents) if document.error is None
        for offset, piece in split_text(document.text, options.max_chars)
    ]
    annotations = annotate(nlp, [piece for _, _, piece in pieces], options.batch_size)
    merged: dict[int, Annotation] = {}
    for (index, offset, _), annotation in zip(pieces, annotations, strict=True):
        whole = merged.setdefault(index, Annotation(entities=[], claims=[]))
        whole.entities.extend(_shift(entity, offset) for entity in annotation.entities)
        whole.claims.extend(_shift_claim(claim, offset) for claim in annotation.claims)
    return [document_records(document, merged.get(index)) for index, document in
            enumerate(documents)]


def _shift(span: dict, offset: int) -> dict:
    if not offset:
        return span
    return {**span, "start": span["start"] + offset, "end": span["end"] + offset}


def _shift_claim(claim: dict, offset: int) -> dict:
    if not offset:
        return claim
    shifted = {name: _shift(claim[name], offset) if name in SPAN_FIELDS and claim[name] else
               claim[name] for name in claim}
    shifted["entities"] = [_shift(entity, offset) for entity in claim["entities"]]
    return shifted


def document_records(
    document: InputDocument, annotation: Annotation | None
) -> DocumentResult:
    """The output records of one document, with doc_id and claim_id filled in."""
    if document.error is not None:
        return _document_record(document, "error", 0, 0), [], []
    annotation = annotation or Annotation(entities=[], claims=[])
    entities = [{"doc_id": document.doc_id, **entity} for entity in annotation.entities]
    claims = [
        {"doc_id": document.doc_id, "claim_id": f"{document.doc_id}:{number}",
         **{name: claim[name] for name in Claim._fields}}
        for number, claim in enumerate(annotation.claims, start=1)
    ]
    return _document_record(document, "ok", len(entities), len(claims)), entities, claims


def _document_record(document: InputDocument, status: str, n_entities: int, n_claims: int) -> dict:
    text = document.text or ""
    return {
        "doc_id": document.doc_id,
        "status": status,
        "error": document.error,
        "chars": len(text),
        "sha256": text_hash(text) if document.text is not None else None,
        "n_entities": n_entities,
        "n_claims": n_claims,
    }


def _batches(documents: Iterable[InputDocument], size: int) -> Iterator[list[InputDocument]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


# Resuming ---------------------------------------------------------------------------------


class PreviousRun:
    """The results of an earlier run into the same folder, reused for documents whose text,
    model and output options are unchanged (`--resume`)."""

    def __init__(self, lines: dict[str, tuple[str, list[str], list[str]]] | None = None,
                 hashes: dict[str, str] | None = None) -> None:
        self._lines = lines or {}
        self._hashes = hashes or {}
        self.reused = 0

    @classmethod
    def load(cls, out_dir: Path, options: RunOptions, model: dict) -> PreviousRun:
        """The results in `out_dir` made with the same model and output options: those of the
        finished set, updated by those of runs that were killed after it (their staging
        folders, oldest first)."""
        expected = {"options": options.output_options(), "model": model}
        lines: dict[str, tuple[str, list[str], list[str]]] = {}
        finished = current_set(out_dir)
        run = _read_json(finished / RUN_FILE)
        if {key: run.get(key) for key in expected} == expected:
            lines.update(_results_in(finished))
        for staging in staging_folders(out_dir):
            if _read_json(staging / PROGRESS_FILE) == expected:
                lines.update(_results_in(staging))
        hashes = {doc_id: json.loads(record)["sha256"] for doc_id, (record, _, _) in lines.items()}
        return cls(lines, hashes)

    @property
    def hashes(self) -> dict[str, str]:
        """doc_id -> text sha256 of the reusable results: all `is_unchanged` needs."""
        return self._hashes

    def lines_for(self, document: InputDocument) -> DocumentResult | None:
        """The earlier output records of `document` if its text is unchanged and they belong
        to that text, else None."""
        if not is_unchanged(document, self._hashes):
            return None
        return self.reused_records(document)

    def reused_records(self, document: InputDocument) -> DocumentResult | None:
        """The earlier output records of a document that `is_unchanged`, counted as reused;
        None if any of them does not fit its text (`fits_text`)."""
        record, entities, claims = self._lines[document.doc_id]
        result = (json.loads(record), [json.loads(line) for line in entities],
                  [json.loads(line) for line in claims])
        if not fits_text(result, document.text):
            return None
        self.reused += 1
        return result


def fits_text(result: DocumentResult, text: str) -> bool:
    """Whether a document's records were made from `text`: its hash, its counts, and the text
    of every entity and claim quantity at its offsets. Guards `--resume` against records of
    another text under the same doc_id."""
    record, entities, claims = result
    if record.get("sha256") != text_hash(text) or (
            record.get("n_entities"), record.get("n_claims")) != (len(entities), len(claims)):
        return False
    spans = [*entities, *(claim["quantity"] for claim in claims)]
    return all(text[span["start"]:span["end"]] == span["text"] for span in spans)


def is_unchanged(document: InputDocument, hashes: dict[str, str]) -> bool:
    """Whether `document` was read and the previous run (`PreviousRun.hashes`) has results for
    its doc_id made from the same text. A plain function of the hashes alone, so that dask
    workers can decide without the previous results themselves."""
    if document.error is not None or document.doc_id not in hashes:
        return False
    return hashes[document.doc_id] == text_hash(document.text)


def _results_in(folder: Path) -> dict[str, tuple[str, list[str], list[str]]]:
    """Output lines of the documents that finished ok, by doc_id. Only whole, valid lines
    count: a killed run may have left its last line half-written."""
    results: dict[str, tuple[str, list[str], list[str]]] = {}
    for line, record in read_lines(folder / "documents.jsonl"):
        if record.get("status") == "ok" and isinstance(record.get("sha256"), str):
            results[record["doc_id"]] = (line, [], [])
    for name, position in zip(OUTPUT_FILES[1:], (1, 2), strict=True):
        for line, record in read_lines(folder / name):
            if record.get("doc_id") in results:
                results[record["doc_id"]][position].append(line)
    return results


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
