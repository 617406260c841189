"""A tool's corrected export turned into a gold folder that `evaluating.evaluate` scores against.

A CLAIM span whose offsets match a carried claim keeps that claim's attributes; a new CLAIM span
is parsed afresh with `quantities.parse_quantity`, and a deleted one is gone. The gold files are
written all or nothing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

from pipeline.quantities import parse_quantity
from pipeline.review.annotation_readers import READERS, Annotated
from pipeline.review.annotation_schema import CLAIM_ATTRIBUTES, CLAIM_LABEL, check_tool, offsets


class ImportSummary(NamedTuple):
    """What `import_annotations` wrote, and what the annotator should look at."""

    entities: int
    claims: int
    unreviewed: int  # tasks taken although no one reviewed them (--accept-unreviewed)
    incomplete: int  # claims with no value or no unit: to fill in by hand


def import_annotations(path: Path, tool: str, gold_dir: Path, force: bool = False,
                       accept_unreviewed: bool = False) -> ImportSummary:
    """Turn a tool's corrected export into `gold_dir/entities.jsonl` and `claims.jsonl`.

    Gold is labelled by hand and costs hours, so this refuses to replace a gold folder that
    holds files unless `force`, and refuses tasks that the tool shows no one reviewed (a
    Prodigy task without an answer, a Label Studio task without an annotation: importing
    untouched pre-annotations would make the run score perfectly against itself) unless
    `accept_unreviewed`. doccano's export carries no review mark: export only approved
    documents there."""
    read = READERS[check_tool(tool)]
    path, gold_dir = Path(path), Path(gold_dir)
    if not force and gold_dir.is_dir() and any(gold_dir.iterdir()):
        raise ValueError(f"gold folder {gold_dir} is not empty: hand-labelled gold is not "
                         "overwritten; use another --gold, or --force to replace it")
    unreviewed: list[str] = []
    entities: list[dict] = []
    claims: list[dict] = []
    first_seen: dict[str, str] = {}
    where = str(path)
    try:
        for document in read(path):
            where = document.where
            if document.doc_id in first_seen:
                raise ValueError(f"{document.where}: doc_id {document.doc_id!r} again (first "
                                 f"at {first_seen[document.doc_id]}): keep one review per "
                                 "document")
            first_seen[document.doc_id] = document.where
            if not document.reviewed:
                unreviewed.append(document.where)
            doc_entities, doc_claims = _gold_records(document)
            entities.extend(doc_entities)
            claims.extend(doc_claims)
    except (TypeError, KeyError, AttributeError, IndexError, OverflowError,
            RecursionError) as error:  # a task shaped unlike the tool's export
        raise ValueError(f"{where}: malformed task ({type(error).__name__}: {error})") from None
    if unreviewed and not accept_unreviewed:
        raise ValueError(f"{len(unreviewed)} task(s) were never reviewed (first: "
                         f"{unreviewed[0]}): review them in the tool, or pass "
                         "--accept-unreviewed to take the pre-annotations as gold")
    write_gold(gold_dir, {"entities.jsonl": entities, "claims.jsonl": claims})
    incomplete = sum(claim.get("value") is None and claim.get("low") is None
                     or claim.get("unit") is None for claim in claims)
    return ImportSummary(len(entities), len(claims), len(unreviewed), incomplete)


def write_gold(gold_dir: Path, files: dict[str, list[dict]]) -> None:
    """Write the gold files all or nothing: every line is encoded (strict JSON, no NaN) and
    every file written under a temporary name before any replaces the old one, so a failure
    never leaves new entities beside old claims."""
    encoded = {}
    for name, records in files.items():
        try:
            encoded[name] = "".join(json.dumps(record, ensure_ascii=False, allow_nan=False)
                                    + "\n" for record in records).encode("utf-8")
        except ValueError as error:  # NaN or a lone surrogate: not a value gold may hold
            raise ValueError(f"cannot write {gold_dir / name}: {error}") from None
    try:
        gold_dir.mkdir(parents=True, exist_ok=True)
        for name, data in encoded.items():
            (gold_dir / f".{name}.tmp").write_bytes(data)
        for name in encoded:
            os.replace(gold_dir / f".{name}.tmp", gold_dir / name)
    except OSError as error:
        raise ValueError(f"cannot write to gold folder {gold_dir}: "
                         f"{error.strerror or error}") from None


def _gold_records(document: Annotated) -> tuple[list[dict], list[dict]]:
    """Entities and claims in text order; a span given twice counts once."""
    doc_id, text = document.doc_id, document.text
    spans = sorted(set(document.spans))
    entities = [
        {"doc_id": doc_id, "text": text[start:end], "label": label, "start": start, "end": end}
        for start, end, label in spans
        if label != CLAIM_LABEL
    ]
    carried: dict[tuple[int, int], dict] = {}
    for claim in document.claims:
        carried.setdefault(offsets(claim["quantity"]), claim)
    claims = [
        _claim_record(doc_id, number, text, start, end, carried.get((start, end)))
        for number, (start, end) in enumerate(
            [(start, end) for start, end, label in spans if label == CLAIM_LABEL], start=1
        )
    ]
    return entities, claims


def _claim_record(doc_id: str, number: int, text: str, start: int, end: int,
                  carried: dict | None) -> dict:
    """A kept claim keeps what it carried; a new one gets what its words say and nothing else
    (no subject, time, source or counted noun: those need the sentence, an annotator's job)."""
    record = {
        "doc_id": doc_id,
        "claim_id": f"{doc_id}:{number}",
        "quantity": {"text": text[start:end], "start": start, "end": end},
    }
    if carried is not None:
        return record | {name: carried.get(name) for name in CLAIM_ATTRIBUTES}
    parsed = parse_quantity(text[start:end])
    attributes = dict.fromkeys(CLAIM_ATTRIBUTES)
    if parsed is not None:
        attributes.update(value=parsed.value, low=parsed.low, high=parsed.high, unit=parsed.unit,
                          unit_text=parsed.unit_text, dimension=parsed.dimension,
                          bound=parsed.bound, change=parsed.change)
    return record | attributes
