"""The unit of work of every engine: a batch of documents in, their output records out.

`process_batch` runs in this process, in a pool worker or on a dask worker; each worker loads
the model once (`nlp.cached_pipeline`), and only documents and plain records cross process
boundaries, never `nlp` or a `Doc`. A document whose annotation fails becomes its own error
record; the others come out as they would in any batch.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass

from pipeline.batch.finding import InputDocument
from pipeline.batch.pieces import split_text
from pipeline.batch.reading import MAX_INPUT_BYTES
from pipeline.nlp import (
    DEFAULT_MODEL,
    Annotation,
    annotate,
    cached_pipeline,
)
from pipeline.records import SPAN_FIELDS, Claim, DocumentResult, text_hash

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
        "meta": document.meta or {},
    }
