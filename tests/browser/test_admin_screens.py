"""The animators' admin screens at 1280 px in a real browser: the preview of a large card
file and a record's history stay within the page, errors first, the unchanged rows
folded; nothing the Content Security Policy refuses. Screenshots in tests/artifacts/."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from experiences.card_spreadsheet import CardSheet
from experiences.models import ExperienceCard
from tests import factories
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_animator_journeys import _log_in_to_the_admin
from tests.browser.test_content_security_policy import RECORD_VIOLATIONS
from vita.models import PublicationStatus as Status
from vita.roles import ANIMATEUR
from vita.spreadsheets import FrenchCSV

pytestmark = pytest.mark.django_db(transaction=True)
WIDTH = 1280
STORY = (
    "Le garage solidaire répare à petit prix les voitures des salariés en insertion, "
    "qui en ont besoin pour aller travailler dans les communes rurales du pays. "
)


@pytest.fixture
def animator():
    call_command("load_territories", verbosity=0)  # transactional tests flush them
    call_command("sync_groups", verbosity=0)
    return factories.UserFactory(username="animatrice", groups=[ANIMATEUR], is_staff=True)


def _width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def _large_card_file(tmp_path):
    """A file as an animator sends one back: 40 cards exported, 5 of them edited, 300
    new cards with long texts, 3 rows in error."""
    for n in range(40):
        factories.ExperienceCardFactory(title=f"Fiche existante {n}", actions=STORY * 12)
    dataset = CardSheet().export(ExperienceCard.objects.order_by("pk"))
    headers = dataset.headers
    rows = [list(row) for row in dataset]
    story = headers.index("L'expérience")
    for row in rows[:5]:
        row[story] = row[story].replace("petit prix", "prix coûtant", 1)
    template = rows[0]
    for n in range(300):
        new = ["" for _ in headers]
        for column in (
            "Structure porteuse",
            "Région",
            "Département",
            "En bref",
            "Catégorie",
            "Statut",
        ):
            new[headers.index(column)] = template[headers.index(column)]
        new[headers.index("Titre")] = f"Nouvelle fiche {n}"
        new[story] = STORY * 10
        rows.append(new)
    for n in (100, 200, 300):
        rows[n][headers.index("Région")] = "Atlantide"
    dataset.wipe()
    dataset.headers = headers
    for row in rows:
        dataset.append(row)
    path = tmp_path / "fiches.csv"
    path.write_text(FrenchCSV().export_data(dataset), encoding="utf-8")
    return path


def test_the_preview_of_a_large_file_fits_the_page(live_server, page, animator, tmp_path):
    path = _large_card_file(tmp_path)
    page.add_init_script(RECORD_VIOLATIONS)
    _log_in_to_the_admin(page, live_server, animator)
    page.goto(f"{live_server.url}/admin/experiences/experiencecard/import/")

    page.locator("select[name=format]").select_option(label="csv")
    page.locator("input[name=import_file]").set_input_files(path)
    page.locator("input[type=submit]").click()

    expect(page.locator("#apercu")).to_contain_text(
        "340 lignes : 297 nouvelles, 5 modifiées, 35 inchangées, 3 en erreur."
    )
    errors = page.locator("table.import-errors")
    expect(errors).to_contain_text("« Atlantide » n'est pas une région connue.")
    expect(errors.locator("tbody tr")).to_have_count(6)
    # The errors come first, the unchanged rows are folded, new rows' cells too.
    order = page.evaluate(
        "[...document.querySelectorAll('#apercu table, #apercu details.import-unchanged')]"
        ".map(e => e.className)"
    )
    assert order[0] == "import-table import-errors", order
    assert page.locator("details.import-unchanged").get_attribute("open") is None
    sections = page.locator("details.import-section")
    # 5 changed rows shown; 297 new ones on demand.
    assert [sections.nth(n).get_attribute("open") for n in (0, 1)] == ["", None]
    expect(page.locator("details.import-unchanged summary")).to_have_text(
        "35 lignes inchangées : les afficher"
    )
    assert _width(page) <= WIDTH
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 3_000, height  # the errors and the 5 changed rows
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "admin-import-preview-1280.png")
    page.screenshot(path=ARTIFACTS / "admin-import-preview-full-1280.png", full_page=True)
    page.locator("table.import-updates").screenshot(
        path=ARTIFACTS / "admin-import-preview-changes-1280.png"
    )
    # Opened, a long new row and the unchanged list still fit.
    sections.nth(1).locator("summary").first.click()
    page.locator("table.import-new details summary").first.click()
    page.locator("details.import-unchanged summary").click()
    assert _width(page) <= WIDTH
    page.locator("table.import-new tbody tr").first.screenshot(
        path=ARTIFACTS / "admin-import-preview-new-row-1280.png"
    )
    page.locator("details.import-unchanged").screenshot(
        path=ARTIFACTS / "admin-import-preview-unchanged-1280.png"
    )
    assert page.evaluate("window.cspViolations") == []
    print(f"preview: {height} px tall, {_width(page)} px wide")


def test_the_history_and_a_restore_that_unpublishes(live_server, page, animator):
    card = factories.ExperienceCardFactory(
        title="Garage solidaire", status=Status.DRAFT, actions=STORY * 20
    )
    draft = card.history.first()
    card.actions = card.actions.replace("petit prix", "prix coûtant", 1)
    card.status = Status.PUBLISHED
    card.save()
    page.add_init_script(RECORD_VIOLATIONS)
    _log_in_to_the_admin(page, live_server, animator)

    page.goto(f"{live_server.url}/admin/experiences/experiencecard/{card.pk}/history/")

    changes = page.locator(".history-changes").first
    expect(changes).to_contain_text("Statut : Brouillon → Publiée")
    expect(changes.locator("del")).to_contain_text(["petit"])
    assert _width(page) <= WIDTH
    assert page.evaluate("window.cspViolations") == []
    page.screenshot(path=ARTIFACTS / "admin-history-1280.png", full_page=True)

    page.goto(f"{live_server.url}/admin/experiences/experiencecard/{card.pk}/history/{draft.pk}/")
    expect(page.locator(".restore-warning")).to_contain_text(
        "de « Publiée » à « Brouillon » : elle ne sera plus visible sur le site public"
    )
    page.screenshot(path=ARTIFACTS / "admin-restore-warning-1280.png")
    page.get_by_role("button", name="Restaurer cette version").first.click()
    card.refresh_from_db()
    assert card.status == Status.PUBLISHED  # the box is required: nothing sent
    page.get_by_label("Je confirme").check()
    page.get_by_role("button", name="Restaurer cette version").first.click()
    expect(page.locator(".messagelist")).to_be_visible()
    card.refresh_from_db()
    assert card.status == Status.DRAFT
    assert _width(page) <= WIDTH
    assert page.evaluate("window.cspViolations") == []


def test_the_export_and_account_pages_need_nothing_the_policy_refuses(live_server, page, animator):
    page.add_init_script(RECORD_VIOLATIONS)
    _log_in_to_the_admin(page, live_server, animator)

    page.goto(f"{live_server.url}/admin/experiences/experiencecard/export/")
    expect(page.locator("label", has_text="Structure porteuse")).to_have_count(1)
    page.get_by_label("Tout sélectionner").uncheck()
    assert page.locator(".selectable-field-export-row input:checked").count() == 0
    violations = page.evaluate("window.cspViolations")
    page.goto(f"{live_server.url}/admin/auth/user/add/")
    expect(page.get_by_label("Adresse e-mail")).to_be_visible()

    assert violations + page.evaluate("window.cspViolations") == []
