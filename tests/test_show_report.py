"""`pipeline show` and `pipeline report` on the committed default run (output/, corpus/)."""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from pipeline.batch.job import run_job
from pipeline.cli import app
from pipeline.review.reporting import write_report
from pipeline.review.showing import run_texts

VOID = {"meta", "br", "hr", "img", "input", "link"}


@pytest.fixture(scope="module")
def claims(repo):
    lines = (repo / "output" / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_show_prints_the_text_highlights_and_claims_table(repo, claims):
    doc_id = claims[0]["doc_id"]
    result = CliRunner().invoke(app, ["show", doc_id, "--pred", str(repo / "output"),
                                      "--input", str(repo / "corpus")], terminal_width=200)
    assert result.exit_code == 0, result.output
    mine = [claim for claim in claims if claim["doc_id"] == doc_id]
    assert f"{len(mine)} claims" in result.output
    for claim in mine:
        assert claim["quantity"]["text"] in result.output
    assert "GPE" in result.output and "Kazakhstan" in result.output
    assert "23,000,000,000" in result.output  # values are shown with thousands separators


def test_show_unknown_document_is_a_usage_error(repo):
    result = CliRunner().invoke(app, ["show", "no-such-doc", "--pred", str(repo / "output")])
    assert result.exit_code == 2
    documents = repo / "output" / "documents.jsonl"
    assert result.stderr == f"error: no document 'no-such-doc' in {documents}\n"


def test_show_refuses_a_text_that_changed_since_the_run(repo, claims, tmp_path):
    doc_id = claims[0]["doc_id"]
    (tmp_path / f"{doc_id}.txt").write_text("Another text altogether.")
    result = CliRunner().invoke(app, ["show", doc_id, "--pred", str(repo / "output"),
                                      "--input", str(tmp_path)])
    assert result.exit_code == 2
    assert "is not the one the run saw" in result.stderr


class PageChecker(HTMLParser):
    """Collects what the test needs and checks that every opened element is closed in order."""

    def __init__(self):
        super().__init__()
        self.open, self.scripts, self.text, self.external = [], {}, [], []
        self.script_id = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag not in VOID:
            self.open.append(tag)
        if tag == "script":
            self.script_id = attributes.get("id", f"inline-{len(self.scripts)}")
            self.scripts[self.script_id] = ""
        if tag in {"script", "img", "link", "iframe"} and ("src" in attributes
                                                           or "href" in attributes):
            self.external.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1:]}>"
        self.open.pop()
        self.script_id = None

    def handle_data(self, data):
        if self.script_id is not None:
            self.scripts[self.script_id] += data
        else:
            self.text.append(data)


def parse_page(path) -> PageChecker:
    checker = PageChecker()
    checker.feed(path.read_text(encoding="utf-8"))
    checker.close()
    return checker


@pytest.fixture(scope="module")
def report_page(repo, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(app, ["report", "--pred", str(repo / "output"), "--input",
                                      str(repo / "corpus"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_report_is_well_formed_self_contained_html_with_every_claim(report_page, claims):
    page = parse_page(report_page)
    assert page.open == []
    assert page.external == []  # nothing is fetched when the page is opened
    data = json.loads(page.scripts["report-data"])
    rows = data["claims"]["rows"]
    column = {name: place for place, name in enumerate(data["claims"]["columns"])}
    assert [row[column["claim_id"]] for row in rows] == [claim["claim_id"] for claim in claims]
    assert [row[column["quantity"]] for row in rows] == [claim["quantity"]["text"]
                                                          for claim in claims]
    text = "".join(page.text)
    assert "Claims by unit" in text and "Claims by entity named in their sentence" in text


def test_report_header_names_the_runs_model_date_and_inputs(repo, tmp_path):
    out, page = tmp_path / "out", tmp_path / "report.html"
    run_job([repo / "corpus"], out)
    write_report(out, run_texts(out), page)
    text = "".join(parse_page(page).text)
    run = json.loads((out / "run.json").read_text())
    assert f"model {run['model']['name']} {run['model']['version']}" in text
    assert f"inputs: {repo / 'corpus'}" in text
    assert re.search(r"finished \d{4}-\d\d-\d\d \d\d:\d\d UTC", text)


def test_report_without_run_json_says_what_is_not_known(repo, tmp_path):
    for name in ("documents.jsonl", "entities.jsonl", "claims.jsonl"):
        (tmp_path / name).write_bytes((repo / "output" / name).read_bytes())
    write_report(tmp_path, run_texts(tmp_path, [repo / "corpus"]), tmp_path / "report.html")
    text = "".join(parse_page(tmp_path / "report.html").text)
    assert "no run.json: the model, date and inputs of this run are not known" in text


def test_report_marks_entities_in_displacy_style(report_page, repo):
    """Each document's marked text waits in its own script element until it is opened."""
    page = parse_page(report_page)
    bodies = "".join(body for name, body in page.scripts.items() if name.startswith("body-"))
    entities = (repo / "output" / "entities.jsonl").read_text().splitlines()
    assert bodies.count("<mark class='entity'") == len(entities)
    assert bodies.count("<span class='label'>") == len(entities)


def test_report_colours_are_displacys_defaults():
    """pipeline/review/data/entity_colors.tsv is a copy of displaCy's colours: it must not drift."""
    from spacy.displacy.render import DEFAULT_LABEL_COLORS

    from pipeline.review.reporting import LABEL_COLORS

    assert LABEL_COLORS == DEFAULT_LABEL_COLORS
    assert list(LABEL_COLORS) == list(DEFAULT_LABEL_COLORS)


def test_the_review_side_runs_without_spacy(repo):
    """Importing every module of pipeline/review loads neither spaCy nor the modules that load
    it (pipeline.nlp, pipeline.batch.job): a fresh interpreter, as this one has spaCy loaded."""
    modules = sorted(f"pipeline.review.{path.stem}"
                     for path in (repo / "pipeline" / "review").glob("*.py"))
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n    importlib.import_module(name)\n"
            "print(sorted(name for name in ('spacy', 'pipeline.nlp', 'pipeline.batch.job')"
            " if name in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"


def test_segments_nest_claims_inside_entities():
    from pipeline.review.showing import segments

    text = "Fully 40 percent of trade, up 5%."
    entity = {"text": "Fully 40 percent", "label": "PERCENT", "start": 0, "end": 16}
    claims = [{"quantity": {"text": "40 percent", "start": 6, "end": 16}},
              {"quantity": {"text": "5%", "start": 30, "end": 32}}]
    assert list(segments(text, [entity], claims)) == [
        ("Fully ", entity, False, False), ("40 percent", entity, True, True),
        (" of trade, up ", None, False, False), ("5%", None, True, False),
        (".", None, False, False),
    ]


def test_report_of_a_folder_without_output_names_the_missing_file(repo, tmp_path):
    (tmp_path / "run.json").write_text(json.dumps({"inputs": [str(repo / "corpus")]}))
    result = CliRunner().invoke(app, ["report", "--pred", str(tmp_path), "--out",
                                      str(tmp_path / "report.html")])
    assert result.exit_code == 2
    assert result.stderr == (f"error: {tmp_path / 'documents.jsonl'} does not exist: is "
                             f"{tmp_path} a run's output?\n")


def test_show_is_readable_in_an_80_column_terminal(repo, claims, tmp_path):
    """What a person sees: `show` in an 80x200 tmux pane. Every subject, time and source is
    printed with its words whole (the nine-column table used to fold them every three
    characters), and no line is wider than the terminal."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    doc_id = claims[0]["doc_id"]
    session = f"show-{os.getpid()}"
    command = (f"cd {repo} && {sys.executable} -m pipeline show {doc_id} --pred output "
               f"--input corpus; sleep 30")
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "200",
                    command], check=True)
    try:
        screen = ""
        for _ in range(100):
            screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session, "-S", "-"],
                                    capture_output=True, text=True).stdout
            if "└" in screen:
                break
            time.sleep(0.2)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    assert f"{len([c for c in claims if c['doc_id'] == doc_id])} claims" in screen
    assert max(len(line) for line in screen.splitlines()) <= 80
    words = set(re.findall(r"[\w’'$%,.-]+", screen))
    for claim in claims:
        if claim["doc_id"] != doc_id:
            continue
        for field in ("subject", "time", "source"):
            if claim[field]:
                missing = [word for word in re.findall(r"[\w’'$%,.-]+", claim[field]["text"])
                           if word not in words]
                assert not missing, (field, claim[field]["text"], missing)
