"""The dask engine on a 2-worker local cluster gives the local engine's bytes."""

import json

import pytest

from pipeline.batch.job import run_job

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


def test_dask_resume_annotates_only_changed_and_new_documents(inputs, tmp_path):
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    run_job([inputs], out, engine="dask", n_process=2, batch_size=3)
    batch = inputs / "b_batch.jsonl"
    lines = batch.read_text().splitlines()
    lines[0] = json.dumps({"id": "r1", "text": "Imports fell 7% in May."})
    lines.append(json.dumps({"id": "new", "text": "Some 300 families were evacuated."}))
    lines.append(json.dumps({"id": "r5", "text": "Exports rose 5% to $5 billion."}))
    batch.write_text("\n".join(lines) + "\n")

    summary = run_job([inputs], out, engine="dask", n_process=2, batch_size=3, resume=True)
    run_job([inputs], fresh, batch_size=3)

    # 12 documents were ok before; r1 changed, "new" is new, the second r5 is a duplicate
    # (its text is unchanged, but the first r5 wins, as in the local engine).
    assert summary.documents == 16 and summary.failed == 3
    assert summary.reused == 11
    assert json.loads((out / "run.json").read_text())["timings"]["reused_documents"] == 11
    for name in OUTPUT_FILES:
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name


def test_dask_workers_read_a_file_url_through_fsspec(inputs, tmp_path):
    url = inputs.as_uri()
    local, dask = tmp_path / "local", tmp_path / "dask"
    run_job([url], local, batch_size=3)
    summary = run_job([url], dask, engine="dask", n_process=2, batch_size=3)
    assert summary.documents == 14 and summary.failed == 2
    for name in OUTPUT_FILES:
        assert (dask / name).read_bytes() == (local / name).read_bytes(), name
    errors = [json.loads(line)["error"] for line in (dask / "documents.jsonl").open()]
    assert f"{url}/b_batch.jsonl:13: invalid JSON" in errors[-1]


def test_a_finished_part_is_reused_only_for_the_same_text_and_meta(tmp_path):
    """What `--resume` on dask takes from a killed run's part file: nothing once a document's
    text or its other fields changed, as for the local engine."""
    from pipeline.batch.distributed import _process_part
    from pipeline.batch.finding import InputPart
    from pipeline.batch.work import RunOptions

    source = tmp_path / "news.jsonl"
    options = RunOptions(resume=True)
    parts = tmp_path / "parts"
    parts.mkdir()

    def reused_with(record: dict) -> int:
        source.write_text(json.dumps(record) + "\n")
        return _process_part(("000000000-part.jsonl", InputPart(source)), options=options,
                             parts_dir=str(parts), known={})

    record = {"id": "a", "text": "Exports rose 5% in May.", "date": "2023-05-04"}
    assert reused_with(record) == 0  # annotated, and the part file written
    assert reused_with(record) == 1  # the same document: taken from the part file
    assert reused_with({**record, "date": "2023-05-05"}) == 0
    assert reused_with({**record, "text": "Exports rose 6% in May."}) == 0
