"""`jpfr serve` as a user starts it: prints its URL, answers, stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import re
import select
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from jpfr_testing import ROOT

from serve_testing import DOC


def _start(*args: str, cwd=None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "jpfr_accord", "serve", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _first_line(proc: subprocess.Popen, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.2)
        if ready:
            return proc.stdout.readline()
        if proc.poll() is not None:
            break
    proc.kill()
    raise AssertionError(f"no URL printed; stderr: {proc.stderr.read()}")


def _get(url: str) -> str:
    """Open the printed URL as a browser does: the redirect sets the session's cookie."""
    import http.cookiejar

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    with opener.open(url, timeout=30) as resp:
        assert resp.status == 200
        return resp.read().decode()


def _stop(proc: subprocess.Popen) -> tuple[str, str]:
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    return out, err


def test_serve_prints_its_url_answers_and_stops_on_ctrl_c(two_docs):
    proc = _start("--corpus", str(two_docs), "--port", "0")
    line = _first_line(proc)
    assert line.startswith("jpfr serve: http://127.0.0.1:") and "(Ctrl-C to stop)" in line
    url = line.split()[2]
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[\w-]{40,}", url), url
    body = _get(url)
    assert DOC in body and "ai-followup-2027" in body
    with pytest.raises(urllib.error.HTTPError, match="403"):  # without the secret: nothing
        urllib.request.urlopen(url.split("?")[0], timeout=30)
    out, err = _stop(proc)
    assert proc.returncode == 0, err
    assert out.strip().endswith("jpfr serve: stopped")
    assert "Traceback" not in err and "error" not in err.lower()


def test_serve_with_a_document_opens_on_it(two_docs):
    proc = _start(DOC, "--corpus", str(two_docs), "--port", "0")
    url = _first_line(proc).split()[2]
    assert url.split("?")[0].endswith(f"/doc/{DOC}")
    assert "preamble__para_1__cl_1" in _get(url)
    _stop(proc)
    assert proc.returncode == 0


def test_listening_beyond_loopback_warns(two_docs):
    proc = _start("--corpus", str(two_docs), "--port", "0", "--host", "0.0.0.0")
    line = _first_line(proc)
    assert line.startswith("jpfr serve: http://0.0.0.0:")
    out, err = _stop(proc)
    assert "jpfr: warning: listening on 0.0.0.0" in err and "anyone" in err


@pytest.mark.parametrize("args,message", [
    (["nope"], "no document 'nope'"),
    (["--corpus", "missing-folder"], "no such corpus folder"),
])
def test_bad_arguments_are_one_line_errors(two_docs, args, message):
    argv = [a if a != "nope" else "nope" for a in args]
    if "--corpus" not in argv:
        argv += ["--corpus", str(two_docs)]
    proc = _start(*argv, "--port", "0", cwd=two_docs.parent)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert err.startswith("jpfr: error: ") and message in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_a_port_in_use_is_a_clear_error(two_docs):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        proc = _start("--corpus", str(two_docs), "--port", str(port))
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2 and err.startswith(f"jpfr: error: cannot listen on 127.0.0.1:{port}")
    assert "Traceback" not in err


def test_a_missing_serve_extra_is_named(two_docs, tmp_path):
    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "starlette.py").write_text("raise ModuleNotFoundError('No module named starlette', name='starlette')\n")
    env = {**os.environ, "PYTHONPATH": f"{blocker}{os.pathsep}{ROOT / 'src'}"}
    proc = subprocess.run([sys.executable, "-m", "jpfr_accord", "serve", "--corpus", str(two_docs), "--port", "0"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.startswith("jpfr: error: serve needs Starlette (the workbench)")
    assert "pip install 'jpfr-accord[serve]'" in proc.stderr and "Traceback" not in proc.stderr
