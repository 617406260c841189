"""Reading inputs: .txt files, .jsonl records and folders, with errors kept as records."""

import pytest

from pipeline.reading import InputPathError, find_inputs, read_documents


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
