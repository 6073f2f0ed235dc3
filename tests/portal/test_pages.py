"""The site's own pages: home, health check, error pages, every named URL."""

import pytest
from django.db import OperationalError, connection
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse

from tests.html import count_tags, parse
from vita import urls as site_urls

pytestmark = pytest.mark.django_db


def test_home_page_is_french_with_landmarks_and_skip_link(client):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    page = parse(response.content)
    assert page.attributes["html"][0]["lang"] == "fr"
    assert page.counts.get("header") == 1
    assert page.counts.get("main") == 1
    assert page.counts.get("footer") == 1
    skip_link = page.attributes["a"][0]
    assert skip_link["href"] == "#contenu"
    assert page.attributes["main"][0]["id"] == "contenu"
    assert "Centre de ressources VITA" in response.content.decode()


def test_static_files_are_served_by_the_project(client):
    response = client.get("/static/css/site.css")

    assert response.status_code == 200
    assert b"--color-primary" in b"".join(response.streaming_content)


def test_healthz_reports_the_database(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json() == {"database": "unavailable"}


def test_unknown_page_gives_the_french_404(client):
    response = client.get("/cette-page-n-existe-pas/")

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert count_tags(response.content, "h1") == 1


def _failing_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _failing_view), *site_urls.urlpatterns]


@pytest.mark.urls("tests.portal.test_pages")
def test_server_error_gives_the_french_500(client):
    client.raise_request_exception = False

    response = client.get("/boom/")

    assert response.status_code == 500
    assert "Une erreur est survenue" in response.content.decode()
    assert count_tags(response.content, "h1") == 1


def _named_urls_without_arguments(resolver=None, namespace=None):
    """Every named URL of the project's own URLconf that takes no argument."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":  # Django's, not ours
                continue
            yield from _named_urls_without_arguments(pattern, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.regex.groups:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


# JSON endpoints that need parameters: tested on their own (test_name_lookup); logging
# out is a POST (test_library_files logs in); « Mon espace » needs a login
# (test_history_and_members), and so do its data and its account's deletion (test_my_data),
# and its « Me désabonner de tout », a POST (tests/vita/test_subscriptions).
NOT_PAGES = {"name_lookup", "logout", "my_space", "my_data", "delete_account",
             "subscriptions:unsubscribe_all"}  # fmt: skip
NAMED_URLS = sorted(set(_named_urls_without_arguments()) - NOT_PAGES)


def test_the_url_walk_sees_the_site_pages():
    assert {"home", "healthz"} <= set(NAMED_URLS)


@pytest.mark.parametrize("name", NAMED_URLS)
def test_every_named_url_answers_with_exactly_one_h1(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    if response["Content-Type"].startswith("text/html"):
        assert count_tags(response.content, "h1") == 1
