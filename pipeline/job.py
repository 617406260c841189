"""The batch job: read -> annotate -> write, streaming in batches, in input order.

Documents are read lazily, annotated a batch at a time and written as they come back, so the
corpus is never held in memory. `process_batch` is the unit of work of every engine: the local
one (in this process, or a pool of `n_process` worker processes) and the dask one
(`pipeline.distributed`). Each worker process loads the model once (`cached_pipeline`); only
documents and plain records cross process boundaries, never `nlp` or a `Doc`.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path

from pipeline import __version__
from pipeline.claims import Claim
from pipeline.nlp import (
    DEFAULT_MODEL,
    Annotation,
    annotate,
    cached_pipeline,
    model_description,
)
from pipeline.pieces import split_text
from pipeline.reading import InputDocument, InputPart, find_inputs, read_inputs
from pipeline.writing import PROGRESS_FILE, OutputWriter, temporary_path

CLAIM_FIELDS = Claim._fields  # the contract's order, as `Claim.to_dict` writes it
SPAN_FIELDS = ("sentence", "quantity", "subject", "time", "source")

DocumentResult = tuple[dict, list[dict], list[dict]]


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
    resume: bool = False
    engine: str = "local"
    scheduler: str | None = None

    def output_options(self) -> dict:
        return {"model": self.model, "refine_entities": self.refine_entities,
                "max_chars": self.max_chars}


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
    found = find_inputs(inputs)  # a missing input path stops the run before anything is written
    model = model_description(cached_pipeline(options.model, options.refine_entities))
    previous = PreviousRun.load(out_dir, options, model) if options.resume else PreviousRun()
    summary = RunSummary()
    loaded = time.perf_counter()
    progress = {"options": options.output_options(), "model": model}
    with OutputWriter(out_dir, progress) as writer:
        listener.started(found)
        if options.engine == "dask":
            from pipeline.distributed import run_on_dask

            results = run_on_dask(found, out_dir, options, previous)
        else:
            results = _run_locally(read_inputs(found), options, previous)
        for record, entities, claims in results:
            writer.write_document(record, entities, claims)
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
                             initializer=cached_pipeline,
                             initargs=(options.model, options.refine_entities)) as pool:
        for batch, reused in planned:
            needed = [doc for doc, lines in zip(batch, reused, strict=True) if lines is None]
            window.append((reused, pool.submit(process_batch, needed, options)))
            if len(window) >= 2 * options.n_process:
                reused_lines, future = window.popleft()
                yield reused_lines, future.result()
        while window:
            reused_lines, future = window.popleft()
            yield reused_lines, future.result()


def process_batch(documents: list[InputDocument], options: RunOptions) -> list[DocumentResult]:
    """Annotate a batch of documents: the unit of work of every engine."""
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
         **{name: claim[name] for name in CLAIM_FIELDS}}
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


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
        last finished run, updated by those of a run that was interrupted after it."""
        expected = {"options": options.output_options(), "model": model}
        lines: dict[str, tuple[str, list[str], list[str]]] = {}
        run = _read_json(out_dir / "run.json")
        if {key: run.get(key) for key in expected} == expected:
            lines.update(_results_in(lambda name: out_dir / name))
        if _read_json(out_dir / PROGRESS_FILE) == expected:
            lines.update(_results_in(lambda name: temporary_path(out_dir, name)))
        hashes = {doc_id: json.loads(record)["sha256"] for doc_id, (record, _, _) in lines.items()}
        return cls(lines, hashes)

    @property
    def hashes(self) -> dict[str, str]:
        """doc_id -> text sha256 of the reusable results: all `is_unchanged` needs."""
        return self._hashes

    def lines_for(self, document: InputDocument) -> DocumentResult | None:
        """The earlier output records of `document` if its text is unchanged, else None."""
        if not is_unchanged(document, self._hashes):
            return None
        return self.reused_records(document.doc_id)

    def reused_records(self, doc_id: str) -> DocumentResult:
        """The earlier output records of a document that `is_unchanged`, counted as reused."""
        self.reused += 1
        record, entities, claims = self._lines[doc_id]
        return (json.loads(record), [json.loads(line) for line in entities],
                [json.loads(line) for line in claims])


def is_unchanged(document: InputDocument, hashes: dict[str, str]) -> bool:
    """Whether `document` was read and the previous run (`PreviousRun.hashes`) has results for
    its doc_id made from the same text. A plain function of the hashes alone, so that dask
    workers can decide without the previous results themselves."""
    if document.error is not None or document.doc_id not in hashes:
        return False
    return hashes[document.doc_id] == text_hash(document.text)


def _results_in(path_of: Callable[[str], Path]) -> dict[str, tuple[str, list[str], list[str]]]:
    """Output lines of the documents that finished ok, by doc_id. Only whole, valid lines
    count: a killed run may have left its last line half-written."""
    results: dict[str, tuple[str, list[str], list[str]]] = {}
    for line, record in _records(path_of("documents.jsonl")):
        if record.get("status") == "ok":
            results[record["doc_id"]] = (line, [], [])
    for name, position in (("entities.jsonl", 1), ("claims.jsonl", 2)):
        for line, record in _records(path_of(name)):
            if record.get("doc_id") in results:
                results[record["doc_id"]][position].append(line)
    return results


def _records(path: Path) -> Iterator[tuple[str, dict]]:
    if not path.exists():
        return
    with path.open(encoding="utf-8", errors="replace", newline="\n") as handle:
        for line in handle:
            try:
                record = json.loads(line) if line.endswith("\n") else None
            except ValueError:
                record = None
            if isinstance(record, dict):
                yield line[:-1], record


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
