"""Logs: JSON lines in production, each carrying the id of its request, also returned to
the client (X-Request-ID) so that a report can be matched to its lines."""

import io
import json
import logging
import logging.config
import re
import uuid

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_log():
    """The vita loggers written as production writes them, into a string."""
    stream = io.StringIO()
    logging.config.dictConfig({
        "version": 1,
        "disable_existing_loggers": False,
        "filters": settings.LOGGING["filters"],
        "formatters": settings.LOGGING["formatters"],
        "handlers": {"captured": {"class": "logging.StreamHandler", "stream": stream,
                                  "formatter": "json", "filters": ["request_id"]}},
        "loggers": {"vita": {"handlers": ["captured"], "level": "INFO", "propagate": False}},
    })  # fmt: skip
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logging.config.dictConfig(settings.LOGGING)
    logging.getLogger("vita").handlers.clear()
    logging.getLogger("vita").propagate = True


def test_each_response_carries_its_request_id(client):
    response = client.get("/")
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])

    given = uuid.uuid4().hex
    assert client.get("/", HTTP_X_REQUEST_ID=given)["X-Request-ID"] == given
    # Anything else a client sends is replaced.
    assert client.get("/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"] != "<script>"


def test_log_lines_are_json_with_their_request_id(client, json_log):
    response = client.post("/connexion/", {"username": "personne", "password": "non"})

    lines = json_log()
    failed = next(line for line in lines if line["message"].startswith("login failed"))
    assert failed["request_id"] == response["X-Request-ID"]
    assert failed["level"] == "WARNING" and failed["logger"] == "vita.audit"
    assert {"time", "message"} <= failed.keys()
