"""A run as one self-contained HTML page (`pipeline report`): the run's model, date and inputs;
an overview with counts and charts; an explorer of every claim across the run (search, facets,
numeric sort, a page at a time); a document index, failed documents and their reasons
included; and each document with its entities highlighted in displaCy's style and its claims
marked, rendered only when it is opened. Styles, script and data are all in the file
(`data/report.css`, `data/report.js`), so it opens anywhere without a network.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from pipeline.review.explorer_data import explorer_data, named_entities, script_json
from pipeline.review.showing import (
    DocumentResults,
    check_run_folder,
    load_results,
    read_jsonl,
    segments,
)

CHART_ROWS = 15
DATA = Path(__file__).parent / "data"
COLORS_FILE = DATA / "entity_colors.tsv"
DEFAULT_COLOR = "#ddd"
SHOWN_INPUTS = 5


def read_label_colors(path: Path = COLORS_FILE) -> dict[str, str]:
    """label -> CSS colour, from a tab-separated file with `#` comments and a header line."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    return dict(line.split("\t") for line in lines[1:])


LABEL_COLORS = read_label_colors()

EXPLORER = """
<section id="claims">
<h2>Claims</h2>
<div class="controls">
<input type="search" id="claim-search" aria-label="Search claims"
 placeholder="Search quantity, subject, sentence, source, document...">
<select id="facet-unit" aria-label="unit"></select>
<select id="facet-dimension" aria-label="dimension"></select>
<select id="facet-change" aria-label="change"></select>
<select id="facet-entity" aria-label="entity"></select>
<button type="button" id="claim-reset">clear</button>
</div>
<p class="note" id="claim-count"></p>
<table class="rows" id="claim-table"><thead></thead><tbody></tbody></table>
<div class="pager" id="claim-pager"></div>
</section>
<section id="documents">
<h2>Documents</h2>
<div class="controls">
<input type="search" id="document-search" aria-label="Search documents"
 placeholder="Search document id, meta, error...">
<select id="document-status" aria-label="status">
<option value="">any status</option><option value="ok">ok</option>
<option value="error">error</option>
</select>
</div>
<p class="note" id="document-count"></p>
<table class="rows" id="document-table"><thead></thead><tbody></tbody></table>
<div class="pager" id="document-pager"></div>
</section>
"""


def write_report(pred_dir: Path, texts: dict[str, str], out: Path,
                 max_documents: int = 10_000) -> int:
    """Write the report of the run in `pred_dir` to `out`; returns how many documents' texts
    it holds. Every document and claim is in the explorer; the texts of the first
    `max_documents` ok documents are in the page, to be shown when opened."""
    check_run_folder(pred_dir)
    documents = list(read_jsonl(pred_dir / "documents.jsonl"))
    claims = list(read_jsonl(pred_dir / "claims.jsonl"))
    ok_ids = [record["doc_id"] for record in documents if record["status"] == "ok"]
    bodies: dict[str, int] = {}
    body_scripts = []
    for number, result in enumerate(load_results(pred_dir, texts, set(ok_ids[:max_documents]))):
        bodies[result.record["doc_id"]] = number
        body_scripts.append(f"<script type='text/x-document-body' id='body-{number}'>"
                            f"{_marked_text(result)}</script>")
    overview = [
        "<section id='overview'>",
        _counts(documents, claims),
        "<div class='charts'>",
        _bar_chart("Claims by unit", Counter(claim["unit"] or "(none)" for claim in claims)),
        _bar_chart("Claims by dimension",
                   Counter(claim["dimension"] or "(none)" for claim in claims)),
        _bar_chart("Claims by entity named in their sentence",
                   Counter(name for claim in claims for name in named_entities(claim))),
        "</div>",
    ]
    if len(ok_ids) > len(bodies):
        overview.append(f"<p class='note'>The texts of the first {len(bodies)} of {len(ok_ids)} "
                        "documents are in this report (--max-documents); every claim and "
                        "document is in the tables.</p>")
    overview.append("</section>")
    page = "\n".join([
        "<!DOCTYPE html>", "<html lang='en'>", "<head>", "<meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<title>pipeline report</title>",
        f"<style>{(DATA / 'report.css').read_text(encoding='utf-8')}</style>", "</head>",
        "<body>", _header(pred_dir), "<main id='run'>", *overview, EXPLORER, "</main>",
        "<section id='document' hidden></section>",
        "<script type='application/json' id='report-data'>"
        f"{script_json(explorer_data(documents, claims, bodies))}</script>",
        *body_scripts,
        f"<script>{(DATA / 'report.js').read_text(encoding='utf-8')}</script>",
        "</body>", "</html>", "",
    ])
    out.write_text(page, encoding="utf-8")
    return len(bodies)


def _header(pred_dir: Path) -> str:
    """The page's title and what the run was: model, when it finished, its inputs."""
    run_path = pred_dir / "run.json"
    if run_path.exists():
        run = json.loads(run_path.read_text(encoding="utf-8"))
        model = run["model"]
        finished = datetime.fromtimestamp(run_path.stat().st_mtime, UTC)
        inputs = run["inputs"]
        more = f" and {len(inputs) - SHOWN_INPUTS} more" if len(inputs) > SHOWN_INPUTS else ""
        facts = [f"model {model['name']} {model['version']} (spaCy {model['spacy_version']}), "
                 f"pipeline {run['pipeline_version']}",
                 f"finished {finished:%Y-%m-%d %H:%M} UTC",
                 f"inputs: {', '.join(inputs[:SHOWN_INPUTS])}{more}"]
    else:
        facts = ["no run.json: the model, date and inputs of this run are not known"]
    lines = "".join(f"<p class='run'>{html.escape(fact)}</p>" for fact in facts)
    return ("<header><h1>Entities and numeric claims</h1>"
            f"<p class='run'>Run output: {html.escape(str(pred_dir))}</p>{lines}"
            "<nav><a href='#overview'>Overview</a><a href='#claims'>Claims</a>"
            "<a href='#documents'>Documents</a></nav></header>")


def _counts(documents: list[dict], claims: list[dict]) -> str:
    failed = sum(record["status"] != "ok" for record in documents)
    boxes = [("documents", len(documents), "#documents"), ("failed", failed, "#failed"),
             ("entities", sum(record["n_entities"] for record in documents), "#documents"),
             ("claims", len(claims), "#claims")]
    return "<div class='counts'>" + "".join(
        f"<a href='{target}'><b>{count:,}</b>{name}</a>" for name, count, target in boxes
    ) + "</div>"


def _bar_chart(title: str, counts: Counter[str]) -> str:
    """A horizontal bar chart as inline SVG: the most frequent rows first."""
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:CHART_ROWS]
    most = max((count for _, count in rows), default=1)
    height = 22 * len(rows) + 10
    bars = []
    for number, (name, count) in enumerate(rows):
        y = 22 * number + 5
        width = 200 * count / most
        bars.append(
            f"<text x='150' y='{y + 14}' text-anchor='end' font-size='12'>"
            f"{html.escape(name[:24])}</text>"
            f"<rect x='156' y='{y}' width='{width:.1f}' height='16' fill='#4a7fb5'></rect>"
            f"<text x='{160 + width:.1f}' y='{y + 13}' font-size='12'>{count:,}</text>")
    return (f"<figure><figcaption><b>{html.escape(title)}</b></figcaption>"
            f"<svg xmlns='http://www.w3.org/2000/svg' width='400' height='{height}' "
            f"role='img' aria-label='{html.escape(title)}'>{''.join(bars)}</svg></figure>")


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
