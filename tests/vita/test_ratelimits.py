"""Whose address a rate limit counts."""

import pytest
from django.test import RequestFactory

from vita.ratelimits import client_ip


@pytest.mark.parametrize(
    ("header", "meta", "expected"),
    [
        ("", {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "10.0.0.1"),
        ("HTTP_X_FORWARDED_FOR", {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 1.2.3.4"}, "1.2.3.4"),
        ("HTTP_X_REAL_IP", {"HTTP_X_REAL_IP": "2001:db8::1"}, "2001:db8::1"),
        ("HTTP_X_FORWARDED_FOR", {"REMOTE_ADDR": "10.0.0.1"}, "10.0.0.1"),  # header absent
        ("HTTP_X_FORWARDED_FOR", {"HTTP_X_FORWARDED_FOR": "n'importe quoi"}, "127.0.0.1"),
    ],
)
def test_the_client_address(settings, header, meta, expected):
    settings.CLIENT_IP_HEADER = header
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1")
    request.META.update(meta)

    assert client_ip(request) == expected
