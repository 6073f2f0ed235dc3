"""The animators' side, in a real browser: a proposed card reviewed and published in the
admin, then found on the public list; a CSV imported in the admin, previewed, corrected
and confirmed."""

import re

import openpyxl
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from experiences import card_template
from organisations.models import Organisation
from tests import factories
from vita.roles import ANIMATEUR

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "mot-de-passe-de-test"  # noqa: S105 - tests.factories.UserFactory's


@pytest.fixture
def animator():
    call_command("load_territories", verbosity=0)  # transactional tests flush them
    return factories.UserFactory(username="animatrice", groups=[ANIMATEUR], is_staff=True)


def _log_in_to_the_admin(page, live_server, user):
    page.goto(f"{live_server.url}/admin/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_contain_text(user.username)


def test_a_proposed_card_is_published_by_an_animator_then_listed(
    live_server, page, animator, tmp_path
):
    # A partner downloads the template, fills in one card and sends it.
    page.goto(f"{live_server.url}/experiences/proposer/")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"Excel \(XLSX\)")).click()
    template = tmp_path / "modele.xlsx"
    download.value.save_as(template)
    workbook = openpyxl.load_workbook(template)
    sheet = workbook[card_template.SHEET]
    row = {
        "Titre *": "Une recyclerie à Quimper",
        "Structure porteuse *": "Recyclerie de Cornouaille",
        "Région *": "Bretagne",
        "L'expérience *": "Une recyclerie ouverte en 2020.",
    }
    for column, cell in enumerate(sheet[1], start=1):
        sheet.cell(row=2, column=column, value=row.get(cell.value))
    workbook.save(tmp_path / "fiches.xlsx")
    page.get_by_label("Votre nom et prénom").fill("Jeanne Martin")
    page.get_by_label("Votre adresse e-mail").fill("jeanne@example.org")
    page.get_by_label("Fichier Word (.docx) ou Excel (.xlsx)").set_input_files(
        tmp_path / "fiches.xlsx"
    )
    page.get_by_role("button", name="Envoyer le fichier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci pour votre proposition")
    page.goto(f"{live_server.url}/experiences/")
    expect(page.get_by_role("link", name="Une recyclerie à Quimper")).to_have_count(0)

    # An animator finds it among the cards in review, and publishes it.
    _log_in_to_the_admin(page, live_server, animator)
    page.goto(f"{live_server.url}/admin/experiences/experiencecard/?status__exact=in_review")
    card_row = page.locator("#result_list tr", has_text="Une recyclerie à Quimper")
    expect(card_row).to_contain_text("En relecture")
    card_row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option(label="Publier")
    page.locator("button[name=index]").click()
    page.get_by_role("button", name="Confirmer : publier").click()
    expect(page.locator(".messagelist")).to_contain_text("1")

    # Everyone now finds it on the public list.
    page.goto(f"{live_server.url}/experiences/?q=recyclerie")
    page.get_by_role("link", name="Une recyclerie à Quimper").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Une recyclerie à Quimper")


def test_an_animator_imports_a_csv_previewed_corrected_then_confirmed(
    live_server, page, animator, tmp_path
):
    wrong = tmp_path / "structures.csv"
    wrong.write_text(
        "Nom;Commune;Département\nRégie de quartier de Rennes;Rennes;35\n"
        "Atelier Vélo Solidaire;Brest;999\n",
        encoding="utf-8-sig",
    )
    _log_in_to_the_admin(page, live_server, animator)
    page.goto(f"{live_server.url}/admin/organisations/organisation/import/")

    page.locator("select[name=format]").select_option(label="csv")
    page.locator("input[name=import_file]").set_input_files(wrong)
    page.locator("input[type=submit]").click()

    expect(page.locator("body")).to_contain_text("« 999 » n'est pas un code de département connu.")
    assert not Organisation.objects.filter(name="Régie de quartier de Rennes").exists()

    right = tmp_path / "structures-corrige.csv"
    right.write_text(wrong.read_text(encoding="utf-8-sig").replace("999", "29"), "utf-8-sig")
    page.locator("select[name=format]").select_option(label="csv")
    page.locator("input[name=import_file]").set_input_files(right)
    page.locator("input[type=submit]").click()
    expect(page.locator("body")).to_contain_text("Atelier Vélo Solidaire")
    assert not Organisation.objects.filter(name="Atelier Vélo Solidaire").exists()  # a preview

    page.locator("input[name=confirm]").click()

    expect(page.locator(".messagelist")).to_be_visible()
    velo = Organisation.objects.get(name="Atelier Vélo Solidaire")
    assert velo.departement.code == "29"
    assert Organisation.objects.filter(name="Régie de quartier de Rennes").exists()
