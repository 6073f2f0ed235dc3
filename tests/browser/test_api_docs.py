"""The API's documentation page in chromium: Swagger UI renders the schema from the
project's own files, under the Content Security Policy (nothing refused), and a reader
can try a list from it."""

import pytest
from django.core.management import call_command

from tests import factories
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.django_db(transaction=True)

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', event => window.cspViolations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`));
"""


def test_the_documentation_renders_under_the_policy_and_tries_a_list(live_server, page):
    call_command("load_territories", verbosity=0)  # transactional tests flush them
    card = factories.ExperienceCardFactory(title="Une régie de quartier à Rennes")
    page.add_init_script(RECORD_VIOLATIONS)
    elsewhere, errors = [], []
    page.on("request", lambda r: r.url.startswith(live_server.url) or elsewhere.append(r.url))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))

    response = page.goto(f"{live_server.url}/api/")

    assert page.url == f"{live_server.url}/api/v1/docs/"
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.get_by_role("heading", level=1, name="API publique").wait_for()
    operation = page.locator("#operations-experiences-experiences_list")
    operation.wait_for()
    assert page.locator(".opblock").count() >= 19  # every list and detail, the index
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "api-docs-1280.png", full_page=True)

    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()
    body = operation.locator(".live-responses-table .response-col_description pre").first
    body.wait_for()
    assert card.slug in body.inner_text()

    assert page.evaluate("window.cspViolations") == []
    assert errors == []
    assert elsewhere == []  # no CDN, no validator: every file is the project's


def test_the_documentation_fits_a_phone(live_server, browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.locator("#operations-experiences-experiences_list").wait_for()

    width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=ARTIFACTS / "api-docs-375.png", full_page=True)
    context.close()
    assert width <= 375
