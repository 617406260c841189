"""Pre-annotate documents for Prodigy, doccano or Label Studio, and read the corrected export
back as a gold folder that `evaluating.evaluate` scores against.

A prediction folder holds offsets, not texts, so the caller passes the texts; each one is
checked against the sha256 the run recorded, so that no span lands on a text that has changed.

Entities become labelled spans; each claim's quantity becomes a span labelled CLAIM. The two
kinds may overlap ("Fully 40 percent" PERCENT around the claim "40 percent"), so set each tool
up to allow overlap: Prodigy's `spans.manual` recipe (not `ner.manual`), doccano's "Allow
overlapping entity" project option, and Label Studio's `<Labels>` (overlap is its default;
`LABEL_STUDIO_CONFIG` is a matching labelling config). A claim's other attributes (value, unit,
bound, subject, ...) are not spans an annotator can edit in these tools, so they travel in the
task as data the tools keep untouched: the task's `claims` list (Prodigy, doccano) or
`data.claims` (Label Studio). On import a CLAIM span whose offsets match a carried claim keeps
its attributes; a new CLAIM span is parsed afresh with `quantities.parse_quantity`, and a deleted
one is gone.

Tasks hold no tokens: Prodigy's recipe tokenizes on loading and the offsets come from spaCy
tokens, so they align. Label Studio counts offsets in UTF-16 code units, Python in code points:
texts with characters outside the Basic Multilingual Plane (emoji) would need converting.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.quantities import parse_quantity
from pipeline.records import text_hash

FORMATS = ("prodigy", "doccano", "label-studio")
CLAIM_LABEL = "CLAIM"
ENTITY_LABELS = (
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
)
# What a claim carries through the tool besides its quantity span, in the gold files' order.
# What a gold claim records besides its span: SI values are left out, they follow from value
# and unit (tests/gold/NOTES.md).
CLAIM_ATTRIBUTES = (
    "value", "low", "high", "unit", "unit_text", "dimension", "counted", "bound", "change",
    "subject", "time", "source",
)
LABEL_STUDIO_CONFIG = "\n".join([
    "<View>",
    '  <Labels name="label" toName="text">',
    *(f'    <Label value="{label}"/>' for label in (*ENTITY_LABELS, CLAIM_LABEL)),
    "  </Labels>",
    '  <Text name="text" value="$text"/>',
    "</View>",
])

Span = tuple[int, int, str]  # start, end, label


# Export ------------------------------------------------------------------------------------


def export_tasks(pred_dir: Path, texts: dict[str, str], tool: str) -> list[dict]:
    """One task per document of `pred_dir/documents.jsonl` with status ok, in that order;
    `texts` maps doc_id -> text."""
    build = _BUILDERS[_check_tool(tool)]
    pred_dir = Path(pred_dir)
    documents = _read_jsonl(pred_dir / "documents.jsonl")
    entities: dict[str, list[dict]] = {}
    claims: dict[str, list[dict]] = {}
    for found, name in ((entities, "entities.jsonl"), (claims, "claims.jsonl")):
        for record in _read_jsonl(pred_dir / name):
            found.setdefault(record["doc_id"], []).append(record)
    model_version = _model_version(pred_dir)
    tasks = []
    for record in documents:
        if record.get("status") != "ok":
            continue
        doc_id = record["doc_id"]
        text = texts.get(doc_id)
        if text is None:
            raise ValueError(f"{pred_dir / 'documents.jsonl'}: no text given for {doc_id!r}")
        if record.get("sha256") and text_hash(text) != record["sha256"]:
            raise ValueError(f"{pred_dir / 'documents.jsonl'}: the text given for {doc_id!r} is "
                             "not the one the run saw (sha256 differs)")
        doc_claims = sorted(claims.get(doc_id, []), key=lambda claim: _offsets(claim["quantity"]))
        spans = sorted(
            [(entity["start"], entity["end"], entity["label"]) for entity in
             entities.get(doc_id, [])]
            + [(*_offsets(claim["quantity"]), CLAIM_LABEL) for claim in doc_claims]
        )
        carried = [_carried(claim) for claim in doc_claims]
        tasks.append(build(doc_id, text, spans, carried, model_version))
    return tasks


def _offsets(span: dict) -> tuple[int, int]:
    return span["start"], span["end"]


def _carried(claim: dict) -> dict:
    """The claim as the gold records it, less doc_id and claim_id (renumbered on import)."""
    return {"quantity": claim["quantity"], **{name: claim.get(name) for name in CLAIM_ATTRIBUTES}}


def _model_version(pred_dir: Path) -> str:
    """Label Studio shows which model made a prediction; run.json says which one did."""
    try:
        run = json.loads((pred_dir / "run.json").read_text(encoding="utf-8"))
        model = run["model"]
        return f"{model['name']} {model['version']} / pipeline {run['pipeline_version']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "pipeline"


def _prodigy_task(doc_id: str, text: str, spans: list[Span], claims: list[dict],
                  model_version: str) -> dict:
    return {
        "text": text,
        "spans": [{"start": start, "end": end, "label": label} for start, end, label in spans],
        "meta": {"doc_id": doc_id},
        "claims": claims,
    }


def _doccano_task(doc_id: str, text: str, spans: list[Span], claims: list[dict],
                  model_version: str) -> dict:
    """doccano keeps keys other than text and label as the example's metadata and writes them
    back at the top level of its export."""
    return {"text": text, "label": [list(span) for span in spans], "doc_id": doc_id,
            "claims": claims}


def _label_studio_task(doc_id: str, text: str, spans: list[Span], claims: list[dict],
                       model_version: str) -> dict:
    result = [
        {
            "id": f"span-{number}",
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]},
        }
        for number, (start, end, label) in enumerate(spans, start=1)
    ]
    return {
        "data": {"text": text, "doc_id": doc_id, "claims": claims},
        "predictions": [{"model_version": model_version, "result": result}],
    }


_BUILDERS: dict[str, Callable[[str, str, list[Span], list[dict], str], dict]] = {
    "prodigy": _prodigy_task,
    "doccano": _doccano_task,
    "label-studio": _label_studio_task,
}


def write_tasks(tasks: list[dict], path: Path, tool: str) -> None:
    """JSON Lines for Prodigy and doccano, one JSON list for Label Studio; UTF-8 as is."""
    _check_tool(tool)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        if tool == "label-studio":
            handle.write(json.dumps(tasks, ensure_ascii=False, indent=2) + "\n")
        else:
            handle.writelines(json.dumps(task, ensure_ascii=False) + "\n" for task in tasks)


# Import ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Annotated:
    """One reviewed document, whatever tool it came from; `where` names it in messages."""

    where: str
    doc_id: str
    text: str
    spans: list[Span]
    claims: list[dict]


def import_annotations(path: Path, tool: str, gold_dir: Path) -> tuple[int, int]:
    """Turn a tool's corrected export into `gold_dir/entities.jsonl` and `claims.jsonl`;
    returns how many entities and claims were written."""
    read = _READERS[_check_tool(tool)]
    path = Path(path)
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
            doc_entities, doc_claims = _gold_records(document)
            entities.extend(doc_entities)
            claims.extend(doc_claims)
    except (TypeError, KeyError, AttributeError, IndexError, OverflowError,
            RecursionError) as error:  # a task shaped unlike the tool's export
        raise ValueError(f"{where}: malformed task ({type(error).__name__}: {error})") from None
    write_gold(Path(gold_dir), {"entities.jsonl": entities, "claims.jsonl": claims})
    return len(entities), len(claims)


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


def _gold_records(document: _Annotated) -> tuple[list[dict], list[dict]]:
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
        carried.setdefault(_offsets(claim["quantity"]), claim)
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


# Reading the tools' exports ----------------------------------------------------------------


def _read_prodigy(path: Path) -> Iterator[_Annotated]:
    """`prodigy db-out` lines; rejected and ignored tasks are skipped, a task without an answer
    (the pre-annotation itself) counts as accepted."""
    for number, task in _numbered_lines(path):
        where = f"{path}: line {number}"
        answer = task.get("answer", "accept")
        if answer not in ("accept", "reject", "ignore"):
            raise ValueError(f"{where}: answer {answer!r} is not accept, reject or ignore")
        if answer != "accept":
            continue
        text = _text(task.get("text"), where)
        meta = task.get("meta")
        doc_id = _doc_id(meta.get("doc_id") if isinstance(meta, dict) else None, where, "meta")
        spans = [
            _span(span.get("start"), span.get("end"), span.get("label"), text, where)
            for span in _list_of_dicts(task.get("spans", []), where, "spans")
        ]
        yield _Annotated(where, doc_id, text, spans, _claims(task.get("claims"), where))


def _read_doccano(path: Path) -> Iterator[_Annotated]:
    """doccano's sequence-labelling JSONL: `label` as [start, end, label] triples, or, from a
    project with relations, `entities` as {label, start_offset, end_offset}."""
    for number, task in _numbered_lines(path):
        where = f"{path}: line {number}"
        text = _text(task.get("text"), where)
        doc_id = _doc_id(task.get("doc_id"), where, "the task")
        if "label" not in task and "entities" in task:
            spans = [
                _span(span.get("start_offset"), span.get("end_offset"), span.get("label"), text,
                      where)
                for span in _list_of_dicts(task["entities"], where, "entities")
            ]
        else:
            triples = task.get("label", [])
            if not isinstance(triples, list) or not all(
                isinstance(triple, list) and len(triple) == 3 for triple in triples
            ):
                raise ValueError(f"{where}: label is not a list of [start, end, label]")
            spans = [_span(*triple, text, where) for triple in triples]
        yield _Annotated(where, doc_id, text, spans, _claims(task.get("claims"), where))


def _read_label_studio(path: Path) -> Iterator[_Annotated]:
    """Label Studio's JSON export: the last annotation not cancelled (skipped) counts; a task
    with no annotation falls back to its last prediction, one only skipped is left out."""
    tasks = _load_json(path)
    if not isinstance(tasks, list):
        raise ValueError(f"{path}: not a Label Studio export (a JSON list of tasks)")
    for number, task in enumerate(tasks, start=1):
        where = f"{path}: task {number}"
        data = task.get("data") if isinstance(task, dict) else None
        if not isinstance(data, dict):
            raise ValueError(f"{where}: no \"data\" object")
        text = _text(data.get("text"), where)
        doc_id = _doc_id(data.get("doc_id"), where, "data")
        annotations = _list_of_dicts(task.get("annotations", []), where, "annotations")
        done = [item for item in annotations if not item.get("was_cancelled")]
        if annotations and not done:
            continue
        chosen = done or _list_of_dicts(task.get("predictions", []), where, "predictions")
        result = _list_of_dicts(chosen[-1].get("result", []), where, "result") if chosen else []
        spans = [
            _span(value.get("start"), value.get("end"), label, text, where)
            for item in result
            if item.get("type") == "labels"
            for value in [_value(item, where)]
            for label in value["labels"]
        ]
        yield _Annotated(where, doc_id, text, spans, _claims(data.get("claims"), where))


def _value(item: dict, where: str) -> dict:
    value = item.get("value")
    if not isinstance(value, dict) or not isinstance(value.get("labels"), list):
        raise ValueError(f"{where}: a result has no value with labels")
    return value


_READERS: dict[str, Callable[[Path], Iterator[_Annotated]]] = {
    "prodigy": _read_prodigy,
    "doccano": _read_doccano,
    "label-studio": _read_label_studio,
}


# Checks ------------------------------------------------------------------------------------


def _check_tool(tool: str) -> str:
    if tool not in FORMATS:
        raise ValueError(f"unknown annotation tool {tool!r}: use one of {', '.join(FORMATS)}")
    return tool


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ValueError(f"{path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not UTF-8 at byte {error.start}") from None


def _strict_json(text: str) -> object:
    """json.loads that refuses NaN and Infinity, which are not JSON and not values."""
    return json.loads(text, parse_constant=_refuse_constant)


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON value")


def _load_json(path: Path) -> object:
    try:
        return _strict_json(_read_text(path))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: invalid JSON at line {error.lineno}: {error.msg}") from None
    except RecursionError:
        raise ValueError(f"{path}: invalid JSON: nested too deeply") from None
    except ValueError as error:  # NaN, or an integer of more digits than Python converts
        raise ValueError(f"{path}: invalid JSON: {error}") from None


def _numbered_lines(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, object) of each non-blank line of a JSON Lines file."""
    for number, line in enumerate(_read_text(path).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = _strict_json(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}: line {number}: invalid JSON: {error.msg}") from None
        except RecursionError:
            raise ValueError(f"{path}: line {number}: invalid JSON: nested too deeply") from None
        except ValueError as error:
            raise ValueError(f"{path}: line {number}: invalid JSON: {error}") from None
        if not isinstance(record, dict):
            raise ValueError(f"{path}: line {number}: not a JSON object")
        yield number, record


def _read_jsonl(path: Path) -> list[dict]:
    return [record for _, record in _numbered_lines(path)]


def _text(text: object, where: str) -> str:
    if not isinstance(text, str) or not text:
        raise ValueError(f"{where}: no \"text\"" if text is None else f"{where}: bad \"text\"")
    return text


def _doc_id(doc_id: object, where: str, place: str) -> str:
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        return str(doc_id)
    if not isinstance(doc_id, str) or not doc_id:
        raise ValueError(f"{where}: no \"doc_id\" in {place}")
    return doc_id


def _list_of_dicts(items: object, where: str, name: str) -> list[dict]:
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ValueError(f"{where}: {name} is not a list of objects")
    return items


def _is_int(number: object) -> bool:
    return isinstance(number, int) and not isinstance(number, bool)


def _span(start: object, end: object, label: object, text: str, where: str) -> Span:
    """Offsets must lie in the text and enclose something; the label must be a name."""
    if not (_is_int(start) and _is_int(end) and 0 <= start < end <= len(text)):
        raise ValueError(f"{where}: span [{start!r}, {end!r}] does not lie in the text "
                         f"({len(text)} characters)")
    if not isinstance(label, str) or not label:
        raise ValueError(f"{where}: span [{start}, {end}] has no label")
    return start, end, label


def _claims(claims: object, where: str) -> list[dict]:
    """The carried claims; absent when the task was made elsewhere, then every CLAIM is new."""
    if claims is None:
        return []
    for claim in _list_of_dicts(claims, where, "claims"):
        quantity = claim.get("quantity")
        if not (isinstance(quantity, dict) and _is_int(quantity.get("start"))
                and _is_int(quantity.get("end"))):
            raise ValueError(f"{where}: a carried claim has no quantity start and end")
    return claims
