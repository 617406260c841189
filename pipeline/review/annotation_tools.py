"""Pre-annotate documents for Prodigy, doccano or Label Studio, and read the corrected export
back as a gold folder that `evaluating.evaluate` scores against (`pipeline export` and
`pipeline import`).

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

This module is the public face; the work is done in `annotation_schema` (what a task holds),
`annotation_export` (tasks per tool), `annotation_readers` (each tool's export read back) and
`annotation_import` (gold records written from them).
"""

from __future__ import annotations

from pipeline.review.annotation_export import export_tasks, write_tasks
from pipeline.review.annotation_import import import_annotations, write_gold
from pipeline.review.annotation_schema import (
    CLAIM_ATTRIBUTES,
    CLAIM_LABEL,
    ENTITY_LABELS,
    FORMATS,
    LABEL_STUDIO_CONFIG,
)

__all__ = [
    "CLAIM_ATTRIBUTES",
    "CLAIM_LABEL",
    "ENTITY_LABELS",
    "FORMATS",
    "LABEL_STUDIO_CONFIG",
    "export_tasks",
    "import_annotations",
    "write_gold",
    "write_tasks",
]
