"""From a card to its source: the « Source » line opens the page of the document."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from playwright.sync_api import expect

from experiences.models import ExperienceCard
from sources.models import ImportedRecord
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def card():
    call_command("load_territories", verbosity=0)  # transactional tests flush them
    card = factories.ExperienceCardFactory(title="Une plate-forme de services à Angers")
    ImportedRecord.objects.create(
        document="000",
        content_type=ContentType.objects.get_for_model(ExperienceCard),
        key="experience-G3-1",
        object_id=card.pk,
        page=28,
    )
    return card


def test_follow_a_card_source_to_its_page_and_turn_the_page(live_server, page, card):
    page.goto(f"{live_server.url}{card.get_absolute_url()}")
    source = page.locator(".source-line")
    expect(source).to_have_text("Source : COORACE, Recueil d'expériences VITA (2008), p. 28")

    source.get_by_role("link").click()
    expect(page).to_have_url(f"{live_server.url}/documents/000/page/28/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page 28")
    expect(page.locator(".source-text")).to_contain_text("Sommaire | 28")
    expect(page.get_by_role("heading", name="Corrections du portail")).to_be_visible()

    page.get_by_role("link", name="Page 29 (numéro estimé) →").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Page 29 (numéro estimé)")


def test_the_reader_reads_on_a_phone_without_sideways_scrolling(live_server, page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/documents/000/page/99/")
    expect(page.locator(".source-text")).to_contain_text("[adresse masquée]")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
