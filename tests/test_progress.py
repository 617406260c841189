"""The progress bar is drawn on a terminal and not in a pipe; the summary follows every run."""

import os
import pty
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from pipeline.batch.job import RunSummary
from pipeline.batch.progress import summary_lines

STORY = "Exports rose 12% to $4.5 billion in 2023, the ministry said.\n"


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    return path


def run_on_terminal(arguments: list[str], cwd: Path) -> str:
    """Run the CLI with stderr on a pseudo-terminal; return everything it drew there."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "pipeline", *arguments], cwd=cwd,
                               stdout=subprocess.DEVNULL, stderr=terminal, env={
                                   **os.environ, "COLUMNS": "120", "TERM": "xterm"})
    os.close(terminal)
    drawn = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal is closed once the process has exited
            break
        if not chunk:
            break
        drawn += chunk
    process.wait(timeout=120)
    os.close(controller)
    return drawn.decode("utf-8", errors="replace")


def test_progress_bar_on_a_terminal(story, tmp_path, repo):
    drawn = run_on_terminal(["run", str(story), "--out", str(tmp_path / "out")], repo)
    assert "documents" in drawn and "1/1" in drawn and "docs/s" in drawn and "ETA" in drawn
    assert "━" in drawn  # the bar itself
    assert "1 documents: 1 ok, 0 failed" in drawn  # then the summary


def test_no_progress_bar_in_a_pipe(story, tmp_path, repo):
    result = subprocess.run([sys.executable, "-m", "pipeline", "run", str(story), "--out",
                             str(tmp_path / "out")], cwd=repo, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0
    assert "ETA" not in result.stderr and "━" not in result.stderr and "\x1b[" not in result.stderr
    assert result.stderr.splitlines()[0].startswith("1 documents: 1 ok, 0 failed, 0 reused;")


def test_quiet_draws_nothing_on_a_terminal(story, tmp_path, repo):
    drawn = run_on_terminal(["run", str(story), "--out", str(tmp_path / "out"), "--quiet"], repo)
    assert drawn == ""


def test_summary_counts_documents_entities_by_label_and_claims_by_unit():
    summary = RunSummary(documents=3, failed=1, entities=4, claims=3, reused=1, seconds=2.0,
                         entities_by_label=Counter({"GPE": 3, "ORG": 1}),
                         claims_by_unit=Counter({"USD": 2, "percent": 1}))
    assert summary_lines(summary, Path("out")) == [
        "3 documents: 2 ok, 1 failed, 1 reused; 2.0 s, 1.5 docs/s -> out",
        "entities: 4 (GPE 3, ORG 1)",
        "claims: 3 (USD 2, percent 1)",
    ]


def test_summary_wraps_at_word_ends_to_the_terminal_width():
    summary = RunSummary(documents=1234, failed=5, entities=98765, claims=4321, reused=17,
                         seconds=81.25)
    summary.entities_by_label.update({label: 1000 + index for index, label in enumerate(
        ["GPE", "NORP", "PERSON", "DATE", "CARDINAL", "PERCENT", "MONEY", "ORG", "LOC"])})
    out = Path("/a/rather/long/output/folder/name")
    unwrapped = summary_lines(summary, out)
    wrapped = summary_lines(summary, out, width=60)
    assert all(len(line) <= 60 for line in wrapped)
    assert " ".join(line.strip() for line in wrapped).split() == " ".join(unwrapped).split()
    assert all(line.startswith("  ") for line in wrapped if not line.startswith(
        ("1234 documents", "entities:", "claims:")))


def test_the_rate_column_waits_for_a_second_of_work():
    from rich.progress import Progress

    from pipeline.batch.progress import RateColumn

    progress = Progress()
    task_id = progress.add_task("run", total=10)
    progress.advance(task_id, 5)
    task = progress.tasks[0]
    assert task.elapsed is None or task.elapsed < 1.0
    assert str(RateColumn().render(task)) == "- docs/s"
