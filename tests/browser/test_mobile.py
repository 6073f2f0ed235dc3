"""The portal on a phone: no page wider than the screen, the filter drawer, the menu."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS
from tests.browser.test_experience_journeys import cards  # noqa: F401 (a fixture)
from tests.public_pages import public_page_urls, public_site

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_without_javascript(browser):
    context = browser.new_context(locale="fr-FR", viewport=PHONE, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_no_public_page_is_wider_than_a_phone(live_server, phone):
    urls = public_page_urls(public_site())
    assert len(urls) >= 30

    too_wide = {}
    for name, url in urls.items():
        response = phone.goto(live_server.url + url)
        assert response.status < 400, (name, url, response.status)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[name] = (url, width)

    assert too_wide == {}


def _is_whole(page) -> None:
    """A page brought back by « Back »: it scrolls, and nothing in it is inert."""
    assert page.evaluate("document.body.classList.contains('has-drawer')") is False
    assert page.evaluate("document.querySelectorAll('[inert]').length") == 0


def _results_top(page) -> float:
    return page.locator(".card-item").first.bounding_box()["y"]


def test_on_a_phone_the_results_come_first_and_the_filters_open_in_a_drawer(
    live_server,
    phone,
    cards,  # noqa: F811
):
    phone.goto(f"{live_server.url}/experiences/")
    drawer = phone.locator("#filtres")
    expect(drawer).to_be_hidden()
    assert _results_top(phone) < PHONE["height"]  # the first result on the first screen

    phone.get_by_role("button", name="Filtrer").click()
    expect(drawer).to_be_visible()
    expect(drawer).to_have_attribute("role", "dialog")
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=ARTIFACTS / "liste-tiroir-des-filtres-375.png")
    phone.get_by_label(re.compile(r"^Bretagne")).check()
    phone.get_by_label(re.compile(r"^A2 — Alliances stratégiques")).check()
    # Ticking waits for « Afficher »: the list behind the drawer has not changed yet.
    phone.wait_for_timeout(400)
    expect(phone.locator(".search__count")).to_have_text("3 fiches")
    phone.get_by_role("button", name="Afficher les fiches").click()

    expect(drawer).to_be_hidden()
    expect(phone.locator(".search__count")).to_have_text("1 fiche")
    expect(phone.locator(".search__count")).to_be_focused()
    assert re.search(r"\?region=53&groupe=A2$|\?groupe=A2&region=53$", phone.url), phone.url
    expect(phone.get_by_role("button", name=re.compile(r"^Filtrer \(2"))).to_be_visible()

    phone.go_back()
    expect(phone.locator(".search__count")).to_have_text("3 fiches")
    expect(drawer).to_be_hidden()
    _is_whole(phone)


def test_the_drawer_stays_whole_while_the_territory_finder_answers_and_after_back(
    live_server,
    phone,
    cards,  # noqa: F811
):
    phone.goto(f"{live_server.url}/experiences/")
    phone.goto(f"{live_server.url}/experiences/?region=53")
    phone.get_by_role("button", name=re.compile(r"^Filtrer")).click()
    drawer = phone.locator("#filtres")

    phone.get_by_label("Aller à un territoire").press_sequentially("Bretagne")
    expect(phone.locator("#lieux")).to_contain_text("Bretagne")
    expect(drawer).to_have_attribute("role", "dialog")
    expect(phone.get_by_label("Aller à un territoire")).to_be_focused()
    assert phone.evaluate("document.body.classList.contains('has-drawer')")

    phone.go_back()  # Android's way to close it
    expect(phone.locator(".search__count")).to_have_text("3 fiches")
    _is_whole(phone)


def test_the_drawer_works_without_javascript(
    live_server,
    phone_without_javascript,
    cards,  # noqa: F811
):
    page = phone_without_javascript
    page.goto(f"{live_server.url}/experiences/")
    expect(page.locator("#filtres")).to_be_hidden()

    page.get_by_role("link", name="Filtrer").click()
    expect(page.locator("#filtres")).to_be_visible()
    page.get_by_label(re.compile(r"^Bretagne")).check()
    page.get_by_role("button", name="Afficher les fiches").click()

    expect(page.locator(".search__count")).to_have_text("2 fiches")
    expect(page.locator("#filtres")).to_be_hidden()
    page.get_by_role("link", name=re.compile(r"^Filtrer \(1")).click()
    page.get_by_role("link", name="Fermer les filtres").click()
    expect(page.locator("#filtres")).to_be_hidden()


def test_the_menu_and_the_drawer_are_used_with_the_keyboard(
    live_server,
    phone,
    cards,  # noqa: F811
):
    phone.goto(f"{live_server.url}/experiences/")
    navigation = phone.locator("#navigation")
    expect(navigation).to_be_hidden()

    menu = phone.get_by_role("button", name="Menu")
    menu.focus()
    phone.keyboard.press("Enter")
    expect(navigation).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "true")
    phone.keyboard.press("Tab")
    expect(navigation.get_by_role("link", name="Expériences")).to_be_focused()
    phone.keyboard.press("Escape")
    expect(navigation).to_be_hidden()
    expect(menu).to_be_focused()

    # One panel at a time: the drawer opened over the menu closes it, Escape closes it.
    menu.click()
    expect(navigation).to_be_visible()
    toggle = phone.get_by_role("button", name="Filtrer")
    toggle.focus()
    phone.keyboard.press("Enter")
    expect(navigation).to_be_hidden()
    close = phone.get_by_role("button", name="Fermer les filtres")
    expect(close).to_be_focused()
    # The page behind the open drawer is out of reach: Tab stays in the drawer.
    for _ in range(12):
        phone.keyboard.press("Tab")
        assert phone.evaluate("document.querySelector('#filtres').contains(document.activeElement)")
    phone.keyboard.press("Escape")
    expect(phone.locator("#filtres")).to_be_hidden()
    expect(toggle).to_be_focused()


def test_htmx_pushes_no_empty_parameter(live_server, page, cards):  # noqa: F811
    page.goto(f"{live_server.url}/experiences/")
    page.get_by_label(re.compile(r"^Bretagne")).check()

    expect(page.locator(".search__count")).to_have_text("2 fiches")
    assert page.url.endswith("/experiences/?region=53"), page.url
