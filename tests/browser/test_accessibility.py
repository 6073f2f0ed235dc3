"""Accessibility of the main pages (axe-core: no serious or critical violation), keyboard
use of the filters, and screenshots at 1280 and 375 pixels for a reviewer."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from territories.models import Region
from tests import factories
from tests.browser.conftest import run_axe, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

SERIOUS = {"serious", "critical"}


@pytest.fixture
def site():
    call_command("load_territories", verbosity=0)  # transactional tests flush them
    group = factories.WorkingGroupFactory(code="A2", name="Alliances stratégiques")
    cards = []
    for title, region, departement in [
        ("Une régie de quartier à Rennes", "53", "35"),
        ("Des clauses sociales à Lille", "32", "59"),
    ]:
        card = factories.ExperienceCardFactory(
            title=title,
            region=Region.objects.get(code=region),
            departements=[departement],
            context="## Le contexte\n\nUn quartier prioritaire.",
        )
        factories.CardListingFactory(card=card, working_group=group)
        factories.FreinFactory(card=card, text="La mobilité des salariés.")
        factories.LevierFactory(card=card, text="Un garage solidaire.")
        cards.append(card)
    fiche = factories.FicheFactory(code="R-01")
    factories.FicheBlockFactory(fiche=fiche)
    factories.FicheKeyPointFactory(fiche=fiche)
    resource = factories.ResourceFactory(title="Guide de la mobilité solidaire")
    return {"card": cards[0], "fiche": fiche, "group": group, "resource": resource}


PAGES = {
    "accueil": lambda site: "/",
    "liste": lambda site: "/experiences/?region=53",
    "fiche": lambda site: site["card"].get_absolute_url(),
    "fiche-du-manuel": lambda site: f"/manuel/{site['fiche'].code}/",
    "bibliotheque": lambda site: "/ressources/",
    "recherche": lambda site: "/recherche/?q=mobilité",
    "connexion": lambda site: "/connexion/",
    "groupes": lambda site: "/groupes/",
    "groupe": lambda site: f"/groupes/{site['group'].code}/",
    "structures": lambda site: "/structures/",
    "structure": lambda site: site["card"].porteur.get_absolute_url(),
    "ressource": lambda site: site["resource"].get_absolute_url(),
    "manuel": lambda site: "/manuel/",
    "proposer": lambda site: "/experiences/proposer/",
    "donnees-personnelles": lambda site: "/donnees-personnelles/",
    "accessibilite": lambda site: "/accessibilite/",
}


@pytest.mark.parametrize("name", PAGES)
def test_the_main_pages_have_no_serious_accessibility_violation(
    live_server, checked_page, axe_source, site, name
):
    page = checked_page
    response = page.goto(live_server.url + PAGES[name](site))
    assert response.status == 200
    if name == "liste":  # every facet open, as a person exploring them sees it
        page.eval_on_selector_all("details.facet", "all => all.forEach(d => d.open = true)")

    violations = run_axe(page, axe_source)
    screenshot(page, name)

    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in SERIOUS
    ]
    assert serious == []


def _tab_to(page, reached: str, what: str, presses: int = 400) -> None:
    """Press Tab until the JavaScript condition `reached` holds for the focused element."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate(f"(element => {reached})(document.activeElement)"):
            return
    pytest.fail(f"{what} cannot be reached with the Tab key")


def test_the_filters_and_results_work_with_the_keyboard_alone(live_server, page, site):
    page.goto(f"{live_server.url}/experiences/")
    expect(page.locator(".search__count")).to_have_text("2 fiches")

    # The Bretagne checkbox, checked with the space bar.
    _tab_to(page, "element.id === 'f-region-53'", "the Bretagne filter")
    page.keyboard.press("Space")
    expect(page.locator(".search__count")).to_have_text("1 fiche")

    # Then on to the first result, opened with Enter.
    _tab_to(page, "element.textContent === 'Une régie de quartier à Rennes'", "the result")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Une régie de quartier à Rennes")
