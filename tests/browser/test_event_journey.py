"""A Rencontre in a real browser (issue 23): a partner finds it on the home page,
registers, downloads its iCal file from her registration's page, then cancels; the first
person waiting gets her place and is told."""

import re
from datetime import timedelta
from pathlib import Path

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Registration
from tests import factories
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def rencontre():
    call_command("load_territories", verbosity=0)  # transactional tests flush them
    card = factories.ExperienceCardFactory(title="Un garage solidaire à Vitré")
    event = factories.EventFactory(
        title="Rencontres nationales VITA : la mobilité",
        starts_at=timezone.now() + timedelta(days=21),
        place="Couvent des Jacobins, Rennes",
        capacity=2,
    )
    part = factories.EventPartFactory(
        event=event, title="Table ronde : se déplacer pour travailler"
    )
    factories.EventSpeakerFactory(part=part, person__first_name="Inès", person__last_name="Morel")
    part.cards.add(card)
    factories.RegistrationFactory(event=event, name="Paul Durand")
    return event


def test_a_partner_registers_for_a_rencontre_downloads_its_ical_file_and_cancels(
    live_server, page, browser, rencontre
):
    event = rencontre

    # From the home page to the event: one place left.
    page.goto(live_server.url)
    page.get_by_role("link", name=event.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    expect(page.get_by_text("1 place restante").first).to_be_visible()
    expect(page.get_by_text("Inès Morel")).to_be_visible()

    # She registers.
    page.get_by_role("link", name="S'inscrire").click()
    page.get_by_label("Prénom et nom").fill("Léa Martin")
    page.get_by_label("Adresse e-mail").fill("lea.martin@example.org")
    page.get_by_label("Structure (facultatif)").fill("AI du Pays de Vitré")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="M'inscrire").click()
    expect(page.get_by_role("heading", name="Votre place est réservée")).to_be_visible()
    screenshot(page, "event-registration")
    confirmation = next(m for m in mail.outbox if m.to == ["lea.martin@example.org"])
    assert "Inscription confirmée" in confirmation.subject

    # Someone else now finds the event full and waits.
    other = browser.new_context(locale="fr-FR").new_page()
    other.goto(live_server.url + event.get_absolute_url())
    expect(other.get_by_text("Complet : liste d'attente").first).to_be_visible()
    other.get_by_label("Prénom et nom").fill("Nadia Benali")
    other.get_by_label("Adresse e-mail").fill("nadia.benali@example.org")
    other.locator("#id_consent").check()
    other.get_by_role("button", name="M'inscrire sur la liste d'attente").click()
    expect(other.get_by_text("En liste d'attente, position 1")).to_be_visible()
    other.context.close()

    # Léa comes back by the link of her e-mail and downloads the iCal file.
    link = re.search(r"https?://\S+(/rencontres/inscription/\S+/)", confirmation.body).group(1)
    page.goto(live_server.url + link)
    with page.expect_download() as download:
        page.get_by_role("link", name="Ajouter à mon agenda (.ics)").click()
    assert download.value.suggested_filename == f"{event.slug}.ics"
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    [entry] = calendar.walk("VEVENT")
    assert entry["SUMMARY"] == event.title
    assert entry["LOCATION"] == "Couvent des Jacobins, Rennes"

    # She cancels: her place goes to Nadia, who is told.
    page.get_by_role("button", name="Annuler mon inscription").click()
    expect(page.get_by_text("Votre inscription est annulée.")).to_be_visible()
    expect(page.get_by_role("heading", name="Inscription annulée")).to_be_visible()
    screenshot(page, "event-cancelled-registration")
    assert Registration.objects.get(email="lea.martin@example.org").status == "annule"
    assert Registration.objects.get(email="nadia.benali@example.org").status == "inscrit"
    freed = [m for m in mail.outbox if m.to == ["nadia.benali@example.org"]]
    assert any("Une place s'est libérée" in m.subject for m in freed)
