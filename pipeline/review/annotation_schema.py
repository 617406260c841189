"""What a review task holds, shared by the export of tasks and the import of the tools' exports:
the tool names, the span labels, the claim attributes a task carries and Label Studio's
labelling config."""

from __future__ import annotations

FORMATS = ("prodigy", "doccano", "label-studio")
CLAIM_LABEL = "CLAIM"
ENTITY_LABELS = (
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
)
# What a claim carries through the tool besides its quantity span, in the gold files' order.
# SI values are left out: they follow from value and unit (tests/gold/NOTES.md).
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


def check_tool(tool: str) -> str:
    """The tool name itself, when it is one of FORMATS; otherwise a ValueError naming them."""
    if tool not in FORMATS:
        raise ValueError(f"unknown annotation tool {tool!r}: use one of {', '.join(FORMATS)}")
    return tool


def offsets(span: dict) -> tuple[int, int]:
    """(start, end) of a span record."""
    return span["start"], span["end"]
