"""Reading inputs: .txt files, .jsonl records and folders, with errors kept as records."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.batch.finding import InputPathError, find_inputs, input_path
from pipeline.batch.reading import plan_parts, read_documents, read_inputs

REPO = Path(__file__).resolve().parent.parent


def test_txt_file_keeps_its_bytes_exactly(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes("Line one\r\nLine two – with a dash\n".encode())
    [document] = read_documents([path])
    assert document.doc_id == "story"
    assert document.text == "Line one\r\nLine two – with a dash\n"
    assert document.error is None


def test_jsonl_records_use_their_ids(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text('{"id": "a", "text": "First."}\n\n{"id": "b", "text": "Second."}\n')
    assert [(d.doc_id, d.text) for d in read_documents([path])] == [
        ("a", "First."), ("b", "Second."),
    ]


def test_folder_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "one.txt").write_text("B one.")
    (tmp_path / "a.txt").write_text("A.")
    (tmp_path / "notes.md").write_text("ignored")
    assert [part.path.name for part in find_inputs([tmp_path])] == ["a.txt", "one.txt"]


def test_bad_records_become_error_documents_with_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"id": "ok", "text": "Fine."}\n'
        "{not json\n"
        '{"id": "no-text"}\n'
        '{"id": "number", "text": 42}\n'
        '{"id": "ok", "text": "Again."}\n'
    )
    documents = list(read_documents([path]))
    assert [(d.doc_id, d.error is None) for d in documents] == [
        ("ok", True), ("bad:2", False), ("no-text", False), ("number", False), ("ok", False),
    ]
    assert f"{path}:2: invalid JSON" in documents[1].error
    assert 'no "text"' in documents[2].error
    assert '"text" is not a string' in documents[3].error
    assert "duplicate doc_id 'ok'" in documents[4].error


def test_invalid_utf8_is_an_error_naming_the_byte(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(b"caf\xe9")
    [document] = read_documents([path])
    assert document.text is None
    assert "not UTF-8 at byte 3" in document.error


def test_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(InputPathError, match="does not exist"):
        list(read_documents([tmp_path / "nowhere"]))


def test_unsupported_file_is_a_usage_error(tmp_path):
    path = tmp_path / "story.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(InputPathError, match="not .txt or .jsonl"):
        list(read_documents([path]))


@pytest.fixture
def memory_folder(tmp_path):
    """A folder in fsspec's in-memory filesystem, as a URL; removed afterwards."""
    import fsspec
    filesystem = fsspec.filesystem("memory")
    yield filesystem, f"/{tmp_path.name}"
    if filesystem.exists(f"/{tmp_path.name}"):
        filesystem.rm(f"/{tmp_path.name}", recursive=True)


def test_folder_url_is_listed_recursively_in_sorted_order(memory_folder):
    filesystem, root = memory_folder
    for name in ("b/one.txt", "a.txt", "c.jsonl", "notes.md"):
        filesystem.pipe(f"{root}/{name}", b"x")
    url = f"memory://{root[1:]}"
    expected = [f"{url}/a.txt", f"{url}/b/one.txt", f"{url}/c.jsonl"]
    assert [part.path for part in find_inputs([url])] == expected
    assert [part.path for part in find_inputs([f"{url}/"])] == expected


def test_url_records_keep_the_url_in_errors_and_sources(memory_folder):
    filesystem, root = memory_folder
    filesystem.pipe(f"{root}/bad.jsonl", b'{"id": "ok", "text": "Fine."}\n{not json\n')
    url = f"memory://{root[1:]}/bad.jsonl"
    ok, bad = read_documents([url])
    assert (ok.doc_id, ok.text, ok.source) == ("ok", "Fine.", url)
    assert (bad.doc_id, bad.source) == ("bad:2", url)
    assert bad.error.startswith(f"{url}:2: invalid JSON")


def test_jsonl_url_parts_read_the_same_documents_as_the_whole_file(memory_folder):
    filesystem, root = memory_folder
    lines = [f'{{"id": "d{number}", "text": "Text {number}."}}\n' for number in range(5)]
    filesystem.pipe(f"{root}/batch.jsonl", "".join(lines[:2] + ["\n"] + lines[2:]).encode())
    found = find_inputs([f"memory://{root[1:]}/batch.jsonl"])
    parts = list(plan_parts(found, 2))
    assert [(part.start, part.first_line) for part in parts] == [(0, 1), (64, 3), (129, 6)]
    assert list(read_inputs(parts)) == list(read_inputs(found))
    assert len(list(read_inputs(found))) == 5


def test_missing_url_is_a_usage_error(memory_folder):
    _, root = memory_folder
    with pytest.raises(InputPathError, match=f"input path does not exist: memory://{root[1:]}/x"):
        find_inputs([f"memory://{root[1:]}/x.txt"])


def test_url_whose_protocol_package_is_missing_names_the_fix(monkeypatch):
    monkeypatch.setitem(sys.modules, "s3fs", None)  # as if s3fs were not installed
    with pytest.raises(InputPathError, match="cannot read s3://bucket/news/: Install s3fs"):
        find_inputs(["s3://bucket/news/"])


def test_url_without_fsspec_names_the_fix(monkeypatch):
    monkeypatch.setitem(sys.modules, "fsspec", None)
    monkeypatch.setitem(sys.modules, "fsspec.core", None)
    with pytest.raises(InputPathError, match="URL inputs need fsspec: pip install"):
        find_inputs(["memory://news/"])


def test_local_paths_do_not_import_fsspec(tmp_path):
    (tmp_path / "a.txt").write_text("A.")
    script = ("import sys; from pathlib import Path; "
              "from pipeline.batch.reading import read_documents; "
              f"list(read_documents([Path({str(tmp_path)!r})])); print('fsspec' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, cwd=REPO)
    assert result.stdout.strip() == "False"


def test_url_strings_and_paths_from_the_command_line():
    assert input_path("s3://bucket/news/") == "s3://bucket/news/"
    assert input_path("simplecache::s3://bucket/a.txt") == "simplecache::s3://bucket/a.txt"
    assert input_path("corpus/a.txt") == Path("corpus/a.txt")
    assert input_path("C:/corpus") == Path("C:/corpus")


def test_other_fields_of_a_jsonl_record_are_kept_in_meta(tmp_path):
    from pipeline.batch.job import run_job

    source = tmp_path / "news.jsonl"
    source.write_text(
        json.dumps({"id": "0001", "date": "2023-05-04", "outlet": "Example Times",
                    "url": "https://example.org/a", "text": "Exports rose 5% in May.",
                    "tags": ["trade", 3]}) + "\n"
        # json.dumps writes the non-JSON literal NaN, as some producers do
        + json.dumps({"id": "0002", "text": "Imports fell 2%.", "score": float("nan")}) + "\n")
    (tmp_path / "story.txt").write_text("Prices rose 3%.\n")
    run_job([source, tmp_path / "story.txt"], tmp_path / "out")
    records = [json.loads(line) for line in (tmp_path / "out" / "documents.jsonl").open()]
    assert records[0]["doc_id"] == "0001"
    assert records[0]["meta"] == {"date": "2023-05-04", "outlet": "Example Times",
                                  "url": "https://example.org/a", "tags": ["trade", 3]}
    assert records[1]["status"] == "error" and "cannot be kept" in records[1]["error"]
    assert records[2]["meta"] == {}



@pytest.mark.parametrize("over", [1, 2, 30])
def test_a_line_over_the_limit_costs_no_other_line(tmp_path, over):
    """A line just over --max-input-bytes is one error record; the next line is still read
    (a line of exactly the limit plus one byte once swallowed the line after it)."""
    long = json.dumps({"id": "long", "text": "x" * 80})
    source = tmp_path / "edge.jsonl"
    source.write_text(long + "\n" + json.dumps({"id": "next", "text": "Prices rose 3%."}) + "\n")
    documents = list(read_documents([source], len(long) - over))
    assert [(document.doc_id, document.error is None) for document in documents] == [
        ("edge:1", False), ("next", True)]
    assert list(read_documents([source], len(long)))[0].doc_id == "long"
