"""A real server for browser tests: uvicorn on a free loopback port, in a thread, and Debian's Chromium."""

from __future__ import annotations

import contextlib
import shutil
import socket
import threading
import time
from typing import Iterator

import uvicorn

from attribution.web.serve import server_config

CHROMIUM = "/usr/bin/chromium"  # installed by .ci/setup (apt-get install chromium)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def live_server(app, forwarded_allow_ips: str | None = None) -> Iterator[str]:
    """Serve the ASGI ``app`` as ``attribution serve`` does; its base URL while the block runs."""
    port = free_port()
    uv = uvicorn.Server(server_config(app, "127.0.0.1", port, forwarded_allow_ips))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(10)


def launch_chromium(pw, profile: str):
    """A headless Chromium context (Playwright's own browser download is never used)."""
    return pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
                                                 viewport={"width": 1200, "height": 900})


@contextlib.contextmanager
def chromium_page(profile: str) -> Iterator:
    """A new page in headless Chromium (with a fresh profile directory), closed when the block ends."""
    from playwright.sync_api import sync_playwright

    assert shutil.which(CHROMIUM), f"{CHROMIUM} is missing: run .ci/setup (apt-get install chromium)"
    with sync_playwright() as pw:
        browser = launch_chromium(pw, profile)
        try:
            yield browser.new_page()
        finally:
            browser.close()
