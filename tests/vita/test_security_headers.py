"""What every response tells the browser to refuse, and how accounts are protected."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db


def _directives(header: str) -> dict[str, list[str]]:
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


# The last: the 400 page of a refused character (vita.middleware), answered before any view.
@pytest.mark.parametrize(
    "path", ["/", "/experiences/", "/connexion/", "/admin/login/", "/experiences/?q=%00"]
)
def test_every_page_carries_the_security_headers(client, path):
    response = client.get(path)

    policy = _directives(response.headers["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval'
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'self'"] and policy["base-uri"] == ["'self'"]
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_no_template_of_the_site_has_an_inline_script_or_style():
    """What the policy would refuse: inline scripts and event handlers, style attributes
    and elements (a JSON-LD data block is not run: allowed)."""
    import re

    found = []
    for template in (settings.BASE_DIR / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for pattern in (r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>",
                        r"\son[a-z]+=", r"\sstyle=", r"<style"):  # fmt: skip
            found += [f"{template.name}: {match}" for match in re.findall(pattern, text)]
    assert found == []


def test_passwords_are_twelve_characters_at_least_and_not_common():
    with pytest.raises(ValidationError, match="12 caractères"):
        validate_password("Court-7x!")
    with pytest.raises(ValidationError):
        validate_password("qwerty123456")  # on the common passwords' list
    validate_password("Une phrase de passe longue")


def test_a_session_lasts_a_working_day():
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY
