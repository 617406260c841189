"""The headless Chromium client (tests/chromium.py) on a tiny local page.

These tests do not skip without Chromium: a machine that cannot run the browser tests should
say so, with what to install.
"""

from __future__ import annotations

import os
import signal
import struct
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import MISSING, Chromium, ChromiumError, JavaScriptError

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>tiny page</title>
<style>body { margin: 0 } #tall { height: 3000px; background: linear-gradient(#fff, #48c) }</style>
</head><body>
<p><a id="go" href="#second">to the second part</a></p>
<div id="tall"></div>
<h2 id="second">Second part</h2>
<script>window.loaded = {items: [1, 2.5, "drei", null], ok: true};</script>
</body></html>
"""


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("page") / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, page: Path) -> Iterator[Chromium]:
    """One browser for the tests that only read the page (starting one takes about 0.5 s)."""
    with Chromium(tmp_path_factory.mktemp("profile"), width=640, height=480) as browser:
        browser.navigate(page.as_uri())
        yield browser


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])  # IHDR: width, height


def live_processes(group: int, profile: Path) -> list[str]:
    """The processes of process group `group`, or naming `profile` on their command line (the
    crash handler, in a session of its own), that have not exited. Zombies count as gone: only
    their parent's wait() is missing."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:  # exited meanwhile
            continue
        # "pid (comm) state ppid pgrp ...": comm may hold spaces, so split after its ")"
        state, _, pgrp = stat[stat.rindex(")") + 2:].split()[:3]
        if state != "Z" and (int(pgrp) == group or str(profile) in command):
            found.append(f"{entry.name}: {command[:100]}")
    return found


def wait_until_gone(group: int, profile: Path, timeout: float = 5.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while (left := live_processes(group, profile)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def test_evaluate_returns_json_values(browser: Chromium) -> None:
    assert browser.evaluate("document.title") == "tiny page"
    assert browser.evaluate("window.loaded") == {"items": [1, 2.5, "drei", None], "ok": True}
    assert browser.evaluate("6 * 7") == 42
    assert browser.evaluate("undefined") is None
    assert browser.evaluate("new Promise(done => setTimeout(() => done('later'), 50))") == "later"
    assert browser.evaluate("2n ** 70n") == 2**70


def test_a_javascript_exception_raises_with_its_message(browser: Chromium) -> None:
    with pytest.raises(JavaScriptError, match="no such thing"):
        browser.evaluate("(() => { throw new TypeError('no such thing'); })()")
    with pytest.raises(JavaScriptError, match="rejected on purpose"):
        browser.evaluate("Promise.reject(new Error('rejected on purpose'))")
    with pytest.raises(JavaScriptError, match="ReferenceError: notDefined"):
        browser.evaluate("notDefined + 1")
    assert browser.evaluate("1 + 1") == 2  # the page still works


def test_a_protocol_error_names_the_method(browser: Chromium) -> None:
    with pytest.raises(ChromiumError, match="No.suchMethod failed"):
        browser.send("No.suchMethod")


def test_clicking_a_link_changes_the_hash(browser: Chromium) -> None:
    assert browser.evaluate("location.hash") == ""
    browser.evaluate("document.getElementById('go').click()")
    assert browser.wait_for("location.hash") == "#second"
    assert browser.evaluate("window.scrollY") > 0  # the browser scrolled to the target


def test_wait_for_names_the_expression_when_it_times_out(browser: Chromium) -> None:
    started = time.monotonic()
    with pytest.raises(TimeoutError, match=r"document\.title === 'never'"):
        browser.wait_for("document.title === 'never'", timeout=0.5)
    assert time.monotonic() - started < 5


def test_screenshot_is_a_png_of_the_viewport_or_the_whole_page(
    browser: Chromium, tmp_path: Path
) -> None:
    browser.screenshot(tmp_path / "viewport.png")
    assert png_size(tmp_path / "viewport.png") == (640, 480)
    height = browser.evaluate("document.documentElement.scrollHeight")
    assert height > 3000
    browser.screenshot(tmp_path / "page.png", full_page=True)
    assert png_size(tmp_path / "page.png") == (640, height)


def test_navigate_waits_for_the_load_event(tmp_path: Path, page: Path) -> None:
    slow = tmp_path / "slow.html"
    slow.write_text("<script>window.ran = true</script><img src='missing.png'>")
    with Chromium(tmp_path / "profile", width=320, height=200) as browser:
        browser.navigate(slow.as_uri())
        assert browser.evaluate("document.readyState") == "complete"
        assert browser.evaluate("window.ran") is True
        browser.navigate(page.as_uri())
        assert browser.evaluate("document.title") == "tiny page"


def test_navigate_to_another_fragment_of_the_page_does_not_wait_for_a_load(
    tmp_path: Path, page: Path
) -> None:
    with Chromium(tmp_path / "profile", width=320, height=200) as browser:
        browser.navigate(page.as_uri())
        browser.evaluate("window.marker = 'same page'")
        started = time.monotonic()
        browser.navigate(page.as_uri() + "#second", timeout=20)
        assert time.monotonic() - started < 10
        assert browser.evaluate("location.hash") == "#second"
        assert browser.evaluate("window.marker") == "same page"  # not reloaded


def test_no_browser_process_is_left_after_the_with_block(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    with Chromium(profile) as browser:
        group = browser.pid
        assert len(live_processes(group, profile)) > 1  # the browser and its helpers
    assert wait_until_gone(group, profile) == []


def test_no_browser_process_is_left_when_the_body_raises(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    with pytest.raises(ValueError, match="the test failed"), Chromium(profile) as browser:
        group = browser.pid
        browser.evaluate("1")
        raise ValueError("the test failed")
    assert wait_until_gone(group, profile) == []


def test_a_hung_browser_times_out_and_is_killed(tmp_path: Path) -> None:
    """A browser that stops answering fails the test within the timeout, never hangs it."""
    profile = tmp_path / "profile"
    started = time.monotonic()
    with Chromium(profile) as browser:
        group = browser.pid
        os.kill(browser.pid, signal.SIGSTOP)  # the browser process stops relaying messages
        with pytest.raises(TimeoutError, match="Runtime.evaluate"):
            browser.evaluate("1", timeout=1)
    assert wait_until_gone(group, profile) == []
    assert time.monotonic() - started < 15


def test_without_chromium_the_error_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no chromium here
    with pytest.raises(RuntimeError) as raised:
        Chromium(tmp_path / "profile")
    assert str(raised.value) == MISSING
    assert ("needs Debian's chromium package: apt-get install chromium (.ci/run installs it)"
            in MISSING)
