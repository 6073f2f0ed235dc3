"""The admin's import preview in human terms, and the exports French Excel opens: errors
first by row and column (the public form's row numbers), only what changes shown, the
unchanged rows counted and shown on demand, long texts as a diff; CSV exports with « ; »
and a BOM, the field picker in French."""

import html
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from experiences import card_template
from experiences.models import ExperienceCard
from organisations.models import Organisation
from tests import factories, files
from tests.admin_imports import CSV, XLSX, preview_card_import, preview_import
from tests.card_template_files import FILLED, filled_xlsx
from vita.spreadsheet_preview import ImportPreview

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", response.content.decode()))


# -- one row number convention -------------------------------------------------------------


def test_a_row_is_named_by_its_spreadsheet_number_as_the_public_form_names_it(
    animator_client,
):
    """The same filled template, a blank row in it, sent to the public form and to the
    admin's import: both name the wrong row « Ligne 4 » (the header is row 1; the blank
    row 3 keeps its place)."""
    content = filled_xlsx([FILLED, {}, FILLED | {"Titre": "Une autre", "Région": "Atlantide"}])
    upload = files.upload("fiches.xlsx", content)

    _format, _proposals, public = card_template.read_proposals(
        upload, card_template.template_fields()
    )
    preview = preview_card_import(animator_client, content, "fiches.xlsx", XLSX)

    assert [message.split(" — ")[:2] for message in public] == [["Ligne 4", "Région"]]
    errors = preview.context["preview"].errors
    assert [(error.line, error.column) for error in errors] == [(4, "Région")]
    assert str(errors[0]) == "Ligne 4 — Région — « Atlantide » n'est pas une région connue."
    assert re.search(r"<td[^>]*>4</td>\s*<td[^>]*>Région</td>", preview.content.decode())
    assert not ExperienceCard.objects.exists()


def test_a_blank_csv_row_keeps_its_place_in_the_numbering(animator_client):
    content = "Nom;Département\nRégie;35\n;\nAtelier;999\n".encode()

    preview = preview_import(animator_client, content)

    assert [str(e) for e in preview.context["preview"].errors] == [
        "Ligne 4 — Département — « 999 » n'est pas un code de département connu."
    ]


# -- errors first, unchanged rows collapsed --------------------------------------------------


def test_errors_come_first_with_row_column_and_french_message(animator_client):
    factories.OrganisationFactory(name="Régie", slug="regie", town="Rennes")
    content = (
        "Identifiant;Nom;Commune;Département\n"
        "regie;Régie;Rennes;35\n"  # unchanged
        "nouvelle;Nouvelle structure;Brest;29\n"
        "mauvaise;Mauvaise;Vannes;999\n"
    ).encode()

    preview = preview_import(animator_client, content)

    page = preview.content.decode()
    assert "Rien ne sera importé : 1 erreur sur 1 ligne" in html.unescape(page)
    errors_at, new_at = page.index("<caption>Erreurs</caption>"), page.index("Nouvelles lignes")
    assert errors_at < new_at
    assert '<details class="import-section" open>' in page  # a few new rows: shown
    assert "Mauvaise" not in page[new_at:]  # a row in error is not previewed as new
    assert preview.context["preview"].summary == (
        "3 lignes : 1 nouvelle, 0 modifiée, 1 inchangée, 1 en erreur."
    )
    assert not Organisation.objects.filter(name="Nouvelle structure").exists()


def test_unchanged_rows_are_counted_and_listed_on_demand_only(animator_client):
    for n in range(30):
        factories.OrganisationFactory(
            name=f"Structure {n}", slug=f"structure-{n}", town="Ville-inchangée"
        )
    lines = [f"structure-{n};Structure {n};Ville-inchangée" for n in range(30)]
    lines[7] = "structure-7;Structure 7;Quimper"
    content = ("Identifiant;Nom;Commune\n" + "\n".join(lines) + "\n").encode()

    preview = preview_import(animator_client, content)

    page = preview.content.decode()
    shaped = preview.context["preview"]
    assert (len(shaped.updated_rows), len(shaped.unchanged_rows)) == (1, 29)
    assert re.search(r"<details class=\"import-unchanged\">\s*<summary>29 lignes inchangées", page)
    assert page.count("Ville-inchangée") == 1  # only in the changed row's diff: its old value
    (changed,) = shaped.updated_rows
    assert changed.line == 9 and [column for column, _cell in changed.cells] == ["Commune"]
    assert "<del>Ville-inchangée</del> → <ins>Quimper</ins>" in page
    assert "Ligne 2 — Structure 0" in html.unescape(page)  # listed inside <details>


def test_a_long_text_changed_by_one_word_is_shown_as_a_word_diff(animator_client):
    long_text = " ".join(f"mot{n}" for n in range(400))
    card = factories.ExperienceCardFactory(title="Garage", slug="garage", actions=long_text)
    changed = long_text.replace("mot200", "remplacé")
    content = (
        f"Identifiant;Titre;Structure porteuse;Région;L'expérience\n"
        f"garage;Garage;{card.porteur.slug};{card.region.name};{changed}\n"
    ).encode()

    preview = preview_card_import(animator_client, content, "fiches.csv", CSV)

    (row,) = preview.context["preview"].updated_rows
    (column, cell) = row.cells[0]
    shown = cell.__html__()
    assert column == "L'expérience"
    assert "<del>mot200</del><ins>remplacé</ins>" in shown
    assert "[…]" in shown and "mot10 " not in shown and len(shown) < 600


def test_the_preview_escapes_what_the_file_holds(animator_client):
    content = b"Nom;Commune\n<script>alert(1)</script>;<b>Brest</b>\n"

    page = preview_import(animator_client, content).content.decode()

    assert "<script>alert(1)" not in page and "<b>Brest" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_preview_of_a_thousand_rows_stays_a_few_lines_per_changed_row(animator_client):
    """Today's page of a large file was 107,000 px tall: unchanged rows are now one line
    each inside a closed <details>, new rows one line each, their cells on demand."""
    content = "Nom;Commune;Département;Présentation\n" + "".join(
        f"Structure {n};Rennes;35;{'Une longue présentation. ' * 40}\n" for n in range(300)
    )

    preview = preview_import(animator_client, content.encode())

    page = preview.content.decode()
    assert len(preview.context["preview"].new_rows) == 300
    # The 300 new rows on demand (a closed section), each row's cells on demand too.
    assert re.search(r'<details class="import-section">\s*<summary>Nouvelles lignes \(300\)', page)
    assert page.count("<details>") == 300
    assert page.count("Une longue présentation.") <= 300 * 8  # cut to 160 characters


# -- exports ----------------------------------------------------------------------------------


def test_the_csv_export_opens_in_french_excel(animator_client):
    factories.OrganisationFactory(name="Régie de quartier, Rennes", town="Rennes")
    from organisations.organisation_spreadsheet import OrganisationSheet

    response = animator_client.post(
        reverse("admin:organisations_organisation_export"),
        {
            "format": CSV,
            **{f"organisationsheet_{n}": True for n in OrganisationSheet().fields},
        },
    )

    content = response.content
    assert content.startswith("\ufeff".encode())  # UTF-8 with a BOM
    header, first = content.decode("utf-8-sig").splitlines()[:2]
    assert header.startswith("Identifiant;Nom;Sigle;Types de structure;")
    assert first.split(";")[1] == "Régie de quartier, Rennes"  # a comma needs no quotes
    assert "charset=utf-8" in response["Content-Type"]


def test_the_xlsx_export_stays(animator_client):
    factories.OrganisationFactory(name="Régie")
    from organisations.organisation_spreadsheet import OrganisationSheet

    response = animator_client.post(
        reverse("admin:organisations_organisation_export"),
        {
            "format": XLSX,
            **{f"organisationsheet_{n}": True for n in OrganisationSheet().fields},
        },
    )

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]][:2] == ["Identifiant", "Nom"]


@pytest.mark.parametrize(
    ("model", "labels", "not_shown"),
    [
        ("experiences/experiencecard", ["Structure porteuse", "Région", "Freins rencontrés"],
         ["Porteur Slug", "Title", "Working Group"]),
        ("organisations/organisation", ["Types de structure", "Structure mère"],
         ["Structure Types", "Postal Code"]),
    ],
)  # fmt: skip
def test_the_export_field_picker_speaks_french(animator_client, model, labels, not_shown):
    page = html.unescape(animator_client.get(f"/admin/{model}/export/").content.decode())

    for label in labels:
        assert f">{label}</label>" in page
    for label in not_shown:
        assert label not in page


def test_the_preview_shape_needs_no_database_for_a_result_without_rows():
    from import_export.results import Result

    result = Result()
    result.total_rows = 0

    assert ImportPreview(result).summary == "0 ligne : 0 nouvelle, 0 modifiée, 0 inchangée."
