"""The whole job through the CLI: corpus/ -> output files -> scored against the seed gold."""

import json
import subprocess

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.review.evaluating import evaluate

runner = CliRunner()
OUTPUT_FILES = ("documents.jsonl", "entities.jsonl", "claims.jsonl")

# Figures measured on the seed gold (see README, "Quality"); a test fails if a change costs
# more than 0.02 on any of them.
MEASURED = {
    "entity_strict_f1": 0.9558,
    "entity_lenient_f1": 0.9558,
    "claim_detection_f1": 1.0,
    "subject_token_f1": 0.877,
    "bound_accuracy": 1.0,
    "change_accuracy": 1.0,
    "time_accuracy": 0.9,
    "source_accuracy": 0.7,
}
TOLERANCE = 0.02


@pytest.fixture(scope="module")
def corpus_run(repo, tmp_path_factory, request):
    """Run the CLI exactly as the README does, from the repository root."""
    out = tmp_path_factory.mktemp("run")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(repo)
        result = runner.invoke(app, ["run", "corpus", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def report(repo, corpus_run):
    return evaluate(repo / "tests" / "gold", corpus_run).to_dict()


def measured_figures(report: dict) -> dict:
    claims = report["claims"]
    return {
        "entity_strict_f1": report["entities"]["strict"]["overall"]["f1"],
        "entity_lenient_f1": report["entities"]["lenient"]["overall"]["f1"],
        "claim_detection_f1": claims["detection"]["f1"],
        "subject_token_f1": claims["attributes"]["subject_token_f1"],
        "bound_accuracy": claims["attributes"]["bound_accuracy"],
        "change_accuracy": claims["attributes"]["change_accuracy"],
        "time_accuracy": claims["attributes"]["time_accuracy"],
        "source_accuracy": claims["attributes"]["source_accuracy"],
    }


@pytest.mark.parametrize("figure", sorted(MEASURED))
def test_figures_hold_on_the_seed_gold(report, figure):
    assert measured_figures(report)[figure] >= MEASURED[figure] - TOLERANCE


def test_targets_on_the_seed_gold(report):
    claims = report["claims"]
    assert claims["detection"]["f1"] >= 0.90
    assert claims["attributes"]["subject_token_f1"] >= 0.80
    assert report["entities"]["lenient"]["overall"]["f1"] >= 0.90
    # value and unit are right on every matched claim: matching requires both, so the
    # value+unit F1 equals detection F1, and the value-only F1 cannot be higher.
    assert claims["cqe"]["value_unit"]["f1"] == claims["detection"]["f1"]
    assert claims["cqe"]["value"]["f1"] == claims["detection"]["f1"]


def test_entities_beat_the_bare_model(repo, report, tmp_path):
    """The refined entities score above spaCy's bare NER on the same texts."""
    from pipeline.batch.job import run_job

    bare = tmp_path / "bare"
    run_job([repo / "corpus"], bare, refine_entities=False)
    bare_f1 = evaluate(repo / "tests" / "gold", bare).to_dict()["entities"]["lenient"]
    assert report["entities"]["lenient"]["overall"]["f1"] > bare_f1["overall"]["f1"]


def test_two_runs_are_byte_identical(repo, corpus_run, tmp_path):
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(repo)
        result = runner.invoke(app, ["run", "corpus", "--out", str(tmp_path), "--batch-size", "1"])
    assert result.exit_code == 0, result.output
    for name in OUTPUT_FILES:
        assert (tmp_path / name).read_bytes() == (corpus_run / name).read_bytes(), name


def test_committed_output_is_the_default_run(repo, corpus_run):
    """output/ must be regenerated (`make run`) whenever the pipeline's results change."""
    for name in OUTPUT_FILES:
        assert (repo / "output" / name).read_bytes() == (corpus_run / name).read_bytes(), (
            f"output/{name} is stale: run `make run` and commit output/"
        )


def test_make_run_leaves_the_checkout_clean(repo, corpus_run):
    """What git tracks in output/ is what a run writes byte for byte the same every time;
    run.json, with this machine's timings, is ignored."""
    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)

    tracked = git("ls-files", "output").stdout.split()
    assert tracked, "output/ is not tracked (or this is not a git checkout)"
    for path in tracked:
        name = path.rsplit("/", 1)[-1]
        assert name in (*OUTPUT_FILES, ".current"), f"{path} is tracked"
        if name in OUTPUT_FILES:
            assert (repo / path).read_bytes() == (corpus_run / name).read_bytes(), path
    for written in ("output/run.json", "output/.run-0123456789abcdef/run.json"):
        assert git("check-ignore", "-q", written).returncode == 0, f"{written} is not ignored"


def test_every_offset_points_at_its_text(repo, corpus_run):
    texts = {path.stem: path.read_bytes().decode() for path in (repo / "corpus").glob("*.txt")}
    for line in (corpus_run / "entities.jsonl").read_text().splitlines():
        entity = json.loads(line)
        assert texts[entity["doc_id"]][entity["start"]:entity["end"]] == entity["text"]
    for line in (corpus_run / "claims.jsonl").read_text().splitlines():
        claim = json.loads(line)
        for part in ("sentence", "quantity", "subject", "time", "source"):
            if claim[part] is not None:
                span = claim[part]
                assert texts[claim["doc_id"]][span["start"]:span["end"]] == span["text"]
