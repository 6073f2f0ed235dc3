"""Bulk import and export in the admin: French files, a dry run first, errors by row and
column, nothing written unless the whole file is valid, the same file twice changes
nothing, and separate permissions."""

import html
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from experiences.models import ExperienceCard
from organisations.models import Organisation
from territories.models import Departement
from tests import factories, files
from tests.admin_imports import (
    CSV,
    JSON,
    XLSX,
    confirm_card_import,
    confirm_import,
    preview_card_import,
    preview_import,
)
from tests.card_template_files import FILLED, filled_xlsx
from vita.models import PublicationStatus
from workgroups.models import WorkingGroup

pytestmark = pytest.mark.django_db

# As French Excel saves « CSV UTF-8 (délimité par des points-virgules) »: a BOM, « ; »,
# CRLF line ends, accents.
FRENCH_EXCEL_CSV = (
    "\ufeffNom;Sigle;Types de structure;Commune;Département;E-mail\r\n"
    "Régie de quartier de Rennes;RQR;Régie de quartier ou de territoire;Rennes;35;"
    "contact@rqr.fr\r\n"
    "Atelier Vélo Solidaire;;ACI, Association;Brest;29;\r\n"
).encode()


def test_a_french_excel_csv_is_previewed_then_imported(animator_client):
    preview = preview_import(animator_client, FRENCH_EXCEL_CSV)

    assert preview.status_code == 200
    assert not Organisation.objects.filter(name="Régie de quartier de Rennes").exists()
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["new", "new"]

    confirm_import(animator_client, preview)

    regie = Organisation.objects.get(name="Régie de quartier de Rennes")
    assert (regie.acronym, regie.town, regie.departement.code) == ("RQR", "Rennes", "35")
    assert regie.structure_types == ["regie_quartier"]
    assert regie.email == "contact@rqr.fr"
    velo = Organisation.objects.get(name="Atelier Vélo Solidaire")
    assert velo.structure_types == ["aci", "association"] and velo.slug == "atelier-velo-solidaire"


def test_a_comma_separated_csv_without_bom_imports_too(animator_client):
    content = 'Nom,Commune,Types de structure\n"Garage solidaire, Redon",Redon,"EI, AI"\n'

    preview = preview_import(animator_client, content.encode())
    confirm_import(animator_client, preview)

    garage = Organisation.objects.get(name="Garage solidaire, Redon")
    assert garage.structure_types == ["ei", "ai"]


def test_the_same_file_twice_changes_nothing(animator_client):
    confirm_import(animator_client, preview_import(animator_client, FRENCH_EXCEL_CSV))
    before = list(Organisation.objects.order_by("pk").values())

    again = preview_import(animator_client, FRENCH_EXCEL_CSV)

    assert [row.import_type for row in again.context["result"].rows] == ["skip", "skip"]
    confirm_import(animator_client, again)
    assert list(Organisation.objects.order_by("pk").values()) == before


def test_errors_name_their_row_and_column_in_french_and_nothing_is_written(animator_client):
    content = (
        "Nom;Département;Types de structure;E-mail\n"
        "Bonne structure;35;AI;\n"
        "Mauvais département;999;AI;\n"
        ";35;Coopérative martienne;pas-une-adresse\n"
    ).encode()

    preview = preview_import(animator_client, content)

    page = preview.content.decode()
    result = preview.context["result"]
    assert result.has_validation_errors()
    errors = {row.number: row.error_dict for row in result.invalid_rows}
    assert "« 999 » n&#x27;est pas un code de département connu." in page
    assert errors[2]["Département"] == ["« 999 » n'est pas un code de département connu."]
    assert errors[3]["Types de structure"] == [
        "« Coopérative martienne » n'est pas un type de structure connu."
    ]
    assert errors[3]["E-mail"] == ["Saisissez une adresse e-mail valide."]
    assert errors[3]["Nom"] == ["Ce champ ne peut pas être vide."]
    assert "confirm_form" not in preview.context or preview.context["confirm_form"] is None
    assert not Organisation.objects.filter(name="Bonne structure").exists()


@pytest.mark.parametrize(
    ("name", "file_format", "content", "code"),
    [
        ("structures.csv", CSV, "Nom;Commune\nAtelier\x01Vélo;Brest\n", "U+0001"),
        ("structures.json", JSON, '[{"Nom": "Atelier\\u0000Vélo", "Commune": "Brest"}]', "U+0000"),
    ],
)
def test_a_cell_the_portal_cannot_store_is_named_and_nothing_is_read(
    animator_client, name, file_format, content, code
):
    """A control character was imported, and every XLSX export of the row then failed; a
    NUL was reported as PostgreSQL's own English message."""
    preview = preview_import(animator_client, content.encode(), name=name, file_format=file_format)

    assert preview.status_code == 200
    assert preview.context.get("result") is None  # refused before the preview
    # Named as the public form names a row: the spreadsheet's number, the header is row 1.
    assert (
        "Ligne 2 — Nom — Ce texte contient un caractère invisible que le site n'accepte "
        f"pas ({code})" in html.unescape(preview.content.decode())
    )
    assert not Organisation.objects.filter(name__startswith="Atelier").exists()


def test_export_then_import_is_a_no_op(animator_client):
    network = factories.OrganisationFactory(name="COORACE", slug="coorace")
    aire = factories.OrganisationFactory(
        name="AIRE, insertion", structure_types=["ai", "etti"],
        departement=Departement.objects.get(code="35"), parent=network,
    )  # fmt: skip
    aire.networks.add(network)
    exported = animator_client.post(
        reverse("admin:organisations_organisation_export"),
        {"format": CSV, **{f"organisationsheet_{name}": True for name in _fields()}},
    )
    content = exported.content
    assert "AIRE, insertion" in content.decode()
    before = list(Organisation.objects.order_by("pk").values())

    preview = preview_import(animator_client, content)

    assert {row.import_type for row in preview.context["result"].rows} == {"skip"}
    confirm_import(animator_client, preview)
    assert list(Organisation.objects.order_by("pk").values()) == before


def _fields():
    from organisations.organisation_spreadsheet import OrganisationSheet

    return list(OrganisationSheet().fields)


def test_import_and_export_each_need_their_own_permission(client):
    user = factories.UserFactory(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(
        codename__in=["view_organisation", "import_organisation"]
    ))  # fmt: skip
    client.force_login(user)

    assert client.get(reverse("admin:organisations_organisation_import")).status_code == 200
    assert client.get(reverse("admin:organisations_organisation_export")).status_code == 403
    user.user_permissions.set(Permission.objects.filter(
        codename__in=["view_organisation", "export_organisation"]
    ))  # fmt: skip
    user = type(user).objects.get(pk=user.pk)  # permissions are cached on the instance
    client.force_login(user)
    assert client.get(reverse("admin:organisations_organisation_import")).status_code == 403
    assert client.get(reverse("admin:organisations_organisation_export")).status_code == 200


def test_the_preview_says_what_each_row_changes(animator_client):
    factories.OrganisationFactory(name="AIRE", slug="aire", town="Rennes")
    content = b"Identifiant;Nom;Commune\naire;AIRE;Saint-Malo\n"

    preview = preview_import(animator_client, content)

    row = preview.context["result"].rows[0]
    assert row.import_type == "update"
    assert re.search(r"Saint-Malo", " ".join(str(value) for value in row.diff))


# -- experience cards --------------------------------------------------------------------


def test_the_library_s_xlsx_template_imports_as_it_is(animator_client, group_a2):
    second = FILLED | {"Titre": "Une deuxième fiche", "Département": "56, 29",
                       "Atelier ou groupe de travail": "A2 — Alliances stratégiques"}  # fmt: skip
    content = filled_xlsx([FILLED, second])

    preview = preview_card_import(animator_client, content, "fiches.xlsx", XLSX)

    result = preview.context["result"]
    assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    assert [row.import_type for row in result.rows] == ["new", "new"]
    assert not ExperienceCard.objects.exists()
    confirm_card_import(animator_client, preview)
    card = ExperienceCard.objects.get(title=FILLED["Titre"])
    assert card.status == PublicationStatus.DRAFT
    assert card.porteur.name == "Garage solidaire du Pays de Redon"
    assert card.porteur.structure_types == ["aci"]
    assert sorted(p.name for p in card.partners.all()) == ["Conseil départemental",
                                                           "Mission locale"]  # fmt: skip
    assert (card.region.code, card.scale, card.milieux) == ("53", "intercommunalite", ["rural"])
    assert [d.code for d in card.departements.all()] == ["35"]
    assert [p.text for p in card.points.filter(kind="frein")] == ["Le coût des pièces",
                                                                  "Les horaires"]  # fmt: skip
    other = ExperienceCard.objects.get(title="Une deuxième fiche")
    assert sorted(d.code for d in other.departements.all()) == ["29", "56"]
    assert [g.code for g in other.working_groups.all()] == ["A2"]

    again = preview_card_import(animator_client, content, "fiches.xlsx", XLSX)
    assert [row.import_type for row in again.context["result"].rows] == ["skip", "skip"]


def test_cards_export_then_import_is_a_no_op(animator_client, group_a2):
    card = factories.ExperienceCardFactory(title="Clauses sociales", milieux=["rural", "urbain"])
    card.departements.add(*Departement.objects.filter(code__in=["35", "56"]))
    card.partners.add(factories.OrganisationFactory(name="Mission locale, Rennes"))
    factories.CardListingFactory(card=card, working_group=WorkingGroup.objects.get(code="A2"))
    factories.CardPointFactory(card=card, kind="frein", text="Un frein, avec virgule")
    factories.CardToolFactory(card=card, text="Une convention")
    from experiences.card_spreadsheet import CardSheet

    for file_format in (CSV, XLSX, JSON):
        exported = animator_client.post(
            reverse("admin:experiences_experiencecard_export"),
            {"format": file_format, **{f"cardsheet_{n}": True for n in CardSheet().fields}},
        )
        name = {CSV: "fiches.csv", XLSX: "fiches.xlsx", JSON: "fiches.json"}[file_format]

        preview = preview_card_import(animator_client, exported.content, name, file_format)

        result = preview.context["result"]
        assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
        assert [row.import_type for row in result.rows] == ["skip"], file_format


def test_card_errors_name_row_and_column(animator_client, group_a2):
    content = (
        "Titre;Structure porteuse;Région;L'expérience;Département;Atelier ou groupe de travail;"
        "Année de début\n"
        "Bonne;AIRE;Bretagne;Texte;35;A2;2019\n"
        "Mauvaise;;Atlantide;;99999;Z9;l'an dernier\n"
    ).encode()

    preview = preview_card_import(animator_client, content, "fiches.csv", CSV)

    errors = {row.number: row.error_dict for row in preview.context["result"].invalid_rows}
    assert set(errors) == {2}
    assert errors[2]["Région"] == ["« Atlantide » n'est pas une région connue."]
    assert errors[2]["Département"] == ["« 99999 » : pas un département connu."]
    assert errors[2]["Atelier ou groupe de travail"] == ["« Z9 » : pas un groupe de travail connu."]
    assert errors[2]["Structure porteuse"] == ["Ce champ est obligatoire."]
    assert errors[2]["Année de début"] == [
        "« l'an dernier » n'est pas une année (par exemple 2019)."
    ]
    assert not ExperienceCard.objects.exists() and not Organisation.objects.filter(name="AIRE")


# -- every kind, on the imported content ---------------------------------------------------

KINDS = [
    ("organisations", "organisation", "organisationsheet"),
    ("organisations", "person", "personsheet"),
    ("workgroups", "workinggroup", "workinggroupsheet"),
    ("resources", "resource", "librarysheet"),
    ("experiences", "experiencecard", "cardsheet"),
]


@pytest.mark.parametrize(("app", "model", "resource"), KINDS)
def test_every_kind_exports_and_imports_back_unchanged_on_the_real_content(
    animator_client, imported, app, model, resource
):
    """The shipped documents' records, exported to XLSX and imported again: every row
    unchanged (the export speaks the import's language)."""
    from django.apps import apps

    model_class = apps.get_model(app, model)
    admin_resource = {r.__name__.lower(): r for r in _resource_classes(model_class)}[resource]
    exported = animator_client.post(
        reverse(f"admin:{app}_{model}_export"),
        {"format": XLSX, **{f"{resource}_{name}": True for name in admin_resource().fields}},
    )
    assert exported.status_code == 200

    preview = animator_client.post(
        reverse(f"admin:{app}_{model}_import"),
        {"format": XLSX, "import_file": files.upload("export.xlsx", exported.content)},
    )

    result = preview.context["result"]
    assert not result.has_errors(), [e.traceback for row in result.rows for e in row.errors][:1]
    assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows][:3]
    changed = [row.object_repr for row in result.rows if row.import_type != "skip"]
    assert changed == [], changed[:5]
    assert len(result.rows) == model_class.objects.count()


def _resource_classes(model_class):
    from django.contrib import admin

    return admin.site._registry[model_class].resource_classes


def test_an_export_follows_the_change_list_s_filters_and_search(animator_client):
    factories.ExperienceCardFactory(title="Publiée à Rennes", status=PublicationStatus.PUBLISHED)
    factories.ExperienceCardFactory(title="Brouillon à Rennes", status=PublicationStatus.DRAFT)
    factories.ExperienceCardFactory(title="Publiée à Brest", status=PublicationStatus.PUBLISHED)
    from experiences.card_spreadsheet import CardSheet

    url = reverse("admin:experiences_experiencecard_export") + "?status__exact=published&q=Rennes"
    exported = animator_client.post(
        url, {"format": CSV, **{f"cardsheet_{n}": True for n in CardSheet().fields}}
    )

    content = exported.content.decode()
    assert "Publiée à Rennes" in content
    assert "Brouillon à Rennes" not in content and "Publiée à Brest" not in content


def test_a_wrong_date_is_named_by_row_and_column(animator_client):
    content = "Code;Nom;Programme;Début\nX1;Groupe;vita;31/13/2008\n".encode()
    factories.ProgrammeFactory(slug="vita")

    preview = animator_client.post(
        reverse("admin:workgroups_workinggroup_import"),
        {"format": CSV, "import_file": files.upload("groupes.csv", content)},
    )

    errors = {row.number: row.error_dict for row in preview.context["result"].invalid_rows}
    assert errors == {1: {"Début": ["« 31/13/2008 » n'est pas une date (par exemple 31/12/2008)."]}}


def test_a_point_over_several_lines_is_one_item_of_its_cell():
    """A levier printed with its bullets keeps its lines: as soon as one item holds a line
    break, the items of a cell are separated by a blank line; one per line otherwise."""
    from vita.spreadsheets import ItemsWidget

    widget = ItemsWidget()
    items = ["Nous avons bénéficié :\n- d'un budget ;\n- d'une salle.", "Un second levier."]
    assert widget.render(items) == "".join(f"{item}\n\n" for item in items)
    assert widget.clean(widget.render(items)) == items
    # A single item over several lines is one item too (G2-8's tool and its list).
    assert widget.clean(widget.render(items[:1])) == items[:1]
    assert widget.clean("Un frein\r\nUn autre frein\n") == ["Un frein", "Un autre frein"]
    assert widget.render(["Un frein", "Un autre"]) == "Un frein\nUn autre"
