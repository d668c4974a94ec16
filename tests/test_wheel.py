"""A built wheel runs anywhere: installed into a fresh virtualenv and run from an empty directory (no checkout
in sight), ``attribution demo`` builds its database from the packaged fixtures and ``attribution serve``
publishes it with the packaged metadata and templates.

The new virtualenv gets the wheel alone (``--no-deps``); the dependencies come from this environment's
site-packages through a ``.pth`` line, so the test does not download torch again. Only the wheel provides
``attribution`` there: the editable install's finder is not loaded from a ``.pth`` path.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

from live_server import free_port

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, cwd: Path, env: dict | None = None, timeout: int = 300) -> str:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{args}: {result.stdout[-1500:]}{result.stderr[-1500:]}"
    return result.stdout


def _get(url: str, data: bytes | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"} if data else {})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.status, response.read()


def test_the_wheel_runs_demo_and_serve_outside_the_checkout(tmp_path, nlp):
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(dist),
         str(ROOT), cwd=tmp_path)
    [wheel] = dist.glob("attribution-*.whl")
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", str(venv), cwd=tmp_path)
    site = Path(subprocess.check_output([venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        text=True).strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run(sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--no-deps", "--quiet",
         str(wheel), cwd=tmp_path)

    empty = tmp_path / "empty"
    empty.mkdir()
    env = {**os.environ, "OMP_NUM_THREADS": "1"}  # STANZA_RESOURCES_DIR: made absolute when the tests started
    where = _run(str(venv / "bin" / "python"), "-c", "import attribution; print(attribution.__file__)", cwd=empty,
                 env=env)
    assert where.startswith(str(site)), where  # the wheel's copy, not the checkout's
    out = _run(str(venv / "bin" / "attribution"), "demo", "--db", "demo.db", cwd=empty, env=env)
    assert "24 articles" in out, out

    port = free_port()
    server = subprocess.Popen([venv / "bin" / "attribution", "serve", "--db", "demo.db", "--port", str(port)],
                              cwd=empty, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                status, body = _get(f"{base}/attribution/records.json?_shape=array&_size=1")
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "attribution serve did not answer within 60 s"
                time.sleep(0.5)
        assert status == 200 and json.loads(body)[0]["speaker_id"]
        status, page = _get(f"{base}/-/check")  # a packaged template
        assert status == 200 and b"Check an article" in page
        # the full name: the demo also quotes Samuel Okafor, so "Okafor" alone could be either
        text = '"We have hired four new nurses and two pharmacists for the evening shifts," Amara Okafor said.\n'
        status, body = _get(f"{base}/-/check.json", json.dumps({"text": text, "date": "2025-12-03"}).encode())
        [quote] = json.loads(body)["quotes"]
        assert (status, quote["verdict"], quote["record"]["speaker"]) == (200, "verified", "Amara Okafor")
        status, page = _get(f"{base}/attribution/checks")  # the packaged metadata.yml: its description
        assert status == 200 and b"verdict for each stored quote against the records" in page
    finally:
        server.terminate()
        server.wait(20)
