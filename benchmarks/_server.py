"""Shared by the benchmarks: a throw-away database, a served copy of the platform, and a pool of
HTTP clients that measure latency. Loopback only; every loop is bounded."""

import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def environment(database_url: str | None) -> dict:
    """Settings for a benchmark database of its own (never the developer's)."""
    var = tempfile.mkdtemp(prefix="mujun-bench-")
    env = {
        **os.environ,
        "MUJUN_VAR": var,
        "DJANGO_SETTINGS_MODULE": "mujun.settings.base",
        "DEBUG": "0",
    }
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    return env


def serve(env: dict, port: int, workers: int = 2, threads: int = 4):
    """The platform as production runs it: gunicorn, one worker per core, a few threads each."""
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    proc = subprocess.Popen(
        [
            gunicorn,
            "mujun.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
        ],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health/")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("the server did not start")


def measure(
    port: int, paths: list[str], headers: dict, *, clients: int = 8, per_client: int = 40
) -> dict:
    """p50/p95/max in ms of ``clients`` concurrent clients each making ``per_client`` requests,
    cycling through ``paths``. Raises if any answer is not 200."""
    timings: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker(offset: int):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for i in range(per_client):
            path = paths[(offset + i) % len(paths)]
            started = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                timings.append(elapsed)
                if response.status != 200:
                    errors.append(f"{path}: {response.status}")
        conn.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests, e.g. {errors[0]}")
    timings.sort()
    return {
        "p50": statistics.median(timings),
        "p95": timings[int(len(timings) * 0.95) - 1],
        "max": timings[-1],
        "n": len(timings),
    }
