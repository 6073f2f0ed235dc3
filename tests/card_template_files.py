"""The « Modèle de fiche expérience » filled in as a partner fills it, in Word and Excel."""

import io

import docx
import openpyxl
from django.urls import reverse

from experiences import card_template
from tests import files

# Who sends a proposal.
SUBMITTER = {"contact_name": "Jeanne Martin", "contact_email": "jeanne@aire35.fr"}

# What a partner writes, by template label; choices by their label, as the lists show them.
FILLED = {
    "Titre": "Un garage solidaire en Pays de Redon",
    "En bref": "Des voitures réparées à petit prix pour les salariés en insertion.",
    "Catégorie": "Expérience de SIAE",
    "Structure porteuse": "Garage solidaire du Pays de Redon",
    "Type de structure du porteur": "Atelier et chantier d'insertion (ACI)",
    "Partenaires": "Mission locale\nConseil départemental",
    "Région": "Bretagne",
    "Département": "Ille-et-Vilaine (35)",
    "Nom du territoire": "Pays de Redon",
    "Échelle": "Intercommunalité / pays",
    "Milieu": "Rural",
    "Année de début": 2019,
    "L'expérience": "Un atelier de réparation ouvert aux salariés des SIAE.",
    "Freins rencontrés": "Le coût des pièces\nLes horaires",
    "Leviers": "Un partenariat avec un casse automobile",
    "Outils et ressources": "Convention type de mise à disposition",
}


def filled_xlsx(rows, headers=None) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(card_template.build_xlsx()))
    sheet = workbook[card_template.SHEET]
    headers = headers or [cell.value for cell in sheet[1]]
    for number, row in enumerate(rows, start=2):
        for column, header in enumerate(headers, start=1):
            label = header.rstrip(" *")
            if label in row:
                sheet.cell(row=number, column=column, value=row[label])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def filled_docx(answers) -> bytes:
    document = docx.Document(io.BytesIO(card_template.build_docx()))
    for table_row in document.tables[0].rows:
        label = table_row.cells[0].paragraphs[0].text.rstrip(" *")
        if label in answers:
            table_row.cells[1].text = str(answers[label])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def send_proposal(client, name, content, **submitter):
    """Posts a filled template to « Proposer une expérience »."""
    return client.post(
        reverse("experiences:propose"),
        {**SUBMITTER, **submitter, "mode": "fichier", "fichier": files.upload(name, content)},
    )
