"""The rows behind the report's explorer: every document and every claim of a run as plain
lists, one list of values per row under a shared list of column names, so that 20,000 claims
cost a few megabytes of JSON and the page's script finds a field by its column's name.

Values are shown as `pipeline show` shows them (`cell`), and each claim also carries the number
it sorts by, so "2e+09" sorts after 1 and a range sorts by its low end.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from pipeline.review.showing import cell

# OntoNotes' value types: the rest of its labels (PERSON, ORG, GPE, ...) name things a claim
# can be about, and those are the explorer's "entity" facet.
VALUE_LABELS = frozenset({"CARDINAL", "DATE", "MONEY", "ORDINAL", "PERCENT", "QUANTITY", "TIME"})

DOCUMENT_ROW_FIELDS = ("doc_id", "status", "chars", "n_entities", "n_claims", "error", "meta",
                    "body")
CLAIM_ROW_FIELDS = ("document", "claim_id", "quantity", "value", "number", "unit", "dimension",
                 "bound", "change", "subject", "time", "source", "entities", "sentence")


def named_entities(claim: dict) -> list[str]:
    """The distinct names (not values) among the entities of the claim's sentence, in order."""
    names = [entity["text"] for entity in claim["entities"]
             if entity["label"] not in VALUE_LABELS]
    return list(dict.fromkeys(names))


def sort_number(claim: dict) -> float | None:
    """The number a claim sorts by: its value, else the low end of its range, else the high."""
    for field in ("value", "low", "high"):
        if claim[field] is not None:
            return claim[field]
    return None


def document_row(record: dict, body: int | None) -> list:
    """A documents.jsonl record as a row; `body` numbers the document's rendered text in the
    page (None when the text is not in the report)."""
    return [record["doc_id"], record["status"], record["chars"], record["n_entities"],
            record["n_claims"], record["error"], record["meta"], body]


def claim_row(claim: dict, document: int) -> list:
    """A claims.jsonl record as a row; `document` is its document's row number."""
    return [document, claim["claim_id"], claim["quantity"]["text"], cell(claim, "value"),
            sort_number(claim), claim["unit"], claim["dimension"], claim["bound"],
            claim["change"], cell(claim, "subject"), cell(claim, "time"), cell(claim, "source"),
            named_entities(claim), claim["sentence"]["text"]]


def explorer_data(documents: list[dict], claims: Iterable[dict],
                  bodies: dict[str, int]) -> dict:
    """Both tables, documents in output order and claims in output order."""
    row_of = {record["doc_id"]: number for number, record in enumerate(documents)}
    return {
        "documents": {"columns": DOCUMENT_ROW_FIELDS,
                      "rows": [document_row(record, bodies.get(record["doc_id"]))
                               for record in documents]},
        "claims": {"columns": CLAIM_ROW_FIELDS,
                   "rows": [claim_row(claim, row_of[claim["doc_id"]]) for claim in claims]},
    }


def script_json(data: object) -> str:
    """JSON that is safe inside a <script> element: no "<" can close it or open a comment."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).replace("<", "\\u003c")
