"""Shared by the benchmarks: a throw-away database, a served copy of the platform, and
concurrent HTTP clients that measure latency. Loopback only; every run is bounded in time.

The clients are wrk (Debian's ``wrk``, installed here when missing and allowed): written in C,
they leave the two cores to the server. Without it, Python threads measure instead; they take
a share of the CPU themselves, so their figures are worse for the same server.
"""

import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WRK_SCRIPT = Path(__file__).resolve().with_name("wrk_paths.lua")


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
        _fresh_postgres(database_url)
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    return env


def _fresh_postgres(url: str) -> None:
    """Drop and create the benchmark's PostgreSQL database, which must say it is one."""
    if not url.startswith(("postgres://", "postgresql://")):
        return
    base, name = url.rsplit("/", 1)
    if "bench" not in name:
        raise SystemExit(
            f"refusing to empty {name!r}: a benchmark database's name has 'bench' in it"
        )
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup_in_process(url: str) -> None:
    """Django set up in this process on the database ``url``, emptied and migrated: for the
    benchmarks that time pages in process, through the test client, instead of serving them."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mujun.settings.test")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    call_command("migrate", verbosity=0)


def median_ms(client, url: str, headers=None, runs: int = 11) -> float:
    """The median ms of ``runs`` requests of ``url`` through Django's test client, after one
    unmeasured request that must answer 200."""
    return median_times(client, url, headers, runs)["ms"]


def median_times(client, url: str, headers=None, runs: int = 11) -> dict:
    """``ms`` and ``cpu``: the median wall time of ``runs`` requests of ``url`` through
    Django's test client, and the median CPU each cost this process and, on PostgreSQL, the
    database backend it talks to (after one unmeasured request that must answer 200). On a
    shared machine the wall time carries the waits for a core; the CPU does not."""
    from django.db import connection

    headers = headers or {}
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    backend = []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = [cursor.fetchone()[0]]
    times, cpus = [], []
    backend_before = _cpu_of(backend)
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        client.get(url, **headers)
        times.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    # /proc counts a backend's CPU in ticks of 10 ms: its share is the mean of the runs
    backend_ms = (_cpu_of(backend) - backend_before) * 1000 / runs
    return {"ms": statistics.median(times), "cpu": statistics.median(cpus) + backend_ms}


def session_cookie(env: dict, username: str = "demo-leader") -> str:
    """A logged-in session's key for ``username``, made in the benchmark's database, for
    clients that load pages as that user."""
    code = (
        "import sys, django; django.setup()\n"
        "from django.test import Client\n"
        "from mujun.accounts.models import User\n"
        "c = Client(); c.force_login(User.objects.get(username=sys.argv[1]))\n"
        "print(c.cookies['sessionid'].value)\n"
    )
    return subprocess.check_output(
        [sys.executable, "-c", code, username], env=env, cwd=REPO, text=True
    ).strip()


def serve(env: dict, port: int, workers: int | None = None):
    """The platform as the README tells production to run it: gunicorn with one synchronous
    worker per core, on SQLite and on PostgreSQL running on the same machine alike."""
    _port_free(port)
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    workers = workers or os.cpu_count() or 1
    proc = subprocess.Popen(
        [gunicorn, "mujun.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
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


def _port_free(port: int) -> None:
    """Refuse a port another server listens on: its /health/ would answer for ours, and the
    run would measure (or be refused by) someone else's platform."""
    with socket.socket() as probe:
        # as gunicorn binds: a closed connection's TIME_WAIT on the port is no obstacle
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise RuntimeError(
                f"port {port} is taken (another run's server?): choose another with --port"
            ) from None


def wrk() -> str | None:
    """The wrk binary, installed from Debian's packages when missing and we are root."""
    found = shutil.which("wrk")
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    subprocess.run(["apt-get", "update", "-q"], check=False, **quiet)
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False, **quiet)
    return shutil.which("wrk")


def machine_reference() -> float:
    """ms for a fixed pure-Python loop, best of five: how fast this machine runs Python today,
    so that runs on different machines (or days: a shared machine's speed moves) can be read
    side by side."""
    import timeit

    loop = "sum(i * i for i in range(100_000))"
    return min(timeit.repeat(loop, number=10, repeat=5)) / 10 * 1000


def _cpu_of(pids) -> float:
    """CPU seconds (user + system) used so far by the processes ``pids``, from Linux's /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _children(parent: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        if int(text[text.rindex(")") + 2 :].split()[1]) == parent:
            found.append(int(stat.parent.name))
    return found


def _backends(database_url: str) -> list[int]:
    """The PostgreSQL backends connected to the benchmark's own database (the workers keep
    their connections: CONN_MAX_AGE), not every postgres process of the machine."""
    import psycopg

    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid()"
        ).fetchall()
    return [pid for (pid,) in rows]


def server_cpu(server, database_url: str | None = None) -> dict:
    """CPU seconds used so far by this run's server ``server`` (the gunicorn master and its
    workers) and, with a PostgreSQL ``database_url``, by the backends connected to its
    database; empty where there is no /proc. Only this run's processes: on a shared machine,
    every process named gunicorn or postgres includes other servers and databases."""
    if not Path("/proc/self/stat").exists():
        return {}
    used = {"gunicorn": _cpu_of([server.pid, *_children(server.pid)])}
    if (database_url or "").startswith(("postgres://", "postgresql://")):
        used["postgres"] = _cpu_of(_backends(database_url))
    return used


def measure(
    port: int,
    paths: list[str],
    headers: dict,
    *,
    server,
    database_url: str | None = None,
    clients: int = 8,
    seconds: float = 10,
) -> dict:
    """p50/p95/max in ms of ``clients`` concurrent clients, each sending its next request as
    soon as the last is answered, for ``seconds``, cycling through ``paths``, and ``cpu``: the
    CPU ms per request the server (and its database's backends) spent meanwhile. Raises if any
    answer is not 200."""
    before = server_cpu(server, database_url)
    result = _measure(port, paths, headers, clients=clients, seconds=seconds)
    after = server_cpu(server, database_url)
    n = max(result["n"], 1)  # a warm-up may see no answer within its seconds
    result["cpu"] = {k: (after[k] - before[k]) * 1000 / n for k in before}
    return result


def _measure(port: int, paths: list[str], headers: dict, *, clients: int, seconds: float) -> dict:
    binary = wrk()
    if binary is None:
        return _measure_threads(port, paths, headers, clients=clients, seconds=seconds)
    header = "; ".join(f"{k}: {v}" for k, v in headers.items())
    out = subprocess.run(
        [
            binary,
            f"-c{clients}",
            f"-t{min(clients, 2)}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "30s",
            "-s",
            str(WRK_SCRIPT),
            f"http://127.0.0.1:{port}",
        ],
        env={**os.environ, "WRK_PATHS": "|".join(paths), "WRK_HEADER": header},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.search(r"WRK p50=([\d.]+) p95=([\d.]+) max=([\d.]+) n=(\d+) failed=(\d+)", out)
    if found is None:
        raise RuntimeError(f"wrk printed no result: {out!r}")
    p50, p95, most, n, failed = found.groups()
    if int(failed):
        raise RuntimeError(f"{failed} of {n} requests failed or did not answer 200")
    return {"p50": float(p50), "p95": float(p95), "max": float(most), "n": int(n), "tool": "wrk"}


def _measure_threads(
    port: int, paths: list[str], headers: dict, *, clients: int, seconds: float
) -> dict:
    timings: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(offset: int):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = offset
        while time.monotonic() < deadline:
            path = paths[i % len(paths)]
            i += 1
            started = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                timings.append(elapsed)
                if response.status != 200:
                    errors.append(f"{path}: {response.status}")
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
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
        "p95": timings[max(0, int(len(timings) * 0.95) - 1)],
        "max": timings[-1],
        "n": len(timings),
        "tool": "Python threads",
    }
