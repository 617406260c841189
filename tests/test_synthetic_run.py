"""The synthetic runs of tests/synthetic_run.py pass the checks a real run passes, read back
like a real run, and hold the variety the readers' tests rely on."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

import pytest
from synthetic_run import write_synthetic_run
from test_schemas import assert_output_valid, consistency_problems, read_output, texts_of
from typer.testing import CliRunner

from pipeline.batch.reading import read_documents
from pipeline.cli import app

DOCUMENTS, CLAIMS, FAILED = 300, 4, 9


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("synthetic")
    out = write_synthetic_run(folder, DOCUMENTS, CLAIMS, failed=FAILED, seed=3)
    return out, read_output(out)


def corpus_of(out: Path) -> Path:
    return Path(json.loads((out / "run.json").read_text(encoding="utf-8"))["inputs"][0])


def test_the_run_follows_the_schemas_and_the_contract(run: tuple[Path, dict]) -> None:
    out, files = run
    assert out.name == "out" and (out.parent / "corpus.jsonl").is_file()
    assert_output_valid(files, "synthetic run")
    # every span is the text at its offsets (as the pipeline reads the corpus), counts agree
    problems = consistency_problems(files, texts_of(corpus_of(out)))
    assert not problems, "\n".join(problems[:20])


def test_every_span_is_its_text_slice(run: tuple[Path, dict]) -> None:
    """The check of consistency_problems, spelled out: no span escapes it."""
    out, files = run
    texts = texts_of(corpus_of(out))
    spans = [(entity["doc_id"], entity) for entity in files["entities"]]
    for claim in files["claims"]:
        for field in ("sentence", "quantity", "subject", "time", "source"):
            if claim[field] is not None:
                spans.append((claim["doc_id"], claim[field]))
        spans += [(claim["doc_id"], entity) for entity in claim["entities"]]
    assert len(spans) > 10 * len(files["claims"])
    for doc_id, span in spans:
        assert texts[doc_id][span["start"]:span["end"]] == span["text"], (doc_id, span)


def test_counts_ids_and_failures(run: tuple[Path, dict]) -> None:
    _, files = run
    documents, claims = files["documents"], files["claims"]
    assert [document["doc_id"] for document in documents] == [
        f"doc-{number:05d}" for number in range(1, DOCUMENTS + 1)]
    assert files["run"]["counts"] == {
        "documents": DOCUMENTS, "failed": FAILED, "entities": len(files["entities"]),
        "claims": (DOCUMENTS - FAILED) * CLAIMS}
    ok = [document for document in documents if document["status"] == "ok"]
    assert all(document["n_claims"] == CLAIMS for document in ok)
    assert all(document["meta"].keys() == {"date"} for document in ok)
    errors = [document for document in documents if document["status"] == "error"]
    assert len(errors) == FAILED
    assert all(document["error"] and document["sha256"] is None and document["chars"] == 0
               for document in errors)
    assert [claim["claim_id"] for claim in claims[:CLAIMS]] == [
        f"{claims[0]['doc_id']}:{n}" for n in range(1, CLAIMS + 1)]


def test_the_pipeline_reads_the_corpus_as_the_run_says(run: tuple[Path, dict]) -> None:
    """The error records, meta and hashes are those `pipeline run` would write for this
    corpus: same ids, same error messages, same meta."""
    out, files = run
    read = list(read_documents([corpus_of(out)]))
    assert [(document.doc_id, document.error, document.meta or {}) for document in read] == [
        (record["doc_id"], record["error"], record["meta"]) for record in files["documents"]]


def test_the_claims_are_varied(run: tuple[Path, dict]) -> None:
    """What sorting, charts and filters need to be tested on."""
    _, files = run
    claims = files["claims"]
    assert set(Counter(claim["bound"] for claim in claims)) == {
        "exact", "approximate", "at_most", "at_least"}
    assert set(Counter(claim["change"] for claim in claims)) == {"increase", "decrease", None}
    units = Counter(claim["unit"] for claim in claims)
    assert {"USD", "EUR", "KZT", "percent", "percentage_point", "km", "t", "count", "factor",
            "barrel/day"} <= set(units)
    assert len({claim["dimension"] for claim in claims}) >= 8
    values = [claim["value"] for claim in claims if claim["value"] is not None]
    assert min(values) <= 0.5 and max(values) >= 1e12
    assert any(claim["value"] is None and claim["low"] is not None and claim["high"] is not None
               for claim in claims)  # ranges
    assert any(claim["value"] is None and claim["high"] is None for claim in claims)  # vague
    assert any(claim["si_value"] is not None for claim in claims)
    assert any(claim["unit_text"] is None and claim["counted"] for claim in claims)

    def entity_inside(claim: dict) -> bool:
        subject = claim["subject"]
        return subject is not None and any(
            subject["start"] <= entity["start"] and entity["end"] <= subject["end"]
            for entity in claim["entities"])

    assert sum(map(entity_inside, claims)) > len(claims) / 3
    assert any(claim["subject"] is None for claim in claims)
    assert any(claim["time"] for claim in claims) and any(claim["source"] for claim in claims)
    sentences = Counter((claim["doc_id"], claim["sentence"]["start"]) for claim in claims)
    assert 2 in sentences.values()  # two claims in one sentence


def test_the_same_seed_writes_the_same_files(tmp_path: Path) -> None:
    def files(folder: Path, seed: int) -> list[str]:
        out = write_synthetic_run(folder, 20, 3, failed=2, seed=seed)
        paths = [folder / "corpus.jsonl", *(out / f"{name}.jsonl" for name in
                                             ("documents", "entities", "claims"))]
        # error messages name the corpus, so the folder: leave it out
        return [path.read_text(encoding="utf-8").replace(str(folder), "FOLDER")
                for path in paths]

    first = files(tmp_path / "a", seed=7)
    assert "FOLDER/corpus.jsonl" in first[1]
    assert files(tmp_path / "b", seed=7) == first
    assert files(tmp_path / "c", seed=8)[3] != first[3]


def test_five_thousand_documents_are_written_in_seconds(tmp_path: Path) -> None:
    started = time.perf_counter()
    out = write_synthetic_run(tmp_path, 5000, 4, failed=50)
    seconds = time.perf_counter() - started
    counts = json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]
    assert counts["documents"] == 5000 and counts["claims"] == 4950 * 4
    assert seconds < 15, f"{seconds:.1f} s"  # about 1.5 s on the development machine


def test_report_reads_the_run(tmp_path: Path) -> None:
    """`pipeline report` finds the corpus through run.json and accepts every text's hash."""
    out = write_synthetic_run(tmp_path, 12, 3, failed=2, seed=1)
    page = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", "--pred", str(out), "--out", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    documents = read_output(out)["documents"]
    assert all(document["doc_id"] in html for document in documents
               if document["status"] == "ok")
