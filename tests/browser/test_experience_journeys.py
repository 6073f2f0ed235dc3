"""Finding experience cards as a person does, with and without JavaScript."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from territories.models import Region
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cards():
    """Atelier A2 in Bretagne and in the Hauts-de-France, atelier A1 in Bretagne."""
    # Transactional tests flush the tables, reference territories included.
    call_command("load_territories", verbosity=0)
    a1 = factories.WorkingGroupFactory(code="A1", name="Développement d'activités")
    a2 = factories.WorkingGroupFactory(code="A2", name="Alliances stratégiques")
    made = []
    for title, group, region, departement in [
        ("Une régie de quartier à Rennes", a2, "53", "35"),
        ("Un chantier d'insertion à Brest", a1, "53", "29"),
        ("Des clauses sociales à Lille", a2, "32", "59"),
    ]:
        card = factories.ExperienceCardFactory(
            title=title, region=Region.objects.get(code=region), departements=[departement]
        )
        factories.CardListingFactory(card=card, working_group=group)
        made.append(card)
    return made


def test_filters_update_the_results_in_place_and_the_url_follows(live_server, page, cards):
    page.goto(live_server.url)
    # The région on the map (its link is the shape, named with its count).
    page.locator(".france-map").get_by_role("link", name="Bretagne : 2 fiches").click()
    expect(page.locator(".search__count")).to_have_text("2 fiches")

    page.get_by_label(re.compile(r"^A2 — Alliances stratégiques")).check()

    expect(page.locator(".search__count")).to_have_text("1 fiche")
    expect(page).to_have_url(re.compile(r"groupe=A2"))
    expect(page).to_have_url(re.compile(r"region=53"))
    page.get_by_role("link", name="Une régie de quartier à Rennes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Une régie de quartier à Rennes")
    page.go_back()
    expect(page.locator(".search__count")).to_have_text("1 fiche")
    expect(page.get_by_label(re.compile(r"^A2 — Alliances stratégiques"))).to_be_checked()


def test_the_filter_form_works_without_javascript(
    live_server, page, page_without_javascript, cards
):
    def filter_and_read_results(page):
        page.goto(f"{live_server.url}/experiences/")
        expect(page.locator(".search__count")).to_have_text("3 fiches")
        page.get_by_label(re.compile(r"^A2 — Alliances stratégiques")).check()
        page.get_by_label(re.compile(r"^Bretagne")).check()
        page.get_by_role("button", name="Afficher les fiches").click()
        expect(page.locator(".search__count")).to_have_text("1 fiche")
        expect(page).to_have_url(re.compile(r"groupe=A2.*region=53"))
        return page.locator(".card-item__title").all_inner_texts()

    without_javascript = filter_and_read_results(page_without_javascript)

    assert without_javascript == ["Une régie de quartier à Rennes"]
    assert filter_and_read_results(page) == without_javascript


def test_a_search_from_the_home_page(live_server, page, cards):
    page.goto(live_server.url)
    page.get_by_label("Rechercher une expérience").fill("clauses")
    page.get_by_role("button", name="Rechercher").click()

    expect(page.locator(".search__count")).to_have_text("1 fiche")
    expect(page.get_by_role("link", name="Des clauses sociales à Lille")).to_be_visible()


def test_a_misspelt_search_is_corrected_and_a_result_opened(live_server, page, cards):
    page.goto(f"{live_server.url}/experiences/")
    page.get_by_label("Mots-clés").fill("clauzes")
    page.get_by_role("button", name="Afficher les fiches").click()

    expect(page.locator(".suggestion")).to_contain_text("Vouliez-vous dire")
    expect(page.locator(".suggestion")).to_contain_text("« clauses »")
    page.get_by_role("link", name="Des clauses sociales à Lille").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Des clauses sociales à Lille")


def test_a_territory_is_found_by_typing_its_name(live_server, page, cards):
    page.goto(f"{live_server.url}/experiences/")
    page.get_by_label("Aller à un territoire").fill("finistere")
    page.get_by_role("link", name="Finistère (29)").click()

    expect(page).to_have_url(re.compile(r"departement=29"))
    expect(page.locator(".search__count")).to_have_text("1 fiche")


def test_a_town_leads_to_its_departement_and_a_former_region_to_its_departements(
    live_server, page, cards
):
    page.goto(f"{live_server.url}/experiences/")
    finder = page.get_by_label("Aller à un territoire")
    finder.fill("saint etienne")
    expect(page.locator("#lieux li").first).to_have_text(
        "Saint-Étienne → Loire (42), Auvergne-Rhône-Alpes"
    )
    finder.fill("rennes")
    page.locator("#lieux li").first.get_by_role("link", name="Ille-et-Vilaine (35)").click()

    expect(page).to_have_url(re.compile(r"departement=35"))
    expect(page.locator(".search__count")).to_have_text("1 fiche")

    page.get_by_label("Aller à un territoire").fill("nord-pas-de-calais")
    page.get_by_role("link", name="Nord-Pas-de-Calais (ancienne région)").click()

    expect(page).to_have_url(re.compile(r"departement=59&departement=62"))
    expect(page.get_by_role("link", name="Des clauses sociales à Lille")).to_be_visible()
