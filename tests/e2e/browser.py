"""Debian's headless Chromium, driven by selenium, reading what a textual-serve page draws.

The page draws the terminal on a canvas, so its text is not in the page;
what the server sends down the page's websocket is. A script put in the
page before it loads keeps every frame, and :func:`shown` reads the text
out of them, as the page would draw it.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
DRIVER = Path("/usr/bin/chromedriver")

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

KEEP_FRAMES = """
window.__frames = [];
const Socket = window.WebSocket;
function Kept(url, protocols) {
  const socket = new Socket(url, protocols);
  socket.addEventListener("message", (event) => {
    if (typeof event.data === "string") { window.__frames.push(event.data); return; }
    const keep = (buffer) => window.__frames.push(Array.from(new Uint8Array(buffer)));
    if (event.data instanceof Blob) { event.data.arrayBuffer().then(keep); }
    else { keep(event.data); }
  });
  return socket;
}
Kept.prototype = Socket.prototype;
for (const name of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) { Kept[name] = Socket[name]; }
window.WebSocket = Kept;
"""

_ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[@-Z\\-_]|\x1b\][^\x07]*\x07")


def browser(width: int = 1280, height: int = 800) -> Any:
    """A fresh headless Chromium (its own profile), or the test skipped saying what is missing."""
    try:
        return launch(width, height)
    except Missing as missing:
        pytest.skip(str(missing))


class Missing(Exception):
    """What has to be installed before Chromium can be driven."""


def launch(width: int = 1280, height: int = 800) -> Any:
    """A fresh headless Chromium (its own profile) that keeps its websocket frames."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        raise Missing("selenium is not installed: pip install -e '.[test]'") from None
    if not (CHROMIUM.exists() and DRIVER.exists()):
        raise Missing("Chromium is not installed: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="panelapp-chromium-")
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": KEEP_FRAMES})
    driver._panelapp_profile = profile  # removed by close()
    return driver


def close(driver: Any) -> None:
    """Quit the browser and remove its profile."""
    profile = getattr(driver, "_panelapp_profile", None)
    driver.quit()
    if profile:
        shutil.rmtree(profile, ignore_errors=True)


def shown(driver: Any) -> str:
    """Every piece of text the page has been sent to draw so far, escape codes taken out."""
    frames = driver.execute_script("return window.__frames || []")
    data = bytearray()
    for frame in frames:
        data += frame.encode() if isinstance(frame, str) else bytes(frame)
    return _ESCAPES.sub(" ", data.decode("utf-8", errors="replace"))


def wait_for(driver: Any, text: str, timeout: float = 30.0, since: int = 0) -> str:
    """The page's text once ``text`` has been drawn (after the first ``since`` characters)."""
    deadline = time.monotonic() + timeout
    seen = ""
    while time.monotonic() < deadline:
        seen = shown(driver)
        if text in seen[since:]:
            return seen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never reached the page; it was sent:\n{seen[-3000:]}")
