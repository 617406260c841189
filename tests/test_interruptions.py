"""A run killed part-way leaves no partial output file, and --resume finishes the job with the
same bytes as a run that was never interrupted."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from pipeline.batch.job import run_job
from pipeline.batch.writing import OUTPUT_FILES, PROGRESS_FILE, STAGING_PREFIX

DOCUMENTS = 160


@pytest.fixture(scope="module")
def corpus(repo, tmp_path_factory):
    """Documents from the labelled sentences, enough for a run to take several seconds."""
    lines = (repo / "tests" / "sentences" / "corpus.jsonl").read_text().splitlines()
    path = tmp_path_factory.mktemp("interrupted") / "corpus.jsonl"
    with path.open("w") as handle:
        for number in range(DOCUMENTS):
            record = json.loads(lines[number % len(lines)])
            handle.write(json.dumps({"id": f"doc-{number}", "text": record["text"]}) + "\n")
    return path


def finished_lines(path) -> int:
    return path.read_bytes().count(b"\n") if path is not None and path.exists() else 0


def staging_file(out, name: str):
    """`name` in the staging folder of the run writing `out`, or None before it exists."""
    found = sorted(out.glob(f"{STAGING_PREFIX}*/{name}"))
    return found[-1] if found else None


def test_sigkill_then_resume_gives_the_bytes_of_a_clean_run(corpus, tmp_path, repo):
    clean = tmp_path / "clean"
    run_job([corpus], clean, batch_size=4)
    out = tmp_path / "killed"
    command = [sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(out),
               "--batch-size", "4"]
    process = subprocess.Popen(command, cwd=repo, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while finished_lines(staging_file(out, "documents.jsonl")) < 12 and process.poll() is None:
        assert time.monotonic() < deadline, "the run wrote nothing in five minutes"
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    written = finished_lines(staging_file(out, "documents.jsonl"))
    assert 12 <= written < DOCUMENTS, "the kill did not land part-way"
    for name in OUTPUT_FILES:  # nothing partial where a finished file is expected
        assert not (out / name).exists()
    assert not (out / "run.json").exists()

    summary = run_job([corpus], out, batch_size=4, resume=True)
    assert summary.reused >= 12
    assert summary.reused < DOCUMENTS
    for name in OUTPUT_FILES:
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name
    assert staging_file(out, "documents.jsonl") is None


def test_a_half_written_last_line_is_not_reused(corpus, tmp_path):
    out = tmp_path / "out"
    run_job([corpus], out, batch_size=8)
    finished = {name: (out / name).read_bytes() for name in OUTPUT_FILES}
    # What a kill can leave: the staging folder of a second run, cut short in the 30th
    # document's line, after its entities and claims and part of the next document's.
    staging = out / f"{STAGING_PREFIX}killed"
    staging.mkdir()
    documents = finished["documents.jsonl"].splitlines(keepends=True)
    begun = {json.loads(line)["doc_id"] for line in documents[:30]}
    (staging / "documents.jsonl").write_bytes(b"".join(documents[:29]) + documents[29][:-9])
    for name in ("entities.jsonl", "claims.jsonl"):
        lines = finished[name].splitlines(keepends=True)
        written = [line for line in lines if json.loads(line)["doc_id"] in begun]
        later = [line for line in lines if json.loads(line)["doc_id"] not in begun]
        (staging / name).write_bytes(b"".join(written) + later[0][:-9])
    run_info = json.loads((out / "run.json").read_text())
    (staging / PROGRESS_FILE).write_text(json.dumps(
        {"options": run_info["options"], "model": run_info["model"]}))
    for name in (*OUTPUT_FILES, "run.json", ".current"):
        (out / name).unlink()
    summary = run_job([corpus], out, batch_size=8, resume=True)
    assert summary.reused == 29
    for name in OUTPUT_FILES:
        assert (out / name).read_bytes() == finished[name], name


def test_ctrl_c_keeps_the_earlier_finished_files(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run_job([corpus], out, batch_size=8)
    finished = {name: (out / name).read_bytes() for name in OUTPUT_FILES}

    from pipeline.batch import job

    calls = 0
    original = job.process_batch

    def interrupted(documents, options):
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt
        return original(documents, options)

    monkeypatch.setattr(job, "process_batch", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_job([corpus], out, batch_size=8)
    for name in OUTPUT_FILES:
        assert (out / name).read_bytes() == finished[name]
