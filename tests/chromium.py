"""A small client for headless Chromium over the DevTools protocol, standard library only.

The report is a web page: its sorting, links and layout are only tested by running it in a
browser. Debian's `chromium` package is a plain program, so the tests drive it directly instead
of adding Selenium or Playwright (and a driver binary) to the dependencies.

`--remote-debugging-pipe` makes Chromium read commands from file descriptor 3 and write
responses and events to file descriptor 4, each a JSON object followed by a NUL byte. A pipe
needs no free port and no polling for the browser to listen, and the browser cannot outlive a
test silently: every read waits with a timeout (select), and closing kills whatever is left of
the browser's process group.

    with Chromium(tmp_path / "profile") as browser:
        browser.navigate(page.as_uri())
        browser.evaluate("document.title")
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import math
import os
import select
import shutil
import signal
import subprocess
import time
from pathlib import Path
from types import TracebackType
from typing import Any

MISSING = ("chromium is not on PATH: this test needs Debian's chromium package: "
           "apt-get install chromium (.ci/run installs it)")
TIMEOUT = 30.0  # seconds for one protocol command, unless told otherwise
CLOSE_TIMEOUT = 10.0  # seconds Chromium gets to exit after Browser.close before it is killed
EVENTS_KEPT = 1000  # events kept for wait_event; older ones are dropped

# fds the browser reads commands from and writes messages to (--remote-debugging-pipe)
CHILD_READS, CHILD_WRITES = 3, 4


class ChromiumError(RuntimeError):
    """Chromium answered a command with an error, exited, or crashed."""


class JavaScriptError(ChromiumError):
    """An evaluated expression threw (or its promise was rejected)."""


class Chromium:
    """One headless Chromium with one page, driven over the DevTools pipe.

    Commands go to the page's session (Target.attachToTarget with flatten=true), so `send`
    reaches the page's Page, Runtime, DOM ... domains; events read while waiting for a response
    are kept for `wait_event`.
    """

    def __init__(self, profile_dir: Path, width: int = 1280, height: int = 900) -> None:
        executable = shutil.which("chromium")
        if executable is None:
            raise ChromiumError(MISSING)
        self.width, self.height = width, height
        self.events: list[dict] = []
        self._next_id = 0
        self._buffer = b""
        self._session_id: str | None = None
        self._closed = False
        self._answering = True  # False once a command timed out: close() then skips Browser.close
        profile_dir.mkdir(parents=True, exist_ok=True)
        self.log_path = profile_dir / "chromium.log"
        self._crash_dir = profile_dir / "crashpad"
        self._process, self._writer, self._reader = _launch(
            executable, profile_dir, width, height, self.log_path, self._crash_dir)
        try:
            self._attach()
        except BaseException:
            self.close()
            raise

    @property
    def pid(self) -> int:
        """The browser's process id; its process group (same id) holds all its processes."""
        return self._process.pid

    # The protocol ---------------------------------------------------------------------------

    def send(self, method: str, params: dict | None = None, *, timeout: float = TIMEOUT,
             to_browser: bool = False) -> dict:
        """Send one command to the page (or, with `to_browser`, to the browser itself) and
        return its result; raise ChromiumError if it fails or Chromium exits, TimeoutError if
        no answer comes within `timeout` seconds."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method,
                                   "params": params or {}}
        if not to_browser and self._session_id is not None:
            message["sessionId"] = self._session_id
        deadline = time.monotonic() + timeout
        self._write(json.dumps(message).encode() + b"\0", deadline, method)
        while True:
            answer = self._read_message(deadline, method)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    error = answer["error"]
                    detail = f" ({error['data']})" if error.get("data") else ""
                    raise ChromiumError(f"{method} failed: {error.get('message')}{detail}")
                return answer.get("result", {})
            if "method" in answer:  # an event; answers to timed-out commands are dropped
                if answer["method"] == "Inspector.targetCrashed":
                    raise ChromiumError(f"the page crashed while waiting for {method}")
                self.events.append(answer)
                del self.events[:-EVENTS_KEPT]

    def wait_event(self, name: str, timeout: float = TIMEOUT) -> dict:
        """Remove and return the oldest kept event called `name` (its params), reading more
        messages until one arrives; TimeoutError after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            for number, event in enumerate(self.events):
                if event["method"] == name:
                    del self.events[number]
                    return event.get("params", {})
            message = self._read_message(deadline, f"the event {name}")
            if "method" in message:
                self.events.append(message)
                del self.events[:-EVENTS_KEPT]

    # What tests do with a page -------------------------------------------------------------

    def navigate(self, url: str, timeout: float = 60.0) -> None:
        """Open `url` and return once its load event has fired (scripts ran, images loaded).
        For a new document: a change of the hash alone fires no load event."""
        self.events = [event for event in self.events if event["method"] != "Page.loadEventFired"]
        deadline = time.monotonic() + timeout
        result = self.send("Page.navigate", {"url": url}, timeout=timeout)
        if result.get("errorText"):
            raise ChromiumError(f"cannot open {url}: {result['errorText']}")
        if "loaderId" not in result:  # the same page, another #fragment: nothing loads
            return
        self.wait_event("Page.loadEventFired", max(deadline - time.monotonic(), 0.0))

    def evaluate(self, expression: str, timeout: float = TIMEOUT) -> Any:
        """The value of a JavaScript expression in the page, as JSON-like Python data (a promise
        is awaited); raise JavaScriptError with the exception's text if it throws."""
        result = self.send("Runtime.evaluate", {
            "expression": expression, "returnByValue": True, "awaitPromise": True,
        }, timeout=timeout)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise JavaScriptError(f"{expression!r} threw: {text}")
        return _python_value(result["result"])

    def wait_for(self, expression: str, timeout: float = 10.0) -> Any:
        """Evaluate `expression` until it is truthy and return its value: for what the page
        does after an event (a click, a timer) rather than at once. An expression that throws
        fails at once (JavaScriptError), not at the timeout."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression, timeout=max(deadline - time.monotonic(), 1.0))
            if value:
                return value
            if time.monotonic() >= deadline:
                raise TimeoutError(f"{expression!r} was still not truthy after {timeout} s "
                                   f"(last value: {value!r})")
            time.sleep(0.05)

    def screenshot(self, path: Path, full_page: bool = False) -> None:
        """Save the page as a PNG: the viewport (width x height pixels), or with `full_page`
        the whole document, however long."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            metrics = self.send("Page.getLayoutMetrics")
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            params["captureBeyondViewport"] = True
            params["clip"] = {"x": 0, "y": 0, "width": math.ceil(size["width"]),
                              "height": math.ceil(size["height"]), "scale": 1}
        data = self.send("Page.captureScreenshot", params, timeout=60.0)["data"]
        path.write_bytes(base64.b64decode(data))

    # Lifetime -------------------------------------------------------------------------------

    def close(self) -> None:
        """Ask Chromium to quit, kill it if it does not, and kill any process it left behind.
        Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        process = self._process
        if self._answering and process.poll() is None:
            try:
                self.send("Browser.close", to_browser=True, timeout=5.0)
            except (ChromiumError, TimeoutError, OSError):
                pass  # killed below
            else:
                _exited_unreaped(process.pid, CLOSE_TIMEOUT)
        # Not reaped yet, the browser keeps its pid (and so its process group id) ours: the
        # group is killed whole, with whatever Browser.close left behind or could not stop.
        with contextlib.suppress(ProcessLookupError, PermissionError):  # none left
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        _kill_crash_handlers(self._crash_dir)
        for fd in (self._writer, self._reader):
            os.close(fd)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    # The pipe -------------------------------------------------------------------------------

    def _attach(self) -> None:
        """Attach to the page Chromium opened, size its viewport, enable its events."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            targets = self.send("Target.getTargets", to_browser=True)["targetInfos"]
            pages = [target for target in targets if target["type"] == "page"]
            if pages:
                break
            if time.monotonic() > deadline:
                raise ChromiumError(f"Chromium opened no page (targets: {targets})")
            time.sleep(0.05)
        self._session_id = self.send("Target.attachToTarget", {
            "targetId": pages[0]["targetId"], "flatten": True}, to_browser=True)["sessionId"]
        # The headless window's viewport may differ from --window-size: make it exact, so a
        # screenshot is width x height pixels.
        self.send("Emulation.setDeviceMetricsOverride", {
            "width": self.width, "height": self.height, "deviceScaleFactor": 1,
            "mobile": False})
        self.send("Page.enable")
        self.send("Runtime.enable")

    def _write(self, data: bytes, deadline: float, what: str) -> None:
        while data:
            if self._process.poll() is not None:
                raise self._exited(what)
            _, ready, _ = select.select([], [self._writer], [], _left(deadline))
            if not ready:
                self._answering = False
                raise TimeoutError(f"Chromium did not read the command {what} in time")
            try:
                data = data[os.write(self._writer, data):]
            except BrokenPipeError:
                raise self._exited(what) from None

    def _read_message(self, deadline: float, what: str) -> dict:
        """The next message from Chromium; waits at most until `deadline`."""
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._reader], [], [], _left(deadline))
            if not ready:
                self._answering = False
                raise TimeoutError(f"Chromium did not answer {what} in time")
            chunk = os.read(self._reader, 1 << 16)
            if not chunk:
                raise self._exited(what)
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def _exited(self, what: str) -> ChromiumError:
        try:
            code = self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            code = None
        log = self.log_path.read_text(errors="replace")[-2000:] if self.log_path.exists() else ""
        return ChromiumError(f"Chromium exited (code {code}) while waiting for {what}; "
                             f"the end of {self.log_path}:\n{log}")


def _launch(executable: str, profile_dir: Path, width: int, height: int, log_path: Path,
            crash_dir: Path) -> tuple[subprocess.Popen, int, int]:
    """Start Chromium in a process group of its own, its fds 3 and 4 the two pipes; returns the
    process, the fd to write commands to, the fd to read messages from."""
    commands_read, commands_write = os.pipe()
    messages_read, messages_write = os.pipe()
    # Move the child's two ends above fd 4, so that dup2 onto 3 and 4 in the child can never
    # overwrite one of them before it is copied.
    child_read = fcntl.fcntl(commands_read, fcntl.F_DUPFD_CLOEXEC, 5)
    child_write = fcntl.fcntl(messages_write, fcntl.F_DUPFD_CLOEXEC, 5)
    os.close(commands_read)
    os.close(messages_write)

    def give_pipes() -> None:  # runs in the child between fork and exec
        os.dup2(child_read, CHILD_READS)  # dup2 clears close-on-exec: the browser keeps these
        os.dup2(child_write, CHILD_WRITES)

    arguments = [
        executable, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
        "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions",
        "--disable-default-apps", "--disable-dev-shm-usage", "--disable-breakpad",
        "--disable-quic", "--mute-audio", "--hide-scrollbars", "--password-store=basic",
        "--use-mock-keychain", "--force-color-profile=srgb",
        # A headless page is never "visible": keep its timers and rendering at full speed.
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
        "--disable-backgrounding-occluded-windows",
        f"--user-data-dir={profile_dir}", f"--window-size={width},{height}", "about:blank",
    ]
    # Chromium starts its crash handler (chrome_crashpad_handler) in a session of its own, with
    # its database in ~/.config/chromium unless told otherwise: keep it in the profile, where
    # close() can also recognise the handler by its --database argument.
    environment = {**os.environ, "BREAKPAD_DUMP_LOCATION": str(crash_dir)}
    try:
        with log_path.open("wb") as log:
            # close_fds=False: Python's own fds are close-on-exec anyway (PEP 446), and with
            # close_fds the child would close 3 and 4 after give_pipes.
            process = subprocess.Popen(
                arguments, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                env=environment, close_fds=False, preexec_fn=give_pipes, start_new_session=True)
    except BaseException:
        os.close(commands_write)
        os.close(messages_read)
        raise
    finally:
        os.close(child_read)
        os.close(child_write)
    return process, commands_write, messages_read


def _exited_unreaped(pid: int, timeout: float) -> bool:
    """Wait up to `timeout` seconds for `pid` to exit, leaving it a zombie (not reaped) so that
    its process group id stays ours; True if it exited."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
                return True
        except ChildProcessError:  # already reaped
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)


def _kill_crash_handlers(crash_dir: Path) -> None:
    """Kill the crash handlers of a closed browser: outside its process group, they normally
    exit when the browser does, but must not outlive it when they do not."""
    marker = f"--database={crash_dir}".encode()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "cmdline").read_bytes().split(b"\0"):
                    os.kill(int(entry.name), signal.SIGKILL)
            except OSError:  # exited meanwhile, or not ours to read
                pass


def _left(deadline: float) -> float:
    return max(deadline - time.monotonic(), 0.0)


def _python_value(remote: dict) -> Any:
    """A Runtime.RemoteObject returned by value as Python data (undefined -> None; NaN,
    Infinity and -0 as floats, a BigInt as an int)."""
    if "unserializableValue" in remote:
        text = remote["unserializableValue"]
        return int(text[:-1]) if text.endswith("n") else float(text)
    return remote.get("value")
