"""Server time of the public pages, in-process, on the database the settings point to.

Each URL is asked through Django's test client (no network), after warm-up requests, with
DEBUG off so that templates are cached as in production. The SQL time is the sum of the
timings the database connection records for the request's queries."""

from __future__ import annotations

import contextlib
import logging
import statistics
import time
from dataclasses import dataclass

from django.conf import settings
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
    capped: bool = False  # stopped at its time limit: the time is a lower bound


class TooSlow(Exception):
    """A request stopped at the measure's time limit."""


def _deadline(seconds: float):
    """A query wrapper that stops the request once it has run `seconds`."""
    started = time.perf_counter()

    def guard(execute, sql, params, many, context):
        if time.perf_counter() - started > seconds:
            raise TooSlow
        return execute(sql, params, many, context)

    return guard


def measure(url: str, repeat: int = 30, warm_up: int = 3, max_seconds: float = 0) -> Measure:
    """`repeat` requests after `warm_up` ones. With `max_seconds` (the naive list takes
    minutes a request at 100,000 cards): no warm-up, as many requests as fit in that time,
    one at least, and a request still running then is stopped, its time a lower bound."""
    client = Client()
    for _ in range(0 if max_seconds else warm_up):
        _get(client, url)
    durations = []
    started = time.perf_counter()
    for _ in range(repeat):
        start = time.perf_counter()
        if max_seconds:
            try:
                # The stopped request is expected: not logged as a server error.
                with connection.execute_wrapper(_deadline(max_seconds)), _quiet("django.request"):
                    response = _get(client, url)
            except TooSlow:
                elapsed = (time.perf_counter() - start) * 1000
                return Measure(url, elapsed, elapsed, 0, 0, 0, capped=True)
        else:
            response = _get(client, url)
        durations.append((time.perf_counter() - start) * 1000)
        if max_seconds and time.perf_counter() - started > max_seconds:
            break
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


@contextlib.contextmanager
def _quiet(logger_name: str):
    logger = logging.getLogger(logger_name)
    disabled, logger.disabled = logger.disabled, True
    try:
        yield
    finally:
        logger.disabled = disabled


def _get(client: Client, url: str):
    response = client.get(url, secure=True)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return response


def run(
    urls: list[str], repeat: int = 30, urlconf: str | None = None, max_seconds: float = 0
) -> list[Measure]:
    # Production-like: no debug toolbar of queries, cached templates, plain static storage
    # (the manifest needs collectstatic, which measuring has no use for).
    with override_settings(
        DEBUG=False,
        ALLOWED_HOSTS=["testserver"],
        ROOT_URLCONF=urlconf or settings.ROOT_URLCONF,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        reset_queries()
        return [measure(url, repeat, max_seconds=max_seconds) for url in urls]


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
