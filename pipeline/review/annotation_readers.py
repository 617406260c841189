"""Each tool's export of reviewed tasks read into one shape, `Annotated`, whatever the tool.

Every value is checked before use (offsets inside the text, labels present, carried claims with
a quantity), and a bad one is a ValueError naming the file and the line or task.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.review.annotation_schema import Span
from pipeline.review.strict_json import load_json, numbered_lines


@dataclass(frozen=True)
class Annotated:
    """One reviewed document, whatever tool it came from; `where` names it in messages."""

    where: str
    doc_id: str
    text: str
    spans: list[Span]
    claims: list[dict]
    reviewed: bool = True  # False: the tool shows no one looked at it (no answer, no annotation)


def _read_prodigy(path: Path) -> Iterator[Annotated]:
    """`prodigy db-out` lines; rejected and ignored tasks are skipped, a task without an answer
    (the pre-annotation itself) counts as accepted."""
    for number, task in numbered_lines(path):
        where = f"{path}: line {number}"
        reviewed = "answer" in task  # without one, the task is the pre-annotation itself
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
        yield Annotated(where, doc_id, text, spans, _claims(task.get("claims"), where), reviewed)


def _read_doccano(path: Path) -> Iterator[Annotated]:
    """doccano's sequence-labelling JSONL: `label` as [start, end, label] triples, or, from a
    project with relations, `entities` as {label, start_offset, end_offset}."""
    for number, task in numbered_lines(path):
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
        yield Annotated(where, doc_id, text, spans, _claims(task.get("claims"), where))


def _read_label_studio(path: Path) -> Iterator[Annotated]:
    """Label Studio's JSON export: the last annotation not cancelled (skipped) counts; a task
    with no annotation falls back to its last prediction, one only skipped is left out."""
    tasks = load_json(path)
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
        yield Annotated(where, doc_id, text, spans, _claims(data.get("claims"), where),
                        reviewed=bool(done))


def _value(item: dict, where: str) -> dict:
    value = item.get("value")
    if not isinstance(value, dict) or not isinstance(value.get("labels"), list):
        raise ValueError(f"{where}: a result has no value with labels")
    return value


READERS: dict[str, Callable[[Path], Iterator[Annotated]]] = {
    "prodigy": _read_prodigy,
    "doccano": _read_doccano,
    "label-studio": _read_label_studio,
}


# Checks ------------------------------------------------------------------------------------


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
