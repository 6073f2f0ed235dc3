"""An alert on a search in a real browser (issue 24): a partner searches the cards of her
région, asks « M'alerter des nouvelles fiches », confirms from the e-mail, gets the next
alert — only the card published since — from the scheduler and the real worker, and
unsubscribes from the alert's own link."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone
from playwright.sync_api import expect

from experiences.models import ExperienceCard
from territories.models import Region
from tests import factories
from tests.browser.conftest import screenshot
from vita import workflow
from vita.models import PublicationStatus, Subscription
from vita.scheduling import registered_jobs, run_due_jobs

pytestmark = pytest.mark.django_db(transaction=True)


def _link(message, path: str) -> str:
    return re.search(rf"https?://\S+({path}\S+/)", message.body).group(1)


def test_a_partner_follows_a_search_by_e_mail_and_unsubscribes_in_one_click(
    live_server, page, settings
):
    call_command("load_territories", verbosity=0)  # transactional tests flush them
    settings.SITE_URL = live_server.url
    hauts_de_france = Region.objects.get(code="32")
    factories.ExperienceCardFactory(
        title="Une régie de quartier à Roubaix",
        region=hauts_de_france,
        published_at=timezone.now() - timedelta(days=30),
    )
    factories.ExperienceCardFactory(title="Un chantier d'insertion à Brest")  # Bretagne

    # She narrows the list to her région and asks for the alert under the results.
    page.goto(live_server.url + "/experiences/")
    page.get_by_role("checkbox", name=re.compile("Hauts-de-France")).check()
    expect(page).to_have_url(re.compile(r"region=32"))
    expect(page.get_by_text("1 fiche", exact=True)).to_be_visible()
    follow = page.locator("#suivre")
    expect(follow.get_by_role("heading", name="Suivre cette recherche")).to_be_visible()
    expect(follow.get_by_role("link", name="Flux Atom des nouvelles fiches")).to_have_attribute(
        "href", "/experiences/flux.atom?region=32"
    )
    follow.get_by_label("M'alerter des nouvelles fiches par e-mail").fill("lea.martin.example.org")
    follow.get_by_label("Chaque jour").check()
    screenshot(page, "alert-search-list")
    follow.get_by_role("button", name="M'alerter des nouvelles fiches").click()

    # A mistyped address: the alert's own page says so, and names the search.
    expect(page.get_by_role("heading", level=1)).to_have_text("M'alerter des nouvelles fiches")
    expect(page.get_by_text("Cette adresse e-mail n'est pas valide").first).to_be_visible()
    expect(page.get_by_text("Région : Hauts-de-France")).to_be_visible()
    screenshot(page, "alert-refused")
    assert not Subscription.objects.exists()
    page.get_by_label("Votre adresse e-mail").fill("lea.martin@example.org")
    page.get_by_label("Chaque jour").check()
    page.get_by_role("button", name="M'alerter des nouvelles fiches").click()
    expect(page.get_by_text("un e-mail vient d'y être envoyé")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/experiences/\?region=32$"))

    # She confirms from the e-mail.
    (confirmation,) = mail.outbox
    assert "Nouvelles fiches — Région : Hauts-de-France" in confirmation.subject
    page.goto(live_server.url + _link(confirmation, "/abonnements/confirmer/"))
    expect(page.get_by_text("Nouvelles fiches — Région : Hauts-de-France")).to_be_visible()
    screenshot(page, "alert-confirm")
    page.get_by_role("button", name="Confirmer mon abonnement").click()
    expect(page.get_by_role("heading", name="Abonnement confirmé")).to_be_visible()
    screenshot(page, "alert-confirmed")
    alert = Subscription.objects.get()
    assert (alert.state, alert.parameters, alert.frequency) == ("active", "region=32", "daily")

    # A day later, an animator publishes a new card of the région, and one elsewhere.
    Subscription.objects.update(confirmed_at=timezone.now() - timedelta(days=1))
    new = factories.ExperienceCardFactory(
        title="Un garage solidaire à Lens",
        region=hauts_de_france,
        status=PublicationStatus.DRAFT,
        published_at=None,
    )
    elsewhere = factories.ExperienceCardFactory(
        title="Une recyclerie à Quimper", status=PublicationStatus.DRAFT, published_at=None
    )
    animator = factories.UserFactory(username="animatrice", is_staff=True, is_superuser=True)
    workflow.apply([new, elsewhere], "publish", animator)
    # The next morning: the cards were published in the night (an alert's period ends a
    # few minutes behind its run, vita.subscriptions.services.settled_until).
    ExperienceCard.objects.filter(pk__in=[new.pk, elsewhere.pk]).update(
        published_at=F("published_at") - timedelta(hours=8)
    )

    # The scheduler's morning run queues the alerts; the worker sends them.
    (job,) = [job for job in registered_jobs() if job.name == "search-alerts"]
    run_due_jobs(timezone.now(), [job])
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    (alert_mail,) = mail.outbox[1:]
    assert alert_mail.to == ["lea.martin@example.org"]
    assert alert_mail.subject == "[VITA] 1 nouvelle fiche — Région : Hauts-de-France"
    assert "Un garage solidaire à Lens" in alert_mail.body
    assert "Roubaix" not in alert_mail.body and "Quimper" not in alert_mail.body

    # The card's link leads to it.
    page.goto(live_server.url + _link(alert_mail, "/experiences/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Un garage solidaire à Lens")

    # She unsubscribes from the alert's link: one click.
    page.goto(live_server.url + _link(alert_mail, "/abonnements/desabonnement/"))
    expect(page.get_by_text("Nouvelles fiches — Région : Hauts-de-France")).to_be_visible()
    screenshot(page, "alert-unsubscribe")
    page.get_by_role("button", name="Me désabonner").click()
    expect(page.get_by_role("heading", name="Vous êtes désabonné")).to_be_visible()
    screenshot(page, "alert-unsubscribed")
    assert Subscription.objects.get().state == "unsubscribed"
