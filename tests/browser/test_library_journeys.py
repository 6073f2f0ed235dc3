"""The library and « Proposer une expérience », as partners use them, in a real browser."""

import io
import re

import openpyxl
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from experiences import card_template
from experiences.models import ExperienceCard
from resources.models import AccessLevel
from tests import factories, files
from vita.models import PublicationStatus
from vita.roles import MEMBRE

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def library():
    call_command("load_territories", verbosity=0)  # transactional tests flush them
    guide = factories.ResourceFactory(title="Guide de la mobilité solidaire")
    guide.file = files.upload("guide.pdf", files.PDF)
    guide.save()
    letter = factories.ResourceFactory(
        title="Lettre des adhérents", access_level=AccessLevel.MEMBERS, kind="lettre"
    )
    letter.file = files.upload("lettre.pdf", files.PDF)
    letter.save()
    factories.UserFactory(username="adherente", groups=[MEMBRE])
    return {"guide": guide, "letter": letter}


def test_filter_the_library_and_download_a_guide(live_server, page, library):
    page.goto(f"{live_server.url}/ressources/")
    expect(page.locator(".search__count")).to_have_text("2 ressources")

    page.get_by_label(re.compile(r"^Guide \(1")).check()

    expect(page.locator(".search__count")).to_have_text("1 ressource")
    expect(page).to_have_url(re.compile(r"type=guide"))
    page.get_by_role("link", name="Guide de la mobilité solidaire").click()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Télécharger \(PDF")).click()
    assert download.value.suggested_filename == "Guide de la mobilité solidaire.pdf"


def test_a_member_logs_in_to_download_a_reserved_letter(live_server, page, library):
    page.goto(f"{live_server.url}/ressources/{library['letter'].slug}/")

    page.get_by_role("link", name="connectez-vous").click()
    page.get_by_label("Identifiant").fill("adherente")
    page.get_by_label("Mot de passe").fill("mot-de-passe-de-test")
    with page.expect_download() as download:
        page.get_by_role("button", name="Se connecter").click()

    assert download.value.suggested_filename == "Lettre des adhérents.pdf"


def test_a_partner_sends_a_filled_spreadsheet(live_server, page, library, tmp_path):
    page.goto(f"{live_server.url}/experiences/proposer/")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"Excel \(XLSX\)")).click()
    template = tmp_path / download.value.suggested_filename
    download.value.save_as(template)
    workbook = openpyxl.load_workbook(template)
    sheet = workbook[card_template.SHEET]
    headers = [cell.value for cell in sheet[1]]
    row = {
        "Titre *": "Une recyclerie à Quimper",
        "Structure porteuse *": "Recyclerie de Cornouaille",
        "Région *": "Bretagne",
        "L'expérience *": "Une recyclerie ouverte en 2020.",
    }
    for column, header in enumerate(headers, start=1):
        sheet.cell(row=2, column=column, value=row.get(header))
    filled = tmp_path / "fiches.xlsx"
    workbook.save(filled)

    page.get_by_label("Votre nom et prénom").fill("Jeanne Martin")
    page.get_by_label("Votre adresse e-mail").fill("jeanne@example.org")
    page.get_by_label("Fichier Word (.docx) ou Excel (.xlsx)").set_input_files(filled)
    page.get_by_role("button", name="Envoyer le fichier").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Merci pour votre proposition")
    card = ExperienceCard.objects.get(title="Une recyclerie à Quimper")
    assert card.status == PublicationStatus.IN_REVIEW and card.region.code == "53"


def test_a_spreadsheet_with_errors_is_answered_row_by_row(live_server, page, library, tmp_path):
    content = io.BytesIO(card_template.build_xlsx())
    workbook = openpyxl.load_workbook(content)
    workbook[card_template.SHEET]["A2"] = "Sans porteur ni région"
    filled = tmp_path / "fiches.xlsx"
    workbook.save(filled)
    page.goto(f"{live_server.url}/experiences/proposer/")

    page.get_by_label("Votre nom et prénom").fill("Jeanne Martin")
    page.get_by_label("Votre adresse e-mail").fill("jeanne@example.org")
    page.get_by_label("Fichier Word (.docx) ou Excel (.xlsx)").set_input_files(filled)
    page.get_by_role("button", name="Envoyer le fichier").click()

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Rien n'a été enregistré")
    expect(alert).to_contain_text("Ligne 2 — Structure porteuse — Ce champ est obligatoire.")
    assert not ExperienceCard.objects.filter(title="Sans porteur ni région").exists()
