"""« Signaler une erreur » then « Points à vérifier », in a real browser: a reader reports
an error on a card, an animator finds it from the admin's home and settles it."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import run_axe, screenshot
from vita.models import ReviewPoint
from vita.roles import ANIMATEUR

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "mot-de-passe-de-test"  # noqa: S105 - tests.factories.UserFactory's
WHAT = "Le porteur a changé de nom en 2012 : c'est désormais « Régie Rennes Nord »."
SERIOUS = {"serious", "critical"}


@pytest.fixture
def card():
    call_command("load_territories", verbosity=0)  # transactional tests flush them
    return factories.ExperienceCardFactory(title="Une régie de quartier à Rennes")


def _serious(violations) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in SERIOUS
    ]


def test_a_reader_reports_an_error_and_an_animator_settles_it(
    live_server, checked_page, axe_source, card
):
    page = checked_page
    animator = factories.UserFactory(username="animatrice", groups=[ANIMATEUR], is_staff=True)

    # A reader finds something wrong on the card, and says so.
    page.goto(live_server.url + card.get_absolute_url())
    page.get_by_role("link", name="Signaler une erreur").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaler une erreur")
    assert _serious(run_axe(page, axe_source)) == []
    screenshot(page, "signaler-une-erreur")
    page.get_by_label("Votre adresse e-mail").fill("lectrice@example.org")
    page.get_by_role("button", name="Envoyer le signalement").click()  # what is wrong: missing
    expect(page.get_by_role("alert")).to_contain_text("Dites-nous ce qui ne va pas")
    assert not ReviewPoint.objects.exists()
    assert _serious(run_axe(page, axe_source)) == []
    screenshot(page, "signaler-une-erreur-incomplet")
    page.get_by_role("link", name="Ce qui est inexact ou manque").click()  # to the field
    expect(page.get_by_label("Ce qui est inexact ou manque")).to_be_focused()
    page.keyboard.type(WHAT)
    page.get_by_label("Où, sur la page").fill("Porteur")
    page.get_by_role("button", name="Envoyer le signalement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(card.title)
    expect(page.get_by_role("status")).to_contain_text("Merci : votre signalement est transmis")
    point = ReviewPoint.objects.get()
    assert (point.record, point.where, point.email) == (card, "Porteur", "lectrice@example.org")

    # An animator sees it from the admin's home, and settles it.
    page.goto(f"{live_server.url}/admin/")
    page.locator("#id_username").fill(animator.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.locator("#points-a-verifier")).to_contain_text("1 point à vérifier")
    screenshot(page, "admin-accueil")
    page.get_by_role("link", name="1 point à vérifier").click()
    row = page.locator("#result_list tbody tr", has_text="Le porteur a changé de nom")
    expect(row).to_contain_text("Une régie de quartier à Rennes")
    expect(row).to_contain_text("Signalement")
    screenshot(page, "admin-points-a-verifier")
    page.goto(f"{live_server.url}/admin/experiences/experiencecard/{card.pk}/change/")
    expect(page.locator("fieldset", has_text="Points à vérifier")).to_contain_text(WHAT)
    screenshot(page, "admin-fiche-avec-points")
    page.get_by_role("link", name=WHAT).click()
    expect(page.get_by_role("button", name="Marquer comme réglé")).to_be_visible()
    screenshot(page, "admin-point-a-verifier")
    page.go_back()
    page.go_back()
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option(label="Marquer comme réglé")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("1 point(s) marqué(s) comme réglé(s).")
    point.refresh_from_db()
    assert (point.status, point.closed_by) == ("closed", animator)

    # The card's own list says it has nothing left to check.
    page.goto(f"{live_server.url}/admin/experiences/experiencecard/?points=oui")
    expect(page.locator("#result_list")).to_have_count(0)
    page.goto(f"{live_server.url}/admin/experiences/experiencecard/?points=non")
    expect(page.locator("#result_list")).to_contain_text("Une régie de quartier à Rennes")


def test_a_report_needs_no_javascript(live_server, page_without_javascript, card):
    page = page_without_javascript

    page.goto(live_server.url + card.get_absolute_url())
    page.get_by_role("link", name="Signaler une erreur").click()
    page.get_by_label("Ce qui est inexact ou manque").fill(WHAT)
    page.get_by_role("button", name="Envoyer le signalement").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(card.title)
    expect(page.get_by_role("status")).to_contain_text("Merci : votre signalement est transmis")
    assert ReviewPoint.objects.get().record == card
