"""Every kind of broken input: each one is accounted for in documents.jsonl with a message that
says what is wrong and where, and the exit code says whether anything failed."""

import json
import os
import pathlib

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

STORY = "Exports to China rose 12 percent to $3.5 billion in 2023, the ministry said.\n"


def run(inputs: list, out: pathlib.Path) -> tuple[int, str, list[dict]]:
    """Run the CLI; return its exit code, stderr and the records of documents.jsonl."""
    result = CliRunner().invoke(app, ["run", *map(str, inputs), "--out", str(out)])
    documents_path = out / "documents.jsonl"
    documents = ([json.loads(line) for line in documents_path.read_text().splitlines()]
                 if documents_path.exists() else [])
    return result.exit_code, result.stderr, documents


def assert_offsets_index(text: str, out: pathlib.Path) -> None:
    """Every entity and claim span of the run indexes `text` exactly."""
    entities = [json.loads(line) for line in (out / "entities.jsonl").read_text().splitlines()]
    claims = [json.loads(line) for line in (out / "claims.jsonl").read_text().splitlines()]
    assert entities and claims
    spans = entities + [claim[field] for claim in claims
                        for field in ("sentence", "quantity", "subject", "time", "source")
                        if claim[field]]
    for span in spans:
        assert text[span["start"]:span["end"]] == span["text"]


def the_error(documents: list[dict], doc_id: str) -> str:
    [record] = [record for record in documents if record["doc_id"] == doc_id]
    assert record["status"] == "error"
    return record["error"]


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    code, stderr, documents = run([tmp_path / "empty.txt"], tmp_path / "out")
    assert code == 1
    assert the_error(documents, "empty") == f"{tmp_path / 'empty.txt'}: empty file"
    assert "1 of 1 documents failed" in stderr


def test_whitespace_only_file(tmp_path):
    (tmp_path / "blank.txt").write_text(" \n\t\r\n  ")
    code, _, documents = run([tmp_path / "blank.txt"], tmp_path / "out")
    assert code == 1
    assert the_error(documents, "blank").endswith("blank.txt: only whitespace, no text")


@pytest.mark.parametrize(("content", "problem"), [
    (b"", "empty file"), (b"\n  \n\r\n", "no documents, only blank lines"),
])
def test_empty_jsonl_file_is_reported_not_skipped(tmp_path, content, problem):
    (tmp_path / "batch.jsonl").write_bytes(content)
    code, _, documents = run([tmp_path / "batch.jsonl"], tmp_path / "out")
    assert code == 1
    assert the_error(documents, "batch").endswith(f"batch.jsonl: {problem}")


def test_invalid_utf8_names_the_byte_in_txt_and_jsonl(tmp_path):
    (tmp_path / "latin.txt").write_bytes(b"Caf\xe9 prices rose.")
    first = b'{"id": "fine", "text": "Fine."}\n'
    (tmp_path / "mixed.jsonl").write_bytes(first + b'{"id": "bad", "text": "caf\xe9"}\n')
    code, _, documents = run([tmp_path / "latin.txt", tmp_path / "mixed.jsonl"], tmp_path / "out")
    assert code == 1
    assert the_error(documents, "latin").endswith("latin.txt: not UTF-8 at byte 3")
    byte = len(first) + len(b'{"id": "bad", "text": "caf')
    assert the_error(documents, "mixed:2").endswith(f"mixed.jsonl:2: not UTF-8 at byte {byte}")
    assert [record["status"] for record in documents] == ["error", "ok", "error"]


def test_byte_order_mark_is_dropped_and_offsets_index_the_text(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + STORY.encode())
    (tmp_path / "bom.jsonl").write_bytes(b"\xef\xbb\xbf" + json.dumps(
        {"id": "record", "text": STORY}).encode() + b"\n")
    code, _, documents = run([tmp_path / "bom.txt"], tmp_path / "out")
    assert code == 0
    assert documents[0]["chars"] == len(STORY)
    assert_offsets_index(STORY, tmp_path / "out")
    code, _, documents = run([tmp_path / "bom.jsonl"], tmp_path / "out2")
    assert code == 0 and documents[0]["doc_id"] == "record"


def test_binary_file_is_an_error_naming_the_nul_byte(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PN\x00\x1a\x0a\x00")
    (tmp_path / "records.jsonl").write_text('{"id": "nul", "text": "a\\u0000b"}\n')
    code, _, documents = run([tmp_path / "image.txt", tmp_path / "records.jsonl"],
                             tmp_path / "out")
    assert code == 1
    assert the_error(documents, "image").endswith("image.txt: binary data, not text "
                                                  "(NUL byte at byte 3)")
    assert the_error(documents, "nul").endswith('records.jsonl:1: "text" holds a NUL character '
                                                "(binary data?)")


def test_windows_line_endings_keep_offsets_into_the_original_text(tmp_path):
    text = "Trade report\r\n\r\n" + STORY.replace("\n", "\r\n") + "\r\nImports fell 4%.\r\n"
    (tmp_path / "crlf.txt").write_bytes(text.encode())
    code, _, documents = run([tmp_path / "crlf.txt"], tmp_path / "out")
    assert code == 0
    assert documents[0]["chars"] == len(text)
    assert_offsets_index(text, tmp_path / "out")


def test_malformed_and_incomplete_jsonl_records(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(
        '{"id": "first", "text": "Sales rose 5 percent."}\n'
        '{"id": "broken", "text": \n'
        '{"id": "no-text"}\n'
        '{"id": "number", "text": 42}\n'
        '["not", "an", "object"]\n'
        '{"id": "first", "text": "A second record with the same id."}\n'
    )
    code, stderr, documents = run([path], tmp_path / "out")
    assert code == 1
    assert [(record["doc_id"], record["status"]) for record in documents] == [
        ("first", "ok"), ("batch:2", "error"), ("no-text", "error"), ("number", "error"),
        ("batch:5", "error"), ("first", "error"),
    ]
    assert documents[0]["chars"] == len("Sales rose 5 percent.")  # the first one wins
    assert documents[1]["error"].startswith(f"{path}:2: invalid JSON")
    assert documents[2]["error"] == f'{path}:3: no "text"'
    assert documents[3]["error"] == f'{path}:4: "text" is not a string'
    assert documents[4]["error"] == f"{path}:5: not a JSON object"
    assert documents[5]["error"] == f"{path}: duplicate doc_id 'first'"
    assert "5 of 6 documents failed" in stderr


def test_unreadable_file(tmp_path, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text(STORY)
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the read fail as it would for a user
        original = pathlib.Path.open

        def open_(path, *args, **kwargs):
            if path == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return original(path, *args, **kwargs)

        monkeypatch.setattr(pathlib.Path, "open", open_)
    code, _, documents = run([tmp_path], tmp_path.parent / f"{tmp_path.name}-out")
    assert code == 1
    assert the_error(documents, "locked") == f"{locked}: cannot read: Permission denied"


def test_symlink_loop_in_a_folder_is_reported_and_not_followed(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "story.txt").write_text(STORY)
    (corpus / "sub" / "back").symlink_to(corpus, target_is_directory=True)
    (corpus / "self.txt").symlink_to(corpus / "self.txt")
    code, _, documents = run([corpus], tmp_path / "out")
    assert code == 1
    assert [record["doc_id"] for record in documents] == ["self", "back", "story"]
    assert "Too many levels of symbolic links" in the_error(documents, "self")
    assert the_error(documents, "back") == (
        f"{corpus / 'sub' / 'back'}: symlink loop: leads back to {corpus.resolve()}, not followed")


def test_missing_input_path_is_a_usage_error(tmp_path):
    code, stderr, documents = run([tmp_path / "nowhere"], tmp_path / "out")
    assert code == 2
    assert stderr == f"error: input path does not exist: {tmp_path / 'nowhere'}\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("out_name", ["a-file", "a-file/below"])
def test_output_folder_that_cannot_be_written_is_a_usage_error(tmp_path, out_name):
    (tmp_path / "story.txt").write_text(STORY)
    (tmp_path / "a-file").write_text("not a folder")
    code, stderr, _ = run([tmp_path / "story.txt"], tmp_path / out_name)
    assert code == 2
    assert stderr.startswith(f"error: cannot write to output folder {tmp_path / out_name}: ")
    assert "Traceback" not in stderr
