"""Look at one document's results: its text with entities and claims highlighted, in the
terminal (`pipeline show`), and the pieces the HTML report shares with it.

The output files hold offsets, not texts; the text is read again from the run's inputs (listed
in run.json) and checked against the sha256 the run recorded, so highlights never land on a
text that has changed since.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from pipeline.batch.finding import input_path, is_url
from pipeline.batch.reading import read_documents
from pipeline.records import read_jsonl, text_hash

LABEL_STYLES = {
    "PERSON": "on #7a4d9b", "ORG": "on #2f6f9f", "GPE": "on #9a6a1f", "LOC": "on #80551c",
    "NORP": "on #6b7f2a", "DATE": "on #2e7d6b", "MONEY": "on #2e7d32", "PERCENT": "on #8e3b5e",
    "CARDINAL": "on #5d4037", "QUANTITY": "on #455a64",
}
CLAIM_COLUMNS = ("value", "unit", "bound", "change", "subject", "time", "source")


class ShowError(Exception):
    """The document or the run's files cannot be found, or the text has changed."""


@dataclass(frozen=True)
class DocumentResults:
    """One document of a run: its record, its text, its entities and claims."""

    record: dict
    text: str
    entities: list[dict]
    claims: list[dict]


def run_texts(pred_dir: Path, inputs: list[Path | str] | None = None) -> dict[str, str]:
    """doc_id -> text, from `inputs` or else the inputs named in the run's run.json (a URL
    there is read again through fsspec, and reported by `find_inputs` if it is gone)."""
    if inputs is None:
        run_path = pred_dir / "run.json"
        if not run_path.exists():
            raise ShowError(f"no run.json in {pred_dir}: pass the inputs with --input")
        inputs = [input_path(name) for name in json.loads(run_path.read_text("utf-8"))["inputs"]]
    missing = [str(path) for path in inputs if not is_url(path) and not path.exists()]
    if missing:
        raise ShowError(f"the run's inputs are not here: {', '.join(missing)} (use --input)")
    return {document.doc_id: document.text for document in read_documents(inputs)
            if document.text is not None}


def check_run_folder(pred_dir: Path) -> None:
    """Raise ShowError naming the first output file `pred_dir` lacks."""
    for name in ("documents.jsonl", "entities.jsonl", "claims.jsonl"):
        if not (pred_dir / name).exists():
            raise ShowError(f"{pred_dir / name} does not exist: is {pred_dir} a run's output?")


def load_results(pred_dir: Path, texts: dict[str, str],
                 doc_ids: set[str] | None = None) -> Iterator[DocumentResults]:
    """The run's documents that finished ok (or those in `doc_ids`), in output order."""
    check_run_folder(pred_dir)
    wanted = [record for record in read_jsonl(pred_dir / "documents.jsonl")
              if record["status"] == "ok" and (doc_ids is None or record["doc_id"] in doc_ids)]
    keep = {record["doc_id"] for record in wanted}
    entities: dict[str, list[dict]] = {doc_id: [] for doc_id in keep}
    claims: dict[str, list[dict]] = {doc_id: [] for doc_id in keep}
    for found, name in ((entities, "entities.jsonl"), (claims, "claims.jsonl")):
        for item in read_jsonl(pred_dir / name):
            if item["doc_id"] in keep:
                found[item["doc_id"]].append(item)
    for record in wanted:
        text = texts.get(record["doc_id"])
        if text is None or text_hash(text) != record["sha256"]:
            raise ShowError(f"the text of {record['doc_id']!r} is not the one the run saw "
                            "(missing or changed input)")
        yield DocumentResults(record, text, entities[record["doc_id"]], claims[record["doc_id"]])


def segments(text: str, entities: list[dict], claims: list[dict]
             ) -> Iterator[tuple[str, dict | None, bool, bool]]:
    """The text cut at every entity and claim boundary: (piece, entity it lies in, whether a
    claim's quantity covers it, whether the entity ends with this piece). One pass: entities
    do not overlap, and each quantity marks only the pieces it spans."""
    cuts = {0, len(text)}
    for span in entities + [claim["quantity"] for claim in claims]:
        cuts.update((span["start"], span["end"]))
    ordered = sorted(cut for cut in cuts if 0 <= cut <= len(text))
    claimed = [False] * len(ordered)
    for claim in claims:
        first = bisect_left(ordered, claim["quantity"]["start"])
        last = bisect_left(ordered, claim["quantity"]["end"])
        claimed[first:last] = [True] * (last - first)
    queue = sorted(entities, key=lambda entity: entity["start"])
    next_entity = 0
    for number, (start, end) in enumerate(zip(ordered, ordered[1:], strict=False)):
        while next_entity < len(queue) and queue[next_entity]["end"] <= start:
            next_entity += 1
        entity = queue[next_entity] if next_entity < len(queue) and (
            queue[next_entity]["start"] <= start) else None
        yield text[start:end], entity, claimed[number], entity is not None and entity["end"] == end


def highlighted(results: DocumentResults) -> Text:
    """The text, entities on a coloured ground with their label after them, claims underlined."""
    shown = Text()
    for piece, entity, in_claim, entity_ends in segments(results.text, results.entities,
                                                         results.claims):
        style = LABEL_STYLES.get(entity["label"], "on grey30") if entity else ""
        if in_claim:
            style += " bold underline"
        shown.append(printable(piece, keep_lines=True), style=style.strip())
        if entity_ends:
            shown.append(f" {entity['label']}", style=f"{style} dim".strip())
    return shown


WIDE_TABLE_COLUMNS = 120  # narrower terminals get one claim per block (`claims_list`)


def claims_view(results: DocumentResults, width: int) -> Table:
    """The claims as a table of one row each where the terminal is wide enough for nine
    columns, else as a list of blocks: a wide table squeezed into 80 columns wraps the subject
    every three characters."""
    return claims_table(results) if width >= WIDE_TABLE_COLUMNS else claims_list(results)


def claims_list(results: DocumentResults) -> Table:
    """One block per claim: the quantity and its value, unit, bound and change on the first
    line, then subject, time and source each on a line of its own, wrapped at word ends."""
    table = Table(title=f"{len(results.claims)} claims", show_header=False, show_lines=True)
    table.add_column("#", no_wrap=True)
    table.add_column("claim", overflow="fold", ratio=1)
    for number, claim in enumerate(results.claims, start=1):
        amount = " ".join(filter(None, (cell(claim, "value"), cell(claim, "unit"))))
        qualities = ", ".join(filter(None, (cell(claim, "bound"), cell(claim, "change"))))
        first = f"{claim['quantity']['text']}  =  {amount}  ({qualities})"
        lines = [Text(printable(first), style="bold")]
        for column in ("subject", "time", "source"):
            if claim[column]:
                lines.append(Text(f"{column}: {printable(cell(claim, column))}"))
        table.add_row(str(number), Text("\n").join(lines))
    return table


def claims_table(results: DocumentResults) -> Table:
    table = Table(title=f"{len(results.claims)} claims", show_lines=False)
    for column in ("#", "quantity", *CLAIM_COLUMNS):
        wide = column in {"quantity", "subject", "time", "source"}
        table.add_column(column, overflow="fold", no_wrap=not wide, ratio=2 if wide else None)
    for number, claim in enumerate(results.claims, start=1):
        # Text, not str: rich would read "[link=...]" in a document as markup
        table.add_row(str(number), Text(printable(claim["quantity"]["text"])),
                      *(Text(printable(cell(claim, column))) for column in CLAIM_COLUMNS))
    return table


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile(r"[\t\n\r]")


def printable(text: str, keep_lines: bool = False) -> str:
    """`text` without the characters a terminal would obey rather than show (escape sequences
    that clear the screen or set the title, bidirectional overrides): each becomes U+FFFD, so
    nothing moves and nothing is hidden. Line breaks stay only in a document's body."""
    text = text.replace("\r\n", "\n") if keep_lines else _LINE_BREAKS.sub(" ", text)
    return _CONTROL.sub("\ufffd", text)


def cell(claim: dict, column: str) -> str:
    """A claim's attribute as a short string: spans by their text, ranges as low-high."""
    value = claim[column]
    if column == "value" and value is None and (claim["low"] is not None
                                                or claim["high"] is not None):
        low, high = claim["low"], claim["high"]
        if low is None:
            return f"<= {_number(high)}"
        return f"{_number(low)}\u2013{_number(high)}" if high is not None else f">= {_number(low)}"
    if isinstance(value, dict):
        return value["text"]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number(value)
    return "" if value is None else str(value)


def _number(value: float) -> str:
    """Digits grouped by thousands, as written in news: 2,000,000,000 rather than 2e+09."""
    return f"{value:,}"


def show_document(pred_dir: Path, doc_id: str, console: Console,
                  inputs: list[Path | str] | None = None) -> None:
    """Print one document of a run with its highlights, then its claims as a table."""
    check_run_folder(pred_dir)
    records = [record for record in read_jsonl(pred_dir / "documents.jsonl")
               if record["doc_id"] == doc_id]
    if not records:
        raise ShowError(f"no document {doc_id!r} in {pred_dir / 'documents.jsonl'}")
    if records[0]["status"] != "ok":
        raise ShowError(f"document {doc_id!r} failed: {records[0]['error']}")
    [results] = load_results(pred_dir, run_texts(pred_dir, inputs), {doc_id})
    console.rule(Text(f"{printable(doc_id)}: {len(results.entities)} entities, "
                      f"{len(results.claims)} claims"))
    console.print(highlighted(results))
    console.print(claims_view(results, console.width))
