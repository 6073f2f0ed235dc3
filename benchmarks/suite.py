"""`make bench`: the whole benchmark, on a database of its own.

The parent (`prepare`, `cleanup`) creates an empty database beside the configured one
and runs the suite in a child process pointed at it (DATABASE_URL), so real data is never
touched; the child (`run`) migrates, imports the source documents, measures the bulk
import, then grows a synthetic corpus size by size and measures the pages in-process,
against the naive reference, over HTTP (gunicorn), under load (locust), and explains
the main queries.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import psutil

BENCH_DATABASE = "vita_bench"
FILTERS = "region=53&milieu=rural&categorie=siae"  # three facets
SEARCHED = "mobilité"


def scenarios(size: int) -> list[tuple[str, str]]:
    card = min(500, max(0, size - 100))
    return [
        ("accueil", "/"),
        ("liste", "/experiences/"),
        ("liste, trois facettes", f"/experiences/?{FILTERS}"),
        ("liste, recherche", f"/experiences/?q={SEARCHED}"),
        ("fiche", f"/experiences/banc-{card}/"),
        ("ressources", "/ressources/"),
        ("recherche", f"/recherche/?q={SEARCHED}"),
    ]


# Our list and the naive one, on the same parameters.
NAIVE = {
    "liste": "/naif/experiences/",
    "liste, trois facettes": f"/naif/experiences/?{FILTERS}",
    "liste, recherche": f"/naif/experiences/?q={SEARCHED}",
}
EXPLAINED = ["liste, trois facettes", "liste, recherche", "fiche"]


# -- the parent: a database of its own --------------------------------------------------


def database_url(name: str) -> str:
    """A URL of database `name` on the server the settings use (embedded or not)."""
    from django.db import connection

    params = connection.get_connection_params()
    host = urllib.parse.quote(str(params.get("host") or "127.0.0.1"), safe="")
    user = urllib.parse.quote(params.get("user") or "postgres", safe="")
    password = params.get("password")
    credentials = f"{user}:{urllib.parse.quote(password, safe='')}" if password else user
    return f"postgresql://{credentials}@{host}:{params.get('port') or 5432}/{name}"


def recreate_database(name: str, drop_only: bool = False) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            cursor.execute(f'CREATE DATABASE "{name}"')


def child_environment(url: str, work_dir: Path) -> dict[str, str]:
    """Production settings on loopback, on the benchmark's database and files."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": os.urandom(32).hex(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "LIBRARY_FILES_ROOT": str(work_dir / "files"),
        "LOG_LEVEL": "WARNING",
        # Every measured request and the load run come from one address.
        "RATELIMIT_ENABLE": "false",
    }


# -- the child: the measures ----------------------------------------------------------


def run_measured(command: list[str]) -> tuple[float, float, str]:
    """Runs `command`; its duration in seconds, its peak memory (MB, sampled) and output."""
    start = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    while process.poll() is None:
        try:
            peak = max(peak, process.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.05)
    output = process.stdout.read()
    if process.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{output[-2000:]}")
    return time.perf_counter() - start, peak / 2**20, output


def machine() -> dict:
    from django import get_version
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor(),
    ) if Path("/proc/cpuinfo").exists() else platform.processor()  # fmt: skip
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": f"{model} × {psutil.cpu_count()}",
        "memory_gb": round(psutil.virtual_memory().total / 2**30),
        "system": platform.platform(),
        "python": platform.python_version(),
        "django": get_version(),
        "postgresql": postgres,
    }


def run(
    sizes: list[int],
    repeat: int,
    load_seconds: int,
    load_users: int = 50,
    import_rows: int = 10_000,
    over_http: bool = True,
    distinct_cards: int | None = None,
    naive_seconds: float = 20,
) -> dict:
    from django.core.management import call_command

    from benchmarks import corpus, pages

    manage = [sys.executable, "manage.py"]
    results: dict = {"machine": machine(), "sizes": {}}
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    results["migrate_s"] = time.perf_counter() - start
    if over_http:
        call_command("collectstatic", verbosity=0, interactive=False)

    seconds, peak, _ = run_measured([*manage, "import_sources", "--verbosity", "0"])
    results["sources_import"] = {"seconds": seconds, "peak_mb": peak}
    if import_rows:
        # In its own process: its own peak memory.
        _, _, output = run_measured(
            [sys.executable, "-m", "benchmarks", "import", "--rows", str(import_rows), "--json"]
        )
        results["bulk_import"] = json.loads(output.strip().splitlines()[-1])
    else:
        results["bulk_import"] = None

    for size in sizes:
        print(f"… {size} fiches", flush=True)
        start = time.perf_counter()
        corpus.grow_to(size, distinct=distinct_cards)
        grown_s = time.perf_counter() - start
        _analyze()
        named = scenarios(size)
        ours = pages.run([url for _, url in named], repeat, urlconf="benchmarks.urls")
        naive = pages.run(
            list(NAIVE.values()), repeat, urlconf="benchmarks.urls", max_seconds=naive_seconds
        )
        entry = {
            "corpus_s": grown_s,
            "pages": {name: vars(m) for (name, _), m in zip(named, ours, strict=True)},
            "naive": {name: vars(m) for name, m in zip(NAIVE, naive, strict=True)},
        }
        if over_http:
            from benchmarks import http

            with http.gunicorn() as base:
                entry["http"] = {name: vars(http.measure(base, url, repeat)) for name, url in named}
                if size == sizes[-1] and load_seconds:
                    entry["load"] = vars(http.load(base, load_users, load_seconds, size))
        if size == sizes[-1]:
            entry["explain"] = {name: explain(url) for name, url in named if name in EXPLAINED}
        results["sizes"][str(size)] = entry
    return results


def _analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def explain(url: str, slowest: int = 2) -> list[dict]:
    """EXPLAIN ANALYZE of the `slowest` queries of a page."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    with override_settings(ROOT_URLCONF="benchmarks.urls", DEBUG=False):
        Client().get(url, secure=True)
        with CaptureQueriesContext(connection) as captured:
            Client().get(url, secure=True)
    queries = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:slowest]
    plans = []
    with connection.cursor() as cursor:
        for query in queries:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
            plans.append(
                {
                    "sql": query["sql"],
                    "ms": float(query["time"]) * 1000,
                    "plan": "\n".join(row[0] for row in cursor.fetchall()),
                }
            )
    return plans
