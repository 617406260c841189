"""No input, signal or neighbour can cost a run (issue 14): each bad document is one error record
and every other document comes out with the bytes it has in a run without the bad one, on
every engine; output grows linearly with the input; one writer per folder; `show` and `import`
trust nothing they read."""

import json
import os
import signal
import subprocess
import sys
import time

import psutil
import pytest
from rich.console import Console
from typer.testing import CliRunner

from pipeline import nlp as nlp_module
from pipeline.batch.job import run_job
from pipeline.batch.writing import OUTPUT_FILES, OutputLock
from pipeline.claims.context import SENTENCE_CAP
from pipeline.cli import app
from pipeline.review.annotation_tools import import_annotations
from pipeline.review.showing import show_document

GOOD_LINES = [
    {"id": "trade", "text": "Trade between the two countries grew by one-third to a record "
                            "$24 billion in 2022, officials said."},
    {"id": 1.5, "text": "Exports rose 5% to $3 billion last year."},
    {"id": "grouped", "text": "The city spent 1\u00a0000\u00a0000 dollars on roads."},
]
GOOD_TEXT = "Nearly 16 percent of the imports came from China in 2021.\n"

ENGINES = {
    "local": {},
    "two processes": {"n_process": 2},
    "dask": {"engine": "dask", "n_process": 2},
}


def strict_records(path) -> list[dict]:
    """Every line of an output file, parsed by a JSON parser that refuses NaN and Infinity."""
    def refuse(name):
        raise AssertionError(f"{path.name} holds {name}")
    return [json.loads(line, parse_constant=refuse)
            for line in path.read_text(encoding="utf-8").splitlines()]


def write_good(folder) -> None:
    folder.mkdir()
    (folder / "good.jsonl").write_text("".join(json.dumps(line) + "\n" for line in GOOD_LINES))
    (folder / "story.txt").write_text(GOOD_TEXT)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """Two folders: the good documents alone, and the same with every kind of bad document."""
    root = tmp_path_factory.mktemp("adversarial")
    write_good(root / "good")
    write_good(root / "bad")
    bad = root / "bad"
    lines = [
        '{"id": "surrogate-text", "text": "Prices rose \\ud800 5%."}',
        '{"id": "surrogate-\\udc80-id", "text": "Prices rose 5%."}',
        '{"id": "huge-int", "text": "Prices rose 5%.", "views": ' + "9" * 5000 + "}",
        '{"id": "deep", "text": "Prices rose 5%.", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"id": "long-line", "text": "' + "Prices rose 5%. " * 25_000 + '"}',
    ]
    (bad / "more.jsonl").write_text("\n".join(lines) + "\n")
    (bad / b"caf\xe9.txt".decode("utf-8", "surrogateescape")).write_bytes(b"Sales fell 3%.\n")
    (bad / "big.txt").write_text("Sales fell 3%. " * 25_000)
    os.mkfifo(bad / "fifo.txt")
    (bad / "zero.txt").symlink_to("/dev/zero")
    return root / "good", bad


BAD_IDS = {"surrogate-text", "more:2", "more:3", "more:4", "more:5", "caf\\xe9", "big",
           "fifo", "zero"}


@pytest.mark.parametrize("engine", ENGINES)
def test_each_bad_document_is_one_error_record_and_the_others_are_untouched(
        inputs, tmp_path, engine):
    good, bad = inputs
    options = {"max_input_bytes": 300_000, "batch_size": 2, **ENGINES[engine]}
    clean = run_job([good], tmp_path / "clean", **options)
    mixed = run_job([bad], tmp_path / "mixed", **options)
    assert clean.failed == 0
    assert mixed.failed == len(BAD_IDS)
    documents = strict_records(tmp_path / "mixed" / "documents.jsonl")
    errors = {record["doc_id"]: record["error"] for record in documents
              if record["status"] == "error"}
    assert set(errors) == BAD_IDS
    assert "lone surrogate" in errors["surrogate-text"] and "lone surrogate" in errors["more:2"]
    assert "4300 digits" in errors["more:3"] and "nested too deeply" in errors["more:4"]
    assert "longer than --max-input-bytes" in errors["more:5"]
    assert "larger than --max-input-bytes" in errors["big"]
    assert "not UTF-8" in errors["caf\\xe9"]
    assert "not a regular file (a FIFO)" in errors["fifo"]
    assert "not a regular file (a device)" in errors["zero"]
    ok_lines = [line for line in (tmp_path / "mixed" / "documents.jsonl").read_bytes()
                .splitlines(keepends=True) if b'"status": "ok"' in line]
    assert b"".join(ok_lines) == (tmp_path / "clean" / "documents.jsonl").read_bytes()
    for name in ("entities.jsonl", "claims.jsonl"):
        assert (tmp_path / "mixed" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes()
        strict_records(tmp_path / "mixed" / name)


def test_ids_written_as_numbers_and_grouped_digits(inputs, tmp_path):
    good, _ = inputs
    run_job([good], tmp_path / "out")
    claims = strict_records(tmp_path / "out" / "claims.jsonl")
    assert [claim["value"] for claim in claims if claim["doc_id"] == "grouped"] == [1_000_000]
    assert {claim["doc_id"] for claim in claims} >= {"1.5"}


def test_a_value_beyond_float_range_is_no_claim_and_no_crash(tmp_path):
    source = tmp_path / "in.jsonl"
    texts = {"overflow": "The firm lost $1" + "0" * 400 + " last year, it said.",
             "exponent": "A googolplex is written 1e400 and costs $1e400."}
    source.write_text("".join(json.dumps({"id": key, "text": text}) + "\n"
                              for key, text in texts.items()))
    summary = run_job([source], tmp_path / "out")
    assert summary.failed == 0
    for claim in strict_records(tmp_path / "out" / "claims.jsonl"):
        assert claim["value"] is None or abs(claim["value"]) < 1e308


def _exploding(original):
    def to_annotation(doc, *args, **kwargs):
        if "EXPLODE" in doc.text:
            raise RuntimeError("boom")
        return original(doc, *args, **kwargs)
    return to_annotation


@pytest.mark.parametrize("engine", ["local", "two processes"])
def test_an_internal_error_is_that_documents_error_record(inputs, tmp_path, monkeypatch,
                                                          engine, caplog):
    good, _ = inputs
    monkeypatch.setattr(nlp_module, "to_annotation", _exploding(nlp_module.to_annotation))
    with_bomb = tmp_path / "in"
    write_good(with_bomb)
    (with_bomb / "bomb.txt").write_text("EXPLODE: prices rose 5% in May.\n")
    options = {"batch_size": 4, **ENGINES[engine]}
    clean = run_job([good], tmp_path / "clean", **options)
    with caplog.at_level("DEBUG", logger="pipeline.batch.work"):
        mixed = run_job([with_bomb], tmp_path / "mixed", **options)
    assert (clean.failed, mixed.failed) == (0, 1)
    [bomb] = [record for record in strict_records(tmp_path / "mixed" / "documents.jsonl")
              if record["doc_id"] == "bomb"]
    assert bomb["status"] == "error"
    assert bomb["error"] == "internal error: RuntimeError: boom"
    for name in ("entities.jsonl", "claims.jsonl"):
        assert (tmp_path / "mixed" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes()
    if engine == "local":  # the traceback is in the debug log, not in the record
        assert any(record.exc_info for record in caplog.records)


def test_a_record_that_is_not_strict_json_becomes_an_error_record(inputs, tmp_path,
                                                                  monkeypatch):
    good, _ = inputs
    original = nlp_module.to_annotation

    def with_nan(doc, *args, **kwargs):
        annotation = original(doc, *args, **kwargs)
        if "Exports" in doc.text:
            annotation.claims[0]["value"] = float("nan")
        return annotation

    monkeypatch.setattr(nlp_module, "to_annotation", with_nan)
    summary = run_job([good], tmp_path / "out")
    assert summary.failed == 1
    records = strict_records(tmp_path / "out" / "documents.jsonl")
    [failed] = [record for record in records if record["status"] == "error"]
    assert failed["doc_id"] == "1.5"
    assert failed["error"].startswith("internal error: cannot write its results: ValueError")
    assert all(claim["doc_id"] != "1.5"
               for claim in strict_records(tmp_path / "out" / "claims.jsonl"))


# Output size ------------------------------------------------------------------------------


def _claims_bytes(tmp_path, name: str, text: str) -> tuple[int, list[dict]]:
    source = tmp_path / f"{name}.jsonl"
    source.write_text(json.dumps({"id": name, "text": text}) + "\n")
    run_job([source], tmp_path / name)
    path = tmp_path / name / "claims.jsonl"
    return path.stat().st_size, strict_records(path)


def test_claims_of_one_long_sentence_have_a_bounded_size(tmp_path):
    """2,000 and 4,000 claims in one "sentence": each claim copies at most SENTENCE_CAP
    characters of it, and twice the claims write about twice the bytes, not four times."""
    small_bytes, small = _claims_bytes(tmp_path, "small", " ".join(f"{i}%" for i in range(2000)))
    large_bytes, large = _claims_bytes(tmp_path, "large", " ".join(f"{i}%" for i in range(4000)))
    assert (len(small), len(large)) == (2000, 4000)
    for claim in small + large:
        sentence = claim["sentence"]
        assert len(sentence["text"]) <= SENTENCE_CAP
        assert sentence["start"] <= claim["quantity"]["start"] < claim["quantity"]["end"] <= (
            sentence["end"])
        assert all(sentence["start"] <= entity["start"] and entity["end"] <= sentence["end"]
                   for entity in claim["entities"])
    assert large_bytes / small_bytes < 2.3


def test_a_short_sentence_is_copied_whole(tmp_path):
    text = "Exports rose 5% to $3 billion last year, the ministry said."
    _, claims = _claims_bytes(tmp_path, "short", text)
    assert {claim["sentence"]["text"] for claim in claims} == {text}


def test_one_hundred_thousand_numbers_in_one_document(tmp_path):
    text = " ".join(str(number) for number in range(100_000))
    source = tmp_path / "numbers.jsonl"
    source.write_text(json.dumps({"id": "numbers", "text": text}) + "\n")
    summary = run_job([source], tmp_path / "out")
    assert summary.failed == 0
    written = sum((tmp_path / "out" / name).stat().st_size for name in OUTPUT_FILES)
    assert written < 5 * source.stat().st_size


# One writer per folder --------------------------------------------------------------------


def test_a_second_run_into_a_locked_folder_stops_with_the_first_ones_pid(inputs, tmp_path):
    good, _ = inputs
    out = tmp_path / "out"
    run_job([good], out)
    before = {name: (out / name).read_bytes() for name in OUTPUT_FILES}
    with OutputLock(out):
        result = CliRunner().invoke(app, ["run", str(good), "--out", str(out)])
    assert result.exit_code == 2
    assert f"another run (PID {os.getpid()}) is writing to output folder {out}" in result.stderr
    assert {name: (out / name).read_bytes() for name in OUTPUT_FILES} == before


def test_an_output_folder_inside_the_input_folder_is_never_read(tmp_path):
    folder = tmp_path / "news"
    write_good(folder)
    first = run_job([folder], folder / "out")
    second = run_job([folder], folder / "out")
    assert first.documents == second.documents == len(GOOD_LINES) + 1
    other = tmp_path / "other"
    write_good(other)
    third = run_job([other], other)  # the input folder itself
    fourth = run_job([other], other, resume=True)
    assert fourth.reused == third.documents
    assert third.documents == fourth.documents == len(GOOD_LINES) + 1


# show and import --------------------------------------------------------------------------


def test_show_prints_markup_and_escape_sequences_as_text(tmp_path):
    source = tmp_path / "in.jsonl"
    text = ("[link=https://example.com]Click[/link] \x1b]0;owned\x07\x1b[2J Exports rose 5% "
            "to $3 billion, [bold]the ministry[/ said.")
    source.write_text(json.dumps({"id": "[red]odd[/", "text": text}) + "\n")
    run_job([source], tmp_path / "out")
    console = Console(record=True, force_terminal=True, width=100)
    show_document(tmp_path / "out", "[red]odd[/", console)
    shown = console.export_text(styles=True, clear=False)
    assert "\x1b]8;" not in shown and "\x1b]0;" not in shown and "\x1b[2J" not in shown
    plain = console.export_text()
    assert "[link=https://example.com]Click[/link]" in plain
    assert "[red]odd[/" in plain


def _import(tmp_path, lines: list[str]) -> tuple[int, str]:
    tasks = tmp_path / "tasks.jsonl"
    tasks.write_text("\n".join(lines) + "\n")
    result = CliRunner().invoke(app, ["import", str(tasks), "--format", "doccano",
                                      "--gold", str(tmp_path / "gold"), "--force"])
    return result.exit_code, result.stderr


GOOD_TASK = {"doc_id": "a", "text": "Exports rose 5%.", "label": [[13, 15, "CLAIM"]]}


@pytest.mark.parametrize("line, message", [
    ('{"doc_id": "a", "text": "Exports rose 5%.", "label": [[13, 15, "CLAIM"]], '
     '"claims": [{"quantity": {"start": 13, "end": 15}, "value": NaN}]}', "NaN"),
    ('{"doc_id": "a", "text": "x", "n": ' + "9" * 5000 + "}", "4300 digits"),
    ('{"doc_id": "a", "text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}",
     "nested too deeply"),
    ('{"doc_id": "b", "text": "Exports rose 5%.", "label": [[13, 15, "CLAIM"]], '
     '"claims": [{"quantity": {"start": 13, "end": 15}, "value": 1e400}]}', "cannot write"),
    ('{"doc_id": "b", "text": "Exports rose 5%.", "entities": [7]}', "not a list of objects"),
    ('{"doc_id": "b", "text": "Exports rose 5%.", "label": [[13, 15, "CLAIM"]], '
     '"claims": [{"quantity": 5}]}', "a carried claim has no quantity start and end"),
])
def test_import_refuses_bad_tasks_and_keeps_the_old_gold(tmp_path, line, message):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "entities.jsonl").write_text("old entities\n")
    (gold / "claims.jsonl").write_text("old claims\n")
    code, stderr = _import(tmp_path, [json.dumps(GOOD_TASK), line])
    assert code == 2
    assert message in stderr
    assert (gold / "entities.jsonl").read_text() == "old entities\n"
    assert (gold / "claims.jsonl").read_text() == "old claims\n"


def test_import_writes_both_gold_files(tmp_path):
    tasks = tmp_path / "tasks.jsonl"
    tasks.write_text(json.dumps(GOOD_TASK) + "\n")
    assert import_annotations(tasks, "doccano", tmp_path / "gold") [:2] == (0, 1)
    assert sorted(path.name for path in (tmp_path / "gold").iterdir()) == [
        "claims.jsonl", "entities.jsonl"]


# Signals and workers ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def slow_corpus(repo, tmp_path_factory):
    """Enough documents for a run to take far longer than a test waits (it kills the run)."""
    lines = (repo / "tests" / "sentences" / "corpus.jsonl").read_text().splitlines()
    path = tmp_path_factory.mktemp("slow") / "corpus.jsonl"
    with path.open("w") as handle:
        for number in range(3000):
            record = json.loads(lines[number % len(lines)])
            handle.write(json.dumps({"id": f"doc-{number}", "text": record["text"]}) + "\n")
    return path


def _start(repo, corpus, out, *extra: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(out),
               "--batch-size", "4", "--quiet", *extra]
    return subprocess.Popen(command, cwd=repo, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def _wait_for_documents(out, process, count: int = 8) -> None:
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        found = list(out.glob(".staging-*/documents.jsonl"))
        if found and found[0].read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.05)
    raise AssertionError("the run wrote no documents in time")


def _descendants(pid: int) -> list[psutil.Process]:
    return psutil.Process(pid).children(recursive=True)


def _all_gone(processes: list[psutil.Process], seconds: float = 20) -> bool:
    _, alive = psutil.wait_procs(processes, timeout=seconds)
    return not alive


def test_sigterm_stops_like_ctrl_c_with_the_resume_hint(repo, slow_corpus, tmp_path):
    out = tmp_path / "out"
    process = _start(repo, slow_corpus, out, "--n-process", "2")
    _wait_for_documents(out, process)
    workers = _descendants(process.pid)
    assert workers
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143
    assert f"interrupted; rerun with --resume to continue into {out}" in stderr
    assert "Traceback" not in stderr
    assert _all_gone(workers)


@pytest.mark.parametrize("extra", [["--n-process", "2"], ["--engine", "dask", "--n-process", "2"]],
                         ids=["pool", "dask"])
def test_workers_die_with_a_killed_run(repo, slow_corpus, tmp_path, extra):
    out = tmp_path / "out"
    process = _start(repo, slow_corpus, out, *extra)
    deadline = time.monotonic() + 120
    while len(_descendants(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(3)  # the workers are up and working
    workers = _descendants(process.pid)
    assert len(workers) >= 2
    process.kill()
    process.wait()
    assert _all_gone(workers), [worker.pid for worker in workers if worker.is_running()]


def test_ctrl_c_on_dask_prints_one_line(repo, slow_corpus, tmp_path):
    out = tmp_path / "out"
    process = _start(repo, slow_corpus, out, "--engine", "dask", "--n-process", "2")
    deadline = time.monotonic() + 120
    while not list(out.glob(".parts/*.jsonl")) and time.monotonic() < deadline:
        time.sleep(0.2)  # the workers are at work
    workers = _descendants(process.pid)
    os.killpg(process.pid, signal.SIGINT)  # what the terminal does: the whole process group
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr.strip().splitlines() == [
        f"error: interrupted; rerun with --resume to continue into {out}"]
    assert _all_gone(workers)


# Kills at random points, and inside the commit ---------------------------------------------


def _output_set(out) -> dict[str, bytes] | None:
    """The three JSONL files as DIR shows them, or None when DIR shows no run yet; fails if
    they do not belong together (a claim or entity of a document the set does not list, or
    counts that differ)."""
    if not (out / "documents.jsonl").exists():
        assert not any((out / name).exists() for name in OUTPUT_FILES)
        return None
    files = {name: (out / name).read_bytes() for name in OUTPUT_FILES}
    documents = [json.loads(line) for line in files["documents.jsonl"].splitlines()]
    for name, count in (("entities.jsonl", "n_entities"), ("claims.jsonl", "n_claims")):
        per_document: dict[str, int] = {}
        for line in files[name].splitlines():
            doc_id = json.loads(line)["doc_id"]
            per_document[doc_id] = per_document.get(doc_id, 0) + 1
        assert per_document == {record["doc_id"]: record[count] for record in documents
                                if record[count]}
    return files


@pytest.fixture(scope="module")
def kill_corpus(repo, tmp_path_factory):
    """Two versions of a corpus of 120 documents (the second changes every third text), and
    the output of a clean run of each."""
    lines = (repo / "tests" / "sentences" / "corpus.jsonl").read_text().splitlines()
    root = tmp_path_factory.mktemp("kills")
    versions = []
    for version in range(2):
        path = root / f"v{version}" / "corpus.jsonl"
        path.parent.mkdir()
        with path.open("w") as handle:
            for number in range(120):
                text = json.loads(lines[number % len(lines)])["text"]
                if version and number % 3 == 0:
                    text = json.loads(lines[(number + 7) % len(lines)])["text"]
                handle.write(json.dumps({"id": f"doc-{number}", "text": text}) + "\n")
        run_job([path], root / f"clean{version}", batch_size=4)
        versions.append((path, _output_set(root / f"clean{version}")))
    return versions


@pytest.mark.parametrize("engine", [[], ["--engine", "dask", "--n-process", "2"]],
                         ids=["local", "dask"])
def test_sigkill_at_random_points_never_breaks_the_set(repo, kill_corpus, tmp_path, engine):
    """20 runs, alternating between the two versions of the corpus, each killed at a random
    moment (before, during or after its commit; some finish): DIR always shows one whole run,
    and a final --resume gives the bytes of a clean run. The moments are fractions of how long
    such a run takes on this machine, timed first, so that most runs are killed however fast
    or busy the machine is."""
    import random

    rng = random.Random(14)
    out = tmp_path / "out"
    whole_runs = [files for _, files in kill_corpus]
    timed = tmp_path / "timed"
    for corpus, _ in (*kill_corpus, kill_corpus[0]):  # the last: a resumed run, as below
        started = time.monotonic()
        _start(repo, corpus, timed, "--resume", *engine).communicate()
        duration = time.monotonic() - started
    finished = killed = 0
    for attempt in range(20):
        corpus, _ = kill_corpus[attempt % 2]
        process = _start(repo, corpus, out, "--resume", *engine)
        time.sleep(rng.uniform(0.05, 1.1) * duration)
        process.kill()
        process.communicate()
        if process.returncode == -signal.SIGKILL:
            killed += 1
        else:
            finished += 1
        assert _output_set(out) in [None, *whole_runs]
    assert killed >= 10, (killed, finished)
    options = {"engine": "dask", "n_process": 2} if engine else {}
    for corpus, clean in kill_corpus:
        summary = run_job([corpus], out, batch_size=4, resume=True, **options)
        assert _output_set(out) == clean
    assert summary.reused >= 80  # the unchanged two thirds, at least


@pytest.mark.parametrize("step", range(3))
def test_a_kill_inside_the_commit_leaves_one_whole_run(kill_corpus, tmp_path, monkeypatch, step):
    """The commit's file-system steps (rename the staging folder, make the new link, switch it,
    link the names) each stopped in turn, as a kill would stop them: DIR shows the old set or
    the new one, and --resume then gives the new one's bytes."""
    from pipeline.batch import writing

    (old_corpus, old_set), (new_corpus, new_set) = kill_corpus
    out = tmp_path / "out"
    run_job([old_corpus], out, batch_size=4)
    calls = 0
    original = {"replace": os.replace, "rename": writing.Path.rename,
                "symlink_to": writing.Path.symlink_to}

    class Killed(BaseException):
        pass

    def counting(name):
        def step_(*args, **kwargs):
            nonlocal calls
            calls += 1
            if calls > step:
                raise Killed
            return original[name](*args, **kwargs)
        return step_

    monkeypatch.setattr(writing.os, "replace", counting("replace"))
    monkeypatch.setattr(writing.Path, "rename", counting("rename"))
    monkeypatch.setattr(writing.Path, "symlink_to", counting("symlink_to"))
    with pytest.raises(Killed):
        run_job([new_corpus], out, batch_size=4)
    monkeypatch.undo()
    assert _output_set(out) in (old_set, new_set)
    run_job([new_corpus], out, batch_size=4, resume=True)
    assert _output_set(out) == new_set


def test_dask_resume_reuses_the_parts_a_killed_run_finished(repo, kill_corpus, tmp_path):
    corpus, clean = kill_corpus[0]
    out = tmp_path / "out"
    process = _start(repo, corpus, out, "--engine", "dask", "--n-process", "2")
    deadline = time.monotonic() + 120
    while len(list(out.glob(".parts/*.jsonl"))) < 5 and time.monotonic() < deadline:
        time.sleep(0.1)
    process.kill()
    process.communicate()
    finished_parts = len(list(out.glob(".parts/*.jsonl")))
    assert 5 <= finished_parts < 30, finished_parts  # 30 parts of 4 documents in all
    assert _output_set(out) is None
    summary = run_job([corpus], out, batch_size=4, engine="dask", n_process=2, resume=True)
    assert _output_set(out) == clean
    assert summary.reused >= 4 * finished_parts  # not annotated again
    assert summary.reused < 120
    assert not (out / ".parts").exists()


def test_a_full_disk_is_exit_2_and_the_previous_run_stays(repo, kill_corpus, tmp_path):
    """RLIMIT_FSIZE makes every write past 20 kB fail with EFBIG, as a full disk fails with
    ENOSPC: the run stops with the promised message, and DIR keeps its finished run."""
    import resource

    corpus, clean = kill_corpus[0]
    out = tmp_path / "out"
    run_job([corpus], out, batch_size=4)

    def limit_file_size():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(kill_corpus[1][0]), "--out", str(out),
         "--quiet"], cwd=repo, capture_output=True, text=True, preexec_fn=limit_file_size)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == f"error: cannot write to output folder {out}: File too large"
    assert _output_set(out) == clean
