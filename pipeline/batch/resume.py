"""`--resume`: reuse the records of an earlier run into the same folder for every document
whose text, model and output options are unchanged, after checking that they fit the text."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.batch.finding import InputDocument
from pipeline.batch.writing import (
    OUTPUT_FILES,
    PROGRESS_FILE,
    RUN_FILE,
    current_set,
    read_lines,
    staging_folders,
)
from pipeline.records import DocumentResult, text_hash


class PreviousRun:
    """The results of an earlier run into the same folder, reused for documents whose text,
    model and output options are unchanged (`--resume`)."""

    def __init__(self, lines: dict[str, tuple[str, list[str], list[str]]] | None = None,
                 hashes: dict[str, str] | None = None) -> None:
        self._lines = lines or {}
        self._hashes = hashes or {}
        self.reused = 0

    @classmethod
    def load(cls, out_dir: Path, expected: dict) -> PreviousRun:
        """The results in `out_dir` made with the same model and output options (`expected`:
        {"options": ..., "model": ...}, as the run records them): those of the finished set,
        updated by those of runs that were killed after it (their staging folders, oldest
        first)."""
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
        if not fits_text(result, document.text) or result[0].get("meta") != (document.meta or {}):
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
