"""The dask engine on a 2-worker local cluster gives the local engine's bytes."""

import json

import pytest

from pipeline.job import run_job

OUTPUT_FILES = ("documents.jsonl", "entities.jsonl", "claims.jsonl")


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_story.txt").write_text("Police arrested more than 200 protesters on Sunday.\n")
    records = [{"id": f"r{number}", "text": f"Exports rose {number}% to ${number} billion."}
               for number in range(1, 12)]
    records.insert(7, {"id": "r2", "text": "A repeated id is an error record."})
    lines = [json.dumps(record) for record in records] + ["{broken json"]
    (folder / "b_batch.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def test_dask_engine_matches_the_local_engine(inputs, tmp_path):
    local, dask = tmp_path / "local", tmp_path / "dask"
    run_job([inputs], local, batch_size=3)
    summary = run_job([inputs], dask, engine="dask", n_process=2, batch_size=3)
    assert summary.documents == 14 and summary.failed == 2
    for name in OUTPUT_FILES:
        assert (dask / name).read_bytes() == (local / name).read_bytes(), name
    assert not (dask / ".parts").exists()
