"""A run as one self-contained HTML page (`pipeline report`): an overview with charts, then each
document with its entities highlighted in displaCy's style, its claims marked, and a sortable
table of its claims. Styles, charts (inline SVG) and the sorting script are all in the file, so
it opens anywhere without a network.
"""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

from pipeline.review.showing import (
    CLAIM_COLUMNS,
    DocumentResults,
    cell,
    check_run_folder,
    load_results,
    read_jsonl,
    segments,
)

CHART_ROWS = 15
COLORS_FILE = Path(__file__).parent / "data" / "entity_colors.tsv"
DEFAULT_COLOR = "#ddd"


def read_label_colors(path: Path = COLORS_FILE) -> dict[str, str]:
    """label -> CSS colour, from a tab-separated file with `#` comments and a header line."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    return dict(line.split("\t") for line in lines[1:])


LABEL_COLORS = read_label_colors()

STYLE = """
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em auto;
       max-width: 1100px; color: #222; line-height: 1.5; padding: 0 1em; }
h1 { margin-bottom: 0.2em; } h2 { margin-top: 2.5em; border-bottom: 1px solid #ddd; }
.counts { display: flex; gap: 2em; margin: 1em 0; }
.counts div { background: #f4f6f8; border-radius: 6px; padding: 0.6em 1.2em; }
.counts b { display: block; font-size: 1.6em; }
.charts { display: flex; gap: 3em; flex-wrap: wrap; }
.charts figure { margin: 0; }
.doc { white-space: pre-wrap; line-height: 2.4; font-size: 15px; }
mark.entity { padding: 0.25em 0.4em; margin: 0 0.1em; border-radius: 0.35em;
              line-height: 1; box-decoration-break: clone; }
mark.entity .label { font-size: 0.7em; font-weight: bold; text-transform: uppercase;
                     margin-left: 0.4em; vertical-align: middle; }
.claim { border-bottom: 3px solid #d33; font-weight: 600; }
table.claims { border-collapse: collapse; margin: 1em 0; width: 100%; font-size: 14px; }
table.claims th, table.claims td { border: 1px solid #ddd; padding: 0.3em 0.5em;
                                   text-align: left; vertical-align: top; }
table.claims th { background: #f4f6f8; cursor: pointer; user-select: none; }
table.claims th:after { content: " \\2195"; color: #999; }
.note { color: #666; }
"""

SORT_SCRIPT = """
document.querySelectorAll("table.claims").forEach(function (table) {
  table.querySelectorAll("th").forEach(function (header, column) {
    header.addEventListener("click", function () {
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var ascending = header.getAttribute("data-order") !== "ascending";
      rows.sort(function (a, b) {
        var x = a.cells[column].getAttribute("data-sort");
        var y = b.cells[column].getAttribute("data-sort");
        var nx = parseFloat(x), ny = parseFloat(y);
        var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
      header.setAttribute("data-order", ascending ? "ascending" : "descending");
    });
  });
});
"""


def write_report(pred_dir: Path, texts: dict[str, str], out: Path,
                 max_documents: int = 500) -> int:
    """Write the report of the run in `pred_dir` to `out`; returns the documents shown. The
    overview counts every document; at most `max_documents` are shown one by one."""
    check_run_folder(pred_dir)
    documents = list(read_jsonl(pred_dir / "documents.jsonl"))
    ok_ids = [record["doc_id"] for record in documents if record["status"] == "ok"]
    results = list(load_results(pred_dir, texts, set(ok_ids[:max_documents])))
    all_claims = list(read_jsonl(pred_dir / "claims.jsonl"))
    all_entities = list(read_jsonl(pred_dir / "entities.jsonl"))
    body = [
        "<h1>Entities and numeric claims</h1>",
        f"<p class='note'>Run output: {html.escape(str(pred_dir))}</p>",
        _counts(documents, all_entities, all_claims),
        "<div class='charts'>",
        _bar_chart("Claims by unit", Counter(claim["unit"] or "(none)" for claim in all_claims)),
        _bar_chart("Claims by subject entity", _subject_entities(all_claims, all_entities)),
        "</div>",
    ]
    if len(ok_ids) > len(results):
        body.append(f"<p class='note'>The first {len(results)} of {len(ok_ids)} documents are "
                    "shown (--max-documents).</p>")
    body += [_document_section(result) for result in results]
    page = ("<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
            "<title>pipeline report</title>\n"
            f"<style>{STYLE}</style>\n</head>\n<body>\n" + "\n".join(body)
            + f"\n<script>{SORT_SCRIPT}</script>\n</body>\n</html>\n")
    out.write_text(page, encoding="utf-8")
    return len(results)


def _counts(documents: list[dict], entities: list[dict], claims: list[dict]) -> str:
    failed = sum(record["status"] != "ok" for record in documents)
    boxes = [("documents", len(documents)), ("failed", failed), ("entities", len(entities)),
             ("claims", len(claims))]
    return "<div class='counts'>" + "".join(
        f"<div><b>{count}</b>{name}</div>" for name, count in boxes) + "</div>"


def _subject_entities(claims: list[dict], entities: list[dict]) -> Counter[str]:
    """For each claim, the entity inside its subject span ("(no entity)" if none)."""
    by_doc: dict[str, list[dict]] = {}
    for entity in entities:
        by_doc.setdefault(entity["doc_id"], []).append(entity)
    counts: Counter[str] = Counter()
    for claim in claims:
        subject = claim["subject"]
        inside = [entity for entity in by_doc.get(claim["doc_id"], []) if subject
                  and subject["start"] <= entity["start"] and entity["end"] <= subject["end"]]
        counts[inside[0]["text"] if inside else "(no entity)"] += 1
    return counts


def _bar_chart(title: str, counts: Counter[str]) -> str:
    """A horizontal bar chart as inline SVG: the most frequent rows first."""
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:CHART_ROWS]
    most = max((count for _, count in rows), default=1)
    height = 22 * len(rows) + 10
    bars = []
    for number, (name, count) in enumerate(rows):
        y = 22 * number + 5
        width = 260 * count / most
        bars.append(
            f"<text x='170' y='{y + 14}' text-anchor='end' font-size='12'>"
            f"{html.escape(name[:28])}</text>"
            f"<rect x='176' y='{y}' width='{width:.1f}' height='16' fill='#4a7fb5'></rect>"
            f"<text x='{180 + width:.1f}' y='{y + 13}' font-size='12'>{count}</text>")
    return (f"<figure><figcaption><b>{html.escape(title)}</b></figcaption>"
            f"<svg xmlns='http://www.w3.org/2000/svg' width='480' height='{height}' "
            f"role='img' aria-label='{html.escape(title)}'>{''.join(bars)}</svg></figure>")


def _document_section(result: DocumentResults) -> str:
    doc_id = html.escape(result.record["doc_id"])
    return (f"<section id='doc-{doc_id}'>\n<h2>{doc_id}</h2>\n"
            f"<p class='note'>{len(result.entities)} entities, {len(result.claims)} claims, "
            f"{result.record['chars']} characters</p>\n"
            f"<div class='doc'>{_marked_text(result)}</div>\n{_claims_table(result)}\n</section>")


def _marked_text(result: DocumentResults) -> str:
    """The text with displaCy-style entity marks (colour and label) and claims underlined."""
    parts = []
    open_entity = None
    for piece, entity, in_claim, entity_ends in segments(result.text, result.entities,
                                                         result.claims):
        if entity is not None and entity is not open_entity:
            color = LABEL_COLORS.get(entity["label"], DEFAULT_COLOR)
            parts.append(f"<mark class='entity' style='background: {color}'>")
            open_entity = entity
        escaped = html.escape(piece)
        parts.append(f"<span class='claim'>{escaped}</span>" if in_claim else escaped)
        if entity_ends:
            parts.append(f"<span class='label'>{html.escape(entity['label'])}</span></mark>")
            open_entity = None
    return "".join(parts)


def _claims_table(result: DocumentResults) -> str:
    headers = "".join(f"<th>{name}</th>" for name in ("#", "quantity", *CLAIM_COLUMNS))
    rows = []
    for number, claim in enumerate(result.claims, start=1):
        cells = [(str(number), str(number)), (claim["quantity"]["text"],
                                              str(claim["quantity"]["start"]))]
        for column in CLAIM_COLUMNS:
            shown = cell(claim, column)
            sort_key = claim[column] if column == "value" and claim[column] is not None else shown
            cells.append((shown, str(sort_key)))
        rows.append(f"<tr data-claim-id='{html.escape(claim['claim_id'])}'>" + "".join(
            f"<td data-sort='{html.escape(key)}'>{html.escape(text)}</td>" for text, key in cells)
            + "</tr>")
    return (f"<table class='claims'><thead><tr>{headers}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")
