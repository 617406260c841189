"""Same output whatever the batch size or number of processes; resume; very long documents."""

import json

import pytest

from pipeline.batch.job import run_job

OUTPUT_FILES = ("documents.jsonl", "entities.jsonl", "claims.jsonl")
STORIES = [
    "Exports rose 12% to $4.5 billion in 2023, the ministry said.",
    "Police arrested more than 200 protesters in the capital on Sunday.",
    "Tens of thousands of people fled the fighting, the UN said.\n\nAid fell by a third.",
    "Nearly two-thirds of respondents said prices were too high.",
    "The firm cut 1,200 jobs, or about 5% of its workforce.",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    records = [
        {"id": f"doc-{number:03d}", "text": f"{STORIES[number % len(STORIES)]} Ref {number}."}
        for number in range(23)
    ]
    path = folder / "batch.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return path


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("reference")
    run_job([corpus], out)
    return out


def assert_same_output(left, right):
    for name in OUTPUT_FILES:
        assert (left / name).read_bytes() == (right / name).read_bytes(), name


@pytest.mark.parametrize("batch_size", [1, 5, 1000])
def test_batch_size_does_not_change_output(corpus, reference, tmp_path, batch_size):
    run_job([corpus], tmp_path, batch_size=batch_size)
    assert_same_output(reference, tmp_path)


def test_two_processes_give_the_same_bytes(corpus, reference, tmp_path):
    run_job([corpus], tmp_path, n_process=2, batch_size=4)
    assert_same_output(reference, tmp_path)


def test_resume_processes_only_new_or_changed_documents(corpus, tmp_path):
    out = tmp_path / "out"
    first = tmp_path / "first.jsonl"
    lines = corpus.read_text().splitlines()
    first.write_text("\n".join(lines[:20]) + "\n")
    run_job([first], out)
    changed = json.loads(lines[3])
    changed["text"] = "Imports fell 7% in May."
    grown = tmp_path / "grown.jsonl"
    grown.write_text("\n".join([*lines[:3], json.dumps(changed), *lines[4:]]) + "\n")

    summary = run_job([grown], out, resume=True)
    fresh = tmp_path / "fresh"
    run_job([grown], fresh)

    assert summary.documents == 23
    assert summary.reused == 19  # 20 earlier documents, one of them changed; 3 are new
    assert_same_output(fresh, out)


def test_resume_with_other_options_reprocesses_everything(corpus, tmp_path):
    run_job([corpus], tmp_path)
    summary = run_job([corpus], tmp_path, resume=True, max_chars=5_000)
    assert summary.reused == 0


def test_two_million_character_document_keeps_offsets_right(tmp_path):
    paragraph = ("Exports rose 12% to $4.5 billion in 2023, the ministry said, and some 300 "
                 "families in Lyon were evacuated. ")
    text = "\n\n".join(paragraph * 3 for _ in range(2_000_000 // (len(paragraph) * 3) + 1))
    assert len(text) >= 2_000_000
    story = tmp_path / "long.txt"
    story.write_text(text)
    summary = run_job([story], tmp_path / "out", max_chars=50_000, batch_size=8)
    assert summary.failed == 0
    claims = [json.loads(line) for line in (tmp_path / "out" / "claims.jsonl").open()]
    entities = [json.loads(line) for line in (tmp_path / "out" / "entities.jsonl").open()]
    assert len(claims) >= 3 * 2_000_000 // len(paragraph)
    for claim in claims:
        for name in ("sentence", "quantity", "subject", "time", "source"):
            if claim[name]:
                assert text[claim[name]["start"]:claim[name]["end"]] == claim[name]["text"]
    for entity in entities:
        assert text[entity["start"]:entity["end"]] == entity["text"]
    assert claims[-1]["quantity"]["start"] > 1_900_000
