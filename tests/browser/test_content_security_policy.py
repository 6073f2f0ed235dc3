"""The Content Security Policy refuses inline scripts and styles: the site's pages and the
admin's must not need any (a refused script would silently break a page)."""

import pytest
from django.core.management import call_command

from tests import factories
from vita.reviews import report_error
from vita.roles import ANIMATEUR

pytestmark = pytest.mark.django_db(transaction=True)

# Runs in every page before its own scripts: keeps what the browser refuses.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', event => window.cspViolations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`));
"""


def test_no_page_needs_what_the_policy_refuses(live_server, page):
    call_command("load_territories", verbosity=0)  # transactional tests flush them
    card = factories.ExperienceCardFactory(title="Une régie de quartier à Rennes")
    fiche = factories.FicheFactory(code="R-01")
    factories.UserFactory(username="animatrice", groups=[ANIMATEUR], is_staff=True)
    point = report_error(card, what="Le porteur a changé de nom.")
    page.add_init_script(RECORD_VIOLATIONS)
    public = [
        "/", "/experiences/", "/experiences/?q=regie", card.get_absolute_url(),
        f"/manuel/{fiche.code}/", "/ressources/", "/recherche/?q=regie", "/connexion/",
        "/experiences/proposer/", f"{card.get_absolute_url()}signaler/",
    ]  # fmt: skip
    admin = [
        "/admin/", "/admin/experiences/experiencecard/",
        f"/admin/experiences/experiencecard/{card.pk}/change/",
        "/admin/experiences/experiencecard/add/",
        "/admin/organisations/organisation/import/",
        "/admin/organisations/organisation/export/",
        f"/admin/experiences/experiencecard/{card.pk}/history/",
        "/admin/vita/reviewpoint/", f"/admin/vita/reviewpoint/{point.pk}/change/",
    ]  # fmt: skip
    refused = {}
    for path in public:
        response = page.goto(live_server.url + path)
        assert "default-src 'self'" in response.headers["content-security-policy"]
        refused[path] = page.evaluate("window.cspViolations")
    page.goto(f"{live_server.url}/admin/")
    page.locator("#id_username").fill("animatrice")
    page.locator("#id_password").fill("mot-de-passe-de-test")
    page.locator("input[type=submit]").click()
    for path in admin:
        assert page.goto(live_server.url + path).status == 200
        refused[path] = page.evaluate("window.cspViolations")

    assert {path: found for path, found in refused.items() if found} == {}
