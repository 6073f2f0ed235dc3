"""Over HTTP, on loopback: gunicorn serving the portal, pages timed one request after
another, and a bounded load run by locust (headless)."""

from __future__ import annotations

import contextlib
import csv
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

LOCUSTFILE = Path(__file__).with_name("locustfile.py")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(workers: int = 2):
    """The portal under gunicorn on 127.0.0.1 (the environment names the database);
    yields its base URL once it answers."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "vita.wsgi", "--workers", str(workers),
               "--bind", f"127.0.0.1:{port}", "--log-level", "warning"]  # fmt: skip
    server = subprocess.Popen(command, env=os.environ.copy())
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/healthz", server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit {server.returncode})")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2):  # noqa: S310
            return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer at {url}")


@dataclass
class HttpMeasure:
    url: str
    median_ms: float
    p95_ms: float
    size_kb: float


def measure(base: str, url: str, repeat: int, warm_up: int = 3) -> HttpMeasure:
    durations, size = [], 0
    address = base + urllib.parse.quote(url, safe="/?=&")
    for n in range(warm_up + repeat):
        start = time.perf_counter()
        with urllib.request.urlopen(address, timeout=60) as response:  # noqa: S310
            body = response.read()
        if n >= warm_up:
            durations.append((time.perf_counter() - start) * 1000)
            size = len(body)
    durations.sort()
    return HttpMeasure(
        url=url,
        median_ms=statistics.median(durations),
        p95_ms=durations[max(0, round(0.95 * len(durations)) - 1)],
        size_kb=size / 1024,
    )


@dataclass
class LoadResult:
    users: int
    seconds: int
    requests: int
    failures: int
    requests_per_second: float
    median_ms: float
    p95_ms: float
    by_page: dict  # page name → {requests, failures, median_ms, p95_ms}


def load(base: str, users: int, seconds: int, cards: int) -> LoadResult:
    """`users` clients without pause for `seconds`, on the card list and card pages."""
    with tempfile.TemporaryDirectory() as directory:
        prefix = Path(directory) / "load"
        command = [
            sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
            "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds}s",
            "--host", base, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
            "--stop-timeout", "10",
        ]  # fmt: skip
        env = {**os.environ, "BENCH_CARDS": str(cards)}
        subprocess.run(command, env=env, check=False, capture_output=True, timeout=seconds + 120)
        with open(f"{prefix}_stats.csv", newline="") as stats:
            rows = {row["Name"]: row for row in csv.DictReader(stats)}
    total = rows["Aggregated"]
    return LoadResult(
        users=users,
        seconds=seconds,
        requests=int(total["Request Count"]),
        failures=int(total["Failure Count"]),
        requests_per_second=float(total["Requests/s"]),
        median_ms=float(total["50%"]),
        p95_ms=float(total["95%"]),
        by_page={
            name: {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "median_ms": float(row["50%"]),
                "p95_ms": float(row["95%"]),
            }
            for name, row in rows.items()
            if name != "Aggregated"
        },
    )
