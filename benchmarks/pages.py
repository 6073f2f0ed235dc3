"""Server time of the public pages, in-process, on the database the settings point to.

Each URL is asked through Django's test client (no network), after warm-up requests, with
DEBUG off so that templates are cached as in production. The SQL time is the sum of the
timings the database connection records for the request's queries."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

SEARCH_URLS = [
    "/recherche/?q=mobilité",
    "/recherche/?q=AI commande publique",
    "/recherche/?q=insertoin",
    "/recherche/?q=mobilté",
    "/experiences/?q=clauses sociales",
    "/experiences/?q=mutualiser",
    "/experiences/?q=insertoin",
    "/experiences/?q=mobilté",
]

LIBRARY_URLS = [
    "/ressources/",
    "/ressources/?q=mobilité",
    "/ressources/?type=guide&acces=public",
    "/ressources/modele-fiche-experience-excel/",
    "/experiences/proposer/",
]
SCENARIOS = {"search": SEARCH_URLS, "library": LIBRARY_URLS}


@dataclass
class Measure:
    url: str
    median_ms: float
    p95_ms: float
    sql_ms: float
    queries: int
    size_kb: float


def measure(url: str, repeat: int = 30, warm_up: int = 3) -> Measure:
    client = Client()
    for _ in range(warm_up):
        _get(client, url)
    durations = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = _get(client, url)
        durations.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as captured:
        response = _get(client, url)
    sql_ms = sum(float(query["time"]) for query in captured.captured_queries) * 1000
    durations.sort()
    return Measure(
        url=url,
        median_ms=statistics.median(durations),
        p95_ms=durations[max(0, round(0.95 * len(durations)) - 1)],
        sql_ms=sql_ms,
        queries=len(captured.captured_queries),
        size_kb=len(response.content) / 1024,
    )


def _get(client: Client, url: str):
    response = client.get(url, secure=True)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return response


def run(urls: list[str], repeat: int = 30) -> list[Measure]:
    # Production-like: no debug toolbar of queries, cached templates, plain static storage
    # (the manifest needs collectstatic, which measuring has no use for).
    with override_settings(
        DEBUG=False,
        ALLOWED_HOSTS=["testserver"],
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        reset_queries()
        return [measure(url, repeat) for url in urls]


def table(measures: list[Measure]) -> str:
    lines = [
        "| page | median ms | p95 ms | SQL ms | queries | KB |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| `{m.url}` | {m.median_ms:.1f} | {m.p95_ms:.1f} | {m.sql_ms:.1f} | {m.queries} "
        f"| {m.size_kb:.0f} |"
        for m in measures
    ]
    return "\n".join(lines)
